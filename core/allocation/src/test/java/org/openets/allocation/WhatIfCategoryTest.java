package org.openets.allocation;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openets.allocation.Units.unit;

/** A what-if line, and so a comparison line, names the category the unit was allocated under, also when the ruleset matched it from fuel and capacity. */
class WhatIfCategoryTest {
    @Test void aMatchedCategoryIsNamedNotLeftBlank() {
        UnitInput u = unit("GD-1000-1", "").entity("E-1000").fuel("COAL").capacity("1000").cooling("WATER")
                .generation("5000000").supply("4750000").verified(4_000_000).build();
        WhatIf.Result national = WhatIf.run(Units.configured("CN-POWER-2017-DRAFT", "fuel-heat-value.factor", "USC_1000", "1"), 2017, List.of(u),
                WhatIf.Basis.TOTAL, List.of());
        WhatIf.Result guangdong = WhatIf.run(Ruleset.bundled("GD-2016"), 2016, List.of(u), WhatIf.Basis.TOTAL, List.of());
        assertThat(national.lines().get(0).category()).isEqualTo("USC_1000");
        assertThat(guangdong.lines().get(0).category()).isEqualTo("COAL_1000");
        assertThat(Comparison.compare(national, guangdong).lines().get(0).category()).isEqualTo("USC_1000 / COAL_1000");
    }

    /** GD-2016 rounds per entity with a [U] mode: the what-if rounds each line with it, so each line is badged [U]. */
    @Test void aLineRoundedWithAnUnconfirmedModeIsBadged() {
        var w = WhatIf.run(Ruleset.bundled("GD-2016"), 2016, java.util.List.of(
                Units.unit("RI", "RESOURCE_INTEGRATION").historical("100", "200", "300").verified(250).build()), WhatIf.Basis.TOTAL, java.util.List.of());
        org.assertj.core.api.Assertions.assertThat(w.lines().get(0).allocation().unconfirmed()).isEmpty();
        org.assertj.core.api.Assertions.assertThat(w.lines().get(0).unconfirmed()).isTrue();
    }
}
