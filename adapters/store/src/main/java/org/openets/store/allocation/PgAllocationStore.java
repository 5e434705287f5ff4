package org.openets.store.allocation;

import org.openets.store.Sql;
import org.openets.workflows.allocation.AllocationViews.ComparisonRecord;
import org.openets.workflows.allocation.AllocationViews.DeductionView;
import org.openets.workflows.allocation.AllocationViews.IssuanceRecord;
import org.openets.workflows.allocation.AllocationViews.Kind;
import org.openets.workflows.allocation.AllocationViews.NewRun;
import org.openets.workflows.allocation.AllocationViews.RunEntity;
import org.openets.workflows.allocation.AllocationViews.RunRecord;
import org.openets.workflows.allocation.spi.AllocationStore;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Allocation runs, comparisons, deductions and issuances in PostgreSQL (migration V15). Each call is one transaction. */
public final class PgAllocationStore implements AllocationStore {
    private final DataSource ds;

    public PgAllocationStore(DataSource ds) { this.ds = ds; }

    private <T> T tx(String what, Function<Connection, T> work) { return Sql.inTransaction(ds, what, work); }

    private static Array longs(Connection c, List<Long> v) {
        try { return c.createArrayOf("bigint", v.toArray()); } catch (SQLException e) { throw new Sql.Failure("array", e); }
    }

    private static Array texts(Connection c, List<String> v) {
        try { return c.createArrayOf("text", v.toArray()); } catch (SQLException e) { throw new Sql.Failure("array", e); }
    }

    @Override public long saveRun(NewRun r) {
        return tx("save allocation run", c -> {
            long id = Sql.longValue(c, """
                    INSERT INTO allocation_run (kind, jurisdiction, ruleset_id, ruleset_name, ruleset_text, ruleset_sha256, year, stage, basis, prices_fen,
                        population_name, population_text, population_sha256, pre_run_id, title, units, total_tonnes, free_tonnes, paid_tonnes,
                        emissions_tonnes, unconfirmed, created_by, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""",
                    r.kind().name(), r.jurisdiction(), r.rulesetId(), r.rulesetName(), r.rulesetText(), r.rulesetSha256(), r.year(), r.stage(), r.basis(),
                    longs(c, r.pricesFen()), r.populationName(), r.populationText(), r.populationSha256(), r.preRunId(), r.title(), r.units(), r.total(),
                    r.free(), r.paid(), r.emissions(), texts(c, r.unconfirmed()), r.by(), Timestamp.from(r.at()));
            for (RunEntity e : r.entities())
                Sql.update(c, "INSERT INTO allocation_run_entity (run_id, entity_id, account_id, total_tonnes, free_tonnes) VALUES (?, ?, ?, ?, ?)",
                        id, e.entityId(), e.accountId(), e.total(), e.free());
            return id;
        });
    }

    private static final String RUN_COLUMNS = "id, kind, jurisdiction, ruleset_id, ruleset_name, ruleset_text, ruleset_sha256, year, stage, basis, prices_fen, "
            + "population_name, population_text, population_sha256, pre_run_id, title, units, total_tonnes, free_tonnes, paid_tonnes, emissions_tonnes, "
            + "unconfirmed, created_by, created_at";

    private static RunRecord run(Connection c, ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        Long[] prices = (Long[]) rs.getArray("prices_fen").getArray();
        String[] unconfirmed = (String[]) rs.getArray("unconfirmed").getArray();
        Long emissions = rs.getObject("emissions_tonnes") == null ? null : rs.getLong("emissions_tonnes");
        Long pre = rs.getObject("pre_run_id") == null ? null : rs.getLong("pre_run_id");
        List<RunEntity> entities = Sql.list(c, "SELECT entity_id, account_id, total_tonnes, free_tonnes FROM allocation_run_entity WHERE run_id = ? ORDER BY entity_id",
                e -> new RunEntity(e.getString(1), e.getObject(2) == null ? null : e.getLong(2), e.getLong(3), e.getLong(4)), id);
        return new RunRecord(id, Kind.valueOf(rs.getString("kind")), rs.getString("jurisdiction"), rs.getString("ruleset_id"), rs.getString("ruleset_name"),
                rs.getString("ruleset_text"), rs.getString("ruleset_sha256"), rs.getInt("year"), rs.getString("stage"), rs.getString("basis"), Arrays.asList(prices),
                rs.getString("population_name"), rs.getString("population_text"), rs.getString("population_sha256"), pre, rs.getString("title"),
                rs.getInt("units"), rs.getLong("total_tonnes"), rs.getLong("free_tonnes"), rs.getLong("paid_tonnes"), emissions, Arrays.asList(unconfirmed),
                entities, rs.getString("created_by"), Sql.instant(rs, "created_at"));
    }

    @Override public Optional<RunRecord> run(long id) {
        return tx("read allocation run", c -> Sql.one(c, "SELECT " + RUN_COLUMNS + " FROM allocation_run WHERE id = ?", rs -> run(c, rs), id));
    }

