package org.openets.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Journal verification run on request (the pages and the API), one at a time across every platform process: a run
 * holds a PostgreSQL advisory lock ({@link #LOCK}) while {@link JournalVerifier} reads the journal, as the CLI's
 * {@code openets journal verify} does, and each run is recorded ({@code journal_verification}, V37) with who ran it,
 * when, how long it took and what it found (at most {@link #KEPT_PROBLEMS} problems kept; their number in full).
 * Each run reads the whole journal, so a run starts only once the cooldown has passed since the last recorded run ended
 * (checked under the lock, so across processes too); before that {@link TooSoon}, and nothing is read or recorded.
 */
public final class JournalVerifications {
    /** The advisory lock key a run holds while it reads (the bytes of "ojverify"). */
    public static final long LOCK = 0x6f6a766572696679L;
    public static final int KEPT_PROBLEMS = 100;

    /** One recorded run; {@code problems} the first {@link #KEPT_PROBLEMS} it found, {@code problemCount} all of them. */
    public record Run(long id, String by, Instant startedAt, long millis, long entries, String headHash, int problemCount,
                      List<JournalVerifier.Problem> problems) {
        public boolean intact() { return problemCount == 0; }
    }

    /** A run asked for before the cooldown since the last run has passed: {@code wait} is how long until it has. */
    public static final class TooSoon extends RuntimeException {
        private final java.time.Duration wait, cooldown;

        public TooSoon(java.time.Duration wait, java.time.Duration cooldown) {
            super("the journal was verified less than " + cooldown.toSeconds() + " s ago", null, false, false);
            this.wait = wait;
            this.cooldown = cooldown;
        }

        public java.time.Duration waitFor() { return wait; }

        public java.time.Duration cooldown() { return cooldown; }
    }

    private final DataSource ds;
    private final Clock clock;
    private final java.time.Duration cooldown;

    public JournalVerifications(DataSource ds, Clock clock) { this(ds, clock, java.time.Duration.ZERO); }

    /** {@code cooldown}: the least time from the end of one run to the start of the next (zero: none). */
    public JournalVerifications(DataSource ds, Clock clock, java.time.Duration cooldown) {
        if (cooldown.isNegative()) throw new IllegalArgumentException("the cooldown between journal verifications is not negative: " + cooldown);
        this.ds = ds;
        this.clock = clock;
        this.cooldown = cooldown;
    }

    /**
     * Verifies the journal as {@code by} and records the run; empty when another run holds the lock, {@link TooSoon}
     * within the cooldown after the last run (nothing is read or recorded then).
     */
    public Optional<Run> run(String by) {
        try (Connection lock = ds.getConnection()) {
            if (!advisory(lock, "SELECT pg_try_advisory_lock(?)")) return Optional.empty();
            try {
                if (!cooldown.isZero()) {
                    Instant ended = lastEnded(lock);
                    if (ended != null) {
                        java.time.Duration wait = java.time.Duration.between(clock.instant(), ended.plus(cooldown));
                        if (wait.isPositive()) throw new TooSoon(wait, cooldown);
                    }
                }
                Instant started = clock.instant();
                long t0 = System.nanoTime();
                JournalVerifier.Report report = new JournalVerifier(ds).verify();
                long millis = (System.nanoTime() - t0) / 1_000_000;
                return Optional.of(record(by, started, millis, report));
            } finally {
                advisory(lock, "SELECT pg_advisory_unlock(?)");
            }
        } catch (SQLException e) {
            throw new Sql.Failure("journal verification", e);
        }
    }

    /** When the last recorded run ended (its start and how long it took), or null before the first. */
    private static Instant lastEnded(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT started_at, millis FROM journal_verification ORDER BY id DESC LIMIT 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Sql.instant(rs, "started_at").plusMillis(rs.getLong("millis")) : null;
        }
    }

    private static boolean advisory(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, LOCK);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private Run record(String by, Instant started, long millis, JournalVerifier.Report report) {
        List<JournalVerifier.Problem> kept = report.problems().subList(0, Math.min(KEPT_PROBLEMS, report.problems().size()));
        long id = Sql.inTransaction(ds, "record journal verification", c -> {
            long runId = Sql.longValue(c, "INSERT INTO journal_verification (run_by, started_at, millis, entries, head_hash, problems) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                    by, started, millis, report.entries(), report.headHash(), report.problems().size());
            for (int i = 0; i < kept.size(); i++) {
                JournalVerifier.Problem p = kept.get(i);
                Sql.update(c, "INSERT INTO journal_verification_problem (verification_id, position, seq, code, detail) VALUES (?, ?, ?, ?, ?)",
                        runId, i, p.seq() < 0 ? null : p.seq(), p.code(), p.detail());
            }
            return runId;
        });
        return new Run(id, by, started, millis, report.entries(), report.headHash(), report.problems().size(), List.copyOf(kept));
    }

    /** The newest {@code limit} runs, newest first, each with the problems kept. */
    public List<Run> recent(int limit) {
        return Sql.inTransaction(ds, "list journal verifications", c -> {
            List<Run> runs = Sql.list(c, "SELECT id, run_by, started_at, millis, entries, head_hash, problems FROM journal_verification ORDER BY id DESC LIMIT ?",
                    rs -> new Run(rs.getLong(1), rs.getString(2), Sql.instant(rs, "started_at"), rs.getLong(4), rs.getLong(5), rs.getString(6), rs.getInt(7), new ArrayList<>()),
                    limit);
            if (runs.isEmpty()) return runs;
            Map<Long, List<JournalVerifier.Problem>> byRun = new HashMap<>();
            for (Run r : runs) byRun.put(r.id(), r.problems());
            Sql.list(c, "SELECT verification_id, seq, code, detail FROM journal_verification_problem WHERE verification_id BETWEEN ? AND ? ORDER BY verification_id, position",
                    rs -> {
                        List<JournalVerifier.Problem> ps = byRun.get(rs.getLong(1));
                        long seq = rs.getLong(2);
                        if (rs.wasNull()) seq = -1;
                        if (ps != null) ps.add(new JournalVerifier.Problem(seq, rs.getString(3), rs.getString(4)));
                        return 0;
                    }, runs.getLast().id(), runs.getFirst().id());
            return runs.stream().map(r -> new Run(r.id(), r.by(), r.startedAt(), r.millis(), r.entries(), r.headHash(), r.problemCount(), List.copyOf(r.problems()))).toList();
        });
    }
}
