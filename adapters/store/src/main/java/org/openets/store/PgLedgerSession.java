package org.openets.store;

import org.openets.kernel.ActorId;
import org.openets.kernel.BusinessCalendar;
import org.openets.kernel.CommandId;
import org.openets.kernel.Jurisdiction;
import org.openets.kernel.SerialRange;
import org.openets.kernel.UnitKind;
import org.openets.kernel.UnitType;
import org.openets.kernel.Vintage;
import org.openets.registry.Account;
import org.openets.registry.AccountStatus;
import org.openets.registry.AccountType;
import org.openets.registry.Controls;
import org.openets.registry.Holding;
import org.openets.registry.JournalEntry;
import org.openets.registry.OffsetAttributes;
import org.openets.registry.Rejection;
import org.openets.registry.Role;
import org.openets.registry.SeriesKey;
import org.openets.registry.Transaction;
import org.openets.registry.TransactionStatus;
import org.openets.registry.TransactionType;
import org.openets.registry.TrustedAccount;
import org.openets.registry.UnitBlock;
import org.openets.registry.UnitSeries;
import org.openets.registry.spi.LedgerSession;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The registry's state in PostgreSQL, for one database transaction. Reference data read in this transaction
 * is cached for its length; every write is a statement on the same connection, so later reads see it. The
 * caller holds the ledger's advisory lock, which makes it the only writer of the journal's chain.
 */
public final class PgLedgerSession implements LedgerSession {
    private final Connection c;
    private final Map<Long, Optional<Account>> accounts = new HashMap<>();
    private final Map<String, Optional<UnitType>> unitTypes = new HashMap<>();
    private final Map<String, Controls> controls = new HashMap<>();
    private final Map<String, Boolean> holdable = new HashMap<>();
    private final Map<String, BusinessCalendar> calendars = new HashMap<>();
    private final Map<Long, UnitSeries> seriesById = new HashMap<>();
    private long journalSeq = -1;
    private String journalHash;

    public PgLedgerSession(Connection connection) { this.c = connection; }

    public Connection connection() { return c; }

    static Account account(ResultSet rs) throws SQLException {
        return new Account(rs.getLong("id"), rs.getString("number"), Jurisdiction.of(rs.getString("jurisdiction")),
                AccountType.valueOf(rs.getString("type")), rs.getString("holder"), rs.getString("entity_code"),
                AccountStatus.valueOf(rs.getString("status")));
    }

    static final String ACCOUNT_COLUMNS = "id, number, jurisdiction, type, holder, entity_code, status";

    @Override public Optional<Account> account(long id) {
        return accounts.computeIfAbsent(id, k -> Sql.one(c, "SELECT " + ACCOUNT_COLUMNS + " FROM account WHERE id = ?", PgLedgerSession::account, id));
    }

    @Override public Optional<Account> governmentAccount(Jurisdiction j, AccountType type) {
        Optional<Account> a = Sql.list(c, "SELECT " + ACCOUNT_COLUMNS + " FROM account WHERE jurisdiction = ? AND type = ? ORDER BY id LIMIT 1",
                PgLedgerSession::account, j.code(), type.name()).stream().findFirst();
        a.ifPresent(x -> accounts.put(x.id(), a));
        return a;
    }

