package org.openets.workflows.registry;

import org.openets.kernel.ActorId;
import org.openets.registry.BatchRequest;
import org.openets.registry.Outcome;
import org.openets.registry.Registry;
import org.openets.registry.TransactionRequest;
import org.openets.registry.TrustedAccount;
import org.openets.workflows.registry.spi.LedgerUnitOfWork;

import java.time.Clock;
import java.util.List;

/**
 * The registry's use cases as the platform runs them: each command is one unit of work against the system of
 * record, timed by the platform clock.
 */
public final class RegistryService {
    private final Registry registry = new Registry();
    private final LedgerUnitOfWork ledger;
    private final Clock clock;

    public RegistryService(LedgerUnitOfWork ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    public Outcome propose(TransactionRequest request) {
        return ledger.execute(s -> registry.propose(s, request, clock.instant()));
    }

    /**
     * What proposing {@code request} now would come to ({@link Registry#review}): run as a unit of work on the ledger the
     * proposal would meet, so it reads the same state, and writes nothing.
     */
    public org.openets.registry.Review review(TransactionRequest request) {
        return ledger.execute(s -> registry.review(s, request, clock.instant()));
    }

    public Outcome.Batch proposeBatch(BatchRequest batch) {
        return ledger.execute(s -> registry.proposeBatch(s, batch, clock.instant()));
    }

    public Outcome approve(long transactionId, ActorId approver) {
        return ledger.execute(s -> registry.approve(s, transactionId, approver, clock.instant()));
    }

    public Outcome decline(long transactionId, ActorId approver, String reason) {
        return ledger.execute(s -> registry.decline(s, transactionId, approver, reason, clock.instant()));
    }

    public Outcome cancel(long transactionId, ActorId actor) {
        return ledger.execute(s -> registry.cancel(s, transactionId, actor, clock.instant()));
    }

    /** Completes due delayed transactions and lapses expired approvals; run by a scheduler. */
    public List<Outcome> completeDue() {
        return ledger.execute(s -> registry.completeDue(s, clock.instant()));
    }

    /** Adds an account to another's trusted list, recording who added it; an entry that exists is returned unchanged. */
    public TrustedAccount trust(long accountId, long trustedAccountId, org.openets.kernel.ActorId by) {
        return ledger.execute(s -> registry.trust(s, accountId, trustedAccountId, by, clock.instant()));
    }

    /** Adds an account to another's trusted list as the controls say: at once, or pending a second person's approval (4-eyes). */
    public org.openets.registry.TrustedAddition.Added addTrusted(long accountId, long trustedAccountId, org.openets.kernel.ActorId by) {
        return ledger.execute(s -> registry.addTrusted(s, accountId, trustedAccountId, by, clock.instant()));
    }

    /** Approves a pending addition: the entry goes on the list, its activation delay counted from now; empty when none is pending. */
    public java.util.Optional<TrustedAccount> approveTrusted(long accountId, long trustedAccountId, org.openets.kernel.ActorId approver) {
        return ledger.execute(s -> registry.approveTrusted(s, accountId, trustedAccountId, approver, clock.instant()));
    }

    /** Declines or withdraws a pending addition; false when none is pending. */
    public boolean endTrusted(long accountId, long trustedAccountId, org.openets.registry.TrustedAddition.End how, org.openets.kernel.ActorId by, String reason) {
        return ledger.execute(s -> registry.endTrusted(s, accountId, trustedAccountId, how, by, reason, clock.instant()));
    }
}
