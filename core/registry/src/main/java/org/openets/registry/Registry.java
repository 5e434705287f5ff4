package org.openets.registry;

import org.openets.kernel.ActorId;
import org.openets.kernel.CommandId;
import org.openets.kernel.UnitType;
import org.openets.registry.internal.Checks;
import org.openets.registry.internal.Movements;
import org.openets.registry.spi.LedgerSession;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The registry (登记系统): the ledger of record for allowances and offsets. Every change of holdings is a
 * {@link Transaction} that passes the business checks in the precedence order of {@link Rejection}, then, as
 * the jurisdiction configures, waits for a second person's approval (4-eyes) and a transfer delay counted in
 * business hours, and completes by moving serial-numbered blocks and appending to the hash-chained journal.
 *
 * <p>The registry holds no state: it works on the {@link LedgerSession} it is given, which the caller
 * commits or rolls back as one unit. Time is passed in.
 */
public final class Registry {

    /**
     * What the accounts alone settle of a {@code type} from {@code from} to {@code to} (SAME_ACCOUNT, TERMINAL_ACCOUNT,
     * ROUTE_NOT_ALLOWED), for a review before anything is proposed; a proposal meets the same refusal in its place in
     * the order. Empty when the accounts allow it (the other checks answer at the proposal).
     */
    public static Optional<Outcome.Rejected> refusalByAccounts(TransactionType type, Account from, Account to) {
        return Checks.byAccounts(type, from, to).map(f -> new Outcome.Rejected(f.code(), f.detail(), null, f.key(), f.args()));
    }

    /**
     * Whether units may ever go out of an account of this type by {@code type} (a terminal account's only by reversal, an
     * allocation only out of an allocation, auction or new entrant reserve account, a return of excess only out of a covered
     * entity's account, no pledge of a registry account's units): what a page offers on an account. The other checks answer
     * at the proposal.
     */
    public static boolean mayLeave(TransactionType type, AccountType from) {
        return Checks.mayLeave(type, from);
    }

    /** Proposes one transaction. A retry under the same command id returns the first result. */
    public Outcome propose(LedgerSession s, TransactionRequest r, Instant now) {
        Optional<Transaction> existing = s.transactionByCommand(r.id());
        String hash = r.bodyHash();
        if (existing.isPresent()) {
            Transaction t = existing.get();
            if (!t.bodyHash().equals(hash) || t.batchId() != null)
                return new Outcome.Rejected(Rejection.DUPLICATE_ID_DIFFERENT_BODY, "command id " + r.id() + " was used for a different request", null);
            return outcomeOf(t);
        }
        // one command id names one thing: a batch under this id saved its first line as id:1
        if (r.id().value().length() + 2 <= CommandId.MAX_LENGTH // a batch of this id has a first line "id:1"
                && s.transactionByCommand(r.id().child("1")).filter(x -> r.id().value().equals(x.batchId())).isPresent())
            return new Outcome.Rejected(Rejection.DUPLICATE_ID_DIFFERENT_BODY, "command id " + r.id() + " was used for a batch", null);
        Checks.Resolved resolved = Checks.resolve(s, r);
        Optional<Checks.Failure> failure = resolved.failure().or(() -> Checks.atProposal(s, resolved, now));
        if (failure.isPresent()) return reject(s, Checks.draft(s.nextTransactionId(), r, hash, null, resolved, now), failure.get(), now);
        Transaction t = Checks.draft(s.nextTransactionId(), r, hash, null, withSeries(s, resolved), now);
        return route(s, List.of(t), now).getFirst();
    }

