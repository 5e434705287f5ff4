package org.openets.server;

import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A person sent to sign in lands, once signed in, on the page they asked for, at its own address. */
class SignInLandingHttpTest extends ServerTestBase {

    @Test
    void after_sign_in_the_page_asked_for_opens_at_its_own_address() {
        HttpResponse<String> asked = send(request("/admin/issuance", null).GET().build());
        assertThat(asked.statusCode()).isEqualTo(302);
        String cookie = cookie(asked.headers().allValues("Set-Cookie"));
        HttpResponse<String> loginPage = send(request("/login", null).header("Cookie", cookie).GET().build());
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(loginPage.body());
        assertThat(csrf.find()).isTrue();
        HttpResponse<String> signedIn = send(request("/login", null).header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin-cn&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
                        + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8))).build());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElse("")).endsWith("/admin/issuance").doesNotContain("continue");
    }
}
