package org.openets.web.desk;

import org.openets.kernel.UnitType;
import org.openets.registry.Transaction;
import org.openets.registry.TransactionStatus;
import org.openets.registry.TransactionType;
import org.openets.web.Problem;
import org.openets.web.security.Permissions;
import org.openets.workflows.registry.RegistryViews.CapChangeView;
import org.openets.workflows.registry.RegistryViews.CapProposalView;
import org.openets.workflows.registry.RegistryViews.CapView;
import org.openets.workflows.registry.spi.RegistryAdministration;
import org.openets.workflows.registry.spi.RegistryAdministration.CapDecision;
import org.openets.workflows.registry.spi.RegistryAdministration.CapProposal;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The caps (issuance limits) as the registry's administrators keep them, 4-eyes: an administrator of a unit type's
 * issuer proposes the cap of one of its vintages, on a source (a regulation or notice number), and it changes nothing
 * until a different administrator of that jurisdiction approves it; the proposer may withdraw it and another
 * administrator decline it, each saying why; nobody deciding, it lapses when the issuer's approval window closes. One
 * proposal per unit type and vintage is pending at a time. A cap is never below what is issued plus what awaits
 * approval: checked when proposed and again, under the ledger's lock, when approved. Every version is kept with who
 * proposed and who approved it. Administrators and auditors read the caps and the proposals. The same rules for the API
 * and the pages; refusals of authority are recorded.
 */
@Component
public class CapDesk extends FourEyesDesk<CapProposalView, CapDecision> {
    static final int MAX_SOURCE = 500, HISTORY = 200;
    static final String PROPOSE = "PROPOSE issuance limit change", APPROVE = "APPROVE issuance limit change", DECLINE = "DECLINE issuance limit change",
            WITHDRAW = "WITHDRAW issuance limit change";

    private final RegistryAdministration administration;
    private final UnitTypes unitTypes;

    public CapDesk(RegistryDesk desk, RegistryAdministration administration, UnitTypes unitTypes, Clock clock) {
        super(desk, clock, new Words("cap change", APPROVE, DECLINE, WITHDRAW, "detail.capProposal.self", "detail.capProposal.declineOwn",
                "detail.capProposal.withdrawOthers", "detail.capProposal.expired", "detail.capProposal.proposerNotAuthorised", null),
                new Parts<>(CapProposalView::id, CapProposalView::proposedBy, CapProposalView::expiresAt, CapProposalView::status,
                        CapDecision::result, CapDecision::proposal));
        this.administration = administration;
        this.unitTypes = unitTypes;
    }

    /** A cap as it is now (null: none set), its versions, newest first, and the change of it pending approval (null: none). */
    public record Cap(String unitType, int vintage, CapView current, List<CapChangeView> history, CapProposalView pending) {}

    /**
     * Where a cap stands now: the cap ({@code current}, null: none set), what is issued and what awaits approval under
     * it; {@code lowest()}: the lowest cap an approval accepts now (their sum).
     */
    public record Standing(Long current, long issued, long pending) {
        static final Standing NONE = new Standing(null, 0, 0);

        public long lowest() { return issued + pending; }

        /** Whether approving the proposal now would be refused because it is below what is issued plus what awaits approval. */
        public boolean refusesBelow(CapProposalView x) { return x.pending() && x.quantity() < lowest(); }

        /** Whether approving the proposal now would be refused because the cap is no longer the one it was proposed against. */
        public boolean refusesChanged(CapProposalView x) { return x.pending() && !Objects.equals(current, x.baseQuantity()); }
    }

    /** Where every cap stands now, by {@code unitType/vintage}; {@link #standing} reads it. */
    public Map<String, Standing> standings() {
        Map<String, Standing> m = new HashMap<>();
        desk.readModel().caps().forEach(c -> m.put(c.unitType() + "/" + c.vintage(), new Standing(c.cap(), c.issued(), c.pending())));
        return m;
    }

    /** Where the proposal's cap stands now (no cap: nothing issued under it, since an issuance needs a cap). */
    public static Standing standing(Map<String, Standing> standings, CapProposalView x) {
        return standings.getOrDefault(x.unitType() + "/" + x.vintage(), Standing.NONE);
    }

    /**
     * A pending cap change an issuance just proposed has outgrown: its cap is below what is issued plus what awaits
     * approval, this issuance included, so approving it would now be refused (CAP_BELOW_ISSUED). The issuance stands.
     */
    public record IssueWarning(CapProposalView proposal, long issued, long pending) {
        public long lowest() { return issued + pending; }
    }

