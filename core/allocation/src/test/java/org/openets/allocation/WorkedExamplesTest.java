package org.openets.allocation;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openets.allocation.Units.unit;

/** The worked examples of rules-reference §8 that concern allocation, reproduced exactly. */
class WorkedExamplesTest {
    /** The 1000 MW unit of the newsletter: 5,000 h → 5,000,000 MWh generated, 5 % own use → 4,750,000 MWh supplied. */
    static Units newsletterUnit(String category) {
        return unit("GD-1000-1", category).entity("E-1000").fuel("COAL").capacity("1000").cooling("WATER")
                .generation("5000000").supply("4750000").verified(4_000_000);
    }

    /** The 2017 draft as shipped has the fuel-heat-value factor UNKNOWN; the example takes the factors as 1. */
    static Ruleset national2017FactorsOne() { return Units.configured("CN-POWER-2017-DRAFT", "fuel-heat-value.factor", "USC_1000", "1"); }

    @Test void example1_nationalVersusGuangdong() {
        var nat = WhatIf.run(national2017FactorsOne(), 2017, List.of(newsletterUnit("USC_1000").build()), WhatIf.Basis.TOTAL, List.of());
        var gd = WhatIf.run(Ruleset.bundled("GD-2016"), 2016, List.of(newsletterUnit("COAL_1000").build()), WhatIf.Basis.TOTAL, List.of());
        var cmp = Comparison.compare(nat, gd);
        assertThat(cmp.totalA()).isEqualTo(3_831_350);
        assertThat(cmp.totalB()).isEqualTo(4_125_000);
        assertThat(cmp.difference()).isEqualTo(-293_650);
        assertThat(cmp.ratio()).isEqualByComparingTo("0.9288");
        Comparison.Line l = cmp.lines().get(0);
        assertThat(l.perGenerationA()).isEqualByComparingTo("0.76627");
        assertThat(l.perGenerationB()).isEqualByComparingTo("0.82500");
        assertThat(l.perSupplyB()).isEqualByComparingTo("0.86842");
        assertThat(l.perSupplyA()).isEqualByComparingTo("0.80660");
        assertThat(cmp.statedBasis()).isEqualTo("TOTAL allowance; A = CN-POWER-2017-DRAFT 2017 on SUPPLY; B = GD-2016 2016 on GENERATION");
    }

    @Test void example1_matchesTheCategoryFromFuelAndCapacity() {
        Allocation gd = new Allocator(Ruleset.bundled("GD-2016")).allocate(2016, Stage.FINAL, List.of(newsletterUnit("").build()));
        assertThat(gd.units().get(0).category().code()).isEqualTo("COAL_1000");
        assertThat(gd.total()).isEqualTo(4_125_000);
        assertThat(gd.units().get(0).trace().get(0).rule()).isEqualTo("CATEGORY");
    }

    @Test void example1a_guangdongFreeAndPaid() {
        Allocation gd = new Allocator(Ruleset.bundled("GD-2016")).allocate(2016, Stage.FINAL, List.of(newsletterUnit("COAL_1000").build()));
        assertThat(gd.free()).isEqualTo(3_918_750);
        assertThat(gd.paid()).isEqualTo(206_250);
        assertThat(gd.entities().get(0).trace()).anySatisfy(s -> assertThat(s.rule()).isEqualTo("FREE_PAID"));
    }

    @Test void example1b_2017DraftPreAllocation() {
        Allocation pre = new Allocator(national2017FactorsOne()).allocate(2017, Stage.PRE_ALLOCATION, List.of(newsletterUnit("USC_1000").build()));
        assertThat(pre.total()).isEqualTo(2_681_945);
        assertThat(pre.units().get(0).exact()).isEqualByComparingTo("2681945");
        // the configured row is still [U], so the line says so
        assertThat(pre.unconfirmed()).contains("fuel-heat-value.factor[USC_1000]", "cooling.factor[WATER]");
    }

