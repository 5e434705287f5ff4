package org.openets.server;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API reads JSON strictly: unknown fields, a field sent twice, numbers sent as strings, fractions for whole numbers and numbers out
 * of a field's range are refused (400 VALIDATION_FAILED naming the field, 422 INVALID_QUANTITY for a quantity), never
 * ignored, coerced, truncated or answered as MALFORMED_JSON; nothing is written.
 */
class StrictJsonHttpTest extends ServerTestBase {
    static final String ENTITY = "sh-power-2", OTHER = "sh-alu-1", INIT = ENTITY + "-init";

    String transfer(String commandId, String vintage, String quantity, String extra) {
        return """
                {"commandId":"%s","type":"TRANSFER","from":"%s","to":"%s","unitType":"SHEA","vintage":%s,"quantity":%s%s}"""
                .formatted(commandId, accountOf(ENTITY), accountOf(OTHER), vintage, quantity, extra);
    }

    void refused(String path, String body, int status, String code, String detail) {
        long t = transactions(), r = refusals(), tokens = count("SELECT count(*) FROM api_token");
        HttpResponse<String> resp = postJson(path, path.endsWith("batches") ? "admin-sh" : INIT, body);
        assertProblem(resp, status, code);
        if (detail != null) assertThat(json(resp).path("detail").asString()).isEqualTo(detail);
        assertThat(transactions()).isEqualTo(t);
        assertThat(refusals()).isEqualTo(r);
        assertThat(count("SELECT count(*) FROM api_token")).isEqualTo(tokens);
    }

    @Test
    void unknown_fields_are_refused() {
        refused("/api/v1/transactions", transfer("strict-1", "2024", "1", ",\"colour\":\"red\""), 400, "VALIDATION_FAILED", "unknown field colour");
        refused("/api/v1/tokens", "{\"name\":\"x\",\"expiresIn\":60}", 400, "VALIDATION_FAILED", "unknown field expiresIn");
        String line = "{\"type\":\"TRANSFER\",\"from\":\"%s\",\"to\":\"%s\",\"unitType\":\"SHEA\",\"vintage\":2024,\"quantity\":1,\"qty\":1}"
                .formatted(accountOf(ENTITY), accountOf(OTHER));
        refused("/api/v1/batches", "{\"commandId\":\"strict-b1\",\"lines\":[" + line + "]}", 400, "VALIDATION_FAILED", "unknown field lines[0].qty");
    }

    @Test
    void a_field_sent_twice_is_refused_not_the_last_one_taken() {
        refused("/api/v1/transactions", transfer("strict-dup", "2024", "1", ",\"quantity\":2"), 400, "VALIDATION_FAILED", "field quantity is sent twice");
        String line = "{\"type\":\"TRANSFER\",\"from\":\"%s\",\"to\":\"%s\",\"unitType\":\"SHEA\",\"vintage\":2024,\"quantity\":1,\"to\":\"%s\"}"
                .formatted(accountOf(ENTITY), accountOf(OTHER), accountOf(ENTITY));
        refused("/api/v1/batches", "{\"commandId\":\"strict-b3\",\"lines\":[" + line + "]}", 400, "VALIDATION_FAILED", "field to is sent twice");
        assertThat(count("SELECT count(*) FROM registry_transaction WHERE command_id IN ('strict-dup', 'strict-b3')")).isZero();
    }

    @Test
    void numbers_are_not_coerced_or_truncated() {
        refused("/api/v1/transactions", transfer("strict-2", "2024.9", "1", ""), 400, "VALIDATION_FAILED", "field vintage has the wrong type");
        refused("/api/v1/transactions", transfer("strict-3", "\"2024\"", "1", ""), 400, "VALIDATION_FAILED", "field vintage has the wrong type");
        refused("/api/v1/transactions", transfer("strict-4", "2024", "\"12\"", ""), 422, "INVALID_QUANTITY", null);
        refused("/api/v1/tokens", "{\"expiresInSeconds\":\"3600\"}", 400, "VALIDATION_FAILED", "field expiresInSeconds has the wrong type");
        refused("/api/v1/tokens", "{\"expiresInSeconds\":3600.5}", 400, "VALIDATION_FAILED", "field expiresInSeconds has the wrong type");
    }

    @Test
    void numbers_out_of_range_name_the_field() {
        refused("/api/v1/transactions", transfer("strict-5", "9999999999", "1", ""), 400, "VALIDATION_FAILED", "field vintage is out of range");
        refused("/api/v1/tokens", "{\"expiresInSeconds\":99999999999999999999}", 400, "VALIDATION_FAILED", "field expiresInSeconds is out of range");
        String line = "{\"type\":\"TRANSFER\",\"from\":\"%s\",\"to\":\"%s\",\"unitType\":\"SHEA\",\"vintage\":-9999999999,\"quantity\":1}"
                .formatted(accountOf(ENTITY), accountOf(OTHER));
        refused("/api/v1/batches", "{\"commandId\":\"strict-b2\",\"lines\":[" + line + "]}", 400, "VALIDATION_FAILED", "field lines[0].vintage is out of range");
    }

    @Test
    void the_same_body_without_the_fault_is_accepted() {
        HttpResponse<String> ok = postJson("/api/v1/transactions", INIT, transfer("strict-ok", "2024", "12", ""));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
        assertThat(json(ok).path("vintage").asInt()).isEqualTo(2024);
        assertThat(json(ok).path("quantity").asLong()).isEqualTo(12);
    }
}
