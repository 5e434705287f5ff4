package org.openets.registrylog;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One thing the log found wrong, as it is persisted and reported. {@code seq} is the journal position it
 * concerns (for a gap, the first missing seq; for a balance mismatch, the last seq the books include).
 * {@code transactionId} and {@code seriesId} are 0 when the finding is about no single transaction or series.
 * {@code accountIds} are the accounts the finding affects, ascending: these are the accounts the log stops.
 */
public record Finding(long seq, long transactionId, FindingCode code, List<Long> accountIds, long seriesId, String detail,
                      Instant detectedAt) {
    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detectedAt, "detectedAt");
        accountIds = accountIds.stream().filter(id -> id != 0).distinct().sorted().toList();
        detail = detail == null ? "" : detail;
    }
}
