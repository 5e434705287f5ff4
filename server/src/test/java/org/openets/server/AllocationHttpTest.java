package org.openets.server;

import org.junit.jupiter.api.Test;
import org.openets.allocation.Ruleset;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Allocation in the running server on PostgreSQL: a regulator pre-allocates and finalises national 2024 power units
 * under a configured draft (the 2023–2024 plan with its unknown pre-allocation share filled in), records a next-year
 * deduction, and issues the true-up as one batch — refused until every [U] value is acknowledged, proposed once,
 * completed only by a second administrator; holdings change by exactly the true-up and the deduction's remainder is
 * carried to 2025. Representatives read only their own entity's lines; other entities are refused (403, recorded);
 * no session is 401; a bad population is 422 naming line and field with nothing saved. The demo's national-vs-Guangdong
 * comparison is ready to open.
 */
class AllocationHttpTest extends ServerTestBase {
    static List<JsonNode> list(JsonNode a) { return StreamSupport.stream(a.spliterator(), false).toList(); }

    static String configured2023() {
        return Ruleset.bundled("CN-POWER-2023-2024").text().replace("pre-allocation.share\tPOWER\tUNKNOWN\tfraction\tU", "pre-allocation.share\tPOWER\t0.70\tfraction\tU")
                .replace("@id\tCN-POWER-2023-2024\n", "@id\tCN-POWER-2023-2024-CONFIGURED\n");
    }

    String runBody(String stage, String population, Long preRunId) {
        ObjectNode b = JSON.createObjectNode();
        b.put("rulesetText", configured2023());
        b.put("rulesetName", "CN-POWER-2023-2024-configured.tsv");
        b.put("year", 2024);
        b.put("stage", stage);
        b.put("population", population);
        if (preRunId != null) b.put("preRunId", preRunId);
        return b.toString();
    }

    String acknowledgeAll(long runId) {
        ObjectNode ack = JSON.createObjectNode();
        var arr = ack.putArray("acknowledgeUnconfirmed");
        json(get("/api/v1/allocation/runs/" + runId + "/issuance-plan", "admin-cn")).path("unconfirmed").forEach(n -> arr.add(n.asString()));
        return ack.toString();
    }

    void approveBatch(String batchId) {
        long first = count("SELECT min(id) FROM registry_transaction WHERE batch_id = ?", batchId);
        HttpResponse<String> ok = post("/api/v1/transactions/" + first + "/approve?acknowledgeUnconfirmed=true", "admin2-cn");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    }

    static final String HEADER = "unit_id,entity_id,category,cooling,generation_mwh,load_factor,verified_emissions_t\n";