    /** After an issuance is proposed: the pending change of its cap it has outgrown, if there is one; nothing for anything else. */
    public Optional<IssueWarning> afterIssue(Transaction t, String unitType, Integer vintage) {
        if (t.type() != TransactionType.ISSUE || t.status() == TransactionStatus.REJECTED || unitType == null || vintage == null) return Optional.empty();
        return desk.readModel().capProposals("PENDING", PROPOSALS).stream().filter(x -> x.unitType().equals(unitType) && x.vintage() == vintage).findFirst()
                .flatMap(x -> {
                    Standing s = standing(standings(), x);
                    return s.refusesBelow(x) ? Optional.of(new IssueWarning(x, s.issued(), s.pending())) : Optional.empty();
                });
    }

    /** Whether the person may propose a change of the caps of the unit type: an administrator of its issuer. */
    public boolean mayPropose(Permissions p, UnitType u) { return p.mayWrite() && p.administers(u.issuer()); }

    /** Every cap, for administrators and auditors (anyone else 403 NOT_AUTHORISED, recorded). */
    public List<CapView> caps(Permissions p) {
        readable(p, "-");
        return desk.readModel().caps();
    }

    /** The newest versions of every cap, for administrators and auditors. */
    public List<CapChangeView> history(Permissions p) {
        readable(p, "-");
        return desk.readModel().capChanges(null, null, HISTORY);
    }

    /** One cap, its history and its pending change, for administrators and auditors; 422 UNKNOWN_UNIT_TYPE, 400 for a vintage out of range. */
    public Cap cap(Permissions p, String unitTypeText, String vintageText) {
        readable(p, unitTypeText + " " + vintageText);
        UnitType u = unitType(unitTypeText);
        int v = vintage(vintageText);
        CapView current = desk.readModel().caps().stream().filter(c -> c.unitType().equals(u.code()) && c.vintage() == v).findFirst().orElse(null);
        CapProposalView pending = desk.readModel().capProposals("PENDING", PROPOSALS).stream()
                .filter(x -> x.unitType().equals(u.code()) && x.vintage() == v).findFirst().orElse(null);
        return new Cap(u.code(), v, current, desk.readModel().capChanges(u.code(), v, HISTORY), pending);
    }

    /**
     * The newest proposals (at most 200), of one status when given (PENDING, APPROVED, DECLINED, WITHDRAWN, EXPIRED;
     * anything else 400 VALIDATION_FAILED), for administrators and auditors.
     */
    public List<CapProposalView> proposals(Permissions p, String status) {
        readable(p, "-");
        return desk.readModel().capProposals(status(status), PROPOSALS);
    }

    /** One proposal, for administrators and auditors; 404 UNKNOWN_CAP_PROPOSAL. */
    @Override
    public CapProposalView proposal(Permissions p, long id) {
        readable(p, "#" + id);
        return find(id);
    }

    private void readable(Permissions p, String target) {
        if (!p.auditor() && !p.isAdministrator())
            throw desk.refuse(p, "READ issuance limits", target, "NOT_AUTHORISED", p.login() + " may not read the caps: administrators and auditors do")
                    .say("detail.deny.readCaps");
    }

    /**
     * Who may propose a change of this cap, first (403 NOT_AUTHORISED, recorded as {@code PROPOSE issuance limit change}
     * on the unit type and vintage as sent); returns the unit type. A page calls it before it reads the rest of its form.
     */
    public UnitType authorise(Permissions p, String unitTypeText, String vintageText) {
        String target = (unitTypeText == null ? "" : unitTypeText.strip()) + " " + (vintageText == null ? "" : vintageText.strip());
        if (!p.mayWrite() || !p.isAdministrator())
            throw desk.refuse(p, PROPOSE, target, "NOT_AUTHORISED", p.login() + " may not propose caps: the unit type's issuing administrators do").say("detail.deny.proposeCap");
        UnitType u = unitType(unitTypeText);
        if (!mayPropose(p, u))
            throw desk.refuse(p, PROPOSE, target, "NOT_AUTHORISED", p.login() + " may not propose the caps of " + u.code() + ": the administrators of " + u.issuer().code() + " do")
                    .say("detail.deny.proposeCapOf", u.code(), u.issuer().code());
        return u;
    }

