package org.openets.emissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openets.emissions.EmissionsFixture.CN;
import static org.openets.emissions.EmissionsFixture.RULES;

/** The bundled CN parameters are those of rules-reference §5 (and the §4.1 deadlines), each with its confidence; reading is strict. */
class RulesetTest {

    @ParameterizedTest(name = "{0}[{1}] for {2} = {3} {4} [{5}]")
    @CsvSource(delimiter = '|', textBlock = """
            cc.default                   | COAL        | 2019 | 0.03356 | tC/GJ        | C
            cc.default                   | COAL        | 2020 | 0.03356 | tC/GJ        | C
            cc.default                   | COAL        | 2021 | 0.03085 | tC/GJ        | C
            cc.default                   | COAL        | 2022 | 0.03085 | tC/GJ        | C
            cc.measured-months-threshold | COAL        | 2021 | 3       | months       | C
            cc.measured-months-threshold | COAL        | 2022 | 3       | months       | C
            ncv.default                  | NATURAL_GAS | 2022 | 389.31  | GJ/10^4 Nm3  | P
            cc.default                   | NATURAL_GAS | 2022 | 0.01532 | tC/GJ        | P
            of.default                   | NATURAL_GAS | 2022 | 0.99    | fraction     | P
            of.default                   | COAL        | 2019 | 0.99    | fraction     | U
            of.default                   | COAL        | 2024 | 0.99    | fraction     | U
            grid.ef                      |             | 2019 | 0.6101  | tCO2/MWh     | U
            grid.ef                      |             | 2020 | 0.6101  | tCO2/MWh     | U
            grid.ef                      |             | 2021 | 0.5810  | tCO2/MWh     | U
            grid.ef                      |             | 2022 | 0.5703  | tCO2/MWh     | C
            grid.ef.mee-nbs              | NATIONAL    | 2021 | 0.5568  | tCO2/MWh     | C
            grid.ef.mee-nbs              | NATIONAL    | 2022 | 0.5366  | tCO2/MWh     | C
            grid.ef.mee-nbs              | NATIONAL    | 2023 | 0.5306  | tCO2/MWh     | C
            grid.ef.mee-nbs              | NATIONAL_EXCL_MARKET_NON_FOSSIL | 2022 | 0.5856 | tCO2/MWh | C
            grid.ef.mee-nbs              | FOSSIL_ONLY | 2021 | 0.8426  | tCO2/MWh     | C
            grid.ef.mee-nbs              | FOSSIL_ONLY | 2022 | 0.8325  | tCO2/MWh     | C
            grid.ef.mee-nbs              | NORTH       | 2022 | 0.6776  | tCO2/MWh     | C
            grid.ef.mee-nbs              | NORTHWEST   | 2022 | 0.5857  | tCO2/MWh     | C
            grid.ef.mee-nbs              | EAST        | 2022 | 0.5617  | tCO2/MWh     | C
            grid.ef.mee-nbs              | NORTHEAST   | 2022 | 0.5564  | tCO2/MWh     | C
            grid.ef.mee-nbs              | CENTRAL     | 2022 | 0.5395  | tCO2/MWh     | C
            grid.ef.mee-nbs              | SOUTH       | 2022 | 0.3869  | tCO2/MWh     | C
            grid.ef.mee-nbs              | SOUTHWEST   | 2022 | 0.2268  | tCO2/MWh     | C
            """)
    void theBundledNumbersAreThoseOfTheRulesReference(String key, String qualifier, int year, String value, String unit, Confidence confidence) {
        Parameter p = RULES.find(RuleParameter.byKey(key).orElseThrow(), qualifier, year).orElseThrow();
        assertThat(p.value()).isEqualTo(value);
        assertThat(p.unit()).isEqualTo(unit);
        assertThat(p.confidence()).isEqualTo(confidence);
        assertThat(p.source()).isNotBlank();
    }

