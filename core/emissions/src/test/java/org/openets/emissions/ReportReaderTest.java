package org.openets.emissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.openets.emissions.EmissionsFixture.*;

/** Bad input gets every problem back, each naming its sheet, row and keys as typed, and nothing is computed. */
class ReportReaderTest {

    static Stream<Arguments> badRows() {
        return Stream.of(
                Arguments.of(fuel(2, "G1", "13", "COAL", "1000", "20", null, null, null), ProblemCode.OUT_OF_RANGE,
                        "fuels row 2, unit G1, month 13, fuel COAL: month must be 1..12"),
                Arguments.of(fuel(2, "G1", "0", "COAL", "1000", "20", null, null, null), ProblemCode.OUT_OF_RANGE,
                        "fuels row 2, unit G1, month 0, fuel COAL: month must be 1..12"),
                Arguments.of(fuel(2, "G1", "March", "COAL", "1000", "20", null, null, null), ProblemCode.NOT_A_NUMBER,
                        "fuels row 2, unit G1, month March, fuel COAL: month: 'March' is not a whole number"),
                Arguments.of(fuel(2, "G1", "3", "COAL", "-5", "20", null, null, null), ProblemCode.NEGATIVE,
                        "fuels row 2, unit G1, month 3, fuel COAL: quantity must not be negative"),
                Arguments.of(fuel(2, "G1", "3", "DIESEL", "5", "43", null, null, null), ProblemCode.UNKNOWN_FUEL,
                        "fuels row 2, unit G1, month 3, fuel DIESEL: unknown fuel type 'DIESEL' (known in 2022: COAL, NATURAL_GAS)"),
                Arguments.of(fuel(2, "G1", "3", "coal", "5", "20", null, null, null), ProblemCode.UNKNOWN_FUEL,
                        "fuels row 2, unit G1, month 3, fuel coal: unknown fuel type 'coal' (known in 2022: COAL, NATURAL_GAS)"),
                Arguments.of(fuel(2, "G1", "3", "COAL", "about 1000", "20", null, null, null), ProblemCode.NOT_A_NUMBER,
                        "fuels row 2, unit G1, month 3, fuel COAL: quantity: 'about 1000' is not a number (plain decimal, e.g. 1234.5)"),
                Arguments.of(fuel(2, "G1", "3", "COAL", "1,000", "20", null, null, null), ProblemCode.NOT_A_NUMBER,
                        "fuels row 2, unit G1, month 3, fuel COAL: quantity: '1,000' is not a number (plain decimal, e.g. 1234.5)"),
                Arguments.of(fuel(2, "G1", "3", "COAL", "1e3", "20", null, null, null), ProblemCode.NOT_A_NUMBER,
                        "fuels row 2, unit G1, month 3, fuel COAL: quantity: '1e3' is not a number (plain decimal, e.g. 1234.5)"),
                Arguments.of(fuel(2, "G1", "3", "COAL", null, "20", null, null, null), ProblemCode.REQUIRED,
                        "fuels row 2, unit G1, month 3, fuel COAL: quantity is required"),
                Arguments.of(fuel(2, "G1", "3", "COAL", "1000", "n/a", null, null, null), ProblemCode.NOT_A_NUMBER,
                        "fuels row 2, unit G1, month 3, fuel COAL: ncv: 'n/a' is not a number (plain decimal, e.g. 1234.5)"),
                Arguments.of(fuel(2, "G1", "3", "COAL", "1000", "0", null, null, null), ProblemCode.OUT_OF_RANGE,
                        "fuels row 2, unit G1, month 3, fuel COAL: net calorific value must be above zero (leave it empty when not measured)"),
                Arguments.of(fuel(2, "G1", "3", "COAL", "1000", "20", "-0.03", null, null), ProblemCode.NEGATIVE,
                        "fuels row 2, unit G1, month 3, fuel COAL: carbon content must be above zero (leave it empty when not measured)"),
                Arguments.of(fuel(2, "G1", "3", "COAL", "1000", "20", null, null, "99"), ProblemCode.OUT_OF_RANGE,
                        "fuels row 2, unit G1, month 3, fuel COAL: oxidation rate must be a fraction in (0, 1], e.g. 0.99"),
                Arguments.of(fuel(2, "G1", "3", "COAL", "1000", "20", null, "101", null), ProblemCode.OUT_OF_RANGE,
                        "fuels row 2, unit G1, month 3, fuel COAL: elemental carbon must not exceed 100 %"),
                Arguments.of(fuel(2, "G1", "3", "COAL", "1000", "20", "0.026", "55", null), ProblemCode.INCONSISTENT,
                        "fuels row 2, unit G1, month 3, fuel COAL: give carbon content or elemental carbon, not both"),
                Arguments.of(fuel(2, "G1", "3", "COAL", "1000", null, null, "55", null), ProblemCode.INCONSISTENT,
                        "fuels row 2, unit G1, month 3, fuel COAL: elemental carbon needs the measured net calorific value (CC = C_ar / NCV_ar)"),
                Arguments.of(fuel(2, "G9", "3", "COAL", "1000", "20", null, null, null), ProblemCode.UNKNOWN_INSTALLATION,
                        "fuels row 2, unit G9, month 3, fuel COAL: entity E1 has no installation 'G9'"),
                Arguments.of(fuel(2, "G3", "7", "COAL", "1000", "20", null, null, null), ProblemCode.NOT_OPERATING,
                        "fuels row 2, unit G3, month 7, fuel COAL: G3 was not operating in 2022-07 (commissioned 2010-01-01, closed 2022-06-30)"),
                Arguments.of(row(2, "unit", "G1", "month", "3", "fuel", "COAL", "quantiy", "1000", "quantity", "1000", "ncv", "20"), ProblemCode.UNKNOWN_COLUMN,
                        "fuels row 2, unit G1, month 3, fuel COAL: unknown column 'quantiy' (the fuels sheet has [carbon_ar_percent, carbon_content, fuel, month, ncv, oxidation_rate, quantity, unit])"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("badRows")
    void aBadFuelRowIsReportedWithItsLocationAndNothingIsComputed(RawRow bad, ProblemCode code, String expected) {
        Validation<AnnualReport> v = read(2022, fuels(fuel(1, "G1", "1", "COAL", "1000", "20", null, null, null), bad));
        assertThat(v.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(code);
            assertThat(p.toString()).isEqualTo(expected);
        });
        assertThat(v.then(r -> fail("computed from an invalid report"))).isInstanceOf(Validation.Invalid.class);
    }

    @Test
    void everyProblemOfEverySheetIsListedAtOnce() {
        RawReport raw = new RawReport(
                List.of(fuel(2, "G1", "13", "COAL", "1000", "20", null, null, null),
                        fuel(3, "G1", "4", "DIESEL", "-1", "abc", null, null, null),
                        fuel(4, "G1", "5", "COAL", "1000", "20", null, null, null),
                        fuel(5, "G1", "5", "COAL", "1000", "20", null, null, null)),
                List.of(activity(2, "G1", "1", "1000", "1100", "0", "5"),
                        activity(3, "L1", "1", "1000", "900", "0", "x")),
                List.of(output(2, "L1", "1", "LIQUID_ALUMINIUM", "100"),
                        output(3, "S1", "2", "STEEL", "100")));
        assertThat(read(2022, raw).problems()).extracting(Problem::toString).containsExactly(
                "fuels row 2, unit G1, month 13, fuel COAL: month must be 1..12",
                "fuels row 3, unit G1, month 4, fuel DIESEL: unknown fuel type 'DIESEL' (known in 2022: COAL, NATURAL_GAS)",
                "fuels row 3, unit G1, month 4, fuel DIESEL: quantity must not be negative",
                "fuels row 3, unit G1, month 4, fuel DIESEL: ncv: 'abc' is not a number (plain decimal, e.g. 1234.5)",
                "fuels row 5, unit G1, month 5, fuel COAL: duplicate of row 4",
                "activity row 2, unit G1, month 1: supply must not exceed generation (supply = generation less own use)",
                "activity row 3, unit L1, month 1: L1 is a CLINKER_LINE; this sheet needs a GENERATING_UNIT",
                "activity row 3, unit L1, month 1: purchased_electricity_mwh: 'x' is not a number (plain decimal, e.g. 1234.5)",
                "outputs row 2, installation L1, month 1, product LIQUID_ALUMINIUM: L1 is a CLINKER_LINE; this sheet needs a ALUMINIUM_SMELTER",
                "outputs row 3, installation S1, month 2, product STEEL: unknown product 'STEEL' (one of CLINKER, LIQUID_ALUMINIUM)");
    }

    @Test
    void aProblemNamesTheColumnAtFault() {
        Problem p = read(2022, fuels(fuel(2, "G1", "3", "COAL", "abc", "20", null, null, null))).problems().getFirst();
        assertThat(p.field()).isEqualTo("quantity");
        assertThat(p.where()).isEqualTo("fuels row 2, unit G1, month 3, fuel COAL");
    }

    @Test
    void emptyRequiredCellsAreNamed() {
        assertThat(read(2022, fuels(fuel(7, null, null, null, null, null, null, null, null))).problems()).extracting(Problem::toString).containsExactly(
                "fuels row 7: unit is required", "fuels row 7: month is required", "fuels row 7: fuel is required", "fuels row 7: quantity is required");
    }

    @Test
    void fuelsAreThoseTheRulesetKnowsForTheYear() {
        assertThat(read(2018, fuels(fuel(2, "G1", "3", "COAL", "1000", "20", null, null, null))).problems()).extracting(Problem::message)
                .containsExactly("unknown fuel type 'COAL' (known in 2018: )");
    }

    @Test
    void aValidReportKeepsItsRowsInAFixedOrderAndItsNumbersAsTyped() {
        AnnualReport r = read(2022, new RawReport(
                List.of(fuel(3, "G2", "1", "NATURAL_GAS", "100.50", null, null, null, null), fuel(2, "G1", "2", "COAL", " 1000 ", "20.9", null, "55.1", "0.98"),
                        fuel(4, "G1", "1", "COAL", "+900", "21", "0.0261", null, null)),
                List.of(activity(2, "G1", "1", "1000", "950", "0", "0")),
                List.of(output(2, "L1", "1", "CLINKER", "1"))))
                .value();
        assertThat(r.fuels()).extracting(f -> f.unit() + "/" + f.month() + "/" + f.fuel() + "/" + f.quantity().toPlainString())
                .containsExactly("G1/1/COAL/900", "G1/2/COAL/1000", "G2/1/NATURAL_GAS/100.50");
        assertThat(r.fuels().get(1).carbonArPercent()).isEqualByComparingTo("55.1");
        assertThat(r.fuels().get(2).ncv()).isNull();
        assertThat(r.activity()).hasSize(1);
        assertThat(r.outputs()).hasSize(1);
    }
}
