package org.openets.server;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the OpenAPI document says of request bodies is what the server does. An operation whose body the document
 * calls optional is answered 2xx when asked without one (its description saying what no body means); an operation
 * that refuses a missing body says the body is required. Each operation with an optional body is asked, without one,
 * in a state where it succeeds, made here on data no other test class uses: cn-power-3's 2021 report and its verification,
 * a covered-entity account of SZ opened here, the 2024 allocation of a CN account opened here (its batch is withdrawn again), and a
 * token of cn-power-3-appr (revoked again).
 */
class ApiDocumentHttpTest extends ServerTestBase {
    /** The entity-year whose report is made here (no other test reports it): its draft is sealed, then the sealed report gets a finding. */
    static final String ENTITY = "cn-power-3", YEAR = "2021";

    /** A request that would succeed with an empty object as its body: the path and who asks. */
    record Ask(String path, String login) {}

    JsonNode document() {
        HttpResponse<String> r = get("/v3/api-docs", null);
        assertThat(r.statusCode()).as("the OpenAPI document").isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** "POST /api/v1/…" of every operation of the API with a request body, and its operation object. */
    Map<String, JsonNode> withBody(JsonNode doc) {
        Map<String, JsonNode> ops = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> path : doc.path("paths").properties())
            if (path.getKey().startsWith("/api/v1/"))
                for (Map.Entry<String, JsonNode> op : path.getValue().properties())
                    if (op.getValue().has("requestBody")) ops.put(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), op.getValue());
        assertThat(ops).as("operations with a request body").hasSizeGreaterThan(30);
        return ops;
    }

    static boolean required(JsonNode op) { return op.path("requestBody").path("required").asBoolean(false); }

    HttpResponse<String> withoutBody(String method, String path, String login) {
        return send(request(path, login).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    // ------------------------------------------------------------------ states in which an operation with an optional body succeeds

    /** The operations with an optional body, each with how to bring about a state where it succeeds; asked in this order. */
    Map<String, Supplier<Ask>> optional() {
        Map<String, Supplier<Ask>> m = new LinkedHashMap<>();
        m.put("POST /api/v1/tokens", () -> new Ask("/api/v1/tokens", ENTITY + "-appr"));
        m.put("POST /api/v1/emissions/reports/{id}/submit", () -> new Ask("/api/v1/emissions/reports/" + draft() + "/submit", ENTITY + "-init"));
        m.put("POST /api/v1/emissions/verifications/{entity}/{year}/findings/{number}/close", this::answeredFinding);
        m.put("POST /api/v1/accounts/{account}/trusted/{trusted}/withdraw", this::pendingTrustedAddition);
        m.put("POST /api/v1/allocation/runs/{id}/issuance", this::runWithoutUnconfirmedValues);
        return m;
    }

    /** cn-power-3's 2021 report (a complete year) as a draft. */
    long draft() {
        HttpResponse<String> r = send(request("/api/v1/emissions/reports/" + ENTITY + "/" + YEAR, ENTITY + "-init").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(FullYear.csv())).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(json(r).path("status").asString()).isEqualTo("DRAFT");
        return json(r).path("id").asLong();
    }

    /** A finding on cn-power-3's sealed 2021 report (sealed by the submit without a body, else here) that its representative answered: the verifier may close it. */
    Ask answeredFinding() {
        String base = "/api/v1/emissions/verifications/" + ENTITY + "/" + YEAR;
        if (count("SELECT count(*) FROM emission_report WHERE entity_id = ? AND year = " + YEAR + " AND status = 'SUBMITTED'", ENTITY) == 0) {
            HttpResponse<String> sealed = postJson("/api/v1/emissions/reports/" + draft() + "/submit", ENTITY + "-init", "{}");
            assertThat(sealed.statusCode()).as(sealed.body()).isEqualTo(200);
        }
        HttpResponse<String> assigned = postJson("/api/v1/emissions/verifications", "admin-cn",
                "{\"entity\":\"" + ENTITY + "\",\"year\":" + YEAR + ",\"verifier\":\"cec-verify\"}");
        assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(201);
        HttpResponse<String> raised = postJson(base + "/findings", "verifier-1", "{\"text\":\"api document: a finding to close\"}");
        assertThat(raised.statusCode()).as(raised.body()).isEqualTo(201);
        int number = json(raised).path("findings").get(0).path("number").asInt();
        HttpResponse<String> answered = postJson(base + "/findings/" + number + "/corrections", ENTITY + "-init", "{\"description\":\"answered\"}");
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(201);
        return new Ask(base + "/findings/" + number + "/close", "verifier-1");
    }

    /** A new covered-entity account of SZ whose initiator proposed adding sz-power-2's account to its trusted list (4-eyes: pending). */
    Ask pendingTrustedAddition() {
        HttpResponse<String> opened = postJson("/api/v1/accounts", "admin-sz", """
                {"jurisdiction":"SZ","type":"COVERED_ENTITY_HOLDING","holder":"深圳接口文档测试有限公司","entityCode":"%s"}""".formatted(uscc()));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        String account = json(opened).path("number").asString();
        HttpResponse<String> granted = postJson("/api/v1/accounts/" + account + "/representatives", "admin-sz", "{\"login\":\"sz-power-1-init\",\"role\":\"INITIATOR\"}");
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
        String trusted = accountOf("sz-power-2");
        HttpResponse<String> proposed = postJson("/api/v1/accounts/" + account + "/trusted", "sz-power-1-init", "{\"account\":\"" + trusted + "\"}");
        assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(202);
        return new Ask("/api/v1/accounts/" + account + "/trusted/" + trusted + "/withdraw", "sz-power-1-init");
    }

    /** A final 2024 run of a gas unit of an account opened here under a ruleset whose rows it uses are all confirmed: nothing needs acknowledging. */
    Ask runWithoutUnconfirmedValues() {
        // the rounding rows confirmed (P): the only [U] values a gas unit's final allocation uses
        String ruleset = AllocationHttpTest.configured2023().replace("@id\tCN-POWER-2023-2024-CONFIGURED\n", "@id\tCN-POWER-2023-2024-API-DOCUMENT\n")
                .replace("rounding.point\t\tUNIT_LINE\t-\tU\t", "rounding.point\t\tUNIT_LINE\t-\tP\t").replace("rounding.mode\t\tHALF_UP\t-\tU\t", "rounding.mode\t\tHALF_UP\t-\tP\t");
        var body = JSON.createObjectNode();
        body.put("rulesetText", ruleset);
        body.put("rulesetName", "CN-POWER-2023-2024-api-document.tsv");
        body.put("year", 2024);
        body.put("stage", "FINAL");
        // a covered-entity account of its own, named by its number (not an MRV entity): no other test's allocation of
        // 2024 FINAL covers it, so the issuance is never refused as already allocated whatever ran before
        HttpResponse<String> opened = postJson("/api/v1/accounts", "admin-cn", """
                {"jurisdiction":"CN","type":"COVERED_ENTITY_HOLDING","holder":"四川接口文档燃气发电有限公司","entityCode":"%s"}""".formatted(uscc()));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        body.put("population", AllocationHttpTest.HEADER + "GT1," + json(opened).path("number").asString() + ",GAS,,100000,,\n");
        HttpResponse<String> run = postJson("/api/v1/allocation/runs", "admin-cn", body.toString());
        assertThat(run.statusCode()).as(run.body()).isEqualTo(201);
        long id = json(run).path("id").asLong();
        HttpResponse<String> plan = get("/api/v1/allocation/runs/" + id + "/issuance-plan", "admin-cn");
        assertThat(plan.statusCode()).as(plan.body()).isEqualTo(200);
        assertThat(json(plan).path("unconfirmed").isEmpty()).as(plan.body()).isTrue();
        return new Ask("/api/v1/allocation/runs/" + id + "/issuance", "admin-cn");
    }

    /** Undoes what an answer left that others might meet: a token is revoked, an allocation batch withdrawn. */
    void tidy(String op, HttpResponse<String> r) {
        if (r.statusCode() / 100 != 2) return;
        if (op.equals("POST /api/v1/tokens"))
            assertThat(send(request("/api/v1/tokens/" + json(r).path("id").asLong(), ENTITY + "-appr").DELETE().build()).statusCode()).isEqualTo(204);
        if (op.equals("POST /api/v1/allocation/runs/{id}/issuance")) {
            String batch = json(r).path("batchId").asString();
            for (long tx : ids("SELECT id FROM registry_transaction WHERE batch_id = ? AND status = 'AWAITING_APPROVAL'", batch)) {
                HttpResponse<String> cancelled = post("/api/v1/transactions/" + tx + "/cancel", "admin-cn");
                assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
            }
        }
    }

    List<Long> ids(String sql, Object arg) {
        List<Long> out = new ArrayList<>();
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(sql)) {
            ps.setObject(1, arg);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getLong(1));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    // ------------------------------------------------------------------ the tests

    @Test
    void an_operation_whose_body_the_document_calls_optional_succeeds_without_one_and_says_what_no_body_means() {
        Map<String, Supplier<Ask>> states = optional();
        List<String> failures = new ArrayList<>();
        Map<String, JsonNode> optionalOps = new LinkedHashMap<>();
        withBody(document()).forEach((op, spec) -> { if (!required(spec)) optionalOps.put(op, spec); });
        for (Map.Entry<String, JsonNode> e : optionalOps.entrySet()) {
            String words = (e.getValue().path("summary").asString("") + " " + e.getValue().path("description").asString("")).toLowerCase(Locale.ROOT);
            if (!words.contains("optional")) failures.add(e.getKey() + ": the body is optional, but its description does not say what no body means");
            if (!states.containsKey(e.getKey()))
                failures.add(e.getKey() + ": the body is optional, and no request is known that succeeds without it (add one here, or document the body as required)");
        }
        int asked = 0;
        for (Map.Entry<String, Supplier<Ask>> state : states.entrySet()) {
            String op = state.getKey();
            if (!optionalOps.containsKey(op)) continue;
            Ask ask = state.getValue().get();
            HttpResponse<String> r = withoutBody(op.substring(0, op.indexOf(' ')), ask.path(), ask.login());
            asked++;
            if (r.statusCode() / 100 != 2) failures.add(op + " without a body: " + r.statusCode() + " " + r.body());
            tidy(op, r);
        }
        assertThat(failures).as("operations whose optional body is not optional (%d)", failures.size()).isEmpty();
        // the operations known to take no body still do (a body made required in the code would be noticed here)
        assertThat(asked).as("operations with an optional body asked").isEqualTo(states.size());
    }

    @Test
    void an_operation_that_refuses_a_missing_body_says_it_is_required_and_refuses_it_as_before() {
        Map<String, JsonNode> ops = withBody(document());
        for (String op : List.of("POST /api/v1/accounts", "POST /api/v1/people", "POST /api/v1/transactions/{id}/decline",
                "POST /api/v1/calendar/proposals/{id}/decline", "POST /api/v1/controls/proposals", "POST /api/v1/accounts/{account}/trusted/{trusted}/decline"))
            assertThat(required(ops.get(op))).as(op).isTrue();
        // the refusal of a missing body is the operation's own, as it was: 400 VALIDATION_FAILED after who may, never MALFORMED_JSON
        HttpResponse<String> open = withoutBody("POST", "/api/v1/accounts", "admin-sz");
        assertProblem(open, 400, "VALIDATION_FAILED");
        assertThat(json(open).path("detail").asString()).contains("jurisdiction");
        assertProblem(withoutBody("POST", "/api/v1/accounts", ENTITY + "-init"), 400, "VALIDATION_FAILED");
        assertProblem(withoutBody("POST", "/api/v1/calendar/CN/days", ENTITY + "-init"), 403, "NOT_AUTHORISED");
        assertProblem(withoutBody("POST", "/api/v1/calendar/CN/days", "admin-cn"), 400, "VALIDATION_FAILED");
        assertProblem(withoutBody("POST", "/api/v1/transactions/999999999/decline", "admin-cn"), 404, "UNKNOWN_TRANSACTION");
    }
}
