package org.openets.server;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The controls of each account type of each jurisdiction, changed 4-eyes over the API, the controls page and the
 * approval inbox: an administrator of the jurisdiction proposes new values with a reason, which change nothing until a
 * different administrator of it approves them (the proposer never, another jurisdiction's administrator never, a
 * representative never; each refusal recorded); one proposal pending per (jurisdiction, account type); an approval is
 * refused when the controls changed meanwhile or the proposer no longer administers the jurisdiction; every applied
 * change kept, append-only; an approved change governs the ledger's very next transaction. Each test works on its own
 * (jurisdiction, account type) and puts the controls back.
 */
class ControlsHttpTest extends ServerTestBase {
    private static final String DEFAULTS = "four_eyes = true, approval_expiry_hours = 72, trusted_delay_hours = 0, untrusted_policy = 'DELAY', "
            + "untrusted_delay_hours = 0, trusted_activation_hours = 0, administrators_approve_holders = false";

    private HttpResponse<String> propose(String login, String commandId, String jurisdiction, String accountType, String values, String reason) {
        return postJson("/api/v1/controls/proposals", login, """
                {"commandId": "%s", "jurisdiction": "%s", "accountType": "%s", %s "reason": "%s"}""".formatted(commandId, jurisdiction, accountType,
                values.isEmpty() ? "" : values + ",", reason));
    }

