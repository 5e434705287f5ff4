package org.openets.server;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Steps that cannot be undone are confirmed in the pages (no script: a second page or a required tick, checked by the
 * server too): a transfer is shown for confirmation before it is proposed, under one command id across both steps;
 * surrender and forced deduction need their tick; approving a transaction its parties cannot undo needs the approver's
 * tick (the API does not); a status change needs a tick and the page says it takes effect at once; the trusted list
 * says what happens to a transfer off the list for the account's type.
 */
class ConfirmationPagesHttpTest extends ServerTestBase {
    static final String FROM = "cn-power-1", TO = "cn-alu-1";
    static final Pattern COMMAND_ID = Pattern.compile("name=\"commandId\" value=\"([^\"]+)\"");

    HttpResponse<String> pageIn(Session s, String path, String lang) {
        return send(request(path, null).header("Cookie", s.cookie() + "; openets-lang=" + lang).GET().build());
    }


    static String commandId(String page) {
        Matcher m = COMMAND_ID.matcher(page);
        assertThat(m.find()).as("a commandId field").isTrue();
        return m.group(1);
    }

    @Test
    void a_transfer_is_shown_for_confirmation_and_proposed_once_only_when_confirmed() {
        String from = accountOf(FROM), to = accountOf(TO);
        Session s = session(FROM + "-init");
        long before = transactions();

        // the form's first step: what will happen, nothing proposed
        String form = pageIn(s, "/accounts/" + from, "en").body();
        String id = commandId(form.substring(form.indexOf("id=\"transfer-form\"")));
        HttpResponse<String> review = post(s, "en", "/accounts/" + from + "/transfer", "commandId", id, "to", to.toLowerCase(), "series", "CEA/2024", "quantity", "1,234");
        assertThat(review.statusCode()).as(review.body()).isEqualTo(200);
        String page = review.body();
        assertThat(page).contains("id=\"transfer-review\"", "id=\"transfer-confirm\"", "id=\"transfer-edit\"", "Nothing has been proposed yet");
        assertThat(between(page, "id=\"review-from\"", "</span>")).contains(from);
        assertThat(between(page, "id=\"review-to\"", "</span>")).contains(to);
        assertThat(between(page, "id=\"review-to-holder\"", "</span>")).contains("山东黄河电解铝有限公司");
        assertThat(between(page, "id=\"review-unit-type\"", "</dd>")).contains("CEA");
        assertThat(between(page, "id=\"review-vintage\"", "</dd>")).contains("2024");
        assertThat(between(page, "id=\"review-quantity\"", "</dd>")).contains("1,234");
        // the confirm button sends the same values under the same command id, with the session's CSRF token
        String confirmForm = between(page, "id=\"transfer-confirm-form\"", "</form>");
        assertThat(confirmForm).contains("name=\"_csrf\"", "name=\"step\" value=\"confirm\"", "name=\"commandId\" value=\"" + id + "\"",
                "name=\"to\" value=\"" + to + "\"", "name=\"series\" value=\"CEA/2024\"", "name=\"quantity\" value=\"1234\"");
        assertThat(transactions()).isEqualTo(before);
        assertThat(count("SELECT count(*) FROM registry_transaction WHERE command_id = ?", id)).isZero();

        // in Chinese too
        HttpResponse<String> zh = post(s, "zh-CN", "/accounts/" + from + "/transfer", "commandId", id, "to", to, "series", "CEA/2024", "quantity", "1234");
        assertThat(zh.body()).contains("核对转让", "尚未提出任何交易", "确认并提出转让", "返回修改");
        assertThat(transactions()).isEqualTo(before);

        // the confirmation's address opened again (its language switch): back to the account, nothing proposed
        HttpResponse<String> reopened = send(request("/accounts/" + from + "/transfer?lang=zh_CN", null).header("Cookie", s.cookie()).GET().build());
        assertThat(reopened.statusCode()).isEqualTo(302);
        assertThat(reopened.headers().firstValue("Location").orElse("")).endsWith("/accounts/" + from);

        // back to edit: the form again, filled in, nothing proposed
        HttpResponse<String> edit = post(s, "en", "/accounts/" + from + "/transfer", "step", "edit", "to", to, "series", "CEA/2024", "quantity", "1234");
        String transferForm = between(edit.body(), "id=\"transfer-form\"", "</form>");
        assertThat(transferForm).contains("value=\"" + to + "\"", "value=\"1234\"");
        assertThat(transactions()).isEqualTo(before);

        // confirmed: proposed; a second press (the same command id) is the same transaction
        HttpResponse<String> confirmed = post(s, "en", "/accounts/" + from + "/transfer", "step", "confirm", "commandId", id, "to", to, "series", "CEA/2024", "quantity", "1234");
        assertThat(confirmed.body()).contains("data-code=\"PROPOSED\"");
        assertThat(transactions()).isEqualTo(before + 1);
        HttpResponse<String> again = post(s, "en", "/accounts/" + from + "/transfer", "step", "confirm", "commandId", id, "to", to, "series", "CEA/2024", "quantity", "1234");
        assertThat(again.body()).contains("data-code=\"PROPOSED\"");
        assertThat(transactions()).isEqualTo(before + 1);
        long tx = count("SELECT id FROM registry_transaction WHERE command_id = ?", id);
        assertThat(text("SELECT type || ':' || status || ':' || quantity FROM registry_transaction WHERE id = ?", tx)).isEqualTo("TRANSFER:AWAITING_APPROVAL:1234");
        HttpResponse<String> declined = postJson("/api/v1/transactions/" + tx + "/decline", FROM + "-appr", "{\"reason\":\"confirmation page test\"}");
        assertThat(declined.statusCode()).as(declined.body()).isEqualTo(200);
    }

