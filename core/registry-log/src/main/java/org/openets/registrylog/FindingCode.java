package org.openets.registrylog;

/**
 * What the independent transaction log found wrong. The names are stable: stores persist them, operators and
 * alerts match on them, and {@code docs/reference/transaction-log.md} documents each. New codes may be added;
 * existing ones are never renamed or reused.
 */
public enum FindingCode {
    // ---- the journal itself
    /** Sequence numbers are not contiguous: entries are missing (reported at the first missing seq), repeated or out of order. */
    SEQ_GAP,
    /** The entry's previous hash is not the hash of the entry before it. */
    BROKEN_CHAIN,
    /** The entry's hash is not SHA-256 of its previous hash and canonical text: the text or the hash was edited. */
    BAD_HASH,
    /** The canonical text is not a well-formed v1 entry (fields, numbers, encoding, accounts the type requires). Not applied. */
    MALFORMED_ENTRY,
    /** The registry reports a journal head below what the log has already checked: checked entries have gone. */
    JOURNAL_TRUNCATED,
    /** Found by an audit: an entry the log checked earlier now has another hash, or the log never saw it. */
    REWRITTEN_ENTRY,
    /** The same transaction id was journalled twice. */
    DUPLICATE_TRANSACTION,

    // ---- the entry against the log's own books
    /** Quantity is not positive, or not the sum of the range sizes. */
    QUANTITY_MISMATCH,
    /** Two ranges of one entry share serials. */
    OVERLAPPING_RANGES,
    /** An issuance names serials the series has already issued. */
    REISSUED_SERIALS,
    /** A non-issuing entry names serials its series never issued. */
    UNISSUED_SERIALS,
    /** A series id appears with another series code than before, or a code with another id. */
    SERIES_MISMATCH,
    /** A move names the same account as source and destination. */
    SAME_ACCOUNT,
    /** The debited account's free balance in the log's books does not cover the quantity. */
    NEGATIVE_BALANCE,
    /** A terminal account (surrender, retirement, cancellation) is debited or pledged other than by a valid reversal. */
    TERMINAL_DEBIT,
    /**
     * A terminal account is credited other than by the type that leads there (SURRENDER or FORCED_DEDUCTION into the
     * surrender account, RETIRE into the retirement account, CANCEL into the cancellation account).
     */
    TERMINAL_CREDIT,
    /** An unfreeze releases more than is frozen to that pledgee. */
    UNFREEZE_EXCEEDS_PLEDGE,
    /** A reversal does not mirror an earlier reversible move exactly (accounts, series, serials), or that move was already reversed. */
    BAD_REVERSAL,

    // ---- reconciliation (对账)
    /** The registry's holding of an account in a series differs from the log's, in quantity or frozen quantity. */
    BALANCE_MISMATCH
}
