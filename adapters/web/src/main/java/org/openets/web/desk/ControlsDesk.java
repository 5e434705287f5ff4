package org.openets.web.desk;

import org.openets.registry.AccountType;
import org.openets.registry.Controls;
import org.openets.web.Problem;
import org.openets.web.security.Permissions;
import org.openets.workflows.registry.spi.ControlsAdministration;
import org.openets.workflows.registry.spi.ControlsAdministration.ControlChangeView;
import org.openets.workflows.registry.spi.ControlsAdministration.ControlDecision;
import org.openets.workflows.registry.spi.ControlsAdministration.ControlProposal;
import org.openets.workflows.registry.spi.ControlsAdministration.ControlProposalView;
import org.openets.workflows.registry.spi.ControlsAdministration.ControlSettingView;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The controls of each account type of each jurisdiction, kept by its registry administrators 4-eyes as caps are
 * ({@link CapDesk}): an administrator of the jurisdiction proposes new values with a reason; nothing changes until a
 * different administrator of that jurisdiction approves them (then, under the ledger's lock, they govern the very next
 * transaction); the proposer may withdraw and another administrator decline, each saying why; nobody deciding, the
 * proposal lapses when the jurisdiction's approval window closes. One proposal per (jurisdiction, account type) is
 * pending at a time; an approval is refused when the controls changed since the proposal was made. Administrators read
 * the controls, proposals and history of their jurisdictions, auditors of all. Refusals of authority are recorded.
 */
@Component
public class ControlsDesk extends FourEyesDesk<ControlProposalView, ControlDecision> {
    /** The longest delay or window a control takes, in hours: a year. */
    public static final int MAX_HOURS = 8760;
    static final int HISTORY = 200;
    static final String READ = "READ controls", PROPOSE = "PROPOSE control change", APPROVE = "APPROVE control change", DECLINE = "DECLINE control change",
            WITHDRAW = "WITHDRAW control change";

    private final ControlsAdministration administration;

    public ControlsDesk(RegistryDesk desk, ControlsAdministration administration, Clock clock) {
        super(desk, clock, new Words("control change", APPROVE, DECLINE, WITHDRAW, "detail.controlProposal.self", "detail.controlProposal.declineOwn",
                "detail.controlProposal.withdrawOthers", "detail.controlProposal.expired", "detail.controlProposal.proposerNotAuthorised", "detail.controlProposal.notPending"),
                new Parts<>(ControlProposalView::id, ControlProposalView::proposedBy, ControlProposalView::expiresAt, ControlProposalView::status,
                        ControlDecision::result, ControlDecision::proposal));
        this.administration = administration;
    }

    /**
     * Values proposed for the controls; a null one keeps the current value. Hours 0–8760 (the approval window 1–8760),
     * the untrusted policy REFUSE or DELAY.
     */
    public record Values(Boolean fourEyes, Integer approvalExpiryHours, Integer trustedDelayHours, String untrustedPolicy, Integer untrustedDelayHours,
                         Integer trustedActivationHours, Boolean administratorsApproveHolders) {}

    /** Whether the person may see the jurisdiction's controls: auditors every jurisdiction's, administrators their own. */
    public boolean mayRead(Permissions p, String jurisdiction) { return p.auditor() || p.administered().contains(jurisdiction); }

    /** Whether the person may propose a change of the jurisdiction's controls: an administrator of it. */
    public boolean mayPropose(Permissions p, String jurisdiction) { return p.mayWrite() && p.administered().contains(jurisdiction); }

    private void readable(Permissions p, String target) {
        if (!p.auditor() && !p.isAdministrator())
            throw desk.refuse(p, READ, target, "NOT_AUTHORISED", p.login() + " may not read the controls: registry administrators and auditors do")
                    .say("detail.deny.readControls");
    }

