package org.openets.server;

import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opening an account under a command id: the same id again (a second press of the button, a retry after a lost answer,
 * two at once) answers with the account it opened and opens nothing more; the same id with other details is 409.
 */
class AccountOpeningRetryHttpTest extends ServerTestBase {

    long accounts() { return count("SELECT count(*) FROM account"); }

    @Test
    void the_same_command_id_opens_one_account_and_with_other_details_is_refused() {
        long before = accounts();
        String body = """
                {"jurisdiction":"SZ","type":"TRADING_HOLDING","holder":"深圳重试测试投资有限公司","holderKind":"ORGANISATION","entityCode":"%s","commandId":"open-retry-1"}"""
                .formatted(uscc());
        HttpResponse<String> first = postJson("/api/v1/accounts", "admin-sz", body);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        String number = json(first).path("number").asString();
        HttpResponse<String> again = postJson("/api/v1/accounts", "admin-sz", body);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
        assertThat(json(again).path("number").asString()).isEqualTo(number);
        assertThat(accounts()).isEqualTo(before + 1);

        assertProblem(postJson("/api/v1/accounts", "admin-sz", body.replace("深圳重试测试投资有限公司", "另一家公司")), 409, "DUPLICATE_ID_DIFFERENT_BODY");
        assertProblem(postJson("/api/v1/accounts", "admin-sz", body.replace("open-retry-1", "bad id")), 400, "VALIDATION_FAILED");
        // a refusal for authority stays a refusal, whatever the id
        assertProblem(postJson("/api/v1/accounts", "admin-gd", body), 403, "NOT_AUTHORISED");
        assertThat(accounts()).isEqualTo(before + 1);
        // an id is its opener's own: another administrator using it opens their own account and learns nothing of the first
        HttpResponse<String> gd = postJson("/api/v1/accounts", "admin-gd", body.replace("\"SZ\"", "\"GD\""));
        assertThat(gd.statusCode()).as(gd.body()).isEqualTo(201);
        assertThat(json(gd).path("number").asString()).startsWith("GD-121-").isNotEqualTo(number);
        assertThat(gd.body()).doesNotContain(number);
        before++;
        // without an id every open is a new account, as before (of holders without one)
        assertThat(postJson("/api/v1/accounts", "admin-sz", tradingAccount("SZ", "深圳重试测试投资有限公司")).statusCode()).isEqualTo(201);
        assertThat(postJson("/api/v1/accounts", "admin-sz", tradingAccount("SZ", "深圳重试测试投资有限公司")).statusCode()).isEqualTo(201);
        assertThat(accounts()).isEqualTo(before + 3);
    }

    @Test
    void the_open_form_pressed_twice_opens_one_account() {
        Session s = session("admin-sz");
        HttpResponse<String> page = send(request("/accounts", null).header("Cookie", s.cookie()).GET().build());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"commandId\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(m.find()).as("the open form carries a command id").isTrue();
        String form = "commandId=" + m.group(1) + "&jurisdiction=SZ&type=TRADING_HOLDING&holder=" + URLEncoder.encode("深圳双击测试有限公司", StandardCharsets.UTF_8)
                + "&holderKind=PERSON&entityCode=" + ric() + "&_csrf=" + URLEncoder.encode(s.csrf(), StandardCharsets.UTF_8);
        long before = accounts();
        List<String> landed = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = send(request("/accounts", null).header("Cookie", s.cookie()).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build());
            assertThat(r.statusCode()).isEqualTo(302);
            landed.add(r.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", ""));
        }
        assertThat(accounts()).isEqualTo(before + 1);
        assertThat(landed.get(0)).startsWith("/accounts/SZ-121-").isEqualTo(landed.get(1));
        // a fresh page gives a fresh id
        HttpResponse<String> next = send(request("/accounts", null).header("Cookie", s.cookie()).GET().build());
        java.util.regex.Matcher n = java.util.regex.Pattern.compile("name=\"commandId\" value=\"([^\"]+)\"").matcher(next.body());
        assertThat(n.find()).isTrue();
        assertThat(n.group(1)).isNotEqualTo(m.group(1));
    }

    @Test
    void two_opens_under_one_id_at_once_get_the_same_account() throws Exception {
        String[] bodies = {
                // an account of which a holder may have several: the second insert meets the first's command id
                """
                {"jurisdiction":"SZ","type":"EXCHANGE_CLEARING","holder":"深圳并发重试交易所","commandId":"open-race-1"}""",
                // a trading account, one per holder: the second waits for the first on the holder's lock
                """
                {"jurisdiction":"SZ","type":"TRADING_HOLDING","holder":"深圳并发重试有限公司","holderKind":"ORGANISATION","entityCode":"%s","commandId":"open-race-3"}"""
                        .formatted(uscc()),
                // a covered entity: the second waits for the first on the entity's lock, then finds the account its id opened
                """
                {"jurisdiction":"SZ","type":"COVERED_ENTITY_HOLDING","holder":"深圳并发重试控排企业","entityCode":"%s","commandId":"open-race-2"}"""
                        .formatted(AccountAdministrationHttpTest.uscc("91440300MA5DRR0N1"))};
        for (String body : bodies) {
            long before = accounts();
            ExecutorService two = Executors.newFixedThreadPool(2);
            try (java.sql.Connection hold = dataSource.getConnection()) {
                // both openers look for the id and find nothing, then wait to insert until both are waiting
                hold.setAutoCommit(false);
                try (var st = hold.createStatement()) { st.execute("LOCK TABLE account IN SHARE MODE"); }
                List<Future<HttpResponse<String>>> answers = new ArrayList<>();
                // one person's double press: the same login twice
                for (int i = 0; i < 2; i++) answers.add(two.submit(() -> postJson("/api/v1/accounts", "admin-sz", body)));
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()") < 2) {
                    assertThat(System.nanoTime()).as("both openers waiting").isLessThan(deadline);
                    Thread.sleep(20);
                }
                hold.rollback();
                List<String> numbers = new ArrayList<>();
                for (var a : answers) {
                    HttpResponse<String> r = a.get();
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
                    numbers.add(json(r).path("number").asString());
                }
                assertThat(numbers.get(0)).isEqualTo(numbers.get(1));
                assertThat(accounts()).isEqualTo(before + 1);
            } finally {
                two.shutdownNow();
            }
        }
    }
}