    @ParameterizedTest(name = "{0}[{1}] for {2} = {3}")
    @CsvSource(delimiter = '|', textBlock = """
            cc.default-rule              | COAL        | 2019 | EVERY_UNMEASURED_MONTH        | C
            cc.default-rule              | COAL        | 2020 | EVERY_UNMEASURED_MONTH        | C
            cc.default-rule              | COAL        | 2021 | FEWER_MEASURED_THAN_THRESHOLD | C
            cc.default-rule              | COAL        | 2022 | FEWER_MEASURED_THAN_THRESHOLD | C
            cc.fill-when-enough-measured | COAL        | 2022 | MEAN_OF_MEASURED_MONTHS       | U
            cc.default-rule              | NATURAL_GAS | 2022 | EVERY_UNMEASURED_MONTH        | P
            fuel.quantity-unit           | COAL        | 2022 | t                             | P
            fuel.quantity-unit           | NATURAL_GAS | 2022 | 10^4 Nm3                      | P
            rounding.point               |             | 2022 | ENTITY_TOTAL                  | U
            rounding.mode                |             | 2022 | HALF_UP                       | U
            deadline.report              |             | 2022 | Y+1-03-31                     | C
            deadline.verification        |             | 2022 | Y+1-06-30                     | C
            """)
    void theBundledRulesAreThoseOfTheRulesReference(String key, String qualifier, int year, String value, Confidence confidence) {
        Parameter p = RULES.find(RuleParameter.byKey(key).orElseThrow(), qualifier, year).orElseThrow();
        assertThat(p.value()).isEqualTo(value);
        assertThat(p.confidence()).isEqualTo(confidence);
    }

    @ParameterizedTest(name = "no {0}[{1}] for {2}")
    @CsvSource(delimiter = '|', textBlock = """
            cc.default      | COAL     | 2018
            cc.default      | COAL     | 2023
            cc.default-rule | COAL     | 2023
            ncv.default     | COAL     | 2022
            grid.ef         |          | 2018
            grid.ef         |          | 2023
            process.ef      | CLINKER  | 2024
            process.ef      | LIQUID_ALUMINIUM | 2024
            deadline.verification |    | 2025
            """)
    void whatTheReferenceDoesNotGiveIsNotInventedAndIsReportedMissingByName(String key, String qualifier, int year) {
        RuleParameter p = RuleParameter.byKey(key).orElseThrow();
        assertThat(RULES.find(p, qualifier, year)).isEmpty();
        assertThat(RULES.missing(p, qualifier, year, null).toString())
                .isEqualTo("ruleset CN (CN.tsv): missing parameter " + p.key(qualifier) + " for CN " + year);
    }

    @Test
    void theFuelsOfAYearAreThoseWithAQuantityUnit() {
        assertThat(RULES.fuels(2022)).containsExactly(FuelType.of("COAL"), FuelType.of("NATURAL_GAS"));
        assertThat(RULES.fuels(2018)).isEmpty();
    }

    @Test
    void aParameterNamesItsValueConfidenceYearsLineAndSourceAndFlagsUnconfirmedValues() {
        Parameter grid2021 = RULES.find(RuleParameter.GRID_EF, 2021).orElseThrow();
        assertThat(grid2021.toString()).startsWith("grid.ef = 0.5810 tCO2/MWh [U] UNCONFIRMED (data years 2021-2021; CN.tsv:")
                .contains("source: rules-reference §5.3");
        Parameter grid2022 = RULES.find(RuleParameter.GRID_EF, 2022).orElseThrow();
        assertThat(grid2022.toString()).startsWith("grid.ef = 0.5703 tCO2/MWh [C] (data years 2022-2022; CN.tsv:")
                .contains("tanpaifang.com/tanguwen/2023/0215/94510.html").doesNotContain("UNCONFIRMED");
    }

    @Test
    void aDeadlineRuleDatesTheStepInTheYearAfterTheData() {
        assertThat(RULES.find(RuleParameter.DEADLINE_REPORT, 2022).orElseThrow().dateFor(2022)).isEqualTo(LocalDate.of(2023, 3, 31));
    }

    // ------------------------------------------------------------------------------------------ format

    static final String HEADER = Ruleset.HEADER + "\n";

