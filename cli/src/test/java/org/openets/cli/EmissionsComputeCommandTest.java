package org.openets.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import org.openets.cli.CliTesting.Run;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EmissionsComputeCommandTest {

    static final String ENTITY = """
            [entities]
            entity,name
            E1,Pearl River Power Co.

            [installations]
            entity,facility,facility_name,installation,kind,valid_from,reason,category,capacity,pressure,cooling,heat_supply,commissioned,closed,province,city
            E1,F1,Zhuhai works,G1,GENERATING_UNIT,2010-01-01,registered,CONVENTIONAL_COAL_ABOVE_300MW,600,SUPERCRITICAL,WATER,no,2010-01-01,,Guangdong,Zhuhai
            E1,F1,Zhuhai works,G2,GENERATING_UNIT,2010-01-01,registered,GAS,400,NOT_APPLICABLE,AIR,yes,2010-01-01,,Guangdong,Zhuhai
            """;

    @TempDir Path dir;

    static Run run(String... args) { return CliTesting.run(args); }

    Path file(String name, String text) throws IOException { return CliTesting.write(dir, name, text); }

    static Path example() {
        return Path.of("src/test/resources/emissions/example-2022.csv");
    }

    @Test void purchasedElectricityOf2022ComputesToTheWorkedExample() throws IOException {
        // rules-reference §8 #17: 10,000 MWh bought in 2022 x 0.5703 tCO2/MWh [C] = 5,703 t
        Path in = file("elec.csv", ENTITY + """
                [activity]
                entity,year,unit,month,generation_mwh,supply_mwh,heat_supplied_gj,purchased_electricity_mwh
                E1,2022,G1,6,500000,470000,0,10000
                """);
        Run r = run("emissions", "compute", in.toString(), "--format", "csv");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("\uFEFF" + """
                entity,year,record,installation,fuel_tco2,electricity_tco2,process_tco2,exact_tco2,total_t,unconfirmed,detail
                E1,2022,entity,,0,5703,0,5703,5703,rounding.point;rounding.mode,
                E1,2022,installation,G1,0,5703,0,5703,,,
                """);
    }

    @Test void aYearOfCoalGasAndElectricityInEveryFormat() {
        // the domain's scenario (EmissionsScenarioTest): 2,765,393 t
        Run text = run("emissions", "compute", example().toString());
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).startsWith("entity E1 (Pearl River Power Co.), 2022: 2765393 t CO2 [U]\n")
                .contains("  fuel 2759690.182 + electricity 5703 + process 0 = 2765393.182 tCO2 exact, rounded HALF_UP at ENTITY_TOTAL")
                .contains("  installation G2: fuel 21650.152 + electricity 0 + process 0 = 21650.152 tCO2")
                .contains("[U] rests on unconfirmed values (verify before this figure is final): of.default[COAL], rounding.point, rounding.mode")
                .doesNotContain("trace:");
        Run csv = run("emissions", "compute", example().toString(), "--format", "CSV");
        assertThat(csv.out()).contains("E1,2022,entity,,2759690.181996,5703,0,2765393.181996,2765393,of.default[COAL];rounding.point;rounding.mode,");
        Run json = run("emissions", "compute", example().toString(), "--format", "json");
        assertThat(json.out()).startsWith("{\"reports\": [\n").contains("\"total_t\": 2765393, \"exact_tco2\": 2765393.181996")
                .contains("\"unconfirmed\": [\"of.default[COAL]\", \"rounding.point\", \"rounding.mode\"]").endsWith("]}\n");
    }

    @Test void traceNamesTheDefaultsAppliedAndTheUnconfirmedValues() {
        Run r = run("emissions", "compute", example().toString(), "--trace");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("  trace:\n")
                .contains("fuel G1 month 2 COAL: FC 100000 t x NCV 20.9 GJ/t (MEASURED) x CC 0.03085 tC/GJ (DEFAULT: not measured; 2 month(s) of COAL on G1 measured in 2022, fewer than 3; cc.default[COAL] = 0.03085 tC/GJ [C]")
                .contains("OF 0.99 fraction (DEFAULT: not measured; of.default[COAL] = 0.99 fraction [U] UNCONFIRMED)")
                .contains("fuel G2 month 1 NATURAL_GAS: FC 1000 10^4 Nm3 x NCV 389.31 GJ/10^4 Nm3 (DEFAULT: not measured; ncv.default[NATURAL_GAS] = 389.31 GJ/10^4 Nm3 [P])")
                .contains("electricity G1 month 6: 10000 MWh x grid.ef = 0.5703 tCO2/MWh [C] = 5703.0000 tCO2")
                .contains("  substitutions (25, 25 defaults):\n")
                .contains("    DEFAULT CC = 0.03085 for unit G1, month 2, fuel COAL")
                .contains("of.default[COAL] = 0.99 fraction [U] UNCONFIRMED (data years 2019-; CN.tsv:");
        Run json = run("emissions", "compute", example().toString(), "--trace", "--format", "json");
        assertThat(json.out()).contains("{\"installation\": \"G1\", \"month\": 2, \"fuel\": \"COAL\", \"factor\": \"CC\", \"origin\": \"DEFAULT\", \"value\": 0.03085, \"rules\": [\"cc.default[COAL]\", \"cc.default-rule[COAL]\", \"cc.measured-months-threshold[COAL]\"]")
                .contains("{\"key\": \"of.default[COAL]\", \"value\": \"0.99\", \"unit\": \"fraction\", \"confidence\": \"U\"");
        Run csv = run("emissions", "compute", example().toString(), "--trace", "--format", "csv");
        assertThat(csv.out()).contains("E1,2022,substitution,G1,,,,,,,\"DEFAULT CC = 0.03085 for unit G1, month 2, fuel COAL");
    }

    @Test void badCellsAreAllListedWithRowAndFieldAndNothingIsWritten() throws IOException {
        Path in = file("bad.csv", ENTITY + """
                [fuels]
                entity,year,unit,month,fuel,quantity,ncv,carbon_content,carbon_ar_percent,oxidation_rate
                E1,2022,G1,1,COAL,-5,20.9,0.0262,,
                E1,2022,G1,13,COAL,100,20.9,0.0262,,
                E1,2022,G1,2,DIESEL,100,20.9,,,
                E1,2022,G1,3,COAL,lots,20.9,,,

                [activity]
                entity,year,unit,month,generation_mwh,supply_mwh,heat_supplied_gj,purchased_electricity_mwh,colour
                E1,2022,G1,6,500000,470000,0,10000,blue
                """);
        Path out = dir.resolve("out.csv");
        Run r = run("emissions", "compute", in.toString(), "--format", "csv", "--output", out.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(out).doesNotExist();
        assertThat(Files.list(dir).map(p -> p.getFileName().toString()).toList()).containsExactly("bad.csv"); // no temporary file left
        assertThat(r.err()).contains("5 problem(s) in " + in + "; nothing written:")
                .contains("bad.csv: activity header (line 17): unknown column 'colour' (the activity section has [entity, year, generation_mwh, heat_supplied_gj, "
                        + "month, purchased_electricity_mwh, supply_mwh, unit]) (field colour)")
                .contains("bad.csv: entity E1, year 2022, fuels row 11, unit G1, month 1, fuel COAL: quantity must not be negative (field quantity, NEGATIVE)")
                .contains("bad.csv: entity E1, year 2022, fuels row 12, unit G1, month 13, fuel COAL: month must be 1..12 (field month, OUT_OF_RANGE)")
                .contains("bad.csv: entity E1, year 2022, fuels row 13, unit G1, month 2, fuel DIESEL: unknown fuel type 'DIESEL' (known in 2022: COAL, NATURAL_GAS) (field fuel, UNKNOWN_FUEL)")
                .contains("bad.csv: entity E1, year 2022, fuels row 14, unit G1, month 3, fuel COAL: quantity: 'lots' is not a number (plain decimal, e.g. 1234.5) (field quantity, NOT_A_NUMBER)")
                .doesNotContain("missing parameter"); // a report with bad cells is not computed

        Files.writeString(out, "yesterday's figures");
        Run again = run("emissions", "compute", in.toString(), "--output", out.toString());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(out).hasContent("yesterday's figures");
    }

    @Test void badDefinitionsAndStructureAreProblemsToo() throws IOException {
        Path in = file("structure.csv", """
                [entities]
                entity,name
                E1,One
                E1,One again

                [installations]
                entity,facility,installation,kind,valid_from,category,capacity,pressure,cooling,heat_supply,commissioned,province,city
                E1,F1,G1,GENERATING_UNIT,2010-01-01,COAL_ISH,600,SUPERCRITICAL,WATER,no,2010-01-01,Guangdong,Zhuhai
                E1,F1,L1,CLINKER_LINE,2010-01-01,,5000,SUPERCRITICAL,,,2010-01-01,Anhui,Wuhu

                [fuels]
                entity,year,unit,month,fuel,quantity,ncv,carbon_content,carbon_ar_percent,oxidation_rate
                E9,2022,G1,1,COAL,100,20.9,0.0262,,
                E1,22,G1,1,COAL,100,20.9,0.0262,,
                E1,2022,G1,1,COAL,100,20.9
                [tanks]
                """);
        Run r = run("emissions", "compute", in.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("structure.csv: entities row 4, entity E1: entity defined twice (first in line 3)")
                .contains("structure.csv: installations row 8, entity E1, installation G1: category: 'COAL_ISH' is not one of [CONVENTIONAL_COAL_ABOVE_300MW")
                .contains("structure.csv: installations row 9, entity E1, installation L1: pressure is for generating units only; leave it empty for a CLINKER_LINE (field pressure)")
                .contains("structure.csv: row 13: entity 'E9' is not in the entities section (1 sheet row(s) name it, the first in line 13) (field entity)")
                .contains("structure.csv: fuels row 14: year: '22' is not a data year (2005..2100) (field year)")
                .contains("structure.csv: fuels row 15: 7 cells, but the header (line 12) has 10")
                .contains("structure.csv: unknown section [tanks]");
    }

    @Test void anotherRulesFileReplacesTheBundledOne() throws IOException {
        String bundled;
        try (InputStream s = org.openets.emissions.Ruleset.class.getResourceAsStream("rules/CN.tsv")) {
            bundled = new String(s.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path rules = file("CN-2022-test.tsv", bundled.replace("grid.ef\t\t0.5703\t", "grid.ef\t\t0.6000\t"));
        Path in = file("elec.csv", ENTITY + """
                [activity]
                entity,year,unit,month,generation_mwh,supply_mwh,heat_supplied_gj,purchased_electricity_mwh
                E1,2022,G1,6,500000,470000,0,10000
                """);
        Run r = run("emissions", "compute", in.toString(), "--rules", rules.toString(), "--trace");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("entity E1 (Pearl River Power Co.), 2022: 6000 t CO2 [U]").contains("(data years 2022-2022; CN-2022-test.tsv:");

        Path broken = file("broken.tsv", bundled + "grid.ef\t\tlots\ttCO2/MWh\tC\t2030\t\tsomewhere\t\n");
        Run bad = run("emissions", "compute", in.toString(), "--rules", broken.toString());
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("broken.tsv:").contains("value 'lots' is not a plain decimal number");
    }

    @Test void usageAndInputOutputErrorsExitWithTwo() {
        assertThat(run("emissions", "compute", dir.resolve("missing.csv").toString()).exit()).isEqualTo(2);
        assertThat(run("emissions", "compute", dir.resolve("missing.csv").toString()).err()).contains("no such file");
        assertThat(run("emissions", "compute", example().toString(), "--format", "xml").exit()).isEqualTo(2);
        assertThat(run("emissions", "compute", example().toString(), "--jurisdiction", "XX").exit()).isEqualTo(2);
        Run noDir = run("emissions", "compute", example().toString(), "--output", dir.resolve("no/such/dir/out.csv").toString());
        assertThat(noDir.exit()).isEqualTo(2);
        assertThat(noDir.err()).contains("cannot write").contains("no such directory");
        assertThat(run("emissions", "compute").exit()).isEqualTo(2);
    }

    @Test void manyEntitiesComputeInParallelInAFixedOrder() throws IOException {
        StringBuilder b = new StringBuilder("[entities]\nentity,name\n");
        for (int e = 0; e < 300; e++) b.append("E").append(e).append(",Co ").append(e).append('\n');
        b.append("[installations]\nentity,facility,installation,kind,valid_from,category,capacity,pressure,cooling,heat_supply,commissioned,province,city\n");
        for (int e = 0; e < 300; e++)
            for (int u = 1; u <= 2; u++)
                b.append("E").append(e).append(",F1,G").append(u).append(",GENERATING_UNIT,2015-01-01,CONVENTIONAL_COAL_300MW_AND_BELOW,300,SUBCRITICAL,WATER,no,2015-01-01,Henan,Zhengzhou\n");
        b.append("[fuels]\nentity,year,unit,month,fuel,quantity,ncv,carbon_content,carbon_ar_percent,oxidation_rate\n");
        List<String> rows = new ArrayList<>();
        for (int e = 0; e < 300; e++)
            for (int u = 1; u <= 2; u++)
                for (int m = 1; m <= 12; m++)
                    rows.add("E" + e + ",2022,G" + u + "," + m + ",COAL," + (1000 + e * 7 + m) + ".5,20." + (m % 10) + "," + (m % 4 == 1 ? "0.0261" : "") + ",,\n");
        java.util.Collections.shuffle(rows, new java.util.Random(7)); // rows in any order
        rows.forEach(b::append);
        Path in = file("many.csv", b.toString());
        Run one = run("emissions", "compute", in.toString(), "--format", "csv", "--threads", "1");
        Run four = run("emissions", "compute", in.toString(), "--format", "csv", "--threads", "4");
        assertThat(one.exit()).as(one.err()).isZero();
        assertThat(four.out()).isEqualTo(one.out());
        assertThat(one.out().lines().filter(l -> l.contains(",entity,")).map(l -> l.substring(0, l.indexOf(','))).toList())
                .hasSize(300).startsWith("E0", "E1", "E2").endsWith("E299");
    }
}
