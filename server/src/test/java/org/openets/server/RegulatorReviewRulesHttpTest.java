package org.openets.server;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three rules of the regulator's review, over HTTP and in the pages: a holder's own transaction is approved by the
 * holder's approver, not by an administrator, unless the jurisdiction's controls for the account type allow it (V42, off
 * by default); an administrator's TRANSFER goes only to another government account of the same jurisdiction; a pledgee is
 * of the pledging account's jurisdiction. Guangdong's gd-alu-1 is used by no other test of these rules.
 */
class RegulatorReviewRulesHttpTest extends ServerTestBase {
    static final String ENTITY = "gd-alu-1", NEIGHBOUR = "gd-power-3";

    String surrender(String commandId) {
        HttpResponse<String> r = postJson("/api/v1/transactions", ENTITY + "-init", """
                {"commandId":"%s","type":"SURRENDER","from":"%s","unitType":"GDEA","vintage":2024,"quantity":1}""".formatted(commandId, accountOf(ENTITY)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(json(r).path("status").asString()).isEqualTo("AWAITING_APPROVAL");
        return json(r).path("id").asString();
    }

    void administratorsApproveHolders(boolean allowed) {
        update("UPDATE control_setting SET administrators_approve_holders = ? WHERE jurisdiction = 'GD' AND account_type = 'COVERED_ENTITY_HOLDING'", allowed);
    }

    @Test
    void an_administrator_approves_a_holders_own_transaction_only_where_the_controls_allow_it() {
        // every existing row was migrated with the control off
        assertThat(count("SELECT count(*) FROM control_setting WHERE administrators_approve_holders")).isZero();
        String id = surrender("review-own-1-" + System.nanoTime());
        long refused = refusals("admin-gd", "NOT_AUTHORISED");
        assertProblem(post("/api/v1/transactions/" + id + "/approve", "admin-gd"), 403, "NOT_AUTHORISED");
        assertProblem(postJson("/api/v1/transactions/" + id + "/decline", "admin-gd", "{\"reason\":\"regulator\"}"), 403, "NOT_AUTHORISED");
        assertThat(refusals("admin-gd", "NOT_AUTHORISED")).isEqualTo(refused + 2);
        JsonNode recorded = json(get("/api/v1/audit/refusals?actor=admin-gd", "auditor"));
        assertThat(recorded.get(0).path("action").asString()).isEqualTo("DECLINE transaction");
        assertThat(recorded.get(1).path("action").asString()).isEqualTo("APPROVE transaction");
        assertThat(text("SELECT status FROM registry_transaction WHERE id = ?", Long.parseLong(id))).isEqualTo("AWAITING_APPROVAL");
        // the inbox does not offer it, not even on request, and says nothing of holders' own; the page has no Approve
        String inbox = page("/approvals?lang=en", "admin-gd").body();
        assertThat(inbox).doesNotContain("data-transaction-id=\"" + id + "\"").doesNotContain("id=\"inbox-all\"").doesNotContain("own transactions that you may also approve");
        assertThat(page("/approvals?all=true", "admin-gd").body()).doesNotContain("data-transaction-id=\"" + id + "\"");
        assertThat(page("/transactions/" + id, "admin-gd").body()).doesNotContain("id=\"approve\"");
        // the holder's approver has it, and decides it
        assertThat(page("/approvals", ENTITY + "-appr").body()).contains("data-transaction-id=\"" + id + "\"");
        assertThat(page("/transactions/" + id, ENTITY + "-appr").body()).contains("id=\"approve\"");
        HttpResponse<String> declined = postJson("/api/v1/transactions/" + id + "/decline", ENTITY + "-appr", "{\"reason\":\"test of the review rules\"}");
        assertThat(declined.statusCode()).as(declined.body()).isEqualTo(200);

        // a jurisdiction that allows it for the account type: offered on request, and approved
        administratorsApproveHolders(true);
        try {
            String allowed = surrender("review-own-2-" + System.nanoTime());
            assertThat(page("/approvals?lang=en", "admin-gd").body()).doesNotContain("data-transaction-id=\"" + allowed + "\"")
                    .contains("id=\"inbox-all\"").contains("own transactions that you may also approve");
            assertThat(page("/approvals?all=true", "admin-gd").body()).contains("data-transaction-id=\"" + allowed + "\"");
            assertThat(page("/transactions/" + allowed, "admin-gd").body()).contains("id=\"approve\"");
            // another jurisdiction's administrator still may not
            assertProblem(post("/api/v1/transactions/" + allowed + "/approve", "admin-sh"), 403, "NOT_AUTHORISED");
            HttpResponse<String> approved = post("/api/v1/transactions/" + allowed + "/approve", "admin-gd");
            assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
            assertThat(json(approved).path("status").asString()).isEqualTo("COMPLETED");
            assertThat(json(approved).path("approvedBy").asString()).isEqualTo("admin-gd");
        } finally {
            administratorsApproveHolders(false);
        }
    }

    @Test
    void administrative_work_on_a_holders_account_is_still_a_second_administrators() {
        String acct = accountOf(ENTITY);
        HttpResponse<String> r = postJson("/api/v1/transactions", "admin-gd", """
                {"commandId":"review-roe-%s","type":"RETURN_OF_EXCESS","from":"%s","unitType":"GDEA","vintage":2024,"quantity":1,"purpose":"true-up"}"""
                .formatted(System.nanoTime(), acct));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String id = json(r).path("id").asString();
        assertThat(page("/approvals", "admin2-gd").body()).contains("data-transaction-id=\"" + id + "\"");
        assertProblem(post("/api/v1/transactions/" + id + "/approve", ENTITY + "-appr"), 403, "NOT_AUTHORISED");
        HttpResponse<String> cancelled = post("/api/v1/transactions/" + id + "/cancel", "admin2-gd");
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
    }

    @Test
    void an_administrators_transfer_goes_only_to_another_government_account_of_the_jurisdiction() {
        String issuance = governmentAccount("GD", "TOTAL_QUANTITY");
        long before = held(accountOf(ENTITY), "GDEA/2024");
        // straight from the issuance account to a covered entity: refused, recorded as a rejected transaction
        String direct = "review-direct-" + System.nanoTime();
        assertProblem(postJson("/api/v1/transactions", "admin-gd", transfer(direct, issuance, accountOf(ENTITY), "GDEA", 1)), 422, "ROUTE_NOT_ALLOWED");
        assertThat(text("SELECT status || ':' || rejection FROM registry_transaction WHERE command_id = ?", direct)).isEqualTo("REJECTED:ROUTE_NOT_ALLOWED");
        // nor from the allocation account (that is ALLOCATE's way), nor to another jurisdiction's government account
        assertProblem(postJson("/api/v1/transactions", "admin-gd", transfer("review-alloc-" + System.nanoTime(), governmentAccount("GD", "ALLOCATION"),
                accountOf(ENTITY), "GDEA", 1)), 422, "ROUTE_NOT_ALLOWED");
        assertProblem(postJson("/api/v1/transactions", "admin-gd", transfer("review-sh-" + System.nanoTime(), issuance,
                governmentAccount("SH", "ALLOCATION"), "GDEA", 1)), 422, "ROUTE_NOT_ALLOWED");
        // in precedence order: NOT_AUTHORISED (a holder's initiator) before the route
        assertProblem(postJson("/api/v1/transactions", ENTITY + "-init", transfer("review-holder-" + System.nanoTime(), issuance,
                accountOf(ENTITY), "GDEA", 1)), 403, "NOT_AUTHORISED");
        assertThat(held(accountOf(ENTITY), "GDEA/2024")).isEqualTo(before);
        // the issuance account to the allocation account stays (the demo's and the bench's way)
        HttpResponse<String> ok = postJson("/api/v1/transactions", "admin-gd", transfer("review-to-alloc-" + System.nanoTime(), issuance,
                governmentAccount("GD", "ALLOCATION"), "GDEA", 1));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
        assertThat(json(ok).path("status").asString()).isEqualTo("AWAITING_APPROVAL");
        assertThat(post("/api/v1/transactions/" + json(ok).path("id").asString() + "/cancel", "admin-gd").statusCode()).isEqualTo(200);

        // the page offers the jurisdiction's government accounts, says where such a transfer goes, and refuses a holder in Chinese
        String page = page("/accounts/" + issuance + "?lang=en", "admin-gd").body();
        assertThat(page).contains("id=\"transfer-government-note\"").contains("value=\"" + governmentAccount("GD", "ALLOCATION") + "\"")
                .doesNotContain("value=\"" + accountOf(ENTITY) + "\"");
        Session s = session("admin-gd");
        HttpResponse<String> post = send(request("/accounts/" + issuance + "/transfer", null).header("Cookie", s.cookie() + "; openets-lang=zh-CN")
                .header("Content-Type", "application/x-www-form-urlencoded").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "to=" + accountOf(ENTITY) + "&series=GDEA%2F2024&quantity=1&step=confirm&commandId=review-page-" + System.nanoTime()
                                + "&_csrf=" + java.net.URLEncoder.encode(s.csrf(), java.nio.charset.StandardCharsets.UTF_8))).build());
        assertThat(post.statusCode()).isEqualTo(302);
        String back = send(request(post.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", ""), null)
                .header("Cookie", s.cookie() + "; openets-lang=zh-CN").GET().build()).body();
        assertThat(back).contains("管理员只能向 GD 的其他政府账户转让，不能转入账户 " + accountOf(ENTITY));
        assertThat(held(accountOf(ENTITY), "GDEA/2024")).isEqualTo(before);
    }

    @Test
    void a_pledgee_is_of_the_pledging_accounts_jurisdiction() {
        String acct = accountOf(ENTITY), foreign = accountOf("sh-alu-1");
        String freeze = "{\"commandId\":\"%s\",\"type\":\"FREEZE\",\"from\":\"%s\",\"pledgee\":\"%s\",\"unitType\":\"GDEA\",\"vintage\":2024,\"quantity\":1}";
        HttpResponse<String> refused = postJson("/api/v1/transactions", "admin-gd", freeze.formatted("review-pledge-" + System.nanoTime(), acct, foreign));
        assertProblem(refused, 422, "ROUTE_NOT_ALLOWED");
        assertThat(refused.body()).contains("pledged to an account of GD");
        // the earlier refusals keep their codes
        assertProblem(postJson("/api/v1/transactions", "admin-gd", freeze.formatted("review-pledge-self-" + System.nanoTime(), acct, acct)), 422, "SAME_ACCOUNT");
        assertProblem(postJson("/api/v1/transactions", "admin-gd", freeze.formatted("review-pledge-gov-" + System.nanoTime(), acct,
                governmentAccount("GD", "ALLOCATION"))), 422, "ROUTE_NOT_ALLOWED");
        // a pledgee of Guangdong is taken (and withdrawn again)
        HttpResponse<String> ok = postJson("/api/v1/transactions", "admin-gd", freeze.formatted("review-pledge-ok-" + System.nanoTime(), acct, accountOf(NEIGHBOUR)));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
        assertThat(post("/api/v1/transactions/" + json(ok).path("id").asString() + "/cancel", "admin-gd").statusCode()).isEqualTo(200);

        // the page says so in the person's language
        Session s = session("admin-gd");
        HttpResponse<String> post = send(request("/accounts/" + acct + "/operation", null).header("Cookie", s.cookie() + "; openets-lang=zh-CN")
                .header("Content-Type", "application/x-www-form-urlencoded").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "type=FREEZE&pledgee=" + foreign + "&series=GDEA%2F2024&quantity=1&commandId=review-pledge-page-" + System.nanoTime()
                                + "&_csrf=" + java.net.URLEncoder.encode(s.csrf(), java.nio.charset.StandardCharsets.UTF_8))).build());
        assertThat(post.statusCode()).isEqualTo(302);
        String back = send(request(post.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", ""), null)
                .header("Cookie", s.cookie() + "; openets-lang=zh-CN").GET().build()).body();
        assertThat(back).contains("配额只能质押给 GD 的账户，不能质押给其他辖区的账户 " + foreign + "。");
    }
}
