package org.openets.server;

import org.junit.jupiter.api.Test;
import org.openets.web.security.TokenIssuer;
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** API tokens: created with a password sign-in, used as bearer tokens, stored only as SHA-256, expiring, revocable. */
class ApiTokenHttpTest extends ServerTestBase {
    static final String USER = "sz-power-2-init";

    HttpResponse<String> bearer(String path, String token) {
        return send(request(path, null).header("Authorization", "Bearer " + token).GET().build());
    }

    @Test
    void a_token_signs_in_until_it_is_revoked() {
        HttpResponse<String> created = postJson("/api/v1/tokens", USER, "{\"name\":\"erp\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode t = json(created);
        String token = t.path("token").asString();
        assertThat(token).startsWith("oets_");

        // only the SHA-256 is stored
        long id = t.path("id").asLong();
        assertThat(text("SELECT token_hash FROM api_token WHERE id = ?", id)).isEqualTo(TokenIssuer.sha256(token));
        assertThat(count("SELECT count(*) FROM api_token WHERE token_hash = ? OR name = ?", token, token)).isZero();

        HttpResponse<String> me = bearer("/api/v1/me", token);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(json(me).path("login").asString()).isEqualTo(USER);
        assertThat(bearer("/api/v1/accounts", token).statusCode()).isEqualTo(200);
        // listed without its text
        JsonNode list = json(get("/api/v1/tokens", USER));
        assertThat(list.toString()).contains("\"erp\"").doesNotContain(token);

        // a token cannot mint tokens
        HttpResponse<String> minted = send(request("/api/v1/tokens", null).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertProblem(minted, 403, "PASSWORD_SIGN_IN_REQUIRED");

        // somebody else cannot revoke it
        assertProblem(send(request("/api/v1/tokens/" + id, "sz-power-1-init").DELETE().build()), 404, "UNKNOWN_TOKEN");
        HttpResponse<String> revoked = send(request("/api/v1/tokens/" + id, USER).DELETE().build());
        assertThat(revoked.statusCode()).isEqualTo(204);
        long recorded = refusals("anonymous", "TOKEN_REVOKED");
        assertProblem(bearer("/api/v1/accounts", token), 401, "TOKEN_REVOKED");
        assertThat(refusals("anonymous", "TOKEN_REVOKED")).isEqualTo(recorded + 1);
        assertProblem(send(request("/api/v1/tokens/" + id, USER).DELETE().build()), 404, "UNKNOWN_TOKEN");
    }

    @Test
    void a_token_expires() throws Exception {
        HttpResponse<String> created = postJson("/api/v1/tokens", USER, "{\"name\":\"short\",\"expiresInSeconds\":1}");
        assertThat(created.statusCode()).isEqualTo(201);
        String token = json(created).path("token").asString();
        assertThat(bearer("/api/v1/me", token).statusCode()).isEqualTo(200);
        Thread.sleep(1_300);
        assertProblem(bearer("/api/v1/me", token), 401, "TOKEN_EXPIRED");
    }

    @Test
    void unknown_tokens_and_bad_lifetimes_are_refused() {
        assertProblem(bearer("/api/v1/accounts", "oets_nothing"), 401, "TOKEN_UNKNOWN");
        assertProblem(postJson("/api/v1/tokens", USER, "{\"expiresInSeconds\":0}"), 400, "VALIDATION_FAILED");
        assertProblem(postJson("/api/v1/tokens", USER, "{\"expiresInSeconds\":99999999999}"), 400, "VALIDATION_FAILED");
        assertProblem(postJson("/api/v1/tokens", null, "{}"), 401, "UNAUTHENTICATED");
    }

    @Test
    void a_browser_session_creates_tokens_with_its_csrf_token() {
        Session s = session(USER);
        // without the CSRF token, a session-signed write is refused
        HttpResponse<String> noCsrf = send(request("/api/v1/tokens", null).header("Cookie", s.cookie())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertProblem(noCsrf, 403, "CSRF_TOKEN_INVALID");
        HttpResponse<String> ok = send(request("/api/v1/tokens", null).header("Cookie", s.cookie()).header("X-CSRF-TOKEN", s.csrf())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"from the browser\"}")).build());
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
        // and reads with the session alone
        assertThat(send(request("/api/v1/me", null).header("Cookie", s.cookie()).GET().build()).statusCode()).isEqualTo(200);
    }

}