    @Test
    void an_unknown_destination_is_said_on_the_form_step_with_the_form_kept() {
        String from = accountOf(FROM);
        Session s = session(FROM + "-init");
        long before = transactions();
        HttpResponse<String> r = post(s, "zh-CN", "/accounts/" + from + "/transfer", "commandId", "ui-confirm-unknown", "to", "CN-120-999998", "series", "CEA/2024", "quantity", "5");
        assertThat(r.body()).contains("data-code=\"UNKNOWN_ACCOUNT\"", "没有账户 CN-120-999998（转入账户）。").doesNotContain("id=\"transfer-review\"");
        assertThat(between(r.body(), "id=\"transfer-form\"", "</form>")).contains("value=\"CN-120-999998\"", "value=\"5\"");
        // a quantity that could be misread, too, before any confirmation
        r = post(s, "en", "/accounts/" + from + "/transfer", "commandId", "ui-confirm-bad-q", "to", accountOf(TO), "series", "CEA/2024", "quantity", "1.5");
        assertThat(r.body()).contains("data-code=\"INVALID_QUANTITY\"").doesNotContain("id=\"transfer-review\"");
        assertThat(transactions()).isEqualTo(before);
    }

    @Test
    void a_natural_persons_trading_account_is_shown_without_the_persons_name_or_id() {
        String ric = ric();
        HttpResponse<String> opened = postJson("/api/v1/accounts", "admin-cn", """
                {"jurisdiction":"CN","type":"TRADING_HOLDING","holder":"确认测试张三","holderKind":"PERSON","entityCode":"%s"}""".formatted(ric));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        String person = json(opened).path("number").asString();
        String from = accountOf(FROM);
        Session s = session(FROM + "-init");
        long before = transactions();
        HttpResponse<String> review = post(s, "zh-CN", "/accounts/" + from + "/transfer", "commandId", "ui-confirm-person", "to", person, "series", "CEA/2024", "quantity", "1");
        assertThat(review.statusCode()).as(review.body()).isEqualTo(200);
        assertThat(review.body()).contains("id=\"review-to-holder-withheld\"", "自然人交易账户", person).doesNotContain("确认测试张三").doesNotContain(ric)
                .doesNotContain("id=\"review-to-holder\"");
        // as the public list shows it: no holder
        assertThat(get("/public/accounts.csv", null).body()).doesNotContain("确认测试张三");
        // an organisation's trading account: its name, as the public list publishes it
        HttpResponse<String> org = postJson("/api/v1/accounts", "admin-cn", tradingAccount("CN", "确认测试贸易公司"));
        String company = json(org).path("number").asString();
        review = post(s, "en", "/accounts/" + from + "/transfer", "commandId", "ui-confirm-org", "to", company, "series", "CEA/2024", "quantity", "1");
        assertThat(between(review.body(), "id=\"review-to-holder\"", "</span>")).contains("确认测试贸易公司");
        assertThat(transactions()).isEqualTo(before);
    }

