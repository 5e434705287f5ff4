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
}
