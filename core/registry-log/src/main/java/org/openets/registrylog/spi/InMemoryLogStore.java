package org.openets.registrylog.spi;

import org.openets.registrylog.Discrepancy;
import org.openets.registrylog.Finding;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The log's store in plain maps, for tests and simulations. It applies a commit the way a database adapter
 * would (upserts, replacing the discrepancies, appending the findings), so a test can run the log several times
 * over one store and see the incremental behaviour. Not thread-safe.
 */
public final class InMemoryLogStore implements LogStore {
    private long lastSeq = -1;
    private String lastHash = JournalRow.GENESIS_PREVIOUS_HASH;
    private final Map<String, LogState.Balance> balances = new TreeMap<>();
    private final Map<String, LogState.Pledge> pledges = new TreeMap<>();
    private final Map<Long, LogState.Series> series = new TreeMap<>();
    private final Map<Long, RecordedTransaction> transactions = new TreeMap<>();
    private List<Discrepancy> discrepancies = List.of();
    private final List<Finding> findings = new ArrayList<>();
    private int commits;

    @Override public LogState load() {
        return new LogState(lastSeq, lastHash, List.copyOf(balances.values()), List.copyOf(pledges.values()),
                List.copyOf(series.values()), discrepancies);
    }

    @Override public Optional<RecordedTransaction> recorded(long transactionId) {
        return Optional.ofNullable(transactions.get(transactionId));
    }

    @Override public void commit(LogCommit c) {
        lastSeq = c.lastSeq();
        lastHash = c.lastHash();
        for (LogState.Balance b : c.balances()) {
            String key = b.accountId() + "/" + b.seriesId();
            if (b.quantity() == 0 && b.frozen() == 0) balances.remove(key);
            else balances.put(key, b);
        }
        for (LogState.Pledge p : c.pledges()) {
            String key = p.accountId() + "/" + p.seriesId() + "/" + p.pledgee();
            if (p.quantity() == 0) pledges.remove(key);
            else pledges.put(key, p);
        }
        for (LogState.Series s : c.series()) series.put(s.seriesId(), s);
        for (RecordedTransaction t : c.transactions()) transactions.put(t.transactionId(), t);
        discrepancies = c.discrepancies();
        findings.addAll(c.findings());
        commits++;
    }

    /** Every finding appended so far, oldest first. */
    public List<Finding> findings() { return List.copyOf(findings); }

    public int commits() { return commits; }
}
