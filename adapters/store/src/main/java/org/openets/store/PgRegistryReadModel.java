package org.openets.store;

import org.openets.kernel.ActorId;
import org.openets.kernel.Jurisdiction;
import org.openets.kernel.UnitKind;
import org.openets.kernel.UnitType;
import org.openets.workflows.registry.RegistryViews;
import org.openets.kernel.SerialRange;
import org.openets.registry.Account;
import org.openets.registry.Role;
import org.openets.registry.SeriesKey;
import org.openets.registry.Transaction;
import org.openets.registry.UnitSeries;
import org.openets.workflows.registry.RegistryViews.BlockView;
import org.openets.workflows.registry.RegistryViews.HoldingView;
import org.openets.workflows.registry.RegistryViews.ReportRow;
import org.openets.workflows.registry.RegistryViews.SeriesView;
import org.openets.workflows.registry.RegistryViews.TraceStep;
import org.openets.workflows.registry.spi.RegistryReadModel;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/** The registry's read side: plain SQL over the system of record. */
public final class PgRegistryReadModel implements RegistryReadModel {
    private final DataSource ds;

    public PgRegistryReadModel(DataSource ds) { this.ds = ds; }

    private <T> T read(Function<Connection, T> q) {
        try (Connection c = ds.getConnection()) {
            c.setReadOnly(true);
            return q.apply(c);
        } catch (SQLException e) {
            throw new Sql.Failure("registry read", e);
        }
    }

    @Override public List<RegistryViews.UnitTypeView> unitTypes() {
        return read(c -> Sql.list(c, "SELECT code, kind, issuer, name_zh, name_en FROM unit_type ORDER BY issuer <> 'CN', issuer, kind, code",
                rs -> new RegistryViews.UnitTypeView(new UnitType(rs.getString(1), UnitKind.valueOf(rs.getString(2)), Jurisdiction.of(rs.getString(3))),
                        rs.getString(4), rs.getString(5))));
    }

    @Override public List<Account> accounts() {
        return read(c -> Sql.list(c, "SELECT " + PgLedgerSession.ACCOUNT_COLUMNS + " FROM account ORDER BY jurisdiction, "
                + "CASE WHEN split_part(number, '-', 2) ~ '^[0-9]{1,9}$' THEN split_part(number, '-', 2)::int END, id", PgLedgerSession::account));
    }

    @Override public List<Account> accounts(String jurisdiction, org.openets.registry.AccountType type) {
        return read(c -> Sql.list(c, "SELECT " + PgLedgerSession.ACCOUNT_COLUMNS + " FROM account WHERE jurisdiction = ? AND type = ? ORDER BY id",
                PgLedgerSession::account, jurisdiction, type.name()));
    }

    @Override public Optional<Account> account(long id) {
        return read(c -> Sql.one(c, "SELECT " + PgLedgerSession.ACCOUNT_COLUMNS + " FROM account WHERE id = ?", PgLedgerSession::account, id));
    }

    @Override public List<Account> accounts(java.util.Collection<Long> ids) {
        if (ids.isEmpty()) return List.of();
        return read(c -> Sql.list(c, "SELECT " + PgLedgerSession.ACCOUNT_COLUMNS + " FROM account WHERE id = ANY (?) ORDER BY id", PgLedgerSession::account,
                (Object) ids.stream().distinct().mapToLong(Long::longValue).toArray()));
    }

    @Override public Map<String, List<String>> jurisdictionNames() {
        Map<String, List<String>> names = new java.util.LinkedHashMap<>();
        read(c -> Sql.list(c, "SELECT code, name_zh, name_en FROM jurisdiction ORDER BY code", rs -> names.put(rs.getString(1), List.of(rs.getString(2), rs.getString(3)))));
        return names;
    }

    @Override public Optional<org.openets.kernel.EntityCodeScheme> entityCodeScheme(String jurisdiction) {
        return read(c -> Sql.one(c, "SELECT entity_code_scheme FROM jurisdiction WHERE code = ? AND entity_code_scheme IS NOT NULL", rs -> rs.getString(1), jurisdiction))
                .flatMap(org.openets.kernel.EntityCodeScheme::of);
    }