    @Test
    void everyBadLineIsReportedWithItsFileAndLine() {
        String text = "# comment\n" + HEADER
                + "cc.defualt\tCOAL\t0.03\ttC/GJ\tC\t2021\t2022\tsomewhere\t\n"        // line 3
                + "cc.default\tCOAL\tabc\ttC/GJ\tC\t2021\t2022\tsomewhere\t\n"         // line 4
                + "cc.default\tCOAL\t0.03\ttC/t\tC\t2021\t2022\tsomewhere\t\n"         // line 5
                + "cc.default\tCOAL\t0.03\ttC/GJ\tX\t2021\t2022\tsomewhere\t\n"        // line 6
                + "cc.default\tCOAL\t0.03\ttC/GJ\tC\t2021\t2020\tsomewhere\t\n"        // line 7
                + "cc.default\tCOAL\t0.03\ttC/GJ\tC\t2021\t2022\t\t\n"                 // line 8
                + "of.default\tCOAL\t1.5\tfraction\tU\t2019\t\tsomewhere\t\n"          // line 9
                + "cc.default-rule\tCOAL\tSOMETIMES\t-\tC\t2021\t\tsomewhere\t\n"      // line 10
                + "grid.ef\tCOAL\t0.5\ttCO2/MWh\tC\t2021\t\tsomewhere\t\n"             // line 11
                + "deadline.report\t\t31 March\tdate\tC\t2021\t\tsomewhere\t\n"        // line 12
                + "grid.ef\t\t0.5\ttCO2/MWh\tC\t2021\n";                              // line 13
        assertThatThrownBy(() -> Ruleset.parse(CN, "bad.tsv", text)).isInstanceOfSatisfying(RulesetFormatException.class, e ->
                assertThat(e.problems()).containsExactly(
                        "bad.tsv:3: unknown parameter 'cc.defualt'",
                        "bad.tsv:4: value 'abc' is not a plain decimal number",
                        "bad.tsv:5: cc.default is in 'tC/GJ', not 'tC/t'",
                        "bad.tsv:6: confidence 'X' is not C, P or U",
                        "bad.tsv:7: valid_to 2020 is before valid_from 2021",
                        "bad.tsv:8: source required (say where the value comes from, or why it has none)",
                        "bad.tsv:9: a fraction must not exceed 1",
                        "bad.tsv:10: value 'SOMETIMES' is not one of [EVERY_UNMEASURED_MONTH, FEWER_MEASURED_THAN_THRESHOLD]",
                        "bad.tsv:11: grid.ef takes no qualifier",
                        "bad.tsv:12: value '31 March' is not a date rule like Y+1-03-31",
                        "bad.tsv:13: expected 9 tab-separated columns (note may be left off), found 6"));
    }

    @Test
    void twoRowsOfOneParameterMustNotCoverTheSameYear() {
        String text = HEADER
                + "grid.ef\t\t0.6101\ttCO2/MWh\tU\t2019\t2020\tsomewhere\t\n"
                + "grid.ef\t\t0.5810\ttCO2/MWh\tU\t2020\t2021\tsomewhere\t\n"
                + "grid.ef\t\t0.5703\ttCO2/MWh\tC\t2022\t\tsomewhere\t\n"
                + "grid.ef\t\t0.5306\ttCO2/MWh\tC\t2030\t\tsomewhere\t\n";
        assertThatThrownBy(() -> Ruleset.parse(CN, "x.tsv", text)).isInstanceOfSatisfying(RulesetFormatException.class, e ->
                assertThat(e.problems()).containsExactly("x.tsv:3: grid.ef overlaps the data years of x.tsv:2", "x.tsv:5: grid.ef overlaps the data years of x.tsv:4"));
    }

    @Test
    void aDefaultCalorificValueMustBeInGigajoulesPerTheUnitItsFuelIsReportedIn() {
        String text = HEADER
                + "fuel.quantity-unit\tCOAL\tt\t-\tP\t2019\t\tsomewhere\t\n"
                + "ncv.default\tCOAL\t20.9\tGJ/kg\tU\t2019\t\tsomewhere\t\n";
        assertThatThrownBy(() -> Ruleset.parse(CN, "x.tsv", text)).isInstanceOfSatisfying(RulesetFormatException.class, e ->
                assertThat(e.problems()).containsExactly("x.tsv:3: ncv.default[COAL] is in GJ/kg but the fuel is reported in 't' (x.tsv:2)"));
    }

    @Test
    void theHeaderIsRequired() {
        assertThatThrownBy(() -> Ruleset.parse(CN, "x.tsv", "grid.ef\t\t0.5\ttCO2/MWh\tC\t2021\t\tsomewhere\t\n"))
                .isInstanceOf(RulesetFormatException.class).hasMessageStartingWith("x.tsv:1: the first line must be the header");
        assertThatThrownBy(() -> Ruleset.parse(CN, "x.tsv", "# nothing\n")).hasMessage("x.tsv: empty ruleset (no header)");
    }

    @Test
    void anEmptyNoteColumnMayBeLeftOff() {
        Ruleset r = Ruleset.parse(CN, "x.tsv", HEADER + "grid.ef\t\t0.5703\ttCO2/MWh\t[C]\t2022\t2022\tsomewhere\n");
        assertThat(r.find(RuleParameter.GRID_EF, 2022).orElseThrow().decimal()).isEqualByComparingTo(new BigDecimal("0.5703"));
    }
}