    private long proposed(String login, String commandId, String jurisdiction, String accountType, String values, String reason) {
        HttpResponse<String> r = propose(login, commandId, jurisdiction, accountType, values, reason);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).path("id").asLong();
    }

    private HttpResponse<String> decide(long id, String step, String login, String reason) {
        return reason == null ? post("/api/v1/controls/proposals/" + id + "/" + step, login)
                : postJson("/api/v1/controls/proposals/" + id + "/" + step, login, "{\"reason\": \"" + reason + "\"}");
    }

    private long hours(String jurisdiction, String accountType) {
        return count("SELECT approval_expiry_hours FROM control_setting WHERE jurisdiction = ? AND account_type = ?", jurisdiction, accountType);
    }

    private long recorded(String actor, String action, String code) {
        return count("SELECT count(*) FROM refusal WHERE actor = ? AND action = ? AND code = ?", actor, action, code);
    }

    private void reset(String jurisdiction, String accountType, String values) {
        update("UPDATE control_setting SET " + values + " WHERE jurisdiction = ? AND account_type = ?", jurisdiction, accountType);
    }

    @Test
    void administratorsSeeTheirJurisdictionsControlsAuditorsAllAndNobodyElse() {
        JsonNode mine = json(get("/api/v1/controls", "admin-gd"));
        assertThat(mine.size()).isEqualTo(11);
        mine.forEach(s -> assertThat(s.path("jurisdiction").asString()).isEqualTo("GD"));
        JsonNode cover = java.util.stream.StreamSupport.stream(mine.spliterator(), false)
                .filter(s -> s.path("accountType").asString().equals("COVERED_ENTITY_HOLDING")).findFirst().orElseThrow();
        assertThat(cover.path("controls").path("fourEyes").asBoolean()).isTrue();
        assertThat(cover.path("controls").path("untrustedPolicy").asString()).isEqualTo("REFUSE");
        assertThat(json(get("/api/v1/controls", "auditor")).size()).isEqualTo((int) count("SELECT count(*) FROM control_setting"));

        long before = recorded("cn-power-1-init", "READ controls", "NOT_AUTHORISED");
        assertProblem(get("/api/v1/controls", "cn-power-1-init"), 403, "NOT_AUTHORISED");
        assertProblem(get("/api/v1/controls/history", "cn-power-1-init"), 403, "NOT_AUTHORISED");
        assertThat(recorded("cn-power-1-init", "READ controls", "NOT_AUTHORISED")).isEqualTo(before + 2);
    }

    @Test
    void aChangeProposedByOneAdministratorTakesEffectOnlyWhenASecondApprovesItAndIsKept() {
        String j = "SZ", type = "AUCTION_DELIVERY";
        try {
            long id = proposed("admin-sz", "ctl-a-1", j, type, "\"approvalExpiryHours\": 48, \"untrustedPolicy\": \"REFUSE\"", "深圳市生态环境局通知 2026 第 3 号");
            JsonNode p = json(get("/api/v1/controls/proposals/" + id, "auditor"));
            assertThat(p.path("status").asString()).isEqualTo("PENDING");
            assertThat(p.path("base").path("approvalExpiryHours").asInt()).isEqualTo(72);
            assertThat(p.path("controls").path("approvalExpiryHours").asInt()).isEqualTo(48);
            // a value not sent keeps its current value
            assertThat(p.path("controls").path("fourEyes").asBoolean()).isTrue();
            // pending, nothing changed yet
            assertThat(hours(j, type)).isEqualTo(72);
            // the same id and request again: the same proposal; another request under it: refused
            assertThat(json(propose("admin-sz", "ctl-a-1", j, type, "\"approvalExpiryHours\": 48, \"untrustedPolicy\": \"REFUSE\"", "深圳市生态环境局通知 2026 第 3 号"))
                    .path("id").asLong()).isEqualTo(id);
            assertProblem(propose("admin-sz", "ctl-a-1", j, type, "\"approvalExpiryHours\": 47", "x"), 409, "DUPLICATE_ID_DIFFERENT_BODY");
            // one pending change per (jurisdiction, account type)
            HttpResponse<String> second = propose("admin2-sz", "ctl-a-2", j, type, "\"approvalExpiryHours\": 24", "another");
            assertProblem(second, 409, "CONTROL_PROPOSAL_PENDING");
            assertThat(json(second).path("proposalId").asLong()).isEqualTo(id);

            // the 4-eyes refusals, each recorded: the proposer, another jurisdiction's administrator, a representative, an auditor
            long self = recorded("admin-sz", "APPROVE control change", "SELF_APPROVAL");
            assertProblem(decide(id, "approve", "admin-sz", null), 403, "SELF_APPROVAL");
            assertThat(recorded("admin-sz", "APPROVE control change", "SELF_APPROVAL")).isEqualTo(self + 1);
            assertThat(text("SELECT target FROM refusal WHERE actor = 'admin-sz' AND code = 'SELF_APPROVAL' ORDER BY id DESC LIMIT 1")).isEqualTo(j + " " + type + " #" + id);
            for (String who : new String[]{"admin-gd", "sz-power-1-init", "auditor"}) {
                long before = recorded(who, "APPROVE control change", "NOT_AUTHORISED");
                assertProblem(decide(id, "approve", who, null), 403, "NOT_AUTHORISED");
                assertThat(recorded(who, "APPROVE control change", "NOT_AUTHORISED")).as(who).isEqualTo(before + 1);
            }
            long declineOwn = recorded("admin-sz", "DECLINE control change", "NOT_AUTHORISED");
            assertProblem(decide(id, "decline", "admin-sz", "no"), 403, "NOT_AUTHORISED");
            assertThat(recorded("admin-sz", "DECLINE control change", "NOT_AUTHORISED")).isEqualTo(declineOwn + 1);
            assertProblem(decide(id, "withdraw", "admin2-sz", "not mine"), 403, "NOT_AUTHORISED");
            assertThat(hours(j, type)).isEqualTo(72);

            // the inbox of the second administrator lists it; the proposer's does not
            assertThat(json(get("/api/v1/controls/proposals/inbox", "admin2-sz")).findValues("id").stream().map(JsonNode::asLong)).contains(id);
            assertThat(json(get("/api/v1/controls/proposals/inbox", "admin-sz")).findValues("id").stream().map(JsonNode::asLong)).doesNotContain(id);

            HttpResponse<String> approved = decide(id, "approve", "admin2-sz", null);
            assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
            assertThat(json(approved).path("status").asString()).isEqualTo("APPROVED");
            assertThat(hours(j, type)).isEqualTo(48);
            assertThat(text("SELECT untrusted_policy FROM control_setting WHERE jurisdiction = ? AND account_type = ?", j, type)).isEqualTo("REFUSE");
            assertProblem(decide(id, "approve", "admin2-sz", null), 422, "INVALID_STATE");

            // kept: who proposed, who approved, old and new values, why
            JsonNode h = java.util.stream.StreamSupport.stream(json(get("/api/v1/controls/history", "admin-sz")).spliterator(), false)
                    .filter(x -> x.path("proposalId").asLong() == id).findFirst().orElseThrow();
            assertThat(h.path("proposedBy").asString()).isEqualTo("admin-sz");
            assertThat(h.path("approvedBy").asString()).isEqualTo("admin2-sz");
            assertThat(h.path("previous").path("approvalExpiryHours").asInt()).isEqualTo(72);
            assertThat(h.path("previous").path("untrustedPolicy").asString()).isEqualTo("DELAY");
            assertThat(h.path("controls").path("approvalExpiryHours").asInt()).isEqualTo(48);
            assertThat(h.path("reason").asString()).isEqualTo("深圳市生态环境局通知 2026 第 3 号");
            // another jurisdiction's administrator does not see it; the auditor does
            assertThat(json(get("/api/v1/controls/history", "admin-gd")).findValues("proposalId").stream().map(JsonNode::asLong)).doesNotContain(id);
            assertThat(json(get("/api/v1/controls/history", "auditor")).findValues("proposalId").stream().map(JsonNode::asLong)).contains(id);
            // the history is append-only
            assertThatThrownBy(() -> update("UPDATE control_setting_change SET reason = 'edited' WHERE proposal_id = ?", id)).hasMessageContaining("only ever added");
            assertThatThrownBy(() -> update("DELETE FROM control_setting_change WHERE proposal_id = ?", id)).hasMessageContaining("only ever added");
            assertThatThrownBy(() -> update("DELETE FROM control_setting_proposal WHERE id = ?", id)).hasMessageContaining("none is deleted");
        } finally {
            reset(j, type, DEFAULTS);
        }
    }

    @Test
    void badValuesAreRefusedWithStableCodesAndWriteNothing() {
        String j = "SH", type = "EXCHANGE_CLEARING";
        long proposals = count("SELECT count(*) FROM control_setting_proposal");
        HttpResponse<String> r = propose("admin-sh", "ctl-v-1", j, type, "\"trustedDelayHours\": -1", "why");
        assertProblem(r, 422, "INVALID_CONTROL");
        assertThat(json(r).path("field").asString()).isEqualTo("trustedDelayHours");
        assertProblem(propose("admin-sh", "ctl-v-2", j, type, "\"approvalExpiryHours\": 0", "why"), 422, "INVALID_CONTROL");
        assertProblem(propose("admin-sh", "ctl-v-3", j, type, "\"untrustedDelayHours\": 8761", "why"), 422, "INVALID_CONTROL");
        assertProblem(propose("admin-sh", "ctl-v-4", j, type, "\"untrustedPolicy\": \"ALLOW\"", "why"), 422, "INVALID_CONTROL");
        assertProblem(propose("admin-sh", "ctl-v-5", j, type, "\"fourEyes\": true", ""), 400, "VALIDATION_FAILED");
        assertProblem(propose("admin-sh", "ctl-v-6", j, "NO_SUCH_TYPE", "\"fourEyes\": true", "why"), 422, "UNKNOWN_ACCOUNT_TYPE");
        // the controls as they are: nothing to change (EXCHANGE_CLEARING is without four-eyes)
        assertProblem(propose("admin-sh", "ctl-v-7", j, type, "\"fourEyes\": false", "why"), 422, "CONTROLS_UNCHANGED");
        assertProblem(postJson("/api/v1/controls/proposals", "admin-sh", "{}"), 400, "VALIDATION_FAILED");
        // whoever may not propose is refused first, and recorded: a representative, another jurisdiction's administrator, the auditor
        for (String who : new String[]{"sh-power-1-init", "admin-gd", "auditor"}) {
            long before = recorded(who, "PROPOSE control change", "NOT_AUTHORISED");
            assertProblem(propose(who, "ctl-v-8", j, type, "\"fourEyes\": true", "why"), 403, "NOT_AUTHORISED");
            assertThat(recorded(who, "PROPOSE control change", "NOT_AUTHORISED")).as(who).isEqualTo(before + 1);
        }
        assertThat(count("SELECT count(*) FROM control_setting_proposal")).isEqualTo(proposals);
        assertProblem(get("/api/v1/controls/proposals/999999", "auditor"), 404, "UNKNOWN_CONTROL_PROPOSAL");
        assertProblem(get("/api/v1/controls/proposals?status=MAYBE", "auditor"), 400, "VALIDATION_FAILED");
    }

    @Test
    void declineWithdrawChangedControlsAndAProposerWhoNoLongerAdministers() {
        String j = "GD", type = "NEW_ENTRANT_RESERVE";
        try {
            long declined = proposed("admin-gd", "ctl-d-1", j, type, "\"trustedDelayHours\": 12", "why");
            assertProblem(decide(declined, "decline", "admin2-gd", ""), 400, "VALIDATION_FAILED");
            HttpResponse<String> d = decide(declined, "decline", "admin2-gd", "not under the current plan");
            assertThat(d.statusCode()).as(d.body()).isEqualTo(200);
            assertThat(json(d).path("status").asString()).isEqualTo("DECLINED");
            assertThat(json(d).path("decisionReason").asString()).isEqualTo("not under the current plan");

            long withdrawn = proposed("admin-gd", "ctl-d-2", j, type, "\"trustedDelayHours\": 12", "why");
            HttpResponse<String> w = decide(withdrawn, "withdraw", "admin-gd", "typed the wrong hours");
            assertThat(json(w).path("status").asString()).isEqualTo("WITHDRAWN");

            // changed meanwhile (by hand in SQL): an approval is refused and it stays pending
            long changed = proposed("admin-gd", "ctl-d-3", j, type, "\"trustedDelayHours\": 12", "why");
            update("UPDATE control_setting SET trusted_delay_hours = 6 WHERE jurisdiction = ? AND account_type = ?", j, type);
            assertProblem(decide(changed, "approve", "admin2-gd", null), 409, "CONTROLS_CHANGED");
            assertThat(json(get("/api/v1/controls/proposals/" + changed, "auditor")).path("status").asString()).isEqualTo("PENDING");
            assertThat(decide(changed, "withdraw", "admin-gd", "overtaken").statusCode()).isEqualTo(200);
            reset(j, type, DEFAULTS);

            // the proposer no longer administers the jurisdiction: refused and recorded
            long orphan = proposed("admin2-gd", "ctl-d-4", j, type, "\"trustedDelayHours\": 12", "why");
            update("DELETE FROM registry_administrator WHERE actor = 'admin2-gd' AND jurisdiction = 'GD'");
            try {
                long before = recorded("admin-gd", "APPROVE control change", "PROPOSER_NOT_AUTHORISED");
                assertProblem(decide(orphan, "approve", "admin-gd", null), 403, "PROPOSER_NOT_AUTHORISED");
                assertThat(recorded("admin-gd", "APPROVE control change", "PROPOSER_NOT_AUTHORISED")).isEqualTo(before + 1);
                assertThat(decide(orphan, "decline", "admin-gd", "its proposer left").statusCode()).isEqualTo(200);
            } finally {
                update("INSERT INTO registry_administrator (actor, jurisdiction) VALUES ('admin2-gd', 'GD') ON CONFLICT DO NOTHING");
            }
            assertThat(count("SELECT trusted_delay_hours FROM control_setting WHERE jurisdiction = ? AND account_type = ?", j, type)).isZero();
            // a lapsed proposal: past its window, an approval is refused and it expires
            long late = proposed("admin-gd", "ctl-d-5", j, type, "\"trustedDelayHours\": 12", "why");
            update("ALTER TABLE control_setting_proposal DISABLE TRIGGER control_setting_proposal_decided_once");
            try {
                update("UPDATE control_setting_proposal SET proposed_at = now() - interval '100 hours', expires_at = now() - interval '1 hour' WHERE id = ?", late);
            } finally {
                update("ALTER TABLE control_setting_proposal ENABLE TRIGGER control_setting_proposal_decided_once");
            }
            assertProblem(decide(late, "approve", "admin2-gd", null), 422, "APPROVAL_EXPIRED");
            assertThat(json(get("/api/v1/controls/proposals/" + late, "auditor")).path("status").asString()).isEqualTo("EXPIRED");
        } finally {
            reset(j, type, DEFAULTS);
        }
    }

    /**
     * The ledger's writer caches the controls it reads (ADR 0003): four-eyes turned on for CN's covered entities by an
     * approved change governs the very next transfer, though the writer had read them (off) for the one before.
     */
    @Test
    void anApprovedChangeGovernsTheVeryNextTransaction() {
        String from = accountOf("cn-power-4"), to = accountOf("cn-alu-1");
        long fromHeld = held(from, "CEA/2024"), toHeld = held(to, "CEA/2024");
        reset("CN", "COVERED_ENTITY_HOLDING", "four_eyes = false");
        try {
            // off: a transfer to a trusted account completes as proposed (the writer now holds these controls)
            HttpResponse<String> first = postJson("/api/v1/transactions", "cn-power-4-init", transfer("controls-ledger-1", from, to, "CEA", 1));
            assertThat(first.statusCode()).as(first.body()).isIn(200, 201);
            assertThat(json(first).path("status").asString()).isEqualTo("COMPLETED");

            long id = proposed("admin-cn", "ctl-ledger-p", "CN", "COVERED_ENTITY_HOLDING", "\"fourEyes\": true", "国家主管部门决定：重点排放单位交易实行双人复核");
            HttpResponse<String> approved = decide(id, "approve", "admin2-cn", null);
            assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);

            // on, at once: the next transfer waits for the holder's approver
            HttpResponse<String> next = postJson("/api/v1/transactions", "cn-alu-1-init", transfer("controls-ledger-2", to, from, "CEA", 1));
            assertThat(next.statusCode()).as(next.body()).isIn(200, 201);
            assertThat(json(next).path("status").asString()).isEqualTo("AWAITING_APPROVAL");
            HttpResponse<String> back = post("/api/v1/transactions/" + json(next).path("id").asLong() + "/approve", "cn-alu-1-appr");
            assertThat(json(back).path("status").asString()).as(back.body()).isEqualTo("COMPLETED");
        } finally {
            reset("CN", "COVERED_ENTITY_HOLDING", "four_eyes = true");
        }
        assertThat(held(from, "CEA/2024")).isEqualTo(fromHeld);
        assertThat(held(to, "CEA/2024")).isEqualTo(toHeld);
    }

    @Test
    void theControlsPageInBothLanguagesProposesAndTheInboxApproves() {
        String j = "FJ", type = "AUCTION";
        try {
            String zh = page("/admin/controls?lang=zh_CN", "admin-fj").body();
            assertThat(zh).contains("管控参数", "双人复核", "审批期限", "id=\"nav-controls\"", "data-jurisdiction=\"FJ\"").doesNotContain("data-jurisdiction=\"GD\"");
            String en = page("/admin/controls?lang=en", "admin-fj").body();
            assertThat(en).contains("Controls", "Four-eyes", "Approval window", "takes effect only when a second person");
            // the auditor reads every jurisdiction's, without forms
            String audit = page("/admin/controls?lang=en", "auditor").body();
            assertThat(audit).contains("data-jurisdiction=\"GD\"", "data-jurisdiction=\"FJ\"").doesNotContain("class=\"propose-controls\"");
            // a representative gets a 403 page, recorded
            long before = recorded("fj-power-1-init", "READ controls", "NOT_AUTHORISED");
            assertThat(page("/admin/controls", "fj-power-1-init").statusCode()).isEqualTo(403);
            assertThat(recorded("fj-power-1-init", "READ controls", "NOT_AUTHORISED")).isEqualTo(before + 1);

            Session s = session("admin-fj");
            HttpResponse<String> sent = form(s, "/admin/controls/proposals", "commandId", "ctl-page-1", "jurisdiction", j, "accountType", type,
                    "fourEyes", "false", "fourEyes", "true", "approvalExpiryHours", "96", "trustedDelayHours", "0", "untrustedPolicy", "DELAY",
                    "untrustedDelayHours", "0", "trustedActivationHours", "0", "administratorsApproveHolders", "false", "reason", "福建省通知");
            assertThat(sent.statusCode()).isEqualTo(302);
            long id = count("SELECT id FROM control_setting_proposal WHERE proposed_by = 'admin-fj' AND command_id = 'ctl-page-1'");
            assertThat(hours(j, type)).isEqualTo(72);
            Session s2 = session("admin2-fj");
            assertThat(page("/approvals?lang=en", "admin2-fj").body()).contains("id=\"inbox-controls\"", "data-proposal-id=\"" + id + "\"", "Approval window (h): 72 → 96");
            assertThat(page("/approvals", "admin-fj").body()).contains("id=\"own-controls\"");
            HttpResponse<String> ok = form(s2, "/admin/controls/proposals/" + id + "/approve", "back", "approvals");
            assertThat(ok.statusCode()).isEqualTo(302);
            assertThat(ok.headers().firstValue("Location").orElse("")).endsWith("/approvals");
            assertThat(hours(j, type)).isEqualTo(96);
            String after = page("/admin/controls?lang=zh_CN", "admin-fj").body();
            assertThat(after).contains("id=\"controls-history\"", "福建省通知", "admin2-fj");
            assertThat(page("/admin/controls?lang=en", "auditor").body()).contains("Control changes applied", "福建省通知");
        } finally {
            reset(j, type, DEFAULTS);
        }
    }

    /**
     * The page's answers name what was changed and what is wrong as the page does, in its language (福建·交易持有账户, 审批期限),
     * never the codes (FJ TRADING_HOLDING, approvalExpiryHours); and each account type's form carries a command id of its
     * own, so that proposing for one and then another from the same page is two proposals, not a duplicate.
     */
    @Test
    void theControlsPageSaysWhatItChangedInItsLanguageAndEachFormIsACommandOfItsOwn() {
        String j = "FJ", type = "TRADING_HOLDING";
        // a browser that chose Chinese sends the language cookie with every request, its forms included
        Session signedIn = session("admin-fj"), s = new Session(signedIn.cookie() + "; openets-lang=zh_CN", signedIn.csrf()),
                english = new Session(signedIn.cookie() + "; openets-lang=en", signedIn.csrf());
        String zh = send(request("/admin/controls", null).header("Cookie", s.cookie()).GET().build()).body();
        java.util.List<String> ids = java.util.regex.Pattern.compile("name=\"commandId\" value=\"([^\"]+)\"").matcher(zh).results().map(m -> m.group(1)).toList();
        assertThat(ids).hasSizeGreaterThan(1).doesNotHaveDuplicates();
        String own = ids.stream().filter(x -> x.endsWith("-" + j + "-" + type)).findFirst().orElseThrow();
        try {
            HttpResponse<String> bad = form(s, "/admin/controls/proposals", "commandId", own, "jurisdiction", j, "accountType", type,
                    "approvalExpiryHours", "三天", "reason", "页面测试");
            assertThat(bad.statusCode()).isEqualTo(302);
            String refused = send(request("/admin/controls", null).header("Cookie", s.cookie()).GET().build()).body();
            assertThat(refused).contains("data-code=\"INVALID_CONTROL\"", "审批期限须为 1 至 8760 之间的整数小时。").doesNotContain("approvalExpiryHours 须为");
            assertThat(count("SELECT count(*) FROM control_setting_proposal WHERE command_id = ?", own)).isZero();

            // nothing changed: the refusal names the jurisdiction and the account type as the page does, when the page is drawn
            form(s, "/admin/controls/proposals", "commandId", own, "jurisdiction", j, "accountType", type, "reason", "页面测试");
            assertThat(send(request("/admin/controls", null).header("Cookie", s.cookie()).GET().build()).body())
                    .contains("data-code=\"CONTROLS_UNCHANGED\"", "福建·交易持有账户的管控参数已是这些值：无需变更。").doesNotContain("FJ TRADING_HOLDING");
            HttpResponse<String> sent = form(s, "/admin/controls/proposals", "commandId", own, "jurisdiction", j, "accountType", type,
                    "untrustedDelayHours", "25", "reason", "页面测试");
            assertThat(sent.statusCode()).isEqualTo(302);
            String done = send(request("/admin/controls", null).header("Cookie", s.cookie()).GET().build()).body();
            assertThat(done).contains("data-code=\"CONTROLS_PROPOSED\"", "已提议变更福建·交易持有账户的管控参数").doesNotContain("FJ TRADING_HOLDING");
            long id = count("SELECT id FROM control_setting_proposal WHERE command_id = ?", own);
            HttpResponse<String> withdrawn = form(english, "/admin/controls/proposals/" + id + "/withdraw", "reason", "页面测试结束");
            assertThat(withdrawn.statusCode()).isEqualTo(302);
            String en = send(request("/admin/controls", null).header("Cookie", english.cookie()).GET().build()).body();
            assertThat(en).contains("Change of the controls of Trading holding accounts of Fujian withdrawn.");
            // deciding it now: no longer pending, said with its status's name (已撤回), not its code
            Session second = session("admin2-fj"), secondZh = new Session(second.cookie() + "; openets-lang=zh_CN", second.csrf());
            assertThat(form(secondZh, "/admin/controls/proposals/" + id + "/approve").statusCode()).isEqualTo(302);
            assertThat(send(request("/admin/controls", null).header("Cookie", secondZh.cookie()).GET().build()).body())
                    .contains("data-code=\"INVALID_STATE\"", "该管控参数变更已不再待批准：状态为 已撤回。").doesNotContain("WITHDRAWN。");
        } finally {
            update("UPDATE control_setting_proposal SET status = 'WITHDRAWN', decided_at = now(), decided_by = proposed_by, decision_reason = 'test' "
                    + "WHERE command_id = ? AND status = 'PENDING'", own);
        }
    }

    /**
     * A regulator's decision refused on the controls page comes back to the page with the refusal said there in the page's
     * language (Chinese here), as on the caps' page, and is recorded as ever: approving their own proposal, deciding
     * another jurisdiction's, approving over controls that changed since. Anyone but an administrator still gets the 403 page.
     */
    @Test
    void aRegulatorsRefusedDecisionOnTheControlsPageIsShownThereAndRecorded() {
        String j = "FJ", type = "RETIREMENT";
        try {
            long id = proposed("admin-fj", "ctl-page-refused-" + System.nanoTime(), j, type, "\"approvalExpiryHours\": 90", "福建省通知（页面拒绝）");
            String target = j + " " + type + " #" + id;

            // the proposer approving their own, from the page: back to the page, refused there, recorded
            Session proposer = session("admin-fj");
            long self = recorded("admin-fj", "APPROVE control change", "SELF_APPROVAL");
            HttpResponse<String> r = form(proposer, "/admin/controls/proposals/" + id + "/approve");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
            assertThat(r.headers().firstValue("Location").orElse("")).endsWith("/admin/controls");
            String zh = send(request("/admin/controls?lang=zh_CN", null).header("Cookie", proposer.cookie()).GET().build()).body();
            assertThat(zh).contains("data-code=\"SELF_APPROVAL\"", "不能批准自己提议的管控参数变更：应由另一名管理员批准。");
            assertThat(recorded("admin-fj", "APPROVE control change", "SELF_APPROVAL")).isEqualTo(self + 1);
            assertThat(text("SELECT target FROM refusal WHERE actor = 'admin-fj' AND code = 'SELF_APPROVAL' ORDER BY id DESC LIMIT 1")).isEqualTo(target);

            // another jurisdiction's administrator, from the inbox: back there, refused, recorded
            Session other = session("admin-gd");
            long notTheirs = recorded("admin-gd", "DECLINE control change", "NOT_AUTHORISED");
            r = form(other, "/admin/controls/proposals/" + id + "/decline", "back", "approvals", "reason", "不是我的");
            assertThat(r.statusCode()).isEqualTo(302);
            assertThat(r.headers().firstValue("Location").orElse("")).endsWith("/approvals");
            assertThat(send(request("/approvals?lang=zh_CN", null).header("Cookie", other.cookie()).GET().build()).body())
                    .contains("data-code=\"NOT_AUTHORISED\"", "仅福建的注册登记系统管理员可批准或拒绝其管控参数变更。");
            assertThat(recorded("admin-gd", "DECLINE control change", "NOT_AUTHORISED")).isEqualTo(notTheirs + 1);

            // changed since it was proposed: the second administrator's approval is refused on the page; it stays pending
            update("UPDATE control_setting SET trusted_delay_hours = 5 WHERE jurisdiction = ? AND account_type = ?", j, type);
            Session second = session("admin2-fj");
            form(second, "/admin/controls/proposals/" + id + "/approve");
            assertThat(send(request("/admin/controls?lang=zh_CN", null).header("Cookie", second.cookie()).GET().build()).body())
                    .contains("data-code=\"CONTROLS_CHANGED\"", "福建·自愿注销账户的管控参数在提议后已变更");
            assertThat(text("SELECT status FROM control_setting_proposal WHERE id = ?", id)).isEqualTo("PENDING");
            assertThat(hours(j, type)).isEqualTo(72);

            // a representative is not sent back to a page they may not open: the 403 page, recorded
            long rep = recorded("fj-power-1-init", "APPROVE control change", "NOT_AUTHORISED");
            assertThat(form(session("fj-power-1-init"), "/admin/controls/proposals/" + id + "/approve").statusCode()).isEqualTo(403);
            assertThat(recorded("fj-power-1-init", "APPROVE control change", "NOT_AUTHORISED")).isEqualTo(rep + 1);
            assertThat(decide(id, "withdraw", "admin-fj", "test").statusCode()).isEqualTo(200);
        } finally {
            reset(j, type, DEFAULTS);
        }
    }
}
