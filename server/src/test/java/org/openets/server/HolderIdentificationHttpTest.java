package org.openets.server;

import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Who holds a trading account: an organisation by its unified social credit code or a natural person by the citizen
 * identification number, each checked by its check character where the jurisdiction says so (data); one open trading
 * account per holder in a jurisdiction; a covered entity's account is an organisation's. Opens accounts in SZ.
 */
class HolderIdentificationHttpTest extends ServerTestBase {
    long accounts() { return count("SELECT count(*) FROM account"); }

    HttpResponse<String> open(String json) { return postJson("/api/v1/accounts", "admin-sz", json); }

    static String trading(String holder, String kind, String id) {
        return """
                {"jurisdiction":"SZ","type":"TRADING_HOLDING","holder":"%s"%s%s}""".formatted(holder,
                kind == null ? "" : ",\"holderKind\":\"" + kind + "\"", id == null ? "" : ",\"entityCode\":\"" + id + "\"");
    }

    @Test
    void a_trading_account_names_its_holders_kind_and_a_valid_identifier_and_nothing_is_opened_otherwise() {
        long before = accounts();
        String id = ric();
        assertProblem(open(trading("深圳个人投资者", null, id)), 400, "VALIDATION_FAILED");
        assertProblem(open(trading("深圳个人投资者", "PERSON", null)), 400, "VALIDATION_FAILED");
        assertProblem(open(trading("深圳个人投资者", "COMPANY", id)), 400, "VALIDATION_FAILED");
        // a wrong check character, a date of birth that does not exist, a company's code for a person
        String wrong = id.substring(0, 17) + (id.charAt(17) == '0' ? '1' : '0');
        HttpResponse<String> r = open(trading("深圳个人投资者", "PERSON", wrong));
        assertProblem(r, 400, "INVALID_ENTITY_CODE");
        assertThat(json(r).path("detail").asString()).contains("check character is " + id.charAt(17));
        String feb30 = "44030419900230001";
        assertProblem(open(trading("深圳个人投资者", "PERSON", feb30 + org.openets.kernel.PersonIdScheme.check(feb30))), 400, "INVALID_ENTITY_CODE");
        assertProblem(open(trading("深圳个人投资者", "PERSON", uscc())), 400, "INVALID_ENTITY_CODE");
        // a person's number as an organisation's code: one whose last character is not also a valid unified social credit
        // code's check character (about one number in 31 is both, and is then rightly accepted as a code)
        String notAlsoACode = id;
        while (notAlsoACode.charAt(17) == org.openets.kernel.EntityCodeScheme.uscCheck(notAlsoACode.substring(0, 17))) notAlsoACode = ric();
        assertProblem(open(trading("深圳投资有限公司", "ORGANISATION", notAlsoACode)), 400, "INVALID_ENTITY_CODE");
        // a covered entity is an organisation
        assertProblem(open("""
                {"jurisdiction":"SZ","type":"COVERED_ENTITY_HOLDING","holder":"深圳控排","holderKind":"PERSON","entityCode":"%s"}""".formatted(uscc())), 400, "VALIDATION_FAILED");
        assertThat(accounts()).isEqualTo(before);

        // full-width digits and a lower-case x are read as the number they are
        String x = "44030419900307123";
        String withX = x + org.openets.kernel.PersonIdScheme.check(x);
        assertThat(withX).endsWith("X");
        String typed = toFullWidth(withX.substring(0, 6)) + withX.substring(6, 17) + "x";
        HttpResponse<String> person = open(trading("深圳个人投资者", "person", typed));
        assertThat(person.statusCode()).as(person.body()).isEqualTo(201);
        assertThat(json(person).path("holderKind").asString()).isEqualTo("PERSON");
        assertThat(json(person).path("entityCode").asString()).isEqualTo(withX);
        HttpResponse<String> company = open(trading("深圳投资有限公司", "ORGANISATION", uscc().toLowerCase()));
        assertThat(company.statusCode()).as(company.body()).isEqualTo(201);
        assertThat(json(company).path("holderKind").asString()).isEqualTo("ORGANISATION");
        assertThat(accounts()).isEqualTo(before + 2);

        // the account's page says who holds it, in each language
        String number = json(person).path("number").asString();
        assertThat(page("/accounts/" + number + "?lang=zh_CN", "admin-sz").body()).contains("自然人", "公民身份号码", withX);
        assertThat(page("/accounts/" + number + "?lang=en", "admin-sz").body()).contains("a natural person", "Citizen identification number");
    }

    static String toFullWidth(String digits) {
        StringBuilder b = new StringBuilder();
        for (char c : digits.toCharArray()) b.append((char) (c - '0' + '０'));
        return b.toString();
    }

