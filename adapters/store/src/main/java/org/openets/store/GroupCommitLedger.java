package org.openets.store;

import org.openets.registry.spi.LedgerSession;
import org.openets.workflows.registry.spi.LedgerUnitOfWork;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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
 * <p>Work that throws (a bug, or a constraint the checks should have prevented) must not take the others
 * down: the transaction is rolled back and the batch re-run without the failing item, which gets the
 * exception.
 */
public final class GroupCommitLedger implements LedgerUnitOfWork, AutoCloseable {
    /** Advisory lock key: the registry ledger ("OETSLEDG"). */
    public static final long LEDGER_LOCK = 0x4F4554534C454447L;

    private final DataSource dataSource;
    private final int maxBatch;
    private final BlockingQueue<Work<?>> queue;
    private final Thread writer;
    private volatile boolean running = true;

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
        while (!pending.isEmpty()) {
            Work<?> failed = null;
            RuntimeException failure = null;
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try (Statement st = c.createStatement()) {
                    st.execute("SELECT pg_advisory_xact_lock(" + LEDGER_LOCK + ")");
                }
                PgLedgerSession session = new PgLedgerSession(c);
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
                    c.rollback();
                } else {
                    c.commit();
                    for (Work<?> w : pending) w.complete();
                    return;
                }
            } catch (SQLException e) {
                Sql.Failure f = new Sql.Failure("ledger commit failed", e);
                for (Work<?> w : pending) w.result.completeExceptionally(f);
                return;
            }
            failed.result.completeExceptionally(failure);
            pending.remove(failed);
        }
    }

    @Override public void close() {
        running = false;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
