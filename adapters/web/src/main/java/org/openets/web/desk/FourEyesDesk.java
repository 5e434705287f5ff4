package org.openets.web.desk;

import org.openets.registry.Registry;
import org.openets.web.Problem;
import org.openets.web.security.Permissions;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The 4-eyes flow a registry setting is changed by, the same for the caps ({@link CapDesk}), the controls
 * ({@link ControlsDesk}) and the business calendars ({@link CalendarDesk}): an administrator of the jurisdiction the
 * setting belongs to proposes a change; nothing changes until a different administrator of that jurisdiction approves
 * it; the proposer may withdraw it and another administrator decline it, each saying why; nobody deciding, it lapses
 * when its window closes. Who may decide, the refusals of the decisions (recorded when they are of authority) and what
 * a decision came to are here; a kind says what it proposes, how it names it and what its store answers, and adds the
 * refusals of its own (a changed cap, changed controls, a day that no longer passes the rules).
 *
 * @param <V> a proposal as the kind's store reads it
 * @param <D> what deciding one came to, as the kind's store answers
 */
public abstract class FourEyesDesk<V, D> {
    static final int PROPOSALS = 200;
    static final Set<String> STATUSES = Set.of("PENDING", "APPROVED", "DECLINED", "WITHDRAWN", "EXPIRED");
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Shanghai"));

    /**
     * How a kind names its proposals and its decisions: {@code noun} as a refusal's English says it ("cap change"), the
     * actions its refusals are recorded as, and the message keys its refusals say.
     */
    protected record Words(String noun, String approve, String decline, String withdraw, String selfKey, String declineOwnKey, String withdrawOthersKey,
                           String expiredKey, String proposerNotAuthorisedKey, String notPendingKey) {}

    /** How the flow reads a kind's proposals and decisions (their accessors). */
    protected record Parts<V, D>(java.util.function.ToLongFunction<V> id, java.util.function.Function<V, String> proposedBy,
                                 java.util.function.Function<V, Instant> expiresAt, java.util.function.Function<V, String> status,
                                 java.util.function.Function<D, ? extends Enum<?>> result, java.util.function.Function<D, V> proposal) {}

    /**
     * Who decides a proposal, as a refusal of someone else says it: {@code english} after "may not decide changes of"
     * ("the controls of CN: its administrators do"), the message key and its arguments.
     */
    protected record Deciders(String english, String key, Object... args) {}

    /** What a decision came to, as the flow reads the store's answer (by its name); OWN: a refusal of the kind's own. */
    protected enum Result { APPROVED, DECLINED, WITHDRAWN, UNKNOWN, NOT_AUTHORISED, SELF_APPROVAL, NOT_PENDING, EXPIRED, PROPOSER_NOT_AUTHORISED, OWN }

    private static final Set<String> RESULTS = java.util.Arrays.stream(Result.values()).map(Enum::name).collect(java.util.stream.Collectors.toSet());

    protected final RegistryDesk desk;
    protected final Clock clock;
    private final Words words;
    private final Parts<V, D> parts;

    protected FourEyesDesk(RegistryDesk desk, Clock clock, Words words, Parts<V, D> parts) {
        this.desk = desk;
        this.clock = clock;
        this.words = words;
        this.parts = parts;
    }

    // ------------------------------------------------------------------------------------------ what a kind says

    /** The proposal, whoever asks (empty: none). */
    protected abstract Optional<V> stored(long id);

    /** One proposal, for those who may read it (else the refusal, or 404 as for none). */
    public abstract V proposal(Permissions p, long id);

    /** The pending proposals of every jurisdiction, newest first (at most {@link #PROPOSALS}). */
    protected abstract List<V> pendingProposals();

    /** Whether the person may propose, and so decide, changes of the proposal's setting: an administrator of its jurisdiction who may write. */
    protected abstract boolean administers(Permissions p, V x);

    /** The jurisdiction whose administrators decide the proposal (a proposer who no longer administers it cannot have it approved). */
    protected abstract String jurisdiction(V x);

    /** Who decides the proposal, as a refusal of anyone else says it. */
    protected abstract Deciders deciders(V x);

    /** How the refusal log names the proposal. */
    protected abstract String target(V x);

    /** How an expired proposal's refusal names it (a term where a page names it in its language). */
    protected abstract Object named(V x);

    /** 404 for a proposal there is not (or the person may not see). */
    protected abstract Problem unknownProposal(long id);

