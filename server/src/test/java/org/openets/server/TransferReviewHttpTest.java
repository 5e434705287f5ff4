package org.openets.server;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The transfer's review step runs the registry's own checks on the current state, in the registry's order, writing nothing
 * (no transaction, no refusal): a transfer that would be rejected — off the trusted list where the account type refuses it,
 * more than the holding, more than what is not pledged — is said with what to do, and the page offers no confirm button;
 * one that passes says whether it needs approval and, delayed, from when it would be carried out (as the registry then
 * sets it). Accounts, people, units and pledge of its own, made through the API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the last one moves A's units
class TransferReviewHttpTest extends ServerTestBase {
    static final String INIT = "xfer-review-init", APPR = "xfer-review-appr";
    static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    /** A: a covered entity's account holding 10,000 t CEA/2024, 1,000 of them pledged to C, with B active on its trusted list. */
    String a, b, c;
    /** T: a trading account holding 1,000 t CEA/2024, with nothing on its trusted list. */
    String t;

    @BeforeAll
    void setUp() {
        for (String login : new String[]{INIT, APPR}) {
            HttpResponse<String> r = postJson("/api/v1/people", "admin-cn", """
                    {"login":"%s","displayName":"%s","password":"%s","passwordAgain":"%s"}""".formatted(login, "转让核对 " + login, PASSWORD, PASSWORD));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            choosesOwnPassword(login, PASSWORD);
        }
        a = open(coveredEntity("转让核对甲发电有限公司"), true);
        b = open(coveredEntity("转让核对乙钢铁有限公司"), false);
        c = open(coveredEntity("转让核对丙水泥有限公司"), false);
        t = open(tradingAccount("CN", "转让核对丁贸易有限公司"), true);
        allocate("xfer-review-alloc-a", "ALLOCATION", a, 10_000);
        // a trading account receives allowances bought at auction, not free allocation: into the auction account, then out to T
        HttpResponse<String> toAuction = postJson("/api/v1/transactions", "admin-cn", """
                {"commandId":"xfer-review-to-auction","type":"TRANSFER","from":"%s","to":"%s","unitType":"CEA","vintage":2024,"quantity":1000}"""
                .formatted(governmentAccount("CN", "ALLOCATION"), governmentAccount("CN", "AUCTION")));
        assertThat(toAuction.statusCode()).as(toAuction.body()).isEqualTo(201);
        if (json(toAuction).path("status").asString().equals("AWAITING_APPROVAL")) approved(json(toAuction).path("id").asLong(), "admin2-cn", "COMPLETED");
        allocate("xfer-review-alloc-t", "AUCTION", t, 1_000);

        // 1,000 of A's pledged to C: an administrator's FREEZE, approved by a second administrator
        HttpResponse<String> frozen = postJson("/api/v1/transactions", "admin-cn", """
                {"commandId":"xfer-review-freeze","type":"FREEZE","from":"%s","pledgee":"%s","unitType":"CEA","vintage":2024,"quantity":1000}""".formatted(a, c));
        assertThat(frozen.statusCode()).as(frozen.body()).isEqualTo(201);
        approved(json(frozen).path("id").asLong(), "admin2-cn", "COMPLETED");

        // B on A's trusted list (4-eyes: proposed and approved), its activation delay passed
        assertThat(postJson("/api/v1/accounts/" + a + "/trusted", INIT, "{\"account\":\"" + b + "\"}").statusCode()).isEqualTo(202);
        HttpResponse<String> trusted = post("/api/v1/accounts/" + a + "/trusted/" + b + "/approve", APPR);
        assertThat(trusted.statusCode()).as(trusted.body()).isEqualTo(200);
        update("UPDATE trusted_account SET activates_at = now() - interval '1 minute' WHERE account_id = (SELECT id FROM account WHERE number = ?) "
                + "AND trusted_account_id = (SELECT id FROM account WHERE number = ?)", a, b);
        assertThat(held(a, "CEA/2024")).isEqualTo(10_000);
        assertThat(count("SELECT frozen FROM holding h JOIN account x ON x.id = h.account_id WHERE x.number = ?", a)).isEqualTo(1_000);
    }

