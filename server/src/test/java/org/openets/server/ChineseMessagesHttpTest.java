package org.openets.server;

import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A form refused on a Chinese page says why in Chinese (the detail's message, {@code detail.*}), with the values it was
 * given; on an English page the same refusal gives the server's English detail; the API's answer stays English.
 */
class ChineseMessagesHttpTest extends ServerTestBase {
    static final String ENTITY = "cn-cement-1";

    /** Posts a page's form in the session, in the language given, and returns the page it leads back to. */
    HttpResponse<String> postForm(Session s, String lang, String path, String form) {
        String cookies = s.cookie() + "; openets-lang=" + lang;
        HttpResponse<String> r = send(request(path, null).header("Cookie", cookies).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + URLEncoder.encode(s.csrf(), StandardCharsets.UTF_8))).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        return send(request(r.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", ""), null).header("Cookie", cookies).GET().build());
    }

    @Test
    void an_approver_who_tries_to_propose_hears_that_only_an_initiator_does() {
        String acct = accountOf(ENTITY);
        long before = transactions();
        HttpResponse<String> api = postJson("/api/v1/transactions", ENTITY + "-appr", transfer("zh-role-1", acct, accountOf("cn-power-1"), "CEA", 1));
        assertProblem(api, 403, "NOT_AUTHORISED");
        assertThat(json(api).path("detail").asString()).contains("their role there is approver", "only an initiator proposes");
        Session s = session(ENTITY + "-appr");
        HttpResponse<String> zh = postForm(s, "zh-CN", "/accounts/" + acct + "/transfer", "series=CEA%2F2024&quantity=1&to=" + accountOf("cn-power-1"));
        // the transaction type by its Chinese name, never its code
        assertThat(zh.body()).contains("您在账户 " + acct + " 的角色是复核，只有经办人可以发起转让交易。").doesNotContain("（TRANSFER）");
        HttpResponse<String> en = postForm(s, "en", "/accounts/" + acct + "/transfer", "series=CEA%2F2024&quantity=1&to=" + accountOf("cn-power-1"));
        assertThat(en.body()).contains("their role there is approver");
        assertThat(transactions()).isEqualTo(before);
        // someone with no role on the account hears only that they may not
        HttpResponse<String> other = postJson("/api/v1/transactions", "cn-power-1-init", transfer("zh-role-2", acct, accountOf("cn-power-1"), "CEA", 1));
        assertProblem(other, 403, "NOT_AUTHORISED");
        assertThat(json(other).path("detail").asString()).doesNotContain("role");
    }

    @Test
    void a_refused_form_says_why_in_the_pages_language() {
        String acct = accountOf(ENTITY);
        Session s = session(ENTITY + "-init");
        long before = transactions();

        HttpResponse<String> zh = postForm(s, "zh-CN", "/accounts/" + acct + "/retire", "series=CEA%2F2024&quantity=1&beneficiary=&purpose=&confirm=true");
        assertThat(zh.body()).contains("data-code=\"VALIDATION_FAILED\"", "自愿注销须填写受益方和用途。").doesNotContain("a retirement names a beneficiary");

        HttpResponse<String> en = postForm(s, "en", "/accounts/" + acct + "/retire", "series=CEA%2F2024&quantity=1&beneficiary=&purpose=&confirm=true");
        assertThat(en.body()).contains("a retirement names a beneficiary and a purpose").doesNotContain("自愿注销须填写受益方和用途");

        // with the values it was given: an account that does not exist, named in the Chinese message
        zh = postForm(s, "zh-CN", "/accounts/" + acct + "/transfer", "series=CEA%2F2024&quantity=1&to=CN-120-999999");
        assertThat(zh.body()).contains("没有账户 CN-120-999999（转入账户）。");
        zh = postForm(s, "zh-CN", "/accounts/" + acct + "/transfer", "series=CEA%2F2024&quantity=0.5&to=" + accountOf("cn-power-1"));
        assertThat(zh.body()).contains("data-code=\"INVALID_QUANTITY\"", "请以阿拉伯数字填写整数吨，不带小数点或指数（如 1000 或 1,000）：0.5");
        assertThat(transactions()).isEqualTo(before);

        // the registry's own rejection, with its figures, in Chinese (and in English on an English page): when the transfer is confirmed
        long held = held(acct, "CEA/2024");
        zh = postForm(s, "zh-CN", "/accounts/" + acct + "/transfer", "series=CEA%2F2024&quantity=" + (held + 1) + "&to=" + accountOf("cn-power-1") + "&step=confirm");
        assertThat(zh.body()).contains("data-code=\"INSUFFICIENT_HOLDINGS\"", "账户 " + acct + " 持有 CEA/2024 " + String.format("%,d", held) + " 吨，需要 " + String.format("%,d", held + 1) + " 吨。")
                .doesNotContain("holds " + String.format("%,d", held) + " t");
        en = postForm(s, "en", "/accounts/" + acct + "/transfer", "series=CEA%2F2024&quantity=" + (held + 1) + "&to=" + accountOf("cn-power-1") + "&step=confirm");
        assertThat(en.body()).contains("account " + acct + " holds " + String.format("%,d", held) + " t of CEA/2024, needs " + String.format("%,d", held + 1));

        // a transfer into the retirement account: the route refusal, in Chinese (a retirement names who and why)
        String retirement = governmentAccount("CN", "RETIREMENT");
        long retired = held(retirement, "CEA/2024");
        zh = postForm(s, "zh-CN", "/accounts/" + acct + "/transfer", "series=CEA%2F2024&quantity=1&to=" + retirement + "&step=confirm");
        assertThat(zh.body()).contains("data-code=\"ROUTE_NOT_ALLOWED\"", "账户 " + retirement + " 只能通过相应的清缴、自愿注销或核销交易转入")
                .doesNotContain(">units enter a retirement account");
        assertThat(held(retirement, "CEA/2024")).isEqualTo(retired);

        // the API answers in English whatever the language cookie says
        HttpResponse<String> api = send(request("/api/v1/transactions", ENTITY + "-init").header("Cookie", "openets-lang=zh-CN").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"commandId\":\"zh-msg-1\",\"type\":\"RETIRE\",\"from\":\"" + acct + "\",\"unitType\":\"CEA\",\"vintage\":2024,\"quantity\":0.5}")).build());
        assertProblem(api, 422, "INVALID_QUANTITY");
        assertThat(api.body()).contains("quantity is whole tonnes");
    }

    /** A batch refused by the registry names its line and says why in Chinese, with the registry's figures. */
    @Test
    void a_refused_allocation_table_names_the_line_in_chinese() {
        Session s = session("admin-cn");
        String allocation = text("SELECT number FROM account WHERE jurisdiction = 'CN' AND type = 'ALLOCATION'");
        String good = accountOf("cn-power-1"), foreign = accountOf("gd-power-1");
        String lines = java.net.URLEncoder.encode(good + " 10\n" + foreign + " 5", StandardCharsets.UTF_8);
        HttpResponse<String> zh = postForm(s, "zh-CN", "/admin/allocation", "from=" + allocation + "&series=CEA%2F2024&lines=" + lines);
        assertThat(zh.body()).contains("data-code=\"UNIT_TYPE_NOT_ALLOWED\"", "第 2 行：账户 " + foreign + " 不能持有 CEA。").doesNotContain("may not hold");
        HttpResponse<String> en = postForm(s, "en", "/admin/allocation", "from=" + allocation + "&series=CEA%2F2024&lines=" + lines);
        assertThat(en.body()).contains("line 2: ").contains("may not hold CEA");
    }

    /** Posts a page's form in the session, in the language given, and returns the answer as it is (no redirect followed). */
    HttpResponse<String> postRaw(Session s, String lang, String path, String form) {
        return send(request(path, null).header("Cookie", s.cookie() + "; openets-lang=" + lang).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + URLEncoder.encode(s.csrf(), StandardCharsets.UTF_8))).build());
    }

    /** A sentence is said once: the code's meaning is left out when the refusal's own sentence already says it. */
    @Test
    void a_refusal_does_not_say_the_same_thing_twice() {
        String acct = accountOf(ENTITY);
        Session s = session(ENTITY + "-init");
        // the registry rejects (and records) a transfer to the account it comes from
        HttpResponse<String> zh = postForm(s, "zh-CN", "/accounts/" + acct + "/transfer", "series=CEA%2F2024&quantity=1&to=" + acct + "&step=confirm");
        String flash = zh.body().replaceAll("(?s).*(<div id=\"flash\".*?</div>).*", "$1");
        assertThat(flash).contains("data-code=\"SAME_ACCOUNT\"");
        assertThat(flash.split("转出与转入为同一账户", -1)).hasSize(2);
        HttpResponse<String> en = postForm(s, "en", "/accounts/" + acct + "/transfer", "series=CEA%2F2024&quantity=1&to=" + acct + "&step=confirm");
        flash = en.body().replaceAll("(?s).*(<div id=\"flash\".*?</div>).*", "$1");
        assertThat(flash).contains("data-code=\"SAME_ACCOUNT\"", "Source and destination are the same account.");
        assertThat(flash.toLowerCase().split("source and destination are the same account", -1)).hasSize(2);

        // an issuance of 0 t: what is wrong with it, once
        long before = transactions();
        Session admin = session("admin-cn");
        zh = postForm(admin, "zh-CN", "/admin/issuance", "unitType=CEA&vintage=2024&projectId=&quantity=0");
        assertThat(zh.body()).contains("data-code=\"INVALID_QUANTITY\"", "数量无效。", "数量至少为 1 吨。").doesNotContain("数量须为 1 至");
        zh = postForm(admin, "zh-CN", "/admin/issuance", "unitType=CEA&vintage=2024&projectId=&quantity=-5");
        assertThat(zh.body()).contains("数量至少为 1 吨。").doesNotContain("数量须为 1 至");
        assertThat(transactions()).isEqualTo(before);
    }

    /** An allocation line whose quantity has a decimal point is refused for its quantity, not for a missing separator. */
    @Test
    void an_allocation_line_with_a_decimal_quantity_is_refused_for_its_quantity() {
        Session s = session("admin-cn");
        long before = transactions();
        String allocation = text("SELECT number FROM account WHERE jurisdiction = 'CN' AND type = 'ALLOCATION'");
        String lines = URLEncoder.encode(accountOf("cn-power-1") + " 1,000.5", StandardCharsets.UTF_8);
        HttpResponse<String> zh = postForm(s, "zh-CN", "/admin/allocation", "from=" + allocation + "&series=CEA%2F2024&lines=" + lines);
        assertThat(zh.body()).contains("data-code=\"INVALID_QUANTITY\"", "第 1 行：“1,000.5”不是以阿拉伯数字填写的整数吨")
                .doesNotContain("请填写账户号和数量");
        // a line that has no quantity still says so
        zh = postForm(s, "zh-CN", "/admin/allocation", "from=" + allocation + "&series=CEA%2F2024&lines=" + URLEncoder.encode(accountOf("cn-power-1"), StandardCharsets.UTF_8));
        assertThat(zh.body()).contains("第 1 行：请填写账户号和数量");
        assertThat(transactions()).isEqualTo(before);
    }

    /** An address whose number is not a number: the page says a transaction number is a number. */
    @Test
    void a_transaction_number_that_is_not_a_number_is_named() {
        Session s = session(ENTITY + "-init");
        HttpResponse<String> zh = send(request("/transactions/abc", null).header("Cookie", s.cookie() + "; openets-lang=zh-CN").GET().build());
        assertThat(zh.statusCode()).isEqualTo(400);
        assertThat(zh.body()).contains("data-code=\"VALIDATION_FAILED\"", "交易编号须为数字，“abc”不是交易编号。");
        HttpResponse<String> en = send(request("/transactions/abc", null).header("Cookie", s.cookie() + "; openets-lang=en").GET().build());
        assertThat(en.statusCode()).isEqualTo(400);
        assertThat(en.body()).contains("a transaction number is a number, not “abc”");
    }

    /** A refused form (not a page view) says that the action is refused, with why; a refused page still says the page. */
    @Test
    void a_refused_form_says_the_action_is_refused_not_the_page() {
        Session auditor = session("auditor");
        long before = transactions();
        HttpResponse<String> zh = postRaw(auditor, "zh-CN", "/admin/issuance", "unitType=CEA&vintage=2024&projectId=&quantity=10");
        assertThat(zh.statusCode()).isEqualTo(403);
        assertThat(zh.body()).contains("您无权进行此操作。").doesNotContain("您无权查看此页面");
        HttpResponse<String> en = postRaw(auditor, "en", "/admin/issuance", "unitType=CEA&vintage=2024&projectId=&quantity=10");
        assertThat(en.statusCode()).isEqualTo(403);
        assertThat(en.body()).contains("You may not do this.").doesNotContain("You may not see this page");
        assertThat(transactions()).isEqualTo(before);
        HttpResponse<String> page = send(request("/admin/people", null).header("Cookie", session(ENTITY + "-init").cookie() + "; openets-lang=zh-CN").GET().build());
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("您无权查看此页面。");
    }

    /** Chinese pages join a label and its value, and an aside, with full-width punctuation; English pages with ASCII. */
    @Test
    void chinese_pages_punctuate_in_chinese() {
        Session s = session("admin-cn");
        String zh = send(request("/accounts", null).header("Cookie", s.cookie() + "; openets-lang=zh-CN").GET().build()).body();
        assertThat(zh).containsPattern("id=\"who\">[^<]*（admin-cn）<");
        String en = send(request("/accounts", null).header("Cookie", s.cookie() + "; openets-lang=en").GET().build()).body();
        assertThat(en).containsPattern("id=\"who\">[^<]* \\(admin-cn\\)<");
        String acct = accountOf(ENTITY);
        zh = send(request("/accounts/" + acct, null).header("Cookie", s.cookie() + "; openets-lang=zh-CN").GET().build()).body();
        assertThat(zh).contains("（CN）").doesNotContain(" (CN)");
    }

    /** An issuance that names a project for allowances is refused in Chinese, without the English rule. */
    @Test
    void a_project_id_on_allowances_is_refused_in_chinese() {
        Session s = session("admin-cn");
        long before = transactions();
        HttpResponse<String> zh = postForm(s, "zh-CN", "/admin/issuance", "unitType=CEA&vintage=2024&projectId=P1&quantity=10");
        assertThat(zh.body()).contains("配额不带项目编号，请将项目编号留空。").doesNotContain("allowances have no project id</");
        HttpResponse<String> en = postForm(s, "en", "/admin/issuance", "unitType=CEA&vintage=2024&projectId=P1&quantity=10");
        assertThat(en.body()).contains("allowances have no project id");
        assertThat(transactions()).isEqualTo(before);
    }

    /** Account administration refused on a Chinese page: the account and the login it was given, in Chinese. */
    @Test
    void a_refused_account_administration_says_why_in_chinese() {
        String acct = accountOf(ENTITY);
        Session s = session("admin-cn");
        assertThat(text("SELECT status FROM account WHERE number = ?", acct)).isEqualTo("OPEN");

        // a status the account already has: nothing changes
        HttpResponse<String> zh = postForm(s, "zh-CN", "/accounts/" + acct + "/status", "status=OPEN&confirm=true&reason=" + URLEncoder.encode("年度检查", StandardCharsets.UTF_8));
        assertThat(zh.body()).contains("data-code=\"STATUS_UNCHANGED\"", "账户 " + acct + " 已处于正常状态。")
                .doesNotContain("account " + acct + " is already OPEN");
        HttpResponse<String> en = postForm(s, "en", "/accounts/" + acct + "/status", "status=OPEN&confirm=true&reason=check");
        assertThat(en.body()).contains("account " + acct + " is already OPEN").doesNotContain("已处于正常状态");

        // a login nobody signs in with, named in the Chinese message
        zh = postForm(s, "zh-CN", "/accounts/" + acct + "/representatives", "login=nobody-zh-msg&role=APPROVER");
        assertThat(zh.body()).contains("data-code=\"UNKNOWN_USER\"", "没有登录名为 nobody-zh-msg 的人员。").doesNotContain("no person signs in as");
        assertThat(count("SELECT count(*) FROM representative WHERE actor = 'nobody-zh-msg'")).isZero();
        assertThat(text("SELECT status FROM account WHERE number = ?", acct)).isEqualTo("OPEN");
    }

    /** An emissions upload refused on a Chinese page: the CSV line and the sheet name as typed, in Chinese. */
    @Test
    void a_refused_emissions_upload_says_why_in_chinese() {
        // an entity of the MRV books whose representative may report (cn-cement-1 is not one: UNKNOWN_ENTITY would come first)
        String reporting = "cn-power-3";
        Session s = session(reporting + "-init");
        long reports = count("SELECT count(*) FROM emission_report");
        String rows = URLEncoder.encode("sheet,fuel,consumption\n硫磺,coal,1\n", StandardCharsets.UTF_8);
        HttpResponse<String> zh = postForm(s, "zh-CN", "/emissions/upload", "entity=" + reporting + "&year=2024&rows=" + rows);
        assertThat(zh.body()).contains("data-code=\"INVALID_REPORT\"", "CSV 文件第 2 行：“表”须为燃料、生产数据或产品产量，而不是“硫磺”。")
                .doesNotContain("line 2: sheet must be");
        HttpResponse<String> en = postForm(s, "en", "/emissions/upload", "entity=" + reporting + "&year=2024&rows=" + rows);
        assertThat(en.body()).contains("line 2: sheet must be fuels, activity or outputs, not &#39;硫磺&#39;");
        assertThat(count("SELECT count(*) FROM emission_report")).isEqualTo(reports);
    }

    /** The allocation pages on a Chinese page: a comparison of runs that do not exist, and a run that does not exist. */
    @Test
    void a_refused_allocation_says_why_in_chinese() {
        Session s = session("admin-cn");
        HttpResponse<String> zh = postForm(s, "zh-CN", "/allocation/comparisons", "runA=99999998&runB=99999999&title=");
        assertThat(zh.body()).contains("data-code=\"UNKNOWN_RUN\"", "没有测算 99999998。").doesNotContain("no run 99999998");
        HttpResponse<String> en = postForm(s, "en", "/allocation/comparisons", "runA=99999998&runB=99999999&title=");
        assertThat(en.body()).contains("no run 99999998").doesNotContain("没有测算");

        // a price typed wrong, named in the Chinese message (nothing is run)
        long runs = count("SELECT count(*) FROM allocation_run");
        zh = postForm(s, "zh-CN", "/allocation/runs", "ruleset=CN-POWER-2019-2020&year=2019&whatIf=true&population=x&prices=58.5x");
        assertThat(zh.body()).contains("碳价以元/吨填写，如 58.50；“58.5x”格式不正确。").doesNotContain("a price is yuan per tonne");
        assertThat(count("SELECT count(*) FROM allocation_run")).isEqualTo(runs);

        // a page that is refused (not a form): the error page says it in Chinese, the English detail folded under 详情
        HttpResponse<String> page = send(request("/allocation/runs/99999999", null).header("Cookie", s.cookie() + "; openets-lang=zh-CN").GET().build());
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("没有测算 99999999。");
        String outsideDetails = page.body().replaceAll("(?s)<details.*?</details>", "");
        assertThat(outsideDetails).doesNotContain("no run 99999999");
    }
}