    /**
     * What proposing {@code r} now would come to, written nowhere: the checks {@link #propose} runs, in the same order on the
     * same state (resolution, then everything from NOT_AUTHORISED on), and where they pass the route it would take —
     * a second person's approval, the transfer delay and when it would be carried out at the earliest (the delay counts
     * from the approval where one is needed: the time given is for an approval now). For a page's review step before the
     * person confirms; the proposal itself is checked again. One transaction, not a batch; its command id is not looked at
     * (a retry's first result is {@link #propose}'s to give).
     */
    public Review review(LedgerSession s, TransactionRequest r, Instant now) {
        Checks.Resolved resolved = Checks.resolve(s, r);
        Holding holding = resolved.from() != null && resolved.series() != null ? s.holding(resolved.from().id(), resolved.series().id()) : null;
        Optional<Checks.Failure> failure = resolved.failure().or(() -> Checks.atProposal(s, resolved, now));
        if (failure.isPresent()) {
            Checks.Failure f = failure.get();
            return new Review.Refused(f.code(), f.detail(), f.key(), f.args(), holding);
        }
        // the transaction as it would be recorded (id 0: no id is taken), for the rules that route it
        Transaction t = Checks.draft(0, r, r.bodyHash(), null, resolved, now);
        boolean approval = Checks.needsApproval(s, t);
        Optional<Checks.Wait> wait = Checks.transferWait(s, t, now);
        return new Review.Passes(holding, approval, approval ? Checks.approvalExpiryHours(s, t) : 0, wait.map(Checks.Wait::hours).orElse(0),
                wait.map(Checks.Wait::trusted).orElse(null), Checks.delayedUntil(s, t, now).orElse(null));
    }

    /** Proposes a batch; it is accepted or rejected as a whole, and later completes all or nothing. */
    public Outcome.Batch proposeBatch(LedgerSession s, BatchRequest b, Instant now) {
        String hash = b.bodyHash();
        List<Transaction> existing = s.batchProposed(b.id().value());
        if (!existing.isEmpty()) {
            if (!existing.getFirst().bodyHash().equals(hash))
                return new Outcome.Batch(List.of(), Rejection.DUPLICATE_ID_DIFFERENT_BODY, "batch id " + b.id() + " was used for a different batch");
            Rejection code = existing.stream().map(Transaction::rejection).filter(java.util.Objects::nonNull).findFirst().orElse(null);
            return new Outcome.Batch(existing, code, code == null ? null : "batch was rejected");
        }
        if (s.transactionByCommand(b.id()).isPresent())
            return new Outcome.Batch(List.of(), Rejection.DUPLICATE_ID_DIFFERENT_BODY, "batch id " + b.id() + " was used for a single transaction");
        if (b.lines().isEmpty()) return new Outcome.Batch(List.of(), Rejection.INVALID_REQUEST, "a batch needs at least one line");
        List<Checks.Resolved> resolved = new ArrayList<>();
        List<Transaction> lines = new ArrayList<>();
        Map<SeriesKey, OffsetAttributes> issuing = new HashMap<>();
        for (int i = 0; i < b.lines().size(); i++) {
            TransactionRequest line = b.lines().get(i);
            // one series, one set of attributes: two issuing lines may not name different ones
            if (line.type() == TransactionType.ISSUE && line.series() != null && line.offset() != null
                    && !line.offset().equals(issuing.computeIfAbsent(line.series(), k -> line.offset())))
                return new Outcome.Batch(List.of(), Rejection.INVALID_REQUEST, "line " + (i + 1) + ": offset attributes differ from another line's for " + line.series());
            CommandId lineId = b.id().child(Integer.toString(i + 1));
            if (!line.initiator().equals(b.initiator()))
                return new Outcome.Batch(List.of(), Rejection.INVALID_REQUEST, "line " + (i + 1) + ": every line must have the batch's initiator");
            // a reversal needs its exact serials, which another line could take first (lowest serials first) or reverse again
            if (line.type() == TransactionType.REVERSAL && b.lines().size() > 1)
                return new Outcome.Batch(List.of(), Rejection.INVALID_REQUEST, "line " + (i + 1) + ": a reversal is proposed on its own, not with other lines");
            if (s.transactionByCommand(lineId).isPresent())
                return new Outcome.Batch(List.of(), Rejection.DUPLICATE_ID_DIFFERENT_BODY, "command id " + lineId + " is already used");
            TransactionRequest withId = new TransactionRequest(lineId, line.type(), line.initiator(), line.from(), line.to(), line.series(),
                    line.quantity(), line.beneficiary(), line.purpose(), line.pledgee(), line.reverses(), line.offset());
            Checks.Resolved res = Checks.resolve(s, withId);
            resolved.add(res);
            lines.add(Checks.draft(s.nextTransactionId(), withId, hash, b.id().value(), res, now));
        }
        Optional<LineFailure> failure = checkBatch(s, resolved, now, true);
        if (failure.isPresent()) {
            LineFailure f = failure.get();
            List<Transaction> rejected = new ArrayList<>();
            for (Transaction t : lines) {
                Transaction r = t.rejected(f.failure.code(), now);
                s.save(r);
                rejected.add(r);
            }
            return new Outcome.Batch(rejected, f.failure.code(), "line " + (f.index + 1) + ": " + f.failure.detail(), f.failure.key(), f.failure.args(), f.index + 1);
        }
        for (int i = 0; i < lines.size(); i++) {
            Checks.Resolved res = withSeries(s, resolved.get(i));
            Transaction t = lines.get(i);
            lines.set(i, Checks.draft(t.id(), res.request(), hash, b.id().value(), res, now));
        }
        List<Outcome> routed = route(s, lines, now);
        List<Transaction> after = routed.stream().map(Outcome::transaction).toList();
        Rejection code = routed.getFirst() instanceof Outcome.Rejected rj ? rj.code() : null;
        return new Outcome.Batch(after, code, code == null ? null : "batch was rejected at completion");
    }

