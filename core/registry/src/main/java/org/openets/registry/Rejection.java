package org.openets.registry;

/**
 * Stable codes for business rejections. The checks run in the order of this enum and the first failing
 * check wins, so a request that fails several checks always gets the same code. New codes are added
 * where they belong in the order; existing codes are never renamed (clients match on them).
 */
public enum Rejection {
    /** The command id was used before with a different body. */
    DUPLICATE_ID_DIFFERENT_BODY,
    /** The request is malformed for its type (missing field, field that does not belong). */
    INVALID_REQUEST,
    /** Quantity zero or negative, or beyond what the registry can represent. */
    INVALID_QUANTITY,
    UNKNOWN_ACCOUNT,
    UNKNOWN_UNIT_TYPE,
    /** The transaction to approve, cancel or reverse does not exist. */
    UNKNOWN_TRANSACTION,
    /** The actor holds no role that allows this on this account. */
    NOT_AUTHORISED,
    /** The initiator tried to approve their own transaction. */
    SELF_APPROVAL,
    /** The transaction is not in a state that allows this step. */
    INVALID_STATE,
    /** The approval window passed. */
    APPROVAL_EXPIRED,
    SAME_ACCOUNT,
    /** Units cannot leave a surrender, retirement or cancellation account except by REVERSAL. */
    TERMINAL_ACCOUNT,
    /**
     * The transaction type does not move units between these kinds of account: units enter a surrender, retirement
     * or cancellation account only by SURRENDER, FORCED_DEDUCTION, RETIRE or CANCEL; an allocation goes from an
     * allocation, auction or new-entrant-reserve account to a holder; a return of excess from a holder to an allocation
     * or new-entrant-reserve account; a holder transfers to holders only, an administrator (out of a government account) to
     * another government account of the same jurisdiction only; units are pledged to a holder's account of the pledging
     * account's jurisdiction.
     */
    ROUTE_NOT_ALLOWED,
    NOT_REVERSIBLE,
    ACCOUNT_NOT_OPEN,
    UNIT_TYPE_NOT_ALLOWED,
    /** Lines of one batch both credit and debit the same account. */
    BATCH_CONFLICT,
    INSUFFICIENT_HOLDINGS,
    /** Enough units are held, but some of them are frozen (pledged). */
    HOLDINGS_FROZEN,
    /** An UNFREEZE names more units than the account has pledged to that pledgee. */
    INSUFFICIENT_PLEDGED,
    ACCOUNT_NOT_ON_TRUSTED_LIST,
    /** Issuance beyond the cap for the unit type and vintage. */
    EXCEEDS_CAP,
    /** Not a check: an approver declined the transaction. */
    DECLINED
}
