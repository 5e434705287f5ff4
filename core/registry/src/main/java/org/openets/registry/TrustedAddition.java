package org.openets.registry;

import org.openets.kernel.ActorId;

import java.time.Instant;

/**
 * A pending addition to an account's trusted list, where the account type's controls ask for 4-eyes: it is not on the
 * list (a transfer to it is one to an account not on the list) until a different person approves it, and it lapses at
 * {@code expiresAt} (the account type's approval window, calendar hours) if nobody decides it.
 */
public record TrustedAddition(long id, long accountId, long trustedAccountId, ActorId proposedBy, Instant proposedAt, Instant expiresAt) {
    public boolean lapsedAt(Instant now) { return !now.isBefore(expiresAt); }

    /** How a pending addition ends other than by approval. */
    public enum End { DECLINED, WITHDRAWN }

    /** What adding an entry came to: the entry on the list (no 4-eyes), or the addition awaiting approval. */
    public record Added(TrustedAccount entry, TrustedAddition pending) {
        public boolean isPending() { return pending != null; }
    }
}
