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
        assertThat(open).contains("id=\"transfer-form\"", "id=\"surrender-form\"", "id=\"retire-form\"").doesNotContain("id=\"status-limits\"");
        try {
            status(acct, "RESTRICTED");
            String restricted = pageIn("/accounts/" + acct, init, "en").body();
            assertThat(restricted).contains("id=\"surrender-form\"", "This account is restricted: it receives units and may surrender")
                    .doesNotContain("id=\"transfer-form\"", "id=\"retire-form\"", "id=\"op-FREEZE-form\"");
            assertThat(pageIn("/accounts/" + acct, init, "zh-CN").body()).contains("本账户已受限：可以接收配额和清缴");

            status(acct, "SUSPENDED");
            String suspended = pageIn("/accounts/" + acct, init, "en").body();
            assertThat(suspended).contains("This account is suspended")
                    .doesNotContain("id=\"transfer-form\"", "id=\"surrender-form\"", "id=\"retire-form\"");
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

    static String rowOf(String page, long id) {
        String from = page.substring(page.indexOf("data-transaction-id=\"" + id + "\""));
        return from.substring(0, from.indexOf("</tr>"));
    }
}
