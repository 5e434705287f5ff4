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

    /** Spring's form login trims the login: the throttle counts " alice " as alice, and no padded login is ever tried. */
    @Test
    void a_login_padded_with_spaces_is_throttled_as_the_login_it_names() {
        String login = user("throttle-padded");
        for (int i = 0; i < 5; i++) assertProblem(me(login, "wrong-" + i), 401, "BAD_CREDENTIALS");
        assertProblem(me(login, PASSWORD), 429, "LOGIN_THROTTLED");
        for (String padded : new String[]{login + " ", " " + login, "\t" + login + "  "})
            assertThat(form(padded, PASSWORD).headers().firstValue("Location").orElse("")).as("[" + padded + "]").endsWith("/login?throttled");
        // failures through a padded login count for the login it names
        String other = user("throttle-padded-2");
        for (int i = 0; i < 5; i++) assertThat(form(other + "   ", "wrong-" + i).headers().firstValue("Location").orElse("")).endsWith("/login?error");
        assertThat(refusals(other, "BAD_CREDENTIALS")).isEqualTo(5);
        assertThat(form(other, PASSWORD).headers().firstValue("Location").orElse("")).endsWith("/login?throttled");
        // a login longer than any login is refused without trying the password, however often
        String tooLong = user("throttle-long") + " ".repeat(60) + "x";
        for (int i = 0; i < 8; i++) assertThat(form(tooLong, PASSWORD).headers().firstValue("Location").orElse("")).endsWith("/login?error");
        assertThat(form("throttle-long" + " ".repeat(60), PASSWORD).headers().firstValue("Location").orElse("")).as("trimmed to 13 characters: signs in")
                .endsWith("/accounts");
    }

    /** A session ends when its user is disabled or given a new password; disabling revokes the user's tokens for good. */
    @Test
    void disabling_a_user_or_a_new_password_ends_their_sessions_and_revokes_their_tokens() {
        String login = user("session-ends");
        HttpResponse<String> signedIn = form(login, PASSWORD);
        assertThat(signedIn.headers().firstValue("Location").orElse("")).endsWith("/accounts");
        String session = cookie(signedIn.headers().allValues("Set-Cookie"));
        assertThat(send(request("/api/v1/me", null).header("Cookie", session).GET().build()).statusCode()).isEqualTo(200);
        HttpResponse<String> minted = postJson("/api/v1/tokens", login, "{\"name\":\"before the disable\",\"expiresInSeconds\":3600}");
        assertThat(minted.statusCode()).as(minted.body()).isEqualTo(201);
        String token = json(minted).path("token").asString();
        assertThat(send(request("/api/v1/me", null).header("Authorization", "Bearer " + token).GET().build()).statusCode()).isEqualTo(200);

        org.openets.store.security.PgPlatformUsers users = new org.openets.store.security.PgPlatformUsers(dataSource);
        assertThat(users.disable(login)).isTrue();
        long before = refusals(login, "SESSION_ENDED");
        assertProblem(send(request("/api/v1/me", null).header("Cookie", session).GET().build()), 401, "UNAUTHENTICATED");
        assertThat(refusals(login, "SESSION_ENDED")).isEqualTo(before + 1);
        // the auditors' refusal log says what that is, in Chinese on a Chinese page
        assertThat(page("/audit?actor=" + login + "&lang=zh_CN", "auditor").body()).contains("SESSION_ENDED", "会话已结束：该用户已被停用或已更换密码。");
        // the session is gone: a page sends the person to sign in
        assertThat(send(request("/accounts", null).header("Cookie", session).GET().build()).headers().firstValue("Location").orElse("")).contains("/login");
        assertThat(send(request("/api/v1/me", null).header("Authorization", "Bearer " + token).GET().build()).statusCode()).isEqualTo(401);

        // enabled again with a new password: the old token stays revoked
        String hash = text("SELECT password_hash FROM platform_user WHERE login = 'auditor'");
        assertThat(users.setPassword(login, hash)).isTrue();
        assertThat(send(request("/api/v1/me", null).header("Authorization", "Bearer " + token).GET().build()).statusCode()).isEqualTo(401);
        assertThat(count("SELECT count(*) FROM api_token WHERE login = '" + login + "' AND revoked_at IS NULL")).isZero();

        // a new password ends a session signed in with the old one, whatever Authorization header comes with the cookie
        String basicWrong = "Basic " + Base64.getEncoder().encodeToString((login + ":not-the-password").getBytes(StandardCharsets.UTF_8));
        for (String header : new String[]{null, basicWrong, "Foo bar"}) {
            HttpResponse<String> again = form(login, PASSWORD);
            assertThat(again.headers().firstValue("Location").orElse("")).endsWith("/accounts");
            String second = cookie(again.headers().allValues("Set-Cookie"));
            HttpRequest.Builder ok = request("/api/v1/me", null).header("Cookie", second);
            assertThat(send(ok.GET().build()).statusCode()).isEqualTo(200);
            update("UPDATE platform_user SET password_hash = password_hash || 'x' WHERE login = ?", login);
            HttpRequest.Builder page = request("/accounts", null).header("Cookie", second);
            long tokens = count("SELECT count(*) FROM api_token WHERE login = ?", login);
            if (header == null) {
                assertProblem(send(request("/api/v1/me", null).header("Cookie", second).GET().build()), 401, "UNAUTHENTICATED");
            } else {
                // a request with an Authorization header needs no CSRF token: minting a token with the old session must fail
                page.header("Authorization", header);
                HttpResponse<String> minted2 = send(request("/api/v1/tokens", null).header("Cookie", second).header("Authorization", header)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
                assertThat(minted2.statusCode()).as(header + ": " + minted2.body()).isEqualTo(401);
            }
            assertThat(count("SELECT count(*) FROM api_token WHERE login = ?", login)).isEqualTo(tokens);
            assertThat(send(page.GET().build()).headers().firstValue("Location").orElse("")).as(String.valueOf(header)).contains("/login");
            update("UPDATE platform_user SET password_hash = (SELECT password_hash FROM platform_user WHERE login = 'auditor') WHERE login = ?", login);
        }
    }

    /** Without the password, a disabled login answers as a wrong password does. */
    @Test
    void a_disabled_login_answers_as_a_wrong_password_does() {
        String login = user("disabled-basic");
        new org.openets.store.security.PgPlatformUsers(dataSource).disable(login);
        long wrongBefore = refusals(login, "BAD_CREDENTIALS");
        assertProblem(me(login, "wrong"), 401, "BAD_CREDENTIALS");
        assertProblem(me(login, PASSWORD), 401, "BAD_CREDENTIALS");
        assertProblem(me("nobody-at-all", "wrong"), 401, "BAD_CREDENTIALS");
        // the password is checked before the account's state: a wrong one is a wrong password (counted by the throttle),
        // the right one meets the disabled account (recorded as such, answered alike)
        assertThat(refusals(login, "BAD_CREDENTIALS")).isEqualTo(wrongBefore + 1);
        assertThat(refusals(login, "SIGN_IN_FAILED")).isEqualTo(1);
        HttpResponse<String> viaForm = form(login, PASSWORD);
        assertThat(viaForm.headers().firstValue("Location").orElse("")).endsWith("/login?error");
    }
}