    @Test
    void pre_allocation_true_up_deduction_and_four_eyes_issuance() {
        String a1 = accountOf("cn-power-1"), a2 = accountOf("cn-power-2");
        long before1 = held(a1, "CEA/2024"), before2 = held(a2, "CEA/2024");

        HttpResponse<String> pre = postJson("/api/v1/allocation/runs", "admin-cn", runBody("PRE_ALLOCATION",
                HEADER + "P1,cn-power-1,COAL_300_PLUS,WATER,1000000,0.9,\nP2,cn-power-2,COAL_300_AND_BELOW,WATER,500000,0.9,\n", null));
        assertThat(pre.statusCode()).as(pre.body()).isEqualTo(201);
        long preId = json(pre).path("id").asLong();
        // 0.70 × 1,000,000 × 0.7822 = 547,540; 0.70 × 500,000 × 0.7944 = 278,040
        assertThat(json(pre).path("total").asLong()).isEqualTo(547_540 + 278_040);

        // the true-up is measured against a delivered pre-allocation: refused while the pre-run is not issued
        HttpResponse<String> early = postJson("/api/v1/allocation/runs", "admin-cn", runBody("FINAL",
                HEADER + "P1,cn-power-1,COAL_300_PLUS,WATER,1100000,0.9,\nP2,cn-power-2,COAL_300_AND_BELOW,WATER,450000,0.9,\n", preId));
        assertProblem(get("/api/v1/allocation/runs/" + json(early).path("id").asLong() + "/issuance-plan", "admin-cn"), 409, "PRE_RUN_NOT_DELIVERED");
        // the pre-allocation is issued and a second administrator approves it
        assertThat(postJson("/api/v1/allocation/runs/" + preId + "/issuance", "admin-cn", acknowledgeAll(preId)).statusCode()).isEqualTo(201);
        approveBatch("allocation-run-" + preId);
        assertThat(held(a1, "CEA/2024")).isEqualTo(before1 + 547_540);
        assertThat(held(a2, "CEA/2024")).isEqualTo(before2 + 278_040);
        // a final run that ignores it is refused: the entities would get their pre-allocation twice
        HttpResponse<String> ignoring = postJson("/api/v1/allocation/runs", "admin-cn", runBody("FINAL",
                HEADER + "P1,cn-power-1,COAL_300_PLUS,WATER,1100000,0.9,\n", null));
        HttpResponse<String> refusedPlan = get("/api/v1/allocation/runs/" + json(ignoring).path("id").asLong() + "/issuance-plan", "admin-cn");
        assertProblem(refusedPlan, 409, "PRE_ALLOCATION_NOT_ACCOUNTED");
        assertThat(list(json(refusedPlan).path("details"))).extracting(JsonNode::asString).containsExactly("cn-power-1 (run " + preId + ")");

        HttpResponse<String> fin = postJson("/api/v1/allocation/runs", "admin-cn", runBody("FINAL",
                HEADER + "P1,cn-power-1,COAL_300_PLUS,WATER,1100000,0.9,\nP2,cn-power-2,COAL_300_AND_BELOW,WATER,450000,0.9,\n", preId));
        assertThat(fin.statusCode()).as(fin.body()).isEqualTo(201);
        long finId = json(fin).path("id").asLong();
        // 1,100,000 × 0.7822 = 860,420; 450,000 × 0.7944 = 357,480
        assertThat(json(fin).path("total").asLong()).isEqualTo(860_420 + 357_480);

        // a deduction larger than cn-power-2's true-up room: 357,480 taken, 2,520 carried to 2025 (entered under its
        // account number: the run names it by its MRV id, and both resolve to the same holding account)
        HttpResponse<String> d = postJson("/api/v1/allocation/deductions", "admin-cn",
                "{\"entity\":\"" + a2 + "\",\"jurisdiction\":\"CN\",\"year\":2024,\"quantity\":360000,\"reason\":\"2023 shortfall\",\"sourceRef\":\"CN-2024-001\"}");
        assertThat(d.statusCode()).as(d.body()).isEqualTo(201);
        assertProblem(postJson("/api/v1/allocation/deductions", "admin-cn",
                "{\"entity\":\"cn-power-2\",\"jurisdiction\":\"CN\",\"year\":2024,\"quantity\":0,\"reason\":\"x\",\"sourceRef\":\"y\"}"), 422, "INVALID_DEDUCTION");

        JsonNode plan = json(get("/api/v1/allocation/runs/" + finId + "/issuance-plan", "admin-cn"));
        assertThat(list(plan.path("lines"))).extracting(l -> l.path("type").asString() + " " + l.path("quantity").asLong())
                .containsExactly("ALLOCATE " + (860_420 - 547_540), "RETURN_OF_EXCESS " + 278_040);
        assertThat(list(plan.path("unconfirmed"))).extracting(JsonNode::asString).contains("pre-allocation.share[POWER]", "cooling.factor[WATER]");

        // refused until every [U] row is acknowledged; a representative and another jurisdiction's regulator may not issue
        long txBefore = transactions();
        HttpResponse<String> noAck = postJson("/api/v1/allocation/runs/" + finId + "/issuance", "admin-cn", "{\"acknowledgeUnconfirmed\":[\"cooling.factor[WATER]\"]}");
        assertProblem(noAck, 409, "UNCONFIRMED_NOT_ACKNOWLEDGED");
        assertThat(list(json(noAck).path("details"))).extracting(JsonNode::asString).contains("pre-allocation.share[POWER]");
        assertProblem(postJson("/api/v1/allocation/runs/" + finId + "/issuance", "cn-power-1-init", "{}"), 403, "NOT_REGULATOR");
        assertProblem(postJson("/api/v1/allocation/runs/" + finId + "/issuance", "admin-gd", "{}"), 403, "NOT_REGULATOR");
        assertThat(transactions()).isEqualTo(txBefore);

        ObjectNode ack = JSON.createObjectNode();
        var arr = ack.putArray("acknowledgeUnconfirmed");
        plan.path("unconfirmed").forEach(n -> arr.add(n.asString()));
        HttpResponse<String> issued = postJson("/api/v1/allocation/runs/" + finId + "/issuance", "admin-cn", ack.toString());
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        assertProblem(postJson("/api/v1/allocation/runs/" + finId + "/issuance", "admin-cn", ack.toString()), 409, "ALREADY_ISSUED");

        // proposed, not completed: a second administrator approves the batch
        assertThat(held(a1, "CEA/2024")).isEqualTo(before1 + 547_540);
        // one batch: the allocations first, the return last; a second administrator approves it
        assertThat(json(issued).path("batchId").asString()).isEqualTo("allocation-run-" + finId);
        long first = count("SELECT min(id) FROM registry_transaction WHERE batch_id = ?", "allocation-run-" + finId);
        assertThat(count("SELECT count(*) FROM registry_transaction WHERE batch_id = ?", "allocation-run-" + finId)).isEqualTo(2);
        assertThat(text("SELECT status FROM registry_transaction WHERE id = ?", first)).isEqualTo("AWAITING_APPROVAL");
        assertProblem(post("/api/v1/transactions/" + first + "/approve?acknowledgeUnconfirmed=true", "admin-cn"), 403, "SELF_APPROVAL");
        // the approver must accept the [U] values too
        HttpResponse<String> unacknowledged = post("/api/v1/transactions/" + first + "/approve", "admin2-cn");
        assertProblem(unacknowledged, 409, "UNCONFIRMED_NOT_ACKNOWLEDGED");
        assertThat(list(json(unacknowledged).path("details"))).extracting(JsonNode::asString).contains("pre-allocation.share[POWER]");
        HttpResponse<String> ok = post("/api/v1/transactions/" + first + "/approve?acknowledgeUnconfirmed=true", "admin2-cn");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        // pre-allocation + true-up = the final allocation; cn-power-2's deduction took all of its final allocation
        assertThat(held(a1, "CEA/2024")).isEqualTo(before1 + 860_420);
        assertThat(held(a2, "CEA/2024")).isEqualTo(before2);

        // a second final run for the same entities and year cannot be issued: an entity is allocated once per year and
        // stage — even when the second run names it by its account number instead of its MRV id
        HttpResponse<String> again = postJson("/api/v1/allocation/runs", "admin-cn", runBody("FINAL",
                HEADER + "P1," + a1 + ",COAL_300_PLUS,WATER,1200000,0.9,\n", preId));
        long againId = json(again).path("id").asLong();
        ObjectNode ackAll = JSON.createObjectNode();
        var arr2 = ackAll.putArray("acknowledgeUnconfirmed");
        json(get("/api/v1/allocation/runs/" + againId + "/issuance-plan", "admin-cn")).path("unconfirmed").forEach(n -> arr2.add(n.asString()));
        long txs = transactions();
        HttpResponse<String> twice = postJson("/api/v1/allocation/runs/" + againId + "/issuance", "admin-cn", ackAll.toString());
        assertProblem(twice, 409, "ENTITY_ALREADY_ALLOCATED");
        assertThat(list(json(twice).path("details"))).extracting(JsonNode::asString).containsExactly("cn-power-1");
        assertThat(transactions()).isEqualTo(txs);

        // the deduction is applied and its remainder carried to 2025
        JsonNode ds = json(get("/api/v1/allocation/deductions?jurisdiction=CN", "admin-cn"));
        assertThat(list(ds)).anySatisfy(x -> { assertThat(x.path("year").asInt()).isEqualTo(2024); assertThat(x.path("deducted").asLong()).isEqualTo(357_480); })
                .anySatisfy(x -> { assertThat(x.path("year").asInt()).isEqualTo(2025); assertThat(x.path("quantity").asLong()).isEqualTo(2_520); });
    }

