package org.openets.server;

import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A form sent after its session ended (the server no longer knows the session, so its CSRF token is worth nothing):
 * nothing is done, and the sign-in page says so in the person's language — that the form was not sent and must be
 * filled in again, not merely that something "expired".
 */
class ExpiredFormHttpTest extends ServerTestBase {

    private HttpResponse<String> transfer(String cookie, String csrf, String lang) {
        String from = accountOf("cn-power-1"), to = accountOf("cn-power-2");
        String body = "to=" + to + "&series=CEA%2F2024&quantity=1&step=confirm&commandId=expired-" + System.nanoTime()
                + "&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
        return send(request("/accounts/" + from + "/transfer", null).header("Cookie", cookie + "; openets-lang=" + lang)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void a_form_sent_after_the_session_ended_does_nothing_and_the_sign_in_page_says_so() {
        Session s = session("cn-power-1-init");
        long before = transactions();
        for (String[] c : new String[][]{{"zh-CN", "表单未被受理：您的会话已结束，或表单来自之前的会话。未执行任何操作。"},
                {"en", "The form was not accepted: your session had ended, or the form came from an earlier session. Nothing was done."}}) {
            // the session is gone (timed out, or the server restarted): the browser still sends its old cookie and token
            HttpResponse<String> r = transfer("JSESSIONID=ended" + System.nanoTime(), s.csrf(), c[0]);
            assertThat(r.statusCode()).isEqualTo(302);
            String location = r.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
            assertThat(location).startsWith("/login?expired");
            String page = send(request(location, null).header("Cookie", "openets-lang=" + c[0]).GET().build()).body();
            assertThat(page).contains(c[1]);
        }
        // a live session with a token not its own: the same
        HttpResponse<String> forged = transfer(s.cookie(), "not-the-token", "en");
        assertThat(forged.headers().firstValue("Location").orElse("")).contains("/login?expired");
        assertThat(transactions()).isEqualTo(before);
    }
}