    /** A second person approves a transaction (or the whole batch it belongs to). */
    public Outcome approve(LedgerSession s, long transactionId, ActorId approver, Instant now) {
        Optional<Transaction> found = s.transaction(transactionId);
        if (found.isEmpty()) return new Outcome.Rejected(Rejection.UNKNOWN_TRANSACTION, "no transaction " + transactionId, null);
        List<Transaction> group = group(s, found.get());
        Transaction t = group.getFirst();
        // in the order of Rejection: who may, then whose it is, then its state and its window
        for (Transaction line : group)
            if (!Checks.approves(s, line, approver))
                return new Outcome.Rejected(Rejection.NOT_AUTHORISED, approver + " may not approve transaction " + line.id(), found.get());
        if (t.initiator().equals(approver))
            return new Outcome.Rejected(Rejection.SELF_APPROVAL, "nobody approves their own transaction", found.get());
        if (t.status() != TransactionStatus.AWAITING_APPROVAL)
            return new Outcome.Rejected(Rejection.INVALID_STATE, "transaction is " + t.status(), found.get());
        Optional<Outcome> expired = lapsed(s, group, transactionId, now);
        if (expired.isPresent()) return expired.get();
        List<Transaction> approved = group.stream().map(x -> x.approved(approver, now)).toList();
        return pick(afterApproval(s, approved, now), transactionId);
    }

    /** The longest reason a decline may give, in characters. */
    public static final int MAX_DECLINE_REASON = 500;