    @Override public Optional<org.openets.kernel.PersonIdScheme> personIdScheme(String jurisdiction) {
        return read(c -> Sql.one(c, "SELECT person_id_scheme FROM jurisdiction WHERE code = ? AND person_id_scheme IS NOT NULL", rs -> rs.getString(1), jurisdiction))
                .flatMap(org.openets.kernel.PersonIdScheme::of);
    }

    @Override public Optional<java.time.ZoneId> zone(String jurisdiction) {
        return read(c -> Sql.one(c, "SELECT zone FROM jurisdiction WHERE code = ?", rs -> java.time.ZoneId.of(rs.getString(1)), jurisdiction));
    }

    @Override public Optional<Account> accountByNumber(String number) {
        return read(c -> Sql.one(c, "SELECT " + PgLedgerSession.ACCOUNT_COLUMNS + " FROM account WHERE number = ?", PgLedgerSession::account, number));
    }

    @Override public Map<Long, Set<Role>> representedAccounts(ActorId actor) {
        Map<Long, Set<Role>> out = new TreeMap<>();
        read(c -> Sql.list(c, "SELECT account_id, role FROM representative WHERE actor = ?", rs -> new Object[]{rs.getLong(1), rs.getString(2)}, actor.value()))
                .forEach(r -> out.computeIfAbsent((Long) r[0], k -> EnumSet.noneOf(Role.class)).add(Role.valueOf((String) r[1])));
        return out;
    }

    @Override public Set<String> administeredJurisdictions(ActorId actor) {
        return new HashSet<>(read(c -> Sql.list(c, "SELECT jurisdiction FROM registry_administrator WHERE actor = ?", rs -> rs.getString(1), actor.value())));
    }

    private static final String SERIES_FROM = " FROM unit_series s JOIN unit_type u ON u.code = s.unit_type ";

    /** The series with these ids (not every series: an offset registry has one per project and vintage). */
    private Map<Long, UnitSeries> seriesOf(Connection c, java.util.Collection<Long> ids) {
        Map<Long, UnitSeries> m = new HashMap<>();
        if (ids.isEmpty()) return m;
        long[] wanted = ids.stream().distinct().mapToLong(Long::longValue).toArray();
        for (UnitSeries s : Sql.list(c, "SELECT " + PgLedgerSession.SERIES_COLUMNS + SERIES_FROM + "WHERE s.id = ANY (?)", PgLedgerSession::series, wanted)) m.put(s.id(), s);
        return m;
    }

    @Override public List<HoldingView> holdings(long accountId) {
        return read(c -> {
            record Row(long series, long quantity, long frozen) {}
            List<Row> rows = Sql.list(c, "SELECT series_id, quantity, frozen FROM holding WHERE account_id = ? AND quantity > 0 ORDER BY series_id",
                    rs -> new Row(rs.getLong(1), rs.getLong(2), rs.getLong(3)), accountId);
            Map<Long, UnitSeries> series = seriesOf(c, rows.stream().map(Row::series).toList());
            return rows.stream().map(r -> {
                SeriesKey k = series.get(r.series()).key();
                return new HoldingView(accountId, r.series(), k.code(), k.unitType().code(), k.vintage().year(), k.projectId(), r.quantity(), r.frozen());
            }).toList();
        });
    }