    static String coveredEntity(String holder) {
        return """
                {"jurisdiction":"CN","type":"COVERED_ENTITY_HOLDING","holder":"%s","entityCode":"%s"}""".formatted(holder, uscc());
    }

    /** Opens an account as admin-cn; {@code represented}: with INIT as its initiator and APPR as its approver. */
    String open(String json, boolean represented) {
        HttpResponse<String> opened = postJson("/api/v1/accounts", "admin-cn", json);
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        String number = json(opened).path("number").asString();
        if (represented) for (String[] g : new String[][]{{INIT, "INITIATOR"}, {APPR, "APPROVER"}}) {
            HttpResponse<String> r = postJson("/api/v1/accounts/" + number + "/representatives", "admin-cn", "{\"login\":\"" + g[0] + "\",\"role\":\"" + g[1] + "\"}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        }
        return number;
    }

    void allocate(String commandId, String fromType, String to, long quantity) {
        HttpResponse<String> proposed = postJson("/api/v1/transactions", "admin-cn", """
                {"commandId":"%s","type":"ALLOCATE","from":"%s","to":"%s","unitType":"CEA","vintage":2024,"quantity":%d}"""
                .formatted(commandId, governmentAccount("CN", fromType), to, quantity));
        assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(201);
        approved(json(proposed).path("id").asLong(), "admin2-cn", "COMPLETED");
    }

    void approved(long id, String by, String status) {
        HttpResponse<String> r = post("/api/v1/transactions/" + id + "/approve", by);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(text("SELECT status FROM registry_transaction WHERE id = ?", id)).isEqualTo(status);
    }


    /** What a review may not write: transactions (of these accounts and all), refusals (of the person and all). */
    long[] written() {
        return new long[]{count("SELECT count(*) FROM registry_transaction x JOIN account f ON f.id = x.from_account WHERE f.number IN (?, ?)", a, t),
                transactions(), refusals(), count("SELECT count(*) FROM refusal WHERE actor = ?", INIT)};
    }

    /** The review of a transfer from {@code from}, checked to have written nothing; its page. */
    String review(Session s, String lang, String from, String to, String quantity) {
        long[] before = written();
        HttpResponse<String> r = post(s, lang, "/accounts/" + from + "/transfer", "commandId", "xfer-review-" + java.util.UUID.randomUUID(),
                "to", to, "series", "CEA/2024", "quantity", quantity);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("id=\"transfer-review\"", "id=\"transfer-edit\"");
        assertThat(written()).as("a review writes nothing").containsExactly(before);
        return r.body();
    }

    static String outcome(String page) { return ConfirmationPagesHttpTest.between(page, "id=\"transfer-review-outcome\"", "</div>"); }

    @Test
    @Order(1)
    void a_transfer_to_an_account_off_the_list_of_a_covered_entity_is_said_refused_with_nothing_written() {
        Session s = session(INIT);
        String page = review(s, "zh-CN", a, c, "100");
        String said = outcome(page);
        assertThat(said).contains("data-code=\"ACCOUNT_NOT_ON_TRUSTED_LIST\"", "这笔转让提出后会被登记系统拒绝",
                "账户 " + c + " 不在账户 " + a + " 的可信账户名单中", "把该账户加入可信账户名单");
        assertThat(page).doesNotContain("id=\"transfer-confirm\"").doesNotContain("name=\"step\" value=\"confirm\"");
        assertThat(page).contains("id=\"review-advice\"", "并非保证");
        String en = outcome(review(s, "en", a, c, "100"));
        assertThat(en).contains("data-code=\"ACCOUNT_NOT_ON_TRUSTED_LIST\"", "account " + c + " is not on the trusted list of " + a, "add the account to the list");
    }

    @Test
    @Order(1)
    void more_than_the_holding_is_said_insufficient_before_the_trusted_list_with_what_may_move() {
        Session s = session(INIT);
        // too many and off the list: the holdings come first in the registry's order
        for (String to : new String[]{b, c}) {
            String page = review(s, "zh-CN", a, to, "10,001");
            assertThat(outcome(page)).contains("data-code=\"INSUFFICIENT_HOLDINGS\"", "账户 " + a + " 持有 CEA/2024 10,000 吨，需要 10,001 吨",
                    "可转让 9,000 吨（另有 1,000 吨已质押）：请把数量改为不超过 9,000 吨");
            assertThat(page).doesNotContain("id=\"transfer-confirm\"");
            assertThat(ConfirmationPagesHttpTest.between(page, "id=\"review-transferable\"", "</dd>")).contains("9,000（另有 1,000 吨已质押）");
        }
    }

    @Test
    @Order(1)
    void enough_held_but_some_pledged_is_said_frozen_with_the_transferable_amount() {
        Session s = session(INIT);
        String zh = outcome(review(s, "zh-CN", a, b, "9,500"));
        assertThat(zh).contains("data-code=\"HOLDINGS_FROZEN\"", "账户 " + a + " 持有量足够，但其中 1,000 吨已被冻结（质押），可转出 9,000 吨。",
                "可转让 9,000 吨（另有 1,000 吨已质押）", "先解除质押");
        String en = review(s, "en", a, b, "9500");
        assertThat(outcome(en)).contains("data-code=\"HOLDINGS_FROZEN\"", "1,000 t are frozen (pledged): 9,000 t are free to move",
                "Transferable 9,000 t (besides 1,000 t pledged)");
        assertThat(en).doesNotContain("id=\"transfer-confirm\"");

        // the account's page says what may move, next to what is frozen
        String account = send(request("/accounts/" + a, null).header("Cookie", s.cookie() + "; openets-lang=zh-CN").GET().build()).body();
        String holdings = ConfirmationPagesHttpTest.between(account, "id=\"holdings\"", "</table>");
        assertThat(holdings).contains("冻结（吨）", "可用（吨）", "data-available=\"9000\"", ">9,000<", ">10,000<", ">1,000<");
        assertThat(ConfirmationPagesHttpTest.between(send(request("/accounts/" + a, null).header("Cookie", s.cookie() + "; openets-lang=en").GET().build()).body(),
                "id=\"holdings\"", "</table>")).contains("Available (t)");
    }

    @Test
    @Order(1)
    void a_trading_accounts_transfer_off_its_list_says_from_when_it_would_be_carried_out_as_the_registry_then_sets_it() {
        long hours = count("SELECT untrusted_delay_hours FROM control_setting WHERE jurisdiction = 'CN' AND account_type = 'TRADING_HOLDING'");
        long window = count("SELECT approval_expiry_hours FROM control_setting WHERE jurisdiction = 'CN' AND account_type = 'TRADING_HOLDING'");
        assertThat(text("SELECT untrusted_policy FROM control_setting WHERE jurisdiction = 'CN' AND account_type = 'TRADING_HOLDING'")).isEqualTo("DELAY");
        assertThat(hours).isPositive();
        Session s = session(INIT);
        String page = review(s, "zh-CN", t, b, "10");
        String said = outcome(page);
        assertThat(said).contains("data-code=\"PASSES\"", "核对通过", "须由本账户另一位具有复核权限的人员在 " + window + " 小时内批准",
                "转入账户不在本账户的可信账户名单中", "data-delay-hours=\"" + hours + "\"", "批准后还须经过 " + hours + " 个工作小时的转让延迟期才执行，延迟期自批准时起算",
                "预计最早执行时间", "（北京时间），即现在即获批准时");
        String shown = ConfirmationPagesHttpTest.between(said, "data-executes-at=\"", "\"");
        shown = shown.substring("data-executes-at=\"".length(), shown.length() - 1);
        Instant predicted = LocalDateTime.parse(shown, MINUTE).atZone(BEIJING).toInstant();
        assertThat(predicted).isAfter(Instant.now());

        // confirmed and approved at once: the registry gives it the time the review said (to the minute it showed)
        String id = ConfirmationPagesHttpTest.commandId(ConfirmationPagesHttpTest.between(page, "id=\"transfer-confirm-form\"", "</form>"));
        HttpResponse<String> confirmed = post(s, "zh-CN", "/accounts/" + t + "/transfer", "step", "confirm", "commandId", id, "to", b, "series", "CEA/2024", "quantity", "10");
        assertThat(confirmed.body()).contains("data-code=\"PROPOSED\"");
        long tx = count("SELECT id FROM registry_transaction WHERE command_id = ?", id);
        approved(tx, APPR, "DELAYED");
        Instant executesAt = Instant.ofEpochSecond(count("SELECT extract(epoch FROM executes_at)::bigint FROM registry_transaction WHERE id = ?", tx));
        // the review was made a moment before the approval: the same minute, or the next where a minute turned in between
        assertThat(Duration.between(predicted, executesAt.truncatedTo(ChronoUnit.MINUTES))).isBetween(Duration.ZERO, Duration.ofMinutes(2));
        HttpResponse<String> cancelled = post("/api/v1/transactions/" + tx + "/cancel", INIT);
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void a_transfer_that_passes_says_its_route_and_confirming_it_still_proposes_it() {
        Session s = session(INIT);
        long window = count("SELECT approval_expiry_hours FROM control_setting WHERE jurisdiction = 'CN' AND account_type = 'COVERED_ENTITY_HOLDING'");
        assertThat(count("SELECT trusted_delay_hours FROM control_setting WHERE jurisdiction = 'CN' AND account_type = 'COVERED_ENTITY_HOLDING'")).isZero();
        String page = review(s, "zh-CN", a, b, "9,000");
        String said = outcome(page);
        assertThat(said).contains("data-code=\"PASSES\"", "在 " + window + " 小时内批准", "转入账户在本账户的可信账户名单中。", "批准后立即执行。")
                .doesNotContain("预计最早执行时间");
        assertThat(ConfirmationPagesHttpTest.between(page, "id=\"review-transferable\"", "</dd>")).contains("9,000（另有 1,000 吨已质押）");
        String en = outcome(review(s, "en", a, b, "9000"));
        assertThat(en).contains("data-code=\"PASSES\"", "The checks pass", "within " + window + " hours", "It is carried out as soon as it is approved.");

        String id = ConfirmationPagesHttpTest.commandId(ConfirmationPagesHttpTest.between(page, "id=\"transfer-confirm-form\"", "</form>"));
        long before = transactions();
        HttpResponse<String> confirmed = post(s, "zh-CN", "/accounts/" + a + "/transfer", "step", "confirm", "commandId", id, "to", b, "series", "CEA/2024", "quantity", "9000");
        assertThat(confirmed.body()).contains("data-code=\"PROPOSED\"");
        assertThat(transactions()).isEqualTo(before + 1);
        long tx = count("SELECT id FROM registry_transaction WHERE command_id = ?", id);
        approved(tx, APPR, "COMPLETED");
        assertThat(held(b, "CEA/2024")).isEqualTo(9_000);
        assertThat(held(a, "CEA/2024")).isEqualTo(1_000);
        // what is left is all pledged: the review now says so, with nothing transferable
        assertThat(outcome(review(s, "zh-CN", a, b, "1"))).contains("data-code=\"HOLDINGS_FROZEN\"", "可转让 0 吨（另有 1,000 吨已质押）");
    }
}
