package org.openets.emissions;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openets.emissions.EmissionsFixture.*;

/** Entity → facility → installation; versions with validity periods, and a year reads the version valid then. */
class FacilitiesTest {
    final CoveredEntity e1 = entity();

    static BigDecimal capacity(InstallationVersion v) { return ((InstallationSpec.GeneratingUnit) v.spec()).capacityMw(); }

    @Test
    void eachYearReadsTheVersionValidThenAndLaterVersionsLeaveEarlierYearsAlone() {
        Installation g4 = e1.installation(InstallationId.of("G4")).orElseThrow();
        assertThat(capacity(g4.versionForYear(2022).orElseThrow())).isEqualByComparingTo("300");
        assertThat(capacity(g4.versionForYear(2024).orElseThrow())).isEqualByComparingTo("330");
        assertThat(capacity(g4.versionIn(YearMonth.of(2024, 2)).orElseThrow())).isEqualByComparingTo("300");
        assertThat(capacity(g4.versionIn(YearMonth.of(2024, 3)).orElseThrow())).isEqualByComparingTo("330");
        assertThat(g4.versionForYear(2009)).isEmpty();
    }

    @Test
    void aVersionIsValidUntilTheDayBeforeTheNextOne() {
        Installation g4 = e1.installation(InstallationId.of("G4")).orElseThrow();
        assertThat(g4.validTo(g4.versions().get(0))).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(g4.validTo(g4.versions().get(1))).isNull();
    }

    @Test
    void addingAVersionLeavesTheEarlierOnesAsTheyWere() {
        Installation g1 = e1.installation(InstallationId.of("G1")).orElseThrow();
        Installation next = g1.withVersion(LocalDate.of(2025, 1, 1), unit(UnitCategory.CONVENTIONAL_COAL_ABOVE_300MW, "630", null), "uprated");
        assertThat(next.versions()).startsWith(g1.versions().toArray(InstallationVersion[]::new)).hasSize(2);
        assertThat(g1.versions()).hasSize(1);
    }

    @Test
    void versionsMustStartInOrderAndKeepTheirKindAndReason() {
        Installation g1 = e1.installation(InstallationId.of("G1")).orElseThrow();
        assertThatThrownBy(() -> g1.withVersion(SINCE, unit(UnitCategory.GAS, "600", null), "same day")).hasMessageContaining("increasing order");
        assertThatThrownBy(() -> g1.withVersion(LocalDate.of(2025, 1, 1),
                new InstallationSpec.ClinkerLine(BigDecimal.TEN, SINCE, null, "Anhui", "Wuhu"), "became a kiln")).hasMessageContaining("another kind");
        assertThatThrownBy(() -> g1.withVersion(LocalDate.of(2025, 1, 1), unit(UnitCategory.GAS, "600", null), " ")).hasMessageContaining("reason");
    }

    @Test
    void anInstallationOperatesFromTheMonthItWasCommissionedToTheMonthItClosed() {
        Installation g3 = e1.installation(InstallationId.of("G3")).orElseThrow();
        assertThat(g3.operatesIn(YearMonth.of(2022, 6))).isTrue();
        assertThat(g3.operatesIn(YearMonth.of(2022, 7))).isFalse();
        InstallationSpec late = unit(UnitCategory.GAS, "100", null);
        Installation g9 = Installation.of(InstallationId.of("G9"), LocalDate.of(2022, 5, 20),
                new InstallationSpec.GeneratingUnit(UnitCategory.GAS, BigDecimal.TEN, PressureClass.NOT_APPLICABLE, Cooling.AIR, false,
                        LocalDate.of(2022, 5, 20), null, "Guangdong", "Foshan"), "commissioned");
        assertThat(g9.operatesIn(YearMonth.of(2022, 4))).isFalse();
        assertThat(g9.operatesIn(YearMonth.of(2022, 5))).isTrue();
        assertThat(late.operatesIn(YearMonth.of(2009, 12))).isFalse();
    }

    @Test
    void installationIdsAreUniqueWithinTheEntityBecauseSheetsNameUnitsByIdAlone() {
        Installation a = Installation.of(InstallationId.of("G1"), SINCE, unit(UnitCategory.GAS, "100", null), "registered");
        assertThatThrownBy(() -> new CoveredEntity(E1, "x", CN, List.of(new Facility(FacilityId.of("F1"), "a", List.of(a)),
                new Facility(FacilityId.of("F2"), "b", List.of(a))))).hasMessageContaining("used twice");
    }

    @Test
    void aSpecNeedsItsDates() {
        assertThatThrownBy(() -> unit(UnitCategory.GAS, "100", LocalDate.of(2009, 1, 1))).hasMessageContaining("closed before it was commissioned");
        assertThatThrownBy(() -> unit(UnitCategory.GAS, "0", null)).hasMessageContaining("capacity must be positive");
    }
}