    @Test
    void a_holder_has_one_open_trading_account_in_a_jurisdiction() {
        String id = ric();
        HttpResponse<String> first = open(trading("深圳唯一账户测试", "PERSON", id));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        String number = json(first).path("number").asString();
        HttpResponse<String> second = open(trading("深圳唯一账户测试（又）", "PERSON", id));
        assertProblem(second, 409, "ENTITY_HAS_ACCOUNT");
        assertThat(json(second).path("account").asString()).isEqualTo(number);
        assertThat(count("SELECT count(*) FROM account WHERE entity_code = ?", id)).isEqualTo(1);
        // in another jurisdiction, its own
        HttpResponse<String> gd = postJson("/api/v1/accounts", "admin-gd", trading("深圳唯一账户测试", "PERSON", id).replace("\"SZ\"", "\"GD\""));
        assertThat(gd.statusCode()).as(gd.body()).isEqualTo(201);
        // the database refuses a second one even when written around the application
        assertThatThrownBy(() -> text("INSERT INTO account (id, number, jurisdiction, type, holder, holder_kind, entity_code, status) "
                + "VALUES (nextval('account_id'), 'SZ-121-TEST', 'SZ', 'TRADING_HOLDING', 'x', 'PERSON', ?, 'OPEN') RETURNING id", id))
                .hasMessageContaining("account_one_trading_per_holder");
        // once it is closed, the holder may open another
        assertThat(postJson("/api/v1/accounts/" + number + "/status", "admin-sz", "{\"status\":\"CLOSED\",\"reason\":\"holder moved\"}").statusCode()).isEqualTo(200);
        HttpResponse<String> again = open(trading("深圳唯一账户测试", "PERSON", id));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
        assertThat(json(again).path("number").asString()).isNotEqualTo(number);
    }

    @Test
    void the_schemes_are_data_without_a_person_scheme_any_number_is_taken() {
        try {
            count("WITH u AS (UPDATE jurisdiction SET person_id_scheme = NULL WHERE code = 'SZ' RETURNING 1) SELECT count(*) FROM u");
            HttpResponse<String> r = open(trading("深圳境外个人投资者", "PERSON", "PASSPORT-E12345678"));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            // one holder is one number however it is typed: the one-account rule holds for case and spaces too
            HttpResponse<String> again = open(trading("深圳境外个人投资者", "PERSON", "passport-e1234 5678"));
            assertProblem(again, 409, "ENTITY_HAS_ACCOUNT");
            assertThat(json(again).path("account").asString()).isEqualTo(json(r).path("number").asString());
            // the kind is still asked for: the jurisdiction identifies organisations
            assertProblem(open(trading("深圳境外个人投资者", null, "PASSPORT-E12345679")), 400, "VALIDATION_FAILED");
        } finally {
            count("WITH u AS (UPDATE jurisdiction SET person_id_scheme = 'CN-RIC' WHERE code = 'SZ' RETURNING 1) SELECT count(*) FROM u");
        }
        assertProblem(open(trading("深圳境外个人投资者", "PERSON", "PASSPORT-E12345680")), 400, "INVALID_ENTITY_CODE");
    }

    @Test
    void the_open_form_asks_who_holds_the_account_and_keeps_what_was_typed_when_refused() {
        Session s = session("admin-sz");
        HttpResponse<String> page = send(request("/accounts?lang=zh_CN", null).header("Cookie", s.cookie()).GET().build());
        assertThat(page.body()).contains("id=\"open-holder-kind\"", "持有人类型", "自然人", "机构");
        String form = "jurisdiction=SZ&type=TRADING_HOLDING&holder=" + java.net.URLEncoder.encode("表单测试", java.nio.charset.StandardCharsets.UTF_8)
                + "&holderKind=PERSON&entityCode=440304199003071230&_csrf=" + java.net.URLEncoder.encode(s.csrf(), java.nio.charset.StandardCharsets.UTF_8);
        long before = accounts();
        HttpResponse<String> r = send(request("/accounts", null).header("Cookie", s.cookie()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        assertThat(r.statusCode()).isEqualTo(302);
        HttpResponse<String> back = send(request(r.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", ""), null)
                .header("Cookie", s.cookie() + "; openets-lang=zh-CN").GET().build());
        assertThat(back.body()).contains("INVALID_ENTITY_CODE", "公民身份号码 440304199003071230 的末位校验码应为 X，而不是 0，请核对。", "value=\"440304199003071230\"")
                .containsPattern("<option value=\"PERSON\" selected");
        // without the kind: the rule, in the page's language
        r = send(request("/accounts", null).header("Cookie", s.cookie()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.replace("&holderKind=PERSON", ""))).build());
        back = send(request(r.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", ""), null)
                .header("Cookie", s.cookie() + "; openets-lang=zh-CN").GET().build());
        assertThat(back.body()).contains("交易账户须说明持有人是机构还是自然人");
        assertThat(accounts()).isEqualTo(before);
        // a company's code with a letter no code uses, said in Chinese
        r = send(request("/accounts", null).header("Cookie", s.cookie()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.replace("&holderKind=PERSON&entityCode=440304199003071230", "&holderKind=ORGANISATION&entityCode=91350100M000100O43"))).build());
        back = send(request(r.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", ""), null)
                .header("Cookie", s.cookie() + "; openets-lang=zh-CN").GET().build());
        assertThat(back.body()).contains("统一社会信用代码 91350100M000100O43 的第 16 位（O）不是代码所用的字符");
    }
}
