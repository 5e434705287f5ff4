package org.openets.server;

import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a regulator's walkthrough of the pages found misleading or unreadable: a reversal shown as done while it awaits
 * approval; refusals' quantities without thousands separators and a bare transaction number; an allocation line with a
 * grouped quantity refused, and examples that name accounts that do not exist; bare rejection codes in a history; an
 * administrator told to trace only their own units; a proposer's own pending transactions missing from the inbox; an
 * unknown history filter answered in English on a Chinese page.
 */
class PageTextsHttpTest extends ServerTestBase {

    HttpResponse<String> postFormRaw(Session s, String lang, String path, String form) {
        return send(request(path, null).header("Cookie", s.cookie() + "; openets-lang=" + lang).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + URLEncoder.encode(s.csrf(), StandardCharsets.UTF_8))).build());
    }

    /** Posts a page's form and returns the page it leads back to. */
    HttpResponse<String> postForm(Session s, String lang, String path, String form) {
        HttpResponse<String> r = postFormRaw(s, lang, path, form);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        return pageIn(s, lang, r.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", ""));
    }

    HttpResponse<String> pageIn(Session s, String lang, String path) {
        return send(request(path, null).header("Cookie", s.cookie() + "; openets-lang=" + lang).GET().build());
    }

    static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

    static String flash(String page) {
        int at = page.indexOf("id=\"flash\"");
        assertThat(at).as(page).isPositive();
        String f = page.substring(at);
        return f.substring(0, f.indexOf("</div>"));
    }

    /** A completed allocation from the CN allocation account to a holder (proposed by admin-cn, approved by admin2-cn). */
    long completedAllocation(String commandId, String to) {
        String allocation = governmentAccount("CN", "ALLOCATION");
        HttpResponse<String> proposed = postJson("/api/v1/transactions", "admin-cn", """
                {"commandId":"%s","type":"ALLOCATE","from":"%s","to":"%s","unitType":"CEA","vintage":2024,"quantity":3}""".formatted(commandId, allocation, to));
        assertThat(proposed.statusCode()).as(proposed.body()).isLessThan(300);
        long id = json(proposed).path("id").asLong();
        HttpResponse<String> approved = post("/api/v1/transactions/" + id + "/approve", "admin2-cn");
        assertThat(approved.statusCode()).as(approved.body()).isLessThan(300);
        assertThat(text("SELECT status FROM registry_transaction WHERE id = ?", id)).isEqualTo("COMPLETED");
        return id;
    }

    @Test
    void a_reversal_is_shown_as_proposed_until_it_completes_and_not_at_all_once_declined() {
        long original = completedAllocation("texts-rev-1", accountOf("cn-power-1"));
        Session admin = session("admin-cn"), second = session("admin2-cn");

        HttpResponse<String> r = postForm(admin, "zh-CN", "/transactions/" + original + "/reverse", "commandId=texts-rev-1-r&reason=" + enc("wrong account") + "&confirm=true");
        long reversal = Long.parseLong(text("SELECT id::text FROM registry_transaction WHERE reverses = ? ORDER BY id DESC LIMIT 1", original));
        assertThat(flash(r.body())).contains("data-status=\"AWAITING_APPROVAL\"");
        String zh = pageIn(admin, "zh-CN", "/transactions/" + original).body();
        assertThat(zh).contains("冲正申请", "#" + reversal + "</a><span>（待复核）</span>").doesNotContain("已被冲正");
        String en = pageIn(admin, "en", "/transactions/" + original).body();
        assertThat(en).contains("<span>Reversal</span>", "#" + reversal + "</a><span> proposed (awaiting approval)</span>").doesNotContain("Reversed by");

        // declined: the original shows no reversal at all (and may be reversed again)
        postForm(second, "zh-CN", "/transactions/" + reversal + "/decline", "reason=" + enc("not needed"));
        assertThat(text("SELECT status FROM registry_transaction WHERE id = ?", reversal)).isEqualTo("REJECTED");
        zh = pageIn(admin, "zh-CN", "/transactions/" + original).body();
        assertThat(zh).doesNotContain("已被冲正").doesNotContain("冲正申请").doesNotContain("id=\"tx-reversed-by\"").contains("id=\"reverse-form\"");

        // proposed again and approved: now it is reversed
        postForm(admin, "zh-CN", "/transactions/" + original + "/reverse", "commandId=texts-rev-1-r2&reason=" + enc("wrong account") + "&confirm=true");
        long again = Long.parseLong(text("SELECT id::text FROM registry_transaction WHERE reverses = ? ORDER BY id DESC LIMIT 1", original));
        assertThat(again).isNotEqualTo(reversal);
        // a reversal takes units out of a holder's account: the approver ticks that they checked it
        postForm(second, "zh-CN", "/transactions/" + again + "/approve", "confirmFinal=true");
        assertThat(text("SELECT status FROM registry_transaction WHERE id = ?", again)).isEqualTo("COMPLETED");
        zh = pageIn(admin, "zh-CN", "/transactions/" + original).body();
        assertThat(zh).contains("已被冲正", ">#" + again + "</a>").doesNotContain("冲正申请").doesNotContain("待复核");
        en = pageIn(admin, "en", "/transactions/" + original).body();
        assertThat(en).contains("Reversed by").doesNotContain("proposed (awaiting approval)");
    }

    @Test
    void refusals_write_quantities_with_thousands_separators_and_name_the_transaction() {
        Session admin = session("admin-cn");
        // the cap: a page in both languages, and the API's detail
        HttpResponse<String> zh = postForm(admin, "zh-CN", "/admin/issuance", "commandId=texts-cap-1&unitType=CEA&vintage=2024&quantity=" + enc("6,000,000,000"));
        String f = flash(zh.body());
        assertThat(f).contains("data-code=\"EXCEEDS_CAP\"").containsPattern("签发 6,000,000,000 吨将超过总量上限 [0-9]{1,3}(,[0-9]{3})+ 吨（已签发 [0-9]{1,3}(,[0-9]{3})* 吨")
                .containsPattern(">交易 #[0-9]+</a>").doesNotContain("6000000000");
        HttpResponse<String> en = postForm(admin, "en", "/admin/issuance", "commandId=texts-cap-2&unitType=CEA&vintage=2024&quantity=" + enc("6,000,000,000"));
        assertThat(flash(en.body())).contains("issuing 6,000,000,000 t would pass the cap of").containsPattern(">transaction #[0-9]+</a>");
        HttpResponse<String> api = postJson("/api/v1/transactions", "admin-cn", """
                {"commandId":"texts-cap-3","type":"ISSUE","unitType":"CEA","vintage":2024,"quantity":6000000000}""");
        assertProblem(api, 422, "EXCEEDS_CAP");
        assertThat(json(api).path("detail").asString()).startsWith("issuing 6,000,000,000 t would pass the cap of");

        // an allocation more than the allocation account holds: its line, with grouped digits (accepted as /admin/issuance accepts them)
        String allocation = governmentAccount("CN", "ALLOCATION"), to = accountOf("cn-power-1");
        long held = held(allocation, "CEA/2024");
        long want = held + 1_000_000;
        zh = postForm(admin, "zh-CN", "/admin/allocation", "from=" + allocation + "&series=CEA%2F2024&lines=" + enc(to + ", " + String.format("%,d", want)));
        assertThat(flash(zh.body())).contains("data-code=\"INSUFFICIENT_HOLDINGS\"",
                "持有 CEA/2024 " + String.format("%,d", held) + " 吨，需要 " + String.format("%,d", want) + " 吨");
        en = postForm(admin, "en", "/admin/allocation", "from=" + allocation + "&series=CEA%2F2024&lines=" + enc(to + "; " + String.format("%,d", want)));
        assertThat(flash(en.body())).contains("holds " + String.format("%,d", held) + " t of CEA/2024, needs " + String.format("%,d", want));
    }

    @Test
    void an_allocation_line_takes_a_grouped_quantity_and_the_examples_name_the_administrators_own_accounts() {
        Session admin = session("admin-cn");
        String allocation = governmentAccount("CN", "ALLOCATION"), to = accountOf("cn-power-1");
        long before = held(to, "CEA/2024"), transactions = transactions();
        HttpResponse<String> r = postForm(admin, "zh-CN", "/admin/allocation", "from=" + allocation + "&series=CEA%2F2024&lines=" + enc(to + ", 1,500"));
        assertThat(flash(r.body())).contains("data-code=\"BATCH_PROPOSED\"").doesNotContain("请填写账户号和数量");
        assertThat(transactions()).isEqualTo(transactions + 1);
        assertThat(text("SELECT quantity::text || ':' || status FROM registry_transaction ORDER BY id DESC LIMIT 1")).isEqualTo("1500:AWAITING_APPROVAL");
        assertThat(held(to, "CEA/2024")).isEqualTo(before);
        // a line with only an account still says what is missing
        r = postForm(admin, "zh-CN", "/admin/allocation", "from=" + allocation + "&series=CEA%2F2024&lines=" + enc(to + ","));
        assertThat(flash(r.body())).contains("第 1 行：请填写账户号和数量");
        // a third cell is not read as a grouped number (150, 200 is not 150,200; 12 345 is not 12,345): refused, nothing proposed
        for (String line : new String[]{to + ", 150, 200", to + " 12 345", to + ", 1,50"}) {
            r = postForm(admin, "zh-CN", "/admin/allocation", "from=" + allocation + "&series=CEA%2F2024&lines=" + enc(line));
            assertThat(flash(r.body())).as(line).contains("第 1 行：请填写账户号和数量");
        }
        assertThat(transactions()).isEqualTo(transactions + 1);

        String page = pageIn(admin, "zh-CN", "/admin/allocation").body();
        assertThat(page).doesNotContain("GD-120-001010").containsPattern("placeholder=\"CN-120-[0-9]{6}, 150,000\"")
                .containsPattern("例如 CN-120-[0-9]{6}, 150,000");
        java.util.regex.Matcher example = java.util.regex.Pattern.compile("placeholder=\"(CN-120-[0-9]{6}), 150,000\"").matcher(page);
        assertThat(example.find()).isTrue();
        assertThat(count("SELECT count(*) FROM account WHERE number = ? AND jurisdiction = 'CN'", example.group(1))).isEqualTo(1);
        // the account fields' placeholder is the shape of a number in the account's jurisdiction, not an account that does not exist
        Session entity = session("cn-power-1-init");
        String account = pageIn(entity, "zh-CN", "/accounts/" + to).body();
        assertThat(account).contains("账户号，格式为 CN-120-nnnnnn").doesNotContain("001005");
    }

    @Test
    void a_history_says_what_a_rejection_code_means_in_the_pages_language() {
        String acct = accountOf("cn-cement-1");
        String retirement = governmentAccount("CN", "RETIREMENT");
        HttpResponse<String> refused = postJson("/api/v1/transactions", "cn-cement-1-init", transfer("texts-route-1", acct, retirement, "CEA", 1));
        assertProblem(refused, 422, "ROUTE_NOT_ALLOWED");
        Session s = session("cn-cement-1-init");
        String zh = pageIn(s, "zh-CN", "/accounts/" + acct + "?status=REJECTED").body();
        assertThat(zh).contains(">ROUTE_NOT_ALLOWED</code>").contains("此类交易不能在这两类账户之间划转配额。");
        String en = pageIn(s, "en", "/accounts/" + acct + "?status=REJECTED").body();
        assertThat(en).contains(">ROUTE_NOT_ALLOWED</code>").doesNotContain("此类交易不能");
        String meaning = en.substring(en.indexOf(">ROUTE_NOT_ALLOWED</code>"));
        assertThat(meaning.substring(0, meaning.indexOf("</td>"))).containsPattern("rejection-text\">[A-Z][^<]{10,}</span>");
    }

    @Test
    void an_administrator_tracing_another_jurisdictions_serial_is_told_so() {
        String serial = "GD-GDEA-2024-000000000001";
        Session s = session("admin-cn");
        HttpResponse<String> zh = pageIn(s, "zh-CN", "/serials?serial=" + serial);
        assertThat(zh.body()).contains("NOT_AUTHORISED", serial + " 是 GD 签发的配额，您不是该辖区的管理员").doesNotContain("您只能追溯本人账户");
        String en = pageIn(s, "en", "/serials?serial=" + serial).body();
        assertThat(en).contains(serial + " is a unit of GD, a jurisdiction admin-cn does not administer").doesNotContain("hold or held");
        // a holder is still told the holder's rule
        assertThat(pageIn(session("cn-power-1-init"), "zh-CN", "/serials?serial=" + serial).body()).contains("您只能追溯本人账户");
    }

    @Test
    void the_inbox_lists_the_persons_own_pending_transactions_with_a_link_and_cancel() {
        HttpResponse<String> issued = postJson("/api/v1/transactions", "admin-cn", """
                {"commandId":"texts-own-1","type":"ISSUE","unitType":"CEA","vintage":2024,"quantity":7}""");
        assertThat(issued.statusCode()).as(issued.body()).isLessThan(300);
        long id = json(issued).path("id").asLong();
        Session admin = session("admin-cn");
        String zh = pageIn(admin, "zh-CN", "/approvals").body();
        assertThat(zh).contains("id=\"own-pending\"", "您提交、待他人审批的交易", "href=\"/transactions/" + id + "\"", "/transactions/" + id + "/cancel");
        String row = zh.substring(zh.indexOf("data-transaction-id=\"" + id + "\""));
        assertThat(row.substring(0, row.indexOf("</tr>"))).contains("待复核", "撤销");
        // the other administrator sees it to approve, not as their own
        String other = page("/approvals", "admin2-cn").body();
        assertThat(other).contains("/transactions/" + id + "/approve");
        if (other.contains("id=\"own-pending\"")) assertThat(other.substring(other.indexOf("id=\"own-pending\""))).doesNotContain("data-transaction-id=\"" + id + "\" data-status");
        // cancelled from the inbox: back to the inbox, gone from the list
        HttpResponse<String> back = postForm(admin, "zh-CN", "/transactions/" + id + "/cancel", "back=approvals");
        assertThat(flash(back.body())).contains("data-code=\"CANCELLED\"");
        assertThat(text("SELECT status FROM registry_transaction WHERE id = ?", id)).isEqualTo("CANCELLED");
        assertThat(back.body()).doesNotContain("href=\"/transactions/" + id + "\" class");
        assertThat(pageIn(admin, "en", "/approvals").body()).doesNotContain("/transactions/" + id + "/cancel");
    }

    @Test
    void an_unknown_history_filter_is_answered_in_the_pages_language() {
        String acct = accountOf("cn-cement-1");
        Session s = session("cn-cement-1-init");
        HttpResponse<String> zh = pageIn(s, "zh-CN", "/accounts/" + acct + "?status=XYZ");
        assertThat(zh.statusCode()).isEqualTo(400);
        // however Chinese is asked for: the language parameter, or the browser's Accept-Language
        for (String[] how : new String[][]{{"/accounts/" + acct + "?status=XYZ&lang=zh_CN", null}, {"/accounts/" + acct + "?status=XYZ", "zh-CN,zh;q=0.9"}}) {
            var b = request(how[0], null).header("Cookie", s.cookie());
            if (how[1] != null) b.header("Accept-Language", how[1]);
            assertThat(send(b.GET().build()).body().replaceAll("(?s)<details.*?</details>", "")).as(how[0]).contains("未知的交易状态：XYZ").doesNotContain("unknown status");
        }
        String shown = zh.body().replaceAll("(?s)<details.*?</details>", "");
        assertThat(shown).contains("未知的交易状态：XYZ").doesNotContain("unknown status");
        HttpResponse<String> en = pageIn(s, "en", "/accounts/" + acct + "?status=XYZ");
        assertThat(en.body()).contains("unknown status XYZ").doesNotContain("未知的交易状态");
        zh = pageIn(s, "zh-CN", "/accounts/" + acct + "?type=XYZ");
        assertThat(zh.body().replaceAll("(?s)<details.*?</details>", "")).contains("未知的交易类型：XYZ").doesNotContain("unknown transaction type");
    }
}
