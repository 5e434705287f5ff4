package org.openets.web.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.openets.registry.Controls;
import org.openets.web.Problem;
import org.openets.web.desk.ControlsDesk;
import org.openets.web.security.Access;
import org.openets.workflows.registry.spi.ControlsAdministration.ControlChangeView;
import org.openets.workflows.registry.spi.ControlsAdministration.ControlDecision;
import org.openets.workflows.registry.spi.ControlsAdministration.ControlProposalView;
import org.openets.workflows.registry.spi.ControlsAdministration.ControlSettingView;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;
import java.util.List;

@RestController
@RequestMapping("/api/v1/controls")
@Tag(name = "Controls", description = "The controls of each account type of each jurisdiction: four-eyes, the approval window, the transfer delays, the policy for "
        + "untrusted accounts, the trusted-account activation delay, whether administrators approve holders' transactions. An administrator of the jurisdiction "
        + "proposes new values with a reason; they take effect, for the very next transaction, when a different administrator of it approves them (4-eyes); "
        + "every applied change kept. See docs/reference/controls.md")
public class ControlsApi extends FourEyesApi<ControlProposalView, ControlDecision, ControlsApi.ProposalJson, ControlsApi.ProposalJson> {
    private final ControlsDesk desk;

    public ControlsApi(ControlsDesk desk, Access access) {
        super(desk, access);
        this.desk = desk;
    }

    @Override protected java.util.function.Function<ControlProposalView, ProposalJson> proposalJson() { return ProposalJson::of; }

    /** A decision answers with the proposal as it now stands. */
    @Override protected ProposalJson decisionJson(ControlDecision d) { return ProposalJson.of(d.proposal()); }

    /** The controls' values (hours 0–8760; approvalExpiryHours 1–8760; untrustedPolicy REFUSE or DELAY). */
    public record ControlsJson(boolean fourEyes, int approvalExpiryHours, int trustedDelayHours, String untrustedPolicy, int untrustedDelayHours,
                               int trustedActivationHours, boolean administratorsApproveHolders) {
        static ControlsJson of(Controls c) {
            return new ControlsJson(c.fourEyes(), c.approvalExpiryHours(), c.trustedDelayHours(), c.untrusted().name(), c.untrustedDelayHours(),
                    c.trustedActivationHours(), c.administratorsApproveHolders());
        }
    }

    public record SettingJson(String jurisdiction, String accountType, ControlsJson controls) {
        static SettingJson of(ControlSettingView s) { return new SettingJson(s.jurisdiction(), s.accountType(), ControlsJson.of(s.controls())); }
    }

    /**
     * A proposed change: PENDING until approved, declined, withdrawn or expired (after {@code expiresAt}). {@code controls}:
     * the values proposed; {@code base}: the controls it was proposed against (an approval is refused, 409 CONTROLS_CHANGED,
     * if they changed since); {@code reason}: why it was proposed; {@code decisionReason}: why it was declined or withdrawn.
     */
    @io.swagger.v3.oas.annotations.media.Schema(name = "ControlsProposalJson")
    public record ProposalJson(long id, String jurisdiction, String accountType, ControlsJson controls, ControlsJson base, String reason, String commandId,
                               String proposedBy, Instant proposedAt, Instant expiresAt, String status, String decidedBy, Instant decidedAt, String decisionReason) {
        static ProposalJson of(ControlProposalView x) {
            return new ProposalJson(x.id(), x.jurisdiction(), x.accountType(), ControlsJson.of(x.controls()), ControlsJson.of(x.base()), x.reason(), x.commandId(),
                    x.proposedBy(), x.proposedAt(), x.expiresAt(), x.status(), x.decidedBy(), x.decidedAt(), x.decisionReason());
        }
    }

    /** An applied change: the controls before and after, why, who proposed and who approved it, when, from which proposal. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "ControlsChangeJson")
    public record ChangeJson(long id, String jurisdiction, String accountType, ControlsJson previous, ControlsJson controls, String reason, String proposedBy,
                             String approvedBy, long proposalId, Instant changedAt) {
        static ChangeJson of(ControlChangeView c) {
            return new ChangeJson(c.id(), c.jurisdiction(), c.accountType(), ControlsJson.of(c.previous()), ControlsJson.of(c.controls()), c.reason(), c.proposedBy(),
                    c.approvedBy(), c.proposalId(), c.at());
        }
    }

    /**
     * {@code commandId}: the proposer's own id (1-80 characters of A-Z a-z 0-9 . _ : -); sent again with the same request it
     * answers with the proposal it made. A value left out keeps its current value.
     */
    @io.swagger.v3.oas.annotations.media.Schema(name = "ControlsProposalRequest")
    public record ProposalRequest(String commandId, String jurisdiction, String accountType, Boolean fourEyes, Integer approvalExpiryHours, Integer trustedDelayHours,
                                  String untrustedPolicy, Integer untrustedDelayHours, Integer trustedActivationHours, Boolean administratorsApproveHolders,
                                  String reason) {}