    /**
     * Proposes a cap for a unit type and vintage under the proposer's command id; nothing changes until a second
     * administrator approves it. The same id with the same request answers with the proposal it made, as it now stands.
     * 403 NOT_AUTHORISED (recorded) for anyone but an administrator of the unit type's issuer; 422 UNKNOWN_UNIT_TYPE;
     * 400 VALIDATION_FAILED for a missing or malformed command id, a vintage outside 2005–2100, a missing or too long
     * source; 422 INVALID_QUANTITY as for a transaction (whole tonnes, 1 t to the largest serial); 409
     * DUPLICATE_ID_DIFFERENT_BODY when the id proposed something else; 409 CAP_PROPOSAL_PENDING while another change of
     * the cap awaits approval (its id as {@code proposalId}); 422 CAP_BELOW_ISSUED when the cap would be below what is
     * issued plus what awaits approval.
     */
    public CapProposalView propose(Permissions p, String commandIdText, String unitTypeText, String vintageText, BigDecimal quantityValue, String source) {
        UnitType u = authorise(p, unitTypeText, vintageText);
        String commandId = RegistryDesk.commandId(commandIdText == null ? null : commandIdText.strip()).value();
        int v = vintage(vintageText);
        long quantity = RegistryDesk.quantity(quantityValue);
        String s = source == null ? "" : source.strip();
        if (s.isEmpty()) throw Problem.badRequest("VALIDATION_FAILED", "a cap names its source (a regulation or notice number)").say("detail.cap.source");
        if (s.length() > MAX_SOURCE) throw Problem.badRequest("VALIDATION_FAILED", "the source has at most " + MAX_SOURCE + " characters").say("detail.cap.sourceLength", MAX_SOURCE);
        CapProposal c = administration.proposeIssuanceLimit(commandId, u.code(), v, quantity, s, p.actor(), clock.instant());
        String target = u.code() + " " + v;
        return switch (c.result()) {
            case PROPOSED, REPEATED -> c.proposal();
            case COMMAND_ID_USED -> throw new Problem(HttpStatus.CONFLICT, "DUPLICATE_ID_DIFFERENT_BODY", "command id " + commandId + " proposed another cap change ("
                    + c.proposal().unitType() + " " + c.proposal().vintage() + ")").say("detail.duplicateId", commandId);
            case PENDING_EXISTS -> throw new Problem(HttpStatus.CONFLICT, "CAP_PROPOSAL_PENDING", "a change of the cap of " + target + " to " + t(c.proposal().quantity())
                    + " t, proposed by " + c.proposal().proposedBy() + ", awaits approval: it is approved, declined, withdrawn or lapses first")
                    .with("proposalId", c.proposal().id()).say("detail.capProposal.pending", target, t(c.proposal().quantity()), c.proposal().proposedBy());
            case UNKNOWN_UNIT_TYPE -> throw unknown(u.code());
            case NOT_AUTHORISED -> throw desk.refuse(p, PROPOSE, target, "NOT_AUTHORISED", p.login() + " may not propose the caps of " + u.code()
                    + ": the administrators of " + u.issuer().code() + " do").say("detail.deny.proposeCapOf", u.code(), u.issuer().code());
            case BELOW_ISSUED -> throw belowIssued(quantity, target, c.issued(), c.pending());
        };
    }

    // ------------------------------------------------------------------------------------------ the 4-eyes flow's words for caps

    @Override protected Optional<CapProposalView> stored(long id) { return desk.readModel().capProposal(id); }

    @Override protected List<CapProposalView> pendingProposals() { return desk.readModel().capProposals("PENDING", PROPOSALS); }

    /** An administrator of the unit type's issuer (nobody for a unit type there is not). */
    @Override protected boolean administers(Permissions p, CapProposalView x) { return unitTypes.find(x.unitType()).map(u -> mayPropose(p, u)).orElse(false); }

    @Override protected String jurisdiction(CapProposalView x) { return unitType(x.unitType()).issuer().code(); }

    @Override protected Deciders deciders(CapProposalView x) {
        UnitType u = unitType(x.unitType());
        return new Deciders("the caps of " + u.code() + ": the administrators of " + u.issuer().code() + " do", "detail.deny.decideCapOf", u.code(), Problem.jurisdiction(u.issuer().code()));
    }

    /** How a refusal names a proposal in the refusal log: {@code CEA 2030 #12}. */
    @Override protected String target(CapProposalView x) { return x.unitType() + " " + x.vintage() + " #" + x.id(); }

    @Override protected Object named(CapProposalView x) { return target(x); }

    @Override protected Problem unknownProposal(long id) {
        return Problem.notFound("UNKNOWN_CAP_PROPOSAL", "no cap change " + id).say("detail.capProposal.unknown", id);
    }

