package org.openets.allocation;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Bad populations: each problem names its line and field; any problem means no allocation at all. */
class BadInputTest {
    static final String HEADER = "unit_id,entity_id,entity_name,region,category,cooling,supply_mwh,load_factor,heat_gj,verified_emissions_t\n";
    static final Allocator NATIONAL = new Allocator(Ruleset.bundled("CN-POWER-2019-2020"));

    static List<Problem> problems(String csv) {
        AllocationException e = assertThrows(AllocationException.class, () -> NATIONAL.allocate(2019, Stage.FINAL, PopulationReader.read(csv)));
        return e.problems();
    }

    @Test void aGoodFileAllocates() {
        Allocation a = NATIONAL.allocate(2019, Stage.FINAL, PopulationReader.read(HEADER + "U1,E1,\"Plant, Ltd\",GD,COAL_300_PLUS,WATER,1000000,0.9,,\n"));
        assertThat(a.total()).isEqualTo(877_000);
        assertThat(a.entities().get(0).entityName()).isEqualTo("Plant, Ltd");
    }

    @Test void unknownCategory() {
        assertThat(problems(HEADER + "U1,E1,,GD,COAL_9000,WATER,1000000,0.9,,\n")).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.field()).isEqualTo("category");
            assertThat(p.code()).isEqualTo(Problem.Code.UNKNOWN_CATEGORY);
            assertThat(p.message()).contains("COAL_9000");
        });
    }

    @Test void missingOutput() {
        assertThat(problems(HEADER + "U1,E1,,GD,COAL_300_PLUS,WATER,1000000,0.9,,\nU2,E1,,GD,COAL_300_PLUS,WATER,,0.9,,\n")).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.field()).isEqualTo("supply_mwh");
            assertThat(p.code()).isEqualTo(Problem.Code.MISSING_VALUE);
        });
    }

    @Test void negativeValuesAndTextInANumberColumn() {
        List<Problem> ps = problems(HEADER + "U1,E1,,GD,COAL_300_PLUS,WATER,-5,0.9,,\nU2,E1,,GD,COAL_300_PLUS,WATER,abc,0.9,,\nU3,E1,,GD,COAL_300_PLUS,WATER,100,0.9,-3,\n");
        assertThat(ps).extracting(Problem::line, Problem::field, Problem::code).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2, "supply_mwh", Problem.Code.INVALID_VALUE),
                org.assertj.core.groups.Tuple.tuple(3, "supply_mwh", Problem.Code.INVALID_VALUE),
                org.assertj.core.groups.Tuple.tuple(4, "heat_gj", Problem.Code.INVALID_VALUE));
    }

    @Test void negativeFiguresGivenDirectlyAreRefusedByTheAllocatorToo() {
        var e = assertThrows(AllocationException.class, () -> NATIONAL.allocate(2019, Stage.FINAL,
                List.of(Units.unit("U1", "COAL_300_PLUS").cooling("WATER").supply("-1").load("0.9").build())));
        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("supply_mwh"));
    }

    @Test void missingCoolingLoadAndHeatRatioAreNamed() {
        List<Problem> ps = problems(HEADER + "U1,E1,,GD,COAL_300_PLUS,,1000000,,,\n");
        assertThat(ps).extracting(Problem::field).containsExactly("cooling", "load_factor");
        assertThat(problems("unit_id,entity_id,category,cooling,supply_mwh,heat_gj\nU1,E1,GAS,,100,50\n"))
                .extracting(Problem::field).containsExactly("heat_ratio");
    }

    @Test void duplicateUnitsUnknownColumnsAndAnEmptyFile() {
        assertThat(problems(HEADER + "U1,E1,,GD,GAS,,100,,,\nU1,E1,,GD,GAS,,100,,,\n")).singleElement()
                .satisfies(p -> assertThat(p.code()).isEqualTo(Problem.Code.DUPLICATE_UNIT));
        var e = assertThrows(AllocationException.class, () -> PopulationReader.read("unit_id,entity_id,category,colour\n"));
        assertThat(e.problems()).singleElement().satisfies(p -> { assertThat(p.field()).isEqualTo("colour"); assertThat(p.line()).isEqualTo(1); });
        assertThrows(AllocationException.class, () -> PopulationReader.read(""));
    }

    @Test void aYearOutsideTheRuleset() {
        var e = assertThrows(AllocationException.class, () -> NATIONAL.allocate(2023, Stage.FINAL, List.of()));
        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.code()).isEqualTo(Problem.Code.YEAR_NOT_COVERED));
    }

    @Test void aRulesetWithAMissingParameterNamesItsLineAndField() {
        String text = Ruleset.bundled("CN-POWER-2019-2020").text().lines()
                .filter(l -> !l.startsWith("benchmark\tGAS\t")).reduce("", (a, b) -> a + b + "\n");
        var e = assertThrows(RulesetFormatException.class, () -> Ruleset.parse("broken.tsv", text));
        assertThat(e.problems()).singleElement().asString().contains("category GAS", "missing parameter benchmark[GAS]").matches(".*line [0-9]+.*");
        assertThat(e.getMessage()).startsWith("broken.tsv");
    }
}
