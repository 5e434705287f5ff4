package org.openets.server;

import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A form sent after its session ended is not carried out, and what the person typed is not lost: the sign-in page says
 * nothing was sent, and once the same person signs in they land on the form's page with its fields filled in again,
 * once. Someone else signing in on that browser sees nothing of it; a form sent from another site keeps nothing.
 */
class UnsentFormHttpTest extends ServerTestBase {
    static final String PERSON = "cn-power-3-init";

    /** The transfer form sent with a session cookie the server no longer knows (and that old session's token). */
    HttpResponse<String> expiredTransfer(String from, String to, String quantity, String origin) {
        String body = "signedInAs=" + PERSON + "&to=" + to + "&series=CEA%2F2024&quantity=" + quantity + "&commandId=unsent-" + System.nanoTime()
                + "&_csrf=stale-token&password=never-kept";
        HttpRequest.Builder b = request("/accounts/" + from + "/transfer", null).header("Cookie", "JSESSIONID=ended" + System.nanoTime() + "; openets-lang=en")
                .header("Content-Type", "application/x-www-form-urlencoded");
        if (origin != null) b.header("Origin", origin);
        return send(b.POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    static String location(HttpResponse<String> r) {
        return r.headers().firstValue("Location").orElse("").replaceFirst("^https?://[^/]+", "");
    }

    /** Signs in on the browser holding {@code cookie}, through the sign-in page; the answer (a redirect to the landing page). */
    HttpResponse<String> signIn(String cookie, String login) {
        HttpResponse<String> page = send(request("/login?unsent", null).header("Cookie", cookie).GET().build());
        Matcher csrf = CSRF.matcher(page.body());
        assertThat(csrf.find()).isTrue();
        return send(request("/login", null).header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + login + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
                        + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8))).build());
    }

    static String sessionAfter(HttpResponse<String> r, String before) {
        String c = cookie(r.headers().allValues("Set-Cookie"));
        return c == null ? before : c;
    }

    @Test
    void a_transfer_sent_after_the_session_ended_is_not_run_and_comes_back_filled_in_for_the_same_person() {
        String from = accountOf("cn-power-3"), to = accountOf("cn-power-1");
        long before = transactions(), held = held(from, "CEA/2024");
        HttpResponse<String> sent = expiredTransfer(from, to, "4,321", null);
        assertThat(sent.statusCode()).isEqualTo(302);
        assertThat(location(sent)).isEqualTo("/login?unsent");
        assertThat(transactions()).isEqualTo(before);
        assertThat(held(from, "CEA/2024")).isEqualTo(held);
        String cookie = cookie(sent.headers().allValues("Set-Cookie"));
        assertThat(cookie).as("a new session holds the form").isNotNull();

        // the sign-in page says the session ended and nothing was sent, in English and in Chinese
        String en = send(request("/login?unsent", null).header("Cookie", cookie + "; openets-lang=en").GET().build()).body();
        assertThat(en).contains("id=\"form-unsent\"").contains("Your session had ended, so the form was not sent and nothing was done.");
        String zh = send(request("/login?unsent", null).header("Cookie", cookie + "; openets-lang=zh-CN").GET().build()).body();
        assertThat(zh).contains("您的会话已结束，刚才提交的表单未被发送，未执行任何操作。");

        HttpResponse<String> signedIn = signIn(cookie, PERSON);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(location(signedIn)).isEqualTo("/accounts/" + from);
        String session = sessionAfter(signedIn, cookie);
        String page = send(request("/accounts/" + from, null).header("Cookie", session + "; openets-lang=en").GET().build()).body();
        assertThat(page).contains("id=\"form-resumed\"").contains("What you typed is filled in again");
        assertThat(page).containsPattern("id=\"transfer-to\"[^>]*value=\"" + to + "\"");
        assertThat(page).containsPattern("id=\"transfer-quantity\"[^>]*value=\"4,321\"");
        assertThat(page).contains("<option value=\"CEA/2024\" selected=\"selected\">");
        assertThat(page).doesNotContain("never-kept").doesNotContain("stale-token");
        // given back once: the page opened again is empty
        String again = send(request("/accounts/" + from, null).header("Cookie", session).GET().build()).body();
        assertThat(again).doesNotContain("form-resumed").doesNotContainPattern("id=\"transfer-quantity\"[^>]*value=\"4,321\"");
        assertThat(transactions()).isEqualTo(before);
    }

    @Test
    void someone_else_signing_in_on_that_browser_sees_nothing_of_the_form() {
        String from = accountOf("cn-power-3"), to = accountOf("cn-power-1");
        HttpResponse<String> sent = expiredTransfer(from, to, "7,654", null);
        assertThat(location(sent)).isEqualTo("/login?unsent");
        String cookie = cookie(sent.headers().allValues("Set-Cookie"));
        HttpResponse<String> other = signIn(cookie, "admin-cn");
        assertThat(location(other)).isEqualTo("/accounts");
        String session = sessionAfter(other, cookie);
        String landing = send(request("/accounts", null).header("Cookie", session).GET().build()).body();
        String account = send(request("/accounts/" + from, null).header("Cookie", session).GET().build()).body();
        assertThat(landing + account).doesNotContain("form-resumed").doesNotContain("7,654");
        // and the form is gone from the session: its person signing in there afterwards lands as usual
        send(request("/logout", null).header("Cookie", session).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(csrfOf(landing), StandardCharsets.UTF_8))).build());
        HttpResponse<String> fresh = send(request("/login", null).GET().build());
        HttpResponse<String> person = signIn(cookie(fresh.headers().allValues("Set-Cookie")), PERSON);
        assertThat(location(person)).isEqualTo("/accounts");
    }

    @Test
    void a_form_sent_from_another_site_or_without_its_person_keeps_nothing() {
        String from = accountOf("cn-power-3"), to = accountOf("cn-power-1");
        long before = transactions();
        HttpResponse<String> forged = expiredTransfer(from, to, "5,555", "https://evil.example");
        assertThat(location(forged)).isEqualTo("/login?expired");
        String cookie = cookie(forged.headers().allValues("Set-Cookie"));
        if (cookie != null) assertThat(location(signIn(cookie, PERSON))).isEqualTo("/accounts");
        // a page that is not a form of ours (a path of another site's making) keeps nothing
        HttpResponse<String> elsewhere = send(request("/accounts/" + from + "%2F..%2F..%2Fevil/transfer", null).header("Cookie", "JSESSIONID=ended" + System.nanoTime())
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("signedInAs=" + PERSON + "&quantity=1&_csrf=x")).build());
        assertThat(location(elsewhere)).doesNotContain("unsent");
        assertThat(transactions()).isEqualTo(before);
    }

    @Test
    void a_form_from_an_earlier_session_of_the_person_signed_in_comes_back_at_once() {
        String from = accountOf("cn-power-3"), to = accountOf("cn-power-1");
        Session s = session(PERSON);
        long before = transactions();
        HttpResponse<String> r = send(request("/accounts/" + from + "/retire", null).header("Cookie", s.cookie() + "; openets-lang=en")
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                        "signedInAs=" + PERSON + "&series=CEA%2F2024&quantity=12&beneficiary=Beneficiary+kept&purpose=Purpose+kept&confirm=true&_csrf=an-old-token")).build());
        assertThat(location(r)).isEqualTo("/accounts/" + from);
        String page = send(request("/accounts/" + from, null).header("Cookie", s.cookie() + "; openets-lang=en").GET().build()).body();
        assertThat(page).contains("id=\"form-resumed\"").containsPattern("id=\"retire-beneficiary\"[^>]*value=\"Beneficiary kept\"");
        // someone else's form in this session: not given back, as before
        HttpResponse<String> foreign = send(request("/accounts/" + from + "/retire", null).header("Cookie", s.cookie())
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                        "signedInAs=cn-power-1-init&series=CEA%2F2024&quantity=12&beneficiary=x&purpose=y&_csrf=an-old-token")).build());
        assertThat(location(foreign)).isEqualTo("/login?expired");
        assertThat(transactions()).isEqualTo(before);
    }

    static String csrfOf(String page) {
        Matcher m = CSRF.matcher(page);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void a_calendar_notice_sent_after_the_session_ended_comes_back_on_its_jurisdictions_and_years_page() {
        long before = count("SELECT count(*) FROM calendar_proposal");
        String lines = "2031-01-01\tHOLIDAY\t元旦\n2031-10-01\tHOLIDAY\t国庆节";
        String body = "signedInAs=admin-cn&jurisdiction=CN&year=2031&lines=" + URLEncoder.encode(lines, StandardCharsets.UTF_8)
                + "&reason=" + URLEncoder.encode("国办发明电〔2030〕1号", StandardCharsets.UTF_8) + "&_csrf=stale-token";
        HttpResponse<String> sent = send(request("/admin/calendar/import", null).header("Cookie", "JSESSIONID=ended" + System.nanoTime() + "; openets-lang=zh_CN")
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(sent.statusCode()).isEqualTo(302);
        assertThat(location(sent)).isEqualTo("/login?unsent");
        assertThat(count("SELECT count(*) FROM calendar_proposal")).isEqualTo(before);

        String cookie = cookie(sent.headers().allValues("Set-Cookie"));
        HttpResponse<String> signedIn = signIn(cookie, "admin-cn");
        assertThat(location(signedIn)).isEqualTo("/admin/calendar?jurisdiction=CN&year=2031");
        String page = send(request("/admin/calendar?jurisdiction=CN&year=2031", null).header("Cookie", sessionAfter(signedIn, cookie) + "; openets-lang=zh_CN")
                .GET().build()).body();
        assertThat(page).contains("id=\"form-resumed\"", "2031-10-01\tHOLIDAY\t国庆节", "国办发明电〔2030〕1号");
        assertThat(count("SELECT count(*) FROM calendar_proposal")).isEqualTo(before);
    }
}
