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
 * <p>Groups are pipelined (ADR 0005): while the committer thread writes and commits group n, the writer thread
 * already runs group n+1's work in memory, on the cache as group n left it and seeing group n's transactions
 * through its session. Group n+1 takes the lock, checks the cache and builds its flush only once group n has
 * committed, and its callers hear nothing before their own commit. When group n fails, or the check after the
 * lock finds that somebody else changed the registry, group n+1's work is thrown away and run again in the
 * plain order (lock, check, work, write, commit). So the database sees exactly the statements of one group after
 * another, as without the pipeline; only the in-memory work overlaps the previous group's database time.
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
    /** Writes and commits one group at a time while the writer thread works on the next. */
    private final java.util.concurrent.ExecutorService committer = java.util.concurrent.Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("ledger-committer").daemon(true).unstarted(r));
    /** The group being written and committed, if any; writer thread only. */
    private InFlight inFlight;
    /** Whether the writer thread has run the next group's work and waits, taking in what arrives, for the group in flight (for tests). */
    private volatile boolean waitingWithWorkDone;
    private final Overlap overlap;

    /** When a group's work overlaps the write and commit of the group before: when it pays (the default), or always or never (for tests). */
    enum Overlap { WHEN_IT_PAYS, ALWAYS, NEVER }
    /** Moving averages (1/8) of a committed group's work and of its commit, in nanoseconds; writer thread only. */
    private double workAverage, commitAverage;
    private final java.util.concurrent.atomic.AtomicLong groupsPipelined = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong groupsRerun = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong oneTripGroups = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLongArray time = new java.util.concurrent.atomic.AtomicLongArray(7);
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
        this(dataSource, maxBatch, Overlap.WHEN_IT_PAYS);
    }

    /** {@code overlap}: ALWAYS overlaps every group with the one in flight, however short its work; NEVER none (for tests). */
    GroupCommitLedger(DataSource dataSource, int maxBatch, Overlap overlap) {
        this.dataSource = dataSource;
        this.maxBatch = maxBatch;
        this.overlap = overlap;
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
        while (running || !queue.isEmpty() || inFlight != null) {
            try {
                // the committer puts COMMITTED in the queue when a group's commit is over: its callers are answered at once
                Work<?> first = queue.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (first == null || first == COMMITTED) {
                    if (inFlight != null && inFlight.outcome().isDone()) settle();
                    continue;
                }
                batch.add(first);
                take(batch);
                if (overlapPays()) runPipelined(batch);
                else {
                    settle();
                    runInOneTrip(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable t) {
                cache.clear(); // an Error in the middle of a group's work leaves the cache half-changed
                for (Work<?> w : batch) w.result.completeExceptionally(t);
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Whether to start the next group while this one is written. Overlap saves about a group's work time and costs a
     * commit: the clients waiting for the group in flight cannot join the next group, so groups are smaller and there
     * are more commits. Short work (single transfers: a fraction of a millisecond, less than a commit) loses, long
     * work (batches: tens of milliseconds) wins. Decided from the groups committed so far.
     */
    private boolean overlapPays() {
        return switch (overlap) {
            case ALWAYS -> true;
            case NEVER -> false;
            case WHEN_IT_PAYS -> workAverage > commitAverage;
        };
    }

    private void observe(long workNanos, long commitNanos) {
        workAverage += (workNanos - workAverage) / 8;
        commitAverage += (commitNanos - commitAverage) / 8;
    }

    /** Not work: the committer's signal that the group in flight is over. */
    private static final Work<Object> COMMITTED = new Work<>(s -> null);

    /** Adds what is queued to the group, up to {@code maxBatch} items, leaving out the committer's signals. */
    private void take(List<Work<?>> batch) {
        queue.drainTo(batch, maxBatch - batch.size());
        batch.removeIf(w -> w == COMMITTED);
    }

    /** A group handed to the committer: its items, its session and connection, and the outcome of its write and commit. */
    private record InFlight(List<Work<?>> items, Connection connection, PgLedgerSession session,
                            CompletableFuture<long[]> outcome, long beginNanos, long workNanos) {}

    /** Why a group in flight failed: where, and the exception. */
    private static final class CommitFailed extends Exception {
        final boolean atCommit;

        CommitFailed(Throwable cause, boolean atCommit) {
            super(cause);
            this.atCommit = atCommit;
        }
    }

    /**
     * Runs a group's work, while the group before it (if any) is written and committed; then, once that one has
     * committed, takes the lock, checks the cache and hands this group's flush to the committer. With nothing in
     * flight the lock and the check come first, as in the plain order. Whatever goes wrong on the way throws this
     * group's work away (and the cache it touched) and runs the group the plain way, after the group before has settled.
     */
    private void runPipelined(List<Work<?>> batch) {
        Connection c;
        try {
            c = dataSource.getConnection();
        } catch (SQLException e) {
            settle();
            runBatch(batch, false); // fails each item as "ledger unavailable" if the database is still gone
            return;
        }
        try {
            c.setAutoCommit(false);
            long t0 = System.nanoTime(), beginNanos = 0;
            boolean overlapped = inFlight != null;
            if (!overlapped) {
                begin(c);
                beginNanos = System.nanoTime() - t0;
            }
            long t1 = System.nanoTime(), waited = 0;
            PgLedgerSession session = new PgLedgerSession(c, cache, false, overlapped ? inFlight.session() : null);
            // the lock is the group before's until it commits: a direct write (rare administration) runs the group the plain way
            if (overlapped) session.beforeDirectWrite(() -> { throw new PgLedgerSession.Stale("a direct write waits for the ledger's lock"); });
            if (!ranAll(batch, 0, session)) {
                rerun(c, batch); // the plain path finds the item again and fails it alone
                return;
            }
            if (overlapped) {
                waitingWithWorkDone = true;
                // while the group before is still being written, take in what arrives: the group grows as it would have
                // while waiting for that commit, and its work is done by the time the commit is
                while (batch.size() < maxBatch && !inFlight.outcome().isDone()) {
                    Work<?> next;
                    long w0 = System.nanoTime();
                    try {
                        next = queue.poll(10, java.util.concurrent.TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    } finally {
                        waited += System.nanoTime() - w0;
                    }
                    if (next == null || next == COMMITTED) continue;
                    int from = batch.size();
                    batch.add(next);
                    take(batch);
                    if (!ranAll(batch, from, session)) {
                        rerun(c, batch);
                        return;
                    }
                }
            }
            long workNanos = System.nanoTime() - t1 - waited;
            time.addAndGet(6, waited);
            if (overlapped) {
                boolean previousCommitted;
                try {
                    previousCommitted = settle();
                } finally {
                    waitingWithWorkDone = false;
                }
                session.forgetPrevious();
                long t2 = System.nanoTime();
                // the work saw the cache as the group before left it: void if that group failed, or if somebody else
                // changed the registry or its reference data since this writer's last commit
                if (!previousCommitted || begin(c)) {
                    rerun(c, batch);
                    return;
                }
                beginNanos = System.nanoTime() - t2;
            }
            long t3 = System.nanoTime();
            PgLedgerSession.Flush flush = session.prepare();
            Connection connection = c;
            CompletableFuture<long[]> outcome = new CompletableFuture<>();
            committer.execute(() -> {
                try {
                    outcome.complete(writeAndCommit(session, flush, connection));
                } catch (Throwable t) {
                    outcome.completeExceptionally(t);
                }
                queue.offer(COMMITTED); // after the outcome is set; when the queue is full the writer is busy and settles when it needs to
            });
            inFlight = new InFlight(List.copyOf(batch), c, session, outcome, beginNanos + System.nanoTime() - t3, workNanos);
            if (overlapped) groupsPipelined.incrementAndGet();
        } catch (SQLException | RuntimeException e) {
            // the lock, the check or the flush's preparation failed: let the plain path decide, after the group in flight
            rerun(c, batch);
        }
    }

    /**
     * A group with nothing in flight, on a cache whose generations the writer knows (ADR 0006): the work runs first,
     * without the lock, then one autocommit call of {@code ledger_write} takes the lock, checks that nobody changed the
     * ledger or its reference data since this writer's last commit, writes and commits: one round trip instead of three
     * (lock and check, flush, commit). If the check fails nothing was written, and the group runs again the plain way.
     * A group whose work had to read (a cache miss) or wrote rows at once (rare administration) takes the lock and
     * checks before its flush, on the transaction its reads began, as an overlapped group does.
     */
    private void runInOneTrip(List<Work<?>> batch) {
        if (cache.ledgerGeneration < 0 || cache.referenceGeneration < 0) {
            runBatch(batch, false);
            return;
        }
        Connection c;
        try {
            c = dataSource.getConnection();
        } catch (SQLException e) {
            runBatch(batch, false); // fails each item as "ledger unavailable" if the database is still gone
            return;
        }
        long t0 = System.nanoTime(), t1, t2, t3, generation;
        PgLedgerSession session;
        boolean oneTrip = false;
        try {
            c.setAutoCommit(false);
            session = new PgLedgerSession(c, cache, false);
            boolean[] locked = {false};
            // a direct write (rare administration) takes the ledger's lock first, as every writer does, and checks the cache
            session.beforeDirectWrite(() -> {
                try {
                    if (begin(c)) throw new PgLedgerSession.Stale("the ledger changed since this writer's last commit");
                    locked[0] = true;
                } catch (SQLException e) {
                    throw new Sql.Failure("ledger lock", e);
                }
            });
            if (!ranAll(batch, 0, session)) {
                rerun(c, batch); // the plain path finds the item again and fails it alone (or runs the group on a fresh cache)
                return;
            }
            t1 = System.nanoTime();
            oneTrip = session.statements() == 0;
            if (!oneTrip && !locked[0]) {
                // the reads began a transaction: lock and check on it
                if (begin(c)) {
                    rerun(c, batch);
                    return;
                }
            }
            PgLedgerSession.Flush flush = session.prepare();
            t2 = System.nanoTime();
            if (oneTrip) {
                c.setAutoCommit(true); // no statement sent yet: no transaction to end, the call below is its own
                generation = session.write(flush, LEDGER_LOCK, cache.ledgerGeneration, cache.referenceGeneration);
            } else {
                generation = session.write(flush);
            }
            t3 = System.nanoTime();
        } catch (PgLedgerSession.Stale e) {
            rerun(c, batch); // nothing written: run again on what the database holds
            return;
        } catch (PgLedgerSession.CommandIdTaken e) {
            discard(c);
            cache.clear();
            groupsRerun.incrementAndGet();
            runBatch(batch, true); // a command id taken to be new was not: ask the database about every unknown id
            return;
        } catch (SQLException e) {
            discard(c);
            cache.clear();
            // no answer to the call that commits: whether it did is unknown to the writer; say so
            if (oneTrip && oneTripOutcomeUnknown(e)) failAll(batch, new Sql.Failure("ledger commit failed", e));
            else if (databaseUnavailable(e)) failAll(batch, new Sql.Failure("ledger unavailable", e)); // nothing written; no item's fault
            else isolate(new ArrayList<>(batch), e); // the database refused the writes: nothing written, find the culprit alone
            return;
        } catch (RuntimeException e) {
            discard(c);
            cache.clear();
            isolate(new ArrayList<>(batch), e);
            return;
        }
        long t4;
        try {
            if (!oneTrip) c.commit();
            t4 = System.nanoTime();
        } catch (SQLException e) {
            discard(c);
            cache.clear();
            failAll(batch, new Sql.Failure("ledger commit failed", e));
            return;
        }
        try {
            c.close(); // back to the pool
        } catch (SQLException ignored) {
            // the pool drops it
        }
        session.committed(generation);
        // a one-trip group's commit is inside its write: it keeps the commit estimate as it was
        committedGroup(session, batch.size(), t2 - t1, t1 - t0, t3 - t2, t4 - t3, oneTrip ? (long) commitAverage : t4 - t3);
        if (oneTrip) oneTripGroups.incrementAndGet();
        for (Work<?> w : batch) w.complete();
    }

    /**
     * Whether a failure is the database's or the connection's rather than an item's: no answer, the server shutting
     * down or terminating the backend (57P), out of resources (53). Running each item alone would only wait for
     * connections one by one; every caller is answered at once instead, and a retry under the same id is safe.
     */
    private static boolean databaseUnavailable(Exception e) {
        if (!(e instanceof SQLException se)) return false;
        String s = se.getSQLState();
        return s == null || s.startsWith("08") || s.startsWith("57P") || s.startsWith("53");
    }

    private static void failAll(List<Work<?>> items, RuntimeException failure) {
        for (Work<?> w : items) w.result.completeExceptionally(failure);
    }

    /**
     * Whether a failed one-trip call may have committed: only when no answer came back (the connection broke). An
     * error the server sent means the statement, and with it the implicit transaction, was rolled back.
     */
    private static boolean oneTripOutcomeUnknown(SQLException e) {
        return e.getSQLState() == null || e.getSQLState().startsWith("08");
    }

    /** Counts a committed group's statements and times, and feeds the overlap decision ({@code observedCommit}: the commit as it counts there). */
    private void committedGroup(PgLedgerSession session, int items, long begin, long work, long flush, long commit, long observedCommit) {
        statementsSent.addAndGet(session.statements());
        time.addAndGet(0, 1);
        time.addAndGet(1, items);
        time.addAndGet(2, begin);
        time.addAndGet(3, work);
        time.addAndGet(4, flush);
        time.addAndGet(5, commit);
        observe(work, observedCommit);
    }

    /** Runs the group's items from {@code from} on; false as soon as one throws (the plain path finds it again). */
    private static boolean ranAll(List<Work<?>> batch, int from, PgLedgerSession session) {
        for (int i = from; i < batch.size(); i++) {
            try {
                batch.get(i).run(session);
            } catch (RuntimeException e) {
                return false;
            }
        }
        return true;
    }

    /** The committer's part: the group's flush and its commit; returns the new generation and the two durations. */
    private static long[] writeAndCommit(PgLedgerSession session, PgLedgerSession.Flush flush, Connection connection) throws CommitFailed {
        long f0 = System.nanoTime(), generation;
        try {
            generation = session.write(flush);
        } catch (SQLException | RuntimeException e) {
            throw new CommitFailed(e, false);
        }
        long f1 = System.nanoTime();
        try {
            connection.commit();
        } catch (SQLException e) {
            throw new CommitFailed(e, true);
        }
        return new long[]{generation, f1 - f0, System.nanoTime() - f1};
    }

    /** Throws a group's work away with the cache it touched and runs the group the plain way once nothing is in flight. */
    private void rerun(Connection c, List<Work<?>> batch) {
        waitingWithWorkDone = false;
        discard(c);
        settle();
        cache.clear();
        groupsRerun.incrementAndGet();
        runBatch(batch, false);
    }

    /** Rolls a connection back and returns it to the pool; the cache is the caller's business. */
    private static void discard(Connection c) {
        try (c) {
            c.rollback();
        } catch (SQLException ignored) {
            // broken: the pool drops it, and its transaction with it
        }
    }

    /**
     * Waits for the group in flight, if any, and finishes it: on success the cache learns what it committed and its
     * callers are answered; on failure the cache is dropped and the group runs again the plain way, which finds the
     * item at fault or answers every item with the failure. Returns whether the group (if there was one) committed.
     */
    private boolean settle() {
        InFlight f = inFlight;
        if (f == null) return true;
        inFlight = null;
        long t0 = System.nanoTime();
        long[] done;
        try {
            done = f.outcome().get();
        } catch (java.util.concurrent.ExecutionException e) {
            discard(f.connection());
            cache.clear();
            if (e.getCause() instanceof CommitFailed cf && cf.atCommit) {
                // whether the commit happened is unknown to this writer: say so, as the plain path does
                failAll(f.items(), new Sql.Failure("ledger commit failed", (SQLException) cf.getCause()));
            } else if (e.getCause().getCause() instanceof PgLedgerSession.CommandIdTaken) {
                // a command id taken to be new was not: run the group again, asking the database about every unknown id
                groupsRerun.incrementAndGet();
                runBatch(f.items(), true);
            } else if (databaseUnavailable((Exception) e.getCause().getCause())) {
                failAll(f.items(), new Sql.Failure("ledger unavailable", (SQLException) e.getCause().getCause()));
            } else {
                // the database refused the group's writes: find the culprit alone, as the plain path does
                isolate(new ArrayList<>(f.items()), (Exception) e.getCause().getCause());
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            discard(f.connection());
            cache.clear();
            failAll(f.items(), new IllegalStateException("ledger writer interrupted"));
            return false;
        }
        try {
            f.connection().close(); // back to the pool
        } catch (SQLException ignored) {
            // the pool drops it
        }
        f.session().committed(done[0]);
        committedGroup(f.session(), f.items().size(), f.beginNanos(), f.workNanos(), done[1], done[2], done[2]);
        time.addAndGet(6, System.nanoTime() - t0);
        for (Work<?> w : f.items()) w.complete();
        return true;
    }

    /** The plain order: lock and check, work, write, commit, answer; never with a group in flight. */
    private void runBatch(List<Work<?>> batch, boolean careful) {
        List<Work<?>> pending = new ArrayList<>(batch);
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
                    abandon(c);
                    if (databaseUnavailable(e)) failAll(pending, new Sql.Failure("ledger unavailable", (SQLException) e));
                    // the database refused the group's writes (a constraint the checks should have kept): find the culprit alone
                    else isolate(pending, e);
                    return;
                }
                try {
                    c.commit();
                } catch (SQLException e) {
                    cache.clear();
                    failAll(pending, new Sql.Failure("ledger commit failed", e));
                    return;
                }
                session.committed(generation);
                long t4 = System.nanoTime();
                committedGroup(session, pending.size(), t1 - t0, t2 - t1, t3 - t2, t4 - t3, t4 - t3);
                for (Work<?> w : pending) w.complete();
                return;
            } catch (SQLException e) {
                cache.clear();
                failAll(pending, new Sql.Failure("ledger unavailable", e));
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
    private boolean begin(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT ledger, reference, set_config('plan_cache_mode', 'force_generic_plan', true) FROM ledger_begin(?)")) {
            ps.setLong(1, LEDGER_LOCK);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return cache.validate(rs.getLong(1), rs.getLong(2));
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
        for (Work<?> w : List.copyOf(pending)) runBatch(List.of(w), false);
    }

    /**
     * Where the time went, over the groups committed since the writer started: on the writer thread the lock, the
     * cache check and building the flush ({@code begin}), running the work (registry logic and the reads the cache
     * missed) and waiting for the group in flight to commit ({@code wait}); on the committer thread the flush and the
     * commit. With the pipeline the writer's work overlaps the committer's flush and commit of the group before.
     */
    public record Timing(long groups, long items, long beginNanos, long workNanos, long flushNanos, long commitNanos, long waitNanos,
                         long overlapped, long oneTrip, long rerun) {
        public Timing since(Timing before) {
            return new Timing(groups - before.groups, items - before.items, beginNanos - before.beginNanos, workNanos - before.workNanos,
                    flushNanos - before.flushNanos, commitNanos - before.commitNanos, waitNanos - before.waitNanos,
                    overlapped - before.overlapped, oneTrip - before.oneTrip, rerun - before.rerun);
        }
    }

    /** Also how many groups overlapped the group before, were written in one trip (ADR 0006), or ran again. */
    public Timing timing() {
        return new Timing(time.get(0), time.get(1), time.get(2), time.get(3), time.get(4), time.get(5), time.get(6),
                groupsPipelined.get(), oneTripGroups.get(), groupsRerun.get());
    }

    /**
     * Groups whose work overlapped the group before's write and commit, groups whose work was thrown away and run
     * again, and groups that locked, checked, wrote and committed in one round trip (ADR 0006).
     */
    public long[] pipelineCounts() {
        return new long[]{groupsPipelined.get(), groupsRerun.get(), oneTripGroups.get()};
    }

    /** Whether the writer has run a group's work and waits for the group before it to commit. */
    boolean waitingWithWorkDone() { return waitingWithWorkDone; }

    /** Statements sent by committed groups (for the benchmark's statements-per-transfer figure). */
    public long statementsSent() { return statementsSent.get(); }

    @Override public void close() {
        running = false;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        committer.shutdown();
    }
}
