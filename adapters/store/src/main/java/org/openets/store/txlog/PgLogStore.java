package org.openets.store.txlog;

import org.openets.kernel.SerialRange;
import org.openets.store.Ranges;
import org.openets.registrylog.Discrepancy;
import org.openets.registrylog.EntryType;
import org.openets.registrylog.Finding;
import org.openets.registrylog.spi.LogCommit;
import org.openets.registrylog.spi.LogState;
import org.openets.registrylog.spi.LogStore;
import org.openets.registrylog.spi.RecordedTransaction;
import org.openets.store.Sql;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The transaction log's books in its own schema ({@code txlog}, migration V3), for <b>one run</b>: {@link #load()}
 * opens a database transaction and takes the log's advisory lock and the checkpoint row, {@link #commit} writes the
 * whole run (the run row, checkpoint, balances, pledges, series, transaction records, the open discrepancies and the
 * new findings) and commits, all or nothing. The lock is held from load to commit, so two runs, in this process or
 * another one sharing the database, never interleave: the second waits and then loads what the first committed.
 * {@link #close()} rolls back whatever was not committed and gives the connection back. Use a new store per run.
 *
 * <p>The store never touches the registry's tables.
 */
public final class PgLogStore implements LogStore, AutoCloseable {
    /** Advisory lock key of the transaction log ("OETS_TLG"), distinct from the ledger's ("OETSLEDG"). */
    public static final long LOG_LOCK = 0x4F4554535F544C47L;

    /** What the run table records besides the commit itself; asked for when the run commits. */
    public record RunFacts(String kind, Instant startedAt, int entriesChecked, Collection<Long> stoppedAccounts, Collection<Long> newlySuspended) {
        public RunFacts {
            Objects.requireNonNull(kind);
            Objects.requireNonNull(startedAt);
            stoppedAccounts = List.copyOf(stoppedAccounts);
            newlySuspended = List.copyOf(newlySuspended);
        }
    }

    private record Opened(Discrepancy discrepancy, Instant at, long run) {}

    private final DataSource ds;
    private final Clock clock;
    private final Supplier<RunFacts> facts;
    private Connection c;
    private LogState loaded;
    private final Map<String, Opened> opened = new HashMap<>();
    private long runId = -1;
    private boolean committed;

    /**
     * @param facts asked once, inside the commit, for the run row: by then the stopper has run and the journal has
     *              been read, so the runner can say which accounts were stopped and how many entries were checked
     */
    public PgLogStore(DataSource ds, Clock clock, Supplier<RunFacts> facts) {
        this.ds = Objects.requireNonNull(ds);
        this.clock = Objects.requireNonNull(clock);
        this.facts = Objects.requireNonNull(facts);
    }

    /** The id of the run row this store committed, or -1. */
    public long runId() { return runId; }

    public boolean committed() { return committed; }

    /** The checkpoint seq the run loaded (-1 before the first run). */
    public long loadedSeq() {
        if (loaded == null) throw new IllegalStateException("nothing loaded");
        return loaded.lastSeq();
    }

    private void begin() {
        if (committed) throw new IllegalStateException("this store has committed its run; use a new PgLogStore for the next");
        if (c != null) return;
        try {
            c = ds.getConnection();
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            try (Statement st = c.createStatement()) {
                st.execute("SELECT pg_advisory_xact_lock(" + LOG_LOCK + ")");
            }
        } catch (SQLException e) {
            close();
            throw new Sql.Failure("transaction log: begin", e);
        }
    }

    @Override public LogState load() {
        if (loaded != null) throw new IllegalStateException("this store has already loaded its run's books");
        begin();
        Object[] cp = Sql.one(c, "SELECT last_seq, last_hash FROM txlog.checkpoint WHERE id = 1 FOR UPDATE",
                rs -> new Object[]{rs.getLong(1), rs.getString(2)}).orElseThrow(() -> new IllegalStateException("txlog.checkpoint has no row"));
        List<LogState.Balance> balances = Sql.list(c, "SELECT account_id, series_id, quantity, frozen FROM txlog.balance",
                rs -> new LogState.Balance(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
        List<LogState.Pledge> pledges = Sql.list(c, "SELECT account_id, series_id, pledgee, quantity FROM txlog.pledge",
                rs -> new LogState.Pledge(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
        Map<Long, List<SerialRange>> issued = new HashMap<>();
        for (Object[] r : Sql.list(c, "SELECT series_id, first_serial, last_serial FROM txlog.series_issued ORDER BY series_id, first_serial",
                rs -> new Object[]{rs.getLong(1), rs.getLong(2), rs.getLong(3)}))
            issued.computeIfAbsent((Long) r[0], k -> new ArrayList<>()).add(new SerialRange((Long) r[1], (Long) r[2]));
        List<LogState.Series> series = Sql.list(c, "SELECT series_id, series_code FROM txlog.series ORDER BY series_id",
                rs -> new LogState.Series(rs.getLong(1), rs.getString(2), issued.getOrDefault(rs.getLong(1), List.of())));
        List<Discrepancy> discrepancies = new ArrayList<>();
        for (Opened o : Sql.list(c, "SELECT account_id, series_id, log_quantity, log_frozen, registry_quantity, registry_frozen, opened_at, opened_run " +
                        "FROM txlog.discrepancy ORDER BY account_id, series_id",
                rs -> new Opened(new Discrepancy(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)),
                        Sql.instant(rs, "opened_at"), rs.getLong(8)))) {
            discrepancies.add(o.discrepancy());
            opened.put(key(o.discrepancy()), o);
        }
        loaded = new LogState((Long) cp[0], (String) cp[1], balances, pledges, series, discrepancies);
        return loaded;
    }

    @Override public Optional<RecordedTransaction> recorded(long transactionId) {
        String sql = "SELECT transaction_id, seq, hash, type, from_account, to_account, series_id, ranges, reversed_by " +
                "FROM txlog.transaction_record WHERE transaction_id = ?";
        Sql.Row<RecordedTransaction> row = rs -> new RecordedTransaction(rs.getLong(1), rs.getLong(2), rs.getString(3),
                EntryType.valueOf(rs.getString(4)), rs.getLong(5), rs.getLong(6), rs.getLong(7), Ranges.parse(rs.getString(8)), rs.getLong(9));
        if (c != null) return Sql.one(c, sql, row, transactionId);
        try (Connection own = ds.getConnection()) {
            return Sql.one(own, sql, row, transactionId);
        } catch (SQLException e) {
            throw new Sql.Failure("transaction log: recorded", e);
        }
    }

    @Override public void commit(LogCommit commit) {
        if (loaded == null) throw new IllegalStateException("commit without load: the run must read the books it changes");
        try {
            write(commit, facts.get());
            c.commit();
            committed = true;
        } catch (SQLException e) {
            throw new Sql.Failure("transaction log: commit", e);
        } finally {
            close();
        }
    }

    /**
     * Commits a run row that changes no books: for an audit that found nothing (the log calls {@link #commit} only
     * when an audit has findings), so that the audit is on record too.
     */
    public void commitRunOnly() {
        if (loaded == null) throw new IllegalStateException("nothing loaded");
        commit(new LogCommit(loaded.lastSeq(), loaded.lastHash(), List.of(), List.of(), List.of(), List.of(), loaded.discrepancies(), List.of()));
    }

    private void write(LogCommit commit, RunFacts f) throws SQLException {
        Instant now = clock.instant();
        runId = Sql.longValue(c, "SELECT nextval('txlog.run_id')");
        Sql.update(c, "INSERT INTO txlog.run (id, kind, started_at, finished_at, from_seq, through_seq, head_hash, entries_checked, findings, " +
                        "discrepancies, stopped_accounts, newly_suspended) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                runId, f.kind(), f.startedAt(), now, loaded.lastSeq(), commit.lastSeq(), commit.lastHash(), f.entriesChecked(),
                commit.findings().size(), commit.discrepancies().size(), array(f.stoppedAccounts()), array(f.newlySuspended()));
        Sql.update(c, "UPDATE txlog.checkpoint SET last_seq = ?, last_hash = ?, updated_at = ? WHERE id = 1", commit.lastSeq(), commit.lastHash(), now);

        List<LogState.Balance> zeroBalances = new ArrayList<>(), balances = new ArrayList<>();
        for (LogState.Balance b : commit.balances()) (b.quantity() == 0 && b.frozen() == 0 ? zeroBalances : balances).add(b);
        batch("DELETE FROM txlog.balance WHERE account_id = ? AND series_id = ?", zeroBalances, (ps, b) -> {
            ps.setLong(1, b.accountId());
            ps.setLong(2, b.seriesId());
        });
        batch("INSERT INTO txlog.balance (account_id, series_id, quantity, frozen) VALUES (?, ?, ?, ?) " +
                "ON CONFLICT (account_id, series_id) DO UPDATE SET quantity = excluded.quantity, frozen = excluded.frozen", balances, (ps, b) -> {
            ps.setLong(1, b.accountId());
            ps.setLong(2, b.seriesId());
            ps.setLong(3, b.quantity());
            ps.setLong(4, b.frozen());
        });

        List<LogState.Pledge> zeroPledges = new ArrayList<>(), pledges = new ArrayList<>();
        for (LogState.Pledge p : commit.pledges()) (p.quantity() == 0 ? zeroPledges : pledges).add(p);
        batch("DELETE FROM txlog.pledge WHERE account_id = ? AND series_id = ? AND pledgee = ?", zeroPledges, (ps, p) -> {
            ps.setLong(1, p.accountId());
            ps.setLong(2, p.seriesId());
            ps.setLong(3, p.pledgee());
        });
        batch("INSERT INTO txlog.pledge (account_id, series_id, pledgee, quantity) VALUES (?, ?, ?, ?) " +
                "ON CONFLICT (account_id, series_id, pledgee) DO UPDATE SET quantity = excluded.quantity", pledges, (ps, p) -> {
            ps.setLong(1, p.accountId());
            ps.setLong(2, p.seriesId());
            ps.setLong(3, p.pledgee());
            ps.setLong(4, p.quantity());
        });

        batch("INSERT INTO txlog.series (series_id, series_code) VALUES (?, ?) ON CONFLICT (series_id) DO UPDATE SET series_code = excluded.series_code",
                commit.series(), (ps, s) -> {
                    ps.setLong(1, s.seriesId());
                    ps.setString(2, s.seriesCode());
                });
        batch("DELETE FROM txlog.series_issued WHERE series_id = ?", commit.series(), (ps, s) -> ps.setLong(1, s.seriesId()));
        List<long[]> issued = new ArrayList<>();
        for (LogState.Series s : commit.series()) for (SerialRange r : s.issued()) issued.add(new long[]{s.seriesId(), r.first(), r.last()});
        batch("INSERT INTO txlog.series_issued (series_id, first_serial, last_serial) VALUES (?, ?, ?)", issued, (ps, r) -> {
            ps.setLong(1, r[0]);
            ps.setLong(2, r[1]);
            ps.setLong(3, r[2]);
        });

        batch("INSERT INTO txlog.transaction_record (transaction_id, seq, hash, type, from_account, to_account, series_id, ranges, reversed_by) " +
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (transaction_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, " +
                "type = excluded.type, from_account = excluded.from_account, to_account = excluded.to_account, series_id = excluded.series_id, " +
                "ranges = excluded.ranges, reversed_by = excluded.reversed_by", commit.transactions(), (ps, t) -> {
            ps.setLong(1, t.transactionId());
            ps.setLong(2, t.seq());
            ps.setString(3, t.hash());
            ps.setString(4, t.type().name());
            ps.setLong(5, t.from());
            ps.setLong(6, t.to());
            ps.setLong(7, t.seriesId());
            ps.setString(8, Ranges.format(t.ranges()));
            ps.setLong(9, t.reversedBy());
        });

        // the open set is replaced; a mismatch that is still there with the same numbers keeps the time it opened
        Sql.update(c, "DELETE FROM txlog.discrepancy");
        Map<String, Discrepancy> open = new LinkedHashMap<>();
        for (Discrepancy d : commit.discrepancies()) open.put(key(d), d);
        batch("INSERT INTO txlog.discrepancy (account_id, series_id, log_quantity, log_frozen, registry_quantity, registry_frozen, opened_at, opened_run) " +
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", List.copyOf(open.values()), (ps, d) -> {
            Opened before = opened.get(key(d));
            boolean same = before != null && before.discrepancy().equals(d);
            ps.setLong(1, d.accountId());
            ps.setLong(2, d.seriesId());
            ps.setLong(3, d.logQuantity());
            ps.setLong(4, d.logFrozen());
            ps.setLong(5, d.registryQuantity());
            ps.setLong(6, d.registryFrozen());
            ps.setTimestamp(7, java.sql.Timestamp.from(same ? before.at() : now));
            ps.setLong(8, same ? before.run() : runId);
        });

        batch("INSERT INTO txlog.finding (run_id, seq, transaction_id, code, account_ids, series_id, detail, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                commit.findings(), (ps, x) -> {
                    ps.setLong(1, runId);
                    ps.setLong(2, x.seq());
                    ps.setLong(3, x.transactionId());
                    ps.setString(4, x.code().name());
                    ps.setArray(5, array(x.accountIds()));
                    ps.setLong(6, x.seriesId());
                    ps.setString(7, x.detail());
                    ps.setTimestamp(8, java.sql.Timestamp.from(x.detectedAt()));
                });
    }

    private Array array(Collection<Long> ids) throws SQLException {
        return c.createArrayOf("bigint", ids.stream().sorted().distinct().toArray(Long[]::new));
    }

    @FunctionalInterface
    private interface Binder<T> { void bind(PreparedStatement ps, T item) throws SQLException; }

    private <T> void batch(String sql, List<T> items, Binder<T> binder) throws SQLException {
        if (items.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int n = 0;
            for (T item : items) {
                binder.bind(ps, item);
                ps.addBatch();
                if (++n % 1000 == 0) ps.executeBatch();
            }
            if (n % 1000 != 0) ps.executeBatch();
        }
    }

    private static String key(Discrepancy d) { return d.accountId() + "/" + d.seriesId(); }

    /** Rolls back whatever was not committed and releases the connection (and with it the lock). Idempotent. */
    @Override public void close() {
        if (c == null) return;
        try {
            if (!committed) c.rollback();
        } catch (SQLException ignored) {
            // the connection is going back to the pool (or away) anyway; the transaction ends with it
        } finally {
            try {
                c.close();
            } catch (SQLException ignored) {
                // nothing more to release
            }
            c = null;
        }
    }
}
