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
}
