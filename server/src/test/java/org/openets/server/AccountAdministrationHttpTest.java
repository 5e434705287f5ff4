package org.openets.server;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An account's status (administrators of its jurisdiction, with a reason, kept in the status history) and its
 * trusted account list (its initiators, administrators), over the API. Works on sz-power-2 (no other test changes its
 * account; ApiTokenHttpTest only mints tokens with its login) and sz-power-1 (which receives 1 t).
 */
class AccountAdministrationHttpTest extends ServerTestBase {


    private long statusChanges(String account) {
        return count("SELECT count(*) FROM account_status_change c JOIN account a ON a.id = c.account_id WHERE a.number = ?", account);
    }

    /** A holding account that is not on {@code account}'s trusted list yet (the demo trusts its neighbours already). */
    private String notTrustedBy(String account, int skip) {
        return text("SELECT b.number FROM account b, account a WHERE a.number = ? AND b.id <> a.id AND b.type IN ('COVERED_ENTITY_HOLDING', 'TRADING_HOLDING') "
                + "AND NOT EXISTS (SELECT 1 FROM trusted_account t WHERE t.account_id = a.id AND t.trusted_account_id = b.id) "
                + "AND NOT EXISTS (SELECT 1 FROM trusted_account_addition p WHERE p.account_id = a.id AND p.trusted_account_id = b.id AND p.status = 'PENDING') "
                + "ORDER BY b.jurisdiction <> a.jurisdiction, b.id DESC OFFSET ?", account, skip);
    }

    private long heldBy(String account) {
        return count("SELECT coalesce(sum(h.quantity), 0) FROM holding h JOIN account a ON a.id = h.account_id WHERE a.number = ?", account);
    }

