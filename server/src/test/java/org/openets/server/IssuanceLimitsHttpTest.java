package org.openets.server;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The caps (issuance limits) set by the administrators of a unit type's issuer, over the API and on the issuance page:
 * a new vintage can be issued once its cap is set; every version is kept; a cap never goes below what is issued plus
 * what awaits approval; everyone else is refused and the refusal recorded; bad input writes nothing. Works on CEA
 * 2030 and SZEA 2031, which no other test issues.
 */
class IssuanceLimitsHttpTest extends ServerTestBase {

    HttpResponse<String> put(String path, String login, String json) {
        return send(request(path, login).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private long versions(String unitType, int vintage) {
        return count("SELECT count(*) FROM issuance_limit_change WHERE unit_type = ? AND vintage = ?", unitType, vintage);
    }

    private long cap(String unitType, int vintage) {
        return count("SELECT coalesce(max(quantity), -1) FROM issuance_limit WHERE unit_type = ? AND vintage = ?", unitType, vintage);
    }

    private static String issue(String commandId, String unitType, int vintage, long quantity) {
        return """
                {"commandId":"%s","type":"ISSUE","unitType":"%s","vintage":%d,"quantity":%d}""".formatted(commandId, unitType, vintage, quantity);
    }

    @Test
    void anAdministratorSetsTheCapOfANewVintageAndItCanBeIssuedEveryVersionKept() {
        assertProblem(postJson("/api/v1/transactions", "admin-cn", issue("cap-http-1", "CEA", 2030, 1_000)), 422, "EXCEEDS_CAP");

        HttpResponse<String> r = put("/api/v1/issuance-limits/CEA/2030", "admin-cn", """
                {"quantity": 5000, "source": "生态环境部公告 2030 年第 1 号"}""");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.path("current").path("cap").asLong()).isEqualTo(5_000);
        assertThat(body.path("history").get(0).path("setBy").asString()).isEqualTo("admin-cn");
        assertThat(body.path("history").get(0).path("source").asString()).isEqualTo("生态环境部公告 2030 年第 1 号");
        assertThat(body.path("history").get(0).path("previous").isNull()).isTrue();

        // the ledger sees the cap at once: the issuance beyond the old (missing) cap is proposed, and awaits approval
        r = postJson("/api/v1/transactions", "admin-cn", issue("cap-http-2", "CEA", 2030, 4_000));
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 202);
        assertThat(json(r).path("status").asString()).isEqualTo("AWAITING_APPROVAL");

        // below issued (0) + awaiting approval (4,000): refused, nothing written
        assertProblem(put("/api/v1/issuance-limits/CEA/2030", "admin2-cn", """
                {"quantity": 3999, "source": "notice 2"}"""), 422, "CAP_BELOW_ISSUED");
        assertThat(cap("CEA", 2030)).isEqualTo(5_000);
        assertThat(versions("CEA", 2030)).isEqualTo(1);

        r = put("/api/v1/issuance-limits/cea/2030", "admin2-cn", """
                {"quantity": 9000, "source": "notice 2"}""");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(postJson("/api/v1/transactions", "admin-cn", issue("cap-http-3", "CEA", 2030, 5_000)).statusCode()).isBetween(200, 202);

        JsonNode one = json(get("/api/v1/issuance-limits/CEA/2030", "auditor"));
        assertThat(one.path("current").path("cap").asLong()).isEqualTo(9_000);
        assertThat(one.path("current").path("pendingIssuance").asLong()).isEqualTo(9_000);
        // what may still be proposed counts what awaits approval: nothing, here
        assertThat(one.path("current").path("remaining").asLong()).isZero();
        assertThat(one.path("history").size()).isEqualTo(2);
        assertThat(one.path("history").get(0).path("previous").asLong()).isEqualTo(5_000);
        assertThat(one.path("history").get(0).path("setBy").asString()).isEqualTo("admin2-cn");
        JsonNode all = json(get("/api/v1/issuance-limits", "admin-gd"));
        boolean listed = false;
        for (JsonNode c : all) listed |= c.path("unitType").asString().equals("CEA") && c.path("vintage").asInt() == 2030;
        assertThat(listed).as(all.toString()).isTrue();
        assertThat(get("/v3/api-docs", null).body()).contains("/api/v1/issuance-limits/{unitType}/{vintage}");
    }

    @Test
    void onlyTheIssuersAdministratorsSetACapAndEveryRefusalIsRecorded() {
        String body = """
                {"quantity": 1000, "source": "深圳市公告"}""";
        for (String who : new String[]{"admin-cn", "admin-gd", "sz-power-1-init", "auditor"}) {
            long refused = count("SELECT count(*) FROM refusal WHERE actor = ? AND code = 'NOT_AUTHORISED' AND action = 'SET issuance limit' AND target = 'SZEA 2031'", who);
            assertProblem(put("/api/v1/issuance-limits/SZEA/2031", who, body), 403, "NOT_AUTHORISED");
            assertThat(count("SELECT count(*) FROM refusal WHERE actor = ? AND code = 'NOT_AUTHORISED' AND action = 'SET issuance limit' AND target = 'SZEA 2031'", who))
                    .as(who).isEqualTo(refused + 1);
        }
        // a representative does not read the caps either
        assertProblem(get("/api/v1/issuance-limits", "sz-power-1-init"), 403, "NOT_AUTHORISED");
        assertThat(versions("SZEA", 2031)).isZero();
        assertThat(cap("SZEA", 2031)).isEqualTo(-1);
    }

