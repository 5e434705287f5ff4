package org.openets.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authority before input: a representative whose role on an account is read only, sending the account's forms empty
 * or with bad input, meets the refusal for their role (NOT_AUTHORISED, recorded) — as they do with a complete form — and
 * never the form's validation message; the API behind the forms answers the same 403.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorityBeforeInputHttpTest extends ServerTestBase {
    static final String RO = "authfirst-ro", J = "SZ";
    String account, pending;

    @BeforeAll
    void setUp() {
        HttpResponse<String> r = postJson("/api/v1/people", "admin-sz", """
                {"login":"%s","displayName":"只读代表","password":"%s","passwordAgain":"%s"}""".formatted(RO, PASSWORD, PASSWORD));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        choosesOwnPassword(RO, PASSWORD);
        HttpResponse<String> opened = postJson("/api/v1/accounts", "admin-sz", """
                {"jurisdiction":"%s","type":"COVERED_ENTITY_HOLDING","holder":"深圳只读代表测试有限公司","entityCode":"%s"}""".formatted(J, uscc()));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        account = json(opened).path("number").asString();
        HttpResponse<String> granted = postJson("/api/v1/accounts/" + account + "/representatives", "admin-sz", "{\"login\":\"" + RO + "\",\"role\":\"READ_ONLY\"}");
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
        // an allocation to the account awaiting approval: a transaction the read-only representative reads (and may not reverse)
        HttpResponse<String> batch = postJson("/api/v1/batches", "admin-sz", """
                {"commandId":"authfirst-alloc","lines":[{"commandId":"authfirst-alloc-1","type":"ALLOCATE","from":"%s","to":"%s","unitType":"SZEA","vintage":2024,"quantity":10}]}"""
                .formatted(governmentAccount(J, "ALLOCATION"), account));
        assertThat(batch.statusCode()).as(batch.body()).isEqualTo(201);
        pending = json(batch).path("lines").get(0).path("id").asString();
    }

    /** The allocation awaiting approval is declined again: other tests count what waits on the jurisdiction's allocation account. */
    @AfterAll
    void declineTheAllocation() {
        HttpResponse<String> declined = postJson("/api/v1/transactions/" + pending + "/decline", "admin2-sz", "{\"reason\":\"test over\"}");
        assertThat(declined.statusCode()).as(declined.body()).isEqualTo(200);
    }

    /** A form sent as the read-only representative: refused for their role and recorded, whatever it said; nothing written. */
    void refused(Session s, List<String> failures, String path, String... fields) {
        long recorded = refusals(RO, "NOT_AUTHORISED"), before = transactions();
        HttpResponse<String> r = form(s, path, fields);
        String shown = r.body();
        if (r.statusCode() == 302) {
            String location = r.headers().firstValue("Location").orElse("").replaceFirst("^https?://[^/]+", "");
            shown = send(request(location, null).header("Cookie", s.cookie()).GET().build()).body();
        }
        String what = path + " " + String.join("&", fields);
        boolean refusal = r.statusCode() == 403 || shown.contains("data-code=\"NOT_AUTHORISED\"");
        if (!refusal) failures.add(what + ": not refused for the role (" + r.statusCode() + ")" + (shown.contains("VALIDATION_FAILED") ? " but VALIDATION_FAILED"
                : shown.contains("INVALID_QUANTITY") ? " but INVALID_QUANTITY" : ""));
        if (refusals(RO, "NOT_AUTHORISED") != recorded + 1) failures.add(what + ": refusal not recorded once");
        if (transactions() != before) failures.add(what + ": a transaction was written");
    }

    @Test
    void a_read_only_representative_is_refused_before_the_forms_are_read() {
        Session s = session(RO);
        List<String> failures = new ArrayList<>();
        String a = "/accounts/" + account;
        for (String[] bad : new String[][]{{}, {"series", "not units", "quantity", "1.5"}, {"to", "XX-nope", "series", "SZEA/2024", "quantity", "-3"}}) {
            refused(s, failures, a + "/transfer", bad);
            refused(s, failures, a + "/surrender", bad);
            refused(s, failures, a + "/retire", bad);
            // a complete form: the same refusal
        }
        refused(s, failures, a + "/transfer", "to", accountOf("sz-power-1"), "series", "SZEA/2024", "quantity", "1");
        refused(s, failures, a + "/surrender", "series", "SZEA/2024", "quantity", "1", "confirm", "true");
        refused(s, failures, a + "/retire", "series", "SZEA/2024", "quantity", "1", "beneficiary", "x", "purpose", "y", "confirm", "true");
        refused(s, failures, a + "/operation");
        refused(s, failures, a + "/operation", "type", "NOT_AN_OPERATION");
        refused(s, failures, a + "/operation", "type", "CANCEL", "series", "??", "quantity", "abc");
        refused(s, failures, a + "/operation", "type", "FORCED_DEDUCTION");
        refused(s, failures, a + "/status");
        refused(s, failures, a + "/status", "status", "NO_SUCH_STATUS", "reason", "");
        refused(s, failures, a + "/trusted/" + accountOf("sz-power-1") + "/approve");
        refused(s, failures, a + "/trusted/not-an-account/approve", "confirm", "true");
        refused(s, failures, "/transactions/" + pending + "/reverse");
        refused(s, failures, "/transactions/" + pending + "/reverse", "reason", "x".repeat(5000), "confirm", "true");
        assertThat(failures).isEmpty();
    }

    @Test
    void the_api_behind_the_forms_refuses_the_role_before_the_input() {
        for (String body : new String[]{
                "{\"commandId\":\"authfirst-1\",\"type\":\"TRANSFER\",\"from\":\"%s\"}",
                "{\"commandId\":\"authfirst-2\",\"type\":\"SURRENDER\",\"from\":\"%s\",\"unitType\":\"SZEA\",\"vintage\":1900,\"quantity\":-1}",
                "{\"commandId\":\"authfirst-3\",\"type\":\"RETIRE\",\"from\":\"%s\",\"unitType\":\"NOPE\",\"vintage\":2024,\"quantity\":0.5}",
                "{\"commandId\":\"authfirst-4\",\"type\":\"CANCEL\",\"from\":\"%s\",\"to\":\"XX-unknown\"}"}) {
            long recorded = refusals(RO, "NOT_AUTHORISED");
            HttpResponse<String> r = postJson("/api/v1/transactions", RO, body.formatted(account));
            assertProblem(r, 403, "NOT_AUTHORISED");
            assertThat(refusals(RO, "NOT_AUTHORISED")).as(body).isEqualTo(recorded + 1);
        }
        long recorded = refusals(RO, "NOT_AUTHORISED");
        HttpResponse<String> reversal = postJson("/api/v1/transactions", RO, "{\"commandId\":\"authfirst-5\",\"type\":\"REVERSAL\",\"reverses\":" + pending + ",\"quantity\":5}");
        assertProblem(reversal, 403, "NOT_AUTHORISED");
        assertThat(refusals(RO, "NOT_AUTHORISED")).isEqualTo(recorded + 1);
    }
}
