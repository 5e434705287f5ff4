package org.openets.server;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a report must cover, over HTTP (cn-power-2 and cn-power-3, 2023; both have coal units G1 and G2 in the register,
 * operating all year): an empty upload is refused and leaves the year's draft as it was; a report that lacks a
 * registered unit or months is not sealed, and the answer names them; a complete report seals. The API answers 422
 * {@code EMPTY_REPORT} / {@code INCOMPLETE_REPORT}; a draft's page lists what it still has to cover, in Chinese and
 * English ({@link EmissionsUploadHttpTest}: the upload form).
 */
class EmissionsCoverageHttpTest extends ServerTestBase {

    HttpResponse<String> csv(String entity, String query, String body) {
        return send(request("/api/v1/emissions/reports/" + entity + "/2023" + query, entity + "-init").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    long reports(String entity) { return count("SELECT count(*) FROM emission_report WHERE entity_id = ? AND year = 2023", entity); }

    /** A complete year less the lines {@code leaveOut} matches. */
    static String without(Predicate<String> leaveOut) {
        List<String> lines = FullYear.csv().lines().toList();
        List<String> kept = new ArrayList<>(List.of(lines.getFirst()));
        lines.stream().skip(1).filter(leaveOut.negate()).forEach(kept::add);
        return String.join("\n", kept) + "\n";
    }

    static String or(JsonNode n, String field) { return n.has(field) ? n.path(field).asString() : "-"; }

    static List<String> gaps(HttpResponse<String> r) {
        List<String> out = new ArrayList<>();
        json(r).path("problems").forEach(p -> out.add(p.path("code").asString() + " " + or(p, "installation") + " " + or(p, "sheet") + " "
                + or(p, "monthRanges")));
        return out;
    }

    @Test
    void an_empty_upload_is_refused_and_the_years_draft_is_unchanged() {
        HttpResponse<String> draft = csv("cn-power-2", "", FullYear.csv());
        assertThat(draft.statusCode()).as(draft.body()).isEqualTo(201);
        long draftId = json(draft).path("id").asLong();
        long before = reports("cn-power-2");

        // the header line only, to be sealed: refused, naming what the report has to cover
        HttpResponse<String> sealEmpty = csv("cn-power-2", "?submit=true", FullYear.HEADER + "\n");
        assertProblem(sealEmpty, 422, "EMPTY_REPORT");
        assertThat(gaps(sealEmpty)).containsExactly("EMPTY_REPORT - - -", "MISSING_INSTALLATION G1 activity 1-12", "MISSING_INSTALLATION G2 activity 1-12");
        assertThat(json(sealEmpty).path("detail").asString()).contains("no rows").contains("draft is unchanged").contains("G1").contains("G2");
        assertThat(json(sealEmpty).path("problems").get(1).path("months").toString()).isEqualTo("[1,2,3,4,5,6,7,8,9,10,11,12]");
        // saved as a draft, the same; as JSON with empty sheets, the same
        assertProblem(csv("cn-power-2", "", FullYear.HEADER + "\n"), 422, "EMPTY_REPORT");
        assertProblem(csv("cn-power-2", "", "表,机组,月份\n\n"), 422, "EMPTY_REPORT");
        assertProblem(postJson("/api/v1/emissions/reports", "cn-power-2-init", """
                {"entity":"cn-power-2","year":2023,"submit":true,"fuels":[],"activity":[],"outputs":[]}"""), 422, "EMPTY_REPORT");

        // nothing saved, nothing sealed: the draft is the one saved before, with every row
        assertThat(reports("cn-power-2")).isEqualTo(before);
        assertThat(count("SELECT count(*) FROM emission_report WHERE entity_id = 'cn-power-2' AND year = 2023 AND status <> 'DRAFT'")).isZero();
        JsonNode kept = json(get("/api/v1/emissions/reports/" + draftId, "cn-power-2-init"));
        assertThat(kept.path("status").asString()).isEqualTo("DRAFT");
        assertThat(kept.path("fuels").size()).isEqualTo(24);
        assertThat(kept.path("activity").size()).isEqualTo(24);
    }

    @Test
    void a_report_that_lacks_a_registered_unit_or_months_is_not_sealed_and_a_complete_one_is() {
        long before = reports("cn-power-3");
        // G2 left out, and G1's activity of the second half-year
        String partial = without(l -> l.contains(",G2,") || l.matches("activity,G1,(7|8|9|10|11|12),.*"));
        HttpResponse<String> refused = csv("cn-power-3", "?submit=true", partial);
        assertProblem(refused, 422, "INCOMPLETE_REPORT");
        assertThat(gaps(refused)).containsExactly("MISSING_MONTHS G1 activity 7-12", "MISSING_INSTALLATION G2 activity 1-12");
        assertThat(json(refused).path("detail").asString()).contains("G1 activity (months 7-12)").contains("G2 not in the report (months 1-12)")
                .contains("not sealed");
        assertThat(json(refused).path("problems").get(0).path("message").asString()).contains("2023").contains("7-12");
        assertThat(reports("cn-power-3")).isEqualTo(before);

        // a month that generated without any fuel is a gap too: the unit burnt something
        HttpResponse<String> noFuel = csv("cn-power-3", "?submit=true", without(l -> l.startsWith("fuels,G1,5,")));
        assertProblem(noFuel, 422, "INCOMPLETE_REPORT");
        assertThat(gaps(noFuel)).containsExactly("MISSING_MONTHS G1 fuels 5");
        // ... unless the month says the unit stood still
        String stoodStill = without(l -> l.startsWith("fuels,G1,5,")).replace("activity,G1,5,,,,,2500,2350,0,0", "activity,G1,5,,,,,0,0,0,0");

        // the incomplete report may be kept as a draft; sealing the draft is refused the same way, and it stays a draft
        HttpResponse<String> draft = csv("cn-power-3", "", partial);
        assertThat(draft.statusCode()).as(draft.body()).isEqualTo(201);
        long draftId = json(draft).path("id").asLong();
        HttpResponse<String> sealDraft = post("/api/v1/emissions/reports/" + draftId + "/submit", "cn-power-3-init");
        assertProblem(sealDraft, 422, "INCOMPLETE_REPORT");
        assertThat(gaps(sealDraft)).containsExactly("MISSING_MONTHS G1 activity 7-12", "MISSING_INSTALLATION G2 activity 1-12");
        assertThat(text("SELECT status FROM emission_report WHERE id = ?", draftId)).isEqualTo("DRAFT");
        // the draft's page says what it still has to cover, in the page's language
        String en = page("/emissions/reports/" + draftId + "?lang=en", "cn-power-3-init").body();
        assertThat(en).contains("id=\"report-gaps\"").contains("data-installation=\"G2\"")
                .contains("G2 is registered and operated in months 1-12 of 2023 but is not in the report")
                .contains("G1 has no activity row for months 7-12 of 2023, when it operated");
        String zh = page("/emissions/reports/" + draftId + "?lang=zh_CN", "cn-power-3-init").body();
        assertThat(zh).contains("封存之前，报告还须覆盖").contains("G2 已登记，2023 年 1-12 月处于运行状态，但报告中没有它")
                .contains("G1 缺少 2023 年 7-12 月的生产数据");

        // complete (a month that stood still says so): sealed
        HttpResponse<String> sealed = csv("cn-power-3", "?submit=true", stoodStill);
        assertThat(sealed.statusCode()).as(sealed.body()).isEqualTo(201);
        assertThat(json(sealed).path("status").asString()).isEqualTo("SUBMITTED");
        assertThat(json(sealed).path("figures").path("totalTonnes").asLong()).isPositive();
        assertThat(page("/emissions/reports/" + json(sealed).path("id").asLong() + "?lang=en", "cn-power-3-init").body()).doesNotContain("report-gaps");
    }
}
