package org.openets.server;

import org.junit.jupiter.api.Test;
import org.openets.kernel.ActorId;
import org.openets.kernel.CommandId;
import org.openets.kernel.Jurisdiction;
import org.openets.kernel.UnitKind;
import org.openets.kernel.UnitType;
import org.openets.kernel.Vintage;
import org.openets.registry.Outcome;
import org.openets.registry.SeriesKey;
import org.openets.registry.TransactionRequest;
import org.openets.workflows.registry.RegistryService;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input is refused with a 4xx problem+json and a stable code, never a 5xx, and nothing is written; a retry with
 * the same command id returns the first result.
 */
class BadInputHttpTest extends ServerTestBase {
    static final String ENTITY = "cn-power-3", OTHER = "cn-power-4", INIT = ENTITY + "-init";

    String from() { return accountOf(ENTITY); }

    String to() { return accountOf(OTHER); }

    /** Sends, checks the problem, and checks that no transaction (and no refusal) was written. */
    void refused(HttpResponse<String> r, int status, String code, long transactionsBefore, long refusalsBefore) {
        assertProblem(r, status, code);
        assertThat(transactions()).as("transactions written for %s", code).isEqualTo(transactionsBefore);
        assertThat(refusals()).as("refusals written for %s", code).isEqualTo(refusalsBefore);
    }

    void refusedJson(String body, int status, String code) {
        long t = transactions(), r = refusals();
        refused(postJson("/api/v1/transactions", INIT, body), status, code, t, r);
    }

    @Test
    void malformed_json() {
        refusedJson("{\"commandId\":\"bad-1\",", 400, "MALFORMED_JSON");
        refusedJson("not json", 400, "MALFORMED_JSON");
        refusedJson("", 400, "MALFORMED_JSON");
        refusedJson("[1,2,3]", 400, "VALIDATION_FAILED");
        refusedJson("{\"commandId\":\"bad-1\",\"type\":\"TRANSFER\",\"vintage\":\"twenty\"}", 400, "VALIDATION_FAILED");
    }

    @Test
    void missing_or_wrong_fields() {
        refusedJson("{}", 400, "VALIDATION_FAILED");
        refusedJson(transfer("bad id with spaces", from(), to(), "CEA", 1), 400, "VALIDATION_FAILED");
        refusedJson("{\"commandId\":\"bad-2\",\"type\":\"TELEPORT\",\"from\":\"%s\",\"to\":\"%s\",\"unitType\":\"CEA\",\"vintage\":2024,\"quantity\":1}"
                .formatted(from(), to()), 400, "VALIDATION_FAILED");
        refusedJson("{\"commandId\":\"bad-3\",\"type\":\"TRANSFER\",\"from\":\"%s\",\"unitType\":\"CEA\",\"vintage\":2024,\"quantity\":1}"
                .formatted(from()), 400, "VALIDATION_FAILED");
        refusedJson("{\"commandId\":\"bad-4\",\"type\":\"TRANSFER\",\"from\":\"%s\",\"to\":\"%s\",\"unitType\":\"CEA\",\"vintage\":1900,\"quantity\":1}"
                .formatted(from(), to()), 400, "VALIDATION_FAILED");
    }

    @Test
    void zero_negative_fractional_and_overflowing_quantities() {
        for (String q : new String[]{"0", "-1", "-9223372036854775808", "1.5", "0.0000001", "9223372036854775808",
                "99999999999999999999999999999999", "1e30", "1000000000000", "\"lots\"", "null", "true"})
            refusedJson(transfer("bad-q", from(), to(), "CEA", q), 422, "INVALID_QUANTITY");
    }

    @Test
    void unknown_accounts_and_unit_types() {
        refusedJson(transfer("bad-a1", from(), "CN-120-999999", "CEA", 1), 422, "UNKNOWN_ACCOUNT");
        refusedJson(transfer("bad-a2", from(), "987654321", "CEA", 1), 422, "UNKNOWN_ACCOUNT");
        refusedJson(transfer("bad-a3", "CN-120-999999", to(), "CEA", 1), 422, "UNKNOWN_ACCOUNT");
        refusedJson(transfer("bad-u1", from(), to(), "XYZEA", 1), 422, "UNKNOWN_UNIT_TYPE");
        // a unit type the registry knows, of which no units exist
        refusedJson(transfer("bad-u2", from(), to(), "BJEA", 1), 422, "UNKNOWN_UNIT_TYPE");
        long t = transactions(), r = refusals();
        refused(get("/api/v1/accounts/CN-120-999999", INIT), 404, "UNKNOWN_ACCOUNT", t, r);
        refused(post("/api/v1/transactions/987654321/approve", INIT), 404, "UNKNOWN_TRANSACTION", t, r);
        refused(get("/api/v1/transactions/987654321", INIT), 404, "UNKNOWN_TRANSACTION", t, r);
        refused(get("/api/v1/transactions/not-a-number", INIT), 400, "VALIDATION_FAILED", t, r);
        refused(get("/api/v1/serials/CN-NOPE-2024-000000000001", INIT), 404, "UNKNOWN_SERIAL", t, r);
        refused(get("/api/v1/serials/nonsense", INIT), 400, "VALIDATION_FAILED", t, r);
        refused(get("/api/v1/no-such-thing", INIT), 404, "NOT_FOUND", t, r);
    }

