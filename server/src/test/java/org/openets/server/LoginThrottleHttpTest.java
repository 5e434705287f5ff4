package org.openets.server;

import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After 5 wrong passwords for one login within 15 minutes, its password sign-ins — even with the right password —
 * are refused for 15 minutes: 429 LOGIN_THROTTLED on the API, a message on the sign-in page, each recorded. The
 * count is kept in PostgreSQL (the refusal record), across the API and the form, per login.
 */
class LoginThrottleHttpTest extends ServerTestBase {

    /** A fresh person with the demo password, so that locking them out disturbs no other test. */
    String user(String login) {
        update("INSERT INTO platform_user (login, password_hash, display_name, kind) SELECT ?, password_hash, ?, 'AUDITOR' FROM platform_user WHERE login = 'auditor'",
                login, login);
        return login;
    }

    void update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A failed sign-in recorded some time ago, as the platform records one. */
    void failedAgo(String login, Duration ago, String code) {
        update("INSERT INTO refusal (at, actor, action, code, detail) VALUES (?, ?, 'LOGIN', ?, 'wrong login or password')",
                Timestamp.from(Instant.now().minus(ago)), login, code);
    }

    HttpResponse<String> me(String login, String password) {
        return send(request("/api/v1/me", null).header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8))).GET().build());
    }

    HttpResponse<String> form(String login, String password) {
        HttpResponse<String> page = get("/login", null);
        Matcher m = CSRF.matcher(page.body());
        assertThat(m.find()).isTrue();
        String body = "username=" + URLEncoder.encode(login, StandardCharsets.UTF_8) + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
        return send(request("/login", null).header("Cookie", cookie(page.headers().allValues("Set-Cookie")))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void five_wrong_passwords_lock_the_login_even_for_the_right_one() {
        String login = user("throttle-basic");
        for (int i = 0; i < 4; i++) assertProblem(me(login, "wrong-" + i), 401, "BAD_CREDENTIALS");
        // four failures do not lock
        assertThat(me(login, PASSWORD).statusCode()).isEqualTo(200);
        assertProblem(me(login, "wrong-5"), 401, "BAD_CREDENTIALS");

        HttpResponse<String> locked = me(login, PASSWORD);
        assertProblem(locked, 429, "LOGIN_THROTTLED");
        long retryAfter = Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 15 * 60L + 1);
        assertProblem(me(login, "wrong-6"), 429, "LOGIN_THROTTLED");
        assertThat(refusals(login, "LOGIN_THROTTLED")).isEqualTo(2);
        // refused attempts are not counted as failures, so the lock ends on time
        assertThat(refusals(login, "BAD_CREDENTIALS")).isEqualTo(5);

        // the form refuses the same login, with a message
        HttpResponse<String> viaForm = form(login, PASSWORD);
        assertThat(viaForm.statusCode()).isEqualTo(302);
        assertThat(viaForm.headers().firstValue("Location").orElse("")).endsWith("/login?throttled");
        assertThat(refusals(login, "LOGIN_THROTTLED")).isEqualTo(3);
        assertThat(get("/login?throttled&lang=en", null).body()).contains("id=\"login-throttled\"").contains("Too many failed sign-ins");

        // others are not affected
        String other = user("throttle-other");
        assertThat(me(other, PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void failures_through_the_form_count_too() {
        String login = user("throttle-form");
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> wrong = form(login, "wrong-" + i);
            assertThat(wrong.headers().firstValue("Location").orElse("")).endsWith("/login?error");
        }
        assertThat(refusals(login, "BAD_CREDENTIALS")).isEqualTo(5);
        assertThat(form(login, PASSWORD).headers().firstValue("Location").orElse("")).endsWith("/login?throttled");
        assertProblem(me(login, PASSWORD), 429, "LOGIN_THROTTLED");
    }

    @Test
    void the_lock_is_read_from_the_database_and_ends_after_15_minutes() {
        // five failures ten minutes ago: still locked (as another platform process, or one before a restart, recorded them)
        String recent = user("throttle-recent");
        for (int i = 0; i < 5; i++) failedAgo(recent, Duration.ofMinutes(10).plusSeconds(i), "BAD_CREDENTIALS");
        assertProblem(me(recent, PASSWORD), 429, "LOGIN_THROTTLED");

        // the last of them twenty minutes ago: the lock has ended
        String old = user("throttle-old");
        for (int i = 0; i < 5; i++) failedAgo(old, Duration.ofMinutes(20).plusSeconds(i), "BAD_CREDENTIALS");
        assertThat(me(old, PASSWORD).statusCode()).isEqualTo(200);

        // five failures spread over more than 15 minutes do not lock
        String spread = user("throttle-spread");
        for (int i = 0; i < 5; i++) failedAgo(spread, Duration.ofMinutes(1 + 4L * i), "BAD_CREDENTIALS");
        assertThat(me(spread, PASSWORD).statusCode()).isEqualTo(200);

        // only wrong passwords count, not other refusals
        String refused = user("throttle-refused");
        for (int i = 0; i < 6; i++) failedAgo(refused, Duration.ofMinutes(1), i % 2 == 0 ? "FORBIDDEN" : "CSRF_REJECTED");
        assertThat(me(refused, PASSWORD).statusCode()).isEqualTo(200);
    }
}
