package org.openets.registrylog;

/**
 * The transaction types a journal entry can carry, as the log reads them from the {@code TYPE} field. The log
 * keeps its own list rather than the registry's enum: it depends on the journal format, never on the registry's
 * code. A name the log does not know makes the entry {@link FindingCode#MALFORMED_ENTRY malformed}.
 */
public enum EntryType {
    /** Creates new serials in the issuance account: from 0, to the account. */
    ISSUE,
    ALLOCATE,
    RETURN_OF_EXCESS,
    TRANSFER,
    SURRENDER,
    RETIRE,
    CANCEL,
    /** 质押: from = to = the account, a pledgee named; free units become frozen, the balance stays. */
    FREEZE,
    /** Releases units frozen to the named pledgee. */
    UNFREEZE,
    FORCED_DEDUCTION,
    /** A correction that moves exactly the serials of an earlier move back; the only way out of a terminal account. */
    REVERSAL;

    /** Types that take units out of {@code from} and put them into {@code to}. */
    public boolean movesUnits() { return this != ISSUE && this != FREEZE && this != UNFREEZE; }

    /** Types a REVERSAL may undo: the moves, except a reversal itself. */
    public boolean isReversible() { return movesUnits() && this != REVERSAL; }
}
