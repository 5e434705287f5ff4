package org.openets.server;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Emissions MRV over real HTTP with the demo data (2022 reports of cn-power-1, -2 and -3; verifiers verifier-1 and
 * verifier-2): an entity's representative sees only its own entity's reports, a verifier only its organisation's
 * assignments, the regulator its jurisdiction's; a conflicted verifier is neither assigned nor states; bad sheets
 * are answered 422 with every problem named by sheet, row and field, and nothing is saved. Refusals are recorded.
 */
class EmissionsHttpTest extends ServerTestBase {

    long reportOf(String entity) {
        return count("SELECT id FROM emission_report WHERE entity_id = ? AND year = 2022 AND status = 'SUBMITTED'", entity);
    }

    static List<String> field(JsonNode array, String name) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(name).asString()));
        return out;
    }

    @Test
    void a_report_shows_its_rows_computed_figures_seal_and_trace() {
        HttpResponse<String> r = get("/api/v1/emissions/reports/" + reportOf("cn-power-2"), "cn-power-2-appr");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode report = json(r);
        assertThat(report.path("status").asString()).isEqualTo("SUBMITTED");
        assertThat(report.path("seal").path("sha256").asString()).hasSize(64);
        assertThat(report.path("fuels").size()).isEqualTo(24);
        assertThat(report.path("attachments").size()).isEqualTo(1);
        assertThat(report.path("figures").path("totalTonnes").asLong()).isPositive();
        assertThat(report.path("figures").path("trace").size()).isPositive();
        // carbon content measured in 2 months of 2022 (< 3): the 0.03085 default stands in for the other ten, per unit
        assertThat(report.path("figures").path("substitutions").size()).isGreaterThanOrEqualTo(20);
        assertThat(report.path("figures").path("substitutions").toString()).contains("0.03085");
        // the attachment's bytes come back as stored
        String sha = report.path("attachments").get(0).path("sha256").asString();
        HttpResponse<String> bytes = get("/api/v1/emissions/reports/" + reportOf("cn-power-2") + "/attachments/" + sha, "cn-power-2-init");
        assertThat(bytes.statusCode()).isEqualTo(200);
        assertThat(bytes.body()).contains("cn-power-2");
    }

    @Test
    void a_representative_sees_only_its_own_entitys_reports_and_a_refusal_is_recorded() {
        long recorded = refusals("cn-power-1-init", "NOT_AUTHORISED");
        assertProblem(get("/api/v1/emissions/reports/" + reportOf("cn-power-2"), "cn-power-1-init"), 403, "NOT_AUTHORISED");
        assertProblem(get("/api/v1/emissions/reports?entity=cn-power-2", "cn-power-1-init"), 403, "NOT_AUTHORISED");
        assertProblem(get("/api/v1/emissions/verifications/cn-power-2/2022", "cn-power-1-init"), 403, "NOT_AUTHORISED");
        assertThat(refusals("cn-power-1-init", "NOT_AUTHORISED")).isEqualTo(recorded + 3);
        assertThat(text("SELECT target FROM refusal WHERE actor = 'cn-power-1-init' AND action = 'READ emissions report' ORDER BY id DESC LIMIT 1"))
                .isEqualTo(Long.toString(reportOf("cn-power-2")));

        JsonNode mine = json(get("/api/v1/emissions/reports", "cn-power-1-init"));
        assertThat(field(mine, "entity")).isNotEmpty().allMatch("cn-power-1"::equals);
        // a representative of an entity without emissions data sees none; another jurisdiction's regulator neither
        assertThat(json(get("/api/v1/emissions/reports", "gd-power-1-init")).size()).isZero();
        assertThat(json(get("/api/v1/emissions/reports", "admin-gd")).size()).isZero();
        assertProblem(get("/api/v1/emissions/reports/" + reportOf("cn-power-1"), "admin-gd"), 403, "NOT_AUTHORISED");
        // the regulator and the auditor see every entity's
        assertThat(field(json(get("/api/v1/emissions/reports?year=2022", "admin-cn")), "entity")).contains("cn-power-1", "cn-power-2", "cn-power-3");
        assertThat(field(json(get("/api/v1/emissions/reports", "auditor")), "entity")).contains("cn-power-1", "cn-power-2", "cn-power-3");
        // nobody signed in sees nothing
        assertProblem(get("/api/v1/emissions/reports", null), 401, "UNAUTHENTICATED");
    }

    @Test
    void a_verifier_sees_only_its_organisations_assignments() {
        JsonNode reports = json(get("/api/v1/emissions/reports", "verifier-1"));
        assertThat(field(reports, "entity")).contains("cn-power-1", "cn-power-2").doesNotContain("cn-power-3");
        JsonNode verifications = json(get("/api/v1/emissions/verifications", "verifier-1"));
        assertThat(field(verifications, "verifier")).isNotEmpty().allMatch("cec-verify"::equals);
        assertThat(field(verifications, "entity")).contains("cn-power-1", "cn-power-2");
        // cn-power-1 2022 is verified and approved: final figures version 1
        JsonNode approved = json(get("/api/v1/emissions/verifications/cn-power-1/2022", "verifier-1"));
        assertThat(approved.path("status").asString()).isEqualTo("APPROVED");
        assertThat(approved.path("versions").get(0).path("version").asInt()).isEqualTo(1);
        assertThat(approved.path("currentEmissions").asLong()).isPositive();

        long recorded = refusals("verifier-1", "NOT_AUTHORISED");
        assertProblem(get("/api/v1/emissions/reports/" + reportOf("cn-power-3"), "verifier-1"), 403, "NOT_AUTHORISED");
        assertThat(refusals("verifier-1", "NOT_AUTHORISED")).isEqualTo(recorded + 1);
        // verifier-2's organisation has no assignment: it sees nothing
        assertThat(json(get("/api/v1/emissions/reports", "verifier-2")).size()).isZero();
        assertThat(json(get("/api/v1/emissions/verifications", "verifier-2")).size()).isZero();
        // a verifier moves no units
        assertThat(json(get("/api/v1/accounts", "verifier-1")).size()).isZero();
    }

    @Test
    void a_conflicted_verifier_is_not_assigned_and_only_the_assigned_verifier_states() {
        long conflicts = refusals("admin-cn", "CONFLICT_OF_INTEREST");
        HttpResponse<String> refused = postJson("/api/v1/emissions/verifications", "admin-cn", """
                {"entity":"cn-power-3","year":2022,"verifier":"green-verify"}""");
        assertProblem(refused, 409, "CONFLICT_OF_INTEREST");
        assertThat(json(refused).path("conflict").asString()).isEqualTo("CONSULTING_LINK");
        assertThat(refusals("admin-cn", "CONFLICT_OF_INTEREST")).isEqualTo(conflicts + 1);
        assertThat(count("SELECT count(*) FROM verification WHERE entity_id = 'cn-power-3'")).isZero();
        // the entity-year already verified by cec-verify is not assigned again
        HttpResponse<String> again = postJson("/api/v1/emissions/verifications", "admin-cn", """
                {"entity":"cn-power-1","year":2022,"verifier":"green-verify"}""");
        assertProblem(again, 409, "CONFLICT_OF_INTEREST");
        assertThat(json(again).path("conflict").asString()).isEqualTo("ALREADY_ASSIGNED");
        // only the regulator assigns
        assertProblem(postJson("/api/v1/emissions/verifications", "cn-power-3-init", """
                {"entity":"cn-power-3","year":2022,"verifier":"cec-verify"}"""), 403, "NOT_AUTHORISED");
        assertProblem(postJson("/api/v1/emissions/verifications", "admin-gd", """
                {"entity":"cn-power-3","year":2022,"verifier":"cec-verify"}"""), 403, "NOT_AUTHORISED");

        // a verifier not assigned cannot state; a representative is not a verifier
        long notAssigned = refusals("verifier-2", "NOT_ASSIGNED");
        assertProblem(postJson("/api/v1/emissions/verifications/cn-power-2/2022/statement", "verifier-2", """
                {"opinion":"QUALIFIED"}"""), 403, "NOT_ASSIGNED");
        assertThat(refusals("verifier-2", "NOT_ASSIGNED")).isEqualTo(notAssigned + 1);
        assertProblem(postJson("/api/v1/emissions/verifications/cn-power-2/2022/statement", "cn-power-2-init", """
                {"opinion":"QUALIFIED"}"""), 403, "NOT_AUTHORISED");

        // the regulator assigns an independent verifier; it states; the regulator approves
        HttpResponse<String> assigned = postJson("/api/v1/emissions/verifications", "admin-cn", """
                {"entity":"cn-power-3","year":2022,"verifier":"cec-verify"}""");
        assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(201);
        assertProblem(postJson("/api/v1/emissions/verifications/cn-power-3/2022/statement", "verifier-1", """
                {"opinion":"QUALIFIED_WITH_REMARKS"}"""), 422, "REMARKS_REQUIRED");
        assertProblem(post("/api/v1/emissions/verifications/cn-power-3/2022/approve", "admin-cn"), 409, "INVALID_STATE");
        HttpResponse<String> stated = postJson("/api/v1/emissions/verifications/cn-power-3/2022/statement", "verifier-1", """
                {"opinion":"QUALIFIED_WITH_REMARKS","remarks":"oxidation rate default [U] used for coal"}""");
        assertThat(stated.statusCode()).as(stated.body()).isEqualTo(200);
        assertThat(json(stated).path("reportId").asLong()).isEqualTo(reportOf("cn-power-3"));
        assertProblem(post("/api/v1/emissions/verifications/cn-power-3/2022/approve", "cn-power-3-init"), 403, "NOT_AUTHORISED");
        HttpResponse<String> approved = post("/api/v1/emissions/verifications/cn-power-3/2022/approve", "admin2-cn");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(json(approved).path("versions").get(0).path("emissions").asLong()).isEqualTo(json(stated).path("statedEmissions").asLong());
        // a correction is version 2; version 1 stays
        HttpResponse<String> amended = postJson("/api/v1/emissions/verifications/cn-power-3/2022/amend", "admin-cn", """
                {"emissions":123456,"reason":"re-verification after a meter fault"}""");
        assertThat(amended.statusCode()).as(amended.body()).isEqualTo(200);
        assertThat(json(amended).path("versions").size()).isEqualTo(2);
        assertThat(json(amended).path("versions").get(0)).isEqualTo(json(approved).path("versions").get(0));
        assertThat(json(amended).path("currentEmissions").asLong()).isEqualTo(123456);
    }

    @Test
    void bad_sheets_are_answered_with_every_problem_by_row_and_field_and_nothing_is_saved() {
        long reports = count("SELECT count(*) FROM emission_report"), blobs = count("SELECT count(*) FROM evidence_blob");
        HttpResponse<String> r = postJson("/api/v1/emissions/reports", "cn-power-1-init", """
                {"entity":"cn-power-1","year":2022,"submit":true,
                 "fuels":[{"unit":"G1","month":1,"fuel":"COAL","quantity":-5,"ncv":21.5},
                          {"unit":"G1","month":2,"fuel":"PEAT","quantity":100,"ncv":21.5},
                          {"unit":"G1","month":13,"fuel":"COAL","quantity":100,"ncv":21.5},
                          {"unit":"G1","month":4,"fuel":"COAL","quantity":"12o0","ncv":21.5}],
                 "attachments":[{"fileName":"lab.txt","mediaType":"text/plain","content":"aGVsbG8="}]}""");
        assertProblem(r, 422, "INVALID_REPORT");
        JsonNode problems = json(r).path("problems");
        assertThat(field(problems, "code")).contains("NEGATIVE", "UNKNOWN_FUEL", "OUT_OF_RANGE", "NOT_A_NUMBER");
        List<String> at = new ArrayList<>();
        problems.forEach(p -> at.add(p.path("where").asString() + " / " + p.path("field").asString()));
        assertThat(at).anyMatch(s -> s.startsWith("fuels row 1") && s.endsWith("/ quantity"))
                .anyMatch(s -> s.startsWith("fuels row 2") && s.endsWith("/ fuel"))
                .anyMatch(s -> s.startsWith("fuels row 3") && s.endsWith("/ month"))
                .anyMatch(s -> s.startsWith("fuels row 4") && s.endsWith("/ quantity"));
        assertThat(count("SELECT count(*) FROM emission_report")).isEqualTo(reports);
        assertThat(count("SELECT count(*) FROM evidence_blob")).isEqualTo(blobs);

        // the same from a CSV file: rows are the file's lines
        HttpResponse<String> csv = send(request("/api/v1/emissions/reports?entity=cn-power-1&year=2022", "cn-power-1-init")
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString("""
                        sheet,unit,month,fuel,quantity,ncv,generation_mwh,supply_mwh,heat_supplied_gj,purchased_electricity_mwh
                        fuels,G1,1,COAL,1000,21.5,,,,
                        fuels,G1,13,COAL,1000,21.5,,,,
                        activity,G1,1,,,,500,abc,0,0
                        """)).build());
        assertProblem(csv, 422, "INVALID_REPORT");
        assertThat(json(csv).path("problems").toString()).contains("fuels row 3").contains("activity row 4").contains("supply_mwh");
        assertThat(count("SELECT count(*) FROM emission_report")).isEqualTo(reports);
        // a control character in the file (a NUL could not even be stored) is refused with its line, nothing written
        HttpResponse<String> nul = send(request("/api/v1/emissions/reports?entity=cn-power-1&year=2022", "cn-power-1-init")
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(
                        "sheet,unit,month,fuel,quantity,ncv\nfuels,G\u00001,1,COAL,1000,21.5\n")).build());
        assertProblem(nul, 400, "VALIDATION_FAILED");
        assertThat(json(nul).path("detail").asString()).contains("line 2").contains("U+0000");
        assertThat(count("SELECT count(*) FROM emission_report")).isEqualTo(reports);

        // a cell that is neither text nor a number
        assertProblem(postJson("/api/v1/emissions/reports", "cn-power-1-init", """
                {"entity":"cn-power-1","year":2022,"fuels":[{"unit":"G1","month":1,"fuel":"COAL","quantity":{"t":1}}]}"""), 422, "INVALID_REPORT");
        // another entity's representative may not report for it; an unknown entity is 404
        assertProblem(postJson("/api/v1/emissions/reports", "cn-power-2-init", """
                {"entity":"cn-power-1","year":2022,"fuels":[]}"""), 403, "NOT_AUTHORISED");
        assertProblem(postJson("/api/v1/emissions/reports", "cn-power-1-init", """
                {"entity":"nobody","year":2022,"fuels":[]}"""), 404, "UNKNOWN_ENTITY");
        assertProblem(postJson("/api/v1/emissions/reports", "cn-power-1-init", "{\"entity\":"), 400, "MALFORMED_JSON");
        assertThat(count("SELECT count(*) FROM emission_report")).isEqualTo(reports);

        // a good CSV (every unit, every month) is saved as a draft; submitting seals it and supersedes nothing else's
        HttpResponse<String> good = send(request("/api/v1/emissions/reports?entity=cn-power-1&year=2023", "cn-power-1-init")
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(FullYear.csv())).build());
        assertThat(good.statusCode()).as(good.body()).isEqualTo(201);
        assertThat(json(good).path("status").asString()).isEqualTo("DRAFT");
        HttpResponse<String> sealed = post("/api/v1/emissions/reports/" + json(good).path("id").asLong() + "/submit", "cn-power-1-init");
        assertThat(sealed.statusCode()).as(sealed.body()).isEqualTo(200);
        assertThat(json(sealed).path("seal").path("sha256").asString()).hasSize(64);
        assertProblem(post("/api/v1/emissions/reports/" + json(good).path("id").asLong() + "/submit", "cn-power-1-init"), 409, "NOT_A_DRAFT");
    }

    @Test
    void the_seal_check_is_for_regulators_and_auditors() {
        HttpResponse<String> check = get("/api/v1/emissions/seal-check", "auditor");
        assertThat(check.statusCode()).as(check.body()).isEqualTo(200);
        assertThat(json(check).path("reportsChecked").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(json(check).path("clean").asBoolean()).as(check.body()).isTrue();
        assertThat(get("/api/v1/emissions/seal-check", "admin-cn").statusCode()).isEqualTo(200);
        assertProblem(get("/api/v1/emissions/seal-check", "cn-power-1-init"), 403, "NOT_AUTHORISED");
    }
}
