package org.openets.server;

import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A regulator finds an account by number, holder or entity code, type and status, and a transaction by its number. */
class FindingThingsHttpTest extends ServerTestBase {
    static final Pattern ROW = Pattern.compile("data-account=\"([^\"]+)\"");

    List<String> listed(String query, String login) {
        HttpResponse<String> r = page("/accounts" + query, login);
        assertThat(r.statusCode()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        Matcher m = ROW.matcher(r.body());
        while (m.find()) out.add(m.group(1));
        return out;
    }

    @Test
    void accounts_are_found_by_text_type_and_status_and_only_among_those_one_may_see() {
        List<String> all = listed("", "admin-gd");
        String acct = accountOf("gd-cement-1");
        String holder = text("SELECT holder FROM account WHERE number = ?", acct);
        assertThat(all).contains(acct).hasSizeGreaterThan(3);
        assertThat(listed("?q=" + acct.toLowerCase(), "admin-gd")).containsExactly(acct);
        assertThat(listed("?q=" + URLEncoder.encode(holder.substring(0, 4), StandardCharsets.UTF_8), "admin-gd")).contains(acct).hasSizeLessThan(all.size());
        // full-width digits as a Chinese keyboard types them
        String fullWidth = acct.chars().mapToObj(c -> c >= '0' && c <= '9' ? String.valueOf((char) (c - '0' + '０')) : String.valueOf((char) c))
                .reduce("", String::concat);
        assertThat(listed("?q=" + URLEncoder.encode(fullWidth, StandardCharsets.UTF_8), "admin-gd")).containsExactly(acct);
        List<String> government = listed("?type=ALLOCATION", "admin-gd");
        assertThat(government).allMatch(n -> n.startsWith("GD-101-")).isNotEmpty();
        assertThat(listed("?status=CLOSED&q=" + acct, "admin-gd")).isEmpty();
        assertThat(page("/accounts?q=" + acct, "admin-gd").body()).contains("1 of " + all.size() + " accounts");
        // what an account holds is listed by series, never added up across series
        String row = page("/accounts?q=" + acct, "admin-gd").body();
        row = row.substring(row.indexOf("data-account=\"" + acct + "\""));
        row = row.substring(0, row.indexOf("</tr>"));
        String series = text("SELECT s.unit_type || '/' || s.vintage FROM holding h JOIN account a ON a.id = h.account_id JOIN unit_series s ON s.id = h.series_id "
                + "WHERE a.number = ? AND h.quantity > 0 ORDER BY s.id LIMIT 1", acct);
        assertThat(row).contains(series, String.format("%,d", held(acct, series)));
        // a representative finds only among their own accounts
        assertThat(listed("?q=GD-", "gd-cement-1-init")).containsExactly(acct);
        assertThat(listed("?q=" + accountOf("gd-power-1"), "gd-cement-1-init")).isEmpty();
    }

    @Test
    void a_transaction_number_leads_to_its_page_and_a_bad_one_says_so() {
        // the newest transaction the national administrator may see (one of another jurisdiction's is answered as unknown, below)
        long id = count("SELECT max(t.id) FROM registry_transaction t JOIN account f ON f.id = t.from_account JOIN account o ON o.id = t.to_account "
                + "WHERE f.jurisdiction = 'CN' AND o.jurisdiction = 'CN'");
        for (String typed : new String[]{String.valueOf(id), "#" + id, " " + id + " "}) {
            HttpResponse<String> r = send(request("/transactions?id=" + URLEncoder.encode(typed, StandardCharsets.UTF_8), null)
                    .header("Cookie", session("admin-cn").cookie()).GET().build());
            assertThat(r.statusCode()).as(typed).isEqualTo(302);
            assertThat(r.headers().firstValue("Location").orElse("")).endsWith("/transactions/" + id);
        }
        assertThat(send(request("/transactions?id=1", null).GET().build()).statusCode()).isIn(302, 401);
    }

    /** The box's answer in the session and language: where it redirects, and the page there. */
    HttpResponse<String> goTo(Session s, String lang, String typed) {
        HttpResponse<String> r = send(request("/transactions?id=" + URLEncoder.encode(typed, StandardCharsets.UTF_8), null)
                .header("Cookie", s.cookie() + "; openets-lang=" + lang).GET().build());
        assertThat(r.statusCode()).as(typed).isEqualTo(302);
        String to = java.net.URI.create(r.headers().firstValue("Location").orElseThrow()).getRawPath();
        assertThat(to).as(typed).isEqualTo("/accounts");
        HttpResponse<String> page = send(request(to, null).header("Cookie", s.cookie() + "; openets-lang=" + lang).GET().build());
        assertThat(page.statusCode()).isEqualTo(200);
        return page;
    }

    @Test
    void the_transaction_box_answers_no_number_or_an_unknown_one_on_the_accounts_page_and_a_hidden_one_as_an_unknown_one() {
        Session s = session("gd-cement-1-init");
        for (String typed : new String[]{"", "abc", "#", "12a", "1234567890123456789012"}) {
            assertThat(goTo(s, "en", typed).body()).as(typed).contains("data-code=\"VALIDATION_FAILED\"").contains("enter a transaction number, e.g. 3614")
                    .contains("id=\"find-transaction\"");
            assertThat(goTo(s, "zh-CN", typed).body()).as(typed).contains("data-code=\"VALIDATION_FAILED\"").contains("请输入交易编号，例如 3614。");
        }
        // a number that names nothing, and one of a transaction the person may not see: the same answer
        long unknown = count("SELECT max(id) FROM registry_transaction") + 1_000_000;
        long hidden = count("SELECT min(t.id) FROM registry_transaction t WHERE t.from_account <> ? AND t.to_account <> ?",
                id(accountOf("gd-cement-1")), id(accountOf("gd-cement-1")));
        assertThat(page("/transactions/" + hidden, "gd-cement-1-init").statusCode()).as("hidden from gd-cement-1").isEqualTo(403);
        long refused = refusals("gd-cement-1-init", "NOT_AUTHORISED");
        for (long n : new long[]{unknown, hidden}) {
            String en = goTo(s, "en", String.valueOf(n)).body();
            assertThat(en).contains("data-code=\"UNKNOWN_TRANSACTION\"").contains("transaction " + n + " was not found, or you may not see it");
            String zh = goTo(s, "zh-CN", "#" + n).body();
            assertThat(zh).contains("data-code=\"UNKNOWN_TRANSACTION\"").contains("未找到交易 " + n + "，或您无权查看。");
        }
        // the look at a hidden one is recorded, as on its page
        assertThat(refusals("gd-cement-1-init", "NOT_AUTHORISED")).isEqualTo(refused + 2);
    }

    long id(String account) { return count("SELECT id FROM account WHERE number = ?", account); }
}
