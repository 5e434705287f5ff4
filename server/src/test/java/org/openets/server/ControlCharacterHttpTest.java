package org.openets.server;

import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A NUL (U+0000, which PostgreSQL cannot store) or another C0 control character in text is refused at the edge
 * with 400 VALIDATION_FAILED naming the field or parameter, and nothing is written; a refusal whose text carries a
 * NUL is still recorded.
 */
class ControlCharacterHttpTest extends ServerTestBase {
    static final String ENTITY = "sh-power-2", OTHER = "sh-alu-1", INIT = ENTITY + "-init";

    String proposal(String commandId, String from, String purpose) {
        return """
                {"commandId":"%s","type":"TRANSFER","from":"%s","to":"%s","unitType":"SHEA","vintage":2024,"quantity":1,"purpose":"%s"}"""
                .formatted(commandId, from, accountOf(OTHER), purpose);
    }

    void refused(HttpResponse<String> r, String field) {
        assertProblem(r, 400, "VALIDATION_FAILED");
        assertThat(json(r).path("detail").asString()).contains(field).contains("control character");
    }

    @Test
    void control_characters_in_json_strings_are_refused_and_nothing_is_written() {
        long t = transactions(), r = refusals();
        refused(postJson("/api/v1/transactions", INIT, proposal("ctl-1", accountOf(ENTITY), "a\\u0000b")), "purpose");
        refused(postJson("/api/v1/transactions", INIT, proposal("ctl-2", accountOf(ENTITY) + "\\u0000", "x")), "from");
        refused(postJson("/api/v1/transactions", INIT, proposal("ctl-3", accountOf(ENTITY), "bell\\u0007")), "purpose");
        String line = "{\"type\":\"TRANSFER\",\"from\":\"%s\",\"to\":\"%s\",\"unitType\":\"SHEA\",\"vintage\":2024,\"quantity\":1,\"purpose\":\"a\\u001fb\"}"
                .formatted(accountOf(ENTITY), accountOf(OTHER));
        refused(postJson("/api/v1/batches", "admin-sh", "{\"commandId\":\"ctl-batch-1\",\"lines\":[" + line + "]}"), "lines[0].purpose");
        assertThat(transactions()).isEqualTo(t);
        assertThat(count("SELECT count(*) FROM registry_transaction WHERE command_id LIKE 'ctl-%'")).isZero();

        long tokens = count("SELECT count(*) FROM api_token WHERE login = ?", INIT);
        refused(postJson("/api/v1/tokens", INIT, "{\"name\":\"a\\u0000b\"}"), "name");
        assertThat(count("SELECT count(*) FROM api_token WHERE login = ?", INIT)).isEqualTo(tokens);
        assertThat(refusals()).isEqualTo(r);
    }

    @Test
    void tab_line_feed_and_carriage_return_are_text() {
        HttpResponse<String> created = postJson("/api/v1/tokens", INIT, "{\"name\":\"ctl\\tline one\\r\\nline two\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(created).path("name").asString()).isEqualTo("ctl\tline one\r\nline two");
    }

    @Test
    void control_characters_in_parameters_are_refused() {
        long r = refusals();
        refused(get("/api/v1/audit/refusals?actor=a%00b", "auditor"), "actor");
        refused(get("/api/v1/accounts?x=%01", INIT), "x");
        refused(send(request("/api/v1/transactions/1/decline", INIT).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("note=a%00b")).build()), "note");
        assertThat(refusals()).isEqualTo(r);
        // the sign-in form: a 400, not a sign-in attempt
        HttpResponse<String> login = send(request("/login", null).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode("ctl\0user", StandardCharsets.UTF_8) + "&password=x")).build());
        assertThat(login.statusCode()).isEqualTo(400);
        assertThat(refusals()).isEqualTo(r);
    }

    @Test
    void a_refused_sign_in_with_a_nul_in_the_login_is_recorded() {
        String login = "ctl\0nul";
        HttpResponse<String> r = send(request("/api/v1/accounts", null).header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString((login + ":wrong").getBytes(StandardCharsets.UTF_8))).GET().build());
        assertProblem(r, 401, "BAD_CREDENTIALS");
        assertThat(refusals("ctl\uFFFDnul", "BAD_CREDENTIALS")).isEqualTo(1);
    }
}
