package org.openets.server;

import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person's own password: someone whose password an administrator set (who knows it) does nothing but choose their
 * own, in the pages and the API; anyone changes theirs by giving the current one; a wrong current password counts as a
 * failed sign-in; the change ends the person's other sessions and revokes their tokens, and the session it was made in
 * goes on. People added by admin-sh; sh-power-1's roles are not touched.
 */
class OwnPasswordHttpTest extends ServerTestBase {
    static final String GIVEN = "given-by-the-admin-1", OWN = "my-own-choice-2024";

    static String basic(String login, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> as(String login, String password, String method, String path, String json) {
        HttpRequest.Builder b = request(path, null).header("Authorization", basic(login, password));
        if (json != null) b.header("Content-Type", "application/json");
        return send(b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> change(String login, String password, String current, String next) {
        return as(login, password, "POST", "/api/v1/me/password", "{\"current\":\"" + current + "\",\"password\":\"" + next + "\"}");
    }

    void addPerson(String login) {
        HttpResponse<String> r = postJson("/api/v1/people", "admin-sh", """
                {"login":"%s","displayName":"测试 %s","password":"%s","passwordAgain":"%s"}""".formatted(login, login, GIVEN, GIVEN));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    /** Signs in with the sign-in form: the session cookie and where the sign-in sent the person. */
    String[] signIn(String login, String password) {
        HttpResponse<String> page = get("/login", null);
        String cookie = cookie(page.headers().allValues("Set-Cookie"));
        java.util.regex.Matcher m = CSRF.matcher(page.body());
        assertThat(m.find()).isTrue();
        String form = "username=" + URLEncoder.encode(login, StandardCharsets.UTF_8) + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> signedIn = send(request("/login", null).header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        String session = cookie(signedIn.headers().allValues("Set-Cookie"));
        return new String[]{session == null ? cookie : session, signedIn.headers().firstValue("Location").orElse("")};
    }

    HttpResponse<String> open(String cookie, String path) { return send(request(path, null).header("Cookie", cookie).GET().build()); }

    @Test
    void a_person_whose_password_an_administrator_set_chooses_their_own_before_anything_else() {
        String login = "pw-added-1";
        addPerson(login);
        // the API: who they are, and nothing else until they choose
        HttpResponse<String> me = as(login, GIVEN, "GET", "/api/v1/me", null);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(json(me).path("passwordChangeRequired").asBoolean()).isTrue();
        long refused = refusals(login, "PASSWORD_CHANGE_REQUIRED");
        assertProblem(as(login, GIVEN, "GET", "/api/v1/accounts", null), 403, "PASSWORD_CHANGE_REQUIRED");
        assertProblem(as(login, GIVEN, "POST", "/api/v1/tokens", "{}"), 403, "PASSWORD_CHANGE_REQUIRED");
        assertThat(refusals(login, "PASSWORD_CHANGE_REQUIRED")).isEqualTo(refused + 2);
        assertThat(count("SELECT count(*) FROM api_token WHERE login = ?", login)).isZero();

        // the pages: every page leads to the password page, which says why
        String[] s = signIn(login, GIVEN);
        HttpResponse<String> accounts = open(s[0], "/accounts");
        assertThat(accounts.statusCode()).isEqualTo(302);
        assertThat(accounts.headers().firstValue("Location").orElse("")).endsWith("/me/password");
        assertThat(open(s[0], "/me/password?lang=zh_CN").body()).contains("您的密码由管理员设置", "id=\"password-form\"");
        assertThat(open(s[0], "/css/openets.css").statusCode()).isEqualTo(200);

        // chosen: the flag is gone, the old password no longer works, the history says who did it
        HttpResponse<String> changed = change(login, GIVEN, GIVEN, OWN);
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);
        assertThat(as(login, GIVEN, "GET", "/api/v1/me", null).statusCode()).isEqualTo(401);
        HttpResponse<String> after = as(login, OWN, "GET", "/api/v1/accounts", null);
        assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
        assertThat(json(as(login, OWN, "GET", "/api/v1/me", null)).path("passwordChangeRequired").asBoolean()).isFalse();
        assertThat(count("SELECT count(*) FROM person_change WHERE login = ? AND change = 'PASSWORD_CHANGED' AND changed_by = ?", login, login)).isEqualTo(1);
        // the session signed in with the administrator's password ended with it
        assertThat(open(s[0], "/accounts").headers().firstValue("Location").orElse("")).contains("/login?ended");

        // a new password from an administrator: to be changed again
        HttpResponse<String> reset = postJson("/api/v1/people/" + login + "/password", "admin-sh", "{\"password\":\"" + GIVEN + "\",\"passwordAgain\":\"" + GIVEN + "\"}");
        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
        assertProblem(as(login, GIVEN, "GET", "/api/v1/accounts", null), 403, "PASSWORD_CHANGE_REQUIRED");
    }

    @Test
    void the_new_password_follows_the_rules_and_a_wrong_current_one_counts_as_a_failed_sign_in() {
        String login = "pw-rules-1";
        addPerson(login);
        long before = count("SELECT count(*) FROM person_change WHERE login = ? AND change = 'PASSWORD_CHANGED'", login);
        assertProblem(change(login, GIVEN, GIVEN, "short"), 400, "VALIDATION_FAILED");
        assertProblem(change(login, GIVEN, GIVEN, "            "), 400, "VALIDATION_FAILED");
        assertProblem(change(login, GIVEN, GIVEN, login), 400, "VALIDATION_FAILED");
        assertProblem(change(login, GIVEN, GIVEN, GIVEN), 400, "VALIDATION_FAILED");
        assertProblem(as(login, GIVEN, "POST", "/api/v1/me/password", "{\"current\":\"" + GIVEN + "\"}"), 400, "VALIDATION_FAILED");
        long failures = refusals(login, "BAD_CREDENTIALS");
        assertProblem(change(login, GIVEN, "not-the-password", OWN), 403, "BAD_CREDENTIALS");
        assertThat(refusals(login, "BAD_CREDENTIALS")).isEqualTo(failures + 1);
        assertThat(count("SELECT count(*) FROM person_change WHERE login = ? AND change = 'PASSWORD_CHANGED'", login)).isEqualTo(before);
        // four more wrong ones lock the login: then even the right current password is refused for a while
        for (int i = 0; i < 4; i++) assertProblem(change(login, GIVEN, "not-the-password", OWN), 403, "BAD_CREDENTIALS");
        HttpResponse<String> locked = change(login, GIVEN, GIVEN, OWN);
        assertProblem(locked, 429, "LOGIN_THROTTLED");
        assertThat(count("SELECT count(*) FROM person_change WHERE login = ? AND change = 'PASSWORD_CHANGED'", login)).isEqualTo(before);
    }

    @Test
    void anyone_changes_their_own_password_in_the_page_and_their_session_goes_on_while_the_others_end() {
        String login = "pw-page-1";
        addPerson(login);
        choosesOwnPassword(login, GIVEN);
        HttpResponse<String> token = postJson("/api/v1/tokens", login, "{\"name\":\"before\",\"expiresInSeconds\":3600}");
        assertThat(token.statusCode()).as(token.body()).isEqualTo(201);
        String other = signIn(login, PASSWORD)[0];
        String[] s = signIn(login, PASSWORD);
        assertThat(s[1]).doesNotContain("error");
        HttpResponse<String> page = open(s[0], "/me/password?lang=en");
        assertThat(page.body()).contains("Change my password").doesNotContain("id=\"password-required\"");
        java.util.regex.Matcher csrf = CSRF.matcher(page.body());
        assertThat(csrf.find()).isTrue();
        String form = "current=" + PASSWORD + "&password=" + OWN + "&passwordAgain=" + OWN + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> r = send(request("/me/password", null).header("Cookie", s[0]).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElse("")).endsWith("/accounts");
        // this session goes on, under a new id (a copy of the old cookie is worth nothing); the other ended; the token is revoked
        String renewed = cookie(r.headers().allValues("Set-Cookie"));
        assertThat(renewed).isNotNull().isNotEqualTo(s[0]);
        assertThat(open(s[0], "/accounts").statusCode()).isEqualTo(302);
        s[0] = renewed;
        assertThat(open(s[0], "/accounts").statusCode()).isEqualTo(200);
        assertThat(open(other, "/accounts").headers().firstValue("Location").orElse("")).contains("/login?ended");
        assertThat(send(request("/api/v1/me", null).header("Authorization", "Bearer " + json(token).path("token").asString()).GET().build()).statusCode()).isEqualTo(401);
        assertThat(as(login, OWN, "GET", "/api/v1/me", null).statusCode()).isEqualTo(200);
        // a refused change says why and keeps no password in the page
        page = open(s[0], "/me/password");
        csrf = CSRF.matcher(page.body());
        assertThat(csrf.find()).isTrue();
        HttpResponse<String> refused = send(request("/me/password", null).header("Cookie", s[0] + "; openets-lang=zh-CN").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("current=wrong-password-9&password=" + OWN + "x&passwordAgain=" + OWN + "x&_csrf="
                        + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8))).build());
        assertThat(refused.statusCode()).isEqualTo(302);
        String back = open(s[0] + "; openets-lang=zh-CN", "/me/password").body();
        assertThat(back).contains("当前密码不正确").doesNotContain("wrong-password-9", OWN + "x");
        // the demo's own people are not asked to change theirs
        assertThat(json(get("/api/v1/me", "sh-power-1-init")).path("passwordChangeRequired").asBoolean()).isFalse();
        // nobody signed in changes nothing
        assertThat(send(request("/api/v1/me/password", null).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"current\":\"x\",\"password\":\"y\"}")).build()).statusCode()).isEqualTo(401);
    }