    @Override public List<org.openets.workflows.registry.RegistryViews.PledgedToView> pledgedTo(long pledgeeId) {
        if (pledgeeId == 0) return List.of(); // 0 marks free units
        return read(c -> {
            record Row(long account, String number, long series, long quantity) {}
            List<Row> rows = Sql.list(c, "SELECT b.account_id, a.number, b.series_id, sum(b.last_serial - b.first_serial + 1) FROM unit_block b "
                            + "JOIN account a ON a.id = b.account_id WHERE b.pledgee = ? GROUP BY b.account_id, a.number, b.series_id ORDER BY a.number, b.series_id",
                    rs -> new Row(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4)), pledgeeId);
            Map<Long, UnitSeries> series = seriesOf(c, rows.stream().map(Row::series).distinct().toList());
            return rows.stream().map(r -> new org.openets.workflows.registry.RegistryViews.PledgedToView(r.account(), r.number(), r.series(),
                    series.get(r.series()).key().code(), r.quantity())).toList();
        });
    }

    @Override public Map<Long, List<HoldingView>> holdings(java.util.Collection<Long> accountIds) {
        if (accountIds.isEmpty()) return Map.of();
        return read(c -> {
            record Row(long account, long series, long quantity, long frozen) {}
            List<Row> rows = Sql.list(c, "SELECT account_id, series_id, quantity, frozen FROM holding WHERE account_id = ANY (?) AND quantity > 0 "
                            + "ORDER BY account_id, series_id",
                    rs -> new Row(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)),
                    (Object) accountIds.stream().distinct().mapToLong(Long::longValue).toArray());
            Map<Long, UnitSeries> series = seriesOf(c, rows.stream().map(Row::series).toList());
            Map<Long, List<HoldingView>> out = new java.util.LinkedHashMap<>();
            for (Row r : rows) {
                SeriesKey k = series.get(r.series()).key();
                out.computeIfAbsent(r.account(), x -> new java.util.ArrayList<>())
                        .add(new HoldingView(r.account(), r.series(), k.code(), k.unitType().code(), k.vintage().year(), k.projectId(), r.quantity(), r.frozen()));
            }
            out.replaceAll((a, l) -> List.copyOf(l));
            return out;
        });
    }

    @Override public List<RegistryViews.CapView> caps() {
        return read(c -> Sql.list(c, "SELECT l.unit_type, l.vintage, l.quantity, " + PgLedgerSession.issuedOf("l.unit_type", "l.vintage") + ", "
                + PgLedgerSession.pendingIssuanceOf("l.unit_type", "l.vintage") + ", l.source FROM issuance_limit l ORDER BY l.unit_type, l.vintage",
                rs -> new RegistryViews.CapView(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getString(6))));
    }

    @Override public List<RegistryViews.CapChangeView> capChanges(String unitType, Integer vintage, int limit) {
        return read(c -> Sql.list(c, "SELECT unit_type, vintage, previous, quantity, source, set_by, set_at, route, proposed_by, proposal_id FROM issuance_limit_change "
                        + "WHERE (?::text IS NULL OR (unit_type = ? AND vintage = ?)) ORDER BY id DESC LIMIT ?",
                rs -> new RegistryViews.CapChangeView(rs.getString(1), rs.getInt(2), rs.getObject(3) == null ? null : rs.getLong(3), rs.getLong(4),
                        rs.getString(5), rs.getString(6), Sql.instant(rs, "set_at"), rs.getString(8), rs.getString(9),
                        rs.getObject(10) == null ? null : rs.getLong(10)), unitType, unitType, vintage, limit));
    }

    @Override public List<RegistryViews.CapProposalView> capProposals(String status, int limit) {
        return read(c -> Sql.list(c, "SELECT " + PgRegistryAdministration.PROPOSAL_COLUMNS + " FROM issuance_limit_proposal WHERE (?::text IS NULL OR status = ?) "
                + "ORDER BY id DESC LIMIT ?", PgRegistryAdministration::proposal, status, status, limit));
    }

    @Override public Optional<RegistryViews.CapProposalView> capProposal(long id) {
        return read(c -> Sql.one(c, "SELECT " + PgRegistryAdministration.PROPOSAL_COLUMNS + " FROM issuance_limit_proposal WHERE id = ?",
                PgRegistryAdministration::proposal, id));
    }

    @Override public Optional<org.openets.registry.Controls> controls(String jurisdiction, org.openets.registry.AccountType type) {
        return read(c -> Sql.one(c, "SELECT four_eyes, approval_expiry_hours, trusted_delay_hours, untrusted_policy, untrusted_delay_hours, trusted_activation_hours, "
                + "administrators_approve_holders FROM control_setting WHERE jurisdiction = ? AND account_type = ?",
                rs -> new org.openets.registry.Controls(rs.getBoolean(1), rs.getInt(2), rs.getInt(3),
                        org.openets.registry.Controls.UntrustedPolicy.valueOf(rs.getString(4)), rs.getInt(5), rs.getInt(6), rs.getBoolean(7)), jurisdiction, type.name()));
    }

    @Override public List<RegistryViews.TrustedView> trustedAccounts(long accountId) {
        return read(c -> Sql.list(c, "SELECT t.account_id, t.trusted_account_id, a.number, a.holder, t.activates_at, t.added_by FROM trusted_account t "
                + "JOIN account a ON a.id = t.trusted_account_id WHERE t.account_id = ? ORDER BY t.activates_at, a.number",
                rs -> new RegistryViews.TrustedView(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), Sql.instant(rs, "activates_at"),
                        rs.getString(6)), accountId));
    }

    private static final String PENDING_TRUSTED = "SELECT p.account_id, o.number, p.trusted_account_id, a.number, a.holder, p.proposed_by, p.proposed_at, p.expires_at "
            + "FROM trusted_account_addition p JOIN account o ON o.id = p.account_id JOIN account a ON a.id = p.trusted_account_id "
            + "WHERE p.status = 'PENDING' AND p.expires_at > now() ";

    private static RegistryViews.PendingTrustedView pendingTrusted(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new RegistryViews.PendingTrustedView(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5), rs.getString(6),
                Sql.instant(rs, "proposed_at"), Sql.instant(rs, "expires_at"));
    }

    @Override public List<RegistryViews.PendingTrustedView> pendingTrusted(long accountId) {
        return read(c -> Sql.list(c, PENDING_TRUSTED + "AND p.account_id = ? ORDER BY p.proposed_at, p.id", PgRegistryReadModel::pendingTrusted, accountId));
    }

    @Override public List<RegistryViews.PendingTrustedView> pendingTrustedFor(String actor) {
        return read(c -> Sql.list(c, PENDING_TRUSTED + "AND (p.proposed_by = ? "
                + "OR EXISTS (SELECT 1 FROM representative r WHERE r.account_id = p.account_id AND r.actor = ? AND r.role = 'APPROVER') "
                + "OR EXISTS (SELECT 1 FROM registry_administrator x JOIN control_setting cs ON cs.jurisdiction = x.jurisdiction "
                + "AND cs.account_type = o.type AND cs.administrators_approve_holders WHERE x.actor = ? AND x.jurisdiction = o.jurisdiction)) "
                + "ORDER BY p.proposed_at, p.id", PgRegistryReadModel::pendingTrusted, actor, actor, actor));
    }

    @Override public List<RegistryViews.TrustedRemovalView> trustedRemovals(long accountId) {
        return read(c -> Sql.list(c, "SELECT r.account_id, r.trusted_account_id, a.number, a.holder, r.activates_at, r.added_by, r.removed_at, r.removed_by "
                + "FROM trusted_account_removal r JOIN account a ON a.id = r.trusted_account_id WHERE r.account_id = ? ORDER BY r.id DESC",
                rs -> new RegistryViews.TrustedRemovalView(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), Sql.instant(rs, "activates_at"),
                        rs.getString(6), Sql.instant(rs, "removed_at"), rs.getString(8)), accountId));
    }

    @Override public Map<String, String> displayNames(java.util.Collection<String> logins) {
        if (logins.isEmpty()) return Map.of();
        List<Map.Entry<String, String>> rows = read(c -> Sql.list(c, "SELECT login, display_name FROM platform_user WHERE login = ANY (?) AND display_name IS NOT NULL",
                rs -> Map.entry(rs.getString(1), rs.getString(2)), (Object) logins.stream().distinct().toArray(String[]::new)));
        return rows.stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Override public List<RegistryViews.RepresentativeView> representatives(long accountId) {
        return read(c -> Sql.list(c, "SELECT r.account_id, r.actor, coalesce(u.display_name, r.actor), r.role, coalesce(u.enabled, false) FROM representative r "
                + "LEFT JOIN platform_user u ON u.login = r.actor WHERE r.account_id = ? ORDER BY r.actor, r.role",
                rs -> new RegistryViews.RepresentativeView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5)), accountId));
    }

    @Override public List<RegistryViews.RepresentativeChangeView> representativeChanges(long accountId) {
        return read(c -> Sql.list(c, "SELECT account_id, actor, role, change, changed_by, changed_at FROM representative_change WHERE account_id = ? ORDER BY id DESC",
                rs -> new RegistryViews.RepresentativeChangeView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        Sql.instant(rs, "changed_at")), accountId));
    }

    @Override public List<RegistryViews.StatusChangeView> statusHistory(long accountId) {
        return read(c -> Sql.list(c, "SELECT account_id, status, reason, actor, changed_at FROM account_status_change WHERE account_id = ? ORDER BY id DESC",
                rs -> new RegistryViews.StatusChangeView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), Sql.instant(rs, "changed_at")), accountId));
    }

    @Override public long blockCount(long accountId) {
        return read(c -> Sql.one(c, "SELECT count(*) FROM unit_block WHERE account_id = ?", rs -> rs.getLong(1), accountId).orElse(0L));
    }

    @Override public List<BlockView> blocks(long accountId, long afterSeries, long afterFirst, int limit) {
        return read(c -> {
            record Row(long series, SerialRange range, long pledgee) {}
            // keyset on (series_id, first_serial) within the account, read in that order from unit_block_by_holder (V48: account, series, first serial, pledgee)
            List<Row> rows = Sql.list(c, "SELECT series_id, first_serial, last_serial, pledgee FROM unit_block WHERE account_id = ? "
                            + "AND (series_id, first_serial) > (?, ?) ORDER BY series_id, first_serial LIMIT ?",
                    rs -> new Row(rs.getLong(1), new SerialRange(rs.getLong(2), rs.getLong(3)), rs.getLong(4)), accountId, afterSeries, afterFirst, limit);
            Map<Long, UnitSeries> series = seriesOf(c, rows.stream().map(Row::series).toList());
            return rows.stream().map(b -> {
                SeriesKey k = series.get(b.series()).key();
                return new BlockView(b.series(), k.code(), k.serial(b.range().first()), k.serial(b.range().last()), b.range(), b.range().size(), b.pledgee());
            }).toList();
        });
    }

    @Override public List<Transaction> transactionsOf(long accountId, long beforeId, String type, String status, int limit) {
        // each side by its own index ((from_account, id), (to_account, id)), newest first and cut at the limit, then merged:
        // an account with a long history is not read whole to show one page (UNION: a pledge names the account twice)
        String side = "(SELECT " + PgLedgerSession.TX_COLUMNS + " FROM registry_transaction WHERE %s = ? AND id < ? "
                + "AND (?::text IS NULL OR type = ?) AND (?::text IS NULL OR status = ?) ORDER BY id DESC LIMIT ?)";
        return read(c -> Sql.list(c, side.formatted("from_account") + " UNION " + side.formatted("to_account") + " ORDER BY 1 DESC LIMIT ?",
                PgLedgerSession::transaction, accountId, beforeId, type, type, status, status, limit, accountId, beforeId, type, type, status, status, limit, limit));
    }

    @Override public List<Transaction> batch(String batchId) {
        return read(c -> Sql.list(c, "SELECT " + PgLedgerSession.TX_COLUMNS + " FROM registry_transaction WHERE batch_id = ? ORDER BY id", PgLedgerSession::transaction, batchId));
    }

    @Override public List<Transaction> recentTransactions(int limit) {
        return read(c -> Sql.list(c, "SELECT " + PgLedgerSession.TX_COLUMNS + " FROM registry_transaction ORDER BY id DESC LIMIT ?", PgLedgerSession::transaction, limit));
    }

    @Override public boolean commandIdUsed(String commandId) {
        return read(c -> Sql.one(c, "SELECT 1 FROM registry_transaction WHERE command_id = ? OR (command_id = ? AND batch_id = ?)",
                rs -> true, commandId, commandId + ":1", commandId).isPresent());
    }

    @Override public Optional<Transaction> transaction(long id) {
        return read(c -> Sql.one(c, "SELECT " + PgLedgerSession.TX_COLUMNS + " FROM registry_transaction WHERE id = ?", PgLedgerSession::transaction, id));
    }

    private static final String GOVERNMENT_TYPES = "('TOTAL_QUANTITY', 'ALLOCATION', 'AUCTION', 'NEW_ENTRANT_RESERVE', 'SURRENDER', 'CANCELLATION', 'RETIREMENT')";

    @Override public List<Transaction> approvalInbox(ActorId actor) {
        // pending transactions on accounts the actor approves for, or of jurisdictions the actor administers: administrative
        // work and government accounts' transactions, and holders' own only where the controls let administrators approve them
        // (Checks.approves)
        return read(c -> Sql.list(c, "SELECT " + PgLedgerSession.TX_COLUMNS.replaceAll("(\\w+)", "t.$1") + " FROM registry_transaction t " +
                "JOIN account a ON a.id = CASE WHEN t.from_account <> 0 THEN t.from_account ELSE t.to_account END " +
                "WHERE t.status = 'AWAITING_APPROVAL' AND t.initiator <> ? AND (" +
                " (EXISTS (SELECT 1 FROM registry_administrator r WHERE r.actor = ? AND r.jurisdiction = a.jurisdiction)" +
                "  AND (t.type NOT IN ('TRANSFER', 'SURRENDER', 'RETIRE', 'CANCEL') OR a.type IN " + GOVERNMENT_TYPES +
                "       OR EXISTS (SELECT 1 FROM control_setting cs WHERE cs.jurisdiction = a.jurisdiction AND cs.account_type = a.type AND cs.administrators_approve_holders)))" +
                " OR (t.type IN ('TRANSFER', 'SURRENDER', 'RETIRE', 'CANCEL') AND a.type NOT IN " + GOVERNMENT_TYPES +
                "     AND EXISTS (SELECT 1 FROM representative p WHERE p.account_id = a.id AND p.actor = ? AND p.role = 'APPROVER'))) " +
                "ORDER BY t.id", PgLedgerSession::transaction, actor.value(), actor.value(), actor.value()));
    }

    @Override public List<Transaction> ownPending(ActorId actor) {
        // the partial index on pending transactions (status IN ('DELAYED', 'AWAITING_APPROVAL')) finds them
        return read(c -> Sql.list(c, "SELECT " + PgLedgerSession.TX_COLUMNS + " FROM registry_transaction WHERE status IN ('AWAITING_APPROVAL', 'DELAYED') "
                + "AND initiator = ? ORDER BY id", PgLedgerSession::transaction, actor.value()));
    }

    @Override public List<SeriesView> series() {
        return read(c -> Sql.list(c, "SELECT " + PgLedgerSession.SERIES_COLUMNS + ", s.next_serial" + SERIES_FROM + "ORDER BY s.unit_type, s.vintage, s.project_id", rs -> {
            UnitSeries s = PgLedgerSession.series(rs);
            return new SeriesView(s.id(), s.key().code(), s.key().prefix(), s.key().unitType().code(), s.key().vintage().year(), s.key().projectId(), rs.getLong("next_serial") - 1);
        }));
    }

    @Override public Optional<SeriesView> series(long id) {
        return read(c -> Sql.one(c, "SELECT " + PgLedgerSession.SERIES_COLUMNS + ", s.next_serial" + SERIES_FROM + "WHERE s.id = ?", rs -> {
            UnitSeries s = PgLedgerSession.series(rs);
            return new SeriesView(s.id(), s.key().code(), s.key().prefix(), s.key().unitType().code(), s.key().vintage().year(), s.key().projectId(), rs.getLong("next_serial") - 1);
        }, id));
    }

    @Override public Optional<Transaction> reversalOf(long transactionId) {
        return read(c -> Sql.one(c, "SELECT " + PgLedgerSession.TX_COLUMNS + " FROM registry_transaction WHERE reverses = ? AND status NOT IN ('REJECTED', 'CANCELLED') "
                + "ORDER BY id LIMIT 1", PgLedgerSession::transaction, transactionId));
    }

    @Override public Optional<String> declineReason(long transactionId) {
        return read(c -> Sql.one(c, "SELECT reason FROM transaction_decline WHERE transaction_id = ?", rs -> rs.getString(1), transactionId));
    }

    @Override public boolean seriesExists(String unitType, int vintage, String projectId) {
        return read(c -> Sql.one(c, "SELECT 1 FROM unit_series WHERE unit_type = ? AND vintage = ? AND project_id = ?", rs -> true,
                unitType, vintage, projectId == null ? "" : projectId).isPresent());
    }

    /**
     * The completed transactions whose span of serials holds one serial of a series (index registry_transaction_serials,
     * V28: the span keyed by its series); the caller keeps those whose ranges hold it. Parameters: series, serial, series.
     */
    static final String TRACE = "SELECT " + PgLedgerSession.TX_COLUMNS + " FROM registry_transaction "
            + "WHERE status = 'COMPLETED' AND serial_span(series_id, ranges) @> ((?::bigint % 8388608) * 1099511627776 + ?::bigint) AND series_id = ? "
            + "ORDER BY completed_at, id";

    @Override public List<TraceStep> trace(long seriesId, long serial) {
        return read(c -> {
            String holder = Sql.one(c, "SELECT a.number FROM unit_block b JOIN account a ON a.id = b.account_id " +
                    "WHERE b.series_id = ? AND b.first_serial = (SELECT max(x.first_serial) FROM unit_block x WHERE x.series_id = ? AND x.first_serial <= ?) " +
                    "AND b.last_serial >= ?", rs -> rs.getString(1), seriesId, seriesId, serial, serial).orElse(null);
            List<Transaction> moves = Sql.list(c, TRACE, PgLedgerSession::transaction, seriesId, serial, seriesId);
            return moves.stream().filter(t -> t.ranges().stream().anyMatch(r -> r.contains(serial)))
                    .map(t -> new TraceStep(t.id(), t.type().name(), t.from(), t.to(), t.completedAt(), holder)).toList();
        });
    }

    /** Reads in one read-only REPEATABLE READ transaction: every statement sees the same snapshot. */
    private <T> T snapshot(Function<Connection, T> q) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                return q.apply(c);
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new Sql.Failure("registry read", e);
        }
    }

    /**
     * Completed movements into (+) and out of (−) a jurisdiction's terminal accounts, and its issuances, by calendar year.
     * Each account's transactions are read through its own index ((to_account, id), (from_account, id)) in a LATERAL
     * subquery: the report reads the few accounts' movements, not the whole transaction table (a plain join let the
     * planner scan every transfer between holders, which grows with the registry's years).
     */
    static final String YEAR_TOTALS = """
            WITH moves AS (
                SELECT a.jurisdiction, a.type AS account_type, t.series_id, t.completed_at, t.quantity
                  FROM account a CROSS JOIN LATERAL (SELECT x.series_id, x.completed_at, x.quantity FROM registry_transaction x
                                                     WHERE x.to_account = a.id AND x.status = 'COMPLETED' OFFSET 0) t
                 WHERE a.type IN ('SURRENDER', 'RETIREMENT', 'CANCELLATION')
                UNION ALL
                SELECT a.jurisdiction, a.type, t.series_id, t.completed_at, -t.quantity
                  FROM account a CROSS JOIN LATERAL (SELECT x.series_id, x.completed_at, x.quantity FROM registry_transaction x
                                                     WHERE x.from_account = a.id AND x.status = 'COMPLETED' OFFSET 0) t
                 WHERE a.type IN ('SURRENDER', 'RETIREMENT', 'CANCELLATION')
                UNION ALL
                SELECT a.jurisdiction, 'ISSUANCE', t.series_id, t.completed_at, t.quantity
                  FROM account a CROSS JOIN LATERAL (SELECT x.series_id, x.completed_at, x.quantity FROM registry_transaction x
                                                     WHERE x.to_account = a.id AND x.type = 'ISSUE' AND x.status = 'COMPLETED' OFFSET 0) t
                 WHERE a.type = 'TOTAL_QUANTITY')
            SELECT * FROM (
            SELECT m.jurisdiction, s.unit_type, s.vintage, extract(year FROM m.completed_at AT TIME ZONE j.zone)::int AS year,
                   CASE m.account_type WHEN 'ISSUANCE' THEN 'ISSUED' WHEN 'SURRENDER' THEN 'SURRENDERED' WHEN 'RETIREMENT' THEN 'RETIRED'
                                       ELSE 'CANCELLED' END AS measure,
                   sum(m.quantity) AS quantity
              FROM moves m JOIN unit_series s ON s.id = m.series_id JOIN jurisdiction j ON j.code = m.jurisdiction
             GROUP BY 1, 2, 3, 4, 5
            HAVING sum(m.quantity) <> 0) r
             ORDER BY jurisdiction, unit_type, vintage, year,
                      CASE measure WHEN 'ISSUED' THEN 0 WHEN 'SURRENDERED' THEN 1 WHEN 'RETIRED' THEN 2 ELSE 3 END""";

    @Override public RegistryViews.PublicReport publicReport() {
        return snapshot(c -> {
            // the report's queries are quick by their indexes; the planner's estimates for them cross jit_above_cost, and
            // compiling them (50–150 ms) costs far more than running them (under 1 ms at 400,000 transactions)
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("SET LOCAL jit = off");
            } catch (SQLException e) {
                throw new Sql.Failure("registry read", e);
            }
            java.time.Instant asOf = Sql.one(c, "SELECT now()", rs -> rs.getTimestamp(1).toInstant()).orElseThrow();
            List<ReportRow> rows = new java.util.ArrayList<>(Sql.list(c,
                    "SELECT u.issuer, s.unit_type, s.vintage, sum(s.next_serial - 1) FROM unit_series s JOIN unit_type u ON u.code = s.unit_type " +
                            "GROUP BY u.issuer, s.unit_type, s.vintage ORDER BY 1, 2, 3",
                    rs -> new ReportRow("TOTALS", rs.getString(1), rs.getString(2), rs.getInt(3), "ISSUED", rs.getLong(4))));
            rows.addAll(Sql.list(c,
                    "SELECT a.jurisdiction, s.unit_type, s.vintage, a.type, sum(h.quantity) FROM holding h JOIN account a ON a.id = h.account_id " +
                            "JOIN unit_series s ON s.id = h.series_id WHERE h.quantity > 0 GROUP BY a.jurisdiction, s.unit_type, s.vintage, a.type ORDER BY 1, 2, 3, 4",
                    rs -> {
                        String type = rs.getString(4);
                        String section = switch (type) { case "SURRENDER", "RETIREMENT", "CANCELLATION" -> "TOTALS"; default -> "HOLDINGS"; };
                        String measure = switch (type) { case "SURRENDER" -> "SURRENDERED"; case "RETIREMENT" -> "RETIRED"; case "CANCELLATION" -> "CANCELLED"; default -> type; };
                        return new ReportRow(section, rs.getString(1), rs.getString(2), rs.getInt(3), measure, rs.getLong(5));
                    }));
            // the totals first (issued, surrendered, retired, cancelled), then the holdings; each by jurisdiction, unit type and vintage
            List<String> measures = List.of("ISSUED", "SURRENDERED", "RETIRED", "CANCELLED");
            rows.sort(java.util.Comparator.comparing((ReportRow r) -> !r.section().equals("TOTALS")).thenComparing(ReportRow::jurisdiction)
                    .thenComparing(ReportRow::unitType).thenComparingInt(ReportRow::vintage)
                    .thenComparingInt(r -> measures.indexOf(r.measure()) < 0 ? measures.size() : measures.indexOf(r.measure())).thenComparing(ReportRow::measure));
            List<RegistryViews.YearTotalRow> years = Sql.list(c, YEAR_TOTALS, rs -> new RegistryViews.YearTotalRow(rs.getString(1), rs.getString(2),
                    rs.getInt(3), rs.getInt(4), rs.getString(5), rs.getLong(6)));
            return new RegistryViews.PublicReport(asOf, rows, years);
        });
    }

    @Override public List<RegistryViews.PublicAccountRow> publicAccounts() {
        return read(c -> Sql.list(c, """
                SELECT a.jurisdiction, a.number, a.type,
                       CASE WHEN a.type = 'TRADING_HOLDING' AND a.holder_kind IS DISTINCT FROM 'ORGANISATION' THEN NULL ELSE a.holder END,
                       CASE WHEN a.holder_kind = 'ORGANISATION' THEN a.entity_code END, a.status, (a.opened_at AT TIME ZONE j.zone)::date
                  FROM account a JOIN jurisdiction j ON j.code = a.jurisdiction
                 ORDER BY a.jurisdiction, CASE WHEN split_part(a.number, '-', 2) ~ '^[0-9]{1,9}$' THEN split_part(a.number, '-', 2)::int END,
                          a.number""",
                rs -> new RegistryViews.PublicAccountRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getObject(7, java.time.LocalDate.class))));
    }
}
