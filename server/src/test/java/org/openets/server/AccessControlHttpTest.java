package org.openets.server;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may see and do what, over real HTTP: a representative acts only on their own accounts and within their role,
 * nobody approves their own transaction, auditors read everything and change nothing, anonymous callers read only
 * the public report. Every refusal is answered 401/403 with a stable code and recorded for the auditors.
 */
class AccessControlHttpTest extends ServerTestBase {
    static final String A = "fj-power-1", B = "fj-cement-1";

    @Test
    void a_representative_of_one_entity_cannot_read_anything_of_another() {
        String b = accountOf(B);
        long recorded = refusals(A + "-init", "NOT_AUTHORISED");
        for (String path : new String[]{"/api/v1/accounts/" + b, "/api/v1/accounts/" + b + "/holdings", "/api/v1/accounts/" + b + "/blocks",
                "/api/v1/accounts/" + b + "/transactions"})
            assertProblem(get(path, A + "-init"), 403, "NOT_AUTHORISED");
        String bTransaction = text("SELECT min(id)::text FROM registry_transaction WHERE type = 'ALLOCATE' AND to_account = (SELECT id FROM account WHERE number = ?)", b);
        assertProblem(get("/api/v1/transactions/" + bTransaction, A + "-init"), 403, "NOT_AUTHORISED");
        assertThat(refusals(A + "-init", "NOT_AUTHORISED")).isEqualTo(recorded + 5);

        // and sees only its own account in the list
        JsonNode mine = json(get("/api/v1/accounts", A + "-init"));
        assertThat(mine.size()).isEqualTo(1);
        assertThat(mine.get(0).path("number").asString()).isEqualTo(accountOf(A));
    }

    @Test
    void a_representative_cannot_move_units_of_another_entity_and_nothing_is_written() {
        long before = transactions(), recorded = refusals(A + "-init", "NOT_AUTHORISED");
        assertProblem(postJson("/api/v1/transactions", A + "-init", transfer("acl-move-1", accountOf(B), accountOf(A), "FJEA", 10)), 403, "NOT_AUTHORISED");
        // an approver is not an initiator, even on their own account
        assertProblem(postJson("/api/v1/transactions", A + "-appr", transfer("acl-move-2", accountOf(A), accountOf(B), "FJEA", 10)), 403, "NOT_AUTHORISED");
        // only administrators allocate
        assertProblem(postJson("/api/v1/transactions", A + "-init", """
                {"commandId":"acl-move-3","type":"ALLOCATE","from":"%s","to":"%s","unitType":"FJEA","vintage":2024,"quantity":10}"""
                .formatted(accountOf(A), accountOf(B))), 403, "NOT_AUTHORISED");
        assertThat(transactions()).isEqualTo(before);
        assertThat(refusals(A + "-init", "NOT_AUTHORISED")).isEqualTo(recorded + 2);
        assertThat(refusals(A + "-appr", "NOT_AUTHORISED")).isPositive();
    }

    @Test
    void a_representative_cannot_approve_or_cancel_a_transaction_of_another_entity() {
        String pending = text("SELECT id::text FROM registry_transaction WHERE command_id = 'demo-gd-trade-2'");
        long recorded = refusals(A + "-appr", "NOT_AUTHORISED");
        assertProblem(post("/api/v1/transactions/" + pending + "/approve", A + "-appr"), 403, "NOT_AUTHORISED");
        assertProblem(post("/api/v1/transactions/" + pending + "/decline", A + "-appr"), 403, "NOT_AUTHORISED");
        assertProblem(post("/api/v1/transactions/" + pending + "/cancel", A + "-appr"), 403, "NOT_AUTHORISED");
        assertThat(refusals(A + "-appr", "NOT_AUTHORISED")).isEqualTo(recorded + 3);
        assertThat(text("SELECT status FROM registry_transaction WHERE id = ?", Long.parseLong(pending))).isEqualTo("AWAITING_APPROVAL");
        // the other entity's approver does not even see it in the inbox
        assertThat(json(get("/api/v1/approvals", A + "-appr")).toString()).doesNotContain("demo-gd-trade-2");
        assertThat(json(get("/api/v1/approvals", "gd-power-1-appr")).toString()).contains("demo-gd-trade-2");
    }

