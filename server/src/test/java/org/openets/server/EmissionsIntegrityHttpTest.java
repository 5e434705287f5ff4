package org.openets.server;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sealed report changed directly in the database, over real HTTP: read, it is answered 200 with its integrity
 * TAMPERED and what was found (a changed figure, a row the domain no longer accepts, an attachment's bytes), never a
 * 5xx; the verifier cannot state over it; the regulator's seal check lists it, scoped to the regulator's
 * jurisdiction. Works on cn-power-1's 2019 report, which no other test uses, and puts every row back as it was, so
 * the other classes sharing this server see clean seals.
 */
class EmissionsIntegrityHttpTest extends ServerTestBase {

    void sql(String statement) {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement, e);
        }
    }

    static List<String> codes(JsonNode problems) {
        List<String> out = new ArrayList<>();
        problems.forEach(p -> out.add(p.path("code").asString()));
        return out;
    }

    long submit2019() {
        String lab = Base64.getEncoder().encodeToString("lab report cn-power-1 2019: C 26.8 %".getBytes());
        // a complete year (every unit, every month: what sealing needs)
        HttpResponse<String> saved = postJson("/api/v1/emissions/reports", "cn-power-1-init", """
                {"entity":"cn-power-1","year":2019,"submit":true,%s,
                 "attachments":[{"fileName":"lab-2019.txt","mediaType":"text/plain","content":"%s"}]}""".formatted(
                FullYear.json("activity,G1,1,,,,,2500,2350,0,20"), lab));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
        JsonNode r = json(saved);
        assertThat(r.path("integrity").path("state").asString()).isEqualTo("INTACT");
        assertThat(r.path("integrity").path("tampered").asBoolean()).isFalse();
        return r.path("id").asLong();
    }

    @Test
    void a_sealed_report_changed_in_the_database_is_read_as_tampered_never_a_5xx() {
        long id = count("SELECT coalesce(max(id), 0) FROM emission_report WHERE entity_id = 'cn-power-1' AND year = 2019 AND status = 'SUBMITTED'");
        if (id == 0) id = submit2019();
        String sha = text("SELECT sha256 FROM emission_report_attachment WHERE report_id = ?", id);
        String quantity = text("SELECT quantity::text FROM emission_report_fuel WHERE report_id = ? AND unit = 'G1' AND month = 1", id);
        try {
            JsonNode intact = json(get("/api/v1/emissions/reports/" + id, "cn-power-1-init"));
            assertThat(intact.path("integrity").path("state").asString()).isEqualTo("INTACT");
            assertThat(intact.path("integrity").path("problems").size()).isZero();

            // a figure changed: still a report, but not the one sealed
            sql("UPDATE emission_report_fuel SET quantity = 900 WHERE report_id = " + id + " AND unit = 'G1' AND month = 1");
            HttpResponse<String> changed = get("/api/v1/emissions/reports/" + id, "cn-power-1-init");
            assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
            JsonNode integrity = json(changed).path("integrity");
            assertThat(integrity.path("state").asString()).isEqualTo("TAMPERED");
            assertThat(integrity.path("tampered").asBoolean()).isTrue();
            assertThat(codes(integrity.path("problems"))).containsExactly("SEAL_MISMATCH");
            assertThat(json(changed).path("fuels").get(0).path("quantity").asString()).isEqualTo("900");

            // a value the domain refuses (the read used to fail with 500): the row is left out and named
            sql("UPDATE emission_report_fuel SET quantity = -5 WHERE report_id = " + id + " AND unit = 'G1' AND month = 1");
            HttpResponse<String> unreadable = get("/api/v1/emissions/reports/" + id, "cn-power-1-init");
            assertThat(unreadable.statusCode()).as(unreadable.body()).isEqualTo(200);
            JsonNode r = json(unreadable);
            assertThat(codes(r.path("integrity").path("problems"))).contains("CONTENT_UNREADABLE", "SEAL_MISMATCH");
            assertThat(r.path("integrity").path("problems").toString()).contains("emission_report_fuel G1/1/COAL").contains("negative quantity");
            assertThat(r.path("fuels").size()).isEqualTo(23);
            // the regulator, the auditor and the lists read it too
            assertThat(get("/api/v1/emissions/reports/" + id, "admin-cn").statusCode()).isEqualTo(200);
            assertThat(get("/api/v1/emissions/reports/" + id, "auditor").statusCode()).isEqualTo(200);
            assertThat(get("/api/v1/emissions/reports?entity=cn-power-1", "cn-power-1-init").statusCode()).isEqualTo(200);

            // the evidence: the attachment's stored bytes changed
            sql("UPDATE emission_report_fuel SET quantity = " + quantity + " WHERE report_id = " + id + " AND unit = 'G1' AND month = 1");
            assertThat(json(get("/api/v1/emissions/reports/" + id, "cn-power-1-init")).path("integrity").path("state").asString()).isEqualTo("INTACT");
            sql("UPDATE evidence_blob SET content = convert_to('lab report cn-power-1 2019: C 21.0 %', 'UTF8') WHERE sha256 = '" + sha + "'");
            JsonNode evidence = json(get("/api/v1/emissions/reports/" + id, "cn-power-1-init")).path("integrity");
            assertThat(evidence.path("state").asString()).isEqualTo("TAMPERED");
            assertThat(codes(evidence.path("problems"))).containsExactly("ATTACHMENT_ALTERED");
            assertThat(evidence.path("problems").get(0).path("detail").asString()).contains("lab-2019.txt");

            // the regulator's seal check lists it; another jurisdiction's regulator does not see CN's reports; nor does an entity run it
            HttpResponse<String> check = get("/api/v1/emissions/seal-check", "admin-cn");
            assertThat(check.statusCode()).as(check.body()).isEqualTo(200);
            assertThat(json(check).path("clean").asBoolean()).isFalse();
            assertThat(json(check).path("mismatches").toString()).contains("\"reportId\":" + id).contains("ATTACHMENT_ALTERED");
            JsonNode gd = json(get("/api/v1/emissions/seal-check", "admin-gd"));
            assertThat(gd.path("reportsChecked").asInt()).isZero();
            assertThat(gd.path("clean").asBoolean()).isTrue();
            assertProblem(get("/api/v1/emissions/seal-check", "cn-power-1-init"), 403, "NOT_AUTHORISED");
            assertProblem(get("/api/v1/emissions/seal-check", "verifier-1"), 403, "NOT_AUTHORISED");

            // a verifier assigned to the entity-year does not state over a tampered report
            if (count("SELECT count(*) FROM verification WHERE entity_id = 'cn-power-1' AND year = 2019") == 0)
                assertThat(postJson("/api/v1/emissions/verifications", "admin-cn", """
                        {"entity":"cn-power-1","year":2019,"verifier":"cec-verify"}""").statusCode()).isEqualTo(201);
            assertProblem(postJson("/api/v1/emissions/verifications/cn-power-1/2019/statement", "verifier-1", """
                    {"opinion":"QUALIFIED"}"""), 409, "REPORT_TAMPERED");
            assertThat(count("SELECT count(*) FROM verification WHERE entity_id = 'cn-power-1' AND year = 2019 AND opinion IS NOT NULL")).isZero();
        } finally {
            // every row as it was: the other classes on this server see clean seals
            sql("UPDATE emission_report_fuel SET quantity = " + quantity + " WHERE report_id = " + id + " AND unit = 'G1' AND month = 1");
            sql("UPDATE evidence_blob SET content = convert_to('lab report cn-power-1 2019: C 26.8 %', 'UTF8') WHERE sha256 = '" + sha + "'");
        }
        assertThat(json(get("/api/v1/emissions/reports/" + id, "cn-power-1-init")).path("integrity").path("state").asString()).isEqualTo("INTACT");
        assertThat(json(get("/api/v1/emissions/seal-check", "auditor")).path("clean").asBoolean()).isTrue();
    }

    @Test
    void a_correction_of_a_submitted_report_is_a_new_sealed_report_with_its_reason() {
        // complete years (every unit, every month: what sealing needs) that differ in January's coal on G1
        HttpResponse<String> first = postJson("/api/v1/emissions/reports", "cn-power-3-init", """
                {"entity":"cn-power-3","year":2020,"submit":true,%s}""".formatted(FullYear.json()));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(json(first).path("correctionReason").isNull()).isTrue();
        String corrected = """
                {"entity":"cn-power-3","year":2020,"submit":true,%s""" + FullYear.json("fuels,G1,1,COAL,1100,21.5,0.027,,,,") + "}";
        long reports = count("SELECT count(*) FROM emission_report");
        assertProblem(postJson("/api/v1/emissions/reports", "cn-power-3-init", corrected.formatted("")), 422, "REASON_REQUIRED");
        assertThat(count("SELECT count(*) FROM emission_report")).isEqualTo(reports);
        HttpResponse<String> second = postJson("/api/v1/emissions/reports", "cn-power-3-init",
                corrected.formatted("\"reason\":\"January coal re-weighed: 1,100 t\","));
        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
        assertThat(json(second).path("correctionReason").asString()).isEqualTo("January coal re-weighed: 1,100 t");
        assertThat(json(get("/api/v1/emissions/reports/" + json(first).path("id").asLong(), "cn-power-3-init")).path("status").asString())
                .isEqualTo("SUPERSEDED");

        // the same through a draft and the submit endpoint: the reason in its body
        HttpResponse<String> draft = postJson("/api/v1/emissions/reports", "cn-power-3-init", """
                {"entity":"cn-power-3","year":2020,%s}""".formatted(FullYear.json("fuels,G1,1,COAL,1150,21.5,0.027,,,,")));
        long draftId = json(draft).path("id").asLong();
        assertThat(json(draft).path("integrity").path("state").asString()).isEqualTo("UNSEALED");
        assertProblem(post("/api/v1/emissions/reports/" + draftId + "/submit", "cn-power-3-init"), 422, "REASON_REQUIRED");
        HttpResponse<String> sealed = postJson("/api/v1/emissions/reports/" + draftId + "/submit", "cn-power-3-init", """
                {"reason":"weighbridge recalibrated"}""");
        assertThat(sealed.statusCode()).as(sealed.body()).isEqualTo(200);
        assertThat(json(sealed).path("status").asString()).isEqualTo("SUBMITTED");
        assertThat(json(sealed).path("correctionReason").asString()).isEqualTo("weighbridge recalibrated");
    }
}
