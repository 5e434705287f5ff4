package org.openets.store.txlog;

import org.openets.store.Sql;
import org.openets.workflows.registrylog.TransactionLogViews.DiscrepancyView;
import org.openets.workflows.registrylog.TransactionLogViews.FindingView;
import org.openets.workflows.registrylog.TransactionLogViews.Report;
import org.openets.workflows.registrylog.TransactionLogViews.RunView;
import org.openets.workflows.registrylog.TransactionLogViews.StoppedAccountView;
import org.openets.workflows.registrylog.spi.TransactionLogReports;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The transaction log's report, read from its own tables in one REPEATABLE READ, read-only transaction (so the
 * checkpoint, the runs, the discrepancies and the findings agree with each other), with account numbers, holders and
 * statuses looked up in the registry's account table.
 */
public final class PgTransactionLogReports implements TransactionLogReports {
    static final int RECENT_RUNS = 10;
    private static final String RUN_COLUMNS = "id, kind, started_at, finished_at, from_seq, through_seq, head_hash, entries_checked, findings, " +
            "discrepancies, stopped_accounts, newly_suspended";

    private final DataSource ds;

    public PgTransactionLogReports(DataSource ds) { this.ds = ds; }

    @FunctionalInterface
    private interface Read<T> { T read(Connection c) throws SQLException; }

    private <T> T read(String what, Read<T> work) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                return work.read(c);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new Sql.Failure("transaction log report: " + what, e);
        }
    }

    @Override public Optional<RunView> run(long runId) {
        return read("run", c -> Sql.one(c, "SELECT " + RUN_COLUMNS + " FROM txlog.run WHERE id = ?", PgTransactionLogReports::run, runId));
    }

    @Override public Report report(int findingsLimit) {
        int limit = Math.clamp(findingsLimit, 0, 10_000);
        return read("report", c -> {
            Object[] cp = Sql.one(c, "SELECT last_seq, last_hash, updated_at FROM txlog.checkpoint WHERE id = 1",
                    rs -> new Object[]{rs.getLong(1), rs.getString(2), Sql.instant(rs, "updated_at")}).orElseThrow();
            long head = Sql.longValue(c, "SELECT coalesce(max(seq), -1) FROM journal");
            List<RunView> runs = Sql.list(c, "SELECT " + RUN_COLUMNS + " FROM txlog.run ORDER BY id DESC LIMIT " + RECENT_RUNS, PgTransactionLogReports::run);
            List<DiscrepancyView> discrepancies = Sql.list(c, "SELECT d.account_id, a.number, a.holder, d.series_id, s.series_code, d.log_quantity, " +
                    "d.log_frozen, d.registry_quantity, d.registry_frozen, d.opened_at, d.opened_run FROM txlog.discrepancy d " +
                    "LEFT JOIN account a ON a.id = d.account_id LEFT JOIN txlog.series s ON s.series_id = d.series_id ORDER BY d.account_id, d.series_id",
                    rs -> new DiscrepancyView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5), rs.getLong(6),
                            rs.getLong(7), rs.getLong(8), rs.getLong(9), Sql.instant(rs, "opened_at"), rs.getLong(11)));
            long total = Sql.longValue(c, "SELECT count(*) FROM txlog.finding");
            record Raw(long id, long runId, long seq, long transactionId, String code, List<Long> accounts, long seriesId, String seriesCode,
                       String detail, java.time.Instant at) {}
            List<Raw> raw = Sql.list(c, "SELECT f.id, f.run_id, f.seq, f.transaction_id, f.code, f.account_ids, f.series_id, s.series_code, f.detail, " +
                            "f.detected_at FROM txlog.finding f LEFT JOIN txlog.series s ON s.series_id = f.series_id ORDER BY f.id DESC LIMIT ?",
                    rs -> new Raw(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5), ids(rs.getArray(6)), rs.getLong(7),
                            rs.getString(8), rs.getString(9), Sql.instant(rs, "detected_at")), limit);
            TreeSet<Long> mentioned = new TreeSet<>();
            raw.forEach(r -> mentioned.addAll(r.accounts()));
            Map<Long, String> numbers = new HashMap<>();
            if (!mentioned.isEmpty())
                for (Object[] a : Sql.list(c, "SELECT id, number FROM account WHERE id = ANY (?)", rs -> new Object[]{rs.getLong(1), rs.getString(2)},
                        c.createArrayOf("bigint", mentioned.toArray(Long[]::new))))
                    numbers.put((Long) a[0], (String) a[1]);
            List<FindingView> findings = raw.stream().map(r -> new FindingView(r.id(), r.runId(), r.seq(), r.transactionId(), r.code(), r.accounts(),
                    r.accounts().stream().map(id -> numbers.getOrDefault(id, Long.toString(id))).toList(), r.seriesId(), r.seriesCode(), r.detail(),
                    r.at())).toList();
            List<StoppedAccountView> stopped = Sql.list(c, "SELECT x.account_id, a.number, a.holder, a.status, a.status_reason, x.first_at, x.last_at, " +
                    "EXISTS (SELECT 1 FROM txlog.discrepancy d WHERE d.account_id = x.account_id) " +
                    "FROM (SELECT u.account_id, min(r.started_at) AS first_at, max(r.started_at) AS last_at " +
                    "      FROM txlog.run r CROSS JOIN LATERAL unnest(r.stopped_accounts) AS u(account_id) " +
                    "      WHERE cardinality(r.stopped_accounts) > 0 GROUP BY u.account_id) x " +
                    "LEFT JOIN account a ON a.id = x.account_id ORDER BY x.account_id",
                    rs -> new StoppedAccountView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            Sql.instant(rs, "first_at"), Sql.instant(rs, "last_at"), rs.getBoolean(8)));
            return new Report((Long) cp[0], (String) cp[1], (java.time.Instant) cp[2], head, runs.isEmpty() ? null : runs.getFirst(), runs,
                    discrepancies, total, findings, stopped);
        });
    }

    private static RunView run(ResultSet rs) throws SQLException {
        return new RunView(rs.getLong("id"), rs.getString("kind"), Sql.instant(rs, "started_at"), Sql.instant(rs, "finished_at"),
                rs.getLong("from_seq"), rs.getLong("through_seq"), rs.getString("head_hash"), rs.getInt("entries_checked"), rs.getInt("findings"),
                rs.getInt("discrepancies"), ids(rs.getArray("stopped_accounts")), ids(rs.getArray("newly_suspended")));
    }

    private static List<Long> ids(Array a) throws SQLException {
        if (a == null) return List.of();
        Object values = a.getArray();
        if (values instanceof Long[] longs) return Arrays.asList(longs);
        return Arrays.stream((Object[]) values).map(v -> ((Number) v).longValue()).toList();
    }
}