    @Test
    void representatives_read_only_their_own_lines_and_everyone_else_is_refused() {
        HttpResponse<String> r = postJson("/api/v1/allocation/runs", "admin-cn", runBody("FINAL",
                HEADER + "S1,cn-power-1,COAL_300_PLUS,WATER,1000000,0.9,\nS2,cn-power-3,COAL_300_PLUS,AIR,800000,0.7,\n", null));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        long id = json(r).path("id").asLong();

        JsonNode own = json(get("/api/v1/allocation/runs/" + id, "cn-power-1-init"));
        assertThat(own.path("full").asBoolean()).isFalse();
        // its own totals, not the run's
        assertThat(own.path("run").path("total").asLong()).isEqualTo(own.path("entities").get(0).path("total").asLong()).isLessThan(json(r).path("total").asLong());
        assertThat(list(json(get("/api/v1/allocation/runs", "cn-power-1-init")))).allSatisfy(x -> assertThat(x.path("kind").asString()).isEqualTo("ALLOCATION"));
        assertThat(list(own.path("lines"))).extracting(l -> l.path("unit").asString()).containsExactly("S1");
        assertThat(list(own.path("lines").get(0).path("trace"))).extracting(s -> s.path("rule").asString()).contains("BENCHMARK", "COOLING", "LOAD", "ROUNDING");
        assertThat(own.path("lines").get(0).path("trace").get(0).path("unconfirmed").isBoolean()).isTrue();

        long refusals = refusals("cn-cement-1-init", "NOT_YOURS");
        assertProblem(get("/api/v1/allocation/runs/" + id, "cn-cement-1-init"), 403, "NOT_YOURS");
        assertThat(refusals("cn-cement-1-init", "NOT_YOURS")).isEqualTo(refusals + 1);
        assertProblem(postJson("/api/v1/allocation/runs", "cn-power-1-init", runBody("FINAL", HEADER + "X,cn-power-1,GAS,,1,,\n", null)), 403, "NOT_REGULATOR");
        assertThat(get("/api/v1/allocation/runs/" + id, null).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/allocation/runs/" + id, "auditor").statusCode()).isEqualTo(200);
        assertProblem(get("/api/v1/allocation/runs/999999", "admin-cn"), 404, "UNKNOWN_RUN");
        HttpResponse<byte[]> xlsx;
        try {
            xlsx = HTTP.send(request("/api/v1/allocation/runs/" + id + ".xlsx", "cn-power-1-init").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(xlsx.statusCode()).isEqualTo(200);
        // the units sheet carries the trace in English and in Chinese, with the same numbers
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx.body()))) {
            var units = wb.getSheet("机组 Units");
            assertThat(units.getLastRowNum()).isEqualTo(1);
            var head = units.getRow(0);
            assertThat(head.getCell(12).getStringCellValue()).isEqualTo("trace");
            assertThat(head.getCell(13).getStringCellValue()).isEqualTo("计算过程");
            String english = units.getRow(1).getCell(12).getStringCellValue(), chinese = units.getRow(1).getCell(13).getStringCellValue();
            assertThat(english).contains("BENCHMARK: 1000000 MWh generation × ", "COOLING: water-cooled: × ");
            assertThat(chinese).contains("基准线法：发电量 1000000 MWh × ", "冷却方式修正系数：水冷：× ", "负荷（出力）系数修正系数：F=0.9 ≥ 0.85：× 1 [U]").doesNotContain("generation", "cooled", "supplied", "per unit line");
            assertThat(chinese.lines().count()).isEqualTo(english.lines().count());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void the_deduction_form_offers_the_entities_of_the_runs_the_regulator_reads() {
        HttpResponse<String> page = page("/allocation", "admin-cn");
        assertThat(page.statusCode()).isEqualTo(200);
        java.util.regex.Matcher list = java.util.regex.Pattern.compile("<datalist id=\"d-entities\">(.*?)</datalist>", java.util.regex.Pattern.DOTALL).matcher(page.body());
        assertThat(list.find()).isTrue();
        List<String> offered = new java.util.ArrayList<>();
        java.util.regex.Matcher option = java.util.regex.Pattern.compile("<option value=\"([^\"]+)\"").matcher(list.group(1));
        while (option.find()) offered.add(option.group(1));
        // the entities of the national demo run, and none of the Guangdong regulator's runs
        assertThat(offered).contains("cn-power-1").noneMatch(e -> e.startsWith("gd-") || e.startsWith("GD-"));
        assertThat(page("/allocation", "admin-gd").body()).doesNotContain("<option value=\"cn-power-1\"");
    }

    @Test
    void the_population_template_lists_every_column_and_reads_as_a_population() {
        HttpResponse<String> t = page("/allocation/population-template.csv", "admin-cn");
        assertThat(t.statusCode()).isEqualTo(200);
        assertThat(t.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        // UTF-8 with a byte-order mark, as every CSV download (the example names are Chinese); the reader skips the mark
        assertThat(t.body().lines().findFirst().orElse("")).isEqualTo("\uFEFF" + String.join(",", org.openets.allocation.PopulationReader.COLUMNS));
        assertThat(org.openets.allocation.PopulationReader.read(t.body())).extracting(u -> u.unitId()).containsExactly("U1", "U2");
        assertThat(get("/allocation/population-template.csv", null).statusCode()).isNotEqualTo(200);
    }

    @Test
    void a_bad_population_or_ruleset_names_line_and_field_and_saves_nothing() {
        long runs = count("SELECT count(*) FROM allocation_run");
        HttpResponse<String> bad = postJson("/api/v1/allocation/runs", "admin-cn", runBody("FINAL",
                HEADER + "B1,cn-power-1,COAL_300_PLUS,WATER,1000000,0.9,\nB2,cn-power-1,NO_SUCH,WATER,-5,0.9,\nB3,cn-power-1,COAL_300_PLUS,WATER,,0.9,\n", null));
        assertProblem(bad, 422, "INVALID_POPULATION");
        assertThat(list(json(bad).path("problems"))).extracting(p -> p.path("line").asInt() + " " + p.path("field").asString())
                .contains("3 generation_mwh");
        HttpResponse<String> bad2 = postJson("/api/v1/allocation/runs", "admin-cn", runBody("FINAL",
                HEADER + "B2,cn-power-1,NO_SUCH,WATER,5,0.9,\nB3,cn-power-1,COAL_300_PLUS,WATER,,0.9,\n", null));
        assertThat(list(json(bad2).path("problems"))).extracting(p -> p.path("line").asInt() + " " + p.path("field").asString() + " " + p.path("code").asString())
                .containsExactly("2 category UNKNOWN_CATEGORY", "3 generation_mwh MISSING_VALUE");
        String broken = configured2023().lines().filter(l -> !l.startsWith("benchmark\tGAS\t")).reduce("", (x, y) -> x + y + "\n");
        HttpResponse<String> br = postJson("/api/v1/allocation/runs", "admin-cn",
                "{\"rulesetText\":" + JSON.writeValueAsString(broken) + ",\"year\":2024,\"population\":\"unit_id,entity_id,category\\nX,cn-power-1,GAS\\n\"}");
        assertProblem(br, 422, "INVALID_RULESET");
        assertThat(json(br).path("details").get(0).asString()).contains("category GAS", "missing parameter benchmark[GAS]");
        assertProblem(postJson("/api/v1/allocation/runs", "admin-cn", "{\"ruleset\":\"NOPE\",\"year\":2024,\"population\":\"a\"}"), 422, "UNKNOWN_RULESET");
        // a changed ruleset may not pass as the bundled one it started from
        String disguised = configured2023().replace("@id\tCN-POWER-2023-2024-CONFIGURED\n", "@id\tCN-POWER-2023-2024\n");
        HttpResponse<String> dis = postJson("/api/v1/allocation/runs", "admin-cn",
                "{\"rulesetText\":" + JSON.writeValueAsString(disguised) + ",\"year\":2024,\"population\":\"unit_id,entity_id,category\\nX,cn-power-1,GAS\\n\"}");
        assertProblem(dis, 422, "INVALID_RULESET");
        // figures too large for tonnes: refused, not a failure
        HttpResponse<String> huge = postJson("/api/v1/allocation/runs", "admin-cn", "{\"ruleset\":\"CN-INDUSTRY-2017-DRAFT\",\"year\":2017,\"whatIf\":true,"
                + "\"pricesYuan\":[\"9999999\"],\"population\":"
                + JSON.writeValueAsString("unit_id,entity_id,category,liquid_aluminium_t,verified_emissions_t\nH1,cn-alu-1,ALUMINIUM,1,999999999999999\n") + "}");
        assertProblem(huge, 422, "FIGURES_TOO_LARGE");
        assertProblem(postJson("/api/v1/allocation/runs", "admin-cn", "{\"ruleset\":"), 400, "MALFORMED_JSON");
        assertThat(count("SELECT count(*) FROM allocation_run")).isEqualTo(runs);
    }

    @Test
    void the_demo_comparison_is_ready_national_versus_guangdong() {
        JsonNode runs = json(get("/api/v1/allocation/runs", "admin-gd"));
        assertThat(list(runs)).extracting(r -> r.path("ruleset").asString()).contains("GD-2016", "CN-POWER-2019-2020");
        long cmp = count("SELECT min(id) FROM allocation_comparison");
        JsonNode c = json(get("/api/v1/allocation/comparisons/" + cmp, "admin-gd"));
        assertThat(c.path("statedBasis").asString()).contains("TOTAL", "CN-POWER-2019-2020", "GD-2016");
        assertThat(list(c.path("lines"))).hasSize(4);
        // GD-ZJ-1 (1000 MW, 5,000,000 MWh generated): Guangdong 0.825 × 5,000,000 = 4,125,000 t
        assertThat(list(c.path("lines"))).filteredOn(l -> l.path("unit").asString().equals("GD-ZJ-1")).singleElement()
                .satisfies(l -> assertThat(l.path("allowanceB").asLong()).isEqualTo(4_125_000));
        assertThat(c.path("totalA").asLong()).isEqualTo(list(c.path("lines")).stream().mapToLong(l -> l.path("allowanceA").asLong()).sum());
        assertProblem(get("/api/v1/allocation/comparisons/" + cmp, "cn-power-1-init"), 403, "NOT_REGULATOR");
        assertThat(get("/api/v1/allocation/comparisons/" + cmp + ".xlsx", "admin-gd").statusCode()).isEqualTo(200);
        // each side's [U] badge: the Guangdong 1000 MW line rests on its [U] category match and rounding
        assertThat(list(c.path("lines"))).filteredOn(l -> l.path("unit").asString().equals("GD-ZJ-1")).singleElement()
                .satisfies(l -> assertThat(l.path("unconfirmedB").asBoolean()).isTrue());

        // the pages: the comparison with its chart and stated basis; a run with every line's trace and the [U] badge
        HttpResponse<String> home = page("/allocation?lang=en", "admin-gd");
        assertThat(home.body()).contains("data-ruleset=\"GD-2016\"", "/api/v1/allocation/rulesets/CN-POWER-2017-DRAFT", "Download (.tsv)");
        HttpResponse<String> page = page("/allocation/comparisons/" + cmp + "?lang=zh_CN", "admin-gd");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<svg", "口径", "GD-ZJ-1", "4,125,000");
        long gdRun = count("SELECT min(id) FROM allocation_run WHERE ruleset_id = 'GD-2016' AND kind = 'ALLOCATION'");
        HttpResponse<String> run = page("/allocation/runs/" + gdRun + "?lang=en", "admin-gd");
        assertThat(run.statusCode()).isEqualTo(200);
        assertThat(run.body()).contains("Rests on unconfirmed [U] values", "HISTORICAL_EMISSIONS", "FREE_PAID", "Propose the batch", "acknowledge", "1567500")
                .doesNotContain("No holding account");
        HttpResponse<String> own = page("/allocation/runs/" + gdRun + "?lang=en", "gd-power-1-init");
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains("GD-ZJ-1").doesNotContain("GD-ST-1").doesNotContain("Propose the batch");
        assertThat(page("/allocation/runs/" + gdRun, "cn-power-1-init").statusCode()).isEqualTo(403);
        // the lines of one entity
        String filtered = page("/allocation/runs/" + gdRun + "?lang=en&entity=" + accountOf("gd-power-3"), "admin-gd").body();
        assertThat(filtered).contains("data-unit=\"GD-ST-1\"").doesNotContain("data-unit=\"GD-ZJ-1\"");
    }

    @Test
    void a_population_built_from_mrv_data_names_what_mrv_lacks_and_runs_once_filled_in() {
        HttpResponse<String> r = get("/api/v1/allocation/population?jurisdiction=CN&year=2022", "admin-cn");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<String> lines = r.body().lines().toList();
        // UTF-8 with a byte-order mark, as every CSV download: the entity names are Chinese, and Excel reads them as GBK without it
        assertThat(r.headers().firstValue("Content-Type").orElse("")).isEqualToIgnoringCase("text/csv;charset=UTF-8");
        assertThat(lines.get(0)).startsWith("\uFEFFunit_id,entity_id,entity_name,region,category,fuel,cooling,capacity_mw,generation_mwh");
        // demo MRV: cn-power-1..3 submitted 2022 (two 660 MW coal units each, 12 × 250,000 MWh); only cn-power-1 is verified
        String g1 = lines.stream().filter(l -> l.startsWith("cn-power-1/G1,")).findFirst().orElseThrow();
        assertThat(g1).contains(",COAL,WATER,660,3000000,2820000,0,");
        assertThat(g1.split(",", -1)[18]).matches("[0-9]+");
        // verified emissions exactly for the entities whose verification is approved (other tests may approve more)
        long withFigures = lines.stream().skip(1).filter(l -> !l.split(",", -1)[18].isEmpty()).map(l -> l.split(",", -1)[1]).distinct().count();
        assertThat(r.headers().firstValue("X-Population-Verified-Entities")).contains(String.valueOf(withFigures));

        // run as is: every unit's missing load coefficient is named
        ObjectNode b = JSON.createObjectNode();
        b.put("ruleset", "CN-POWER-2021-2022"); b.put("year", 2022); b.put("population", r.body());
        HttpResponse<String> missing = postJson("/api/v1/allocation/runs", "admin-cn", b.toString());
        assertProblem(missing, 422, "INVALID_POPULATION");
        assertThat(list(json(missing).path("problems"))).extracting(p -> p.path("field").asString()).containsOnly("load_factor").hasSize(lines.size() - 1);

        // filled in: it runs, each unit matched to COAL_300_PLUS from its fuel and capacity
        StringBuilder filled = new StringBuilder(lines.get(0)).append('\n');
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",", -1);
            f[12] = "0.9";
            filled.append(String.join(",", f)).append('\n');
        }
        b.put("population", filled.toString());
        HttpResponse<String> ok = postJson("/api/v1/allocation/runs", "admin-cn", b.toString());
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
        // each unit: supply × 0.8177 (water-cooled, no heat, F = 0.9 → factors 1), rounded half-up per line
        long expected = lines.stream().skip(1).mapToLong(l -> new java.math.BigDecimal(l.split(",", -1)[9]).multiply(new java.math.BigDecimal("0.8177"))
                .setScale(0, java.math.RoundingMode.HALF_UP).longValueExact()).sum();
        assertThat(json(ok).path("total").asLong()).isEqualTo(expected).isPositive();

        assertProblem(get("/api/v1/allocation/population?jurisdiction=CN&year=2022", "cn-power-1-init"), 403, "NOT_REGULATOR");
        assertProblem(get("/api/v1/allocation/population?jurisdiction=CN", "admin-cn"), 400, "VALIDATION_FAILED");
        // who may, before what is asked: a representative is refused (and recorded) whatever parameters they sent
        long refusedBefore = refusals("cn-power-1-init", "NOT_REGULATOR");
        assertProblem(get("/api/v1/allocation/population?jurisdiction=CN", "cn-power-1-init"), 403, "NOT_REGULATOR");
        assertProblem(get("/api/v1/allocation/population", "cn-power-1-init"), 403, "NOT_REGULATOR");
        assertThat(refusals("cn-power-1-init", "NOT_REGULATOR")).isEqualTo(refusedBefore + 2);
        // and the record names what was asked, never "null" for what was not sent
        assertThat(text("SELECT coalesce(target, '') FROM refusal WHERE actor = 'cn-power-1-init' AND code = 'NOT_REGULATOR' ORDER BY id DESC LIMIT 1")).isEmpty();
        assertThat(text("SELECT target FROM refusal WHERE actor = 'cn-power-1-init' AND code = 'NOT_REGULATOR' ORDER BY id DESC OFFSET 1 LIMIT 1")).isEqualTo("CN");
        // a year that is not a number too: the framework does not judge it before who may
        assertProblem(get("/api/v1/allocation/population?jurisdiction=CN&year=twenty", "cn-power-1-init"), 403, "NOT_REGULATOR");
        assertThat(refusals("cn-power-1-init", "NOT_REGULATOR")).isEqualTo(refusedBefore + 3);
        assertProblem(get("/api/v1/allocation/population?jurisdiction=CN&year=twenty", "admin-cn"), 400, "VALIDATION_FAILED");
        assertProblem(get("/api/v1/allocation/population?jurisdiction=CN&year=20221", "admin-cn"), 400, "VALIDATION_FAILED");
    }

    /** A page asked in the session in a language, and the page a redirect leads to, asked the same way. */
    HttpResponse<String> followed(Session s, String lang, String path) {
        HttpResponse<String> r = send(request(path, null).header("Cookie", s.cookie() + "; openets-lang=" + lang).GET().build());
        if (r.statusCode() != 302) return r;
        String to = java.net.URI.create(r.headers().firstValue("Location").orElseThrow()).getRawPath();
        assertThat(to).isEqualTo("/allocation");
        return send(request(to, null).header("Cookie", s.cookie() + "; openets-lang=" + lang).GET().build());
    }

    @Test
    void the_pages_form_for_a_population_from_mrv_data_answers_a_bad_year_on_the_allocation_page_in_its_language() {
        String page = page("/allocation", "admin-cn").body();
        // the form goes through the page's own route, not straight to the API
        assertThat(page).contains("id=\"mrv-population-form\"").contains("action=\"/allocation/population.csv\"").doesNotContain("action=\"/api/v1/allocation/population\"");
        Session s = session("admin-cn");
        for (String year : new String[]{"abc", "", "20２x", "1999", "2101", "99999999999"}) {
            String q = "/allocation/population.csv?jurisdiction=CN&year=" + java.net.URLEncoder.encode(year, java.nio.charset.StandardCharsets.UTF_8);
            HttpResponse<String> en = followed(s, "en", q);
            assertThat(en.statusCode()).as(year).isEqualTo(200);
            assertThat(en.headers().firstValue("Content-Type").orElse("")).as(year).startsWith("text/html");
            assertThat(en.body()).as(year).contains("id=\"flash\"").contains("data-code=\"VALIDATION_FAILED\"")
                    .contains("enter the year as four digits, from 2005 to 2100").contains("id=\"mrv-population-form\"");
            HttpResponse<String> zh = followed(s, "zh-CN", q);
            assertThat(zh.statusCode()).as(year).isEqualTo(200);
            assertThat(zh.body()).as(year).contains("id=\"flash\"").contains("请以四位数字填写年度，2005–2100 之间（如 2024）。");
        }
        // the year typed comes back in the form, to correct
        assertThat(followed(s, "en", "/allocation/population.csv?jurisdiction=CN&year=abc").body()).contains("id=\"m-year\" inputmode=\"numeric\" required value=\"abc\"");
        // another refusal of the API's (a representative is no regulator) is shown on the page as well, not as problem+json
        Session representative = session("cn-power-1-init");
        HttpResponse<String> refused = followed(representative, "en", "/allocation/population.csv?jurisdiction=CN&year=2022");
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("data-code=\"NOT_REGULATOR\"");
        // a good year: the API's CSV, the same bytes as GET /api/v1/allocation/population
        HttpResponse<String> csv = send(request("/allocation/population.csv?jurisdiction=CN&year=2022", null).header("Cookie", s.cookie()).GET().build());
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).isEqualToIgnoringCase("text/csv;charset=UTF-8");
        assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("population-CN-2022.csv");
        assertThat(csv.body()).startsWith("\uFEFFunit_id,entity_id,").isEqualTo(get("/api/v1/allocation/population?jurisdiction=CN&year=2022", "admin-cn").body());
        assertThat(get("/allocation/population.csv?jurisdiction=CN&year=2022", null).statusCode()).isNotEqualTo(200);
    }

