package org.openets.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openets.allocation.Ruleset;
import picocli.CommandLine;
import org.openets.cli.CliTesting.Run;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code openets allocate} parsed and run as the process would run it (picocli's {@code execute}), on real files. */
class AllocateCommandTest {

    static final String HEADER = "unit_id,entity_id,entity_name,region,category,fuel,cooling,capacity_mw,generation_mwh,supply_mwh,heat_gj,heat_ratio,load_factor,verified_emissions_t\n";
    /** rules-reference §8 example 12: >300 MW coal, air-cooled, pure condensing, 3,000,000 MWh supplied, F = 0.70. */
    static final String EXAMPLE_12 = "U12,E1,\"Pearl River Power Co., Ltd.\",GD,COAL_300_PLUS,COAL,AIR,600,3200000,3000000,,,0.70,2900000\n";
    /** The newsletter's 1000 MW unit (rules-reference §8 example 1): 5,000,000 MWh generated, 4,750,000 MWh supplied. */
    static final String NEWSLETTER = "unit_id,entity_id,entity_name,region,category,fuel,cooling,capacity_mw,generation_mwh,supply_mwh,verified_emissions_t\n"
            + "GD-1000-1,E-1000,Newsletter 1000 MW,GD,,COAL,WATER,1000,5000000,4750000,4000000\n";

    @TempDir Path dir;

    static Run run(String... args) { return CliTesting.run(args); }

    Path file(String name, String text) throws IOException { return CliTesting.write(dir, name, text); }

    static Path population() { return Path.of("src/test/resources/allocation/population-2019.csv"); }

    static String bundled(String id) throws IOException {
        try (InputStream in = Ruleset.class.getResourceAsStream("rulesets/" + id + ".tsv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The 2017 draft with the fuel-heat-value factor of the 1000 MW line set to 1, as rules-reference §8 example 1 takes it. */
    Path draft2017FactorsOne() throws IOException {
        String text = bundled("CN-POWER-2017-DRAFT");
        String configured = text.replace("fuel-heat-value.factor\tUSC_1000\tUNKNOWN\t", "fuel-heat-value.factor\tUSC_1000\t1\t");
        assertThat(configured).isNotEqualTo(text);
        return file("CN-POWER-2017-DRAFT-factors-1.tsv", configured);
    }

    @Test void example12InText_withTraceBadgesAndFooter() throws IOException {
        Path in = file("u12.csv", HEADER + EXAMPLE_12);
        Run r = run("allocate", "--ruleset", "CN-POWER-2019-2020", "--year", "2019", in.toString(), "--trace");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("final allocation: CN-POWER-2019-2020, year 2019, ruleset file CN-POWER-2019-2020.tsv; rounded HALF_UP per unit line\n")
                .contains("entity E1 (Pearl River Power Co., Ltd.), POWER: 2846048 t = 2846048 free + 0 paid [U]\n")
                .contains("  unit U12, COAL_300_PLUS by BENCHMARK: 2846048 t (exact 2846048.074) = 2846048 free + 0 paid [U]\n")
                .contains("    BENCHMARK: 3000000 MWh supply × 0.877 tCO2/MWh = 2631000.000 ← benchmark[COAL_300_PLUS]=0.877 tCO2/MWh [C] (CN-POWER-2019-2020.tsv:35)\n")
                .contains("    COOLING: air-cooled: × 1.05 [U] ← cooling.factor[AIR]=1.05 factor [U UNCONFIRMED] (CN-POWER-2019-2020.tsv:44)\n")
                .contains("    LOAD: F=0.70 < 0.75: 1.015^(16 − 20F) = 1.015^2 = 1.030225 [U] ← load.scope=PURE_CONDENSING [U UNCONFIRMED]")
                .contains("    ROUNDING: 2846048.07375000000 → 2846048 t (HALF_UP, per unit line) [U]")
                .contains("  SUM: Σ 1 unit line(s), each rounded = 2846048 t\n")
                .contains("total: 1 unit line(s), 1 entity line(s): 2846048 t = 2846048 free + 0 paid [U]\n")
                .contains("[U] 13 unconfirmed ruleset row(s) used; verify them before these figures are final:\n")
                .contains("  cooling.factor[AIR] = 1.05 factor (CN-POWER-2019-2020.tsv:44): 1 unit line(s)\n")
                .contains("  rounding.mode = HALF_UP (CN-POWER-2019-2020.tsv:60): 1 unit line(s)\n");
        Run plain = run("allocate", "--ruleset", "CN-POWER-2019-2020", "--year", "2019", in.toString());
        assertThat(plain.out()).doesNotContain("COOLING:").doesNotContain("ROUNDING:").contains("[U]");
    }

    @Test void csvWithTrace_oneRowPerRecordAndAnUnconfirmedColumn() throws IOException {
        Path in = file("u12.csv", HEADER + EXAMPLE_12 + "G1,E3,Jiangsu Gas Power,JS,,GAS,WATER,390,1000000,960000,,,,420000\n");
        Run r = run("allocate", "--ruleset", "CN-POWER-2019-2020", "--year", "2019", in.toString(), "--format", "CSV", "--trace");
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("\uFEFFrecord,entity_id,entity_name,sector,unit_id,region,category,method,exact_t,total_t,free_t,paid_t,gas_relief,unconfirmed,detail");
        assertThat(lines).contains(
                "entity,E1,\"Pearl River Power Co., Ltd.\",POWER,,,,,2846048.07375,2846048,2846048,0,,cooling.factor[AIR];load.base-mid;load.power-base;"
                        + "load.power-offset;load.power-slope;load.scope;load.slope-high;load.slope-mid;load.threshold-full;load.threshold-low;load.threshold-mid;"
                        + "rounding.mode;rounding.point,",
                "unit,E1,,POWER,U12,GD,COAL_300_PLUS,BENCHMARK,2846048.07375,2846048,2846048,0,no,cooling.factor[AIR];load.base-mid;load.power-base;"
                        + "load.power-offset;load.power-slope;load.scope;load.slope-high;load.slope-mid;load.threshold-full;load.threshold-low;load.threshold-mid;"
                        + "rounding.mode;rounding.point,",
                "trace,E1,,POWER,U12,,,,,,,,,cooling.factor[AIR],COOLING: air-cooled: × 1.05 [U] ← cooling.factor[AIR]=1.05 factor [U UNCONFIRMED] (CN-POWER-2019-2020.tsv:44)",
                "trace,E1,,POWER,U12,,,,,,,,,,BENCHMARK: 3000000 MWh supply × 0.877 tCO2/MWh = 2631000.000 ← benchmark[COAL_300_PLUS]=0.877 tCO2/MWh [C] (CN-POWER-2019-2020.tsv:35)",
                // the gas unit's category matched from its fuel, and the gas relief: allowance = verified emissions
                "unit,E3,,POWER,G1,JS,GAS,BENCHMARK,420000,420000,420000,0,yes,gas.relief[GAS];rounding.mode;rounding.point,",
                "trace,E3,,POWER,G1,,,,,,,,,,\"CATEGORY: fuel GAS, 390 MW → GAS ← category.match[GAS]=GAS [C] (CN-POWER-2019-2020.tsv:64)\"",
                "total,,,,,,,,3266048.07375,3266048,3266048,0,,cooling.factor[AIR];gas.relief[GAS];load.base-mid;load.power-base;load.power-offset;load.power-slope;"
                        + "load.scope;load.slope-high;load.slope-mid;load.threshold-full;load.threshold-low;load.threshold-mid;rounding.mode;rounding.point,");
        for (String l : lines) assertThat(columns(l)).as(l).isEqualTo(15);
    }

    @Test void jsonWithTrace_hasTheUnconfirmedFieldOnEveryLine() {
        Run r = run("allocate", "--ruleset", "CN-POWER-2019-2020", "--year", "2019", population().toString(), "--format", "json", "--trace");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("{\"ruleset\": \"CN-POWER-2019-2020\", \"ruleset_file\": \"CN-POWER-2019-2020.tsv\"")
                .contains("\"year\": 2019, \"stage\": \"final\", \"rounding\": {\"point\": \"UNIT_LINE\", \"mode\": \"HALF_UP\"}")
                .contains("{\"unit\": \"U12\", \"region\": \"GD\", \"category\": \"COAL_300_PLUS\", \"category_matched\": false, \"method\": \"BENCHMARK\", "
                        + "\"exact_t\": 2846048.07375, \"total_t\": 2846048, \"free_t\": 2846048, \"paid_t\": 0, \"gas_relief\": false, \"unconfirmed\": [\"cooling.factor[AIR]\"")
                .contains("{\"unit\": \"U13\", \"region\": \"GD\", \"category\": \"COAL_300_AND_BELOW\", \"category_matched\": true")
                .contains("{\"rule\": \"COOLING\", \"text\": \"air-cooled: × 1.05\", \"value\": 1.05, \"unconfirmed\": true, \"rows\": [{\"key\": \"cooling.factor[AIR]\", "
                        + "\"value\": \"1.05\", \"unit\": \"factor\", \"confidence\": \"U\", \"origin\": \"CN-POWER-2019-2020.tsv:44\"}]")
                .contains("\"total_t\": 5384242, \"free_t\": 5384242, \"paid_t\": 0")
                .contains("\"unconfirmed_rows\": [\n  {\"key\": ")
                .contains("\n  {\"key\": \"cooling.factor[AIR]\", \"value\": \"1.05\", \"unit\": \"factor\", \"confidence\": \"U\", "
                        + "\"origin\": \"CN-POWER-2019-2020.tsv:44\", \"source\": \"rules-reference §1.3 and §9 item 2: recalled\", \"unit_lines\": 1, \"entity_lines\": 0}")
                .endsWith("}\n");
        // every entity and unit object carries the badge field
        long objects = r.out().lines().filter(l -> l.contains("{\"entity\": ") || l.contains("{\"unit\": ")).count();
        long badged = r.out().lines().filter(l -> (l.contains("{\"entity\": ") || l.contains("{\"unit\": ")) && l.contains("\"unconfirmed\": [\"")).count();
        assertThat(objects).isEqualTo(7);
        assertThat(badged).isEqualTo(7);
    }

    @Test void writtenToAFileOnlyWhenGood_formatFromTheExtension() throws IOException {
        Path out = dir.resolve("allocation.csv");
        Run r = run("allocate", "--ruleset", "CN-POWER-2019-2020", "--year", "2019", population().toString(), "-o", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("allocate: 4 unit line(s), 3 entity line(s), 5384242 t (5384242 free, 0 paid); rests on 17 unconfirmed [U] ruleset row(s); "
                + "written to " + out + "\n");
        assertThat(Files.readAllBytes(out)).startsWith(0xEF, 0xBB, 0xBF); // UTF-8 with a byte-order mark, so a spreadsheet reads the Chinese names
        assertThat(Files.readString(out)).startsWith("\uFEFF" + CsvFormatHeader.ALLOCATION);
        Path json = dir.resolve("allocation.json");
        assertThat(run("allocate", "--ruleset", "CN-POWER-2019-2020", "--year", "2019", population().toString(), "-o", json.toString()).exit()).isZero();
        assertThat(Files.readString(json)).startsWith("{\"ruleset\": ");
        Path text = dir.resolve("allocation.txt");
        assertThat(run("allocate", "--ruleset", "CN-POWER-2019-2020", "--year", "2019", population().toString(), "--output", text.toString(), "--format", "json").exit()).isZero();
        assertThat(Files.readString(text)).startsWith("{\"ruleset\": ");
    }

    /** The csv header, spelled out here so a change to it is a test change. */
    static final class CsvFormatHeader {
        static final String ALLOCATION = "record,entity_id,entity_name,sector,unit_id,region,category,method,exact_t,total_t,free_t,paid_t,gas_relief,unconfirmed,detail\n";
    }

    @Test void badInput_everyProblemWithLineUnitFieldAndCode_nothingWritten() throws IOException {
        Path in = file("bad.csv", HEADER
                + "U1,E1,,GD,COAL_ISH,COAL,WATER,600,3200000,3000000,,,0.9,\n"       // unknown category
                + "U2,E1,,GD,COAL_300_PLUS,COAL,WATER,600,3200000,,,,0.9,\n"          // no supply: the benchmark's output
                + "U3,E1,,GD,COAL_300_PLUS,COAL,WATER,600,3200000,-5,,,0.9,\n"        // negative
                + "U4,E1,,GD,COAL_300_PLUS,COAL,WATER,600,lots,3000000,,,0.9,\n"      // text in a number column
                + "U5,E1,,GD,GAS,GAS,,390,1000000,960000,,,,\n");                    // good
        Path out = dir.resolve("out.csv");
        Files.writeString(out, "yesterday's allocation");
        Run r = run("allocate", "--ruleset", "CN-POWER-2019-2020", "--year", "2019", in.toString(), "-o", out.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(out).hasContent("yesterday's allocation");
        assertThat(Files.list(dir).map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("bad.csv", "out.csv"); // no temporary file left
        // the reader stops a file with a cell that is not a number, or a negative one, before anything is computed
        assertThat(r.err()).isEqualTo("allocate: 2 problem(s) in " + in + "; nothing written:\n"
                + "  bad.csv line 4, unit U3, field supply_mwh: INVALID_VALUE: must not be negative: -5\n"
                + "  bad.csv line 5, unit U4, field generation_mwh: INVALID_VALUE: not a number: lots\n");

        Path computed = file("bad2.csv", HEADER
                + "U1,E1,,GD,COAL_ISH,COAL,WATER,600,3200000,3000000,,,0.9,\n"
                + "U2,E1,,GD,COAL_300_PLUS,COAL,WATER,600,3200000,,,,0.9,\n"
                + "U3,E1,,GD,COAL_300_PLUS,COAL,WATER,600,3200000,3000000,,0.5,,\n"
                + "U5,E1,,GD,GAS,GAS,,390,1000000,960000,,,,\n"
                + "U5,E2,,GD,GAS,GAS,,390,1000000,960000,,,,\n");
        Run r2 = run("allocate", "--ruleset", "CN-POWER-2019-2020", "--year", "2019", computed.toString(), "--format", "csv");
        assertThat(r2.exit()).isEqualTo(1);
        assertThat(r2.out()).isEmpty();
        assertThat(r2.err()).isEqualTo("allocate: 4 problem(s) in " + computed + "; nothing written:\n"
                + "  bad2.csv line 2, unit U1, field category: UNKNOWN_CATEGORY: ruleset CN-POWER-2019-2020 has no category COAL_ISH (it has COAL_300_PLUS, "
                + "COAL_300_AND_BELOW, UNCONVENTIONAL_COAL, GAS)\n"
                + "  bad2.csv line 3, unit U2, field supply_mwh: MISSING_VALUE: the method needs supply_mwh\n"
                + "  bad2.csv line 4, unit U3, field load_factor: MISSING_VALUE: the load correction needs the unit's load coefficient\n"
                + "  bad2.csv line 6, unit U5, field unit_id: DUPLICATE_UNIT: the unit appears twice\n");
    }

    @Test void aRulesetFileMissingAParameter_namesTheLineAndTheParameter() throws IOException {
        String text = bundled("CN-POWER-2019-2020");
        Path noBenchmark = file("no-gas-benchmark.tsv", text.replaceAll("(?m)^benchmark\tGAS\t.*\n", ""));
        Run r = run("allocate", "--ruleset", noBenchmark.toString(), "--year", "2019", population().toString(), "-o", dir.resolve("out.csv").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(dir.resolve("out.csv")).doesNotExist();
        assertThat(r.err()).isEqualTo("allocate: 1 problem(s) in the ruleset no-gas-benchmark.tsv; nothing written:\n"
                + "  no-gas-benchmark.tsv line 30: category GAS (2019): missing parameter benchmark[GAS] valid in 2019\n");

        // a row a unit needs only at allocation time: named with the unit's line and the parameter
        Path noAir = file("no-air.tsv", text.replaceAll("(?m)^cooling\\.factor\tAIR\t.*\n", ""));
        Run r2 = run("allocate", "--ruleset", noAir.toString(), "--year", "2019", population().toString());
        assertThat(r2.exit()).isEqualTo(1);
        assertThat(r2.out()).isEmpty();
        assertThat(r2.err()).contains("population-2019.csv line 2, unit U12, field cooling.factor[AIR]: MISSING_PARAMETER: ruleset CN-POWER-2019-2020 has no cooling.factor[AIR] for 2019");

        // an UNKNOWN row a unit needs: the draft as shipped
        Path nl = file("newsletter.csv", NEWSLETTER);
        Run r3 = run("allocate", "--ruleset", "CN-POWER-2017-DRAFT", "--year", "2017", nl.toString());
        assertThat(r3.exit()).isEqualTo(1);
        assertThat(r3.err()).contains("newsletter.csv line 2, unit GD-1000-1, field fuel-heat-value.factor[USC_1000]: UNKNOWN_PARAMETER: ruleset CN-POWER-2017-DRAFT "
                + "ships fuel-heat-value.factor[USC_1000] as UNKNOWN (CN-POWER-2017-DRAFT.tsv:19); unit GD-1000-1 needs it");

        Path broken = file("broken.tsv", text + "benchmark\tGAS\tlots\ttCO2/MWh\tC\t2020\tsomewhere\t\n");
        Run r4 = run("allocate", "--ruleset", broken.toString(), "--year", "2019", population().toString());
        assertThat(r4.exit()).isEqualTo(1);
        assertThat(r4.err()).contains("broken.tsv line 65: benchmark[GAS]: value must be a non-negative decimal or UNKNOWN, not lots");
    }

    @Test void unknownRulesetIdAndOtherUsageErrorsExitWithTwo() {
        Run r = run("allocate", "--ruleset", "CN-POWER-2030", "--year", "2030", population().toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("allocate: --ruleset CN-POWER-2030: no bundled ruleset has this id (bundled: CN-POWER-2017-DRAFT, CN-POWER-2019-2020, "
                + "CN-POWER-2021-2022, CN-POWER-2023-2024, CN-INDUSTRY-2017-DRAFT, CN-INDUSTRY-2024-2025, GD-2016); a ruleset file's name ends in .tsv\n");
        Run missingFile = run("allocate", "--ruleset", dir.resolve("mine.tsv").toString(), "--year", "2019", population().toString());
        assertThat(missingFile.exit()).isEqualTo(2);
        assertThat(missingFile.err()).contains("cannot read the ruleset").contains("no such file");
        Run year = run("allocate", "--ruleset", "CN-POWER-2019-2020", "--year", "2018", population().toString());
        assertThat(year.exit()).isEqualTo(2);
        assertThat(year.err()).contains("--year 2018: ruleset CN-POWER-2019-2020 covers 2019-2020, not 2018");
        assertThat(run("allocate", "--ruleset", "CN-POWER-2019-2020", population().toString()).exit()).isEqualTo(2);
        assertThat(run("allocate", "--ruleset", "CN-POWER-2019-2020", "--year", "2019").exit()).isEqualTo(2);
        assertThat(run("allocate", "--ruleset", "CN-POWER-2019-2020", "--year", "2019", population().toString(), "--format", "xml").exit()).isEqualTo(2);
        assertThat(run("allocate", "--ruleset", "CN-POWER-2019-2020", "--year", "2019", population().toString(), "--stage", "mid").exit()).isEqualTo(2);
        assertThat(run("allocate", "--ruleset", "CN-POWER-2019-2020", "--year", "2019", population().toString(), "--prices", "4000").err())
                .contains("--prices goes with --what-if");
        assertThat(run("allocate", "--ruleset", "CN-POWER-2019-2020", "--year", "2019", population().toString(), "--what-if", "--prices", "-1").exit()).isEqualTo(2);
        assertThat(run("allocate", "--ruleset", "CN-POWER-2019-2020", "--year", "2019", population().toString(), "--what-if", "--prices", "40.5").exit()).isEqualTo(2);
        assertThat(run("allocate", "--ruleset", "CN-POWER-2019-2020", "--year", "2019", population().toString(), "--what-if", "--stage", "pre").exit()).isEqualTo(2);
        assertThat(run("allocate", "--ruleset", "CN-POWER-2019-2020", "--year", "2019", population().toString(), "--compare-year", "2021").exit()).isEqualTo(2);
        Run input = run("allocate", "--ruleset", "CN-POWER-2019-2020", "--year", "2019", dir.resolve("missing.csv").toString());
        assertThat(input.exit()).isEqualTo(2);
        assertThat(input.err()).contains("no such file");
        Run noDir = run("allocate", "--ruleset", "CN-POWER-2019-2020", "--year", "2019", population().toString(), "-o", dir.resolve("no/such/dir/out.csv").toString());
        assertThat(noDir.exit()).isEqualTo(2);
        assertThat(noDir.err()).contains("cannot write").contains("no such directory");
    }

    @Test void preAllocationOfTheNewsletterUnit_example1b() throws IOException {
        Path nl = file("newsletter.csv", NEWSLETTER);
        Run r = run("allocate", "--ruleset", draft2017FactorsOne().toString(), "--year", "2017", "--stage", "pre", nl.toString(), "--trace");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("pre-allocation: CN-POWER-2017-DRAFT (draft), year 2017, ruleset file CN-POWER-2017-DRAFT-factors-1.tsv")
                .contains("entity E-1000 (Newsletter 1000 MW), POWER: 2681945 t = 2681945 free + 0 paid [U]")
                .contains("PRE_ALLOCATION: 0.70 × 3831350.0000 = 2681945.000000")
                .contains("  fuel-heat-value.factor[USC_1000] = 1 factor (CN-POWER-2017-DRAFT-factors-1.tsv:19): 1 unit line(s)");
    }

    @Test void guangdongRoundsPerEntityAndSplitsFreeAndPaid_example1a() throws IOException {
        Path nl = file("newsletter.csv", NEWSLETTER);
        Run r = run("allocate", "--ruleset", "GD-2016", "--year", "2016", nl.toString(), "--trace");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("entity E-1000 (Newsletter 1000 MW), POWER: 4125000 t = 3918750 free + 206250 paid [U]")
                .contains("  unit GD-1000-1, COAL_1000 (matched from fuel COAL, 1000 MW) by BENCHMARK: exact 4125000 t (rounded per entity) [U]")
                .contains("  FREE_PAID: 4125000 × 0.95 = 3918750 t free; 206250 t paid (to the auction account) [U]")
                .contains("  rounding.point = ENTITY (GD-2016.tsv:90): 1 entity line(s)");
    }

    @Test void whatIfWithPrices_perUnitEntitySectorRegion_costInYuan() {
        Run r = run("allocate", "--ruleset", "CN-POWER-2019-2020", "--year", "2019", population().toString(), "--what-if", "--prices", "4000,8000");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("what-if: CN-POWER-2019-2020, year 2019, TOTAL allowance against verified emissions; prices 40.00, 80.00 CNY/t\n")
                .contains("unit U12 (E1, POWER, GD, COAL_300_PLUS): allowance 2846048 t, verified 2900000 t, gap 53952 t (1.86 %), cost 2158080.00 / 4316160.00 CNY [U]\n")
                .contains("unit U13 (E1, POWER, GD, COAL_300_AND_BELOW): allowance 1373294 t") // the category the ruleset matched, not the blank cell
                .contains("entity E1: 2 unit(s), allowance 4219342 t, verified 4400000 t, gap 180658 t (4.11 %), cost 7226320.00 / 14452640.00 CNY [U]\n")
                .contains("sector POWER: 4 unit(s), allowance 5384242 t, verified 5620000 t, gap 235758 t (4.19 %), cost 9430320.00 / 18860640.00 CNY [U]\n")
                .contains("region SX: 1 unit(s), allowance 744900 t, verified 800000 t, gap 55100 t (6.89 %), cost 2204000.00 / 4408000.00 CNY [U]\n")
                .contains("total: 4 unit(s): allowance 5384242 t, verified 5620000 t, gap 235758 t (4.19 %), cost 9430320.00 / 18860640.00 CNY [U]\n")
                .contains("[U] 17 unconfirmed ruleset row(s) used");
        Run csv = run("allocate", "--ruleset", "CN-POWER-2019-2020", "--year", "2019", population().toString(), "--what-if", "--prices", "4000,8000", "--format", "csv", "--trace");
        List<String> lines = csv.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("\uFEFFlevel,key,entity_id,sector,region,category,basis,units,allowance_t,verified_emissions_t,gap_t,gap_percent,"
                + "cost_cny_at_40.00,cost_cny_at_80.00,unconfirmed,detail");
        assertThat(lines).contains("unit,G1,E3,POWER,JS,GAS,TOTAL,1,420000,420000,0,0.00,0.00,0.00,gas.relief[GAS];rounding.mode;rounding.point,",
                "region,SX,,,SX,,TOTAL,1,744900,800000,55100,6.89,2204000.00,4408000.00,cooling.factor[WATER];rounding.mode;rounding.point,");
        for (String l : lines) assertThat(columns(l)).as(l).isEqualTo(16);
        Run json = run("allocate", "--ruleset", "CN-POWER-2019-2020", "--year", "2019", population().toString(), "--what-if", "--prices", "4000", "--format", "json");
        assertThat(json.out()).contains("\"basis\": \"TOTAL\", \"prices_cny\": [40.00]")
                .contains("{\"unit\": \"C1\", \"entity\": \"E2\", \"sector\": \"POWER\", \"region\": \"SX\", \"category\": \"UNCONVENTIONAL_COAL\", \"allowance_t\": 744900, "
                        + "\"verified_emissions_t\": 800000, \"gap_t\": 55100, \"gap_percent\": 6.89, \"cost_cny\": [2204000.00], \"unconfirmed\": [\"cooling.factor[WATER]\"");
    }

    @Test void whatIfOnTheFreePart_badgesTheEntityRoundingItRestsOn() throws IOException {
        Path nl = file("newsletter.csv", NEWSLETTER.replace(",,COAL,", ",COAL_1000,COAL,")); // no category matching: only the rounding is [U]
        Run r = run("allocate", "--ruleset", "GD-2016", "--year", "2016", nl.toString(), "--what-if", "--basis", "free", "--prices", "1515", "--format", "csv");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("unit,GD-1000-1,E-1000,POWER,GD,COAL_1000,FREE,1,3918750,4000000,81250,2.03,1230937.50,rounding.mode;rounding.point,");
        Path population = file("no-verified.csv", NEWSLETTER.replace(",4000000\n", ",\n"));
        Run missing = run("allocate", "--ruleset", "GD-2016", "--year", "2016", population.toString(), "--what-if");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("no-verified.csv line 2, unit GD-1000-1, field verified_emissions_t: MISSING_VALUE: a what-if needs each unit's verified emissions");
    }

    @Test void compareNationalAndGuangdong_example1_statingTheBasis() throws IOException {
        Path nl = file("newsletter.csv", NEWSLETTER);
        String draft = draft2017FactorsOne().toString();
        Run r = run("allocate", "--ruleset", draft, "--year", "2017", nl.toString(), "--compare", "GD-2016", "--compare-year", "2016");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("comparison: TOTAL allowance; A = CN-POWER-2017-DRAFT 2017 on SUPPLY; B = GD-2016 2016 on GENERATION\n"
                        + "  A is a draft\n")
                .contains("unit GD-1000-1 (E-1000, USC_1000 / COAL_1000): A 3831350 t, B 4125000 t, A - B -293650 t, A/B 0.9288; per MWh generated 0.76627 / 0.82500; "
                        + "per MWh supplied 0.80660 / 0.86842; verified 4000000 t, gap A 168650 t, B -125000 t [U]\n")
                .contains("total: 1 unit(s): A 3831350 t, B 4125000 t, A - B -293650 t, A/B 0.9288 [U]\n")
                .contains("[U] A (CN-POWER-2017-DRAFT): 6 unconfirmed ruleset row(s) used")
                .contains("[U] B (GD-2016): 3 unconfirmed ruleset row(s) used");
        Run free = run("allocate", "--ruleset", draft, "--year", "2017", nl.toString(), "--compare", "GD-2016", "--compare-year", "2016", "--basis", "free", "--format", "csv");
        assertThat(free.exit()).as(free.err()).isZero();
        List<String> lines = free.out().lines().toList();
        assertThat(lines.get(1)).startsWith("unit,GD-1000-1,E-1000,POWER,GD,USC_1000 / COAL_1000,FREE,CN-POWER-2017-DRAFT 2017,SUPPLY,3831350,GD-2016 2016,GENERATION,3918750,-87400,0.9777,");
        for (String l : lines) assertThat(columns(l)).as(l).isEqualTo(24);
        Run json = run("allocate", "--ruleset", draft, "--year", "2017", nl.toString(), "--compare", "GD-2016", "--compare-year", "2016", "--format", "json", "--trace");
        assertThat(json.out()).contains("\"stated_basis\": \"TOTAL allowance; A = CN-POWER-2017-DRAFT 2017 on SUPPLY; B = GD-2016 2016 on GENERATION\"")
                .contains("\"a\": {\"ruleset\": \"CN-POWER-2017-DRAFT\", \"draft\": true, \"year\": 2017, \"output_basis\": [\"SUPPLY\"]}")
                .contains("\"b\": {\"ruleset\": \"GD-2016\", \"draft\": false, \"year\": 2016, \"output_basis\": [\"GENERATION\"]}")
                .contains("\"total_a_t\": 3831350, \"total_b_t\": 4125000, \"difference_t\": -293650, \"ratio_a_b\": 0.9288")
                .contains("\"unconfirmed\": {\"a\": [\"category.match[USC_1000]\", \"cooling.factor[WATER]\", \"fuel-heat-value.factor[USC_1000]\", \"local.adjustment[*]\", "
                        + "\"rounding.mode\", \"rounding.point\"], \"b\": [\"category.match[COAL_1000]\", \"rounding.mode\", \"rounding.point\"]}")
                .contains("\"trace_a\": [").contains("\"trace_b\": [");
    }

    @Test void listRulesets() {
        Run r = run("allocate", "--list-rulesets");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("CN-POWER-2017-DRAFT  CN  2017  DRAFT  11 categories")
                .contains("CN-POWER-2019-2020  CN  2019-2020  FINAL  4 categories, 58 rows, 21 unconfirmed [U] (0 UNKNOWN)\n")
                .contains("GD-2016  GD  2016  FINAL");
        String csv = run("allocate", "--list-rulesets", "--format", "csv").out();
        assertThat(csv).startsWith("\uFEFFid,jurisdiction,years,");
        assertThat(csv.lines().count()).isEqualTo(1 + Ruleset.BUNDLED.size());
        assertThat(run("allocate", "--list-rulesets", "--format", "json").out()).contains("{\"id\": \"GD-2016\", \"jurisdiction\": \"GD\"");
    }

    @Test void standardInput() throws IOException {
        InputStream before = System.in;
        try {
            System.setIn(new ByteArrayInputStream((HEADER + EXAMPLE_12).getBytes(StandardCharsets.UTF_8)));
            Run r = run("allocate", "--ruleset", "CN-POWER-2019-2020", "--year", "2019", "-", "--format", "csv");
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).contains("unit,E1,,POWER,U12,GD,COAL_300_PLUS,BENCHMARK,2846048.07375,2846048,");
            System.setIn(new ByteArrayInputStream((HEADER + "U1,E1,,GD,COAL_300_PLUS,COAL,WATER,600,3200000,x,,,0.9,\n").getBytes(StandardCharsets.UTF_8)));
            Run bad = run("allocate", "--ruleset", "CN-POWER-2019-2020", "--year", "2019", "-");
            assertThat(bad.exit()).isEqualTo(1);
            assertThat(bad.err()).contains("<stdin> line 2, unit U1, field supply_mwh: INVALID_VALUE: not a number: x");
        } finally {
            System.setIn(before);
        }
    }

    @Test void notUtf8() throws IOException {
        Path in = dir.resolve("latin1.csv");
        Files.write(in, (HEADER + "U1,E1,Caf\u00e9,GD,COAL_300_PLUS,COAL,WATER,600,3200000,3000000,,,0.9,\n").getBytes(StandardCharsets.ISO_8859_1));
        Run r = run("allocate", "--ruleset", "CN-POWER-2019-2020", "--year", "2019", in.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("latin1.csv line 2: BAD_FORMAT: the file is not UTF-8 text");
    }

    @Test void theOutputDoesNotDependOnTheThreads_norDoProblems() throws IOException {
        StringBuilder b = new StringBuilder(HEADER);
        Random rnd = new Random(11);
        String[] kinds = {"COAL_300_PLUS,COAL,%s,600", "COAL_300_AND_BELOW,COAL,%s,300", ",COAL,%s,350", "UNCONVENTIONAL_COAL,UNCONVENTIONAL_COAL,%s,135", ",GAS,%s,390"};
        for (int u = 0; u < 3000; u++) {
            String kind = String.format(Locale.ROOT, kinds[rnd.nextInt(kinds.length)], rnd.nextInt(5) == 0 ? "AIR" : "WATER");
            boolean heat = rnd.nextInt(4) == 0;
            long supply = 1_000_000 + rnd.nextInt(2_000_000);
            b.append("U").append(u).append(",E").append(rnd.nextInt(700)).append(",,R").append(rnd.nextInt(5)).append(',').append(kind).append(',')
                    .append(supply + 80_000).append(',').append(supply).append(',').append(heat ? "400000" : "").append(',').append(heat ? "0.15" : "").append(',')
                    .append(String.format(Locale.ROOT, "%.3f", 0.4 + rnd.nextDouble() * 0.55)).append(',').append(supply).append('\n');
        }
        Path in = file("many.csv", b.toString());
        for (String format : List.of("csv", "text", "json")) {
            Run one = run("allocate", "--ruleset", "CN-POWER-2019-2020", "--year", "2019", in.toString(), "--format", format, "--trace", "--threads", "1");
            Run four = run("allocate", "--ruleset", "CN-POWER-2019-2020", "--year", "2019", in.toString(), "--format", format, "--trace", "--threads", "4");
            assertThat(one.exit()).as(one.err()).isZero();
            assertThat(four.out()).isEqualTo(one.out());
        }
        Path bad = file("many-bad.csv", b.toString().replace("\nU17,", "\nU17x,").replace(",0.15,", ",1.5,") + "U3,E1,,R1,GAS,GAS,,390,100,90,,,,\n");
        Run one = run("allocate", "--ruleset", "CN-POWER-2019-2020", "--year", "2019", bad.toString(), "--threads", "1");
        Run four = run("allocate", "--ruleset", "CN-POWER-2019-2020", "--year", "2019", bad.toString(), "--threads", "4");
        assertThat(one.exit()).isEqualTo(1);
        assertThat(four.err()).isEqualTo(one.err());
        assertThat(one.err()).contains("field heat_ratio: INVALID_VALUE").contains("line 3002, unit U3, field unit_id: DUPLICATE_UNIT");

        // problems the reader finds, in every part of a file read on several threads, keep their file line numbers
        String text = "\n" + b.toString().replace("\nU17,", "\nU17,E1,,R1,GAS,GAS,,390,lots,90,,,,\nU17b,")
                .replace("\nU2999,", "\nU2999,E1,,r1,GAS,GAS,,390,100,90,,,,\nU2999b,");
        Path unreadable = file("many-unreadable.csv", text);
        Run readOne = run("allocate", "--ruleset", "CN-POWER-2019-2020", "--year", "2019", unreadable.toString(), "--threads", "1");
        Run readFour = run("allocate", "--ruleset", "CN-POWER-2019-2020", "--year", "2019", unreadable.toString(), "--threads", "4");
        assertThat(readOne.exit()).isEqualTo(1);
        assertThat(readFour.err()).isEqualTo(readOne.err());
        assertThat(readOne.err()).contains("many-unreadable.csv line 20, unit U17, field generation_mwh: INVALID_VALUE: not a number: lots\n")
                .contains("many-unreadable.csv line 3003, unit U2999, field region: INVALID_VALUE");
    }

    /** Cells of a csv line, quotes respected. */
    static int columns(String line) {
        int n = 1;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) n++;
        }
        return n;
    }
}