    @Test
    void surrender_and_forced_deduction_need_their_tick_and_keep_the_form() {
        String acct = accountOf(FROM);
        Session s = session(FROM + "-init");
        long before = transactions();
        HttpResponse<String> r = post(s, "en", "/accounts/" + acct + "/surrender", "commandId", "ui-confirm-surrender", "series", "CEA/2024", "quantity", "3");
        assertThat(r.body()).contains("data-code=\"VALIDATION_FAILED\"", "cannot be taken back");
        assertThat(between(r.body(), "id=\"surrender-form\"", "</form>")).contains("id=\"surrender-confirm\"", "value=\"3\"");
        assertThat(pageIn(s, "/accounts/" + acct, "zh-CN").body()).contains("我已核对：清缴的配额计入履约，提交并经批准后不能取回。");
        assertThat(transactions()).isEqualTo(before);

        Session admin = session("admin-cn");
        r = post(admin, "zh-CN", "/accounts/" + acct + "/operation", "commandId", "ui-confirm-deduct", "type", "FORCED_DEDUCTION", "series", "CEA/2024",
                "quantity", "2", "reason", "确认页测试 第 1 号");
        assertThat(r.body()).contains("data-code=\"VALIDATION_FAILED\"", "请勾选确认：强制扣除的配额转入清缴账户，不予退回。");
        assertThat(between(r.body(), "id=\"op-FORCED_DEDUCTION-form\"", "</form>")).contains("id=\"op-FORCED_DEDUCTION-confirm\"", "value=\"2\"", "确认页测试 第 1 号");
        assertThat(transactions()).isEqualTo(before);

        // ticked: proposed (and declined again, to leave the inboxes as they were)
        r = post(s, "en", "/accounts/" + acct + "/surrender", "commandId", "ui-confirm-surrender", "series", "CEA/2024", "quantity", "3", "confirm", "true");
        assertThat(r.body()).contains("data-code=\"PROPOSED\"");
        r = post(admin, "en", "/accounts/" + acct + "/operation", "commandId", "ui-confirm-deduct", "type", "FORCED_DEDUCTION", "series", "CEA/2024",
                "quantity", "2", "reason", "page test", "confirm", "true");
        assertThat(r.body()).contains("data-code=\"PROPOSED\"");
        assertThat(transactions()).isEqualTo(before + 2);
        for (String id : new String[]{"ui-confirm-surrender", "ui-confirm-deduct"}) {
            long tx = count("SELECT id FROM registry_transaction WHERE command_id = ?", id);
            String approver = id.endsWith("deduct") ? "admin2-cn" : FROM + "-appr";
            assertThat(postJson("/api/v1/transactions/" + tx + "/decline", approver, "{\"reason\":\"page test\"}").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void approving_what_its_parties_cannot_undo_needs_the_approvers_tick_in_the_pages_not_in_the_api() {
        String from = accountOf(FROM), to = accountOf(TO);
        HttpResponse<String> proposed = postJson("/api/v1/transactions", FROM + "-init", transfer("confirm-approve-1", from, to, "CEA", 2));
        assertThat(proposed.statusCode()).as(proposed.body()).isIn(200, 201);
        long id = json(proposed).path("id").asLong();
        Session appr = session(FROM + "-appr");

        // the inbox and the transaction's page ask for the tick
        String inbox = pageIn(appr, "/approvals", "zh-CN").body();
        String row = between(inbox, "data-transaction-id=\"" + id + "\"", "</tr>");
        assertThat(row).contains("class=\"confirm-final\"", "name=\"confirmFinal\"", "required", "我已核对：批准后本笔转让将执行，交易各方不能撤回。");
        assertThat(pageIn(appr, "/transactions/" + id, "en").body()).contains("id=\"confirm-final\"", "its parties cannot undo it");

        // without it: refused, still waiting
        HttpResponse<String> r = post(appr, "en", "/transactions/" + id + "/approve", "back", "approvals");
        assertThat(r.body()).contains("data-code=\"VALIDATION_FAILED\"", "once approved, its parties cannot undo it");
        assertThat(text("SELECT status FROM registry_transaction WHERE id = ?", id)).isEqualTo("AWAITING_APPROVAL");
        r = post(appr, "zh-CN", "/transactions/" + id + "/approve");
        assertThat(r.body()).contains("请勾选确认已核对：批准后本笔交易将执行，交易各方不能撤回。");
        assertThat(text("SELECT status FROM registry_transaction WHERE id = ?", id)).isEqualTo("AWAITING_APPROVAL");
        // with it: approved
        r = post(appr, "en", "/transactions/" + id + "/approve", "back", "approvals", "confirmFinal", "true");
        assertThat(r.body()).contains("data-code=\"APPROVED\"");
        assertThat(text("SELECT status FROM registry_transaction WHERE id = ?", id)).isNotEqualTo("AWAITING_APPROVAL");

        // the API approves as before, without any tick
        HttpResponse<String> second = postJson("/api/v1/transactions", TO + "-init", transfer("confirm-approve-2", to, from, "CEA", 2));
        assertThat(second.statusCode()).as(second.body()).isIn(200, 201);
        HttpResponse<String> api = post("/api/v1/transactions/" + json(second).path("id").asLong() + "/approve", TO + "-appr");
        assertThat(api.statusCode()).as(api.body()).isEqualTo(200);
    }

    @Test
    void approving_a_reversal_needs_the_second_administrators_tick_too_it_takes_units_out_of_a_holders_account() {
        String from = accountOf(FROM), to = accountOf(TO);
        HttpResponse<String> proposed = postJson("/api/v1/transactions", FROM + "-init", transfer("confirm-reversal-1", from, to, "CEA", 3));
        assertThat(proposed.statusCode()).as(proposed.body()).isIn(200, 201);
        long transfer = json(proposed).path("id").asLong();
        HttpResponse<String> approved = post("/api/v1/transactions/" + transfer + "/approve", FROM + "-appr");
        assertThat(json(approved).path("status").asString()).as(approved.body()).isEqualTo("COMPLETED");
        HttpResponse<String> reversal = postJson("/api/v1/transactions", "admin-cn",
                "{\"commandId\":\"confirm-reversal-2\",\"type\":\"REVERSAL\",\"reverses\":" + transfer + ",\"purpose\":\"page test\"}");
        assertThat(reversal.statusCode()).as(reversal.body()).isEqualTo(201);
        long id = json(reversal).path("id").asLong();
        Session admin2 = session("admin2-cn");

        String row = between(pageIn(admin2, "/approvals", "zh-CN").body(), "data-transaction-id=\"" + id + "\"", "</tr>");
        assertThat(row).contains("class=\"confirm-final\"", "required", "我已核对：批准后本笔冲正将执行，交易各方不能撤回。");
        assertThat(pageIn(admin2, "/transactions/" + id, "en").body()).contains("id=\"confirm-final\"", "this Reversal is carried out");
        // who proposed it, as a person is named: the display name with the login
        String name = text("SELECT display_name FROM platform_user WHERE login = 'admin-cn'");
        assertThat(pageIn(admin2, "/transactions/" + id, "zh-CN").body()).contains("id=\"tx-initiator\">" + name + "（admin-cn）</dd>");
        assertThat(row).contains(name + "（admin-cn）");

        // without the tick: refused, still waiting, the units where they are
        long held = held(to, "CEA/2024");
        HttpResponse<String> r = post(admin2, "en", "/transactions/" + id + "/approve", "back", "approvals");
        assertThat(r.body()).contains("data-code=\"VALIDATION_FAILED\"");
        assertThat(text("SELECT status FROM registry_transaction WHERE id = ?", id)).isEqualTo("AWAITING_APPROVAL");
        assertThat(held(to, "CEA/2024")).isEqualTo(held);
        // with it: the reversal completes and the units go back
        r = post(admin2, "en", "/transactions/" + id + "/approve", "back", "approvals", "confirmFinal", "true");
        assertThat(r.body()).contains("data-code=\"APPROVED\"");
        assertThat(text("SELECT status FROM registry_transaction WHERE id = ?", id)).isEqualTo("COMPLETED");
        assertThat(held(to, "CEA/2024")).isEqualTo(held - 3);
    }

    @Test
    void a_status_change_needs_a_tick_and_the_page_says_it_takes_effect_at_once() {
        HttpResponse<String> opened = postJson("/api/v1/accounts", "admin-cn", tradingAccount("CN", "状态确认测试"));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        String acct = json(opened).path("number").asString();
        Session admin = session("admin-cn");
        String zh = pageIn(admin, "/accounts/" + acct, "zh-CN").body();
        assertThat(between(zh, "id=\"status-form\"", "</form>")).contains("id=\"status-confirm\"", "提交即生效", "连同原因");
        String en = pageIn(admin, "/accounts/" + acct, "en").body();
        assertThat(between(en, "id=\"status-form\"", "</form>")).contains("takes effect at once, without a second person", "recorded in the status history with its reason");

        HttpResponse<String> r = post(admin, "en", "/accounts/" + acct + "/status", "status", "SUSPENDED", "reason", "page test");
        assertThat(r.body()).contains("data-code=\"VALIDATION_FAILED\"", "confirm the status change: it takes effect at once");
        assertThat(between(r.body(), "id=\"status-form\"", "</form>")).contains("value=\"page test\"");
        assertThat(text("SELECT status FROM account WHERE number = ?", acct)).isEqualTo("OPEN");
        r = post(admin, "en", "/accounts/" + acct + "/status", "status", "SUSPENDED", "reason", "page test", "confirm", "true");
        assertThat(r.body()).contains("data-code=\"STATUS_CHANGED\"");
        assertThat(text("SELECT status FROM account WHERE number = ?", acct)).isEqualTo("SUSPENDED");
    }

    @Test
    void the_trusted_list_says_what_its_account_type_does_with_a_transfer_off_the_list() {
        // a covered entity's account: refused
        Session entity = session(FROM + "-init");
        String covered = pageIn(entity, "/accounts/" + accountOf(FROM), "en").body();
        assertThat(between(covered, "id=\"trusted-note\"", "</p>")).contains("is refused").doesNotContain("waits");
        assertThat(between(covered, "id=\"trusted-remove-note\"", "</p>")).contains("is refused from then on");
        String coveredZh = pageIn(entity, "/accounts/" + accountOf(FROM), "zh-CN").body();
        assertThat(between(coveredZh, "id=\"trusted-note\"", "</p>")).contains("将被拒绝").doesNotContain("不受较长延迟限制");
        assertThat(between(coveredZh, "id=\"trusted-remove-note\"", "</p>")).contains("将被拒绝").doesNotContain("按非可信账户处理");

        // a trading account: delayed by the jurisdiction's business hours
        String trading = json(postJson("/api/v1/accounts", "admin-cn", tradingAccount("CN", "可信名单说明测试"))).path("number").asString();
        HttpResponse<String> trusted = postJson("/api/v1/accounts/" + trading + "/trusted", "admin-cn", "{\"account\":\"" + accountOf(TO) + "\"}");
        assertThat(trusted.statusCode()).as(trusted.body()).isEqualTo(202);
        // 4-eyes: the account's approver approves the addition (a representative granted for this test)
        assertThat(postJson("/api/v1/accounts/" + trading + "/representatives", "admin-cn", "{\"login\":\"cn-power-1-appr\",\"role\":\"APPROVER\"}").statusCode()).isEqualTo(201);
        HttpResponse<String> approved = post("/api/v1/accounts/" + trading + "/trusted/" + accountOf(TO) + "/approve", "cn-power-1-appr");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        Session admin = session("admin-cn");
        String en = pageIn(admin, "/accounts/" + trading, "en").body();
        assertThat(between(en, "id=\"trusted-note\"", "</p>")).contains("waits 24 business hours").doesNotContain("refused");
        assertThat(between(en, "id=\"trusted-remove-note\"", "</p>")).contains("waits 24 business hours from then on");
        String zh = pageIn(admin, "/accounts/" + trading, "zh-CN").body();
        assertThat(between(zh, "id=\"trusted-note\"", "</p>")).contains("延迟 24 个工作小时").doesNotContain("拒绝");
        assertThat(between(zh, "id=\"trusted-remove-note\"", "</p>")).contains("延迟 24 个工作小时");
    }

    static String between(String page, String start, String end) {
        int i = page.indexOf(start);
        assertThat(i).as("page has " + start).isGreaterThanOrEqualTo(0);
        int j = page.indexOf(end, i + start.length());
        return page.substring(i, j < 0 ? page.length() : j + end.length());
    }

    @Test
    void the_review_says_what_the_accounts_alone_refuse_and_a_used_command_id_is_not_reviewed_again() {
        // an administrator's transfer from a government account to a holder: refused at the review, nothing proposed
        Session admin = session("admin-cn");
        String total = governmentAccount("CN", "TOTAL_QUANTITY"), holder = accountOf(TO);
        long before = transactions();
        HttpResponse<String> refused = post(admin, "en", "/accounts/" + total + "/transfer", "commandId", "review-route-" + System.nanoTime(),
                "to", holder, "series", "CEA/2024", "quantity", "1");
        assertThat(refused.body()).contains("data-code=\"ROUTE_NOT_ALLOWED\"").doesNotContain("id=\"transfer-review\"");
        assertThat(post(admin, "zh-CN", "/accounts/" + total + "/transfer", "commandId", "review-route-" + System.nanoTime(),
                "to", holder, "series", "CEA/2024", "quantity", "1").body()).contains("data-code=\"ROUTE_NOT_ALLOWED\"", "管理员只能向 CN 的其他政府账户转让");
        assertThat(transactions()).isEqualTo(before);

        // a form sent again after its transfer was proposed (the back button): reviewed under a new command id, so that
        // confirming proposes what the review shows instead of being refused as the first transfer's id
        Session s = session(FROM + "-init");
        String from = accountOf(FROM), id = "review-used-" + System.nanoTime();
        post(s, "en", "/accounts/" + from + "/transfer", "step", "confirm", "commandId", id, "to", holder, "series", "CEA/2024", "quantity", "1");
        assertThat(count("SELECT count(*) FROM registry_transaction WHERE command_id = ?", id)).isEqualTo(1);
        HttpResponse<String> again = post(s, "en", "/accounts/" + from + "/transfer", "commandId", id, "to", holder, "series", "CEA/2024", "quantity", "5");
        assertThat(again.body()).contains("id=\"transfer-review\"");
        String confirmForm = between(again.body(), "id=\"transfer-confirm-form\"", "</form>");
        assertThat(commandId(confirmForm)).isNotEqualTo(id);
        assertThat(confirmForm).contains("name=\"quantity\" value=\"5\"");
        // the first transfer is this test's only: withdrawn if it waits for the approver
        long first = count("SELECT id FROM registry_transaction WHERE command_id = ?", id);
        if (text("SELECT status FROM registry_transaction WHERE id = ?", first).equals("AWAITING_APPROVAL"))
            assertThat(post("/api/v1/transactions/" + first + "/cancel", FROM + "-init").statusCode()).isEqualTo(200);
    }
}