    @Test
    void a_batch_the_registry_rejects_gives_the_reservation_and_its_deductions_back() {
        // 2020: the demo's allocation account holds no CEA of vintage 2020 (it holds 2019's, for the demo run), so the registry rejects the batch
        String acct = accountOf("cn-alu-1"); // not an MRV entity: its lines name its holding account
        HttpResponse<String> r = postJson("/api/v1/allocation/runs", "admin-cn", "{\"ruleset\":\"CN-POWER-2019-2020\",\"year\":2020,\"population\":"
                + JSON.writeValueAsString("unit_id,entity_id,category,cooling,supply_mwh,load_factor\nR1," + acct + ",COAL_300_PLUS,WATER,1000,0.9\n") + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        long id = json(r).path("id").asLong();
        HttpResponse<String> d = postJson("/api/v1/allocation/deductions", "admin-cn",
                "{\"entity\":\"" + acct + "\",\"jurisdiction\":\"CN\",\"year\":2020,\"quantity\":100,\"reason\":\"test\",\"sourceRef\":\"T-1\"}");
        long deduction = json(d).path("id").asLong();
        ObjectNode ack = JSON.createObjectNode();
        var arr = ack.putArray("acknowledgeUnconfirmed");
        json(get("/api/v1/allocation/runs/" + id + "/issuance-plan", "admin-cn")).path("unconfirmed").forEach(n -> arr.add(n.asString()));
        assertProblem(postJson("/api/v1/allocation/runs/" + id + "/issuance", "admin-cn", ack.toString()), 422, "REGISTRY_REJECTED");
        assertThat(json(get("/api/v1/allocation/runs/" + id, "admin-cn")).path("issuance").isNull()).isTrue();
        JsonNode mine = list(json(get("/api/v1/allocation/deductions?jurisdiction=CN", "admin-cn"))).stream()
                .filter(x -> x.path("id").asLong() == deduction).findFirst().orElseThrow();
        assertThat(mine.path("appliedRun").isNull()).isTrue();
        assertThat(count("SELECT count(*) FROM allocation_deduction WHERE year = 2021 AND entity_id = ?", acct)).isZero();
        // and the run may be issued again, under a new batch id (the registry holds the first one, rejected)
        HttpResponse<String> retry = postJson("/api/v1/allocation/runs/" + id + "/issuance", "admin-cn", ack.toString());
        assertProblem(retry, 422, "REGISTRY_REJECTED");
        assertThat(json(retry).path("detail").asString()).doesNotContain("DUPLICATE");
    }
}
