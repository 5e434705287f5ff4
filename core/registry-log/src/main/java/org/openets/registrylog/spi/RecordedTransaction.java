package org.openets.registrylog.spi;

import org.openets.kernel.SerialRange;
import org.openets.registrylog.EntryType;

import java.util.List;

/**
 * The log's own record of a journal entry it has checked: enough to check a later reversal against it and to
 * audit the journal for rewritten history. One per transaction id (the first, when an id was journalled twice).
 * {@code reversedBy} is the transaction id of the valid reversal of this entry, or 0.
 */
public record RecordedTransaction(long transactionId, long seq, String hash, EntryType type, long from, long to,
                                  long seriesId, List<SerialRange> ranges, long reversedBy) {
    public RecordedTransaction {
        ranges = List.copyOf(ranges);
    }

    public RecordedTransaction reversedBy(long reversal) {
        return new RecordedTransaction(transactionId, seq, hash, type, from, to, seriesId, ranges, reversal);
    }
}