    @Test void example1b_asShippedStopsAtTheUnknownFactorNamingItAndTheUnit() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(AllocationException.class, () ->
                new Allocator(Ruleset.bundled("CN-POWER-2017-DRAFT")).allocate(2017, Stage.PRE_ALLOCATION, List.of(newsletterUnit("USC_1000").build())));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(Problem.Code.UNKNOWN_PARAMETER);
            assertThat(p.field()).isEqualTo("fuel-heat-value.factor[USC_1000]");
            assertThat(p.unitId()).isEqualTo("GD-1000-1");
        });
    }

    @Test void example11_loadFactorCurve2019() {
        String[][] cases = {{"0.90", "1"}, {"0.85", "1"}, {"0.80", "1.007"}, {"0.75", "1.015"}, {"0.70", "1.030225"}, {"0.60", "1.06136355"}, {"0.50", "1.093443"}};
        Ruleset r = Ruleset.bundled("CN-POWER-2019-2020");
        for (String[] c : cases) {
            Allocation a = new Allocator(r).allocate(2019, Stage.FINAL, List.of(unit("U", "COAL_300_PLUS").cooling("WATER").supply("1000000").load(c[0]).build()));
            TraceStep load = a.units().get(0).trace().stream().filter(s -> s.rule().equals("LOAD")).findFirst().orElseThrow();
            // the reference rounds its table to 5 places; the computation keeps the exact factor
            assertThat(load.value().setScale(5, java.math.RoundingMode.HALF_UP)).as("F=" + c[0])
                    .isEqualByComparingTo(new BigDecimal(c[1]).setScale(5, java.math.RoundingMode.HALF_UP));
            assertThat(load.unconfirmed()).isTrue();
        }
        // and the table of the reference, 5 places: 1.0 / 1.0 / 1.007 / 1.015 / 1.03022 / 1.06136 / 1.09344
        assertThat(new BigDecimal("1.06136355").setScale(5, java.math.RoundingMode.HALF_UP)).isEqualByComparingTo("1.06136");
        assertThat(new BigDecimal("1.093443").setScale(5, java.math.RoundingMode.HALF_UP)).isEqualByComparingTo("1.09344");
    }

    @Test void example12_pureCondensingAirCooledUnit() {
        Allocation a = new Allocator(Ruleset.bundled("CN-POWER-2019-2020")).allocate(2019, Stage.FINAL,
                List.of(unit("U12", "COAL_300_PLUS").cooling("AIR").supply("3000000").load("0.70").build()));
        UnitAllocation u = a.units().get(0);
        assertThat(u.exact()).isEqualByComparingTo("2846048.07375");
        assertThat(u.exact().setScale(2, java.math.RoundingMode.HALF_UP)).isEqualByComparingTo("2846048.07");
        assertThat(u.rounded()).isEqualTo(2_846_048L);
        assertThat(u.trace()).extracting(TraceStep::rule).containsExactly("BENCHMARK", "COOLING", "HEAT_RATIO", "LOAD", "HEAT", "UNIT_TOTAL", "ROUNDING", "FREE_PAID");
    }

    @Test void example18_2017DraftCementAndAluminiumPreAllocation() {
        Allocation pre = new Allocator(Ruleset.bundled("CN-INDUSTRY-2017-DRAFT")).allocate(2017, Stage.PRE_ALLOCATION, List.of(
                unit("CLINKER-1", "CEMENT_CLINKER").entity("CEM").clinker("1000000").build(),
                unit("AL-1", "ALUMINIUM").entity("ALU").aluminium("100000").build()));
        assertThat(pre.units().get(0).rounded()).isEqualTo(426_700);
        assertThat(pre.units().get(1).rounded()).isEqualTo(455_660);
        assertThat(pre.unconfirmed()).isNotEmpty(); // rounding is [U]
    }

    @Test void example19_industry2024And2025() {
        Ruleset r = Ruleset.bundled("CN-INDUSTRY-2024-2025");
        Allocation y2024 = new Allocator(r).allocate(2024, Stage.FINAL, List.of(unit("LINE-1", "CEMENT_CLINKER").clinker("1000000").verified(800_000).build()));
        assertThat(y2024.total()).isEqualTo(800_000);
        Allocation pre2024 = new Allocator(r).allocate(2024, Stage.PRE_ALLOCATION, List.of(unit("LINE-1", "CEMENT_CLINKER").clinker("1000000").verified(800_000).build()));
        assertThat(pre2024.total()).isZero();
        Allocation pre2025 = new Allocator(r).allocate(2025, Stage.PRE_ALLOCATION, List.of(unit("LINE-1", "CEMENT_CLINKER").previousVerified(800_000).build()));
        assertThat(pre2025.total()).isEqualTo(560_000);
        // the 2025 final formula ships UNKNOWN: an error naming it and the unit
        var e = org.junit.jupiter.api.Assertions.assertThrows(AllocationException.class, () ->
                new Allocator(r).allocate(2025, Stage.FINAL, List.of(unit("LINE-1", "CEMENT_CLINKER").clinker("1000000").verified(790_000).build())));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(Problem.Code.UNKNOWN_PARAMETER);
            assertThat(p.field()).isEqualTo("benchmark[CEMENT_CLINKER]");
        });
        // exempt lines are verified emissions in 2025
        Allocation exempt = new Allocator(r).allocate(2025, Stage.FINAL, List.of(unit("WHITE-1", "CEMENT_CLINKER_EXEMPT").verified(123_456).build()));
        assertThat(exempt.total()).isEqualTo(123_456);
    }
}