    @Test
    void anAdministratorSuspendsAnAccountWithAReasonAndItCanSendNothingUntilReopened() {
        String acct = accountOf("sz-power-2"), other = accountOf("sz-power-1");
        String series = text("SELECT s.unit_type || '/' || s.vintage FROM holding h JOIN account a ON a.id = h.account_id JOIN unit_series s ON s.id = h.series_id "
                + "WHERE a.number = ? AND h.quantity > 10 ORDER BY s.id LIMIT 1", acct);
        assertThat(series).as("the demo gave %s units", acct).isNotNull();
        String unitType = series.substring(0, series.indexOf('/'));
        int vintage = Integer.parseInt(series.substring(series.indexOf('/') + 1));

        HttpResponse<String> r = postJson("/api/v1/accounts/" + acct + "/status", "admin-sz", """
                {"status":"SUSPENDED","reason":"court order 2026-17"}""");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).path("status").asString()).isEqualTo("SUSPENDED");
        assertThat(text("SELECT status FROM account WHERE number = ?", acct)).isEqualTo("SUSPENDED");

        JsonNode history = json(get("/api/v1/accounts/" + acct + "/status-history", "sz-power-2-init"));
        assertThat(history.get(0).path("status").asString()).isEqualTo("SUSPENDED");
        assertThat(history.get(0).path("reason").asString()).isEqualTo("court order 2026-17");
        assertThat(history.get(0).path("changedBy").asString()).isEqualTo("admin-sz");

        // the ledger's writer sees the change at once (its cache is checked against the reference generation)
        String body = """
                {"commandId":"adm-susp-1","type":"TRANSFER","from":"%s","to":"%s","unitType":"%s","vintage":%d,"quantity":1}"""
                .formatted(acct, other, unitType, vintage);
        assertProblem(postJson("/api/v1/transactions", "sz-power-2-init", body), 422, "ACCOUNT_NOT_OPEN");

        r = postJson("/api/v1/accounts/" + acct + "/status", "admin2-sz", """
                {"status":"open","reason":"order lifted"}""");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).path("status").asString()).isEqualTo("OPEN");
        history = json(get("/api/v1/accounts/" + acct + "/status-history", "admin-sz"));
        assertThat(history.size()).isEqualTo(2);
        assertThat(history.get(0).path("changedBy").asString()).isEqualTo("admin2-sz");
        r = postJson("/api/v1/transactions", "sz-power-2-init", body.replace("adm-susp-1", "adm-susp-2"));
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 202);
    }

    @Test
    void onlyTheJurisdictionsAdministratorsChangeAStatusAndEveryRefusalIsRecorded() {
        String acct = accountOf("sz-power-2");
        long before = statusChanges(acct);
        for (String who : new String[]{"sz-power-2-init", "sz-power-2-appr", "admin-cn"}) {
            long refused = refusals(who, "NOT_AUTHORISED");
            long asAttempted = count("SELECT count(*) FROM refusal WHERE actor = ? AND action = 'CHANGE_STATUS account' AND target = ?", who, acct);
            assertProblem(postJson("/api/v1/accounts/" + acct + "/status", who, """
                    {"status":"SUSPENDED","reason":"x"}"""), 403, "NOT_AUTHORISED");
            assertThat(refusals(who, "NOT_AUTHORISED")).as(who).isEqualTo(refused + 1);
            // recorded as what was attempted, also for someone who may not even read the account
            assertThat(count("SELECT count(*) FROM refusal WHERE actor = ? AND action = 'CHANGE_STATUS account' AND target = ?", who, acct)).as(who).isEqualTo(asAttempted + 1);
        }
        assertThat(send(request("/api/v1/accounts/" + acct + "/status", null).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"status\":\"SUSPENDED\",\"reason\":\"x\"}")).build()).statusCode()).isEqualTo(401);
        assertThat(statusChanges(acct)).isEqualTo(before);
        assertThat(text("SELECT status FROM account WHERE number = ?", acct)).isEqualTo("OPEN");
    }

    @Test
    void aStatusChangeThatCannotBeMadeIsRefusedAndWritesNothing() {
        String acct = accountOf("sz-power-2");
        assertThat(heldBy(acct)).as("the demo gave %s units", acct).isPositive();
        long before = statusChanges(acct);
        String path = "/api/v1/accounts/" + acct + "/status";
        assertProblem(postJson(path, "admin-sz", "{\"status\":\"DORMANT\",\"reason\":\"x\"}"), 400, "VALIDATION_FAILED");
        assertProblem(postJson(path, "admin-sz", "{\"status\":\"SUSPENDED\"}"), 400, "VALIDATION_FAILED");
        assertProblem(postJson(path, "admin-sz", "{\"status\":\"SUSPENDED\",\"reason\":\"   \"}"), 400, "VALIDATION_FAILED");
        assertProblem(postJson(path, "admin-sz", "{\"status\":\"SUSPENDED\",\"reason\":\"" + "x".repeat(501) + "\"}"), 400, "VALIDATION_FAILED");
        assertProblem(postJson(path, "admin-sz", "{\"status\":\"OPEN\",\"reason\":\"x\"}"), 409, "STATUS_UNCHANGED");
        assertProblem(postJson(path, "admin-sz", "{\"status\":\"CLOSED\",\"reason\":\"x\"}"), 409, "ACCOUNT_NOT_EMPTY");
        String surrender = governmentAccount("SZ", "SURRENDER");
        assertProblem(postJson("/api/v1/accounts/" + surrender + "/status", "admin-sz", "{\"status\":\"SUSPENDED\",\"reason\":\"x\"}"), 409,
                "STATUS_CHANGE_NOT_ALLOWED");
        assertProblem(postJson("/api/v1/accounts/SZ-999-999999/status", "admin-sz", "{\"status\":\"SUSPENDED\",\"reason\":\"x\"}"), 404, "UNKNOWN_ACCOUNT");
        assertThat(statusChanges(acct)).isEqualTo(before);
        assertThat(statusChanges(surrender)).isZero();
        assertThat(text("SELECT status FROM account WHERE number = ?", acct)).isEqualTo("OPEN");
    }

    /** Covered entities' controls ask for 4-eyes (demo): an initiator's addition waits for the approver; its delay counts from the approval. */
    @Test
    void anInitiatorAddsATrustedAccountThatBecomesActiveAfterTheApproverApprovesAndTheDelay() {
        String acct = accountOf("sz-power-2"), trusted = notTrustedBy(acct, 0);
        HttpResponse<String> proposed = postJson("/api/v1/accounts/" + acct + "/trusted", "sz-power-2-init", "{\"account\":\"" + trusted + "\"}");
        assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(202);
        assertThat(json(proposed).path("status").asString()).isEqualTo("AWAITING_APPROVAL");
        assertThat(json(proposed).path("proposedBy").asString()).isEqualTo("sz-power-2-init");
        assertThat(json(proposed).path("active").asBoolean()).isFalse();
        // pending is not on the list
        assertThat(count("SELECT count(*) FROM trusted_account t JOIN account a ON a.id = t.account_id JOIN account b ON b.id = t.trusted_account_id "
                + "WHERE a.number = ? AND b.number = ?", acct, trusted)).isZero();
        JsonNode pending = json(get("/api/v1/accounts/" + acct + "/trusted", "sz-power-2-appr"));
        assertThat(pending.findValuesAsString("status")).contains("AWAITING_APPROVAL");
        assertProblem(postJson("/api/v1/accounts/" + acct + "/trusted", "sz-power-2-init", "{\"account\":\"" + trusted + "\"}"), 409, "TRUSTED_ADDITION_PENDING");

        Instant before = Instant.now().minusSeconds(1);
        HttpResponse<String> r = post("/api/v1/accounts/" + acct + "/trusted/" + trusted + "/approve", "sz-power-2-appr");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).path("account").asString()).isEqualTo(trusted);
        Instant activates = Instant.parse(json(r).path("activatesAt").asString());
        assertThat(activates).isAfterOrEqualTo(before);
        long hours = count("SELECT c.trusted_activation_hours FROM control_setting c JOIN account a ON a.jurisdiction = c.jurisdiction AND a.type = c.account_type "
                + "WHERE a.number = ?", acct);
        assertThat(json(r).path("active").asBoolean()).isEqualTo(hours == 0);

        JsonNode list = json(get("/api/v1/accounts/" + acct + "/trusted", "sz-power-2-appr"));
        assertThat(list.findValuesAsString("account")).contains(trusted);
        assertThat(list.findValuesAsString("status")).doesNotContain("AWAITING_APPROVAL");
        assertProblem(post("/api/v1/accounts/" + acct + "/trusted/" + trusted + "/approve", "sz-power-2-appr"), 404, "TRUSTED_ADDITION_NOT_FOUND");
        assertThat(count("SELECT count(*) FROM trusted_account t JOIN account a ON a.id = t.account_id JOIN account b ON b.id = t.trusted_account_id "
                + "WHERE a.number = ? AND b.number = ?", acct, trusted)).isEqualTo(1);

        String activation = "SELECT t.activates_at::text || ' ' || t.added_by FROM trusted_account t JOIN account a ON a.id = t.account_id "
                + "JOIN account b ON b.id = t.trusted_account_id WHERE a.number = ? AND b.number = ?";
        String first = text(activation, acct, trusted);
        assertThat(first).endsWith(" sz-power-2-init");
        // adding it again would move nothing: refused, the activation time stays
        assertProblem(postJson("/api/v1/accounts/" + acct + "/trusted", "sz-power-2-init", "{\"account\":\"" + trusted + "\"}"), 409, "ALREADY_TRUSTED");
        assertThat(text(activation, acct, trusted)).isEqualTo(first);
        assertProblem(postJson("/api/v1/accounts/" + acct + "/trusted", "sz-power-2-init", "{\"account\":\"" + acct + "\"}"), 422, "SAME_ACCOUNT");
        assertProblem(postJson("/api/v1/accounts/" + acct + "/trusted", "sz-power-2-init", "{\"account\":\"SZ-999-999999\"}"), 422, "UNKNOWN_ACCOUNT");
        assertProblem(postJson("/api/v1/accounts/" + acct + "/trusted", "sz-power-2-init", "{}"), 400, "VALIDATION_FAILED");
    }

    /**
     * A fresh covered entity's account (4-eyes): who may decide a pending addition, each refusal of authority recorded;
     * decline (with a reason), withdrawal by the proposer and a lapsed window each leave it off the list.
     */
    @Test
    void aPendingTrustedAdditionIsDecidedByADifferentApproverOnlyAndDeclinedWithdrawnOrLapsedNeverTrusts() {
        HttpResponse<String> opened = postJson("/api/v1/accounts", "admin-sz", """
                {"jurisdiction":"SZ","type":"COVERED_ENTITY_HOLDING","holder":"深圳可信名单复核测试有限公司","entityCode":"%s"}""".formatted(uscc()));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        String acct = json(opened).path("number").asString();
        // sz-power-1-init initiates and also approves (one person holding both roles), sz-power-1-appr approves,
        // sz-power-2-init only reads
        for (String[] g : new String[][]{{"sz-power-1-init", "INITIATOR"}, {"sz-power-1-init", "APPROVER"}, {"sz-power-1-appr", "APPROVER"}, {"sz-power-2-init", "READ_ONLY"}})
            assertThat(postJson("/api/v1/accounts/" + acct + "/representatives", "admin-sz", "{\"login\":\"" + g[0] + "\",\"role\":\"" + g[1] + "\"}").statusCode()).isEqualTo(201);
        String b = notTrustedBy(acct, 0), c = notTrustedBy(acct, 1), d = notTrustedBy(acct, 2);
        for (String t : new String[]{b, c, d})
            assertThat(postJson("/api/v1/accounts/" + acct + "/trusted", "sz-power-1-init", "{\"account\":\"" + t + "\"}").statusCode()).isEqualTo(202);
        String approve = "/api/v1/accounts/" + acct + "/trusted/" + b + "/approve";

        // the proposer, whatever roles they hold: SELF_APPROVAL; a read-only representative, another holder's
        // representative, an administrator (administrators_approve_holders is off): NOT_AUTHORISED; each recorded
        long self = count("SELECT count(*) FROM refusal WHERE actor = 'sz-power-1-init' AND action = 'APPROVE trusted addition' AND target = ? AND code = 'SELF_APPROVAL'", acct);
        assertProblem(post(approve, "sz-power-1-init"), 403, "SELF_APPROVAL");
        assertThat(count("SELECT count(*) FROM refusal WHERE actor = 'sz-power-1-init' AND action = 'APPROVE trusted addition' AND target = ? AND code = 'SELF_APPROVAL'", acct))
                .isEqualTo(self + 1);
        for (String who : new String[]{"sz-power-2-init", "sz-power-2-appr", "admin-sz"}) {
            long refused = count("SELECT count(*) FROM refusal WHERE actor = ? AND action = 'APPROVE trusted addition' AND target = ? AND code = 'NOT_AUTHORISED'", who, acct);
            assertProblem(post(approve, who), 403, "NOT_AUTHORISED");
            assertThat(count("SELECT count(*) FROM refusal WHERE actor = ? AND action = 'APPROVE trusted addition' AND target = ? AND code = 'NOT_AUTHORISED'", who, acct))
                    .as(who).isEqualTo(refused + 1);
        }
        assertProblem(postJson("/api/v1/accounts/" + acct + "/trusted/" + b + "/decline", "sz-power-1-init", "{\"reason\":\"mine\"}"), 403, "SELF_APPROVAL");
        // only the proposer withdraws
        long refused = refusals("sz-power-1-appr", "NOT_AUTHORISED");
        assertProblem(postJson("/api/v1/accounts/" + acct + "/trusted/" + b + "/withdraw", "sz-power-1-appr", "{}"), 403, "NOT_AUTHORISED");
        assertThat(refusals("sz-power-1-appr", "NOT_AUTHORISED")).isEqualTo(refused + 1);
        String entries = "SELECT count(*) FROM trusted_account t JOIN account a ON a.id = t.account_id WHERE a.number = ?";
        assertThat(count(entries, acct)).isZero();

        // the other approver declines, saying why; the proposer withdraws the second
        assertProblem(postJson("/api/v1/accounts/" + acct + "/trusted/" + b + "/decline", "sz-power-1-appr", "{\"reason\":\" \"}"), 400, "VALIDATION_FAILED");
        assertThat(postJson("/api/v1/accounts/" + acct + "/trusted/" + b + "/decline", "sz-power-1-appr", "{\"reason\":\"not our counterparty\"}").statusCode()).isEqualTo(204);
        assertThat(postJson("/api/v1/accounts/" + acct + "/trusted/" + c + "/withdraw", "sz-power-1-init", "{}").statusCode()).isEqualTo(204);
        assertProblem(post(approve, "sz-power-1-appr"), 404, "TRUSTED_ADDITION_NOT_FOUND");
        assertThat(text("SELECT string_agg(p.status || ':' || coalesce(p.decided_by, '') || ':' || coalesce(p.decision_reason, ''), ',' ORDER BY p.id) "
                + "FROM trusted_account_addition p JOIN account a ON a.id = p.account_id WHERE a.number = ? AND p.status <> 'PENDING'", acct))
                .isEqualTo("DECLINED:sz-power-1-appr:not our counterparty,WITHDRAWN:sz-power-1-init:");

        // the third lapses: its window closed (moved back by hand), nothing to approve, no longer listed
        update("ALTER TABLE trusted_account_addition DISABLE TRIGGER trusted_account_addition_decided_once");
        try {
            update("UPDATE trusted_account_addition SET proposed_at = now() - interval '4 days', expires_at = now() - interval '1 day' "
                    + "WHERE status = 'PENDING' AND account_id = (SELECT id FROM account WHERE number = ?)", acct);
        } finally {
            update("ALTER TABLE trusted_account_addition ENABLE TRIGGER trusted_account_addition_decided_once");
        }
        assertProblem(post("/api/v1/accounts/" + acct + "/trusted/" + d + "/approve", "sz-power-1-appr"), 404, "TRUSTED_ADDITION_NOT_FOUND");
        assertThat(json(get("/api/v1/accounts/" + acct + "/trusted", "sz-power-1-appr")).findValuesAsString("account")).isEmpty();
        assertThat(count(entries, acct)).isZero();
        // proposed again: a new addition, approved by the other approver
        assertThat(postJson("/api/v1/accounts/" + acct + "/trusted", "sz-power-1-init", "{\"account\":\"" + d + "\"}").statusCode()).isEqualTo(202);
        assertThat(post("/api/v1/accounts/" + acct + "/trusted/" + d + "/approve", "sz-power-1-appr").statusCode()).isEqualTo(200);
        assertThat(count(entries, acct)).isEqualTo(1);
    }

    /** The account page shows a pending addition with Approve (a tick to confirm) and Decline to the approver, Withdraw to the proposer; the inbox lists it. */
    @Test
    void thePagesShowAPendingTrustedAdditionToItsApproverAndItsProposer() {
        String acct = accountOf("sz-power-2"), trusted = notTrustedBy(acct, 3);
        Session proposer = session("sz-power-2-init");
        int badge = CalendarHttpTest.badge(page("/approvals", "sz-power-2-appr").body());
        HttpResponse<String> added = form(proposer, "/accounts/" + acct + "/trusted", "account", trusted);
        assertThat(added.statusCode()).isEqualTo(302);
        // (other tests may leave additions pending on this account: each row is looked at by itself)
        String row = "data-account=\"" + trusted + "\" data-owner=\"" + acct + "\"";
        String own = pendingRow(send(request("/accounts/" + acct, null).header("Cookie", proposer.cookie()).GET().build()).body(), row);
        assertThat(own).contains("sz-power-2-init", "trust-withdraw-submit").doesNotContain("trust-approve-submit", "trust-decline-submit");
        String approverRow = pendingRow(page("/accounts/" + acct, "sz-power-2-appr").body(), row);
        assertThat(approverRow).contains("class=\"confirm-trust\"", "trust-approve-submit", "trust-decline-submit").doesNotContain("trust-withdraw-submit");
        String inbox = page("/approvals", "sz-power-2-appr").body();
        assertThat(inbox).contains("id=\"inbox-trusted\"");
        assertThat(pendingRow(inbox, row)).contains("trust-approve-submit");
        // the header counts it among the approver's decisions waiting
        assertThat(CalendarHttpTest.badge(inbox)).isEqualTo(badge + 1);
        assertThat(pendingRow(page("/approvals", "sz-power-2-init").body(), row)).contains("trust-withdraw-submit");
        // another holder's people see neither
        assertThat(page("/approvals", "sz-power-1-appr").body()).doesNotContain(row);

        // without the tick nothing is approved; with it, the entry is on the list
        Session approver = session("sz-power-2-appr");
        form(approver, "/accounts/" + acct + "/trusted/" + trusted + "/approve", "back", "approvals");
        String entry = "SELECT count(*) FROM trusted_account t JOIN account a ON a.id = t.account_id JOIN account b ON b.id = t.trusted_account_id WHERE a.number = ? AND b.number = ?";
        assertThat(count(entry, acct, trusted)).isZero();
        HttpResponse<String> done = form(approver, "/accounts/" + acct + "/trusted/" + trusted + "/approve", "back", "approvals", "confirm", "true");
        assertThat(done.headers().firstValue("Location").orElse("")).endsWith("/approvals");
        assertThat(count(entry, acct, trusted)).isEqualTo(1);
        assertThat(CalendarHttpTest.badge(page("/approvals", "sz-power-2-appr").body())).isEqualTo(badge);
        assertThat(page("/accounts/" + acct, "sz-power-2-appr").body()).doesNotContain(row);
    }

    /** The row of a pending addition on a page (from its attributes to the row's end). */
    private static String pendingRow(String page, String row) {
        int i = page.indexOf(row);
        assertThat(i).as("the page lists " + row).isGreaterThanOrEqualTo(0);
        return page.substring(i, page.indexOf("</tr>", i));
    }

    @Test
    void onlyTheAccountsInitiatorsAndAdministratorsKeepItsTrustedList() {
        String acct = accountOf("sz-power-2"), target = notTrustedBy(accountOf("sz-power-2"), 1);
        long rows = count("SELECT count(*) FROM trusted_account");
        for (String who : new String[]{"sz-power-2-appr", "sz-power-1-init", "admin-cn"}) {
            long refused = refusals(who, "NOT_AUTHORISED");
            assertProblem(postJson("/api/v1/accounts/" + acct + "/trusted", who, "{\"account\":\"" + target + "\"}"), 403, "NOT_AUTHORISED");
            assertThat(refusals(who, "NOT_AUTHORISED")).as(who).isEqualTo(refused + 1);
        }
        assertThat(count("SELECT count(*) FROM trusted_account")).isEqualTo(rows);
        // another entity's list is not theirs to read either
        assertProblem(get("/api/v1/accounts/" + acct + "/trusted", "sz-power-1-init"), 403, "NOT_AUTHORISED");
        // an administrator of the jurisdiction may add (4-eyes: pending, for the account's approver)
        HttpResponse<String> r = postJson("/api/v1/accounts/" + acct + "/trusted", "admin-sz", "{\"account\":\"" + target + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(json(r).path("status").asString()).isEqualTo("AWAITING_APPROVAL");
    }

    /** Removals from sz-power-1's list (no other test transfers from sz-power-1): its demo entry for sz-power-2 is removed. */
    @Test
    void anInitiatorRemovesATrustedAccountAtOnceAndTheNextTransferToItIsRefused() {
        String acct = accountOf("sz-power-1"), gone = accountOf("sz-power-2");
        String unitType = text("SELECT s.unit_type FROM holding h JOIN account a ON a.id = h.account_id JOIN unit_series s ON s.id = h.series_id "
                + "WHERE a.number = ? AND h.quantity > 10 AND s.vintage = 2024 ORDER BY s.id LIMIT 1", acct);
        assertThat(unitType).as("the demo gave %s units", acct).isNotNull();
        String path = "/api/v1/accounts/" + acct + "/trusted/" + gone;
        String removals = "SELECT count(*) FROM trusted_account_removal r JOIN account a ON a.id = r.account_id WHERE a.number = ?";

        // the ledger's writer reads sz-power-1's list with this proposal (a covered entity transfers only to trusted accounts;
        // 4-eyes: it waits for the approver, and is withdrawn at once)
        HttpResponse<String> r = postJson("/api/v1/transactions", "sz-power-1-init", transfer("trm-1", acct, gone, unitType, 1));
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 202);
        assertThat(json(r).path("status").asString()).isEqualTo("AWAITING_APPROVAL");
        assertThat(post("/api/v1/transactions/" + json(r).path("id").asLong() + "/cancel", "sz-power-1-init").statusCode()).isEqualTo(200);

        // nobody else removes it: the approver, another entity, another jurisdiction's administrator; each refusal recorded
        long listed = count("SELECT count(*) FROM trusted_account"), removed = count(removals, acct);
        for (String who : new String[]{"sz-power-1-appr", "sz-power-2-init", "admin-cn"}) {
            long refused = count("SELECT count(*) FROM refusal WHERE actor = ? AND action = 'UNTRUST account' AND target = ? AND code = 'NOT_AUTHORISED'", who, acct);
            assertProblem(send(request(path, who).DELETE().build()), 403, "NOT_AUTHORISED");
            assertThat(count("SELECT count(*) FROM refusal WHERE actor = ? AND action = 'UNTRUST account' AND target = ? AND code = 'NOT_AUTHORISED'", who, acct))
                    .as(who).isEqualTo(refused + 1);
        }
        assertThat(count("SELECT count(*) FROM trusted_account")).isEqualTo(listed);
        assertThat(count(removals, acct)).isEqualTo(removed);

        // its initiator removes it: at once, and kept in the list's removal history
        HttpResponse<String> done = send(request(path, "sz-power-1-init").DELETE().build());
        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
        assertThat(json(get("/api/v1/accounts/" + acct + "/trusted", "sz-power-1-appr")).findValuesAsString("account")).doesNotContain(gone);
        JsonNode history = json(get("/api/v1/accounts/" + acct + "/trusted-removals", "sz-power-1-appr"));
        assertThat(history.get(0).path("account").asString()).isEqualTo(gone);
        assertThat(history.get(0).path("removedBy").asString()).isEqualTo("sz-power-1-init");
        assertThat(history.get(0).path("activatesAt").isMissingNode()).isFalse();
        assertThat(Instant.parse(history.get(0).path("removedAt").asString())).isAfter(Instant.now().minusSeconds(300));
        assertProblem(get("/api/v1/accounts/" + acct + "/trusted-removals", "sz-power-2-init"), 403, "NOT_AUTHORISED");

        // the next transfer to it is one to an untrusted account: a covered entity's is refused
        assertProblem(postJson("/api/v1/transactions", "sz-power-1-init", transfer("trm-2", acct, gone, unitType, 1)), 422, "ACCOUNT_NOT_ON_TRUSTED_LIST");

        // what is not on the list: 404, nothing written
        removed = count(removals, acct);
        assertProblem(send(request(path, "sz-power-1-init").DELETE().build()), 404, "NOT_TRUSTED");
        assertProblem(send(request("/api/v1/accounts/" + acct + "/trusted/SZ-999-999999", "sz-power-1-init").DELETE().build()), 404, "NOT_TRUSTED");
        assertProblem(send(request("/api/v1/accounts/" + acct + "/trusted/" + "9".repeat(80), "sz-power-1-init").DELETE().build()), 404, "NOT_TRUSTED");
        // an internal id (of an account the caller may not see) is answered as typed: no account number, no existence
        String hidden = accountOf("gd-power-1");
        long hiddenId = count("SELECT id FROM account WHERE number = ?", hidden);
        HttpResponse<String> byId = send(request("/api/v1/accounts/" + acct + "/trusted/" + hiddenId, "sz-power-1-init").DELETE().build());
        assertProblem(byId, 404, "NOT_TRUSTED");
        assertThat(byId.body()).doesNotContain(hidden).contains(hiddenId + " is not on the trusted list");
        assertProblem(send(request("/api/v1/accounts/SZ-999-999999/trusted/" + gone, "sz-power-1-init").DELETE().build()), 404, "UNKNOWN_ACCOUNT");
        assertThat(count(removals, acct)).isEqualTo(removed);

        // an administrator of the jurisdiction removes too; added again, an entry waits for the activation delay anew
        String other = notTrustedBy(acct, 0);
        assertThat(postJson("/api/v1/accounts/" + acct + "/trusted", "admin-sz", "{\"account\":\"" + other + "\"}").statusCode()).isEqualTo(202);
        assertThat(post("/api/v1/accounts/" + acct + "/trusted/" + other + "/approve", "sz-power-1-appr").statusCode()).isEqualTo(200);
        assertThat(send(request("/api/v1/accounts/" + acct + "/trusted/" + other, "admin2-sz").DELETE().build()).statusCode()).isEqualTo(204);
        history = json(get("/api/v1/accounts/" + acct + "/trusted-removals", "admin-sz"));
        assertThat(history.get(0).path("account").asString() + ":" + history.get(0).path("addedBy").asString() + ":" + history.get(0).path("removedBy").asString())
                .isEqualTo(other + ":admin-sz:admin2-sz");
        r = postJson("/api/v1/accounts/" + acct + "/trusted", "sz-power-1-init", "{\"account\":\"" + gone + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        r = post("/api/v1/accounts/" + acct + "/trusted/" + gone + "/approve", "sz-power-1-appr");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).path("active").asBoolean()).as("the demo's activation delay is 24 business hours").isFalse();
        assertThat(json(r).path("status").asString()).isEqualTo("NOT_ACTIVE_YET");
        // the API description names both
        assertThat(get("/v3/api-docs", null).body()).contains("/api/v1/accounts/{account}/trusted/{trusted}", "/api/v1/accounts/{account}/trusted-removals");
    }

    @Test
    void anAdministratorOpensAnAccountAndGrantsAndRevokesRolesEachRecorded() {
        long accounts = count("SELECT count(*) FROM account");
        HttpResponse<String> r = postJson("/api/v1/accounts", "admin-sz", """
                {"jurisdiction":"SZ","type":"COVERED_ENTITY_HOLDING","holder":"深圳测试新能源有限公司","entityCode":"%s"}""".formatted(uscc("91440300MA5DT7E01")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String acct = json(r).path("number").asString();
        assertThat(acct).startsWith("SZ-120-");
        assertThat(r.headers().firstValue("Location").orElse("")).endsWith("/api/v1/accounts/" + acct);
        assertThat(text("SELECT opened_by || ':' || status FROM account WHERE number = ?", acct)).isEqualTo("admin-sz:OPEN");
        assertThat(count("SELECT count(*) FROM account")).isEqualTo(accounts + 1);

        // a person with a sign-in becomes its initiator: from then on they read it, and from its revocation on they do not
        String who = "sz-power-1-init";
        assertProblem(get("/api/v1/accounts/" + acct, who), 403, "NOT_AUTHORISED");
        r = postJson("/api/v1/accounts/" + acct + "/representatives", "admin-sz", "{\"login\":\"" + who + "\",\"role\":\"INITIATOR\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(json(r).findValuesAsString("login")).containsExactly(who);
        assertThat(get("/api/v1/accounts/" + acct, who).statusCode()).isEqualTo(200);
        assertThat(json(get("/api/v1/accounts/" + acct, who)).path("myRoles").toString()).contains("INITIATOR");
        assertProblem(postJson("/api/v1/accounts/" + acct + "/representatives", "admin-sz", "{\"login\":\"" + who + "\",\"role\":\"INITIATOR\"}"), 409, "ALREADY_GRANTED");

        assertThat(send(request("/api/v1/accounts/" + acct + "/representatives/" + who + "/INITIATOR", "admin2-sz").DELETE().build()).statusCode()).isEqualTo(204);
        assertProblem(get("/api/v1/accounts/" + acct, who), 403, "NOT_AUTHORISED");
        assertProblem(send(request("/api/v1/accounts/" + acct + "/representatives/" + who + "/INITIATOR", "admin2-sz").DELETE().build()), 404, "NOT_A_REPRESENTATIVE");

        JsonNode changes = json(get("/api/v1/accounts/" + acct + "/representative-changes", "admin-sz"));
        assertThat(changes.size()).isEqualTo(2);
        assertThat(changes.get(0).path("change").asString() + ":" + changes.get(0).path("by").asString()).isEqualTo("REVOKED:admin2-sz");
        assertThat(changes.get(1).path("change").asString() + ":" + changes.get(1).path("by").asString()).isEqualTo("GRANTED:admin-sz");
    }

    /** A unified social credit code: 17 characters and their check character. */
    static String uscc(String first17) { return first17 + org.openets.kernel.EntityCodeScheme.uscCheck(first17); }

    @Test
    void aCoveredEntityIsIdentifiedByAValidCodeAndHoldsOneOpenAccountPerJurisdiction() {
        long accounts = count("SELECT count(*) FROM account");
        String code = uscc("91440300MA5DC0DE1");
        String wrongCheck = code.substring(0, 17) + (code.charAt(17) == '0' ? '1' : '0');
        // a code of the wrong length or with a wrong check character, or none: 400, nothing opened
        for (String bad : new String[]{"91440300TEST0001X", wrongCheck, "91440300MA5DC0DEI1"}) {
            HttpResponse<String> r = postJson("/api/v1/accounts", "admin-sz", """
                    {"jurisdiction":"SZ","type":"COVERED_ENTITY_HOLDING","holder":"深圳码测试有限公司","entityCode":"%s"}""".formatted(bad));
            assertProblem(r, 400, "INVALID_ENTITY_CODE");
            assertThat(r.body()).as(bad).contains(bad);
        }
        assertProblem(postJson("/api/v1/accounts", "admin-sz", """
                {"jurisdiction":"SZ","type":"COVERED_ENTITY_HOLDING","holder":"深圳码测试有限公司"}"""), 400, "VALIDATION_FAILED");
        assertThat(count("SELECT count(*) FROM account")).isEqualTo(accounts);

        // a valid code (in lower case too) opens the account; the same entity again in the same jurisdiction is refused, naming its account
        HttpResponse<String> first = postJson("/api/v1/accounts", "admin-sz", """
                {"jurisdiction":"SZ","type":"COVERED_ENTITY_HOLDING","holder":"深圳码测试有限公司","entityCode":"%s"}""".formatted(code.toLowerCase()));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        String acct = json(first).path("number").asString();
        assertThat(json(first).path("entityCode").asString()).isEqualTo(code);
        HttpResponse<String> again = postJson("/api/v1/accounts", "admin2-sz", """
                {"jurisdiction":"SZ","type":"COVERED_ENTITY_HOLDING","holder":"深圳码测试有限公司（重复）","entityCode":"%s"}""".formatted(code));
        assertProblem(again, 409, "ENTITY_HAS_ACCOUNT");
        assertThat(json(again).path("account").asString()).isEqualTo(acct);
        assertThat(count("SELECT count(*) FROM account WHERE entity_code = ?", code)).isEqualTo(1);
        // another kind of account of the same entity is not a covered-entity account: allowed
        HttpResponse<String> trading = postJson("/api/v1/accounts", "admin-sz", """
                {"jurisdiction":"SZ","type":"TRADING_HOLDING","holder":"深圳码测试有限公司","holderKind":"ORGANISATION","entityCode":"%s"}""".formatted(code));
        assertThat(trading.statusCode()).as(trading.body()).isEqualTo(201);
        // the database refuses a second open covered-entity account of the entity even when written around the application
        assertThatThrownBy(() -> text("INSERT INTO account (id, number, jurisdiction, type, holder, entity_code, status) "
                + "VALUES (nextval('account_id'), 'SZ-120-TEST', 'SZ', 'COVERED_ENTITY_HOLDING', 'x', ?, 'OPEN') RETURNING id", code)).hasMessageContaining("account_one_per_covered_entity");
    }

    @Test
    void twoAdministratorsOpeningTheSameEntityAtOnceGetOneAccountAndOneRefusalNeverAnError() throws Exception {
        for (int round = 0; round < 3; round++) {
            String code = uscc("91440300MA5DCC" + round + "N1");
            String body = """
                    {"jurisdiction":"SZ","type":"COVERED_ENTITY_HOLDING","holder":"深圳并发测试有限公司","entityCode":"%s"}""".formatted(code);
            java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
            // the race made certain: a share lock on the table lets both openers look for the entity's account and
            // holds both inserts back until both are waiting (with the opener's lock, the second waits before it looks)
            try (java.sql.Connection hold = dataSource.getConnection()) {
                hold.setAutoCommit(false);
                try (var st = hold.createStatement()) { st.execute("LOCK TABLE account IN SHARE MODE"); }
                java.util.List<java.util.concurrent.Future<HttpResponse<String>>> answers = new java.util.ArrayList<>();
                for (String who : new String[]{"admin-sz", "admin2-sz"})
                    answers.add(two.submit(() -> postJson("/api/v1/accounts", who, body)));
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()") < 2) {
                    assertThat(System.nanoTime()).as("both openers waiting").isLessThan(deadline);
                    Thread.sleep(20);
                }
                hold.rollback();
                java.util.List<Integer> statuses = new java.util.ArrayList<>();
                for (var a : answers) statuses.add(a.get().statusCode());
                assertThat(statuses).as(code).containsExactlyInAnyOrder(201, 409);
                assertThat(count("SELECT count(*) FROM account WHERE entity_code = ?", code)).isEqualTo(1);
            } finally {
                two.shutdownNow();
            }
        }
    }

    @Test
    void aJurisdictionWithoutAnEntityCodeSchemeTakesAnyIdentifierAndAFullWidthCodeReadsAsItsAsciiForm() {
        // a full-width code as a Chinese keyboard types it
        String code = uscc("91440300MA5DFW0K1");
        StringBuilder fullWidth = new StringBuilder();
        for (char ch : code.toCharArray()) fullWidth.append((char) (ch + 0xFEE0));
        HttpResponse<String> r = postJson("/api/v1/accounts", "admin-sz", """
                {"jurisdiction":"SZ","type":"COVERED_ENTITY_HOLDING","holder":"深圳全角测试有限公司","entityCode":"%s"}""".formatted(fullWidth));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(json(r).path("entityCode").asString()).isEqualTo(code);
        // the scheme is data: without one, any identifier is taken
        try {
            count("WITH u AS (UPDATE jurisdiction SET entity_code_scheme = NULL WHERE code = 'SZ' RETURNING 1) SELECT count(*) FROM u");
            r = postJson("/api/v1/accounts", "admin-sz", """
                    {"jurisdiction":"SZ","type":"COVERED_ENTITY_HOLDING","holder":"深圳无编码规则测试","entityCode":"SZ-LOCAL-0001"}""");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        } finally {
            count("WITH u AS (UPDATE jurisdiction SET entity_code_scheme = 'CN-USCC' WHERE code = 'SZ' RETURNING 1) SELECT count(*) FROM u");
        }
        assertProblem(postJson("/api/v1/accounts", "admin-sz", """
                {"jurisdiction":"SZ","type":"COVERED_ENTITY_HOLDING","holder":"深圳无编码规则测试","entityCode":"SZ-LOCAL-0002"}"""), 400, "INVALID_ENTITY_CODE");
    }

    @Test
    void openingAccountsAndKeepingRepresentativesIsForTheJurisdictionsAdministratorsAndChecksItsInput() {
        long accounts = count("SELECT count(*) FROM account"), grants = count("SELECT count(*) FROM representative");
        String body = tradingAccount("SZ", "x");
        for (String who : new String[]{"admin-cn", "sz-power-2-init", "auditor"}) {
            long refused = refusals(who, "NOT_AUTHORISED");
            assertProblem(postJson("/api/v1/accounts", who, body), 403, "NOT_AUTHORISED");
            assertThat(refusals(who, "NOT_AUTHORISED")).as(who).isEqualTo(refused + 1);
        }
        assertProblem(postJson("/api/v1/accounts", "admin-sz", "{\"jurisdiction\":\"SZ\",\"type\":\"SAVINGS\",\"holder\":\"x\"}"), 400, "VALIDATION_FAILED");
        assertProblem(postJson("/api/v1/accounts", "admin-sz", "{\"jurisdiction\":\"SZ\",\"type\":\"SURRENDER\",\"holder\":\"x\"}"), 400, "VALIDATION_FAILED");
        assertProblem(postJson("/api/v1/accounts", "admin-sz", "{\"jurisdiction\":\"SZ\",\"type\":\"TRADING_HOLDING\",\"holder\":\"  \"}"), 400, "VALIDATION_FAILED");
        assertProblem(postJson("/api/v1/accounts", "admin-sz", "{\"jurisdiction\":\"SZ\",\"type\":\"TRADING_HOLDING\",\"holder\":\"" + "x".repeat(201) + "\"}"), 400, "VALIDATION_FAILED");
        assertThat(count("SELECT count(*) FROM account")).isEqualTo(accounts);

        String acct = accountOf("sz-power-2");
        String path = "/api/v1/accounts/" + acct + "/representatives";
        long refused = refusals("sz-power-2-init", "NOT_AUTHORISED");
        assertProblem(postJson(path, "sz-power-2-init", "{\"login\":\"sz-power-1-init\",\"role\":\"APPROVER\"}"), 403, "NOT_AUTHORISED");
        assertThat(refusals("sz-power-2-init", "NOT_AUTHORISED")).isEqualTo(refused + 1);
        assertProblem(send(request(path + "/sz-power-2-appr/APPROVER", "sz-power-2-init").DELETE().build()), 403, "NOT_AUTHORISED");
        assertProblem(postJson(path, "admin-cn", "{\"login\":\"sz-power-1-init\",\"role\":\"APPROVER\"}"), 403, "NOT_AUTHORISED");
        assertProblem(postJson(path, "admin-sz", "{\"login\":\"nobody-here\",\"role\":\"APPROVER\"}"), 422, "UNKNOWN_USER");
        assertProblem(postJson(path, "admin-sz", "{\"login\":\"auditor\",\"role\":\"READ_ONLY\"}"), 422, "UNKNOWN_USER");
        assertProblem(postJson(path, "admin-sz", "{\"login\":\"sz-power-1-init\",\"role\":\"OWNER\"}"), 400, "VALIDATION_FAILED");
        assertProblem(postJson("/api/v1/accounts/" + governmentAccount("SZ", "ALLOCATION") + "/representatives", "admin-sz",
                "{\"login\":\"sz-power-1-init\",\"role\":\"APPROVER\"}"), 409, "STATUS_CHANGE_NOT_ALLOWED");
        // nobody grants themselves a role, and a registry administrator does not also represent a holder
        long self = count("SELECT count(*) FROM refusal WHERE actor = 'admin-sz' AND action = 'GRANT role' AND code = 'NOT_AUTHORISED'");
        assertProblem(postJson(path, "admin-sz", "{\"login\":\"admin-sz\",\"role\":\"INITIATOR\"}"), 403, "NOT_AUTHORISED");
        assertThat(count("SELECT count(*) FROM refusal WHERE actor = 'admin-sz' AND action = 'GRANT role' AND code = 'NOT_AUTHORISED'")).isEqualTo(self + 1);
        assertProblem(postJson(path, "admin-sz", "{\"login\":\"admin2-sz\",\"role\":\"INITIATOR\"}"), 409, "ROLE_CONFLICT");
        assertProblem(postJson(path, "admin-sz", "{\"login\":\"admin-cn\",\"role\":\"APPROVER\"}"), 409, "ROLE_CONFLICT");
        // revoking: of a government account refused, an over-long login is simply nobody's role
        assertProblem(send(request("/api/v1/accounts/" + governmentAccount("SZ", "ALLOCATION") + "/representatives/sz-power-1-init/APPROVER", "admin-sz").DELETE().build()),
                409, "STATUS_CHANGE_NOT_ALLOWED");
        assertProblem(send(request(path + "/" + "x".repeat(65) + "/APPROVER", "admin-sz").DELETE().build()), 404, "NOT_A_REPRESENTATIVE");
        assertThat(count("SELECT count(*) FROM representative")).isEqualTo(grants);
        assertThat(json(get(path, "sz-power-2-appr")).findValuesAsString("login")).contains("sz-power-2-init", "sz-power-2-appr");
    }

    @Test
    void aPledgeIsToAnotherAccountThatCanHoldUnitsAndNoListTrustsAClosedAccount() {
        String acct = accountOf("sz-power-2");
        String series = text("SELECT s.unit_type || '/' || s.vintage FROM holding h JOIN account a ON a.id = h.account_id JOIN unit_series s ON s.id = h.series_id "
                + "WHERE a.number = ? AND h.quantity > 10 ORDER BY s.id LIMIT 1", acct);
        String unitType = series.substring(0, series.indexOf('/')), vintage = series.substring(series.indexOf('/') + 1);
        long before = transactions();
        String freeze = "{\"commandId\":\"%s\",\"type\":\"FREEZE\",\"from\":\"%s\",\"pledgee\":\"%s\",\"unitType\":\"%s\",\"vintage\":%s,\"quantity\":1}";
        assertProblem(postJson("/api/v1/transactions", "admin-sz", freeze.formatted("pl-self", acct, acct, unitType, vintage)), 422, "SAME_ACCOUNT");
        assertProblem(postJson("/api/v1/transactions", "admin-sz", freeze.formatted("pl-ret", acct, governmentAccount("SZ", "RETIREMENT"), unitType, vintage)),
                422, "ROUTE_NOT_ALLOWED");
        // the registry's checks refused both, and recorded them as rejected transactions
        assertThat(count("SELECT count(*) FROM registry_transaction WHERE command_id IN ('pl-self', 'pl-ret') AND status = 'REJECTED'")).isEqualTo(2);
        assertThat(transactions()).isEqualTo(before + 2);
        assertThat(count("SELECT count(*) FROM registry_transaction WHERE command_id IN ('pl-self', 'pl-ret') AND status <> 'REJECTED'")).isZero();

        // an empty account, opened and closed; nobody's trusted list takes it
        HttpResponse<String> opened = postJson("/api/v1/accounts", "admin-sz", tradingAccount("SZ", "to be closed"));
        String closed = json(opened).path("number").asString();
        assertThat(postJson("/api/v1/accounts/" + closed + "/status", "admin-sz", "{\"status\":\"CLOSED\",\"reason\":\"never used\"}").statusCode()).isEqualTo(200);
        assertProblem(postJson("/api/v1/accounts/" + acct + "/trusted", "sz-power-2-init", "{\"account\":\"" + closed + "\"}"), 409, "ACCOUNT_CLOSED");
        // nor a registry account: a holder transfers only to holders (a transfer there is ROUTE_NOT_ALLOWED)
        long listed = count("SELECT count(*) FROM trusted_account");
        for (String type : new String[]{"RETIREMENT", "SURRENDER", "ALLOCATION"})
            assertProblem(postJson("/api/v1/accounts/" + acct + "/trusted", "sz-power-2-init", "{\"account\":\"" + governmentAccount("SZ", type) + "\"}"),
                    422, "ROUTE_NOT_ALLOWED");
        assertThat(count("SELECT count(*) FROM trusted_account")).isEqualTo(listed);
        // and a closed account keeps no list
        assertProblem(postJson("/api/v1/accounts/" + closed + "/trusted", "admin-sz", "{\"account\":\"" + acct + "\"}"), 403, "NOT_AUTHORISED");
        // account numbers are found whatever their case
        assertThat(get("/api/v1/accounts/" + acct.toLowerCase(), "sz-power-2-init").statusCode()).isEqualTo(200);
    }

    @Test
    void theAuditorReadsTheRefusalsInThePagesWithTheirMeaningAndNobodyElseDoes() {
        // a refusal of this test's own, then the auditor's page filtered to its actor
        assertProblem(postJson("/api/v1/accounts/" + accountOf("sz-power-2") + "/status", "sz-power-1-appr", "{\"status\":\"SUSPENDED\",\"reason\":\"x\"}"),
                403, "NOT_AUTHORISED");
        HttpResponse<String> en = page("/audit?actor=sz-power-1-appr&lang=en", "auditor");
        assertThat(en.statusCode()).isEqualTo(200);
        assertThat(en.body()).contains("CHANGE_STATUS account").contains("NOT_AUTHORISED").contains("You may not do this.");
        HttpResponse<String> zh = page("/audit?actor=sz-power-1-appr&lang=zh_CN", "auditor");
        assertThat(zh.body()).contains("CHANGE_STATUS account").contains("您无权进行此操作。");
        // an administrator is refused the page, and that refusal is recorded too
        long refused = refusals("admin-sz", "NOT_AUTHORISED");
        assertThat(page("/audit", "admin-sz").statusCode()).isEqualTo(403);
        assertThat(refusals("admin-sz", "NOT_AUTHORISED")).isEqualTo(refused + 1);
    }
}