    /** The controls the person may see (administrators: their jurisdictions'; auditors: all), by jurisdiction and account type. */
    public List<ControlSettingView> settings(Permissions p) {
        readable(p, "-");
        return administration.settings().stream().filter(s -> mayRead(p, s.jurisdiction())).toList();
    }

    /** The newest proposals of the jurisdictions the person may see, of one status when given (else 400 VALIDATION_FAILED). */
    public List<ControlProposalView> proposals(Permissions p, String status) {
        readable(p, "-");
        return administration.proposals(status(status), PROPOSALS).stream().filter(x -> mayRead(p, x.jurisdiction())).toList();
    }

    /** One proposal, for an administrator of its jurisdiction or an auditor; 404 UNKNOWN_CONTROL_PROPOSAL (also for another jurisdiction's). */
    @Override
    public ControlProposalView proposal(Permissions p, long id) {
        readable(p, "#" + id);
        return administration.proposal(id).filter(x -> mayRead(p, x.jurisdiction())).orElseThrow(() -> unknownProposal(id));
    }

    /** The newest applied changes of the jurisdictions the person may see, newest first. */
    public List<ControlChangeView> history(Permissions p) {
        readable(p, "-");
        return administration.changes(HISTORY).stream().filter(c -> mayRead(p, c.jurisdiction())).toList();
    }

    /**
     * Who may propose a change of the controls of the jurisdiction, first (403 NOT_AUTHORISED, recorded as
     * {@code PROPOSE control change} on the jurisdiction and account type as sent): an administrator of it.
     */
    public void authorise(Permissions p, String jurisdictionText, String accountTypeText) {
        String j = jurisdictionText == null ? "" : jurisdictionText.strip().toUpperCase(Locale.ROOT);
        String target = j + " " + (accountTypeText == null ? "" : accountTypeText.strip());
        if (!p.mayWrite() || !p.isAdministrator())
            throw desk.refuse(p, PROPOSE, target, "NOT_AUTHORISED", p.login() + " may not propose changes of the controls: the jurisdiction's registry administrators do")
                    .say("detail.deny.proposeControls");
        if (j.isEmpty()) throw Problem.badRequest("VALIDATION_FAILED", "jurisdiction is required").say("detail.control.jurisdiction");
        if (!mayPropose(p, j))
            throw desk.refuse(p, PROPOSE, target, "NOT_AUTHORISED", p.login() + " may not propose changes of the controls of " + j + ": its administrators do")
                    .say("detail.deny.proposeControlsOf", Problem.jurisdiction(j));
    }

