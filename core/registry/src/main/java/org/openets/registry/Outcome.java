package org.openets.registry;

import java.util.List;

/** What the registry answers to a command: the transaction as it now stands, or a rejection code. */
public sealed interface Outcome {
    Transaction transaction();

    /** The transaction exists and is awaiting approval, delayed, or completed. */
    record Accepted(Transaction transaction) implements Outcome {}

    /**
     * Rejected with a stable code. {@code transaction} is the recorded rejection, or null when nothing was recorded.
     * {@code detailKey} and {@code detailArgs}: what {@code detail} says, as the key of a sentence and its values (names,
     * numbers, codes), so that a page can say it in its own language; null and empty when the detail has none.
     */
    record Rejected(Rejection code, String detail, Transaction transaction, String detailKey, List<String> detailArgs) implements Outcome {
        public Rejected {
            detailArgs = detailArgs == null ? List.of() : List.copyOf(detailArgs);
        }

        public Rejected(Rejection code, String detail, Transaction transaction) { this(code, detail, transaction, null, List.of()); }
    }

    /** A batch: every line's transaction, and the first rejection when the batch was rejected (null otherwise). */
    /** {@code detailLine}: the line (from 1) whose check rejected the batch, 0 when none. */
    record Batch(List<Transaction> lines, Rejection code, String detail, String detailKey, List<String> detailArgs, int detailLine) {
        public Batch {
            lines = List.copyOf(lines);
            detailArgs = detailArgs == null ? List.of() : List.copyOf(detailArgs);
        }

        public Batch(List<Transaction> lines, Rejection code, String detail) { this(lines, code, detail, null, List.of(), 0); }

        public boolean isRejected() { return code != null; }
    }
}