    @Test
    void badInputIsRefusedAndWritesNothing() {
        long before = count("SELECT count(*) FROM issuance_limit_change");
        assertProblem(put("/api/v1/issuance-limits/NOPE/2031", "admin-sz", """
                {"quantity": 1000, "source": "x"}"""), 422, "UNKNOWN_UNIT_TYPE");
        assertProblem(put("/api/v1/issuance-limits/SZEA/2004", "admin-sz", """
                {"quantity": 1000, "source": "x"}"""), 400, "VALIDATION_FAILED");
        assertProblem(put("/api/v1/issuance-limits/SZEA/20x1", "admin-sz", """
                {"quantity": 1000, "source": "x"}"""), 400, "VALIDATION_FAILED");
        for (String q : new String[]{"0", "-5", "10.5", "null"})
            assertProblem(put("/api/v1/issuance-limits/SZEA/2031", "admin-sz", """
                    {"quantity": %s, "source": "x"}""".formatted(q)), 422, "INVALID_QUANTITY");
        assertProblem(put("/api/v1/issuance-limits/SZEA/2031", "admin-sz", """
                {"quantity": 1000, "source": "   "}"""), 400, "VALIDATION_FAILED");
        assertProblem(put("/api/v1/issuance-limits/SZEA/2031", "admin-sz", """
                {"quantity": 1000}"""), 400, "VALIDATION_FAILED");
        assertProblem(put("/api/v1/issuance-limits/SZEA/2031", "admin-sz", """
                {"quantity": 1000, "source": "%s"}""".formatted("x".repeat(501))), 400, "VALIDATION_FAILED");
        // the demo's SZEA 2024 cap is far below nothing: below what is issued is refused with the figures
        HttpResponse<String> r = put("/api/v1/issuance-limits/SZEA/2024", "admin-sz", """
                {"quantity": 1, "source": "x"}""");
        assertProblem(r, 422, "CAP_BELOW_ISSUED");
        assertThat(json(r).path("detail").asString()).contains("is below what is issued");
        assertThat(count("SELECT count(*) FROM issuance_limit_change")).isEqualTo(before);
        assertThat(cap("SZEA", 2031)).isEqualTo(-1);
    }

    @Test
    void theIssuancePageSetsACapAndShowsItsHistoryAndRefusalsInChinese() {
        Session s = session("admin-sz");
        String cookies = s.cookie() + "; openets-lang=zh-CN";
        String form = "unitType=SZEA&vintage=2032&quantity=" + URLEncoder.encode("12,000", StandardCharsets.UTF_8)
                + "&source=" + URLEncoder.encode("深圳市生态环境局通知 2032-1", StandardCharsets.UTF_8) + "&_csrf=" + URLEncoder.encode(s.csrf(), StandardCharsets.UTF_8);
        HttpResponse<String> r = send(request("/admin/issuance/cap", null).header("Cookie", cookies).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        HttpResponse<String> page = send(request("/admin/issuance", null).header("Cookie", cookies).GET().build());
        assertThat(page.body()).contains("data-code=\"CAP_SET\"").contains("总量上限已设定").contains("深圳市生态环境局通知 2032-1").contains("id=\"cap-history\"");
        assertThat(cap("SZEA", 2032)).isEqualTo(12_000);

        // below what is issued: refused, said in Chinese, the form comes back as sent
        form = "unitType=SZEA&vintage=2024&quantity=1&source=x&_csrf=" + URLEncoder.encode(s.csrf(), StandardCharsets.UTF_8);
        r = send(request("/admin/issuance/cap", null).header("Cookie", cookies).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        page = send(request("/admin/issuance", null).header("Cookie", cookies).GET().build());
        assertThat(page.body()).contains("data-code=\"CAP_BELOW_ISSUED\"").contains("低于已签发量");
    }

    @Test
    void aCapPostedFromThePageByAnyoneElseIsRecordedAsSettingThatCap() {
        Session s = session("sz-power-1-init");
        long before = count("SELECT count(*) FROM refusal WHERE actor = 'sz-power-1-init' AND action = 'SET issuance limit' AND target = 'SZEA 2033'");
        String form = "unitType=SZEA&vintage=2033&quantity=1.000&source=x&_csrf=" + URLEncoder.encode(s.csrf(), StandardCharsets.UTF_8);
        HttpResponse<String> r = send(request("/admin/issuance/cap", null).header("Cookie", s.cookie()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        // authority first: not the quantity's problem, and recorded as what was attempted
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(count("SELECT count(*) FROM refusal WHERE actor = 'sz-power-1-init' AND action = 'SET issuance limit' AND target = 'SZEA 2033'")).isEqualTo(before + 1);
        assertThat(cap("SZEA", 2033)).isEqualTo(-1);
    }
}
