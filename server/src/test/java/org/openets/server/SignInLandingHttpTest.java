package org.openets.server;

import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person sent to sign in lands, once signed in, on the page they asked for; a form posted before signing in is never
 * run afterwards (a saved POST replayed after sign-in would pass by its CSRF check: a session prepared by someone else
 * would run their form as the person who signs in).
 */
class SignInLandingHttpTest extends ServerTestBase {

    record Prepared(String cookie, String csrf) {}

    Prepared anonymousSession() {
        HttpResponse<String> login = send(request("/login", null).GET().build());
        String cookie = cookie(login.headers().allValues("Set-Cookie"));
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login.body());
        assertThat(csrf.find()).isTrue();
        return new Prepared(cookie, csrf.group(1));
    }

    HttpResponse<String> signIn(Prepared s, String login) {
        HttpResponse<String> page = send(request("/login", null).header("Cookie", s.cookie()).GET().build());
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).isTrue();
        return send(request("/login", null).header("Cookie", s.cookie()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + login + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
                        + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8))).build());
    }

    @Test
    void after_sign_in_the_page_asked_for_opens() {
        HttpResponse<String> asked = send(request("/admin/issuance", null).GET().build());
        assertThat(asked.statusCode()).isEqualTo(302);
        Prepared s = new Prepared(cookie(asked.headers().allValues("Set-Cookie")), null);
        HttpResponse<String> signedIn = signIn(s, "admin-cn");
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElse("")).contains("/admin/issuance");
    }

    @Test
    void a_form_posted_before_sign_in_is_not_run_after_it() {
        Prepared s = anonymousSession();
        long caps = count("SELECT count(*) FROM issuance_limit_change"), before = transactions();
        HttpResponse<String> posted = send(request("/admin/issuance/cap", null).header("Cookie", s.cookie())
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                        "unitType=CEA&vintage=2041&quantity=5&source=replayed&_csrf=" + URLEncoder.encode(s.csrf(), StandardCharsets.UTF_8))).build());
        assertThat(posted.statusCode()).isEqualTo(302);
        HttpResponse<String> signedIn = signIn(s, "admin-cn");
        assertThat(signedIn.statusCode()).isEqualTo(302);
        String landing = signedIn.headers().firstValue("Location").orElse("").replaceFirst("^https?://[^/]+", "");
        assertThat(landing).doesNotContain("/admin/issuance/cap");
        String session = cookie(signedIn.headers().allValues("Set-Cookie"));
        send(request(landing.isEmpty() ? "/accounts" : landing, null).header("Cookie", session == null ? s.cookie() : session).GET().build());
        send(request("/admin/issuance/cap", null).header("Cookie", session == null ? s.cookie() : session).GET().build());
        assertThat(count("SELECT count(*) FROM issuance_limit_change")).isEqualTo(caps);
        assertThat(count("SELECT count(*) FROM issuance_limit WHERE unit_type = 'CEA' AND vintage = 2041")).isZero();
        assertThat(count("SELECT count(*) FROM issuance_limit_proposal WHERE unit_type = 'CEA' AND vintage = 2041")).isZero();
        assertThat(transactions()).isEqualTo(before);
    }
}
