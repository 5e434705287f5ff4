package org.openets.server;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The caps (issuance limits), 4-eyes, over the API and on the issuance page and the approval inbox: an administrator of
 * a unit type's issuer proposes a cap, which changes nothing until a different administrator of that jurisdiction
 * approves it (the proposer never, an administrator of another jurisdiction never); every version names both; one
 * change of a cap pending at a time; a cap never goes below what is issued plus what awaits approval, when proposed and
 * again when approved; a change nobody decided lapses; the proposer withdraws and another administrator declines, each
 * saying why; everyone else is refused and the refusal recorded; bad input writes nothing. Works on CEA 2030, SZEA
 * 2031–2039 and 2024, which no other test changes.
 */
class IssuanceLimitsHttpTest extends ServerTestBase {
    @Autowired CompletionJob completionJob;

    private long versions(String unitType, int vintage) {
        return count("SELECT count(*) FROM issuance_limit_change WHERE unit_type = ? AND vintage = ?", unitType, vintage);
    }

    private long cap(String unitType, int vintage) {
        return count("SELECT coalesce(max(quantity), -1) FROM issuance_limit WHERE unit_type = ? AND vintage = ?", unitType, vintage);
    }

    private long recorded(String actor, String action, String code) {
        return count("SELECT count(*) FROM refusal WHERE actor = ? AND action = ? AND code = ?", actor, action, code);
    }

    private static String issue(String commandId, String unitType, int vintage, long quantity) {
        return """
                {"commandId":"%s","type":"ISSUE","unitType":"%s","vintage":%d,"quantity":%d}""".formatted(commandId, unitType, vintage, quantity);
    }

    private HttpResponse<String> propose(String login, String unitType, int vintage, String commandId, long quantity, String source) {
        return postJson("/api/v1/issuance-limits/" + unitType + "/" + vintage + "/proposals", login, """
                {"commandId": "%s", "quantity": %d, "source": "%s"}""".formatted(commandId, quantity, source));
    }

