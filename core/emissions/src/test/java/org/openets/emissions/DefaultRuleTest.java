package org.openets.emissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openets.emissions.EmissionsFixture.*;

/**
 * The carbon-content default rule of rules-reference §5.2, month by month. A month pattern has one character per
 * month, January first: in the input {@code m} = a row with measured carbon content, {@code -} = a row without,
 * {@code .} = no row (nothing burnt); in the expectation {@code M} measured, {@code D} default, {@code F} filled from the
 * measured months, {@code .} no figure.
 */
class DefaultRuleTest {

    /** The measured carbon content of a month: distinct per month, so a fill's mean is checkable. */
    static BigDecimal measuredCc(int month) { return new BigDecimal("0.025").add(BigDecimal.valueOf(month, 4)); }

    static List<RawRow> rows(String unit, String fuel, String pattern, int firstRow) {
        List<RawRow> rows = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            char c = pattern.charAt(m - 1);
            if (c == '.') continue;
            boolean gas = fuel.equals("NATURAL_GAS");
            rows.add(fuel(firstRow + rows.size(), unit, Integer.toString(m), fuel, gas ? "100" : "1000", gas ? "389" : "20",
                    c == 'm' ? measuredCc(m).toPlainString() : null, null, "0.98"));
        }
        return rows;
    }

    static String originsOf(EmissionsAccount a, String unit) {
        char[] out = "............".toCharArray();
        for (FuelLine l : a.fuelLines())
            if (l.unit().value().equals(unit)) out[l.month() - 1] = l.cc().origin().name().charAt(0);
        return new String(out);
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            2019 | COAL        | ------------ | DDDDDDDDDDDD | 0.03356
            2020 | COAL        | mmmmm------- | MMMMMDDDDDDD | 0.03356
            2020 | COAL        | mmmmmmmmmmm- | MMMMMMMMMMMD | 0.03356
            2020 | COAL        | mmmmmmmmmmmm | MMMMMMMMMMMM | -
            2021 | COAL        | ------------ | DDDDDDDDDDDD | 0.03085
            2021 | COAL        | m-----m----- | MDDDDDMDDDDD | 0.03085
            2021 | COAL        | mm..--..--.. | MM..DD..DD.. | 0.03085
            2022 | COAL        | mmm--------- | MMMFFFFFFFFF | -
            2022 | COAL        | m-m-m-m----- | MFMFMFMFFFFF | -
            2022 | COAL        | mmmmmmmmmmm- | MMMMMMMMMMMF | -
            2022 | COAL        | mm.......... | MM.......... | -
            2022 | COAL        | ..--........ | ..DD........ | 0.03085
            2022 | NATURAL_GAS | mmmmmmmmmmm- | MMMMMMMMMMMD | 0.01532
            2022 | NATURAL_GAS | ------------ | DDDDDDDDDDDD | 0.01532
            """)
    void theCarbonContentOfEachMonthIsMeasuredDefaultedOrFilledByTheRuleOfTheYear(int year, String fuel, String input, String expected, String defaultValue) {
        String unit = fuel.equals("COAL") ? "G1" : "G2";
        EmissionsAccount a = compute(year, new RawReport(rows(unit, fuel, input, 2), List.of(), List.of())).value();
        assertThat(originsOf(a, unit)).isEqualTo(expected);

        List<BigDecimal> measured = new ArrayList<>();
        for (int m = 1; m <= 12; m++) if (input.charAt(m - 1) == 'm') measured.add(measuredCc(m));
        for (FuelLine l : a.fuelLines()) {
            switch (l.cc().origin()) {
                case MEASURED -> assertThat(l.cc().value()).isEqualByComparingTo(measuredCc(l.month()));
                case DEFAULT -> {
                    assertThat(l.cc().value()).isEqualByComparingTo(defaultValue);
                    assertThat(l.cc().rule()).extracting(Parameter::key).startsWith("cc.default[" + fuel + "]", "cc.default-rule[" + fuel + "]");
                }
                case FILLED -> {
                    BigDecimal mean = measured.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                            .divide(BigDecimal.valueOf(measured.size()), new MathContext(34, RoundingMode.HALF_EVEN));
                    assertThat(l.cc().value()).isEqualByComparingTo(mean);
                    assertThat(l.cc().rule()).extracting(Parameter::key)
                            .containsExactly("cc.fill-when-enough-measured[COAL]", "cc.default-rule[COAL]", "cc.measured-months-threshold[COAL]");
                    assertThat(l.cc().rule().getFirst().confidence()).isEqualTo(Confidence.U);
                }
                default -> throw new AssertionError(l.cc());
            }
        }
        // the trace lists exactly the substituted months, and each default by name
        List<String> substituted = new ArrayList<>();
        for (int m = 1; m <= 12; m++) if (expected.charAt(m - 1) == 'D' || expected.charAt(m - 1) == 'F') substituted.add(m + expected.substring(m - 1, m));
        assertThat(a.trace().substitutions()).extracting(s -> s.month() + s.origin().name().substring(0, 1)).containsExactlyElementsOf(substituted);
        assertThat(a.trace().defaultsApplied()).allSatisfy(s -> assertThat(s.rule().getFirst().key()).isEqualTo("cc.default[" + fuel + "]"));
        if (defaultValue == null) assertThat(a.trace().parameters()).noneMatch(p -> p.name() == RuleParameter.CC_DEFAULT);
        else assertThat(a.trace().parameters()).anyMatch(p -> p.name() == RuleParameter.CC_DEFAULT && p.decimal().compareTo(new BigDecimal(defaultValue)) == 0);
    }

    @Test
    void measuredMonthsAreCountedPerInstallationAndFuel() {
        List<RawRow> rows = new ArrayList<>(rows("G1", "COAL", "mmm---------", 2));
        rows.addAll(rows("G4", "COAL", "------------", 20));
        EmissionsAccount a = compute(2022, new RawReport(rows, List.of(), List.of())).value();
        assertThat(originsOf(a, "G1")).isEqualTo("MMMFFFFFFFFF");
        assertThat(originsOf(a, "G4")).isEqualTo("DDDDDDDDDDDD");
    }

    @Test
    void theDefaultTextSaysWhyItApplied() {
        EmissionsAccount a = compute(2021, new RawReport(rows("G1", "COAL", "mm----------", 2), List.of(), List.of())).value();
        Substitution s = a.trace().defaultsApplied().getFirst();
        assertThat(s.toString()).isEqualTo("DEFAULT CC = 0.03085 for unit G1, month 3, fuel COAL (not measured; 2 month(s) of COAL on G1 measured in 2021, "
                + "fewer than 3; cc.default[COAL], cc.default-rule[COAL], cc.measured-months-threshold[COAL])");
        assertThat(a.trace().text()).contains("fuel G1 month 3 COAL: FC 1000 t x NCV 20 GJ/t (MEASURED) x CC 0.03085 tC/GJ (DEFAULT: not measured; 2 month(s)")
                .contains("cc.default[COAL] = 0.03085 tC/GJ [C] (data years 2021-2022; CN.tsv:");
    }

    @Test
    void calorificValueAndOxidationTakeTheirDefaultsInEveryMonthNotMeasured() {
        EmissionsAccount a = compute(2022, fuels(
                fuel(2, "G2", "1", "NATURAL_GAS", "100", null, "0.0153", null, "0.995"),
                fuel(3, "G2", "2", "NATURAL_GAS", "100", "380", "0.0153", null, null))).value();
        assertThat(a.trace().substitutions()).extracting(Substitution::toString).containsExactly(
                "DEFAULT NCV = 389.31 for unit G2, month 1, fuel NATURAL_GAS (not measured; ncv.default[NATURAL_GAS])",
                "DEFAULT OF = 0.99 for unit G2, month 2, fuel NATURAL_GAS (not measured; of.default[NATURAL_GAS])");
    }

    @Test
    void aYearWithoutACarbonRuleStopsOnlyWhenAMonthNeedsIt() {
        assertThat(compute(2023, new RawReport(rows("G1", "COAL", "mmmmmmmmmmm-", 2), List.of(), List.of())).problems())
                .extracting(Problem::message)
                .containsExactly("missing parameter cc.default-rule[COAL] for CN 2023, needed for unit G1, month 12, fuel COAL (carbon content not measured)");
        EmissionsAccount measured = compute(2023, new RawReport(rows("G1", "COAL", "mmmmmmmmmmmm", 2), List.of(), List.of())).value();
        assertThat(measured.trace().substitutions()).hasSize(0);
    }

    @Test
    void coalWithoutAMeasuredCalorificValueCannotBeComputedBecauseTheReferenceGivesNoDefault() {
        assertThat(compute(2022, fuels(fuel(2, "G1", "1", "COAL", "1000", null, "0.026", null, "0.98"), fuel(3, "G1", "2", "COAL", "1000", null, "0.026", null, "0.98")))
                .problems()).extracting(Problem::toString).containsExactly(
                "ruleset CN (CN.tsv): missing parameter ncv.default[COAL] for CN 2022, needed for unit G1, month 1, fuel COAL (net calorific value not measured)");
    }
}
