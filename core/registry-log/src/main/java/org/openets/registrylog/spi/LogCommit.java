package org.openets.registrylog.spi;

import org.openets.registrylog.Discrepancy;
import org.openets.registrylog.Finding;

import java.util.List;

/**
 * What one run changed, saved as one unit (one database transaction): the new checkpoint; the balances, pledges
 * and series that changed (upsert by key; a balance or pledge of zero may be deleted instead); the entries checked
 * (upsert by transaction id: a reversal updates the record of the entry it reverses); the open discrepancies
 * (replace the whole set); and the new findings (append).
 */
public record LogCommit(long lastSeq, String lastHash, List<LogState.Balance> balances, List<LogState.Pledge> pledges,
                        List<LogState.Series> series, List<RecordedTransaction> transactions,
                        List<Discrepancy> discrepancies, List<Finding> findings) {
    public LogCommit {
        balances = List.copyOf(balances);
        pledges = List.copyOf(pledges);
        series = List.copyOf(series);
        transactions = List.copyOf(transactions);
        discrepancies = List.copyOf(discrepancies);
        findings = List.copyOf(findings);
    }
}