    @Test
    void guesses_sent_all_at_once_meet_the_throttle_and_a_token_changes_no_password() throws Exception {
        String login = "pw-burst-1";
        addPerson(login);
        choosesOwnPassword(login, GIVEN);
        // a token is no password: it neither changes one nor guesses at one
        HttpResponse<String> minted = postJson("/api/v1/tokens", login, "{\"name\":\"t\",\"expiresInSeconds\":3600}");
        String token = json(minted).path("token").asString();
        HttpResponse<String> byToken = send(request("/api/v1/me/password", null).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"current\":\"" + PASSWORD + "\",\"password\":\"" + OWN + "\"}")).build());
        assertProblem(byToken, 403, "PASSWORD_SIGN_IN_REQUIRED");
        assertThat(refusals(login, "BAD_CREDENTIALS")).isZero();

        // twenty wrong sign-ins at once: only five are checked (and recorded as failures), the rest meet the lock
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(20);
        try {
            java.util.List<java.util.concurrent.Future<HttpResponse<String>>> answers = new java.util.ArrayList<>();
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            for (int i = 0; i < 20; i++) {
                String guess = "wrong-guess-" + i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return as(login, guess, "GET", "/api/v1/me", null);
                }));
            }
            start.countDown();
            int refused = 0, throttled = 0;
            for (var a : answers) {
                int status = a.get().statusCode();
                if (status == 401) refused++;
                if (status == 429) throttled++;
            }
            assertThat(refused + throttled).isEqualTo(20);
            assertThat(refusals(login, "BAD_CREDENTIALS")).isLessThanOrEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
        // and the right password is refused too while the lock holds
        assertProblem(as(login, PASSWORD, "GET", "/api/v1/me", null), 429, "LOGIN_THROTTLED");
    }

    @Test
    void a_session_goes_on_under_a_new_id_after_a_change_over_the_api_too() {
        String login = "pw-session-1";
        addPerson(login);
        choosesOwnPassword(login, GIVEN);
        String[] s = signIn(login, PASSWORD);
        HttpResponse<String> page = open(s[0], "/accounts");
        java.util.regex.Matcher csrf = CSRF.matcher(page.body());
        assertThat(csrf.find()).isTrue();
        HttpResponse<String> r = send(request("/api/v1/me/password", null).header("Cookie", s[0]).header("X-CSRF-TOKEN", csrf.group(1))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"current\":\"" + PASSWORD + "\",\"password\":\"" + OWN + "\"}")).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
        String renewed = cookie(r.headers().allValues("Set-Cookie"));
        assertThat(renewed).as("a new session id").isNotNull().isNotEqualTo(s[0]);
        // the old id is worth nothing; the new one goes on
        assertThat(open(s[0], "/accounts").statusCode()).isEqualTo(302);
        assertThat(open(renewed, "/accounts").statusCode()).isEqualTo(200);
    }
}
