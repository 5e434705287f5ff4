package org.openets.registry;

/** Every way holdings can change. Nothing else changes holdings. */
public enum TransactionType {
    /** Creates new units (new serial numbers) in the jurisdiction's total-quantity account, within the cap. */
    ISSUE,
    /** From an allocation or reserve account to a holder's account (配额发放). */
    ALLOCATE,
    /** Allocation true-up downwards (多退): from the holder back to the allocation account. */
    RETURN_OF_EXCESS,
    TRANSFER,
    /** 清缴: into the jurisdiction's surrender account. */
    SURRENDER,
    /** Voluntary retirement for a named beneficiary and purpose, into the retirement account. */
    RETIRE,
    /** Into the cancellation account (e.g. unsold auction units taken back, 收回注销). */
    CANCEL,
    /** Pledge (质押) to a named pledgee: frozen units stay in the account but cannot move. */
    FREEZE,
    UNFREEZE,
    /** The administrator deducts what a defaulter did not surrender, into the surrender account. */
    FORCED_DEDUCTION,
    /** A correction: moves exactly the units of a completed transaction back. History is never edited. */
    REVERSAL;

    /** Types only registry administrators may initiate. */
    public boolean isAdministrative() {
        return switch (this) {
            case ISSUE, ALLOCATE, RETURN_OF_EXCESS, FREEZE, UNFREEZE, FORCED_DEDUCTION, REVERSAL -> true;
            case TRANSFER, SURRENDER, RETIRE, CANCEL -> false;
        };
    }

    /** Types that always need a second administrator, whatever the jurisdiction configures. */
    public boolean alwaysNeedsSecondAdministrator() {
        return this == ISSUE || this == FORCED_DEDUCTION || this == REVERSAL;
    }

    /** The terminal account type a type moves units into, or null when the request names the destination. */
    public AccountType terminalDestination() {
        return switch (this) {
            case SURRENDER, FORCED_DEDUCTION -> AccountType.SURRENDER;
            case RETIRE -> AccountType.RETIREMENT;
            case CANCEL -> AccountType.CANCELLATION;
            default -> null;
        };
    }

    public boolean movesUnits() { return this != FREEZE && this != UNFREEZE; }
}