    /**
     * An approver (or the initiator) declines a pending transaction, saying why; a batch is declined as a whole, each
     * line with the reason. The reason is required: whoever proposed it must learn what to correct.
     */
    public Outcome decline(LedgerSession s, long transactionId, ActorId approver, String reason, Instant now) {
        // the request's own shape first (INVALID_REQUEST comes before everything but a duplicate id): a decline says why
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) return new Outcome.Rejected(Rejection.INVALID_REQUEST, "a decline needs a reason", s.transaction(transactionId).orElse(null));
        if (why.length() > MAX_DECLINE_REASON)
            return new Outcome.Rejected(Rejection.INVALID_REQUEST, "a decline's reason has at most " + MAX_DECLINE_REASON + " characters", s.transaction(transactionId).orElse(null));
        Optional<Transaction> found = s.transaction(transactionId);
        if (found.isEmpty()) return new Outcome.Rejected(Rejection.UNKNOWN_TRANSACTION, "no transaction " + transactionId, null);
        List<Transaction> group = group(s, found.get());
        Transaction t = group.getFirst();
        for (Transaction line : group)
            if (!Checks.mayApprove(s, line, approver) && !line.initiator().equals(approver))
                return new Outcome.Rejected(Rejection.NOT_AUTHORISED, approver + " may not decline transaction " + line.id(), found.get());
        if (t.status() != TransactionStatus.AWAITING_APPROVAL)
            return new Outcome.Rejected(Rejection.INVALID_STATE, "transaction is " + t.status(), found.get());
        Optional<Outcome> expired = lapsed(s, group, transactionId, now);
        if (expired.isPresent()) return expired.get();
        List<Outcome> out = new ArrayList<>();
        for (Transaction line : group) {
            Transaction r = line.declined(approver, now);
            s.save(r);
            s.saveDeclineReason(r.id(), why);
            out.add(new Outcome.Rejected(Rejection.DECLINED, "declined by " + approver, r));
        }
        return pick(out, transactionId);
    }

    /** The initiator (or an administrator) withdraws a transaction that has not completed. */
    public Outcome cancel(LedgerSession s, long transactionId, ActorId actor, Instant now) {
        Optional<Transaction> found = s.transaction(transactionId);
        if (found.isEmpty()) return new Outcome.Rejected(Rejection.UNKNOWN_TRANSACTION, "no transaction " + transactionId, null);
        List<Transaction> group = group(s, found.get());
        Transaction t = group.getFirst();
        // a transaction rejected before its accounts resolved has no jurisdiction to administer: its state answers
        boolean admin = s.account(t.from() != 0 ? t.from() : t.to()).map(a -> s.isAdministrator(actor, a.jurisdiction())).orElse(true);
        if (!t.initiator().equals(actor) && !admin)
            return new Outcome.Rejected(Rejection.NOT_AUTHORISED, "only the initiator or an administrator may cancel", found.get());
        if (t.status() != TransactionStatus.AWAITING_APPROVAL && t.status() != TransactionStatus.DELAYED)
            return new Outcome.Rejected(Rejection.INVALID_STATE, "transaction is " + t.status(), found.get());
        if (t.status() == TransactionStatus.AWAITING_APPROVAL) {
            Optional<Outcome> expired = lapsed(s, group, transactionId, now);
            if (expired.isPresent()) return expired.get();
        }
        List<Outcome> out = new ArrayList<>();
        for (Transaction line : group) {
            Transaction c = line.cancelled(now);
            s.save(c);
            out.add(new Outcome.Accepted(c));
        }
        return pick(out, transactionId);
    }

    /** Completes delayed transactions whose time has come and lapses expired approvals. */
    public List<Outcome> completeDue(LedgerSession s, Instant now) {
        List<Outcome> out = new ArrayList<>();
        Set<String> doneBatches = new HashSet<>();
        for (Transaction t : s.due(now)) {
            if (t.batchId() != null && !doneBatches.add(t.batchId())) continue;
            List<Transaction> group = group(s, t);
            if (group.getFirst().status() == TransactionStatus.AWAITING_APPROVAL)
                out.addAll(rejectAll(s, group, new Checks.Failure(Rejection.APPROVAL_EXPIRED, "the approval window closed"), now));
            else if (group.getFirst().status() == TransactionStatus.DELAYED)
                out.addAll(complete(s, group, now));
        }
        return out;
    }

    /** Adds an account to another's trusted list; it becomes active after the configured delay. */
    public TrustedAccount trust(LedgerSession s, long accountId, long trustedAccountId, Instant now) {
        return trust(s, accountId, trustedAccountId, null, now);
    }

    /**
     * Adds an account to another's trusted list on {@code by}'s decision; it becomes active after the configured
     * delay. An entry that exists already is returned as it is: adding it again never moves its activation time.
     */
    public TrustedAccount trust(LedgerSession s, long accountId, long trustedAccountId, ActorId by, Instant now) {
        Account a = s.account(accountId).orElseThrow(() -> new IllegalArgumentException("unknown account " + accountId));
        s.account(trustedAccountId).orElseThrow(() -> new IllegalArgumentException("unknown account " + trustedAccountId));
        Optional<TrustedAccount> existing = s.trusted(accountId, trustedAccountId);
        if (existing.isPresent()) return existing.get();
        TrustedAccount entry = activating(s, a, trustedAccountId, now);
        s.saveTrusted(entry, by);
        return entry;
    }

    /** The entry as added at {@code now}: active after the jurisdiction's activation delay, counted on its calendar. */
    private static TrustedAccount activating(LedgerSession s, Account a, long trustedAccountId, Instant now) {
        Controls c = s.controls(a.jurisdiction(), a.type());
        // no delay means active at once, also outside business hours (the calendar would count from the next opening)
        return new TrustedAccount(a.id(), trustedAccountId, c.trustedActivationHours() == 0 ? now
                : s.calendar(a.jurisdiction()).plusBusinessHours(now, c.trustedActivationHours()));
    }

    /**
     * Adds an account to another's trusted list on {@code by}'s decision, as the account type's controls say: where
     * they ask for 4-eyes ({@link Controls#fourEyes()}) the addition is pending, not trusted, until a different person
     * approves it ({@link #approveTrusted}), and lapses after the approval window ({@link Controls#approvalExpiryHours()},
     * calendar hours); otherwise it is on the list at once, active after the activation delay ({@link #trust}). An entry
     * on the list, or an addition of it pending, is returned as it is.
     */
    public TrustedAddition.Added addTrusted(LedgerSession s, long accountId, long trustedAccountId, ActorId by, Instant now) {
        Account a = s.account(accountId).orElseThrow(() -> new IllegalArgumentException("unknown account " + accountId));
        s.account(trustedAccountId).orElseThrow(() -> new IllegalArgumentException("unknown account " + trustedAccountId));
        Optional<TrustedAccount> existing = s.trusted(accountId, trustedAccountId);
        if (existing.isPresent()) return new TrustedAddition.Added(existing.get(), null);
        Controls c = s.controls(a.jurisdiction(), a.type());
        if (!c.fourEyes()) return new TrustedAddition.Added(trust(s, accountId, trustedAccountId, by, now), null);
        Optional<TrustedAddition> pending = s.pendingTrusted(accountId, trustedAccountId).filter(p -> !p.lapsedAt(now));
        if (pending.isPresent()) return new TrustedAddition.Added(null, pending.get());
        return new TrustedAddition.Added(null, s.savePendingTrusted(new TrustedAddition(0, accountId, trustedAccountId, by, now,
                now.plus(java.time.Duration.ofHours(c.approvalExpiryHours())))));
    }

    /**
     * Approves the pending addition of the entry: it goes on the list, added by its proposer, active after the
     * activation delay counted from now (the approval). Empty when none is pending (decided, lapsed, never made).
     * Whether {@code approver} may approve is the caller's to check (the account's approver role, or an administrator
     * where the controls allow); a proposer never approves their own addition (IllegalArgumentException).
     */
    public Optional<TrustedAccount> approveTrusted(LedgerSession s, long accountId, long trustedAccountId, ActorId approver, Instant now) {
        Optional<TrustedAddition> pending = s.pendingTrusted(accountId, trustedAccountId).filter(p -> !p.lapsedAt(now));
        if (pending.isEmpty()) return Optional.empty();
        if (pending.get().proposedBy().equals(approver)) throw new IllegalArgumentException("nobody approves their own addition to a trusted list");
        Account a = s.account(accountId).orElseThrow();
        TrustedAccount entry = activating(s, a, trustedAccountId, now);
        return s.approvePendingTrusted(pending.get(), entry, approver, now) ? Optional.of(entry) : Optional.empty();
    }

    /**
     * Declines (another person) or withdraws (the proposer) the pending addition of the entry, saying why; false when
     * none is pending. Who may is the caller's to check.
     */
    public boolean endTrusted(LedgerSession s, long accountId, long trustedAccountId, TrustedAddition.End how, ActorId by, String reason, Instant now) {
        Optional<TrustedAddition> pending = s.pendingTrusted(accountId, trustedAccountId).filter(p -> !p.lapsedAt(now));
        return pending.isPresent() && s.endPendingTrusted(pending.get(), how, by, reason, now);
    }

    // -------------------------------------------------------------------------------------------------

    /**
     * An issuance into a series that does not exist yet creates it once the checks have passed; one into a series of
     * which nothing was issued, whose attributes differ (Checks.resolve let it through only with none pending), corrects them.
     */
    private static Checks.Resolved withSeries(LedgerSession s, Checks.Resolved r) {
        if (r.request().type() != TransactionType.ISSUE) return r;
        if (r.series() != null) {
            if (r.offset() == null || r.offset().equals(r.series().offset())) return r;
            return r.withSeries(s.correctOffsetAttributes(r.series().id(), r.offset()));
        }
        Optional<UnitSeries> made = s.series(r.seriesKey());
        return r.withSeries(made.orElseGet(() -> s.createSeries(r.seriesKey(), r.offset())));
    }

    /**
     * A pending approval whose window has closed lapses (APPROVAL_EXPIRED) when anyone acts on it, as it would at the
     * next run of {@link #completeDue}: approving, declining or cancelling it after its window records the lapse.
     */
    private static Optional<Outcome> lapsed(LedgerSession s, List<Transaction> group, long transactionId, Instant now) {
        Transaction t = group.getFirst();
        if (t.expiresAt() == null || !now.isAfter(t.expiresAt())) return Optional.empty();
        return Optional.of(pick(rejectAll(s, group, new Checks.Failure(Rejection.APPROVAL_EXPIRED, "the approval window closed at " + t.expiresAt()), now), transactionId));
    }

    private static Outcome outcomeOf(Transaction t) {
        return t.status() == TransactionStatus.REJECTED
                ? new Outcome.Rejected(t.rejection(), "rejected", t)
                : new Outcome.Accepted(t);
    }

    private static Outcome pick(List<Outcome> outcomes, long id) {
        return outcomes.stream().filter(o -> o.transaction() != null && o.transaction().id() == id).findFirst().orElse(outcomes.getFirst());
    }

    private static List<Transaction> group(LedgerSession s, Transaction t) {
        return t.batchId() == null ? List.of(t) : s.batch(t.batchId());
    }

    private static Outcome reject(LedgerSession s, Transaction t, Checks.Failure f, Instant now) {
        Transaction r = t.rejected(f.code(), now);
        s.save(r);
        return new Outcome.Rejected(f.code(), f.detail(), r, f.key(), f.args());
    }

    private static List<Outcome> rejectAll(LedgerSession s, List<Transaction> group, Checks.Failure f, Instant now) {
        List<Outcome> out = new ArrayList<>();
        for (Transaction t : group) out.add(reject(s, t, f, now));
        return out;
    }

    /** Proposed → awaiting approval, or on to the delay and completion. */
    private List<Outcome> route(LedgerSession s, List<Transaction> group, Instant now) {
        boolean approval = group.stream().anyMatch(t -> Checks.needsApproval(s, t));
        if (approval) {
            int hours = group.stream().mapToInt(t -> Checks.approvalExpiryHours(s, t)).min().orElse(72);
            List<Outcome> out = new ArrayList<>();
            for (Transaction t : group) {
                Transaction a = t.awaitingApproval(now.plusSeconds(hours * 3600L));
                s.save(a);
                out.add(new Outcome.Accepted(a));
            }
            return out;
        }
        return afterApproval(s, group, now);
    }

    /** Approved (or needing no approval) → delayed, or completed now. */
    private List<Outcome> afterApproval(LedgerSession s, List<Transaction> group, Instant now) {
        Instant executesAt = null;
        for (Transaction t : group) {
            Optional<Instant> at = Checks.delayedUntil(s, t, now);
            if (at.isPresent() && (executesAt == null || at.get().isAfter(executesAt))) executesAt = at.get();
        }
        if (executesAt != null && executesAt.isAfter(now)) {
            List<Outcome> out = new ArrayList<>();
            for (Transaction t : group) {
                Transaction d = t.delayedUntil(executesAt);
                s.save(d);
                out.add(new Outcome.Accepted(d));
            }
            return out;
        }
        return complete(s, group, now);
    }

    /** Re-checks the group against the current state and moves the units, all lines or none. */
    private List<Outcome> complete(LedgerSession s, List<Transaction> group, Instant now) {
        List<Checks.Resolved> resolved = group.stream().map(t -> Checks.resolveStored(s, t)).toList();
        Optional<LineFailure> failure = checkBatch(s, resolved, now, false);
        if (failure.isPresent()) return rejectAll(s, group, failure.get().failure, now);
        List<Outcome> out = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            Transaction t = group.get(i);
            Checks.Resolved r = resolved.get(i);
            Transaction done = t.completed(now, Movements.execute(s, t, r));
            s.save(done);
            s.journal(done, r.series().key().code());
            out.add(new Outcome.Accepted(done));
        }
        return out;
    }

    private record LineFailure(int index, Checks.Failure failure) {}

    /**
     * The checks of every line, then what only a batch can break: the sum of lines that draw on one holding,
     * the cap over all issuing lines, and no account both credited and debited within the batch.
     */
    private Optional<LineFailure> checkBatch(LedgerSession s, List<Checks.Resolved> lines, Instant now, boolean atProposal) {
        LineFailure best = null;
        for (int i = 0; i < lines.size(); i++) {
            Checks.Resolved r = lines.get(i);
            Optional<Checks.Failure> f = r.failure().or(() -> atProposal ? Checks.atProposal(s, r, now) : Checks.atCompletion(s, r, now));
            if (f.isPresent() && (best == null || f.get().code().ordinal() < best.failure.code().ordinal()))
                best = new LineFailure(i, f.get());
        }
        // a line's own failure decides unless it comes after BATCH_CONFLICT in the precedence order
        if (lines.size() == 1 || (best != null && best.failure.code().compareTo(Rejection.BATCH_CONFLICT) < 0)) return Optional.ofNullable(best);
        Set<Long> credited = new HashSet<>(), debited = new HashSet<>();
        Map<String, Long> drawn = new LinkedHashMap<>();
        Map<String, Long> issuing = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Checks.Resolved r = lines.get(i);
            if (r.request().type().movesUnits()) {
                if (r.to() != null) credited.add(r.to().id());
                if (r.from() != null) debited.add(r.from().id());
            }
            if (r.from() != null && r.series() != null)
                drawn.merge(r.poolKey(), r.request().quantity(), Math::addExact);
            if (r.request().type() == TransactionType.ISSUE) issuing.merge(r.seriesKey().unitType().code() + "/" + r.seriesKey().vintage().year(), r.request().quantity(), Math::addExact);
        }
        // A government account may take units back after it has given units out in the same batch (an allocation
        // true-up: ALLOCATE lines first, RETURN_OF_EXCESS lines last): its debits draw only on what it held before the
        // batch (checked below against that state) and run first, so the batch still does not depend on its own credits.
        Map<Long, Integer> lastDebit = new HashMap<>(), firstCredit = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Checks.Resolved r = lines.get(i);
            if (!r.request().type().movesUnits()) continue;
            if (r.from() != null) lastDebit.put(r.from().id(), i);
            if (r.to() != null) firstCredit.putIfAbsent(r.to().id(), i);
        }
        for (int i = 0; i < lines.size(); i++) {
            Checks.Resolved r = lines.get(i);
            if (r.from() != null && credited.contains(r.from().id()) && debited.contains(r.from().id())) {
                long id = r.from().id();
                boolean givesThenTakesBack = r.from().type().isGovernment() && lastDebit.get(id) < firstCredit.get(id);
                if (!givesThenTakesBack)
                    return Optional.of(new LineFailure(i, new Checks.Failure(Rejection.BATCH_CONFLICT, "account " + r.from().number() + " is both credited and debited in the batch")));
            }
        }
        if (best != null) return Optional.of(best);
        for (int i = 0; i < lines.size(); i++) {
            Checks.Resolved r = lines.get(i);
            if (r.from() != null && r.series() != null && r.request().type() != TransactionType.REVERSAL) {
                long need = drawn.get(r.poolKey());
                Optional<Checks.Failure> f = Checks.holdingsCover(s, r, need);
                if (f.isPresent()) return Optional.of(new LineFailure(i, f.get()));
            }
            if (r.request().type() == TransactionType.ISSUE) {
                UnitType ut = r.seriesKey().unitType();
                long need = issuing.get(ut.code() + "/" + r.seriesKey().vintage().year());
                Optional<Checks.Failure> f = Checks.capCovers(s, r, need, atProposal);
                if (f.isPresent()) return Optional.of(new LineFailure(i, f.get()));
            }
        }
        return Optional.empty();
    }
}