    @Test
    void wrong_content_type() {
        long t = transactions(), r = refusals();
        String body = transfer("bad-ct", from(), to(), "CEA", 1);
        for (String type : new String[]{"text/plain", "application/x-www-form-urlencoded", "application/xml"})
            refused(send(request("/api/v1/transactions", INIT).header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body)).build()),
                    415, "UNSUPPORTED_MEDIA_TYPE", t, r);
        refused(send(request("/api/v1/transactions", INIT).POST(HttpRequest.BodyPublishers.ofString(body)).build()), 415, "UNSUPPORTED_MEDIA_TYPE", t, r);
    }

    @Test
    void oversized_bodies() {
        long t = transactions(), r = refusals();
        String big = "{\"commandId\":\"big\",\"purpose\":\"" + "x".repeat(70_000) + "\"}";
        // with a length
        refused(postJson("/api/v1/transactions", INIT, big), 413, "PAYLOAD_TOO_LARGE", t, r);
        // chunked, without a length
        byte[] bytes = big.getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> chunked = send(request("/api/v1/transactions", INIT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))).build());
        refused(chunked, 413, "PAYLOAD_TOO_LARGE", t, r);
        // a batch of many lines is no different
        String line = "{\"type\":\"TRANSFER\",\"from\":\"%s\",\"to\":\"%s\",\"unitType\":\"CEA\",\"vintage\":2024,\"quantity\":1}".formatted(from(), to());
        String batch = "{\"commandId\":\"big-batch\",\"lines\":[" + String.join(",", java.util.Collections.nCopies(1000, line)) + "]}";
        refused(postJson("/api/v1/batches", INIT, batch), 413, "PAYLOAD_TOO_LARGE", t, r);
    }

    @Test
    void a_batch_with_one_bad_line_writes_nothing() {
        long t = transactions(), r = refusals();
        String body = """
                {"commandId":"bad-batch-1","lines":[
                  {"type":"ALLOCATE","from":"%s","to":"%s","unitType":"CEA","vintage":2024,"quantity":10},
                  {"type":"ALLOCATE","from":"%s","to":"%s","unitType":"CEA","vintage":2024,"quantity":-10}]}"""
                .formatted(allocation(), from(), allocation(), to());
        HttpResponse<String> resp = postJson("/api/v1/batches", "admin-cn", body);
        refused(resp, 422, "INVALID_QUANTITY", t, r);
        assertThat(json(resp).path("line").asInt()).isEqualTo(2);
    }

    @Autowired RegistryService registry;

    @Test
    void a_reversal_of_a_transaction_that_moved_nothing_is_not_reversible_for_an_administrator_and_not_authorised_for_anyone_else() {
        // the API refuses an unknown account before recording anything; the registry itself records such a rejection
        long account = count("SELECT id FROM account WHERE number = ?", from());
        Outcome o = registry.propose(TransactionRequest.transfer(CommandId.of("bad-rev-unresolved"), ActorId.of(INIT), account, 987654321L,
                new SeriesKey(new UnitType("CEA", UnitKind.ALLOWANCE, Jurisdiction.of("CN")), Vintage.of(2024), null), 1));
        assertThat(o).isInstanceOf(Outcome.Rejected.class);
        long id = o.transaction().id();
        long t = transactions(), r = refusals();
        String reversal = "{\"commandId\":\"bad-rev-%s\",\"type\":\"REVERSAL\",\"reverses\":" + id + "}";
        HttpResponse<String> holder = postJson("/api/v1/transactions", INIT, reversal.formatted("holder"));
        assertProblem(holder, 403, "NOT_AUTHORISED");
        assertThat(refusals()).isEqualTo(r + 1);
        assertThat(transactions()).isEqualTo(t);
        HttpResponse<String> admin = postJson("/api/v1/transactions", "admin-cn", reversal.formatted("admin"));
        assertProblem(admin, 422, "NOT_REVERSIBLE");
    }

    String allocation() { return text("SELECT number FROM account WHERE jurisdiction = 'CN' AND type = 'ALLOCATION'"); }

    @Test
    void a_retry_with_the_same_command_id_returns_the_first_result() {
        long before = transactions();
        String body = transfer("retry-1", from(), to(), "CEA", 777);
        HttpResponse<String> first = postJson("/api/v1/transactions", INIT, body);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        HttpResponse<String> again = postJson("/api/v1/transactions", INIT, body);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(json(again).path("id").asLong()).isEqualTo(json(first).path("id").asLong());
        assertThat(json(again).path("quantity").asLong()).isEqualTo(777);
        assertThat(transactions()).isEqualTo(before + 1);

        // the same id with another body is a conflict, and writes nothing
        long t = transactions(), r = refusals();
        refused(postJson("/api/v1/transactions", INIT, transfer("retry-1", from(), to(), "CEA", 778)), 409, "DUPLICATE_ID_DIFFERENT_BODY", t, r);

        // after approval, the retry still names the same transaction, now completed
        long id = json(first).path("id").asLong();
        assertThat(post("/api/v1/transactions/" + id + "/approve", ENTITY + "-appr").statusCode()).isEqualTo(200);
        JsonNode third = json(postJson("/api/v1/transactions", INIT, body));
        assertThat(third.path("id").asLong()).isEqualTo(id);
        assertThat(third.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(transactions()).isEqualTo(before + 1);

        // a business rejection is recorded once and returned again on retry
        String tooMuch = transfer("retry-2", from(), to(), "CEA", 900_000_000_000L);
        HttpResponse<String> rejected = postJson("/api/v1/transactions", INIT, tooMuch);
        assertProblem(rejected, 422, "INSUFFICIENT_HOLDINGS");
        long rejectedId = json(rejected).path("transactionId").asLong();
        HttpResponse<String> rejectedAgain = postJson("/api/v1/transactions", INIT, tooMuch);
        assertProblem(rejectedAgain, 422, "INSUFFICIENT_HOLDINGS");
        assertThat(json(rejectedAgain).path("transactionId").asLong()).isEqualTo(rejectedId);
        assertThat(transactions()).isEqualTo(before + 2);

        // an id used before decides before the desk's own checks: a different body naming an unknown account or unit type,
        // or a bad quantity, is a conflict with the first use (not a 422 as if the id were new), and writes nothing
        for (String other : new String[]{transfer("retry-1", from(), "CN-120-999999", "CEA", 1), transfer("retry-1", from(), to(), "XYZEA", 1),
                transfer("retry-1", from(), to(), "CEA", 0), transfer("retry-2", from(), to(), "CEA", "1.5")}) {
            t = transactions();
            r = refusals();
            refused(postJson("/api/v1/transactions", INIT, other), 409, "DUPLICATE_ID_DIFFERENT_BODY", t, r);
        }
        // a batch's id is taken by a single transaction too (and the other way round)
        t = transactions();
        r = refusals();
        refused(postJson("/api/v1/batches", INIT, "{\"commandId\":\"retry-1\",\"lines\":[" + transfer("x", from(), to(), "CEA", 1) + "]}"),
                409, "DUPLICATE_ID_DIFFERENT_BODY", t, r);
    }

    @Test
    void a_batch_id_too_long_for_its_lines_ids_is_refused_not_a_server_error() {
        long t = transactions(), r = refusals();
        String body = "{\"commandId\":\"" + "b".repeat(80) + "\",\"lines\":[" + transfer("x", from(), to(), "CEA", 1) + "]}";
        refused(postJson("/api/v1/batches", INIT, body), 400, "VALIDATION_FAILED", t, r);
        body = "{\"commandId\":\"" + "b".repeat(76) + "\",\"lines\":[" + transfer("x", from(), to(), "CEA", 1) + "]}";
        refused(postJson("/api/v1/batches", INIT, body), 400, "VALIDATION_FAILED", t, r);
    }

    @Test
    void a_batch_retry_returns_the_first_result() {
        String reserve = text("SELECT number FROM account WHERE jurisdiction = 'CN' AND type = 'NEW_ENTRANT_RESERVE'");
        String body = """
                {"commandId":"retry-batch-1","lines":[
                  {"type":"ALLOCATE","from":"%s","to":"%s","unitType":"CEA","vintage":2024,"quantity":10},
                  {"type":"ALLOCATE","from":"%s","to":"%s","unitType":"CEA","vintage":2024,"quantity":20}]}"""
                .formatted(reserve, from(), reserve, to());
        HttpResponse<String> first = postJson("/api/v1/batches", "admin-cn", body);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        long before = transactions();
        HttpResponse<String> again = postJson("/api/v1/batches", "admin-cn", body);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(json(again).path("lines").get(0).path("id").asLong()).isEqualTo(json(first).path("lines").get(0).path("id").asLong());
        assertThat(json(again).path("lines").get(1).path("commandId").asString()).isEqualTo("retry-batch-1:2");
        assertThat(transactions()).isEqualTo(before);
    }
}
