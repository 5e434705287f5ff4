package org.openets.server;

import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a person types as a quantity on a page is read only when it cannot be misread: whole tonnes in digits, grouped
 * by commas or not. "1.000" (1,000 t to many readers, 1 t to a decimal parser) and "2e3" are refused, nothing written.
 * The allocation table names the line of a bad quantity and refuses an account named twice; a table too large for the
 * form gets the error page in the page's language, not a JSON document.
 */
class FormQuantitiesHttpTest extends ServerTestBase {
    static final String ENTITY = "cn-cement-1";

    HttpResponse<String> postFormRaw(Session s, String lang, String path, String form) {
        return send(request(path, null).header("Cookie", s.cookie() + "; openets-lang=" + lang).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + URLEncoder.encode(s.csrf(), StandardCharsets.UTF_8))).build());
    }

    /** Posts a page's form and returns the page it leads back to. */
    HttpResponse<String> postForm(Session s, String lang, String path, String form) {
        HttpResponse<String> r = postFormRaw(s, lang, path, form);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        return send(request(r.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", ""), null)
                .header("Cookie", s.cookie() + "; openets-lang=" + lang).GET().build());
    }

    static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

    @Test
    void a_quantity_that_could_be_misread_is_refused_and_grouped_digits_are_read() {
        String acct = accountOf(ENTITY), to = accountOf("cn-power-1");
        Session s = session(ENTITY + "-init");
        long before = transactions();
        for (String q : new String[]{"1.000", "2e3", "1E3", "1.5", "0x10", "1,00", "1,0000", "12,345,67"}) {
            HttpResponse<String> page = postForm(s, "en", "/accounts/" + acct + "/transfer", "series=CEA%2F2024&quantity=" + enc(q) + "&to=" + to);
            assertThat(page.body()).as(q).contains("data-code=\"INVALID_QUANTITY\"", "enter whole tonnes in digits, without a decimal point or exponent");
        }
        HttpResponse<String> zh = postForm(s, "zh-CN", "/accounts/" + acct + "/transfer", "series=CEA%2F2024&quantity=1.000&to=" + to);
        assertThat(zh.body()).contains("请以阿拉伯数字填写整数吨，不带小数点或指数（如 1000 或 1,000）：1.000");
        assertThat(transactions()).isEqualTo(before);
        // a very long bad input is shown cut short, so the message does not run off the page
        HttpResponse<String> long1 = postForm(s, "en", "/accounts/" + acct + "/transfer", "series=CEA%2F2024&quantity=" + "9.".repeat(100) + "&to=" + to);
        String flash = long1.body().substring(long1.body().indexOf("id=\"flash\""));
        flash = flash.substring(0, flash.indexOf("</div>"));
        assertThat(flash).contains("9.9.9.9.9.9.9.9.9.9.9.9.9.9.9.9.9.9.9.9.…").doesNotContain("9.".repeat(30));

        // grouped digits (a full-width comma as a Chinese keyboard types it) are read as the number they show
        long held = held(acct, "CEA/2024");
        assertThat(held).isGreaterThan(1000);
        HttpResponse<String> grouped = postForm(s, "en", "/accounts/" + acct + "/transfer", "series=CEA%2F2024&quantity=" + enc("1，000") + "&to=" + to + "&step=confirm");
        assertThat(grouped.body()).doesNotContain("data-code=\"INVALID_QUANTITY\"");
        assertThat(transactions()).isEqualTo(before + 1);
        assertThat(text("SELECT quantity::text FROM registry_transaction ORDER BY id DESC LIMIT 1")).isEqualTo("1000");
    }

    @Test
    void an_allocation_table_names_the_line_of_a_bad_quantity_and_refuses_an_account_named_twice() {
        Session s = session("admin-cn");
        String allocation = governmentAccount("CN", "ALLOCATION");
        String a = accountOf("cn-power-1"), b = accountOf("cn-alu-1");
        long before = transactions();
        HttpResponse<String> en = postForm(s, "en", "/admin/allocation", "from=" + allocation + "&series=CEA%2F2024&lines=" + enc(a + " 10\n" + b + " 1.000"));
        assertThat(en.body()).contains("data-code=\"INVALID_QUANTITY\"", "line 2: &quot;1.000&quot; is not a quantity in whole tonnes");
        HttpResponse<String> zh = postForm(s, "zh-CN", "/admin/allocation", "from=" + allocation + "&series=CEA%2F2024&lines=" + enc(a + " 10\n" + b + " 1.000"));
        assertThat(zh.body()).contains("第 2 行：“1.000”不是以阿拉伯数字填写的整数吨");
        en = postForm(s, "en", "/admin/allocation", "from=" + allocation + "&series=CEA%2F2024&lines=" + enc(a + " 10\n" + b + " 5\n" + a.toLowerCase() + " 10"));
        assertThat(en.body()).contains("data-code=\"VALIDATION_FAILED\"", "line 3: account " + a.toLowerCase() + " is already on line 1");
        zh = postForm(s, "zh-CN", "/admin/allocation", "from=" + allocation + "&series=CEA%2F2024&lines=" + enc(a + " 10\n" + a + " 10"));
        // written another way the desk reads (its internal id), it is still the same account
        long aId = count("SELECT id FROM account WHERE number = ?", a);
        HttpResponse<String> byId = postForm(s, "en", "/admin/allocation", "from=" + allocation + "&series=CEA%2F2024&lines=" + enc(a + " 10\n" + aId + " 10"));
        assertThat(byId.body()).contains("data-code=\"VALIDATION_FAILED\"", "line 2: account " + aId + " is already on line 1");
        assertThat(zh.body()).contains("第 2 行：账户 " + a + " 已在第 1 行出现");
        assertThat(transactions()).isEqualTo(before);
    }

    @Test
    void a_form_too_large_to_send_gets_the_error_page_in_the_pages_language() {
        Session s = session("admin-cn");
        String big = "x".repeat(70_000);
        // an ordinary form: the default limit; the error page, not a problem document
        HttpResponse<String> r = postFormRaw(s, "zh-CN", "/accounts/" + accountOf(ENTITY) + "/transfer", "series=CEA%2F2024&quantity=1&to=" + big);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(r.body()).contains("表单内容过大，无法提交", "data-code=\"PAYLOAD_TOO_LARGE\"").doesNotContain("分配表");
        // an allocation table too large even for its limit: its own explanation
        HttpResponse<String> huge = postFormRaw(s, "en", "/admin/allocation", "from=x&series=CEA%2F2024&lines=" + "x".repeat(1_100_000));
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(huge.body()).contains("An allocation table takes at most 2,000 lines");
        // the allocation table has room for its 2,000 lines: 70 kB reaches the page (and is refused there for what it says)
        HttpResponse<String> table = postFormRaw(s, "en", "/admin/allocation", "from=" + governmentAccount("CN", "ALLOCATION") + "&series=CEA%2F2024&lines=" + big);
        assertThat(table.statusCode()).isEqualTo(302);
        // the API still answers problem+json
        HttpResponse<String> api = postJson("/api/v1/transactions", "admin-cn", "{\"commandId\":\"" + big + "\"}");
        assertProblem(api, 413, "PAYLOAD_TOO_LARGE");
    }
}