    /**
     * Proposes new controls for one (jurisdiction, account type), saying why; values not given keep their current
     * value. 403 NOT_AUTHORISED (recorded) for anyone but an administrator of the jurisdiction; 400 VALIDATION_FAILED for
     * a missing or malformed command id, a missing account type, a missing or too long reason; 422 UNKNOWN_ACCOUNT_TYPE;
     * 422 INVALID_CONTROL (with {@code field}) for hours out of 0–8760 (the approval window 1–8760) or a policy other
     * than REFUSE or DELAY; 422 CONTROLS_UNCHANGED when it proposes the controls as they are; 409
     * DUPLICATE_ID_DIFFERENT_BODY; 409 CONTROL_PROPOSAL_PENDING while another change of them awaits approval.
     */
    public ControlProposalView propose(Permissions p, String commandIdText, String jurisdictionText, String accountTypeText, Values v, String reasonText) {
        authorise(p, jurisdictionText, accountTypeText);
        String j = jurisdictionText.strip().toUpperCase(Locale.ROOT);
        String commandId = RegistryDesk.commandId(commandIdText == null ? null : commandIdText.strip()).value();
        AccountType type = accountType(accountTypeText);
        String target = j + " " + type.name();
        ControlSettingView now = administration.settings().stream().filter(s -> s.jurisdiction().equals(j) && s.accountType().equals(type.name())).findFirst()
                .orElseThrow(() -> Problem.unprocessable("UNKNOWN_ACCOUNT_TYPE", "no controls are kept for " + target).say("detail.control.noSetting", Problem.jurisdiction(j), Problem.accountType(type.name())));
        Values in = v == null ? new Values(null, null, null, null, null, null, null) : v;
        Controls c = now.controls();
        Controls proposed = new Controls(in.fourEyes() == null ? c.fourEyes() : in.fourEyes(),
                hours("approvalExpiryHours", in.approvalExpiryHours(), c.approvalExpiryHours(), 1),
                hours("trustedDelayHours", in.trustedDelayHours(), c.trustedDelayHours(), 0), policy(in.untrustedPolicy(), c.untrusted()),
                hours("untrustedDelayHours", in.untrustedDelayHours(), c.untrustedDelayHours(), 0),
                hours("trustedActivationHours", in.trustedActivationHours(), c.trustedActivationHours(), 0),
                in.administratorsApproveHolders() == null ? c.administratorsApproveHolders() : in.administratorsApproveHolders());
        String reason = reason(reasonText, "detail.control.reason");
        ControlProposal r = administration.propose(commandId, j, type.name(), proposed, reason, p.actor(), clock.instant());
        return switch (r.result()) {
            case PROPOSED, REPEATED -> r.proposal();
            case COMMAND_ID_USED -> throw new Problem(HttpStatus.CONFLICT, "DUPLICATE_ID_DIFFERENT_BODY", "command id " + commandId + " proposed another control change ("
                    + r.proposal().jurisdiction() + " " + r.proposal().accountType() + ")").say("detail.duplicateId", commandId);
            case PENDING_EXISTS -> throw new Problem(HttpStatus.CONFLICT, "CONTROL_PROPOSAL_PENDING", "a change of the controls of " + target + ", proposed by "
                    + r.proposal().proposedBy() + ", awaits approval: it is approved, declined, withdrawn or lapses first")
                    .with("proposalId", r.proposal().id()).say("detail.controlProposal.pending", Problem.jurisdiction(j), Problem.accountType(type.name()), r.proposal().proposedBy());
            case UNKNOWN_SETTING -> throw Problem.unprocessable("UNKNOWN_ACCOUNT_TYPE", "no controls are kept for " + target).say("detail.control.noSetting", Problem.jurisdiction(j), Problem.accountType(type.name()));
            case NOT_AUTHORISED -> throw desk.refuse(p, PROPOSE, target, "NOT_AUTHORISED", p.login() + " may not propose changes of the controls of " + j
                    + ": its administrators do").say("detail.deny.proposeControlsOf", Problem.jurisdiction(j));
            case UNCHANGED -> throw Problem.unprocessable("CONTROLS_UNCHANGED", "these are the controls of " + target + " already: nothing to change")
                    .say("detail.control.unchanged", Problem.jurisdiction(j), Problem.accountType(type.name()));
        };
    }

    // ------------------------------------------------------------------------------------------ the 4-eyes flow's words for controls

    @Override protected Optional<ControlProposalView> stored(long id) { return administration.proposal(id); }

    @Override protected List<ControlProposalView> pendingProposals() { return administration.proposals("PENDING", PROPOSALS); }

    @Override protected boolean administers(Permissions p, ControlProposalView x) { return mayPropose(p, x.jurisdiction()); }

    @Override protected String jurisdiction(ControlProposalView x) { return x.jurisdiction(); }

    @Override protected Deciders deciders(ControlProposalView x) {
        return new Deciders("the controls of " + x.jurisdiction() + ": its administrators do", "detail.deny.decideControlsOf", Problem.jurisdiction(x.jurisdiction()));
    }

    /** How a refusal names a proposal in the refusal log: {@code CN COVERED_ENTITY_HOLDING #12}. */
    @Override protected String target(ControlProposalView x) { return x.jurisdiction() + " " + x.accountType() + " #" + x.id(); }

