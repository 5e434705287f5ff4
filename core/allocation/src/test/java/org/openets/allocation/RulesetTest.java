package org.openets.allocation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Reading ruleset files: every bundled one reads; a bad one is refused naming each bad line and field. */
class RulesetTest {
    static final List<String> BUNDLED = Ruleset.BUNDLED;

    @ParameterizedTest @FieldSource("BUNDLED")
    void everyBundledRulesetReadsAndEveryRowHasASource(String id) {
        Ruleset r = Ruleset.bundled(id);
        assertThat(r.id()).isEqualTo(id);
        assertThat(r.categoryCodes()).isNotEmpty();
        assertThat(r.params()).allSatisfy(p -> assertThat(p.source()).isNotBlank());
        assertThat(r.params()).filteredOn(Param::isUnknown).allSatisfy(p -> assertThat(p.confidence()).isEqualTo(Confidence.U));
    }

    @Test void benchmarksAreVersionedByYear() {
        Ruleset r = Ruleset.bundled("CN-POWER-2021-2022");
        assertThat(r.find(ParamName.BENCHMARK, "COAL_300_PLUS", 2021).orElseThrow().value()).isEqualTo("0.8218");
        assertThat(r.find(ParamName.BENCHMARK, "COAL_300_PLUS", 2022).orElseThrow().value()).isEqualTo("0.8177");
        assertThat(r.covers(2023)).isFalse();
    }

    @Test void aCategoryMayChangeMethodFromOneYearToTheNext() {
        Ruleset r = Ruleset.bundled("CN-INDUSTRY-2024-2025");
        assertThat(r.category("CEMENT_CLINKER", 2024).orElseThrow().method()).isEqualTo(Method.VERIFIED_EMISSIONS);
        assertThat(r.category("CEMENT_CLINKER", 2025).orElseThrow().method()).isEqualTo(Method.BENCHMARK);
    }

    static String minimal(String extra) {
        return """
                @id\tTEST-1
                @title\tt
                @jurisdiction\tCN
                @years\t2019
                parameter\tqualifier\tvalue\tunit\tconfidence\tvalid_from\tsource\tnote
                category.sector\tA\tPOWER\t-\tC\t2019\ts\t
                category.method\tA\tBENCHMARK\t-\tC\t2019\ts\t
                category.basis\tA\tSUPPLY\t-\tC\t2019\ts\t
                pre-allocation.share\tPOWER\t0.7\tfraction\tC\t2019\ts\t
                pre-allocation.basis\tPOWER\tOUTPUT\t-\tC\t2019\ts\t
                free.share\tPOWER\t1\tfraction\tC\t2019\ts\t
                rounding.point\t\tUNIT_LINE\t-\tU\t2019\ts\t
                rounding.mode\t\tHALF_UP\t-\tU\t2019\ts\t
                """ + extra;
    }

    @Test void aCategoryWithoutItsBenchmarkIsRefusedNamingTheLineAndTheParameter() {
        var e = assertThrows(RulesetFormatException.class, () -> Ruleset.parse("t.tsv", minimal("")));
        assertThat(e.problems()).singleElement().asString().contains("line 7", "category A", "missing parameter benchmark[A]");
    }

    @Test void theMinimalRulesetWithItsBenchmarkReads() {
        Ruleset r = Ruleset.parse("t.tsv", minimal("benchmark\tA\t0.9\ttCO2/MWh\tC\t2019\ts\t\n"));
        assertThat(r.category("A", 2019)).isPresent();
    }

    @Test void everyBadLineIsListed() {
        String bad = minimal("""
                benchmark\tA\t0.9\ttCO2/GJ\tC\t2019\ts\t
                benchmark\tB\tUNKNOWN\ttCO2/MWh\tC\t2019\ts\t
                no.such\t\t1\t-\tC\t2019\ts\t
                local.adjustment\tGD\t1.1\tfactor\tC\t2019\ts\t
                free.share\tCEMENT\tabc\tfraction\tC\t2019\ts\t
                rounding.mode\t\tSOMETIMES\t-\tU\t2020\ts\t
                cooling.factor\tAIR\t1.05\tfactor\tC\t2019\t\t
                """);
        var e = assertThrows(RulesetFormatException.class, () -> Ruleset.parse("t.tsv", bad));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("line 14", "benchmark[A]", "unit must be"))
                .anySatisfy(p -> assertThat(p).contains("line 15", "UNKNOWN must have confidence U"))
                .anySatisfy(p -> assertThat(p).contains("line 16", "unknown parameter no.such"))
                .anySatisfy(p -> assertThat(p).contains("line 18", "free.share[CEMENT]", "non-negative decimal"))
                .anySatisfy(p -> assertThat(p).contains("line 20", "needs a source"));
        var e2 = assertThrows(RulesetFormatException.class, () -> Ruleset.parse("t.tsv", minimal("benchmark\tA\t0.9\ttCO2/MWh\tC\t2019\ts\t\nlocal.adjustment\tGD\t1.1\tfactor\tC\t2019\ts\t\n")));
        assertThat(e2.problems()).singleElement().asString().contains("line 15", "may only tighten");
        var e3 = assertThrows(RulesetFormatException.class, () -> Ruleset.parse("t.tsv", minimal("benchmark\tA\t0.9\ttCO2/MWh\tC\t2019\ts\t\nrounding.mode\t\tSOMETIMES\t-\tU\t2020\ts\t\n")));
        assertThat(e3.problems()).singleElement().asString().contains("line 15", "SOMETIMES is not an allowed value");
    }

    @Test void missingHeaderLinesAndColumnsAreNamed() {
        var e = assertThrows(RulesetFormatException.class, () -> Ruleset.parse("t.tsv", "parameter\tqualifier\n"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("line 1", "expected the column header"));
        var e2 = assertThrows(RulesetFormatException.class, () -> Ruleset.parse("t.tsv", minimal("benchmark\tA\t0.9\ttCO2/MWh\tC\t2019\ts\n")));
        assertThat(e2.problems()).singleElement().asString().contains("line 14", "expected 8 tab-separated fields");
    }

    @Test void factorsTheCategoryUsesMustHaveRows() {
        var e = assertThrows(RulesetFormatException.class, () -> Ruleset.parse("t.tsv",
                minimal("benchmark\tA\t0.9\ttCO2/MWh\tC\t2019\ts\t\ncategory.factors\tA\tCOOLING,LOAD\t-\tC\t2019\ts\t\n")));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("category A", "missing parameter cooling.factor[...]"))
                .anySatisfy(p -> assertThat(p).contains("missing parameter load.scope"));
    }
}
