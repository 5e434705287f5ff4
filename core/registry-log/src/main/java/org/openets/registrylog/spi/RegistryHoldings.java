package org.openets.registrylog.spi;

import java.util.List;

/**
 * The registry's holdings, as the log reconciles against them (对账). The log never trusts these numbers: it
 * compares them with the balances it computed from the journal alone.
 */
public interface RegistryHoldings {
    /**
     * Every holding row, with the seq of the last journal entry whose effect the rows include. Both must be read
     * in one consistent snapshot (one REPEATABLE READ transaction: {@code max(seq)} of the journal and the holdings
     * table), because the registry keeps committing while the log runs: the log checks the journal exactly up to
     * {@code journalSeq} and leaves later entries for its next run.
     */
    Snapshot snapshot();

    /** The holdings at journal position {@code journalSeq}. Rows of zero may be present or absent. */
    record Snapshot(long journalSeq, List<Row> rows) {
        public Snapshot {
            rows = List.copyOf(rows);
        }
    }

    /** What the registry says an account holds of one series, and how much of that is frozen. */
    record Row(long accountId, long seriesId, long quantity, long frozen) {}
}
