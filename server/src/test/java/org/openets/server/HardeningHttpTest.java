package org.openets.server;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Metrics for administrators and auditors only; a Content-Security-Policy without inline script or style (and
 * templates that need none) and Referrer-Policy on every answer; a session cookie that is HttpOnly, SameSite=Lax and
 * Secure when the request came over https.
 */
class HardeningHttpTest extends ServerTestBase {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @Test
    void metrics_are_for_administrators_and_auditors() {
        assertProblem(get("/actuator/prometheus", null), 401, "UNAUTHENTICATED");
        long refused = refusals("sh-power-2-init", "FORBIDDEN");
        assertProblem(get("/actuator/prometheus", "sh-power-2-init"), 403, "FORBIDDEN");
        assertThat(refusals("sh-power-2-init", "FORBIDDEN")).isEqualTo(refused + 1);
        for (String login : List.of("auditor", "admin-sh")) {
            HttpResponse<String> r = get("/actuator/prometheus", login);
            assertThat(r.statusCode()).as(login).isEqualTo(200);
            assertThat(r.body()).contains("# HELP").contains("jvm_").contains("http_server_requests_seconds_count")
                    .doesNotContain("spring_security_filterchains").doesNotContain("spring_security_authorizations");
        }
        // health stays public
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
    }

    @Test
    void every_answer_carries_the_content_security_and_referrer_policies() {
        for (HttpResponse<String> r : List.of(get("/login", null), get("/public/report", null), get("/api/v1/unit-types", null),
                get("/api/v1/accounts", null), page("/accounts", "sh-power-2-init"))) {
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(r.uri().toString()).contains(CSP);
            assertThat(r.headers().firstValue("Referrer-Policy")).as(r.uri().toString()).contains("same-origin");
        }
    }

    static final Pattern INLINE = Pattern.compile("(?i)(\\sstyle\\s*=|th:style|<style|<script(?![^>]*\\ssrc=)|\\son[a-z]+\\s*=|javascript:)");

    @Test
    void the_templates_need_no_inline_script_or_style() throws IOException {
        Resource[] templates = new PathMatchingResourcePatternResolver().getResources("classpath*:templates/*.html");
        assertThat(templates).hasSizeGreaterThan(10);
        for (Resource t : templates) {
            String html = new String(t.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(INLINE.matcher(html).find()).as("inline script or style in %s", t.getFilename()).isFalse();
        }
    }

    @Test
    void the_session_cookie_is_http_only_same_site_and_secure_over_https() {
        String plain = sessionCookie(get("/login", null));
        assertThat(plain).contains("HttpOnly").containsIgnoringCase("SameSite=Lax").doesNotContain("Secure");
        // behind a TLS-terminating proxy on a private address
        String viaHttps = sessionCookie(send(request("/login", null).header("X-Forwarded-Proto", "https").GET().build()));
        assertThat(viaHttps).contains("Secure").contains("HttpOnly").containsIgnoringCase("SameSite=Lax");
    }

    static String sessionCookie(HttpResponse<String> r) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow();
    }
}
