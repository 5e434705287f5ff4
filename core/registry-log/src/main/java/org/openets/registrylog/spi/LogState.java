package org.openets.registrylog.spi;

import org.openets.kernel.SerialRange;
import org.openets.registrylog.Discrepancy;

import java.util.List;

/**
 * The log's own books as the last run left them, which the next run continues from: the checkpoint (the last seq
 * checked and its stored hash, which the next entry's previous hash must equal), the balance of every account
 * per series, what is frozen to each pledgee, the serials each series has issued, and the discrepancies still
 * open. Balances are signed: after an overdraft the books show what the journal did, and the finding says it
 * should not have.
 */
public record LogState(long lastSeq, String lastHash, List<Balance> balances, List<Pledge> pledges, List<Series> series,
                       List<Discrepancy> discrepancies) {
    public LogState {
        balances = List.copyOf(balances);
        pledges = List.copyOf(pledges);
        series = List.copyOf(series);
        discrepancies = List.copyOf(discrepancies);
    }

    /** Before the first run: nothing checked, so the first entry must be genesis, chained to 64 zeros. */
    public static LogState initial() {
        return new LogState(-1, JournalRow.GENESIS_PREVIOUS_HASH, List.of(), List.of(), List.of(), List.of());
    }

    /** What the log's books say an account holds of a series; {@code frozen} is part of {@code quantity}. */
    public record Balance(long accountId, long seriesId, long quantity, long frozen) {}

    /** Units of an account and series frozen to one pledgee (质押). */
    public record Pledge(long accountId, long seriesId, long pledgee, long quantity) {}

    /** A series the journal issued into: its code, and every serial ever issued (disjoint, ascending, merged). */
    public record Series(long seriesId, String seriesCode, List<SerialRange> issued) {
        public Series {
            issued = List.copyOf(issued);
        }
    }
}
