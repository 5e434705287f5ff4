package org.openets.registry;

/**
 * Account lifecycle. OPEN does everything; RESTRICTED may receive and surrender but not transfer out;
 * BLOCKED_NON_COMPLIANCE may receive and surrender only (it must come back into compliance); SUSPENDED
 * (by the administrator, or stopped by the independent transaction log) and CLOSED do nothing.
 */
public enum AccountStatus {
    OPEN, RESTRICTED, SUSPENDED, BLOCKED_NON_COMPLIANCE, CLOSED;

    public boolean mayReceive() { return this == OPEN || this == RESTRICTED || this == BLOCKED_NON_COMPLIANCE; }

    /** May units leave by this kind of transaction? */
    public boolean maySend(TransactionType type) {
        return switch (this) {
            case OPEN -> true;
            case RESTRICTED, BLOCKED_NON_COMPLIANCE -> type == TransactionType.SURRENDER
                    || type == TransactionType.FORCED_DEDUCTION || type == TransactionType.RETURN_OF_EXCESS
                    || type == TransactionType.REVERSAL;
            case SUSPENDED, CLOSED -> false;
        };
    }
}
