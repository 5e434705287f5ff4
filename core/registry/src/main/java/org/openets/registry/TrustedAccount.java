package org.openets.registry;

import java.time.Instant;

/** An entry of an account's trusted account list; it becomes active at {@code activatesAt}. */
public record TrustedAccount(long accountId, long trustedAccountId, Instant activatesAt) {
    public boolean isActiveAt(Instant now) { return !now.isBefore(activatesAt); }
}