    private long proposed(String login, String unitType, int vintage, String commandId, long quantity, String source) {
        HttpResponse<String> r = propose(login, unitType, vintage, commandId, quantity, source);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).path("id").asLong();
    }

    private HttpResponse<String> decide(long id, String step, String login, String reason) {
        return reason == null ? post("/api/v1/issuance-limits/proposals/" + id + "/" + step, login)
                : postJson("/api/v1/issuance-limits/proposals/" + id + "/" + step, login, "{\"reason\": \"" + reason + "\"}");
    }

    @Test
    void aCapProposedByOneAdministratorTakesEffectOnlyWhenASecondOneApprovesItAndEveryVersionNamesBoth() {
        assertProblem(postJson("/api/v1/transactions", "admin-cn", issue("cap-http-1", "CEA", 2030, 1_000)), 422, "EXCEEDS_CAP");

        HttpResponse<String> r = propose("admin-cn", "CEA", 2030, "cap-p-1", 5_000, "生态环境部公告 2030 年第 1 号");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode p = json(r);
        long id = p.path("id").asLong();
        assertThat(r.headers().firstValue("Location").orElse("")).endsWith("/api/v1/issuance-limits/proposals/" + id);
        assertThat(p.path("status").asString()).isEqualTo("PENDING");
        assertThat(p.path("proposedBy").asString()).isEqualTo("admin-cn");
        // the window an issuance of CEA gets: CN's total-quantity account's approval_expiry_hours (72)
        assertThat(java.time.Duration.between(java.time.Instant.parse(p.path("proposedAt").asString()), java.time.Instant.parse(p.path("expiresAt").asString())))
                .isEqualTo(java.time.Duration.ofHours(72));
        // stored, not in effect: no cap, no version, the issuance still refused
        assertThat(cap("CEA", 2030)).isEqualTo(-1);
        assertThat(versions("CEA", 2030)).isZero();
        assertProblem(postJson("/api/v1/transactions", "admin-cn", issue("cap-http-1b", "CEA", 2030, 1_000)), 422, "EXCEEDS_CAP");
        JsonNode one = json(get("/api/v1/issuance-limits/CEA/2030", "auditor"));
        assertThat(one.path("current").isNull()).isTrue();
        assertThat(one.path("pending").path("id").asLong()).isEqualTo(id);

        // the same command id answers with the same proposal; with another request it is refused
        HttpResponse<String> retry = propose("admin-cn", "CEA", 2030, "cap-p-1", 5_000, "生态环境部公告 2030 年第 1 号");
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(json(retry).path("id").asLong()).isEqualTo(id);
        assertProblem(propose("admin-cn", "CEA", 2030, "cap-p-1", 6_000, "another"), 409, "DUPLICATE_ID_DIFFERENT_BODY");
        // one change of a cap pending at a time
        HttpResponse<String> second = propose("admin2-cn", "CEA", 2030, "cap-p-2", 6_000, "another");
        assertProblem(second, 409, "CAP_PROPOSAL_PENDING");
        assertThat(json(second).path("proposalId").asLong()).isEqualTo(id);

        // the proposer never approves it (nor declines it); another jurisdiction's administrator neither; each refusal recorded
        long self = recorded("admin-cn", "APPROVE issuance limit change", "SELF_APPROVAL");
        assertProblem(decide(id, "approve", "admin-cn", null), 403, "SELF_APPROVAL");
        assertThat(recorded("admin-cn", "APPROVE issuance limit change", "SELF_APPROVAL")).isEqualTo(self + 1);
        assertThat(text("SELECT target FROM refusal WHERE actor = 'admin-cn' AND code = 'SELF_APPROVAL' ORDER BY id DESC LIMIT 1")).isEqualTo("CEA 2030 #" + id);
        long own = recorded("admin-cn", "DECLINE issuance limit change", "NOT_AUTHORISED");
        assertProblem(decide(id, "decline", "admin-cn", "mine"), 403, "NOT_AUTHORISED");
        assertThat(recorded("admin-cn", "DECLINE issuance limit change", "NOT_AUTHORISED")).isEqualTo(own + 1);
        long other = recorded("admin-gd", "APPROVE issuance limit change", "NOT_AUTHORISED");
        assertProblem(decide(id, "approve", "admin-gd", null), 403, "NOT_AUTHORISED");
        assertThat(recorded("admin-gd", "APPROVE issuance limit change", "NOT_AUTHORISED")).isEqualTo(other + 1);
        assertThat(cap("CEA", 2030)).isEqualTo(-1);

        // it waits in the second administrator's inbox, not in the proposer's nor another jurisdiction's
        assertThat(json(get("/api/v1/issuance-limits/proposals/inbox", "admin2-cn")).toString()).contains("\"id\":" + id + ",");
        assertThat(json(get("/api/v1/issuance-limits/proposals/inbox", "admin-cn")).toString()).doesNotContain("\"id\":" + id + ",");
        assertThat(json(get("/api/v1/issuance-limits/proposals/inbox", "admin-gd")).toString()).doesNotContain("\"id\":" + id + ",");

        r = decide(id, "approve", "admin2-cn", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).path("status").asString()).isEqualTo("APPROVED");
        assertThat(json(r).path("decidedBy").asString()).isEqualTo("admin2-cn");
        assertThat(cap("CEA", 2030)).isEqualTo(5_000);
        assertProblem(decide(id, "approve", "admin2-cn", null), 422, "INVALID_STATE");

        // the ledger sees the cap at once
        r = postJson("/api/v1/transactions", "admin-cn", issue("cap-http-2", "CEA", 2030, 4_000));
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 202);
        assertThat(json(r).path("status").asString()).isEqualTo("AWAITING_APPROVAL");

        // below issued (0) + awaiting approval (4,000): refused when proposed, nothing stored
        assertProblem(propose("admin2-cn", "CEA", 2030, "cap-p-3", 3_999, "notice 2"), 422, "CAP_BELOW_ISSUED");
        // not below when proposed, below when approved: refused then, under the ledger's lock; it stays pending, to be declined
        long lower = proposed("admin2-cn", "CEA", 2030, "cap-p-4", 4_200, "notice 3");
        r = postJson("/api/v1/transactions", "admin-cn", issue("cap-http-3", "CEA", 2030, 300));
        assertThat(json(r).path("status").asString()).as(r.body()).isEqualTo("AWAITING_APPROVAL");
        r = decide(lower, "approve", "admin-cn", null);
        assertProblem(r, 422, "CAP_BELOW_ISSUED");
        assertThat(json(r).path("pending").asLong()).isEqualTo(4_300);
        assertThat(cap("CEA", 2030)).isEqualTo(5_000);
        assertThat(json(get("/api/v1/issuance-limits/proposals/" + lower, "auditor")).path("status").asString()).isEqualTo("PENDING");
        assertProblem(decide(lower, "decline", "admin-cn", "   "), 400, "VALIDATION_FAILED");
        r = decide(lower, "decline", "admin-cn", "below what awaits approval");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).path("status").asString()).isEqualTo("DECLINED");
        assertThat(json(r).path("reason").asString()).isEqualTo("below what awaits approval");

        JsonNode history = json(get("/api/v1/issuance-limits/CEA/2030", "auditor"));
        assertThat(history.path("current").path("cap").asLong()).isEqualTo(5_000);
        assertThat(history.path("current").path("pendingIssuance").asLong()).isEqualTo(4_300);
        assertThat(history.path("pending").isNull()).isTrue();
        assertThat(history.path("history").size()).isEqualTo(1);
        JsonNode version = history.path("history").get(0);
        assertThat(version.path("setBy").asString()).isEqualTo("admin2-cn");
        assertThat(version.path("proposedBy").asString()).isEqualTo("admin-cn");
        assertThat(version.path("route").asString()).isEqualTo("FOUR_EYES");
        assertThat(version.path("proposalId").asLong()).isEqualTo(id);
        assertThat(version.path("source").asString()).isEqualTo("生态环境部公告 2030 年第 1 号");
        assertThat(json(get("/api/v1/issuance-limits/proposals?status=declined", "admin-gd")).toString()).contains("\"id\":" + lower + ",");
        String api = get("/v3/api-docs", null).body();
        assertThat(api).contains("/api/v1/issuance-limits/{unitType}/{vintage}/proposals", "/api/v1/issuance-limits/proposals/{id}/approve",
                "/api/v1/issuance-limits/proposals/{id}/decline", "/api/v1/issuance-limits/proposals/{id}/withdraw", "/api/v1/issuance-limits/proposals/inbox");
    }

    @Test
    void onlyTheIssuersAdministratorsProposeAndDecideAndEveryRefusalIsRecorded() {
        for (String who : new String[]{"admin-cn", "admin-gd", "sz-power-1-init", "auditor"}) {
            long refused = count("SELECT count(*) FROM refusal WHERE actor = ? AND code = 'NOT_AUTHORISED' AND action = 'PROPOSE issuance limit change' AND target = 'SZEA 2031'", who);
            assertProblem(propose(who, "SZEA", 2031, "sz-1-" + who, 1_000, "深圳市公告"), 403, "NOT_AUTHORISED");
            assertThat(count("SELECT count(*) FROM refusal WHERE actor = ? AND code = 'NOT_AUTHORISED' AND action = 'PROPOSE issuance limit change' AND target = 'SZEA 2031'", who))
                    .as(who).isEqualTo(refused + 1);
        }
        // a representative does not read the caps nor their changes either
        assertProblem(get("/api/v1/issuance-limits", "sz-power-1-init"), 403, "NOT_AUTHORISED");
        assertProblem(get("/api/v1/issuance-limits/proposals", "sz-power-1-init"), 403, "NOT_AUTHORISED");
        assertThat(count("SELECT count(*) FROM issuance_limit_proposal WHERE unit_type = 'SZEA' AND vintage = 2031")).isZero();

        // nobody but another administrator of the issuer decides it; nobody but its proposer withdraws it
        long id = proposed("admin-sz", "SZEA", 2031, "sz-1", 1_000, "深圳市公告");
        for (String who : new String[]{"auditor", "sz-power-1-init", "sz-power-1-appr", "admin-cn"})
            for (String step : new String[]{"approve", "decline"}) {
                String action = ("approve".equals(step) ? "APPROVE" : "DECLINE") + " issuance limit change";
                long before = recorded(who, action, "NOT_AUTHORISED");
                assertProblem(decide(id, step, who, "approve".equals(step) ? null : "no"), 403, "NOT_AUTHORISED");
                assertThat(recorded(who, action, "NOT_AUTHORISED")).as(who + " " + step).isEqualTo(before + 1);
            }
        long before = recorded("admin2-sz", "WITHDRAW issuance limit change", "NOT_AUTHORISED");
        assertProblem(decide(id, "withdraw", "admin2-sz", "not mine"), 403, "NOT_AUTHORISED");
        assertThat(recorded("admin2-sz", "WITHDRAW issuance limit change", "NOT_AUTHORISED")).isEqualTo(before + 1);
        assertProblem(decide(id + 100_000, "approve", "admin2-sz", null), 404, "UNKNOWN_CAP_PROPOSAL");

        // its proposer withdraws it, saying why; then it is decided and nobody acts on it any more
        assertProblem(decide(id, "withdraw", "admin-sz", ""), 400, "VALIDATION_FAILED");
        HttpResponse<String> r = decide(id, "withdraw", "admin-sz", "wrong notice number");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).path("status").asString()).isEqualTo("WITHDRAWN");
        assertThat(json(r).path("reason").asString()).isEqualTo("wrong notice number");
        assertProblem(decide(id, "approve", "admin2-sz", null), 422, "INVALID_STATE");
        assertThat(cap("SZEA", 2031)).isEqualTo(-1);

        // setting a cap at once is no longer an API call: the method is not allowed, nothing written
        HttpResponse<String> put = send(request("/api/v1/issuance-limits/SZEA/2031", "admin-sz").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"quantity\": 1000, \"source\": \"x\"}")).build());
        assertProblem(put, 405, "METHOD_NOT_ALLOWED");
        assertThat(versions("SZEA", 2031)).isZero();
    }

    @Test
    void aCapChangeNobodyDecidedLapsesWhenItsWindowClosesAndNoLongerHoldsItsPlace() {
        // proposed 73 hours ago: past the 72 hours SZ gives an issuance of SZEA
        String old = "INSERT INTO issuance_limit_proposal (unit_type, vintage, quantity, source, command_id, proposed_by, proposed_at, expires_at) "
                + "VALUES ('SZEA', ?, 1000, 'old notice', ?, 'admin-sz', now() - interval '73 hours', now() - interval '1 hour') RETURNING id";
        long stale = count(old, 2034, "sz-old-1");
        HttpResponse<String> r = decide(stale, "approve", "admin2-sz", null);
        assertProblem(r, 422, "APPROVAL_EXPIRED");
        assertThat(text("SELECT status FROM issuance_limit_proposal WHERE id = ?", stale)).isEqualTo("EXPIRED");
        assertThat(cap("SZEA", 2034)).isEqualTo(-1);
        assertProblem(decide(stale, "approve", "admin2-sz", null), 422, "INVALID_STATE");

        // the scheduler lapses the others; a lapsed one does not stand in the way of a new proposal
        long other = count(old, 2035, "sz-old-2");
        completionJob.completeDue();
        assertThat(text("SELECT status FROM issuance_limit_proposal WHERE id = ?", other)).isEqualTo("EXPIRED");
        assertThat(json(get("/api/v1/issuance-limits/proposals/" + other, "auditor")).path("decidedBy").isNull()).isTrue();
        long fresh = proposed("admin-sz", "SZEA", 2035, "sz-new-2", 2_000, "new notice");
        assertThat(decide(fresh, "approve", "admin2-sz", null).statusCode()).isEqualTo(200);
        assertThat(cap("SZEA", 2035)).isEqualTo(2_000);
    }

    @Test
    void badInputIsRefusedAndWritesNothing() {
        long before = count("SELECT count(*) FROM issuance_limit_proposal");
        assertProblem(propose("admin-sz", "NOPE", 2031, "b-1", 1000, "x"), 422, "UNKNOWN_UNIT_TYPE");
        assertProblem(propose("admin-sz", "SZEA", 2004, "b-2", 1000, "x"), 400, "VALIDATION_FAILED");
        assertProblem(postJson("/api/v1/issuance-limits/SZEA/20x1/proposals", "admin-sz", """
                {"commandId": "b-3", "quantity": 1000, "source": "x"}"""), 400, "VALIDATION_FAILED");
        for (String q : new String[]{"0", "-5", "10.5", "null"})
            assertProblem(postJson("/api/v1/issuance-limits/SZEA/2031/proposals", "admin-sz", """
                    {"commandId": "b-4", "quantity": %s, "source": "x"}""".formatted(q)), 422, "INVALID_QUANTITY");
        assertProblem(propose("admin-sz", "SZEA", 2031, "b-5", 1000, "   "), 400, "VALIDATION_FAILED");
        assertProblem(postJson("/api/v1/issuance-limits/SZEA/2031/proposals", "admin-sz", """
                {"commandId": "b-6", "quantity": 1000}"""), 400, "VALIDATION_FAILED");
        assertProblem(propose("admin-sz", "SZEA", 2031, "b-7", 1000, "x".repeat(501)), 400, "VALIDATION_FAILED");
        // the command id is required and has a form
        assertProblem(postJson("/api/v1/issuance-limits/SZEA/2031/proposals", "admin-sz", """
                {"quantity": 1000, "source": "x"}"""), 400, "VALIDATION_FAILED");
        assertProblem(propose("admin-sz", "SZEA", 2031, "no spaces", 1000, "x"), 400, "VALIDATION_FAILED");
        assertProblem(get("/api/v1/issuance-limits/proposals?status=LOST", "auditor"), 400, "VALIDATION_FAILED");
        // the demo's SZEA 2024 cap is far above nothing: below what is issued is refused with the figures
        HttpResponse<String> r = propose("admin-sz", "SZEA", 2024, "b-8", 1, "x");
        assertProblem(r, 422, "CAP_BELOW_ISSUED");
        assertThat(json(r).path("detail").asString()).contains("is below what is issued");
        assertThat(count("SELECT count(*) FROM issuance_limit_proposal")).isEqualTo(before);
        assertThat(cap("SZEA", 2031)).isEqualTo(-1);
    }

    /** A form sent from a page, as a browser sends it, in the page's language. */
    private HttpResponse<String> form(Session s, String lang, String path, String body) {
        return send(request(path, null).header("Cookie", s.cookie() + "; openets-lang=" + lang).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body + "&_csrf=" + URLEncoder.encode(s.csrf(), StandardCharsets.UTF_8))).build());
    }

    private HttpResponse<String> pageIn(Session s, String lang, String path) {
        return send(request(path, null).header("Cookie", s.cookie() + "; openets-lang=" + lang).GET().build());
    }

    @Test
    void onThePagesOneAdministratorProposesACapAndAnotherApprovesItFromTheInboxInBothLanguages() {
        Session proposer = session("admin-sz"), approver = session("admin2-sz");
        HttpResponse<String> r = form(proposer, "zh-CN", "/admin/issuance/cap", "commandId=ui-cap-2036&unitType=SZEA&vintage=2036&quantity="
                + URLEncoder.encode("12,000", StandardCharsets.UTF_8) + "&source=" + URLEncoder.encode("深圳市生态环境局通知 2036-1", StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        String page = pageIn(proposer, "zh-CN", "/admin/issuance").body();
        assertThat(page).contains("data-code=\"CAP_PROPOSED\"").contains("总量上限已提议").contains("待批准的总量上限变更").contains("深圳市生态环境局通知 2036-1");
        assertThat(cap("SZEA", 2036)).as("proposed, not set").isEqualTo(-1);
        long id = count("SELECT id FROM issuance_limit_proposal WHERE unit_type = 'SZEA' AND vintage = 2036 AND status = 'PENDING'");
        // the proposer may withdraw it, not approve it
        assertThat(page).contains("/admin/issuance/cap-proposals/" + id + "/withdraw").doesNotContain("/admin/issuance/cap-proposals/" + id + "/approve");
        // a proposer who posts an approval anyway is refused, in the page's language, and recorded
        long self = recorded("admin-sz", "APPROVE issuance limit change", "SELF_APPROVAL");
        form(proposer, "zh-CN", "/admin/issuance/cap-proposals/" + id + "/approve", "back=issuance");
        assertThat(pageIn(proposer, "zh-CN", "/admin/issuance").body()).contains("data-code=\"SELF_APPROVAL\"").contains("不能批准自己提议的总量上限变更");
        assertThat(recorded("admin-sz", "APPROVE issuance limit change", "SELF_APPROVAL")).isEqualTo(self + 1);

        // the second administrator finds it in the inbox (and the header's count), in English and in Chinese
        String en = pageIn(approver, "en", "/approvals").body();
        assertThat(en).contains("Cap changes awaiting your approval").contains("data-proposal-id=\"" + id + "\"").contains("12,000")
                .contains("/admin/issuance/cap-proposals/" + id + "/approve");
        assertThat(AccountHistoryPagesHttpTest.badge(en)).isPositive();
        assertThat(pageIn(approver, "zh-CN", "/approvals").body()).contains("待您批准的总量上限变更").contains("批准该上限");
        assertThat(pageIn(approver, "en", "/admin/issuance").body()).contains("Cap changes awaiting approval").contains("Approve cap");
        // and not to approve in the proposer's inbox: only among their own, awaiting another administrator
        String mine = pageIn(proposer, "en", "/approvals").body();
        assertThat(mine).doesNotContain("/admin/issuance/cap-proposals/" + id + "/approve").doesNotContain("id=\"inbox-caps\"");
        assertThat(mine.substring(mine.indexOf("id=\"own-caps\""))).contains("data-proposal-id=\"" + id + "\"");

        r = form(approver, "zh-CN", "/admin/issuance/cap-proposals/" + id + "/approve", "back=approvals");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElse("")).endsWith("/approvals");
        assertThat(pageIn(approver, "zh-CN", "/approvals").body()).contains("data-code=\"CAP_APPROVED\"").contains("总量上限已批准并生效：SZEA 2036：12,000 吨");
        assertThat(cap("SZEA", 2036)).isEqualTo(12_000);
        String history = pageIn(approver, "zh-CN", "/admin/issuance").body();
        assertThat(history).contains("data-route=\"FOUR_EYES\"").contains("经两名管理员提议并批准");
        assertThat(pageIn(approver, "en", "/admin/issuance").body()).contains("proposed and approved by two administrators");

        // below what is issued: refused when proposed, said in Chinese, the form comes back as sent
        form(proposer, "zh-CN", "/admin/issuance/cap", "commandId=ui-cap-2024&unitType=SZEA&vintage=2024&quantity=1&source=x");
        page = pageIn(proposer, "zh-CN", "/admin/issuance").body();
        assertThat(page).contains("data-code=\"CAP_BELOW_ISSUED\"").contains("低于已签发量");

        // declined from the page with a reason (without one it comes back, open); the decided change is listed with it
        long next = proposed("admin-sz", "SZEA", 2037, "ui-cap-2037", 5_000, "深圳市通知 2037-1");
        form(approver, "en", "/admin/issuance/cap-proposals/" + next + "/decline", "back=issuance&reason=");
        assertThat(pageIn(approver, "en", "/admin/issuance").body()).contains("data-code=\"VALIDATION_FAILED\"").contains("<details class=\"decide\" open");
        form(approver, "en", "/admin/issuance/cap-proposals/" + next + "/decline", "back=issuance&reason=" + URLEncoder.encode("通知文号有误", StandardCharsets.UTF_8));
        page = pageIn(proposer, "zh-CN", "/admin/issuance").body();
        assertThat(page).contains("data-proposal-id=\"" + next + "\" data-status=\"DECLINED\"").contains("已拒绝").contains("通知文号有误");
        assertThat(cap("SZEA", 2037)).isEqualTo(-1);
    }

    /**
     * The approver sees before approving whether it would be refused: each pending change shows what is issued and what
     * awaits approval (the lowest cap now), in the pages and the API, and is marked when it is below it or when the cap
     * changed since it was proposed. An issuance that outgrows a pending change is proposed with a warning. The proposer's
     * inbox lists their own changes, to withdraw. An approval over a cap the operator changed meanwhile is refused (409
     * CAP_CHANGED), and one whose proposer no longer administers the issuer (403 PROPOSER_NOT_AUTHORISED, recorded); the
     * proposal stays pending either way.
     */
    @Test
    void theApproverSeesWhatAnApprovalWouldMeetAndItIsRefusedOverACapChangedSinceItWasProposed() {
        Session proposer = session("admin-sz"), approver = session("admin2-sz");
        // proposed against no cap; the operator's CLI sets one meanwhile
        HttpResponse<String> r = propose("admin-sz", "SZEA", 2039, "sz-2039-1", 10_000, "深圳市通知 2039-1");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode p = json(r);
        long first = p.path("id").asLong();
        assertThat(p.path("baseQuantity").isNull()).isTrue();
        assertThat(p.path("currentCap").isNull()).isTrue();
        assertThat(p.path("lowestCap").asLong()).isZero();
        assertThat(p.path("capChanged").asBoolean()).isFalse();
        update("INSERT INTO issuance_limit (unit_type, vintage, quantity, source) VALUES ('SZEA', 2039, 3000, 'operator')");
        p = json(get("/api/v1/issuance-limits/proposals/" + first, "auditor"));
        assertThat(p.path("capChanged").asBoolean()).isTrue();
        assertThat(p.path("currentCap").asLong()).isEqualTo(3_000);
        assertThat(pageIn(approver, "en", "/approvals").body()).contains("cap-refused-changed").contains("an approval would be refused (CAP_CHANGED)");
        r = decide(first, "approve", "admin2-sz", null);
        assertProblem(r, 409, "CAP_CHANGED");
        assertThat(json(r).path("currentCap").asLong()).isEqualTo(3_000);
        assertThat(json(r).path("proposalId").asLong()).isEqualTo(first);
        form(approver, "zh-CN", "/admin/issuance/cap-proposals/" + first + "/approve", "back=approvals");
        assertThat(pageIn(approver, "zh-CN", "/approvals").body()).contains("data-code=\"CAP_CHANGED\"").contains("SZEA 2039 的总量上限（吨）现为 3,000，提议时为 —");
        assertThat(cap("SZEA", 2039)).isEqualTo(3_000);
        assertThat(text("SELECT status FROM issuance_limit_proposal WHERE id = ?", first)).isEqualTo("PENDING");
        assertThat(decide(first, "decline", "admin2-sz", "the cap changed").statusCode()).isEqualTo(200);

        // a lower cap, proposed against 3,000; an issuance that fits the cap now but outgrows the change: proposed, with a warning
        long lower = proposed("admin-sz", "SZEA", 2039, "sz-2039-2", 2_000, "深圳市通知 2039-2");
        assertThat(json(get("/api/v1/issuance-limits/proposals/" + lower, "auditor")).path("baseQuantity").asLong()).isEqualTo(3_000);
        r = postJson("/api/v1/transactions", "admin-sz", issue("sz-2039-issue-1", "SZEA", 2039, 1_500));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(json(r).has("capWarning")).as("below the change: no warning").isFalse();
        long issue1 = json(r).path("id").asLong();
        r = postJson("/api/v1/transactions", "admin-sz", issue("sz-2039-issue-2", "SZEA", 2039, 1_000));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode issued = json(r);
        long issue2 = issued.path("id").asLong();
        assertThat(issued.path("status").asString()).isEqualTo("AWAITING_APPROVAL");
        assertThat(issued.path("capWarning").path("code").asString()).isEqualTo("CAP_PROPOSAL_BELOW_ISSUED");
        assertThat(issued.path("capWarning").path("proposalId").asLong()).isEqualTo(lower);
        assertThat(issued.path("capWarning").path("lowestCap").asLong()).isEqualTo(2_500);
        // and on the page, in Chinese
        r = form(proposer, "zh-CN", "/admin/issuance", "commandId=sz-2039-issue-3&unitType=SZEA&vintage=2039&quantity=100");
        assertThat(r.statusCode()).isEqualTo(302);
        String page = pageIn(proposer, "zh-CN", "/admin/issuance").body();
        assertThat(page).contains("data-code=\"PROPOSED\"").contains("id=\"cap-warning\"").contains("SZEA 2039 总量上限调整为 2,000 吨的待批准变更（#" + lower + "）")
                .contains("2,600 吨，含本次签发");
        long issue3 = count("SELECT id FROM registry_transaction WHERE command_id = 'sz-2039-issue-3'");

        // the figures: in the API and on each row, marked as refused now
        p = json(get("/api/v1/issuance-limits/proposals/" + lower, "auditor"));
        assertThat(p.path("issued").asLong()).isZero();
        assertThat(p.path("pendingIssuance").asLong()).isEqualTo(2_600);
        assertThat(p.path("lowestCap").asLong()).isEqualTo(2_600);
        assertThat(p.path("belowLowestCap").asBoolean()).isTrue();
        assertThat(json(get("/api/v1/issuance-limits/proposals/inbox", "admin2-sz")).toString()).contains("\"lowestCap\":2600");
        String inbox = pageIn(approver, "en", "/approvals").body();
        assertThat(inbox).contains("Lowest cap now").contains("issued 0 + awaiting approval 2,600").contains("cap-refused-below")
                .contains("Below what is issued plus what awaits approval (2,600 t): an approval would be refused (CAP_BELOW_ISSUED). Decline it.");
        assertThat(pageIn(approver, "zh-CN", "/admin/issuance").body()).contains("当前最低上限").contains("批准将被拒绝（CAP_BELOW_ISSUED）");
        assertProblem(decide(lower, "approve", "admin2-sz", null), 422, "CAP_BELOW_ISSUED");

        // the proposer's inbox lists it as theirs, awaiting another administrator, with Withdraw (and no Approve)
        String own = pageIn(proposer, "en", "/approvals").body();
        assertThat(own).contains("Your cap changes awaiting another administrator").contains("id=\"own-caps\"").contains("data-proposal-id=\"" + lower + "\"")
                .contains("/admin/issuance/cap-proposals/" + lower + "/withdraw").doesNotContain("/admin/issuance/cap-proposals/" + lower + "/approve");
        assertThat(pageIn(proposer, "zh-CN", "/approvals").body()).contains("您提议、待其他主管部门管理员批准的总量上限变更");
        assertThat(pageIn(approver, "en", "/approvals").body()).doesNotContain("id=\"own-caps\"");
        r = form(proposer, "en", "/admin/issuance/cap-proposals/" + lower + "/withdraw", "back=approvals&reason=outgrown");
        assertThat(r.headers().firstValue("Location").orElse("")).endsWith("/approvals");
        assertThat(text("SELECT status FROM issuance_limit_proposal WHERE id = ?", lower)).isEqualTo("WITHDRAWN");

        // a proposer who no longer administers SZ: the approval is refused and recorded, the proposal stays pending
        long third = proposed("admin-sz", "SZEA", 2039, "sz-2039-3", 9_000, "深圳市通知 2039-3");
        long before = recorded("admin2-sz", "APPROVE issuance limit change", "PROPOSER_NOT_AUTHORISED");
        update("DELETE FROM registry_administrator WHERE actor = 'admin-sz' AND jurisdiction = 'SZ'");
        try {
            assertProblem(decide(third, "approve", "admin2-sz", null), 403, "PROPOSER_NOT_AUTHORISED");
        } finally {
            update("INSERT INTO registry_administrator (actor, jurisdiction) VALUES ('admin-sz', 'SZ')");
        }
        assertThat(recorded("admin2-sz", "APPROVE issuance limit change", "PROPOSER_NOT_AUTHORISED")).isEqualTo(before + 1);
        assertThat(text("SELECT status FROM issuance_limit_proposal WHERE id = ?", third)).isEqualTo("PENDING");
        assertThat(cap("SZEA", 2039)).isEqualTo(3_000);
        assertThat(decide(third, "decline", "admin2-sz", "proposer left").statusCode()).isEqualTo(200);
        // the issuances leave the inbox as they came
        for (long t : new long[]{issue1, issue2, issue3})
            assertThat(postJson("/api/v1/transactions/" + t + "/decline", "admin2-sz", "{\"reason\": \"test\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void aCapFormPostedByAnyoneElseIsRefusedWithA403AndRecordedAsWhatWasAttempted() {
        Session s = session("sz-power-1-init");
        long before = count("SELECT count(*) FROM refusal WHERE actor = 'sz-power-1-init' AND action = 'PROPOSE issuance limit change' AND target = 'SZEA 2033'");
        HttpResponse<String> r = form(s, "en", "/admin/issuance/cap", "unitType=SZEA&vintage=2033&quantity=1.000&source=x");
        // authority first: not the quantity's problem, and recorded as what was attempted
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(count("SELECT count(*) FROM refusal WHERE actor = 'sz-power-1-init' AND action = 'PROPOSE issuance limit change' AND target = 'SZEA 2033'")).isEqualTo(before + 1);
        assertThat(count("SELECT count(*) FROM issuance_limit_proposal WHERE unit_type = 'SZEA' AND vintage = 2033")).isZero();

        long id = proposed("admin-sz", "SZEA", 2038, "sz-2038", 1_000, "x");
        long approve = recorded("sz-power-1-init", "APPROVE issuance limit change", "NOT_AUTHORISED");
        assertThat(form(s, "en", "/admin/issuance/cap-proposals/" + id + "/approve", "back=approvals").statusCode()).isEqualTo(403);
        assertThat(recorded("sz-power-1-init", "APPROVE issuance limit change", "NOT_AUTHORISED")).isEqualTo(approve + 1);
        long withdraw = recorded("sz-power-1-init", "WITHDRAW issuance limit change", "NOT_AUTHORISED");
        assertThat(form(s, "en", "/admin/issuance/cap-proposals/" + id + "/withdraw", "reason=x").statusCode()).isEqualTo(403);
        assertThat(recorded("sz-power-1-init", "WITHDRAW issuance limit change", "NOT_AUTHORISED")).isEqualTo(withdraw + 1);
        assertThat(text("SELECT status FROM issuance_limit_proposal WHERE id = ?", id)).isEqualTo("PENDING");
        assertThat(cap("SZEA", 2038)).isEqualTo(-1);
    }
}