    @Override public List<RunRecord> runs(List<String> jurisdictions, List<Long> accountIds, int limit) {
        return tx("list allocation runs", c -> {
            StringBuilder sql = new StringBuilder("SELECT " + RUN_COLUMNS + " FROM allocation_run r WHERE true");
            List<Object> args = new ArrayList<>();
            if (jurisdictions != null) { sql.append(" AND jurisdiction = ANY (?)"); args.add(texts(c, jurisdictions)); }
            if (accountIds != null) {
                sql.append(" AND EXISTS (SELECT 1 FROM allocation_run_entity e WHERE e.run_id = r.id AND e.account_id = ANY (?))");
                args.add(longs(c, accountIds));
            }
            sql.append(" ORDER BY id DESC LIMIT ?");
            args.add(limit);
            return Sql.list(c, sql.toString(), rs -> run(c, rs), args.toArray());
        });
    }

    @Override public long saveComparison(long runA, long runB, String title, String by, Instant at) {
        return tx("save comparison", c -> Sql.longValue(c, "INSERT INTO allocation_comparison (run_a, run_b, title, created_by, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
                runA, runB, title, by, Timestamp.from(at)));
    }

    private static ComparisonRecord comparison(ResultSet rs) throws SQLException {
        return new ComparisonRecord(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5), Sql.instant(rs, "created_at"));
    }

    @Override public Optional<ComparisonRecord> comparison(long id) {
        return tx("read comparison", c -> Sql.one(c, "SELECT id, run_a, run_b, title, created_by, created_at FROM allocation_comparison WHERE id = ?",
                PgAllocationStore::comparison, id));
    }

    @Override public List<ComparisonRecord> comparisons(List<String> jurisdictions, int limit) {
        return tx("list comparisons", c -> jurisdictions == null
                ? Sql.list(c, "SELECT id, run_a, run_b, title, created_by, created_at FROM allocation_comparison ORDER BY id DESC LIMIT ?", PgAllocationStore::comparison, limit)
                : Sql.list(c, """
                        SELECT k.id, k.run_a, k.run_b, k.title, k.created_by, k.created_at FROM allocation_comparison k
                        JOIN allocation_run a ON a.id = k.run_a WHERE a.jurisdiction = ANY (?) ORDER BY k.id DESC LIMIT ?""",
                        PgAllocationStore::comparison, texts(c, jurisdictions), limit));
    }

    @Override public long addDeduction(String entityId, String jurisdiction, int year, long quantity, String reason, String sourceRef, String by, Instant at) {
        return tx("add deduction", c -> Sql.longValue(c, """
                INSERT INTO allocation_deduction (entity_id, jurisdiction, year, quantity, reason, source_ref, entered_by, entered_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""", entityId, jurisdiction, year, quantity, reason, sourceRef, by, Timestamp.from(at)));
    }

    private static DeductionView deduction(ResultSet rs) throws SQLException {
        return new DeductionView(rs.getLong("id"), rs.getString("entity_id"), rs.getString("jurisdiction"), rs.getInt("year"), rs.getLong("quantity"),
                rs.getString("reason"), rs.getString("source_ref"), rs.getString("entered_by"), Sql.instant(rs, "entered_at"),
                rs.getObject("applied_run") == null ? null : rs.getLong("applied_run"), rs.getObject("deducted") == null ? null : rs.getLong("deducted"),
                rs.getObject("carried_to") == null ? null : rs.getLong("carried_to"));
    }

    @Override public List<DeductionView> deductions(String jurisdiction, Integer year, boolean pendingOnly) {
        return tx("list deductions", c -> Sql.list(c, "SELECT * FROM allocation_deduction WHERE (?::text IS NULL OR jurisdiction = ?) AND (?::int IS NULL OR year = ?)"
                + (pendingOnly ? " AND applied_run IS NULL" : "") + " ORDER BY id", PgAllocationStore::deduction, jurisdiction, jurisdiction, year, year));
    }

    @Override public Reservation reserveIssuance(IssuanceRecord i, String jurisdiction, int year, String stage, List<AppliedDeduction> applied) {
        return tx("reserve issuance", c -> {
            // one issuance at a time per jurisdiction and year
            Sql.one(c, "SELECT pg_advisory_xact_lock(hashtext('allocation-issuance'), hashtext(? || '/' || ?))", rs -> 0, jurisdiction, String.valueOf(year));
            if (Sql.one(c, "SELECT 1 FROM allocation_issuance WHERE run_id = ?", rs -> 1, i.runId()).isPresent())
                return new Reservation(ReservationOutcome.ALREADY_ISSUED, null, null);
            List<Object[]> overlap = Sql.list(c, """
                    SELECT o.run_id, o.entity_id FROM allocation_run_entity o
                    JOIN allocation_issuance x ON x.run_id = o.run_id
                    JOIN allocation_run r ON r.id = o.run_id
                    JOIN allocation_run_entity mine ON mine.run_id = ?
                         AND (mine.entity_id = o.entity_id OR (mine.account_id IS NOT NULL AND mine.account_id = o.account_id))
                    WHERE r.jurisdiction = ? AND r.year = ? AND r.stage = ? AND r.kind = 'ALLOCATION' AND o.run_id <> ?
                    ORDER BY o.run_id, o.entity_id""", rs -> new Object[]{rs.getLong(1), rs.getString(2)}, i.runId(), jurisdiction, year, stage, i.runId());
            if (!overlap.isEmpty()) {
                long other = (Long) overlap.get(0)[0];
                return new Reservation(ReservationOutcome.ENTITY_ALREADY_ALLOCATED, other,
                        overlap.stream().filter(o -> (Long) o[0] == other).map(o -> (String) o[1]).toList());
            }
            for (AppliedDeduction a : applied)
                if (Sql.one(c, "SELECT 1 FROM allocation_deduction WHERE id = ? AND applied_run IS NULL FOR UPDATE", rs -> 1, a.deductionId()).isEmpty())
                    return new Reservation(ReservationOutcome.DEDUCTIONS_CHANGED, null, null);
            Sql.update(c, """
                    INSERT INTO allocation_issuance (run_id, batch_id, lines, acknowledged_unconfirmed, proposed_by, proposed_at)
                    VALUES (?, ?, ?, ?, ?, ?)""", i.runId(), i.batchId(), i.lines(), texts(c, i.acknowledged()), i.by(), Timestamp.from(i.at()));
            for (AppliedDeduction a : applied) {
                DeductionView d = Sql.one(c, "SELECT * FROM allocation_deduction WHERE id = ?", PgAllocationStore::deduction, a.deductionId()).orElseThrow();
                Long carried = null;
                if (a.carried() > 0)
                    carried = Sql.longValue(c, """
                            INSERT INTO allocation_deduction (entity_id, jurisdiction, year, quantity, reason, source_ref, entered_by, entered_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""", d.entityId(), d.jurisdiction(), a.nextYear(), a.carried(),
                            "carried forward from " + d.year() + ": " + d.reason(), d.sourceRef() + " (deduction " + d.id() + ")", i.by(), Timestamp.from(i.at()));
                Sql.update(c, "UPDATE allocation_deduction SET applied_run = ?, deducted = ?, carried_to = ? WHERE id = ?", i.runId(), a.deducted(), carried, a.deductionId());
            }
            return new Reservation(ReservationOutcome.RESERVED, null, null);
        });
    }

    @Override public void releaseIssuance(long runId) {
        tx("release issuance", c -> {
            List<Long> carried = Sql.list(c, "SELECT carried_to FROM allocation_deduction WHERE applied_run = ? AND carried_to IS NOT NULL", rs -> rs.getLong(1), runId);
            Sql.update(c, "UPDATE allocation_deduction SET applied_run = NULL, deducted = NULL, carried_to = NULL WHERE applied_run = ?", runId);
            for (long id : carried) Sql.update(c, "DELETE FROM allocation_deduction WHERE id = ? AND applied_run IS NULL", id);
            Sql.update(c, "DELETE FROM allocation_issuance WHERE run_id = ?", runId);
            return null;
        });
    }

    @Override public List<IssuedRun> issuedRuns(String jurisdiction, int year, String stage) {
        return tx("issued runs", c -> Sql.list(c, """
                SELECT x.run_id, x.batch_id, coalesce(array_agg(e.entity_id ORDER BY e.entity_id) FILTER (WHERE e.entity_id IS NOT NULL), '{}'),
                       coalesce(array_agg(e.account_id ORDER BY e.entity_id) FILTER (WHERE e.account_id IS NOT NULL), '{}')
                FROM allocation_issuance x JOIN allocation_run r ON r.id = x.run_id LEFT JOIN allocation_run_entity e ON e.run_id = x.run_id
                WHERE r.jurisdiction = ? AND r.year = ? AND r.stage = ? AND r.kind = 'ALLOCATION'
                GROUP BY x.run_id, x.batch_id ORDER BY x.run_id""",
                rs -> new IssuedRun(rs.getLong(1), rs.getString(2), Arrays.asList((String[]) rs.getArray(3).getArray()),
                        Arrays.asList((Long[]) rs.getArray(4).getArray())), jurisdiction, year, stage));
    }

    @Override public Optional<IssuanceRecord> issuance(long runId) {
        return tx("read issuance", c -> Sql.one(c, "SELECT run_id, batch_id, lines, acknowledged_unconfirmed, proposed_by, proposed_at FROM allocation_issuance WHERE run_id = ?",
                rs -> new IssuanceRecord(rs.getLong(1), rs.getString(2), rs.getInt(3), Arrays.asList((String[]) rs.getArray(4).getArray()), rs.getString(5),
                        Sql.instant(rs, "proposed_at")), runId));
    }
}