    @io.swagger.v3.oas.annotations.media.Schema(name = "ControlsReasonRequest")

    public record ReasonRequest(String reason) {}

    @GetMapping
    @Operation(summary = "The controls of every account type of the jurisdictions you administer (auditors: of all jurisdictions)")
    public List<SettingJson> settings() {
        return desk.settings(access.current()).stream().map(SettingJson::of).toList();
    }

    @GetMapping("/history")
    @Operation(summary = "The newest applied changes of the controls you may see (at most 200), newest first: before and after, reason, proposer, approver, when")
    public List<ChangeJson> history() {
        return desk.history(access.current()).stream().map(ChangeJson::of).toList();
    }

    @PostMapping("/proposals")
    @Operation(summary = "Propose new controls for one jurisdiction and account type, saying why; administrators of the jurisdiction",
            description = "Nothing changes until a different administrator of the jurisdiction approves it (POST /proposals/{id}/approve). 201 with the proposal, "
                    + "PENDING until its expiresAt (the jurisdiction's approval window). Values left out keep their current value. 400 VALIDATION_FAILED (command id, "
                    + "account type, reason), 422 UNKNOWN_ACCOUNT_TYPE, 422 INVALID_CONTROL (field: hours outside 0–8760, approvalExpiryHours below 1, "
                    + "untrustedPolicy not REFUSE or DELAY), 422 CONTROLS_UNCHANGED, 409 DUPLICATE_ID_DIFFERENT_BODY, 409 CONTROL_PROPOSAL_PENDING (proposalId), "
                    + "403 NOT_AUTHORISED for anyone but the jurisdiction's administrators (recorded)")
    public ResponseEntity<ProposalJson> propose(@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true) @RequestBody(required = false) ProposalRequest r) {
        if (r == null) throw Problem.badRequest("VALIDATION_FAILED", "send {\"commandId\": ..., \"jurisdiction\": ..., \"accountType\": ..., \"reason\": ..., and the values}")
                .say("detail.jsonFields", "commandId, jurisdiction, accountType, reason");
        ControlProposalView x = desk.propose(access.current(), r.commandId(), r.jurisdiction(), r.accountType(), new ControlsDesk.Values(r.fourEyes(),
                r.approvalExpiryHours(), r.trustedDelayHours(), r.untrustedPolicy(), r.untrustedDelayHours(), r.trustedActivationHours(),
                r.administratorsApproveHolders()), r.reason());
        return ResponseEntity.created(URI.create("/api/v1/controls/proposals/" + x.id())).body(ProposalJson.of(x));
    }

    @GetMapping("/proposals")
    @Operation(summary = "The newest control change proposals you may see (at most 200), newest first, of one status when given (PENDING, APPROVED, DECLINED, "
            + "WITHDRAWN, EXPIRED)")
    public List<ProposalJson> proposals(@RequestParam(required = false) String status) {
        return desk.proposals(access.current(), status).stream().map(ProposalJson::of).toList();
    }

    @GetMapping("/proposals/inbox")
    @Operation(summary = "The control changes awaiting your approval: pending, of jurisdictions you administer, proposed by someone else; oldest first")
    public List<ProposalJson> inbox() {
        return inboxJson();
    }

    @GetMapping("/proposals/{id}")
    @Operation(summary = "One control change proposal; administrators of its jurisdiction and auditors (404 UNKNOWN_CONTROL_PROPOSAL)")
    public ProposalJson proposal(@PathVariable long id) {
        return oneJson(id);
    }

    @PostMapping("/proposals/{id}/approve")
    @Operation(summary = "Approve a pending control change: an administrator of the jurisdiction other than its proposer; the controls govern the next transaction",
            description = "200 with the proposal, APPROVED. 403 SELF_APPROVAL for the proposer, 403 NOT_AUTHORISED for anyone but the jurisdiction's administrators "
                    + "(both recorded), 422 INVALID_STATE when no longer pending, 422 APPROVAL_EXPIRED after its window, 403 PROPOSER_NOT_AUTHORISED when its proposer "
                    + "no longer administers the jurisdiction, 409 CONTROLS_CHANGED when the controls are no longer those it was proposed against (base); after "
                    + "either of the last two it stays pending, to be declined or withdrawn")
    public ProposalJson approve(@PathVariable long id) {
        return approved(id);
    }

    @PostMapping("/proposals/{id}/decline")
    @Operation(summary = "Decline a pending control change, saying why ({\"reason\": \"…\"}, at most 500 characters): an administrator of the jurisdiction other than its proposer")
    public ProposalJson decline(@PathVariable long id, @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true) @RequestBody(required = false) ReasonRequest body) {
        return declined(id, body == null ? null : body.reason());
    }

    @PostMapping("/proposals/{id}/withdraw")
    @Operation(summary = "Withdraw your pending control change, saying why ({\"reason\": \"…\"}, at most 500 characters): its proposer only")
    public ProposalJson withdraw(@PathVariable long id, @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true) @RequestBody(required = false) ReasonRequest body) {
        return withdrawn(id, body == null ? null : body.reason());
    }
}