    /** 422 INVALID_STATE: the proposal, as it now stands, is no longer pending (said with its status). */
    protected Problem notPending(V now) {
        return Problem.unprocessable("INVALID_STATE", "this " + words.noun() + " is no longer pending: it is " + parts.status().apply(now))
                .with("proposalId", id(now)).with("proposalStatus", parts.status().apply(now)).say(words.notPendingKey(), Problem.term("capProposal.status." + parts.status().apply(now), String.valueOf(parts.status().apply(now))));
    }

    protected abstract D storeApprove(long id, Permissions p, Instant now);

    protected abstract D storeDecline(long id, Permissions p, String reason, Instant now);

    protected abstract D storeWithdraw(long id, Permissions p, String reason, Instant now);

    /** The refusal of the kind's own a decision came to (OWN). */
    protected abstract Problem refusedOwn(Permissions p, String action, V x, D d);

    // ------------------------------------------------------------------------------------------ who may

    /** Whether the person may approve or decline the proposal: an administrator of its jurisdiction who did not propose it. */
    public boolean mayDecide(Permissions p, V x) { return !proposedBy(x).equals(p.login()) && administers(p, x); }

    /** Whether the person may withdraw the proposal: its proposer. */
    public boolean mayWithdraw(Permissions p, V x) { return p.mayWrite() && proposedBy(x).equals(p.login()); }

    /** The pending proposals the person may approve (none for anyone but an administrator who may write), oldest first. */
    public List<V> awaiting(Permissions p) {
        if (!p.mayWrite() || !p.isAdministrator()) return List.of();
        return pendingProposals().reversed().stream().filter(x -> mayDecide(p, x)).toList();
    }

    /** The person's own pending proposals, awaiting another administrator (none for anyone who may not write), oldest first. */
    public List<V> ownPending(Permissions p) {
        if (!p.mayWrite() || !p.isAdministrator()) return List.of();
        return pendingProposals().reversed().stream().filter(x -> mayWithdraw(p, x)).toList();
    }

    /**
     * Who may approve the proposal, first: 404 for none, then 403 NOT_AUTHORISED for anyone but an administrator of its
     * jurisdiction and 403 SELF_APPROVAL for its proposer (both recorded as the kind's approval); returns the proposal. A
     * page calls it before it acts.
     */
    public V authoriseApproval(Permissions p, long id) {
        return notOwn(p, decidable(p, id, words.approve()), words.approve(), "SELF_APPROVAL", "nobody approves their own " + words.noun()
                + ": a second administrator does", words.selfKey());
    }

    /** Who may decline the proposal, first (recorded as the kind's decline): its proposer withdraws it instead; returns the proposal. */
    public V authoriseDecline(Permissions p, long id) {
        return notOwn(p, decidable(p, id, words.decline()), words.decline(), "NOT_AUTHORISED", "the proposer withdraws their own " + words.noun()
                + "; another administrator declines it", words.declineOwnKey());
    }

    /** The proposal, if someone other than its proposer acts on it; else the refusal, recorded as {@code action}. */
    private V notOwn(Permissions p, V x, String action, String code, String english, String key) {
        if (proposedBy(x).equals(p.login())) throw desk.refuse(p, action, target(x), code, english).say(key);
        return x;
    }

    /** Who may withdraw the proposal, first: its proposer (else 403 NOT_AUTHORISED, recorded as the kind's withdrawal); returns it. */
    public V authoriseWithdrawal(Permissions p, long id) {
        V x = find(id);
        if (!mayWithdraw(p, x))
            throw desk.refuse(p, words.withdraw(), target(x), "NOT_AUTHORISED", p.login() + " may not withdraw a " + words.noun() + " " + proposedBy(x)
                    + " proposed: its proposer does").say(words.withdrawOthersKey(), proposedBy(x));
        return x;
    }

    /** The proposal, if the person may approve or decline changes of its setting; else the refusal, recorded as {@code action}. */
    private V decidable(Permissions p, long id, String action) {
        V x = find(id);
        if (!administers(p, x)) {
            Deciders d = deciders(x);
            throw desk.refuse(p, action, target(x), "NOT_AUTHORISED", p.login() + " may not decide changes of " + d.english()).say(d.key(), d.args());
        }
        return x;
    }

    // ------------------------------------------------------------------------------------------ deciding

    /**
     * A second administrator of the jurisdiction approves a pending proposal. 404 for none; 403 NOT_AUTHORISED (recorded)
     * for anyone but an administrator of the jurisdiction; 403 SELF_APPROVAL (recorded) for its proposer; 422 INVALID_STATE
     * when it is no longer pending; 422 APPROVAL_EXPIRED when its window has closed (it lapses); 403
     * PROPOSER_NOT_AUTHORISED (recorded) when its proposer no longer administers the jurisdiction; then the kind's own.
     */
    public D approve(Permissions p, long id) {
        V x = authoriseApproval(p, id);
        return decided(p, words.approve(), x, storeApprove(id, p, clock.instant()));
    }

