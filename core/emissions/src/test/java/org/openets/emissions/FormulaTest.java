package org.openets.emissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openets.emissions.EmissionsFixture.*;

/**
 * The formulas of rules-reference §5.1 on single rows, with expected figures worked out independently (Python
 * decimal, 60 digits): E = FC x NCV x CC x OF x 44/12, CC = C_ar / NCV_ar, E_elec = MWh x EF_grid, and the
 * purchased-electricity example #17 of §8.
 */
class FormulaTest {

    static FuelLine onlyLine(Validation<EmissionsAccount> v) {
        assertThat(v.problems()).isEmpty();
        assertThat(v.value().fuelLines()).hasSize(1);
        return v.value().fuelLines().getFirst();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            coal, all measured            | 2022 | COAL        | 1000  | 20.908 | 0.02858 | -    | 0.98 | 20908.000 | 585.5996272   | 2147.1986330667 | MEASURED | MEASURED | MEASURED
            gas, every factor defaulted   | 2022 | NATURAL_GAS | 100   | -      | -       | -    | -    | 38931.00  | 590.4586908   | 2165.0151996000 | DEFAULT  | DEFAULT  | DEFAULT
            coal 2020, CC unmeasured      | 2020 | COAL        | 5000  | 22.5   | -       | -    | -    | 112500.0  | 3737.745      | 13705.0650000000 | MEASURED | DEFAULT | DEFAULT
            coal 2021, CC unmeasured      | 2021 | COAL        | 5000  | 22.5   | -       | -    | -    | 112500.0  | 3435.91875    | 12598.3687500000 | MEASURED | DEFAULT | DEFAULT
            coal, CC from C_ar / NCV_ar   | 2022 | COAL        | 1000  | 21.0   | -       | 55.2 | 0.99 | 21000.0   | 546.48        | 2003.7600000000 | MEASURED | DERIVED  | MEASURED
            gas, NCV and CC measured      | 2022 | NATURAL_GAS | 250.5 | 380.12 | 0.0153  | -    | -    | 95220.060 | 1442.29824882 | 5288.4269123400 | MEASURED | MEASURED | DEFAULT
            no fuel burnt                 | 2022 | COAL        | 0     | 20     | 0.03    | -    | 0.98 | 0         | 0             | 0.0000000000    | MEASURED | MEASURED | MEASURED
            """)
    void fuelCombustionIsQuantityTimesCalorificValueTimesCarbonContentTimesOxidationTimes44Over12(
            String name, int year, String fuel, String q, String ncv, String cc, String car, String of, String heat, String carbon, String co2,
            Origin ncvOrigin, Origin ccOrigin, Origin ofOrigin) {
        String unit = fuel.equals("COAL") ? "G1" : "G2";
        FuelLine line = onlyLine(compute(year, fuels(EmissionsFixture.fuel(2, unit, "1", fuel, q, ncv, cc, car, of))));
        assertThat(line.heatGj()).isEqualByComparingTo(heat);
        assertThat(line.carbonTonnes().setScale(20, RoundingMode.HALF_EVEN)).isEqualByComparingTo(carbon);
        assertThat(line.co2Tonnes().setScale(10, RoundingMode.HALF_EVEN)).isEqualByComparingTo(co2);
        assertThat(List.of(line.ncv().origin(), line.cc().origin(), line.of().origin())).containsExactly(ncvOrigin, ccOrigin, ofOrigin);
    }

    @Test
    void carbonFromElementalCarbonIsCarbonArOverCalorificValueAr() {
        FuelLine line = onlyLine(compute(2022, fuels(fuel(2, "G1", "1", "COAL", "1000", "21.0", null, "55.2", "0.99"))));
        // 0.552 / 21.0 = 0.026285714285714285714285714285714 (34 digits)
        assertThat(line.cc().value()).isEqualByComparingTo("0.02628571428571428571428571428571429");
        assertThat(line.cc().why()).isEqualTo("C_ar 55.2 % / NCV_ar 21.0");
    }

    @Test
    void aFigureNamesItsQuantityUnitAndTheUnitsOfItsFactors() {
        FuelLine gas = onlyLine(compute(2022, fuels(fuel(2, "G2", "1", "NATURAL_GAS", "100", null, null, null, null))));
        assertThat(gas.quantityUnit()).isEqualTo("10^4 Nm3");
        assertThat(gas.ncv().unit()).isEqualTo("GJ/10^4 Nm3");
        assertThat(gas.cc().unit()).isEqualTo("tC/GJ");
        FuelLine coal = onlyLine(compute(2022, fuels(fuel(2, "G1", "1", "COAL", "1", "20", "0.03", null, "0.98"))));
        assertThat(coal.ncv().unit()).isEqualTo("GJ/t");
    }

    // ------------------------------------------------------------------------------------------ purchased electricity

    @ParameterizedTest(name = "#17: 10,000 MWh in {0} x {1} = {2} t [{3}]")
    @CsvSource(delimiter = '|', textBlock = """
            2019 | 0.6101 | 6101 | U
            2020 | 0.6101 | 6101 | U
            2021 | 0.5810 | 5810 | U
            2022 | 0.5703 | 5703 | C
            """)
    void purchasedElectricityReproducesWorkedExample17(int year, String factor, long tonnes, Confidence confidence) {
        RawReport raw = new RawReport(List.of(), List.of(activity(2, "G1", "6", "500000", "470000", "0", "10000")), List.of());
        EmissionsAccount a = compute(year, raw).value();
        assertThat(a.electricityLines()).singleElement().satisfies(l -> {
            assertThat(l.gridFactor().decimal()).isEqualByComparingTo(factor);
            assertThat(l.gridFactor().confidence()).isEqualTo(confidence);
            assertThat(l.co2Tonnes()).isEqualByComparingTo(BigDecimal.valueOf(tonnes));
        });
        assertThat(a.exactTonnes()).isEqualByComparingTo(BigDecimal.valueOf(tonnes));
        assertThat(a.total().tonnes()).isEqualTo(tonnes);
        assertThat(a.trace().parameters()).contains(a.electricityLines().getFirst().gridFactor());
        assertThat(a.trace().restsOnUnconfirmedValues()).isTrue(); // the rounding rule is [U] in every year
        assertThat(a.trace().unconfirmed().stream().anyMatch(p -> p.name() == RuleParameter.GRID_EF)).isEqualTo(confidence == Confidence.U);
    }

    @Test
    void purchasedElectricitySpreadOverMonthsAndUnitsGivesTheSameExactTonnes() {
        List<RawRow> rows = new ArrayList<>();
        String[] mwh = {"833.33", "833.34", "833.33", "833.33", "833.34", "833.33", "833.33", "833.34", "833.33", "833.33", "833.34", "833.33"};
        for (int m = 1; m <= 12; m++) rows.add(activity(m + 1, m % 2 == 0 ? "G1" : "G2", Integer.toString(m), "1000", "900", "0", mwh[m - 1]));
        EmissionsAccount a = compute(2022, new RawReport(List.of(), rows, List.of())).value();
        assertThat(a.electricityTonnes()).isEqualByComparingTo("5703");
        assertThat(a.total().tonnes()).isEqualTo(5703);
    }

    @Test
    void purchasedElectricityAfter2022NeedsAGridFactorTheReferenceDoesNotGive() {
        RawReport raw = new RawReport(List.of(), List.of(activity(2, "G1", "6", "500000", "470000", "0", "10000")), List.of());
        assertThat(compute(2023, raw).problems()).extracting(Problem::toString)
                .containsExactly("ruleset CN (CN.tsv): missing parameter grid.ef for CN 2023, needed for purchased electricity of unit G1, month 6");
    }

    @Test
    void aMonthWithoutPurchasedElectricityNeedsNoGridFactor() {
        RawReport raw = new RawReport(List.of(), List.of(activity(2, "G1", "6", "500000", "470000", "1200", "0")), List.of());
        EmissionsAccount a = compute(2023, raw).value();
        assertThat(a.electricityLines()).isEmpty();
        assertThat(a.total().tonnes()).isZero();
    }

    // ------------------------------------------------------------------------------------------ process emissions

    @Test
    void processEmissionsNeedAFactorTheReferenceDoesNotCarry() {
        RawReport raw = new RawReport(List.of(), List.of(), List.of(output(2, "L1", "1", "CLINKER", "100000"), output(3, "S1", "1", "LIQUID_ALUMINIUM", "30000")));
        assertThat(compute(2024, raw).problems()).extracting(Problem::message).containsExactly(
                "missing parameter process.ef[CLINKER] for CN 2024, needed for process emissions of L1, month 1",
                "missing parameter process.ef[LIQUID_ALUMINIUM] for CN 2024, needed for process emissions of S1, month 1");
    }

    @Test
    void processEmissionsAreOutputTimesTheProductFactorWhenTheRulesetHasOne() {
        Ruleset rules = bundledWith("process.ef\tCLINKER\t0.538\ttCO2/t\tU\t2024\t\ttest value, not a published figure\t");
        RawReport raw = new RawReport(List.of(), List.of(), List.of(output(2, "L1", "1", "CLINKER", "100000"), output(3, "L1", "2", "CLINKER", "90000.5")));
        EmissionsAccount a = compute(rules, 2024, raw).value();
        assertThat(a.processLines()).extracting(ProcessLine::co2Tonnes).containsExactly(new BigDecimal("53800.000"), new BigDecimal("48420.2690"));
        assertThat(a.processTonnes()).isEqualByComparingTo("102220.269");
        assertThat(a.total().tonnes()).isEqualTo(102220);
        assertThat(a.trace().unconfirmed()).extracting(Parameter::key).contains("process.ef[CLINKER]");
    }

    // ------------------------------------------------------------------------------------------ rounding

    @ParameterizedTest(name = "{0} {1}: {2} t")
    @CsvSource(delimiter = '|', textBlock = """
            ENTITY_TOTAL       | HALF_UP   | 1001
            ENTITY_TOTAL       | DOWN      | 1000
            ENTITY_TOTAL       | HALF_EVEN | 1001
            INSTALLATION_TOTAL | HALF_UP   | 1001
            INSTALLATION_TOTAL | DOWN      | 1000
            INSTALLATION_TOTAL | HALF_EVEN | 1000
            INSTALLATION_TOTAL | UP        | 1002
            """)
    void theTotalIsRoundedOnceWhereAndHowTheRulesetSays(RoundingPoint point, RoundingMode mode, long expected) {
        Ruleset rules = Ruleset.parse(CN, "rounding.tsv", Ruleset.HEADER + "\n"
                + "grid.ef\t\t0.5\ttCO2/MWh\tU\t2022\t2022\ttest value\t\n"
                + "rounding.point\t\t" + point + "\t-\tU\t2019\t\ttest value\t\n"
                + "rounding.mode\t\t" + mode + "\t-\tU\t2019\t\ttest value\t\n");
        // G1 500.5 t and G2 500.25 t: 1000.75 t in all
        RawReport raw = new RawReport(List.of(), List.of(activity(2, "G1", "1", "2000", "1900", "0", "1001.0"),
                activity(3, "G2", "1", "2000", "1900", "0", "1000.5")), List.of());
        EmissionsAccount a = compute(rules, 2022, raw).value();
        assertThat(a.exactTonnes()).isEqualByComparingTo("1000.75");
        assertThat(a.installations()).extracting(InstallationTotal::exactTonnes).map(BigDecimal::toPlainString).containsExactly("500.50", "500.25");
        assertThat(a.total().tonnes()).isEqualTo(expected);
        assertThat(a.installations()).extracting(InstallationTotal::roundedTonnes)
                .allSatisfy(r -> assertThat(r == null).isEqualTo(point == RoundingPoint.ENTITY_TOTAL));
        assertThat(a.trace().text()).contains("rounded to " + expected + " t at rounding.point = " + point);
    }
}