    @Test
    void nobody_approves_their_own_transaction() {
        HttpResponse<String> proposed = postJson("/api/v1/transactions", A + "-init", transfer("acl-own-1", accountOf(A), accountOf(B), "FJEA", 25));
        assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(201);
        long id = json(proposed).path("id").asLong();
        assertThat(json(proposed).path("status").asString()).isEqualTo("AWAITING_APPROVAL");

        // the initiator holds no approver role: refused for that first (docs/reference/rejection-codes.md: who may, then whose)
        long recorded = refusals(A + "-init", "NOT_AUTHORISED");
        assertProblem(post("/api/v1/transactions/" + id + "/approve", A + "-init"), 403, "NOT_AUTHORISED");
        assertThat(refusals(A + "-init", "NOT_AUTHORISED")).isEqualTo(recorded + 1);

        // an administrator who proposes an issuance cannot approve it either; the second administrator can
        HttpResponse<String> issue = postJson("/api/v1/transactions", "admin-fj", """
                {"commandId":"acl-issue-1","type":"ISSUE","unitType":"FJEA","vintage":2024,"quantity":1000}""");
        assertThat(issue.statusCode()).as(issue.body()).isEqualTo(201);
        long issueId = json(issue).path("id").asLong();
        assertProblem(post("/api/v1/transactions/" + issueId + "/approve", "admin-fj"), 403, "SELF_APPROVAL");
        assertThat(refusals("admin-fj", "SELF_APPROVAL")).isPositive();
        // an administrator of another jurisdiction may not approve it
        assertProblem(post("/api/v1/transactions/" + issueId + "/approve", "admin2-gd"), 403, "NOT_AUTHORISED");
        HttpResponse<String> approved = post("/api/v1/transactions/" + issueId + "/approve", "admin2-fj");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(json(approved).path("status").asString()).isEqualTo("COMPLETED");
        assertThat(json(approved).path("serials").get(0).path("first").asString()).startsWith("FJ-FJEA-2024-");

        // the entity's own approver approves the transfer; it completes at once (trusted account, no delay)
        HttpResponse<String> done = post("/api/v1/transactions/" + id + "/approve", A + "-appr");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(json(done).path("status").asString()).isEqualTo("COMPLETED");
        assertThat(json(done).path("approvedBy").asString()).isEqualTo(A + "-appr");
    }

    @Test
    void without_a_session_or_token_the_api_answers_401_and_records_it() {
        long anonymous = refusals("anonymous", "UNAUTHENTICATED");
        assertProblem(get("/api/v1/accounts", null), 401, "UNAUTHENTICATED");
        assertProblem(postJson("/api/v1/transactions", null, transfer("acl-anon-1", accountOf(A), accountOf(B), "FJEA", 1)), 401, "UNAUTHENTICATED");
        assertProblem(get("/api/v1/audit/refusals", null), 401, "UNAUTHENTICATED");
        assertThat(refusals("anonymous", "UNAUTHENTICATED")).isEqualTo(anonymous + 3);

        HttpResponse<String> wrongPassword = send(request("/api/v1/accounts", null)
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString((A + "-init:wrong").getBytes())).GET().build());
        assertProblem(wrongPassword, 401, "BAD_CREDENTIALS");
        assertThat(refusals(A + "-init", "BAD_CREDENTIALS")).isPositive();