    /**
     * Another administrator of the jurisdiction declines a pending proposal, saying why (400 VALIDATION_FAILED without a
     * reason or with one over 500 characters, checked after who may). Its proposer is refused (403 NOT_AUTHORISED,
     * recorded: they withdraw it); otherwise the refusals of {@link #approve}.
     */
    public D decline(Permissions p, long id, String reason) {
        V x = authoriseDecline(p, id);
        return decided(p, words.decline(), x, storeDecline(id, p, reason(reason, "detail.capProposal.reason"), clock.instant()));
    }

    /** The proposer withdraws their pending proposal, saying why; anyone else is refused (403 NOT_AUTHORISED, recorded). */
    public D withdraw(Permissions p, long id, String reason) {
        V x = authoriseWithdrawal(p, id);
        return decided(p, words.withdraw(), x, storeWithdraw(id, p, reason(reason, "detail.capProposal.reason"), clock.instant()));
    }

    /** What the store's decision comes to: the decision, or the refusal. */
    private D decided(Permissions p, String action, V x, D d) {
        String name = parts.result().apply(d).name();
        return switch (RESULTS.contains(name) ? Result.valueOf(name) : Result.OWN) {
            case APPROVED, DECLINED, WITHDRAWN -> d;
            case UNKNOWN -> throw unknownProposal(id(x));
            case NOT_AUTHORISED -> {
                Deciders w = deciders(x);
                throw desk.refuse(p, action, target(x), "NOT_AUTHORISED", p.login() + " may not decide this " + words.noun()).say(w.key(), w.args());
            }
            case SELF_APPROVAL -> throw desk.refuse(p, action, target(x), "SELF_APPROVAL", "nobody approves their own " + words.noun() + ": a second administrator does")
                    .say(words.selfKey());
            case NOT_PENDING -> throw notPending(parts.proposal().apply(d));
            case EXPIRED -> throw Problem.unprocessable("APPROVAL_EXPIRED", "the approval window of this " + words.noun() + " closed at " + TIME.format(expiresAt(x))
                    + " (UTC+8)").with("proposalId", id(x)).say(words.expiredKey(), named(x), TIME.format(expiresAt(x)));
            case PROPOSER_NOT_AUTHORISED -> throw desk.refuse(p, action, target(x), "PROPOSER_NOT_AUTHORISED", proposedBy(x) + ", who proposed this " + words.noun()
                    + ", no longer administers " + jurisdiction(x) + ": it cannot be approved; decline it").with("proposalId", id(x))
                    .say(words.proposerNotAuthorisedKey(), proposedBy(x), Problem.jurisdiction(jurisdiction(x)));
            case OWN -> throw refusedOwn(p, action, x, d);
        };
    }

    private long id(V x) { return parts.id().applyAsLong(x); }

    private String proposedBy(V x) { return parts.proposedBy().apply(x); }

    private Instant expiresAt(V x) { return parts.expiresAt().apply(x); }

    /** The proposal, whoever asks; 404 for none. */
    protected V find(long id) { return stored(id).orElseThrow(() -> unknownProposal(id)); }

    // ------------------------------------------------------------------------------------------ what is checked alike

    /** A list's status as sent: null for none, else one of {@link #STATUSES} (anything else 400 VALIDATION_FAILED). */
    static String status(String status) {
        String s = status == null || status.isBlank() ? null : status.strip().toUpperCase(Locale.ROOT);
        if (s != null && !STATUSES.contains(s))
            throw Problem.badRequest("VALIDATION_FAILED", "status is one of PENDING, APPROVED, DECLINED, WITHDRAWN, EXPIRED").say("detail.capProposal.status");
        return s;
    }

    /** A reason as a transaction's decline counts it: a line break once, at most 500 characters; {@code key} says that one is missing. */
    static String reason(String text, String key) {
        String r = text == null ? "" : text.replace("\r\n", "\n").replace('\r', '\n').strip();
        if (r.isEmpty()) throw Problem.badRequest("VALIDATION_FAILED", "reason: say why").say(key);
        if (r.length() > Registry.MAX_DECLINE_REASON)
            throw Problem.badRequest("VALIDATION_FAILED", "reason: at most " + Registry.MAX_DECLINE_REASON + " characters").say("detail.declineReasonLength", Registry.MAX_DECLINE_REASON);
        return r;
    }
}
