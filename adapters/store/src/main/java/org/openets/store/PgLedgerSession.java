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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The registry's state in PostgreSQL for one group commit of the ledger's single writer (ADR 0003).
 *
 * <p>Reads come from the writer's {@link LedgerCache} and fill it on a miss; writes change the cache and are
 * buffered, then {@link #flush()} writes them with a handful of array statements (one per table) before the
 * commit. Reads of transactions the cache does not hold go to the database and see this group's buffered writes
 * laid over the rows found there.
 *
 * <p>A command id the cache does not know is taken to be new without asking the database ("optimistic"); the
 * unique constraint on {@code command_id} is the final word: if the flush hits it, the writer rolls back and
 * runs the group again in {@code careful} mode, where such a lookup asks the database.
 */
public final class PgLedgerSession implements LedgerSession {
    private final Connection c;
    private final LedgerCache cache;
    private final boolean careful;
    /**
     * The group before this one while it is still being written and committed (the pipeline of {@link GroupCommitLedger}):
     * its transactions are not in the database yet, so this group sees them through it. Dropped once it committed.
     */
    private PgLedgerSession previous;

    // ---- this group's writes, in the order the flush needs them
    private final Map<Long, Transaction> transactions = new LinkedHashMap<>();
    private final Map<CommandId, Transaction> byCommand = new HashMap<>();
    private final Set<Long> newIds = new HashSet<>(); // transactions first written by this group: inserted, the others updated
    private final Set<UnitBlock> blocksAdded = new LinkedHashSet<>();
    private final Set<UnitBlock> blocksRemoved = new LinkedHashSet<>();
    private final Map<LedgerCache.PoolKey, long[]> holdingDeltas = new LinkedHashMap<>();
    private final Map<Long, long[]> serials = new LinkedHashMap<>();
    private final List<Object[]> journalRows = new ArrayList<>();
    private int statements;
    /** Whether the work wrote reference data itself (rare administration): its generation moves at this group's commit. */
    private boolean wroteReference;

    PgLedgerSession(Connection connection, LedgerCache cache, boolean careful) {
        this(connection, cache, careful, null);
    }

    PgLedgerSession(Connection connection, LedgerCache cache, boolean careful, PgLedgerSession previous) {
        this.c = connection;
        this.cache = cache;
        this.careful = careful;
        this.previous = previous;
    }

    /** The group before this one has committed: what it wrote is in the database and the cache now. */
    void forgetPrevious() { previous = null; }

    /** Statements this session sent to the database (reads and the flush). */
    int statements() { return statements; }

    /**
     * What must happen before the work's first direct write, for a group that runs its work without the ledger's lock
     * (ADR 0005, 0006): take the lock and check the cache, or refuse (the group then runs the plain way). Every ledger
     * writer takes the ledger's lock before any row lock; a direct write takes row locks (its own row, and the key
     * checks of the rows it references), so it must not come first. Null when the group holds the lock already.
     */
    void beforeDirectWrite(Runnable r) { beforeDirectWrite = r; }

    private Runnable beforeDirectWrite;

    private void directWrite(boolean reference) {
        Runnable r = beforeDirectWrite;
        beforeDirectWrite = null;
        if (r != null) r.run();
        if (reference) wroteReference = true;
    }

    // ---------------------------------------------------------------------------------------- row mappers

    static final String ACCOUNT_COLUMNS = "id, number, jurisdiction, type, holder, holder_kind, entity_code, status";

    static Account account(ResultSet rs) throws SQLException {
        return new Account(rs.getLong("id"), rs.getString("number"), Jurisdiction.of(rs.getString("jurisdiction")),
                AccountType.valueOf(rs.getString("type")), rs.getString("holder"),
                rs.getString("holder_kind") == null ? null : org.openets.registry.HolderKind.valueOf(rs.getString("holder_kind")), rs.getString("entity_code"),
                AccountStatus.valueOf(rs.getString("status")));
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

    /**
     * The units issued of a unit type and vintage, as SQL over the given expressions for them ({@code "?"} to bind, or a
     * column): each series' serials handed out so far. The ledger's cap check, the caps' view and a cap change read it.
     */
    static String issuedOf(String unitType, String vintage) {
        return "(SELECT coalesce(sum(s.next_serial - 1), 0) FROM unit_series s WHERE s.unit_type = " + unitType + " AND s.vintage = " + vintage + ")";
    }

    /** Where an issuance of that unit type and vintage awaits approval or its delay (a proposal is never stored as PROPOSED). */
    static String issuancePendingWhere(String unitType, String vintage) {
        return "type = 'ISSUE' AND status IN ('DELAYED', 'AWAITING_APPROVAL') AND series_id IN (SELECT s.id FROM unit_series s WHERE s.unit_type = "
                + unitType + " AND s.vintage = " + vintage + ")";
    }

    /** The units of issuances of that unit type and vintage awaiting approval or their delay, as SQL (see {@link #issuancePendingWhere}). */
    static String pendingIssuanceOf(String unitType, String vintage) {
        return "(SELECT coalesce(sum(quantity), 0) FROM registry_transaction WHERE " + issuancePendingWhere(unitType, vintage) + ")";
    }

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

    private <T> List<T> list(String sql, Sql.Row<T> row, Object... args) {
        statements++;
        return Sql.list(c, sql, row, args);
    }

    private <T> Optional<T> one(String sql, Sql.Row<T> row, Object... args) {
        statements++;
        return Sql.one(c, sql, row, args);
    }

    // ---------------------------------------------------------------------------------------- reference data

    @Override public Optional<Account> account(long id) {
        Optional<Account> a = cache.accounts.get(id);
        if (a == null) {
            a = one("SELECT " + ACCOUNT_COLUMNS + " FROM account WHERE id = ?", PgLedgerSession::account, id);
            cache.accounts.put(id, a);
        }
        return a;
    }

    @Override public Optional<Account> governmentAccount(Jurisdiction j, AccountType type) {
        String key = j.code() + "/" + type;
        Optional<Account> a = cache.governmentAccounts.get(key);
        if (a == null) {
            a = list("SELECT " + ACCOUNT_COLUMNS + " FROM account WHERE jurisdiction = ? AND type = ? ORDER BY id LIMIT 1",
                    PgLedgerSession::account, j.code(), type.name()).stream().findFirst();
            cache.governmentAccounts.put(key, a);
            a.ifPresent(x -> cache.accounts.put(x.id(), Optional.of(x)));
        }
        return a;
    }

    @Override public Set<Role> roles(long accountId, ActorId actor) {
        EnumSet<Role> roles = cache.roles.get(accountId + "/" + actor.value());
        if (roles == null) {
            roles = EnumSet.noneOf(Role.class);
            roles.addAll(list("SELECT role FROM representative WHERE account_id = ? AND actor = ?", rs -> Role.valueOf(rs.getString(1)), accountId, actor.value()));
            cache.roles.put(accountId + "/" + actor.value(), roles);
        }
        return EnumSet.copyOf(roles);
    }

    @Override public boolean isAdministrator(ActorId actor, Jurisdiction j) {
        return cache.administrators.computeIfAbsent(actor.value() + "/" + j.code(), k ->
                one("SELECT 1 FROM registry_administrator WHERE actor = ? AND jurisdiction = ?", rs -> 1, actor.value(), j.code()).isPresent());
    }

    @Override public boolean isAdministratorAnywhere(ActorId actor) {
        return cache.administrators.computeIfAbsent(actor.value() + "/*", k ->
                one("SELECT 1 FROM registry_administrator WHERE actor = ? LIMIT 1", rs -> 1, actor.value()).isPresent());
    }

    @Override public Optional<TrustedAccount> trusted(long accountId, long trustedAccountId) {
        // an account's whole list at once: a holder trades with many counterparties
        Map<Long, TrustedAccount> list = cache.trusted.get(accountId);
        if (list == null) {
            list = new HashMap<>();
            for (TrustedAccount t : list("SELECT trusted_account_id, activates_at FROM trusted_account WHERE account_id = ?",
                    rs -> new TrustedAccount(accountId, rs.getLong(1), Sql.instant(rs, "activates_at")), accountId))
                list.put(t.trustedAccountId(), t);
            cache.trusted.put(accountId, list);
        }
        return Optional.ofNullable(list.get(trustedAccountId));
    }

    @Override public Controls controls(Jurisdiction j, AccountType t) {
        return cache.controls.computeIfAbsent(j + "/" + t, k -> one(
                "SELECT four_eyes, approval_expiry_hours, trusted_delay_hours, untrusted_policy, untrusted_delay_hours, trusted_activation_hours, " +
                        "administrators_approve_holders " +
                        "FROM control_setting WHERE jurisdiction = ? AND account_type = ?",
                rs -> new Controls(rs.getBoolean(1), rs.getInt(2), rs.getInt(3), Controls.UntrustedPolicy.valueOf(rs.getString(4)), rs.getInt(5), rs.getInt(6), rs.getBoolean(7)),
                j.code(), t.name()).orElseThrow(() -> new IllegalStateException("no controls configured for " + j + " " + t)));
    }

    @Override public boolean mayHold(Jurisdiction j, AccountType t, String unitType) {
        return cache.holdable.computeIfAbsent(j + "/" + t + "/" + unitType, k -> one(
                "SELECT 1 FROM holding_rule WHERE jurisdiction = ? AND account_type = ? AND unit_type = ?", rs -> 1, j.code(), t.name(), unitType).isPresent());
    }

    @Override public Optional<UnitType> unitType(String code) {
        return cache.unitTypes.computeIfAbsent(code, k -> one("SELECT code, kind, issuer FROM unit_type WHERE code = ?",
                rs -> new UnitType(rs.getString(1), UnitKind.valueOf(rs.getString(2)), Jurisdiction.of(rs.getString(3))), code));
    }

    @Override public BusinessCalendar calendar(Jurisdiction j) {
        return cache.calendars.computeIfAbsent(j.code(), k -> {
            Set<LocalDate> holidays = new HashSet<>(), makeUp = new HashSet<>();
            for (Object[] row : list("SELECT day, kind FROM calendar_day WHERE jurisdiction = ?",
                    rs -> new Object[]{rs.getObject(1, LocalDate.class), rs.getString(2)}, j.code()))
                ("HOLIDAY".equals(row[1]) ? holidays : makeUp).add((LocalDate) row[0]);
            return one("SELECT zone, opens, closes FROM jurisdiction WHERE code = ?",
                    rs -> new BusinessCalendar(ZoneId.of(rs.getString(1)), rs.getObject(2, LocalTime.class), rs.getObject(3, LocalTime.class), holidays, makeUp),
                    j.code()).orElseThrow(() -> new IllegalStateException("unknown jurisdiction " + j));
        });
    }

    @Override public OptionalLong issuanceLimit(String unitType, Vintage v) {
        return cache.limits.computeIfAbsent(unitType + "/" + v.year(), k ->
                one("SELECT quantity FROM issuance_limit WHERE unit_type = ? AND vintage = ?", rs -> rs.getLong(1), unitType, v.year())
                        .map(OptionalLong::of).orElse(OptionalLong.empty()));
    }

    // ---------------------------------------------------------------------------------------- series

    private UnitSeries remember(UnitSeries s) {
        cache.seriesById.put(s.id(), s);
        cache.seriesByKey.put(s.key(), s);
        return s;
    }

    @Override public Optional<UnitSeries> series(SeriesKey key) {
        UnitSeries cached = cache.seriesByKey.get(key);
        if (cached != null) return Optional.of(cached);
        // not cached negatively: another writer's commit drops this writer's ledger state before it runs again
        return one("SELECT " + SERIES_COLUMNS + " FROM unit_series s JOIN unit_type u ON u.code = s.unit_type " +
                        "WHERE s.unit_type = ? AND s.vintage = ? AND s.project_id = ?", PgLedgerSession::series,
                key.unitType().code(), key.vintage().year(), key.projectId() == null ? "" : key.projectId())
                .filter(x -> x.key().equals(key)).map(this::remember);
    }

    @Override public Optional<UnitSeries> series(long id) {
        UnitSeries cached = cache.seriesById.get(id);
        if (cached != null) return Optional.of(cached);
        return one("SELECT " + SERIES_COLUMNS + " FROM unit_series s JOIN unit_type u ON u.code = s.unit_type WHERE s.id = ?",
                PgLedgerSession::series, id).map(this::remember);
    }

    @Override public UnitSeries createSeries(SeriesKey key, OffsetAttributes o) {
        directWrite(false);
        statements++;
        long id = Sql.longValue(c, "INSERT INTO unit_series (unit_type, vintage, project_id, project_type, origin_region, reduction_from, reduction_to, inside_boundary) " +
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", key.unitType().code(), key.vintage().year(),
                key.projectId() == null ? "" : key.projectId(), o == null ? null : o.projectType(), o == null ? null : o.originRegion(),
                o == null ? null : o.reductionFrom(), o == null ? null : o.reductionTo(), o == null ? null : o.insideCoveredBoundary());
        cache.nextSerial.put(id, 1L);
        return remember(new UnitSeries(id, key, o));
    }

    @Override public UnitSeries correctOffsetAttributes(long seriesId, OffsetAttributes o) {
        directWrite(true); // reference data: every writer reads the series again
        statements++;
        int n = Sql.update(c, "UPDATE unit_series SET project_type = ?, origin_region = ?, reduction_from = ?, reduction_to = ?, inside_boundary = ? "
                + "WHERE id = ? AND next_serial = 1", o == null ? null : o.projectType(), o == null ? null : o.originRegion(),
                o == null ? null : o.reductionFrom(), o == null ? null : o.reductionTo(), o == null ? null : o.insideCoveredBoundary(), seriesId);
        if (n != 1) throw new IllegalStateException("series " + seriesId + " has units issued: its attributes stay");
        UnitSeries old = series(seriesId).orElseThrow();
        return remember(new UnitSeries(seriesId, old.key(), o));
    }

    @Override public long pendingIssuance(String unitTypeCode, Vintage v) {
        // the pending index (status DELAYED or AWAITING_APPROVAL), with the writes in flight laid over it
        return overlay(list("SELECT " + TX_COLUMNS + " FROM registry_transaction WHERE " + issuancePendingWhere("?", "?"), PgLedgerSession::transaction,
                        unitTypeCode, v.year()),
                t -> t.type() == TransactionType.ISSUE && (t.status() == TransactionStatus.AWAITING_APPROVAL || t.status() == TransactionStatus.DELAYED)
                        && series(t.seriesId()).map(x -> x.key().unitType().code().equals(unitTypeCode) && x.key().vintage().equals(v)).orElse(false))
                .stream().mapToLong(Transaction::quantity).sum();
    }

    @Override public boolean issuancePending(long seriesId) {
        return !overlay(list("SELECT " + TX_COLUMNS + " FROM registry_transaction WHERE series_id = ? AND type = 'ISSUE' "
                        + "AND status IN ('DELAYED', 'AWAITING_APPROVAL')", PgLedgerSession::transaction, seriesId), // the pending index; PROPOSED is never stored
                t -> t.seriesId() == seriesId && t.type() == TransactionType.ISSUE && (t.status() == TransactionStatus.PROPOSED
                        || t.status() == TransactionStatus.AWAITING_APPROVAL || t.status() == TransactionStatus.DELAYED)).isEmpty();
    }

    private static String issuedKey(String unitType, Vintage v) { return unitType + "/" + v.year(); }

    @Override public long issued(String unitType, Vintage v) {
        return cache.issued.computeIfAbsent(issuedKey(unitType, v), k -> one("SELECT " + issuedOf("?", "?"), rs -> rs.getLong(1), unitType, v.year()).orElseThrow());
    }

    @Override public long nextSerial(long seriesId) {
        return cache.nextSerial.computeIfAbsent(seriesId, k -> one("SELECT next_serial FROM unit_series WHERE id = ?", rs -> rs.getLong(1), seriesId)
                .orElseThrow(() -> new IllegalStateException("no series " + seriesId)));
    }

    @Override public void recordIssued(long seriesId, SerialRange range) {
        long next = nextSerial(seriesId);
        if (range.first() != next) throw new IllegalStateException("issuance out of order in series " + seriesId);
        UnitSeries s = series(seriesId).orElseThrow();
        long before = issued(s.key().unitType().code(), s.key().vintage());
        serials.computeIfAbsent(seriesId, k -> new long[]{next, 0})[1] = range.last() + 1;
        cache.nextSerial.put(seriesId, range.last() + 1);
        cache.issued.put(issuedKey(s.key().unitType().code(), s.key().vintage()), before + range.size());
    }

    // ---------------------------------------------------------------------------------------- holdings and blocks

    private LedgerCache.Pool pool(long account, long seriesId) {
        LedgerCache.PoolKey key = new LedgerCache.PoolKey(account, seriesId);
        LedgerCache.Pool p = cache.pools.get(key);
        if (p != null) return p;
        LedgerCache.Pool loaded = new LedgerCache.Pool(account, seriesId);
        one("SELECT quantity, frozen FROM holding WHERE account_id = ? AND series_id = ?", rs -> {
            loaded.quantity = rs.getLong(1);
            loaded.frozen = rs.getLong(2);
            loaded.rowExists = true;
            return 1;
        }, account, seriesId);
        for (UnitBlock b : list("SELECT first_serial, last_serial, pledgee FROM unit_block WHERE account_id = ? AND series_id = ?",
                rs -> new UnitBlock(seriesId, new SerialRange(rs.getLong(1), rs.getLong(2)), account, rs.getLong(3)), account, seriesId))
            loaded.add(b);
        cache.pools.put(key, loaded);
        return loaded;
    }

    @Override public Holding holding(long accountId, long seriesId) {
        LedgerCache.Pool p = pool(accountId, seriesId);
        return new Holding(accountId, seriesId, p.quantity, p.frozen);
    }

    @Override public void adjustHolding(long accountId, long seriesId, long dq, long df) {
        LedgerCache.Pool p = pool(accountId, seriesId);
        Holding after = new Holding(accountId, seriesId, Math.addExact(p.quantity, dq), Math.addExact(p.frozen, df)); // throws when out of bounds
        p.quantity = after.quantity();
        p.frozen = after.frozen();
        long[] d = holdingDeltas.computeIfAbsent(new LedgerCache.PoolKey(accountId, seriesId), k -> new long[2]);
        d[0] = Math.addExact(d[0], dq);
        d[1] = Math.addExact(d[1], df);
    }

    @Override public List<UnitBlock> blocksCovering(long account, long seriesId, long pledgee, long quantity) {
        TreeMap<Long, UnitBlock> m = pool(account, seriesId).byPledgee.get(pledgee);
        List<UnitBlock> out = new ArrayList<>();
        if (m == null) return out;
        long covered = 0;
        for (UnitBlock b : m.values()) {
            if (covered >= quantity) break;
            out.add(b);
            covered += b.size();
        }
        return out;
    }

    @Override public Optional<UnitBlock> smallestBlockHolding(long account, long seriesId, long pledgee, long quantity) {
        java.util.TreeSet<UnitBlock> bySize = pool(account, seriesId).bySize.get(pledgee);
        if (bySize == null) return Optional.empty();
        return Optional.ofNullable(bySize.ceiling(new UnitBlock(seriesId, new SerialRange(1, quantity), account, pledgee)));
    }

    @Override public List<UnitBlock> blocksOverlapping(long account, long seriesId, SerialRange r) {
        List<UnitBlock> out = new ArrayList<>();
        for (TreeMap<Long, UnitBlock> m : pool(account, seriesId).byPledgee.values()) {
            Long start = m.floorKey(r.first());
            NavigableMap<Long, UnitBlock> sub = m.subMap(start == null ? r.first() : start, true, r.last(), true);
            for (UnitBlock b : sub.values()) if (b.range().last() >= r.first()) out.add(b);
        }
        out.sort(Comparator.comparingLong(b -> b.range().first()));
        return out;
    }

    @Override public List<UnitBlock> blocksAdjacent(long account, long seriesId, long pledgee, SerialRange r) {
        List<UnitBlock> out = new ArrayList<>();
        TreeMap<Long, UnitBlock> m = pool(account, seriesId).byPledgee.get(pledgee);
        if (m == null) return out;
        if (r.first() > 1) {
            Map.Entry<Long, UnitBlock> before = m.floorEntry(r.first() - 1);
            if (before != null && before.getValue().range().last() == r.first() - 1) out.add(before.getValue());
        }
        UnitBlock after = m.get(r.last() + 1);
        if (after != null) out.add(after);
        return out;
    }

    @Override public void addBlock(UnitBlock b) {
        pool(b.accountId(), b.seriesId()).add(b);
        if (!blocksRemoved.remove(b)) blocksAdded.add(b);
    }

    @Override public void removeBlock(UnitBlock b) {
        pool(b.accountId(), b.seriesId()).remove(b);
        if (!blocksAdded.remove(b)) blocksRemoved.add(b);
    }

    // ---------------------------------------------------------------------------------------- transactions and journal

    @Override public long nextTransactionId() {
        if (cache.ids.isEmpty()) {
            statements++;
            cache.ids.addAll(Sql.list(c, "SELECT nextval('registry_transaction_id') FROM generate_series(1, 256)", rs -> rs.getLong(1)));
        }
        long id = cache.ids.removeFirst();
        newIds.add(id);
        return id;
    }

    @Override public Optional<Transaction> transaction(long id) {
        Transaction t = transactions.get(id);
        if (t == null && previous != null) t = previous.transactions.get(id);
        if (t != null) return Optional.of(t);
        return one("SELECT " + TX_COLUMNS + " FROM registry_transaction WHERE id = ?", PgLedgerSession::transaction, id);
    }

    @Override public Optional<Transaction> transactionByCommand(CommandId id) {
        Transaction t = byCommand.get(id);
        if (t == null && previous != null) t = previous.byCommand.get(id);
        if (t == null) t = cache.commands.get(id);
        if (t != null) return Optional.of(t);
        if (!careful) return Optional.empty(); // optimistic: the unique constraint on command_id catches the exception at flush
        Optional<Transaction> found = one("SELECT " + TX_COLUMNS + " FROM registry_transaction WHERE command_id = ?", PgLedgerSession::transaction, id.value());
        found.ifPresent(x -> cache.commands.put(id, x));
        return found;
    }

    /** Rows found in the database with the writes of the group still in flight and of this group laid over them, filtered again, by id. */
    private List<Transaction> overlay(List<Transaction> found, Predicate<Transaction> filter) {
        Map<Long, Transaction> m = new TreeMap<>();
        for (Transaction t : found) m.put(t.id(), t);
        if (previous != null) for (Transaction t : previous.transactions.values()) if (m.containsKey(t.id()) || filter.test(t)) m.put(t.id(), t);
        for (Transaction t : transactions.values()) if (m.containsKey(t.id()) || filter.test(t)) m.put(t.id(), t);
        return m.values().stream().filter(filter).toList();
    }

    @Override public List<Transaction> batch(String batchId) {
        return overlay(list("SELECT " + TX_COLUMNS + " FROM registry_transaction WHERE batch_id = ? ORDER BY id", PgLedgerSession::transaction, batchId),
                t -> batchId.equals(t.batchId()));
    }

    /**
     * Optimistic like {@link #transactionByCommand}: a batch this writer has not seen is taken to be new without a
     * query. An earlier batch with the id saved its lines under the command ids {@code batchId:1, …}, so the flush
     * hits the unique constraint on {@code command_id} and the group runs again in careful mode, which asks.
     */
    @Override public List<Transaction> batchProposed(String batchId) {
        // its first line's command id is known when this group or an earlier one of this writer saved the batch
        return careful || transactionByCommand(CommandId.of(batchId).child("1")).isPresent() ? batch(batchId) : List.of();
    }

    @Override public Optional<Transaction> reversalOf(long id) {
        return overlay(list("SELECT " + TX_COLUMNS + " FROM registry_transaction WHERE reverses = ? AND type = 'REVERSAL'", PgLedgerSession::transaction, id),
                t -> t.reverses() == id && t.type() == TransactionType.REVERSAL
                        && t.status() != TransactionStatus.REJECTED && t.status() != TransactionStatus.CANCELLED).stream().findFirst();
    }

    @Override public List<Transaction> due(Instant now) {
        Predicate<Transaction> due = t -> (t.status() == TransactionStatus.DELAYED && !t.executesAt().isAfter(now))
                || (t.status() == TransactionStatus.AWAITING_APPROVAL && t.expiresAt().isBefore(now));
        List<Transaction> all = overlay(list("SELECT " + TX_COLUMNS + " FROM registry_transaction WHERE (status = 'DELAYED' AND executes_at <= ?) " +
                "OR (status = 'AWAITING_APPROVAL' AND expires_at < ?) ORDER BY id LIMIT 1000", PgLedgerSession::transaction, now, now), due);
        return all.size() > 1000 ? all.subList(0, 1000) : all;
    }

    @Override public void save(Transaction t) {
        Transaction before = transactions.put(t.id(), t);
        if (before != null && !before.commandId().equals(t.commandId())) throw new IllegalStateException("transaction " + t.id() + " changed its command id");
        byCommand.put(t.commandId(), t);
    }

    @Override public void journal(Transaction completed, String seriesCode) {
        if (cache.journalSeq < 0) {
            Object[] last = one("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1", rs -> new Object[]{rs.getLong(1), rs.getString(2)}).orElseThrow();
            cache.journalSeq = (Long) last[0];
            cache.journalHash = (String) last[1];
        }
        long seq = cache.journalSeq + 1;
        String canonical = JournalEntry.of(seq, completed, seriesCode).canonical();
        String hash = JournalEntry.chain(cache.journalHash, canonical);
        journalRows.add(new Object[]{seq, completed.id(), canonical, cache.journalHash, hash});
        cache.journalSeq = seq;
        cache.journalHash = hash;
    }

    // ---------------------------------------------------------------------------------------- administration (rare: written at once)

    @Override public void saveAccount(Account a) {
        directWrite(true);
        statements++;
        Sql.update(c, "UPDATE account SET status = ?, holder = ?, entity_code = ? WHERE id = ?", a.status().name(), a.holder(), a.entityCode(), a.id());
        cache.accounts.put(a.id(), Optional.of(a));
    }

    @Override public void saveTrusted(TrustedAccount e) { saveTrusted(e, null); }

    @Override public void saveDeclineReason(long transactionId, String reason) {
        directWrite(false);
        statements++;
        Sql.update(c, "INSERT INTO transaction_decline (transaction_id, reason) VALUES (?, ?)", transactionId, reason);
    }

    @Override public void saveTrusted(TrustedAccount e, ActorId addedBy) {
        directWrite(true);
        statements++;
        // an entry that exists keeps its activation time (the registry never adds one twice; another writer might have)
        Sql.update(c, "INSERT INTO trusted_account (account_id, trusted_account_id, activates_at, added_by) VALUES (?, ?, ?, ?) " +
                        "ON CONFLICT (account_id, trusted_account_id) DO NOTHING",
                e.accountId(), e.trustedAccountId(), e.activatesAt(), addedBy == null ? null : addedBy.value());
        Map<Long, TrustedAccount> list = cache.trusted.get(e.accountId());
        if (list != null) list.put(e.trustedAccountId(), e);
    }

    // pending additions (V46): read from the database each time (rare, and never cached: only trusted_account is trusted)
    @Override public Optional<org.openets.registry.TrustedAddition> pendingTrusted(long accountId, long trustedAccountId) {
        return one("SELECT id, proposed_by, proposed_at, expires_at FROM trusted_account_addition WHERE account_id = ? AND trusted_account_id = ? AND status = 'PENDING'",
                rs -> new org.openets.registry.TrustedAddition(rs.getLong(1), accountId, trustedAccountId, ActorId.of(rs.getString(2)),
                        Sql.instant(rs, "proposed_at"), Sql.instant(rs, "expires_at")), accountId, trustedAccountId);
    }

    @Override public org.openets.registry.TrustedAddition savePendingTrusted(org.openets.registry.TrustedAddition a) {
        directWrite(false);
        statements += 2;
        // one whose window closed lapses first: at most one is pending
        Sql.update(c, "UPDATE trusted_account_addition SET status = 'EXPIRED', decided_at = expires_at "
                + "WHERE account_id = ? AND trusted_account_id = ? AND status = 'PENDING' AND expires_at <= ?", a.accountId(), a.trustedAccountId(), a.proposedAt());
        long id = Sql.one(c, "INSERT INTO trusted_account_addition (account_id, trusted_account_id, proposed_by, proposed_at, expires_at) "
                + "VALUES (?, ?, ?, ?, ?) RETURNING id", rs -> rs.getLong(1), a.accountId(), a.trustedAccountId(), a.proposedBy().value(),
                a.proposedAt(), a.expiresAt()).orElseThrow();
        return new org.openets.registry.TrustedAddition(id, a.accountId(), a.trustedAccountId(), a.proposedBy(), a.proposedAt(), a.expiresAt());
    }

    @Override public boolean approvePendingTrusted(org.openets.registry.TrustedAddition a, TrustedAccount entry, ActorId approver, Instant now) {
        directWrite(false);
        statements++;
        if (Sql.update(c, "UPDATE trusted_account_addition SET status = 'APPROVED', decided_by = ?, decided_at = ? "
                + "WHERE id = ? AND status = 'PENDING' AND expires_at > ?", approver.value(), now, a.id(), now) != 1) return false;
        // the entry, by the proposer: the trusted_account trigger (V12) moves the reference generation, and this
        // writer's cached list gets it at once
        saveTrusted(entry, a.proposedBy());
        return true;
    }

    @Override public boolean endPendingTrusted(org.openets.registry.TrustedAddition a, org.openets.registry.TrustedAddition.End how, ActorId by, String reason, Instant now) {
        directWrite(false);
        statements++;
        return Sql.update(c, "UPDATE trusted_account_addition SET status = ?, decided_by = ?, decided_at = ?, decision_reason = ? WHERE id = ? AND status = 'PENDING'",
                how.name(), by.value(), now, reason, a.id()) == 1;
    }

    // ---------------------------------------------------------------------------------------- flush

    /** Thrown by {@link #flush()} when a command id taken to be new was already in the database. */
    static final class CommandIdTaken extends RuntimeException {
        CommandIdTaken(SQLException cause) { super(cause.getMessage(), cause); }
    }

    /**
     * Writes this group's changes and moves the ledger's generation on, in one call of {@code ledger_write} (one
     * statement of data-modifying CTEs over arrays: one round trip however many transactions the group holds);
     * returns the new generation. The caller holds the ledger's lock and commits.
     *
     * <p>Blocks are written as their net change by key (series, first serial): a key removed and added again is
     * updated in place, a key only removed is deleted, a key only added is inserted, so the three sets are
     * disjoint and the order in which PostgreSQL runs the CTEs does not matter. Every delete and update names the
     * row as the cache knew it, and holdings change by deltas under the row's own CHECK, so a database that does
     * not hold what the cache believes fails the flush instead of being overwritten.
     */
    long flush() throws SQLException {
        return write(prepare());
    }

    /** A group's writes as the statement's arguments, built from the session and the cache on the writer thread. */
    record Flush(List<long[]> serials, List<Object> args, long[] expected) {}

    /** Builds the flush; touches the cache, so it runs on the writer thread, after the group before has committed. */
    Flush prepare() {
        List<long[]> serialUpdates = new ArrayList<>();
        for (Map.Entry<Long, long[]> e : serials.entrySet()) serialUpdates.add(new long[]{e.getKey(), e.getValue()[0], e.getValue()[1]});
        Map<List<Long>, UnitBlock> removed = new LinkedHashMap<>(), added = new LinkedHashMap<>();
        for (UnitBlock b : blocksRemoved) removed.put(List.of(b.seriesId(), b.range().first()), b);
        for (UnitBlock b : blocksAdded) added.put(List.of(b.seriesId(), b.range().first()), b);
        Columns del = new Columns(5), upd = new Columns(8), ins = new Columns(5);
        for (Map.Entry<List<Long>, UnitBlock> e : removed.entrySet()) {
            UnitBlock old = e.getValue(), now = added.remove(e.getKey());
            if (now == null) del.add(old.seriesId(), old.range().first(), old.range().last(), old.accountId(), old.pledgee());
            else upd.add(old.seriesId(), old.range().first(), old.range().last(), old.accountId(), old.pledgee(), now.range().last(), now.accountId(), now.pledgee());
        }
        for (UnitBlock b : added.values()) ins.add(b.seriesId(), b.range().first(), b.range().last(), b.accountId(), b.pledgee());
        Columns hu = new Columns(4), hi = new Columns(4);
        for (Map.Entry<LedgerCache.PoolKey, long[]> e : holdingDeltas.entrySet())
            (cache.pools.get(e.getKey()).rowExists ? hu : hi).add(e.getKey().account(), e.getKey().series(), e.getValue()[0], e.getValue()[1]);
        Columns journal = new Columns(5);
        for (Object[] r : journalRows) journal.add(r);

        List<Object> args = new ArrayList<>();
        del.bind(args, "bigint", "bigint", "bigint", "bigint", "bigint");
        upd.bind(args, "bigint", "bigint", "bigint", "bigint", "bigint", "bigint", "bigint", "bigint");
        ins.bind(args, "bigint", "bigint", "bigint", "bigint", "bigint");
        hu.bind(args, "bigint", "bigint", "bigint", "bigint");
        hi.bind(args, "bigint", "bigint", "bigint", "bigint");
        Columns txi = new Columns(TX_TYPES.length), txu = new Columns(TXU_TYPES.length);
        for (Transaction t : transactions.values()) {
            if (newIds.contains(t.id())) txi.add(transactionRow(t));
            else txu.add(t.id(), t.status().name(), t.seriesId(), t.approvedBy() == null ? null : t.approvedBy().value(), text(t.approvedAt()),
                    text(t.expiresAt()), text(t.executesAt()), text(t.completedAt()), t.rejection() == null ? null : t.rejection().name(), Ranges.format(t.ranges()));
        }
        txi.bind(args, TX_TYPES);
        txu.bind(args, TXU_TYPES);
        journal.bind(args, "bigint", "bigint", "text", "text", "text");
        return new Flush(serialUpdates, args, new long[]{del.size(), upd.size(), hu.size(), txu.size()});
    }

    /**
     * Sends a prepared flush on this session's connection, for a writer that holds the ledger's lock and checked the
     * generations itself ({@code ledger_begin}); the caller commits. Uses nothing else of the session, so the committer
     * thread may run it while the writer thread already works on the next group.
     */
    long write(Flush f) throws SQLException {
        return write(f, null, 0, 0);
    }

    /**
     * Sends a prepared flush as one call of {@code ledger_write} (migration V22, ADR 0006); returns the new generation.
     * With a {@code lock} key the function first takes the ledger's lock and checks that the ledger and its reference
     * data are still at the given generations: on an autocommit connection the lock, the check, the writes and the
     * commit are then one round trip. Throws {@link Stale} when they are not (nothing written), {@link CommandIdTaken}
     * when a command id taken to be new was not, and {@link IllegalStateException} when the database does not hold
     * what the cache believes (nothing written).
     */
    long write(Flush f, Long lock, long ledger, long reference) throws SQLException {
        long[] ssId = new long[f.serials.size()], ssOld = new long[ssId.length], ssNew = new long[ssId.length];
        for (int i = 0; i < ssId.length; i++) {
            long[] u = f.serials.get(i);
            ssId[i] = u[0];
            ssOld[i] = u[1];
            ssNew[i] = u[2];
        }
        statements++;
        try (PreparedStatement ps = c.prepareStatement(WRITE)) {
            int i = 1;
            ps.setObject(i++, lock, java.sql.Types.BIGINT);
            ps.setObject(i++, lock == null ? null : ledger, java.sql.Types.BIGINT);
            ps.setObject(i++, lock == null ? null : reference, java.sql.Types.BIGINT);
            ps.setObject(i++, f.expected);
            ps.setObject(i++, ssId);
            ps.setObject(i++, ssOld);
            ps.setObject(i++, ssNew);
            for (Object a : f.args) ps.setObject(i++, a);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            if ("OE001".equals(e.getSQLState())) throw new Stale(e);
            if ("OE002".equals(e.getSQLState())) throw new IllegalStateException(serverMessage(e), e);
            if ("23505".equals(e.getSQLState()) && String.valueOf(e.getMessage()).contains("command_id")) throw new CommandIdTaken(e);
            throw e;
        }
    }

    /** The ledger or its reference data changed since the writer's last commit: the group's work saw a stale cache; nothing was written. */
    static final class Stale extends RuntimeException {
        Stale(SQLException cause) { super(cause.getMessage(), cause); }

        Stale(String message) { super(message); }
    }

    private static String serverMessage(SQLException e) {
        if (e instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null && p.getServerErrorMessage().getMessage() != null)
            return p.getServerErrorMessage().getMessage();
        return e.getMessage();
    }

    private static final String[] TX_TYPES = {"bigint", "text", "text", "text", "text", "text", "text", "bigint", "bigint", "bigint", "bigint", "text", "text",
            "bigint", "bigint", "timestamptz", "text", "timestamptz", "timestamptz", "timestamptz", "timestamptz", "text", "text"};

    /** The columns a transaction's later steps change (approval, delay, completion, rejection). */
    private static final String[] TXU_TYPES = {"bigint", "text", "bigint", "text", "timestamptz", "timestamptz", "timestamptz", "timestamptz", "text", "text"};

    /** The call of {@code ledger_write}: lock, generations, expected counts, serial updates, then the flush's 64 arrays in {@link #prepare()}'s order. */
    private static final String WRITE;

    static {
        List<String> types = new ArrayList<>(List.of("bigint", "bigint", "bigint", "bigint[]", "bigint[]", "bigint[]", "bigint[]"));
        List<String> arrays = new ArrayList<>();
        for (int i = 0; i < 5 + 8 + 5 + 4 + 4; i++) arrays.add("bigint");
        arrays.addAll(List.of(TX_TYPES));
        arrays.addAll(List.of(TXU_TYPES));
        arrays.addAll(List.of("bigint", "bigint", "text", "text", "text"));
        for (String t : arrays) types.add(t + "[]");
        StringBuilder sb = new StringBuilder("SELECT ledger_write(");
        for (int i = 0; i < types.size(); i++) sb.append(i == 0 ? "" : ", ").append("?::").append(types.get(i));
        WRITE = sb.append(')').toString();
    }

    /** Column-wise arrays for one unnest. */
    private static final class Columns {
        private final List<List<Object>> columns = new ArrayList<>();
        private int rows;

        Columns(int n) { for (int i = 0; i < n; i++) columns.add(new ArrayList<>()); }

        void add(Object... row) {
            for (int i = 0; i < row.length; i++) columns.get(i).add(row[i]);
            rows++;
        }

        int size() { return rows; }

        void bind(List<Object> args, String... types) {
            for (int i = 0; i < types.length; i++) {
                String t = types[i];
                List<Object> col = columns.get(i);
                if ("bigint".equals(t)) {
                    long[] values = new long[col.size()]; // a primitive array goes to PostgreSQL in binary
                    for (int r = 0; r < values.length; r++) values[r] = (Long) col.get(r);
                    args.add(values);
                } else {
                    args.add(col.toArray(String[]::new));
                }
            }
        }
    }

    private static Object[] transactionRow(Transaction t) {
        return new Object[]{t.id(), t.commandId().value(), t.bodyHash(), t.batchId(), t.type().name(), t.status().name(), t.initiator().value(), t.from(), t.to(),
                t.seriesId(), t.quantity(), t.beneficiary(), t.purpose(), t.pledgee(), t.reverses(), text(t.proposedAt()),
                t.approvedBy() == null ? null : t.approvedBy().value(), text(t.approvedAt()), text(t.expiresAt()), text(t.executesAt()),
                text(t.completedAt()), t.rejection() == null ? null : t.rejection().name(), Ranges.format(t.ranges())};
    }

    /** What the cache learns once the flush has committed. */
    void committed(long ledgerGeneration) {
        cache.ledgerGeneration = ledgerGeneration;
        // this commit moved the reference generation to a value the writer has not read: the next group checks it under the lock
        if (wroteReference) cache.referenceGeneration = -1;
        for (LedgerCache.PoolKey k : holdingDeltas.keySet()) {
            LedgerCache.Pool p = cache.pools.get(k);
            if (p != null) p.rowExists = true;
        }
        for (Transaction t : transactions.values()) cache.commands.put(t.commandId(), t);
    }

    private static String text(Instant t) { return t == null ? null : t.toString(); }

    private int execute(String sql, Object... args) throws SQLException {
        statements++;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            return ps.executeUpdate();
        }
    }
}
