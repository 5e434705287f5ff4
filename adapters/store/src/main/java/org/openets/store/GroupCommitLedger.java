package org.openets.store;

import org.openets.registry.spi.LedgerSession;
import org.openets.workflows.registry.spi.LedgerUnitOfWork;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * The registry's single writer with group commit. Callers hand in work; one thread takes whatever is queued
 * (up to {@code maxBatch} items), runs it in order in one database transaction under the ledger's advisory
 * lock, commits once, and only then answers each caller. One writer keeps the journal's hash chain in commit
 * order; the advisory lock keeps that true when several platform processes share a database; one commit for
 * many commands amortises the WAL flush that bounds a one-commit-per-transfer design.
 *
 * <p>Between groups the writer keeps what it knows of the registry in a {@link LedgerCache} (ADR 0003), so a
 * group reads almost nothing and writes with a few array statements ({@link PgLedgerSession#flush()}).
 *
 * <p>Work that throws (a bug, or a constraint the checks should have prevented) must not take the others
 * down: the transaction is rolled back, the cache dropped and the batch re-run without the failing item, which
 * gets the exception. When the database refuses a group's writes, each item runs again on its own.
 */
public final class GroupCommitLedger implements LedgerUnitOfWork, AutoCloseable {
    /** Advisory lock key: the registry ledger ("OETSLEDG"). */
    public static final long LEDGER_LOCK = 0x4F4554534C454447L;

    private final DataSource dataSource;
    private final int maxBatch;
    private final BlockingQueue<Work<?>> queue;
    private final Thread writer;
    private volatile boolean running = true;
    private final LedgerCache cache = new LedgerCache();
    private final java.util.concurrent.atomic.AtomicLongArray time = new java.util.concurrent.atomic.AtomicLongArray(6);
    private final java.util.concurrent.atomic.AtomicLong statementsSent = new java.util.concurrent.atomic.AtomicLong();

    private static final class Work<T> {
        final Function<LedgerSession, T> fn;
        final CompletableFuture<T> result = new CompletableFuture<>();
        T value;

        Work(Function<LedgerSession, T> fn) { this.fn = fn; }

        void run(LedgerSession s) { value = fn.apply(s); }

        void complete() { result.complete(value); }
    }

    public GroupCommitLedger(DataSource dataSource, int maxBatch) {
        this.dataSource = dataSource;
        this.maxBatch = maxBatch;
        this.queue = new ArrayBlockingQueue<>(Math.max(1024, maxBatch * 8));
        this.writer = Thread.ofPlatform().name("ledger-writer").daemon(true).start(this::loop);
    }

    @Override public <T> T execute(Function<LedgerSession, T> fn) {
        if (Thread.currentThread() == writer) throw new IllegalStateException("ledger work must not submit ledger work");
        if (!running) throw new IllegalStateException("ledger is closed");
        Work<T> w = new Work<>(fn);
        try {
            queue.put(w);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while submitting", e);
        }
        try {
            return w.result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        }
    }

    private void loop() {
        List<Work<?>> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Work<?> first = queue.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (first == null) continue;
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                runBatch(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable t) {
                for (Work<?> w : batch) w.result.completeExceptionally(t);
            } finally {
                batch.clear();
            }
        }
    }

    private void runBatch(List<Work<?>> batch) {
        List<Work<?>> pending = new ArrayList<>(batch);
        boolean careful = false;
        while (!pending.isEmpty()) {
            Work<?> failed = null;
            RuntimeException failure = null;
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                PgLedgerSession session;
                long generation;
                long t0 = System.nanoTime(), t1, t2, t3;
                try {
                    begin(c);
                    t1 = System.nanoTime();
                    session = new PgLedgerSession(c, cache, careful);
                    for (Work<?> w : pending) {
                        try {
                            w.run(session);
                        } catch (RuntimeException e) {
                            failed = w;
                            failure = e;
                            break;
                        }
                    }
                    if (failed != null) {
                        abandon(c);
                        failed.result.completeExceptionally(failure);
                        pending.remove(failed);
                        continue;
                    }
                    t2 = System.nanoTime();
                    generation = session.flush();
                    t3 = System.nanoTime();
                } catch (PgLedgerSession.CommandIdTaken e) {
                    // a command id taken to be new was not: run the group again, asking the database about every unknown id
                    abandon(c);
                    if (careful) {
                        isolate(pending, e);
                        return;
                    }
                    careful = true;
                    continue;
                } catch (SQLException | RuntimeException e) {
                    // the database refused the group's writes (a constraint the checks should have kept): find the culprit alone
                    abandon(c);
                    isolate(pending, e);
                    return;
                }
                try {
                    c.commit();
                } catch (SQLException e) {
                    cache.clear();
                    Sql.Failure f = new Sql.Failure("ledger commit failed", e);
                    for (Work<?> w : pending) w.result.completeExceptionally(f);
                    return;
                }
                session.committed(generation);
                long t4 = System.nanoTime();
                statementsSent.addAndGet(session.statements());
                time.addAndGet(0, 1);
                time.addAndGet(1, pending.size());
                time.addAndGet(2, t1 - t0);
                time.addAndGet(3, t2 - t1);
                time.addAndGet(4, t3 - t2);
                time.addAndGet(5, t4 - t3);
                for (Work<?> w : pending) w.complete();
                return;
            } catch (SQLException e) {
                cache.clear();
                Sql.Failure f = new Sql.Failure("ledger unavailable", e);
                for (Work<?> w : pending) w.result.completeExceptionally(f);
                return;
            }
        }
    }

    /**
     * Takes the ledger's lock and drops from the cache whatever another writer or a reference-data change made stale.
     * The group's statements use generic plans: the flush's arrays vary in length from group to group, and a custom
     * plan per length is both planned every time and, for long arrays, tempted into hash joins over whole tables;
     * the generic plan probes the indexes row by row (measured in docs/benchmarks.md, ADR 0003).
     */
    private void begin(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT ledger, reference, set_config('plan_cache_mode', 'force_generic_plan', true) FROM ledger_begin(?)")) {
            ps.setLong(1, LEDGER_LOCK);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                cache.validate(rs.getLong(1), rs.getLong(2));
            }
        }
    }

    /** Rolls back; the cache may hold changes that never committed, so it goes too. */
    private void abandon(Connection c) {
        cache.clear();
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool discards it and the transaction is gone with it
        }
    }

    /** Runs each item of a failed group in a group of its own, so only the items that fail alone fail. */
    private void isolate(List<Work<?>> pending, Exception cause) {
        if (pending.size() == 1) {
            Work<?> w = pending.getFirst();
            w.result.completeExceptionally(cause instanceof RuntimeException re ? re : new Sql.Failure("ledger write failed", (SQLException) cause));
            return;
        }
        for (Work<?> w : List.copyOf(pending)) runBatch(List.of(w));
    }

    /**
     * Where the writer's time went, over the groups it committed since it started: the lock and cache check, running
     * the work (registry logic and the reads the cache missed), the flush, the commit.
     */
    public record Timing(long groups, long items, long beginNanos, long workNanos, long flushNanos, long commitNanos) {
        public Timing since(Timing before) {
            return new Timing(groups - before.groups, items - before.items, beginNanos - before.beginNanos, workNanos - before.workNanos,
                    flushNanos - before.flushNanos, commitNanos - before.commitNanos);
        }
    }

    public Timing timing() {
        return new Timing(time.get(0), time.get(1), time.get(2), time.get(3), time.get(4), time.get(5));
    }

    /** Statements sent by committed groups (for the benchmark's statements-per-transfer figure). */
    public long statementsSent() { return statementsSent.get(); }

    @Override public void close() {
        running = false;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
