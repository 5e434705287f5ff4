package org.openets.registry;

/** proposed → awaiting approval → delayed → completed | rejected | cancelled. */
public enum TransactionStatus {
    PROPOSED, AWAITING_APPROVAL, DELAYED, COMPLETED, REJECTED, CANCELLED;

    public boolean isFinal() { return this == COMPLETED || this == REJECTED || this == CANCELLED; }
}