    @Override public Set<Role> roles(long accountId, ActorId actor) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        roles.addAll(Sql.list(c, "SELECT role FROM representative WHERE account_id = ? AND actor = ?", rs -> Role.valueOf(rs.getString(1)), accountId, actor.value()));
        return roles;
    }

    @Override public boolean isAdministrator(ActorId actor, Jurisdiction j) {
        return Sql.one(c, "SELECT 1 FROM registry_administrator WHERE actor = ? AND jurisdiction = ?", rs -> 1, actor.value(), j.code()).isPresent();
    }

    @Override public Optional<TrustedAccount> trusted(long accountId, long trustedAccountId) {
        return Sql.one(c, "SELECT activates_at FROM trusted_account WHERE account_id = ? AND trusted_account_id = ?",
                rs -> new TrustedAccount(accountId, trustedAccountId, Sql.instant(rs, "activates_at")), accountId, trustedAccountId);
    }

    @Override public Controls controls(Jurisdiction j, AccountType t) {
        return controls.computeIfAbsent(j + "/" + t, k -> Sql.one(c,
                "SELECT four_eyes, approval_expiry_hours, trusted_delay_hours, untrusted_policy, untrusted_delay_hours, trusted_activation_hours " +
                        "FROM control_setting WHERE jurisdiction = ? AND account_type = ?",
                rs -> new Controls(rs.getBoolean(1), rs.getInt(2), rs.getInt(3), Controls.UntrustedPolicy.valueOf(rs.getString(4)), rs.getInt(5), rs.getInt(6)),
                j.code(), t.name()).orElseThrow(() -> new IllegalStateException("no controls configured for " + j + " " + t)));
    }

    @Override public boolean mayHold(Jurisdiction j, AccountType t, String unitType) {
        return holdable.computeIfAbsent(j + "/" + t + "/" + unitType, k -> Sql.one(c,
                "SELECT 1 FROM holding_rule WHERE jurisdiction = ? AND account_type = ? AND unit_type = ?", rs -> 1, j.code(), t.name(), unitType).isPresent());
    }

    @Override public Optional<UnitType> unitType(String code) {
        return unitTypes.computeIfAbsent(code, k -> Sql.one(c, "SELECT code, kind, issuer FROM unit_type WHERE code = ?",
                rs -> new UnitType(rs.getString(1), UnitKind.valueOf(rs.getString(2)), Jurisdiction.of(rs.getString(3))), code));
    }

    @Override public BusinessCalendar calendar(Jurisdiction j) {
        return calendars.computeIfAbsent(j.code(), k -> {
            Set<LocalDate> holidays = new HashSet<>(), makeUp = new HashSet<>();
            for (Object[] row : Sql.list(c, "SELECT day, kind FROM calendar_day WHERE jurisdiction = ?",
                    rs -> new Object[]{rs.getObject(1, LocalDate.class), rs.getString(2)}, j.code()))
                ("HOLIDAY".equals(row[1]) ? holidays : makeUp).add((LocalDate) row[0]);
            return Sql.one(c, "SELECT zone, opens, closes FROM jurisdiction WHERE code = ?",
                    rs -> new BusinessCalendar(ZoneId.of(rs.getString(1)), rs.getObject(2, LocalTime.class), rs.getObject(3, LocalTime.class), holidays, makeUp),
                    j.code()).orElseThrow(() -> new IllegalStateException("unknown jurisdiction " + j));
        });
    }

    @Override public OptionalLong issuanceLimit(String unitType, Vintage v) {
        return Sql.one(c, "SELECT quantity FROM issuance_limit WHERE unit_type = ? AND vintage = ?", rs -> rs.getLong(1), unitType, v.year())
                .map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    static final String SERIES_COLUMNS = "s.id, s.unit_type, s.vintage, s.project_id, s.project_type, s.origin_region, s.reduction_from, s.reduction_to, s.inside_boundary, u.kind, u.issuer";

    static UnitSeries series(ResultSet rs) throws SQLException {
        UnitType ut = new UnitType(rs.getString("unit_type"), UnitKind.valueOf(rs.getString("kind")), Jurisdiction.of(rs.getString("issuer")));
        String project = rs.getString("project_id");
        SeriesKey key = new SeriesKey(ut, Vintage.of(rs.getInt("vintage")), project.isEmpty() ? null : project);
        OffsetAttributes offset = ut.isOffset() ? new OffsetAttributes(project, rs.getString("project_type"), rs.getString("origin_region"),
                rs.getObject("reduction_from", LocalDate.class), rs.getObject("reduction_to", LocalDate.class), rs.getBoolean("inside_boundary")) : null;
        return new UnitSeries(rs.getLong("id"), key, offset);
    }

    @Override public Optional<UnitSeries> series(SeriesKey key) {
        Optional<UnitSeries> s = Sql.one(c, "SELECT " + SERIES_COLUMNS + " FROM unit_series s JOIN unit_type u ON u.code = s.unit_type " +
                "WHERE s.unit_type = ? AND s.vintage = ? AND s.project_id = ?", PgLedgerSession::series,
                key.unitType().code(), key.vintage().year(), key.projectId() == null ? "" : key.projectId());
        return s.filter(x -> x.key().equals(key));
    }

    @Override public Optional<UnitSeries> series(long id) {
        UnitSeries cached = seriesById.get(id);
        if (cached != null) return Optional.of(cached);
        Optional<UnitSeries> s = Sql.one(c, "SELECT " + SERIES_COLUMNS + " FROM unit_series s JOIN unit_type u ON u.code = s.unit_type WHERE s.id = ?",
                PgLedgerSession::series, id);
        s.ifPresent(x -> seriesById.put(id, x));
        return s;
    }

    @Override public UnitSeries createSeries(SeriesKey key, OffsetAttributes o) {
        long id = Sql.longValue(c, "INSERT INTO unit_series (unit_type, vintage, project_id, project_type, origin_region, reduction_from, reduction_to, inside_boundary) " +
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", key.unitType().code(), key.vintage().year(),
                key.projectId() == null ? "" : key.projectId(), o == null ? null : o.projectType(), o == null ? null : o.originRegion(),
                o == null ? null : o.reductionFrom(), o == null ? null : o.reductionTo(), o == null ? null : o.insideCoveredBoundary());
        UnitSeries s = new UnitSeries(id, key, o);
        seriesById.put(id, s);
        return s;
    }

    @Override public long issued(String unitType, Vintage v) {
        return Sql.longValue(c, "SELECT coalesce(sum(next_serial - 1), 0) FROM unit_series WHERE unit_type = ? AND vintage = ?", unitType, v.year());
    }

    @Override public long nextSerial(long seriesId) {
        return Sql.longValue(c, "SELECT next_serial FROM unit_series WHERE id = ?", seriesId);
    }

    @Override public void recordIssued(long seriesId, SerialRange range) {
        int n = Sql.update(c, "UPDATE unit_series SET next_serial = ? WHERE id = ? AND next_serial = ?", range.last() + 1, seriesId, range.first());
        if (n != 1) throw new IllegalStateException("issuance out of order in series " + seriesId);
    }

    @Override public Holding holding(long accountId, long seriesId) {
        return Sql.one(c, "SELECT quantity, frozen FROM holding WHERE account_id = ? AND series_id = ?",
                rs -> new Holding(accountId, seriesId, rs.getLong(1), rs.getLong(2)), accountId, seriesId)
                .orElse(new Holding(accountId, seriesId, 0, 0));
    }

    @Override public void adjustHolding(long accountId, long seriesId, long dq, long df) {
        // update first: PostgreSQL checks the proposed row of an upsert, so a debit cannot go through INSERT .. ON CONFLICT
        int n = Sql.update(c, "UPDATE holding SET quantity = quantity + ?, frozen = frozen + ? WHERE account_id = ? AND series_id = ?", dq, df, accountId, seriesId);
        if (n == 0) Sql.update(c, "INSERT INTO holding (account_id, series_id, quantity, frozen) VALUES (?, ?, ?, ?)", accountId, seriesId, dq, df);
    }

    private static UnitBlock block(ResultSet rs) throws SQLException {
        return new UnitBlock(rs.getLong("series_id"), new SerialRange(rs.getLong("first_serial"), rs.getLong("last_serial")),
                rs.getLong("account_id"), rs.getLong("pledgee"));
    }

    @Override public List<UnitBlock> blocksCovering(long account, long seriesId, long pledgee, long quantity) {
        // lowest serial first, only as many blocks as cover the quantity
        return Sql.list(c, "SELECT series_id, first_serial, last_serial, account_id, pledgee FROM (" +
                        " SELECT b.*, sum(last_serial - first_serial + 1) OVER (ORDER BY first_serial) AS running" +
                        " FROM unit_block b WHERE account_id = ? AND series_id = ? AND pledgee = ?) x" +
                        " WHERE running - (last_serial - first_serial + 1) < ? ORDER BY first_serial",
                PgLedgerSession::block, account, seriesId, pledgee, quantity);
    }

    @Override public List<UnitBlock> blocksOverlapping(long account, long seriesId, SerialRange r) {
        return Sql.list(c, "SELECT series_id, first_serial, last_serial, account_id, pledgee FROM unit_block " +
                "WHERE series_id = ? AND account_id = ? AND first_serial <= ? AND last_serial >= ? ORDER BY first_serial",
                PgLedgerSession::block, seriesId, account, r.last(), r.first());
    }

    @Override public List<UnitBlock> blocksAdjacent(long account, long seriesId, long pledgee, SerialRange r) {
        List<UnitBlock> out = new ArrayList<>();
        if (r.first() > 1) out.addAll(Sql.list(c, "SELECT series_id, first_serial, last_serial, account_id, pledgee FROM unit_block " +
                "WHERE series_id = ? AND last_serial = ? AND account_id = ? AND pledgee = ?", PgLedgerSession::block, seriesId, r.first() - 1, account, pledgee));
        out.addAll(Sql.list(c, "SELECT series_id, first_serial, last_serial, account_id, pledgee FROM unit_block " +
                "WHERE series_id = ? AND first_serial = ? AND account_id = ? AND pledgee = ?", PgLedgerSession::block, seriesId, r.last() + 1, account, pledgee));
        return out;
    }

    @Override public void addBlock(UnitBlock b) {
        Sql.update(c, "INSERT INTO unit_block (series_id, first_serial, last_serial, account_id, pledgee) VALUES (?, ?, ?, ?, ?)",
                b.seriesId(), b.range().first(), b.range().last(), b.accountId(), b.pledgee());
    }

    @Override public void removeBlock(UnitBlock b) {
        int n = Sql.update(c, "DELETE FROM unit_block WHERE series_id = ? AND first_serial = ? AND last_serial = ? AND account_id = ? AND pledgee = ?",
                b.seriesId(), b.range().first(), b.range().last(), b.accountId(), b.pledgee());
        if (n != 1) throw new IllegalStateException("no such block " + b);
    }

    @Override public long nextTransactionId() { return Sql.longValue(c, "SELECT nextval('registry_transaction_id')"); }

    static final String TX_COLUMNS = "id, command_id, body_hash, batch_id, type, status, initiator, from_account, to_account, series_id, quantity, " +
            "beneficiary, purpose, pledgee, reverses, proposed_at, approved_by, approved_at, expires_at, executes_at, completed_at, rejection, ranges";

    static Transaction transaction(ResultSet rs) throws SQLException {
        String approvedBy = rs.getString("approved_by"), rejection = rs.getString("rejection");
        return new Transaction(rs.getLong("id"), CommandId.of(rs.getString("command_id")), rs.getString("body_hash"), rs.getString("batch_id"),
                TransactionType.valueOf(rs.getString("type")), TransactionStatus.valueOf(rs.getString("status")), ActorId.of(rs.getString("initiator")),
                rs.getLong("from_account"), rs.getLong("to_account"), rs.getLong("series_id"), rs.getLong("quantity"), rs.getString("beneficiary"),
                rs.getString("purpose"), rs.getLong("pledgee"), rs.getLong("reverses"), Sql.instant(rs, "proposed_at"),
                approvedBy == null ? null : ActorId.of(approvedBy), Sql.instant(rs, "approved_at"), Sql.instant(rs, "expires_at"),
                Sql.instant(rs, "executes_at"), Sql.instant(rs, "completed_at"), rejection == null ? null : Rejection.valueOf(rejection),
                Ranges.parse(rs.getString("ranges")));
    }

    @Override public Optional<Transaction> transaction(long id) {
        return Sql.one(c, "SELECT " + TX_COLUMNS + " FROM registry_transaction WHERE id = ?", PgLedgerSession::transaction, id);
    }

    @Override public Optional<Transaction> transactionByCommand(CommandId id) {
        return Sql.one(c, "SELECT " + TX_COLUMNS + " FROM registry_transaction WHERE command_id = ?", PgLedgerSession::transaction, id.value());
    }

    @Override public List<Transaction> batch(String batchId) {
        return Sql.list(c, "SELECT " + TX_COLUMNS + " FROM registry_transaction WHERE batch_id = ? ORDER BY id", PgLedgerSession::transaction, batchId);
    }

    @Override public Optional<Transaction> reversalOf(long id) {
        return Sql.list(c, "SELECT " + TX_COLUMNS + " FROM registry_transaction WHERE reverses = ? AND type = 'REVERSAL' " +
                "AND status NOT IN ('REJECTED', 'CANCELLED') ORDER BY id LIMIT 1", PgLedgerSession::transaction, id).stream().findFirst();
    }

    @Override public List<Transaction> due(Instant now) {
        return Sql.list(c, "SELECT " + TX_COLUMNS + " FROM registry_transaction WHERE (status = 'DELAYED' AND executes_at <= ?) " +
                "OR (status = 'AWAITING_APPROVAL' AND expires_at < ?) ORDER BY id LIMIT 1000", PgLedgerSession::transaction, now, now);
    }

    @Override public void save(Transaction t) {
        Sql.update(c, "INSERT INTO registry_transaction (" + TX_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) " +
                        "ON CONFLICT (id) DO UPDATE SET status = excluded.status, series_id = excluded.series_id, approved_by = excluded.approved_by, " +
                        "approved_at = excluded.approved_at, expires_at = excluded.expires_at, executes_at = excluded.executes_at, " +
                        "completed_at = excluded.completed_at, rejection = excluded.rejection, ranges = excluded.ranges",
                t.id(), t.commandId().value(), t.bodyHash(), t.batchId(), t.type().name(), t.status().name(), t.initiator().value(),
                t.from(), t.to(), t.seriesId(), t.quantity(), t.beneficiary(), t.purpose(), t.pledgee(), t.reverses(), t.proposedAt(),
                t.approvedBy() == null ? null : t.approvedBy().value(), t.approvedAt(), t.expiresAt(), t.executesAt(), t.completedAt(),
                t.rejection() == null ? null : t.rejection().name(), Ranges.format(t.ranges()));
    }

    @Override public void journal(Transaction completed, String seriesCode) {
        if (journalSeq < 0) {
            Object[] last = Sql.one(c, "SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1", rs -> new Object[]{rs.getLong(1), rs.getString(2)}).orElseThrow();
            journalSeq = (Long) last[0];
            journalHash = (String) last[1];
        }
        long seq = journalSeq + 1;
        String canonical = JournalEntry.of(seq, completed, seriesCode).canonical();
        String hash = JournalEntry.chain(journalHash, canonical);
        Sql.update(c, "INSERT INTO journal (seq, transaction_id, canonical, prev_hash, hash) VALUES (?, ?, ?, ?, ?)",
                seq, completed.id(), canonical, journalHash, hash);
        journalSeq = seq;
        journalHash = hash;
    }

    @Override public void saveAccount(Account a) {
        Sql.update(c, "UPDATE account SET status = ?, holder = ?, entity_code = ? WHERE id = ?", a.status().name(), a.holder(), a.entityCode(), a.id());
        accounts.put(a.id(), Optional.of(a));
    }

    @Override public void saveTrusted(TrustedAccount e) {
        Sql.update(c, "INSERT INTO trusted_account (account_id, trusted_account_id, activates_at) VALUES (?, ?, ?) " +
                "ON CONFLICT (account_id, trusted_account_id) DO UPDATE SET activates_at = excluded.activates_at",
                e.accountId(), e.trustedAccountId(), e.activatesAt());
    }
}
