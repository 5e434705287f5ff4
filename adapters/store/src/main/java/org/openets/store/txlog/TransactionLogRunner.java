package org.openets.store.txlog;

import org.openets.registrylog.CheckReport;
import org.openets.registrylog.TransactionLog;
import org.openets.registrylog.spi.AccountStopper;
import org.openets.registrylog.spi.JournalSource;
import org.openets.registrylog.spi.RegistryHoldings;
import org.openets.workflows.registrylog.TransactionLogViews.RunView;
import org.openets.workflows.registrylog.spi.TransactionLogRuns;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the independent transaction log over PostgreSQL and records each run: the log's books in {@link PgLogStore}
 * (schema {@code txlog}), the registry's journal through {@link PgJournalSource}, its holdings through
 * {@link PgRegistryHoldings}, accounts stopped by {@link PgAccountStopper}, terminal accounts from
 * {@link PgAccountDirectory}. Every port is made anew for each run. The run row (what was checked, found and stopped)
 * is written in the same database transaction as the books, so a run is on record exactly when it happened.
 * Runs never interleave: the store holds the log's advisory lock from load to commit.
 */
public final class TransactionLogRunner implements TransactionLogRuns {
    /** A committed run: its id in {@code txlog.run} and what the log reported. */
    public record Result(long runId, CheckReport report) {}

    private final DataSource ds;
    private final Clock clock;

    public TransactionLogRunner(DataSource ds, Clock clock) {
        this.ds = ds;
        this.clock = clock;
    }

    /** One run: checks the entries after the checkpoint, reconciles, stops accounts, commits the books and the run row. */
    public Result run() {
        Instant started = clock.instant();
        AtomicLong head = new AtomicLong(Long.MAX_VALUE);
        AtomicInteger checked = new AtomicInteger();
        Set<Long> handed = new TreeSet<>();
        PgAccountStopper stopper = new PgAccountStopper(ds);
        RegistryHoldings holdings = () -> {
            RegistryHoldings.Snapshot s = new PgRegistryHoldings(ds).snapshot();
            head.set(s.journalSeq());
            return s;
        };
        // the log reads rows through the snapshot's head and stops at the first one after it
        JournalSource source = after -> new PgJournalSource(ds).entriesAfter(after).peek(r -> {
            if (r.seq() <= head.get()) checked.incrementAndGet();
        });
        AccountStopper recording = (ids, reason) -> {
            handed.addAll(ids);
            stopper.stop(ids, reason);
        };
        try (PgLogStore store = new PgLogStore(ds, clock, () -> new PgLogStore.RunFacts("RUN", started, checked.get(), handed, stopper.newlySuspended()))) {
            CheckReport report = new TransactionLog(store, new PgAccountDirectory(ds)).run(source, holdings, recording, started);
            return new Result(store.runId(), report);
        }
    }

    /**
     * An audit: re-walks the journal from genesis through the checkpoint to find history rewritten after the log
     * checked it. It changes no books and stops no account; its findings and its run row are recorded.
     */
    public Result audit() {
        Instant started = clock.instant();
        AtomicInteger walked = new AtomicInteger();
        try (PgLogStore store = new PgLogStore(ds, clock, () -> new PgLogStore.RunFacts("AUDIT", started, walked.get(), List.of(), List.of()))) {
            JournalSource source = after -> new PgJournalSource(ds).entriesAfter(after).peek(r -> {
                if (r.seq() <= store.loadedSeq()) walked.incrementAndGet();
            });
            CheckReport report = new TransactionLog(store, new PgAccountDirectory(ds)).audit(source, started);
            if (!store.committed()) store.commitRunOnly();
            return new Result(store.runId(), report);
        }
    }

    @Override public RunView runNow() {
        Result r = run();
        return new PgTransactionLogReports(ds).run(r.runId()).orElseThrow();
    }
}
