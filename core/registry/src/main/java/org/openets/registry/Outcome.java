package org.openets.registry;

import java.util.List;

/** What the registry answers to a command: the transaction as it now stands, or a rejection code. */
public sealed interface Outcome {
    Transaction transaction();

    /** The transaction exists and is awaiting approval, delayed, or completed. */
    record Accepted(Transaction transaction) implements Outcome {}

    /** Rejected with a stable code. {@code transaction} is the recorded rejection, or null when nothing was recorded. */
    record Rejected(Rejection code, String detail, Transaction transaction) implements Outcome {}

    /** A batch: every line's transaction, and the first rejection when the batch was rejected (null otherwise). */
    record Batch(List<Transaction> lines, Rejection code, String detail) {
        public Batch {
            lines = List.copyOf(lines);
        }

        public boolean isRejected() { return code != null; }
    }
}