    /** No longer pending: said by what it came to and who decided it. */
    @Override protected Problem notPending(CapProposalView x) {
        String key = switch (x.status()) {
            case "APPROVED" -> "detail.capProposal.wasApproved";
            case "DECLINED" -> "detail.capProposal.wasDeclined";
            case "WITHDRAWN" -> "detail.capProposal.wasWithdrawn";
            default -> "detail.capProposal.wasExpired";
        };
        return Problem.unprocessable("INVALID_STATE", "this cap change is no longer pending: it is " + x.status())
                .with("proposalId", x.id()).with("proposalStatus", x.status()).say(key, x.decidedBy());
    }

    @Override protected CapDecision storeApprove(long id, Permissions p, java.time.Instant now) { return administration.approveIssuanceLimit(id, p.actor(), now); }

    @Override protected CapDecision storeDecline(long id, Permissions p, String reason, java.time.Instant now) {
        return administration.declineIssuanceLimit(id, p.actor(), reason, now);
    }

    @Override protected CapDecision storeWithdraw(long id, Permissions p, String reason, java.time.Instant now) {
        return administration.withdrawIssuanceLimit(id, p.actor(), reason, now);
    }

    /**
     * 409 CAP_CHANGED when the cap is no longer the one the change was proposed against (the operator's CLI changed it);
     * 422 CAP_BELOW_ISSUED when the cap would now be below what is issued plus what awaits approval (both checked under
     * the ledger's lock). Each leaves it pending, to be declined or withdrawn.
     */
    @Override protected Problem refusedOwn(Permissions p, String action, CapProposalView x, CapDecision d) {
        return switch (d.result()) {
            case CAP_CHANGED -> new Problem(HttpStatus.CONFLICT, "CAP_CHANGED", "the cap of " + x.unitType() + " " + x.vintage() + " is " + cap(d.previous())
                    + " now, not " + cap(x.baseQuantity()) + " as when this change was proposed: it is not approved over a cap its proposer did not see; decline or withdraw it")
                    .with("proposalId", x.id()).with("baseQuantity", x.baseQuantity()).with("currentCap", d.previous())
                    .say("detail.capProposal.capChanged", x.unitType() + " " + x.vintage(), figure(d.previous()), figure(x.baseQuantity()));
            case BELOW_ISSUED -> belowIssued(x.quantity(), x.unitType() + " " + x.vintage(), d.issued(), d.pending()).with("proposalId", x.id());
            default -> throw new IllegalStateException("not a refusal of its own: " + d.result());
        };
    }

    private static Problem belowIssued(long quantity, String target, long issued, long pending) {
        return Problem.unprocessable("CAP_BELOW_ISSUED", "a cap of " + t(quantity) + " t for " + target + " is below what is issued ("
                        + t(issued) + " t) plus what awaits approval (" + t(pending) + " t): it is at least " + t(issued + pending) + " t")
                .with("issued", issued).with("pending", pending)
                .say("detail.cap.belowIssued", t(quantity), target, t(issued), t(pending));
    }

    private UnitType unitType(String text) {
        String code = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        if (code.isEmpty()) throw Problem.badRequest("VALIDATION_FAILED", "unitType is required").say("detail.cap.unitType");
        return unitTypes.find(code).orElseThrow(() -> unknown(code));
    }

    private static Problem unknown(String code) {
        return Problem.unprocessable("UNKNOWN_UNIT_TYPE", "no unit type " + code).say("detail.cap.unknownUnitType", code);
    }

    private static int vintage(String text) {
        String v = text == null ? "" : text.strip();
        if (v.isEmpty()) throw Problem.badRequest("VALIDATION_FAILED", "vintage is required").say("detail.vintage.required");
        int year;
        try {
            year = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw Problem.badRequest("VALIDATION_FAILED", "vintage must be a year from 2005 to 2100").say("detail.year.range", 2005, 2100);
        }
        if (year < 2005 || year > 2100) throw Problem.badRequest("VALIDATION_FAILED", "vintage must be a year from 2005 to 2100").say("detail.year.range", 2005, 2100);
        return year;
    }

    private static String t(long q) { return String.format(Locale.ROOT, "%,d", q); }

    /** A cap as a refusal names it: its tonnes, or "none". */
    private static String cap(Long q) { return q == null ? "none" : t(q) + " t"; }

    /** A cap as a page's message names it (its unit in the message): its tonnes, or a dash for none. */
    private static String figure(Long q) { return q == null ? "—" : t(q); }
}
