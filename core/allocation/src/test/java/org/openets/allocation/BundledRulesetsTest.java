package org.openets.allocation;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.openets.allocation.Units.unit;

/**
 * Table-driven: each shipped ruleset, per category, with the factors it applies, worked by hand from the rules
 * reference (exact figure, then whole tonnes), and the rows it ships UNKNOWN refusing with their name.
 */
class BundledRulesetsTest {
    /** ruleset, year, category, cooling, supply, generation, heat GJ, heat ratio, load, expected exact, expected t. */
    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "", textBlock = """
            CN-POWER-2019-2020|2019|COAL_300_PLUS|WATER|1000000||0||0.90|877000|877000
            CN-POWER-2019-2020|2020|COAL_300_AND_BELOW|AIR|1000000||0||0.82|1032267.39|1032267
            CN-POWER-2019-2020|2019|COAL_300_AND_BELOW|WATER|1000000||500000|0.2|0.60|998924|998924
            CN-POWER-2019-2020|2019|UNCONVENTIONAL_COAL|AIR|1000000||100000|0.1||1189427.4|1189427
            CN-POWER-2019-2020|2019|GAS||1000000||200000|0.25||345000|345000
            CN-POWER-2019-2020|2019|COAL_300_PLUS|WATER|1000000||0||0.77|887348.6|887349
            CN-POWER-2021-2022|2021|COAL_300_PLUS|WATER|1000000||0||0.90|821800.0000|821800
            CN-POWER-2021-2022|2022|COAL_300_PLUS|WATER|1000000||10000|0.05||809810.3|809810
            CN-POWER-2021-2022|2022|GAS||1000000||0|||390100.0000|390100
            CN-POWER-2023-2024|2023|COAL_300_PLUS|AIR||1000000|0||0.90|825405.0000|825405
            CN-POWER-2023-2024|2024|COAL_300_AND_BELOW|WATER||1000000|0||0.90|794400.0000|794400
            CN-POWER-2023-2024|2024|GAS|||1000000|0|||328800.0000|328800
            GD-2016|2016|COAL_1000|||1000000|36000|||833250.0066|833250
            """)
    void powerRulesets(String id, int year, String category, String cooling, String supply, String generation, String heat, String heatRatio,
                       String load, String exact, long rounded) {
        Units b = unit("U", category).cooling(cooling == null ? "" : cooling).heat(heat == null ? "0" : heat);
        if (supply != null) b.supply(supply);
        if (generation != null) b.generation(generation);
        if (heatRatio != null) b.heatRatio(heatRatio);
        if (load != null) b.load(load);
        Allocation a = new Allocator(Ruleset.bundled(id)).allocate(year, Stage.FINAL, List.of(b.build()));
        assertThat(a.exactTotal()).isEqualByComparingTo(exact);
        assertThat(a.total()).isEqualTo(rounded);
    }

    // Hand workings (rules-reference §1.3–§1.5, §0.1; factor values as shipped):
    // ≤300 air F=0.82: 0.979e6 × 1.05 × (1 + 0.0014 × 3) = 1,032,267.39
    // ≤300 water, heat ratio 0.2 (heat-supplying: no load factor): 0.979e6 × (1 − 0.22 × 0.2) + 500,000 GJ × 0.126 = 935,924 + 63,000
    // unconventional air, ratio 0.1: 1.146e6 × 1.05 × 0.978 + 100,000 × 0.126 = 1,176,827.4 + 12,600
    // gas, ratio 0.25: 0.392e6 × (1 − 0.6 × 0.25) + 200,000 × 0.059 = 333,200 + 11,800
    // >300 F=0.77: 0.877e6 × (1.007 + 0.0016 × 3) = 887,348.6
    // 2022 >300, heat ratio 0.05: 0.8177e6 × 0.989 + 10,000 × 0.1105 = 808,705.3 + 1,105
    // 2023 >300 air on generation: 0.7861e6 × 1.05; GD 1000 MW with 36,000 GJ heat: (1e6 + 36,000 × 0.277778) × 0.825

    @org.junit.jupiter.api.Test void cementCoProcessingBands() {
        Ruleset r = Ruleset.bundled("CN-INDUSTRY-2017-DRAFT");
        String[][] bands = {{"0", "853400"}, {"29999", "853400"}, {"30000", "861934"}, {"50000", "870468"}, {"99999", "870468"}, {"100000", "879002"}};
        for (String[] band : bands) {
            Allocation a = new Allocator(r).allocate(2017, Stage.FINAL, List.of(unit("L", "CEMENT_CLINKER").clinker("1000000").waste(band[0]).build()));
            assertThat(a.total()).as("waste " + band[0]).isEqualTo(Long.parseLong(band[1]));
        }
    }

    @org.junit.jupiter.api.Test void guangdongHistoricalEmissionsAndGasRelief() {
        Allocation gd = new Allocator(Ruleset.bundled("GD-2016")).allocate(2016, Stage.FINAL, List.of(
                unit("RI-1", "RESOURCE_INTEGRATION").entity("E").historical("1000000", "1100000", "1200000").build()));
        assertThat(gd.exactTotal()).isEqualByComparingTo("1089000");
        assertThat(gd.free()).isEqualTo(1_034_550);
        assertThat(gd.paid()).isEqualTo(54_450);
        var e = assertThrows(AllocationException.class, () -> new Allocator(Ruleset.bundled("GD-2016")).allocate(2016, Stage.FINAL, List.of(
                unit("RI-1", "RESOURCE_INTEGRATION").historical("1000000", "1100000").build())));
        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("historical_emissions_t"));

        // 2019-20 gas: verified emissions above the benchmark allowance → allowance = emissions
        Allocation gas = new Allocator(Ruleset.bundled("CN-POWER-2019-2020")).allocate(2019, Stage.FINAL, List.of(
                unit("G", "GAS").supply("1000000").verified(450_000).build(), unit("G2", "GAS").supply("1000000").verified(300_000).build()));
        assertThat(gas.units().get(0).rounded()).isEqualTo(450_000);
        assertThat(gas.units().get(0).relief()).isTrue();
        assertThat(gas.units().get(1).rounded()).isEqualTo(392_000);
        assertThat(gas.units().get(1).relief()).isFalse();
    }

    @org.junit.jupiter.api.Test void unknownRowsRefuseNamingThemAndTheUnit() {
        var e = assertThrows(AllocationException.class, () -> new Allocator(Ruleset.bundled("CN-POWER-2023-2024")).allocate(2023, Stage.FINAL, List.of(
                unit("UC-1", "UNCONVENTIONAL_COAL").cooling("WATER").generation("100").build(),
                unit("HEAT-1", "COAL_300_PLUS").cooling("WATER").generation("100").load("0.9").heat("10").build())));
        assertThat(e.problems()).extracting(Problem::unitId, Problem::field)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("UC-1", "benchmark[UNCONVENTIONAL_COAL]"), org.assertj.core.groups.Tuple.tuple("HEAT-1", "heat.benchmark[COAL_300_PLUS]"));
        var pre = assertThrows(AllocationException.class, () -> new Allocator(Ruleset.bundled("CN-POWER-2023-2024")).allocate(2023, Stage.PRE_ALLOCATION, List.of(
                unit("C-1", "COAL_300_PLUS").cooling("WATER").generation("100").load("0.9").build())));
        assertThat(pre.problems()).singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("pre-allocation.share[POWER]"));
    }

    @org.junit.jupiter.api.Test void localAdjustmentByRegionTightensOnlyAndIsNamed() {
        Ruleset r = Units.configured("CN-POWER-2017-DRAFT", "fuel-heat-value.factor", "USC_1000", "1");
        String text = r.text() + "local.adjustment\tGD\t0.98\tfactor\tP\t2017\ttest: a province's own factor\t\n";
        Ruleset withGd = Ruleset.parse("with-gd.tsv", text);
        Allocation a = new Allocator(withGd).allocate(2017, Stage.FINAL, List.of(
                unit("GD-1", "USC_1000").region("GD").cooling("WATER").supply("1000000").build(),
                unit("SH-1", "USC_1000").region("SH").cooling("WATER").supply("1000000").build()));
        assertThat(a.units().get(0).exact()).isEqualByComparingTo("790468");   // 806,600 × 0.98
        assertThat(a.units().get(1).exact()).isEqualByComparingTo("806600");   // the * row, 1
        assertThat(a.units().get(0).trace()).anySatisfy(s -> assertThat(s.render()).startsWith("LOCAL_ADJUSTMENT: region GD: × 0.98").contains("local.adjustment[GD]"));
        var e = assertThrows(RulesetFormatException.class, () -> Ruleset.parse("loose.tsv", r.text() + "local.adjustment\tGD\t1.02\tfactor\tP\t2017\ttest\t\n"));
        assertThat(e.problems()).singleElement().asString().contains("may only tighten");
    }

    @org.junit.jupiter.api.Test void historicalIntensityMethod() {
        String text = RulesetTest.minimal("benchmark\tA\t0.9\ttCO2/MWh\tC\t2019\ts\t\n"
                + "category.sector\tSTEEL_LINE\tSTEEL\t-\tC\t2019\ts\t\ncategory.method\tSTEEL_LINE\tHISTORICAL_INTENSITY\t-\tC\t2019\ts\t\n"
                + "category.basis\tSTEEL_LINE\tCLINKER\t-\tC\t2019\ts\t\nintensity.decline\tSTEEL_LINE\t0.97\tfactor\tU\t2019\ts\t\n"
                + "pre-allocation.share\tSTEEL\t0.5\tfraction\tC\t2019\ts\t\npre-allocation.basis\tSTEEL\tOUTPUT\t-\tC\t2019\ts\t\n"
                + "free.share\tSTEEL\t0.97\tfraction\tC\t2019\ts\t\n");
        Allocation a = new Allocator(Ruleset.parse("t.tsv", text)).allocate(2019, Stage.FINAL, List.of(
                unit("L1", "STEEL_LINE").clinker("200000").intensity("1.85").build()));
        // 200,000 t × 1.85 tCO2/t × 0.97 = 358,900; 97 % free
        assertThat(a.total()).isEqualTo(358_900);
        assertThat(a.free()).isEqualTo(348_133);
        assertThat(a.units().get(0).unconfirmed()).contains("intensity.decline[STEEL_LINE]");
        var e = assertThrows(AllocationException.class, () -> new Allocator(Ruleset.parse("t.tsv", text)).allocate(2019, Stage.FINAL,
                List.of(unit("L1", "STEEL_LINE").clinker("200000").build())));
        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("historical_intensity"));
    }
}