        // the public report needs nobody; in Chinese whichever way Chinese is asked for, else in English
        assertThat(get("/api/v1/public/report", null).statusCode()).isEqualTo(200);
        for (String zh : new String[]{"zh", "zh_CN", "zh_TW"}) assertThat(get("/public/report?lang=" + zh, null).body()).as(zh).contains("公开报告");
        assertThat(get("/public/report?lang=fr", null).body()).contains("Public report").doesNotContain("公开报告");
        // jurisdictions by their names (reference data), not their codes
        assertThat(get("/public/report?lang=zh_CN", null).body()).contains(">全国碳市场</td>", ">广东</td>");
        assertThat(get("/public/report?lang=en", null).body()).contains(">National market</td>", ">Guangdong</td>");
        assertThat(send(request("/public/report", null).header("Accept-Language", "zh").GET().build()).body()).contains("公开报告");
        // a signed-out visitor following a Chinese link to a page that needs a session gets the sign-in page in Chinese
        HttpResponse<String> toLogin = get("/accounts?lang=zh_CN", null);
        assertThat(toLogin.statusCode()).isEqualTo(302);
        assertThat(toLogin.headers().firstValue("Location").orElse("")).endsWith("/login");
        String langCookie = toLogin.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("openets-lang=")).findFirst().orElse("");
        assertThat(langCookie).startsWith("openets-lang=zh-CN");
        HttpResponse<String> login = send(request("/login", null).header("Cookie", langCookie.split(";")[0]).GET().build());
        assertThat(login.body()).contains("用户名", "密码").doesNotContain("Password");
        assertThat(get("/login?lang=en", null).body()).contains("Password");
        HttpResponse<String> csv = get("/public/report.csv", null);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body()).startsWith("\uFEFFsection,jurisdiction,unit_type,vintage,measure,quantity,as_of").contains("TOTALS,CN,CEA,2024,ISSUED,");
        // all totals before any holdings, every row with the same as-of time
        List<String> lines = csv.body().lines().skip(1).toList();
        int lastTotal = -1, firstHolding = Integer.MAX_VALUE;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("TOTALS,")) lastTotal = i;
            if (lines.get(i).startsWith("HOLDINGS,") && firstHolding == Integer.MAX_VALUE) firstHolding = i;
        }
        assertThat(lastTotal).isLessThan(firstHolding);
        assertThat(lines.stream().map(l -> l.substring(l.lastIndexOf(',') + 1)).distinct()).hasSize(1);
        // so do the API description and the health check
        HttpResponse<String> docs = get("/v3/api-docs", null);
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/v1/transactions").contains("/api/v1/serials/{serial}").contains("/api/v1/public/report");
        assertThat(get("/swagger-ui/index.html", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
        // the pages need a sign-in
        HttpResponse<String> page = get("/accounts", null);
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElse("")).endsWith("/login");
    }

    @Test
    void auditors_read_everything_and_change_nothing() {
        JsonNode all = json(get("/api/v1/accounts", "auditor"));
        assertThat(all.size()).isGreaterThanOrEqualTo(55);
        assertThat(get("/api/v1/accounts/" + accountOf(B) + "/blocks", "auditor").statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/serials/FJ-FJEA-2024-000000000001", "auditor").statusCode()).isEqualTo(200);

        long before = transactions();
        assertProblem(postJson("/api/v1/transactions", "auditor", transfer("acl-audit-1", accountOf(A), accountOf(B), "FJEA", 1)), 403, "NOT_AUTHORISED");
        String pending = text("SELECT id::text FROM registry_transaction WHERE command_id = 'demo-gd-trade-2'");
        assertProblem(post("/api/v1/transactions/" + pending + "/approve", "auditor"), 403, "NOT_AUTHORISED");
        assertThat(transactions()).isEqualTo(before);

        // the refusal record is the auditors' alone
        assertProblem(get("/api/v1/audit/refusals", A + "-init"), 403, "NOT_AUTHORISED");
        JsonNode refusals = json(get("/api/v1/audit/refusals?actor=auditor", "auditor"));
        assertThat(refusals.size()).isGreaterThanOrEqualTo(2);
        assertThat(refusals.get(0).path("code").asString()).isEqualTo("NOT_AUTHORISED");
        assertThat(refusals.get(0).path("action").asString()).isEqualTo("APPROVE transaction");
    }

    @Test
    void administrators_see_their_jurisdiction_only() {
        JsonNode fj = json(get("/api/v1/accounts", "admin-fj"));
        fj.forEach(a -> assertThat(a.path("jurisdiction").asString()).isEqualTo("FJ"));
        assertThat(fj.size()).isEqualTo(7 + 2);
        assertProblem(get("/api/v1/accounts/" + accountOf("gd-power-1"), "admin-fj"), 403, "NOT_AUTHORISED");
        // a representative traces only units their accounts hold or held
        assertThat(get("/api/v1/serials/FJ-FJEA-2024-000000000001", "admin-fj").statusCode()).isEqualTo(200);
        assertProblem(get("/api/v1/serials/GD-GDEA-2024-000000000001", A + "-init"), 403, "NOT_AUTHORISED");
    }
}
