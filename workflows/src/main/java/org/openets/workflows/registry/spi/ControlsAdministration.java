package org.openets.workflows.registry.spi;

import org.openets.kernel.ActorId;
import org.openets.registry.Controls;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The controls of each account type of each jurisdiction (four-eyes, windows, delays, the untrusted policy), changed
 * 4-eyes as caps are: an administrator of the jurisdiction proposes new values with a reason, a different
 * administrator of it approves them (then, under the ledger's lock, they are written and the change kept), or declines
 * them; the proposer may withdraw them; nobody deciding, the proposal lapses when the jurisdiction's approval window
 * (its total-quantity account's) closes. One proposal per (jurisdiction, account type) is pending at a time, and an
 * approval is refused when the controls changed since the proposal was made.
 */
public interface ControlsAdministration {
    /** The controls of one account type of one jurisdiction. */
    record ControlSettingView(String jurisdiction, String accountType, Controls controls) {}

    /** A proposed change: {@code controls} the values proposed, {@code base} the values it was proposed against. */
    record ControlProposalView(long id, String jurisdiction, String accountType, Controls controls, Controls base, String reason, String commandId,
                               String proposedBy, Instant proposedAt, Instant expiresAt, String status, String decidedBy, Instant decidedAt,
                               String decisionReason) {
        public boolean pending() { return "PENDING".equals(status); }
    }

    /** One applied change: the controls before ({@code previous}) and after, why, who proposed and who approved it, when. */
    record ControlChangeView(long id, String jurisdiction, String accountType, Controls previous, Controls controls, String reason,
                             String proposedBy, String approvedBy, long proposalId, Instant at) {}

    /** What a proposal came to: PROPOSED or REPEATED (the same id and request), else why not (the pending one for PENDING_EXISTS). */
    record ControlProposal(Result result, ControlProposalView proposal) {
        public enum Result { PROPOSED, REPEATED, COMMAND_ID_USED, PENDING_EXISTS, UNKNOWN_SETTING, NOT_AUTHORISED, UNCHANGED }
    }

    /** What a decision came to; {@code current}: the controls now (for CONTROLS_CHANGED). */
    record ControlDecision(Result result, ControlProposalView proposal, Controls current) {
        public enum Result { APPROVED, DECLINED, WITHDRAWN, UNKNOWN, NOT_AUTHORISED, SELF_APPROVAL, NOT_PENDING, EXPIRED, PROPOSER_NOT_AUTHORISED, CONTROLS_CHANGED }
    }

    /** Every (jurisdiction, account type)'s controls, by jurisdiction and account type. */
    List<ControlSettingView> settings();

    /** The newest proposals (at most {@code limit}), newest first, of one status when given. */
    List<ControlProposalView> proposals(String status, int limit);

    Optional<ControlProposalView> proposal(long id);

    /** The newest applied changes (at most {@code limit}), newest first. */
    List<ControlChangeView> changes(int limit);

    ControlProposal propose(String commandId, String jurisdiction, String accountType, Controls controls, String reason, ActorId by, Instant now);

    ControlDecision approve(long proposalId, ActorId by, Instant now);

    ControlDecision decline(long proposalId, ActorId by, String reason, Instant now);

    ControlDecision withdraw(long proposalId, ActorId by, String reason, Instant now);

    /** Ends the pending proposals whose window has closed; how many. */
    int lapse(Instant now);
}
