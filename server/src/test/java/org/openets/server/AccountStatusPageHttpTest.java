package org.openets.server;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An account's page offers only the forms its status lets succeed, and says what the status allows, in the page's
 * language: a restricted account may still surrender what it owes; a suspended one does nothing.
 */
class AccountStatusPageHttpTest extends ServerTestBase {
    static final String ENTITY = "cn-power-2"; // its registry account is used by no other test

    HttpResponse<String> pageIn(String path, String login, String lang) {
        return send(request(path, null).header("Cookie", session(login).cookie() + "; openets-lang=" + lang).GET().build());
    }

    void status(String acct, String status) {
        HttpResponse<String> r = postJson("/api/v1/accounts/" + acct + "/status", "admin-cn", "{\"status\":\"" + status + "\",\"reason\":\"page test\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @Test
    void the_page_offers_what_the_status_allows_and_says_so() {
        String acct = accountOf(ENTITY), init = ENTITY + "-init";
        String open = pageIn("/accounts/" + acct, init, "en").body();
        // the example account number is one of the account's own jurisdiction
        assertThat(open).contains("placeholder=\"an account number: CN-120-nnnnnn\"").doesNotContain("GD-120-nnnnnn").doesNotContain("001005");
        assertThat(open).contains("id=\"transfer-form\"", "id=\"surrender-form\"", "id=\"retire-form\"").doesNotContain("id=\"status-limits\"");
        try {
            status(acct, "RESTRICTED");
            String restricted = pageIn("/accounts/" + acct, init, "en").body();
            assertThat(restricted).contains("Why: page test (by admin-cn)");
            assertThat(restricted).contains("id=\"surrender-form\"", "This account is restricted: it receives units and may surrender")
                    .doesNotContain("id=\"transfer-form\"", "id=\"retire-form\"", "id=\"op-FREEZE-form\"");
            assertThat(pageIn("/accounts/" + acct, init, "zh-CN").body()).contains("本账户已受限：可以接收配额和清缴");

            status(acct, "SUSPENDED");
            String suspended = pageIn("/accounts/" + acct, init, "en").body();
            assertThat(suspended).contains("This account is suspended")
                    .doesNotContain("id=\"transfer-form\"", "id=\"surrender-form\"", "id=\"retire-form\"", "id=\"trust-form\"");
            // nor do its own people change its trusted list while it is suspended (its administrators may)
            assertProblem(postJson("/api/v1/accounts/" + acct + "/trusted", init, "{\"account\":\"" + accountOf("cn-alu-1") + "\"}"), 403, "NOT_AUTHORISED");
            assertThat(pageIn("/accounts/" + acct, "admin-cn", "en").body()).contains("id=\"trust-form\"");
            // an administrator's page of the suspended account offers no operation that moves its units either
            assertThat(pageIn("/accounts/" + acct, "admin-cn", "en").body()).doesNotContain("id=\"op-FORCED_DEDUCTION-form\"", "id=\"op-FREEZE-form\"");
        } finally {
            status(acct, "OPEN");
        }
        assertThat(pageIn("/accounts/" + acct, init, "en").body()).contains("id=\"transfer-form\"").doesNotContain("id=\"status-limits\"");
    }

    @Test
    void a_refusal_is_told_apart_from_a_decline_in_the_history_and_on_the_transaction() {
        String acct = accountOf(ENTITY), init = ENTITY + "-init";
        long held = held(acct, "CEA/2024");
        HttpResponse<String> r = postJson("/api/v1/transactions", init, transfer("status-page-refused", acct, accountOf("cn-power-1"), "CEA", held + 1));
        assertProblem(r, 422, "INSUFFICIENT_HOLDINGS");
        long id = count("SELECT id FROM registry_transaction WHERE command_id = 'status-page-refused'");
        String row = rowOf(pageIn("/accounts/" + acct, init, "en").body(), id);
        assertThat(row).contains("Refused by the registry", "INSUFFICIENT_HOLDINGS").doesNotContain("Declined");
        assertThat(rowOf(pageIn("/accounts/" + acct, init, "zh-CN").body(), id)).contains("被登记系统拒绝");
        assertThat(pageIn("/transactions/" + id, init, "en").body()).contains("Refused by the registry", "Transaction #" + id + "<");
    }

    @Test
    void a_forced_deduction_names_its_legal_basis_and_the_transaction_shows_it() {
        String acct = accountOf(ENTITY);
        // over the API the reason is the transaction's purpose, kept with it and in the journal
        HttpResponse<String> r = postJson("/api/v1/transactions", "admin-cn", """
                {"commandId":"fd-reason-1","type":"FORCED_DEDUCTION","from":"%s","unitType":"CEA","vintage":2024,"quantity":3,"purpose":"生态环境部 2026 年第 3 号处罚决定"}"""
                .formatted(acct));
        assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
        long id = json(r).path("id").asLong();
        assertThat(json(r).path("purpose").asString()).isEqualTo("生态环境部 2026 年第 3 号处罚决定");
        assertThat(pageIn("/transactions/" + id, "admin-cn", "en").body()).contains("<dt>Reason</dt>", "生态环境部 2026 年第 3 号处罚决定");
        assertThat(pageIn("/transactions/" + id, "admin-cn", "zh-CN").body()).contains("<dt>原因</dt>");
        // only a retirement names a beneficiary
        assertProblem(postJson("/api/v1/transactions", "admin-cn", """
                {"commandId":"fd-reason-2","type":"FORCED_DEDUCTION","from":"%s","unitType":"CEA","vintage":2024,"quantity":3,"beneficiary":"x","purpose":"y"}"""
                .formatted(acct)), 422, "INVALID_REQUEST");
        // the second administrator's inbox names it as a reason, not a retirement's purpose
        assertThat(pageIn("/approvals", "admin2-cn", "en").body()).contains("Reason: 生态环境部 2026 年第 3 号处罚决定");
        assertThat(pageIn("/approvals", "admin2-cn", "zh-CN").body()).contains("原因：生态环境部 2026 年第 3 号处罚决定")
                .doesNotContain("原因: ");
        HttpResponse<String> declined = postJson("/api/v1/transactions/" + id + "/decline", "admin2-cn", "{\"reason\":\"test only\"}");
        assertThat(declined.statusCode()).as(declined.body()).isEqualTo(200);

        // in the page, the form asks for it and refuses a forced deduction without one
        Session s = session("admin-cn");
        assertThat(pageIn("/accounts/" + acct, "admin-cn", "en").body()).contains("id=\"op-FORCED_DEDUCTION-reason\"");
        long before = transactions();
        HttpResponse<String> post = send(request("/accounts/" + acct + "/operation", null).header("Cookie", s.cookie() + "; openets-lang=zh-CN")
                .header("Content-Type", "application/x-www-form-urlencoded").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "type=FORCED_DEDUCTION&series=CEA%2F2024&quantity=1&reason=&_csrf=" + java.net.URLEncoder.encode(s.csrf(), java.nio.charset.StandardCharsets.UTF_8))).build());
        assertThat(post.statusCode()).isEqualTo(302);
        String back = send(request(post.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", ""), null)
                .header("Cookie", s.cookie() + "; openets-lang=zh-CN").GET().build()).body();
        assertThat(back).contains("强制扣减须注明原因或法律依据。");
        assertThat(transactions()).isEqualTo(before);
    }

    static String rowOf(String page, long id) {
        String from = page.substring(page.indexOf("data-transaction-id=\"" + id + "\""));
        return from.substring(0, from.indexOf("</tr>"));
    }
}
