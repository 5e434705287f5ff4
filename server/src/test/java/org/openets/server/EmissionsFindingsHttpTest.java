package org.openets.server;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Findings over real HTTP, on cn-power-2's 2020 report (no other test uses it): only the assigned verifier raises
 * and closes findings, only the entity's representatives answer, everyone else is refused 403 with a stable code
 * and recorded; the entity corrects its report by resubmitting it with a reason and points the answer at it; a
 * qualified statement waits until every finding is closed, and is then over the corrected report.
 */
class EmissionsFindingsHttpTest extends ServerTestBase {
    static final String BASE = "/api/v1/emissions/verifications/cn-power-2/2020";

    /** A complete year (every unit, every month), with January's coal on G1 and its purchased electricity as given. */
    static String csv(String quantity) {
        return FullYear.csv("fuels,G1,1,COAL," + quantity + ",21.5,0.027,,,,", "activity,G1,1,,,,,2500,2350,0,20");
    }

    HttpResponse<String> submitCsv(String query, String body) {
        return send(request("/api/v1/emissions/reports/cn-power-2/2020?submit=true" + query, "cn-power-2-init").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    static List<String> states(JsonNode verification) {
        List<String> out = new ArrayList<>();
        verification.path("findings").forEach(f -> out.add(f.path("number").asInt() + " " + f.path("state").asString()));
        return out;
    }

    @Test
    void the_verifier_raises_the_entity_answers_with_a_corrected_report_the_verifier_closes_and_then_states() {
        HttpResponse<String> first = submitCsv("", csv("1000"));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        long firstId = json(first).path("id").asLong();
        HttpResponse<String> assigned = postJson("/api/v1/emissions/verifications", "admin-cn", """
                {"entity":"cn-power-2","year":2020,"verifier":"cec-verify"}""");
        assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(201);
        assertThat(json(assigned).path("findings").size()).isZero();

        // only the assigned verifier raises findings
        long notAssigned = refusals("verifier-2", "NOT_ASSIGNED"), byEntity = refusals("cn-power-2-init", "NOT_AUTHORISED");
        assertProblem(postJson(BASE + "/findings", "verifier-2", "{\"text\":\"x\"}"), 403, "NOT_ASSIGNED");
        assertProblem(postJson(BASE + "/findings", "cn-power-2-init", "{\"text\":\"x\"}"), 403, "NOT_AUTHORISED");
        assertProblem(postJson(BASE + "/findings", "admin-cn", "{\"text\":\"x\"}"), 403, "NOT_AUTHORISED");
        assertProblem(postJson(BASE + "/findings", "auditor", "{\"text\":\"x\"}"), 403, "NOT_AUTHORISED");
        assertProblem(postJson(BASE + "/findings", "verifier-1", "{\"text\":\" \"}"), 400, "VALIDATION_FAILED");
        assertThat(refusals("verifier-2", "NOT_ASSIGNED")).isEqualTo(notAssigned + 1);
        assertThat(refusals("cn-power-2-init", "NOT_AUTHORISED")).isEqualTo(byEntity + 1);
        assertThat(text("SELECT action FROM refusal WHERE actor = 'cn-power-2-init' ORDER BY id DESC LIMIT 1")).isEqualTo("RAISE finding");
        assertThat(count("SELECT count(*) FROM verification_finding WHERE entity_id = 'cn-power-2' AND year = 2020")).isZero();

        HttpResponse<String> raised = postJson(BASE + "/findings", "verifier-1", """
                {"text":"1月燃煤：单位热值含碳量无化验报告 / January coal: no lab report for the carbon content"}""");
        assertThat(raised.statusCode()).as(raised.body()).isEqualTo(201);
        JsonNode v = json(postJson(BASE + "/findings", "verifier-1", """
                {"text":"purchased electricity does not match the invoices"}"""));
        assertThat(states(v)).containsExactly("1 OPEN", "2 OPEN");
        assertThat(v.path("unclosedFindings").asLong()).isEqualTo(2);
        assertThat(v.path("findings").get(0).path("raisedBy").asString()).isEqualTo("verifier-1");

        // findings not closed: no qualified statement; nothing to close before the entity answers
        assertProblem(postJson(BASE + "/statement", "verifier-1", "{\"opinion\":\"QUALIFIED\"}"), 409, "OPEN_FINDINGS");
        assertProblem(post(BASE + "/findings/1/close", "verifier-1"), 409, "FINDING_NOT_ANSWERED");

        // only the entity's representatives answer
        long otherEntity = refusals("cn-power-1-init", "NOT_AUTHORISED");
        assertProblem(postJson(BASE + "/findings/1/corrections", "verifier-1", "{\"description\":\"x\"}"), 403, "NOT_AUTHORISED");
        assertProblem(postJson(BASE + "/findings/1/corrections", "cn-power-1-init", "{\"description\":\"x\"}"), 403, "NOT_AUTHORISED");
        assertProblem(postJson(BASE + "/findings/1/corrections", "admin-cn", "{\"description\":\"x\"}"), 403, "NOT_AUTHORISED");
        assertThat(refusals("cn-power-1-init", "NOT_AUTHORISED")).isEqualTo(otherEntity + 1);
        assertProblem(postJson(BASE + "/findings/9/corrections", "cn-power-2-init", "{\"description\":\"x\"}"), 404, "UNKNOWN_FINDING");
        assertProblem(postJson(BASE + "/findings/1/corrections", "cn-power-2-init", "{\"description\":\"\"}"), 400, "VALIDATION_FAILED");

        HttpResponse<String> answered = postJson(BASE + "/findings/1/corrections", "cn-power-2-appr", """
                {"description":"化验报告已补充 / lab report for January added to the file"}""");
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(201);
        assertThat(states(json(answered))).containsExactly("1 ANSWERED", "2 OPEN");

        // the correction of the submitted report is a new sealed report with its reason, never an edit
        assertProblem(submitCsv("", csv("1000").replace(",20\n", ",12\n")), 422, "REASON_REQUIRED");
        HttpResponse<String> corrected = submitCsv("&reason=finding%202%3A%20purchased%20electricity%20from%20the%20invoices", csv("1000").replace(",20\n", ",12\n"));
        assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(201);
        long correctedId = json(corrected).path("id").asLong();
        assertThat(json(corrected).path("correctionReason").asString()).isEqualTo("finding 2: purchased electricity from the invoices");
        assertThat(text("SELECT status FROM emission_report WHERE id = ?", firstId)).isEqualTo("SUPERSEDED");
        // the answer points at the current submission, not the superseded one, nor another entity's
        assertProblem(postJson(BASE + "/findings/2/corrections", "cn-power-2-init", """
                {"description":"corrected","reportId":%d}""".formatted(firstId)), 409, "NOT_CURRENT_SUBMISSION");
        long otherReport = count("SELECT id FROM emission_report WHERE entity_id = 'cn-power-1' AND year = 2022 AND status = 'SUBMITTED'");
        assertProblem(postJson(BASE + "/findings/2/corrections", "cn-power-2-init", """
                {"description":"corrected","reportId":%d}""".formatted(otherReport)), 404, "UNKNOWN_REPORT");
        JsonNode withReport = json(postJson(BASE + "/findings/2/corrections", "cn-power-2-init", """
                {"description":"外购电量按发票更正 / purchased electricity corrected from the invoices","reportId":%d}""".formatted(correctedId)));
        JsonNode correction = withReport.path("findings").get(1).path("corrections").get(0);
        assertThat(correction.path("reportId").asLong()).isEqualTo(correctedId);
        assertThat(correction.path("reportSeal").asString()).isEqualTo(json(corrected).path("seal").path("sha256").asString());
        assertThat(correction.path("by").asString()).isEqualTo("cn-power-2-init");

        // only the assigned verifier closes
        assertProblem(post(BASE + "/findings/1/close", "cn-power-2-init"), 403, "NOT_AUTHORISED");
        assertProblem(post(BASE + "/findings/1/close", "verifier-2"), 403, "NOT_ASSIGNED");
        assertProblem(post(BASE + "/findings/1/close", "admin-cn"), 403, "NOT_AUTHORISED");
        HttpResponse<String> closed = postJson(BASE + "/findings/1/close", "verifier-1", "{\"note\":\"lab report seen\"}");
        assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
        assertThat(json(closed).path("findings").get(0).path("closingNote").asString()).isEqualTo("lab report seen");
        assertProblem(postJson(BASE + "/statement", "verifier-1", "{\"opinion\":\"QUALIFIED\"}"), 409, "OPEN_FINDINGS");
        assertThat(post(BASE + "/findings/2/close", "verifier-1").statusCode()).isEqualTo(200);
        assertProblem(post(BASE + "/findings/2/close", "verifier-1"), 409, "FINDING_CLOSED");
        assertProblem(postJson(BASE + "/findings/2/corrections", "cn-power-2-init", "{\"description\":\"more\"}"), 409, "FINDING_CLOSED");

        // every finding closed: the statement is over the corrected report
        HttpResponse<String> stated = postJson(BASE + "/statement", "verifier-1", "{\"opinion\":\"QUALIFIED\"}");
        assertThat(stated.statusCode()).as(stated.body()).isEqualTo(200);
        assertThat(json(stated).path("reportId").asLong()).isEqualTo(correctedId);
        assertThat(json(stated).path("unclosedFindings").asLong()).isZero();
        assertProblem(postJson(BASE + "/findings", "verifier-1", "{\"text\":\"late\"}"), 409, "INVALID_STATE");

        // who reads the verification reads its findings
        JsonNode read = json(get(BASE, "cn-power-2-init"));
        assertThat(states(read)).containsExactly("1 CLOSED", "2 CLOSED");
        assertThat(read.path("findings").get(1).path("corrections").size()).isEqualTo(1);
        assertThat(states(json(get(BASE, "auditor")))).hasSize(2);
        assertProblem(get(BASE, "cn-power-1-init"), 403, "NOT_AUTHORISED");
    }
}