    @Override protected Object named(ControlProposalView x) { return Problem.controlsOf(x.jurisdiction(), x.accountType()); }

    @Override protected Problem unknownProposal(long id) {
        return Problem.notFound("UNKNOWN_CONTROL_PROPOSAL", "no control change " + id).say("detail.controlProposal.unknown", id);
    }

    @Override protected ControlDecision storeApprove(long id, Permissions p, Instant now) { return administration.approve(id, p.actor(), now); }

    @Override protected ControlDecision storeDecline(long id, Permissions p, String reason, Instant now) { return administration.decline(id, p.actor(), reason, now); }

    @Override protected ControlDecision storeWithdraw(long id, Permissions p, String reason, Instant now) { return administration.withdraw(id, p.actor(), reason, now); }

    /** 409 CONTROLS_CHANGED when the controls are no longer those it was proposed against; it stays pending, to be declined or withdrawn. */
    @Override protected Problem refusedOwn(Permissions p, String action, ControlProposalView x, ControlDecision d) {
        if (d.result() != ControlDecision.Result.CONTROLS_CHANGED) throw new IllegalStateException("not a refusal of its own: " + d.result());
        return new Problem(HttpStatus.CONFLICT, "CONTROLS_CHANGED", "the controls of " + x.jurisdiction() + " " + x.accountType()
                + " changed since this change was proposed: it is not approved over controls its proposer did not see; decline or withdraw it")
                .with("proposalId", x.id()).say("detail.controlProposal.changed", Problem.controlsOf(x.jurisdiction(), x.accountType()));
    }

    private static AccountType accountType(String text) {
        String t = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        if (t.isEmpty()) throw Problem.badRequest("VALIDATION_FAILED", "accountType is required").say("detail.control.accountType");
        try {
            return AccountType.valueOf(t);
        } catch (IllegalArgumentException e) {
            throw Problem.unprocessable("UNKNOWN_ACCOUNT_TYPE", "no account type " + t).say("detail.control.unknownAccountType", t);
        }
    }

    private static int hours(String field, Integer value, int current, int min) {
        if (value == null) return current;
        if (value < min || value > MAX_HOURS)
            throw Problem.unprocessable("INVALID_CONTROL", field + " is a whole number of hours from " + min + " to " + MAX_HOURS).with("field", field)
                    .say(hoursKey(field), min, MAX_HOURS);
        return value;
    }

    /** The least value of an hours field: an approval window of no hours would let nothing be approved. */
    private static int least(String field) { return "approvalExpiryHours".equals(field) ? 1 : 0; }

    /** What a refusal of an hours field says, naming the field as the page labels it (never the API's field name). */
    private static String hoursKey(String field) {
        return switch (field) {
            case "approvalExpiryHours" -> "detail.control.hours.approvalExpiry";
            case "trustedDelayHours" -> "detail.control.hours.trustedDelay";
            case "untrustedDelayHours" -> "detail.control.hours.untrustedDelay";
            case "trustedActivationHours" -> "detail.control.hours.trustedActivation";
            default -> throw new IllegalArgumentException("no hours field " + field);
        };
    }

    private static Controls.UntrustedPolicy policy(String value, Controls.UntrustedPolicy current) {
        if (value == null) return current;
        try {
            return Controls.UntrustedPolicy.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Problem.unprocessable("INVALID_CONTROL", "untrustedPolicy is REFUSE or DELAY").with("field", "untrustedPolicy").say("detail.control.policy");
        }
    }

    /** A page's hours field as sent: empty keeps the current value; anything but a whole number is 422 INVALID_CONTROL. */
    public static Integer hoursText(String field, String text) {
        if (text == null || text.isBlank()) return null;
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw Problem.unprocessable("INVALID_CONTROL", field + " is a whole number of hours from " + least(field) + " to " + MAX_HOURS).with("field", field)
                    .say(hoursKey(field), least(field), MAX_HOURS);
        }
    }
}
