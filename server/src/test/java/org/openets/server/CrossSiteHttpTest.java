package org.openets.server;

import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser must never be led to send credentials to the API from another site: a 401 challenges for a bearer
 * token only (a Basic challenge makes browsers ask for a password and resend it), and a state-changing request whose
 * Origin or Referer names another site is refused with 403 CSRF_REJECTED and recorded, whatever signs it in.
 * Clients that are not browsers (no Origin) keep working with HTTP Basic and bearer tokens.
 */
class CrossSiteHttpTest extends ServerTestBase {
    static final String ENTITY = "sh-power-2", OTHER = "sh-alu-1", INIT = ENTITY + "-init", APPR = ENTITY + "-appr";
    static final String EVIL = "http://evil.example";

    long pending(String commandId) {
        HttpResponse<String> r = postJson("/api/v1/transactions", INIT, """
                {"commandId":"%s","type":"TRANSFER","from":"%s","to":"%s","unitType":"SHEA","vintage":2024,"quantity":1}"""
                .formatted(commandId, accountOf(ENTITY), accountOf(OTHER)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).path("id").asLong();
    }

    String status(long id) { return text("SELECT status FROM registry_transaction WHERE id = ?", id); }

    HttpResponse<String> declineFrom(long id, String header, String value) {
        return send(request("/api/v1/transactions/" + id + "/decline", APPR).header(header, value)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"not ours\"}")).build());
    }

    @Test
    void a_401_never_challenges_for_basic() {
        HttpResponse<String> r = get("/api/v1/accounts", null);
        assertProblem(r, 401, "UNAUTHENTICATED");
        assertThat(r.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"openets\"");
        HttpResponse<String> wrong = send(request("/api/v1/accounts", null).header("Authorization",
                "Basic " + java.util.Base64.getEncoder().encodeToString((INIT + ":not-the-password").getBytes())).GET().build());
        assertProblem(wrong, 401, "BAD_CREDENTIALS");
        assertThat(String.join(",", wrong.headers().allValues("WWW-Authenticate"))).doesNotContainIgnoringCase("basic");
    }

    @Test
    void a_cross_site_state_change_signed_by_basic_is_refused_and_recorded() {
        long id = pending("xsite-1");
        String before = status(id);
        long recorded = refusals(APPR, "CSRF_REJECTED");
        assertProblem(declineFrom(id, "Origin", EVIL), 403, "CSRF_REJECTED");
        assertProblem(declineFrom(id, "Referer", EVIL + "/page.html"), 403, "CSRF_REJECTED");
        assertProblem(declineFrom(id, "Origin", "null"), 403, "CSRF_REJECTED");
        // the same host on another port is another origin
        assertProblem(declineFrom(id, "Origin", "http://localhost:" + (port + 1)), 403, "CSRF_REJECTED");
        assertThat(status(id)).isEqualTo(before);
        assertThat(refusals(APPR, "CSRF_REJECTED")).isEqualTo(recorded + 4);

        // a bearer token from another site's page is no different
        String token = json(postJson("/api/v1/tokens", APPR, "{\"name\":\"xsite\"}")).path("token").asString();
        HttpResponse<String> bearer = send(request("/api/v1/transactions/" + id + "/decline", null).header("Authorization", "Bearer " + token)
                .header("Origin", EVIL).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertProblem(bearer, 403, "CSRF_REJECTED");
        assertThat(status(id)).isEqualTo(before);

        // reading from another site is not a state change
        assertThat(send(request("/api/v1/transactions/" + id, APPR).header("Origin", EVIL).GET().build()).statusCode()).isEqualTo(200);
    }

    @Test
    void same_origin_and_non_browser_clients_keep_working() {
        long id = pending("xsite-2");
        // the decline reaches the registry and happens (200, the transaction rejected as DECLINED)
        assertThat(declineFrom(id, "Origin", "http://localhost:" + port).statusCode()).isEqualTo(200);
        assertThat(status(id)).isEqualTo("REJECTED");

        long other = pending("xsite-3");
        assertThat(declineFrom(other, "Referer", "http://localhost:" + port + "/transactions/" + other).statusCode()).isEqualTo(200);
        assertThat(status(other)).isEqualTo("REJECTED");

        // curl: HTTP Basic without Origin mints a token, and the token works without Origin
        HttpResponse<String> minted = postJson("/api/v1/tokens", INIT, "{}");
        assertThat(minted.statusCode()).as(minted.body()).isEqualTo(201);
        long third = pending("xsite-4");
        HttpResponse<String> cancelled = send(request("/api/v1/transactions/" + third + "/cancel", null)
                .header("Authorization", "Bearer " + json(minted).path("token").asString()).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
    }
}
