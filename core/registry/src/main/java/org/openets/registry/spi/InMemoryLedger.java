package org.openets.registry.spi;

import org.openets.kernel.ActorId;
import org.openets.kernel.BusinessCalendar;
import org.openets.kernel.CommandId;
import org.openets.kernel.Jurisdiction;
import org.openets.kernel.SerialRange;
import org.openets.kernel.UnitType;
import org.openets.kernel.Vintage;
import org.openets.registry.Account;
import org.openets.registry.AccountType;
import org.openets.registry.Controls;
import org.openets.registry.Holding;
import org.openets.registry.JournalEntry;
import org.openets.registry.OffsetAttributes;
import org.openets.registry.Role;
import org.openets.registry.SeriesKey;
import org.openets.registry.Transaction;
import org.openets.registry.TransactionStatus;
import org.openets.registry.TransactionType;
import org.openets.registry.TrustedAccount;
import org.openets.registry.UnitBlock;
import org.openets.registry.UnitSeries;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * The ledger in memory: the registry's state in plain maps, for the domain's own tests, simulations and
 * what-if runs. Not thread-safe and not transactional: one session is the whole ledger.
 */
public final class InMemoryLedger implements LedgerSession {
    private final Map<Long, Account> accounts = new LinkedHashMap<>();
    private final Map<String, Set<Role>> roles = new HashMap<>();
    private final Set<String> administrators = new HashSet<>();
    private final Map<String, TrustedAccount> trusted = new HashMap<>();
    private final Map<String, Controls> controls = new HashMap<>();
    private final Set<String> holdable = new HashSet<>();
    private final Map<String, UnitType> unitTypes = new HashMap<>();
    private final Map<String, Long> caps = new HashMap<>();
    private final Map<String, BusinessCalendar> calendars = new HashMap<>();
    private final Map<Long, UnitSeries> series = new LinkedHashMap<>();
    private final Map<Long, Long> nextSerial = new HashMap<>();
    private final Map<String, Holding> holdings = new TreeMap<>();
    /** account/series → blocks by first serial. */
    private final Map<String, TreeMap<Long, UnitBlock>> blocks = new HashMap<>();
    private final Map<Long, Transaction> transactions = new LinkedHashMap<>();
    private final Map<CommandId, Long> byCommand = new HashMap<>();
    private final List<String> journal = new ArrayList<>();
    private final List<String> hashes = new ArrayList<>();
    private long nextTx = 1, nextSeries = 1;

    public InMemoryLedger() {
        journal.add(JournalEntry.GENESIS_CANONICAL);
        hashes.add(JournalEntry.chain(JournalEntry.GENESIS_PREVIOUS, JournalEntry.GENESIS_CANONICAL));
    }

    // ---- configuration, for tests and simulations
    public InMemoryLedger unitType(UnitType t) { unitTypes.put(t.code(), t); return this; }

    public InMemoryLedger cap(String unitType, int vintage, long limit) { caps.put(unitType + "/" + vintage, limit); return this; }

    public InMemoryLedger administrator(ActorId a, Jurisdiction j) { administrators.add(a + "@" + j); return this; }

    public InMemoryLedger role(long account, ActorId a, Role r) {
        roles.computeIfAbsent(account + "/" + a, k -> EnumSet.noneOf(Role.class)).add(r);
        return this;
    }

    public InMemoryLedger controls(Jurisdiction j, AccountType t, Controls c) { controls.put(j + "/" + t, c); return this; }

    public InMemoryLedger allowHolding(Jurisdiction j, AccountType t, String unitType) { holdable.add(j + "/" + t + "/" + unitType); return this; }

    public InMemoryLedger calendar(Jurisdiction j, BusinessCalendar c) { calendars.put(j.code(), c); return this; }

    public Account openAccount(long id, String number, Jurisdiction j, AccountType type, String holder) {
        Account a = new Account(id, number, j, type, holder, null, null, org.openets.registry.AccountStatus.OPEN);
        accounts.put(id, a);
        return a;
    }

    public List<Account> accounts() { return List.copyOf(accounts.values()); }

    public List<Holding> holdings() { return List.copyOf(holdings.values()); }

    public List<UnitSeries> allSeries() { return List.copyOf(series.values()); }

    public List<UnitBlock> blocks() {
        return blocks.values().stream().flatMap(m -> m.values().stream()).toList();
    }

    public List<Transaction> transactions() { return List.copyOf(transactions.values()); }

    /** The canonical journal lines, genesis first, with their hashes. */
    public List<String> journal() { return List.copyOf(journal); }

    public List<String> journalHashes() { return List.copyOf(hashes); }

    // ---- LedgerSession
    @Override public Optional<Account> account(long id) { return Optional.ofNullable(accounts.get(id)); }

    @Override public Optional<Account> governmentAccount(Jurisdiction j, AccountType type) {
        return accounts.values().stream().filter(a -> a.jurisdiction().equals(j) && a.type() == type).findFirst();
    }

    @Override public Set<Role> roles(long accountId, ActorId actor) { return roles.getOrDefault(accountId + "/" + actor, Set.of()); }

    @Override public boolean isAdministrator(ActorId actor, Jurisdiction j) { return administrators.contains(actor + "@" + j); }

    @Override public boolean isAdministratorAnywhere(ActorId actor) { return administrators.stream().anyMatch(a -> a.startsWith(actor + "@")); }

    @Override public Optional<TrustedAccount> trusted(long accountId, long trustedAccountId) {
        return Optional.ofNullable(trusted.get(accountId + "/" + trustedAccountId));
    }

    @Override public Controls controls(Jurisdiction j, AccountType t) { return controls.getOrDefault(j + "/" + t, Controls.none()); }

    @Override public boolean mayHold(Jurisdiction j, AccountType t, String unitType) { return holdable.contains(j + "/" + t + "/" + unitType); }

    @Override public Optional<UnitType> unitType(String code) { return Optional.ofNullable(unitTypes.get(code)); }

    @Override public BusinessCalendar calendar(Jurisdiction j) {
        return calendars.getOrDefault(j.code(), new BusinessCalendar(ZoneId.of("Asia/Shanghai"), LocalTime.of(9, 0), LocalTime.of(17, 0), Set.of(), Set.of()));
    }

    @Override public OptionalLong issuanceLimit(String unitType, Vintage v) {
        Long c = caps.get(unitType + "/" + v.year());
        return c == null ? OptionalLong.empty() : OptionalLong.of(c);
    }

    @Override public Optional<UnitSeries> series(SeriesKey key) {
        return series.values().stream().filter(s -> s.key().equals(key)).findFirst();
    }

    @Override public Optional<UnitSeries> series(long id) { return Optional.ofNullable(series.get(id)); }

    @Override public UnitSeries createSeries(SeriesKey key, OffsetAttributes offset) {
        if (series(key).isPresent()) throw new IllegalStateException("series exists: " + key);
        UnitSeries s = new UnitSeries(nextSeries++, key, offset);
        series.put(s.id(), s);
        nextSerial.put(s.id(), 1L);
        return s;
    }

    @Override public UnitSeries correctOffsetAttributes(long seriesId, OffsetAttributes offset) {
        if (nextSerial.get(seriesId) != 1L) throw new IllegalStateException("series " + seriesId + " has units issued");
        UnitSeries s = new UnitSeries(seriesId, series.get(seriesId).key(), offset);
        series.put(seriesId, s);
        return s;
    }

    @Override public long pendingIssuance(String unitTypeCode, Vintage vintage) {
        return transactions.values().stream().filter(t -> t.type() == org.openets.registry.TransactionType.ISSUE
                        && (t.status() == org.openets.registry.TransactionStatus.AWAITING_APPROVAL || t.status() == org.openets.registry.TransactionStatus.DELAYED))
                .filter(t -> { UnitSeries s = series.get(t.seriesId()); return s != null && s.key().unitType().code().equals(unitTypeCode) && s.key().vintage().equals(vintage); })
                .mapToLong(org.openets.registry.Transaction::quantity).sum();
    }

    @Override public boolean issuancePending(long seriesId) {
        return transactions.values().stream().anyMatch(t -> t.seriesId() == seriesId && t.type() == org.openets.registry.TransactionType.ISSUE
                && (t.status() == org.openets.registry.TransactionStatus.PROPOSED || t.status() == org.openets.registry.TransactionStatus.AWAITING_APPROVAL
                || t.status() == org.openets.registry.TransactionStatus.DELAYED));
    }

    @Override public long issued(String unitType, Vintage v) {
        return series.values().stream().filter(s -> s.key().unitType().code().equals(unitType) && s.key().vintage().equals(v))
                .mapToLong(s -> nextSerial.get(s.id()) - 1).sum();
    }

    @Override public long nextSerial(long seriesId) { return nextSerial.get(seriesId); }

    @Override public void recordIssued(long seriesId, SerialRange range) {
        if (range.first() != nextSerial.get(seriesId)) throw new IllegalStateException("issuance out of order");
        nextSerial.put(seriesId, range.last() + 1);
    }

    @Override public Holding holding(long accountId, long seriesId) {
        return holdings.getOrDefault(accountId + "/" + seriesId, new Holding(accountId, seriesId, 0, 0));
    }

    @Override public void adjustHolding(long accountId, long seriesId, long dq, long df) {
        Holding h = holding(accountId, seriesId);
        holdings.put(accountId + "/" + seriesId, new Holding(accountId, seriesId, Math.addExact(h.quantity(), dq), Math.addExact(h.frozen(), df)));
    }

    private TreeMap<Long, UnitBlock> blocksOf(long account, long seriesId) {
        return blocks.computeIfAbsent(account + "/" + seriesId, k -> new TreeMap<>());
    }

    @Override public List<UnitBlock> blocksCovering(long account, long seriesId, long pledgee, long quantity) {
        List<UnitBlock> out = new ArrayList<>();
        long sum = 0;
        for (UnitBlock b : blocksOf(account, seriesId).values()) {
            if (b.pledgee() != pledgee) continue;
            out.add(b);
            sum += b.size();
            if (sum >= quantity) break;
        }
        return out;
    }

    @Override public Optional<UnitBlock> smallestBlockHolding(long account, long seriesId, long pledgee, long quantity) {
        UnitBlock best = null;
        for (UnitBlock b : blocksOf(account, seriesId).values()) // by first serial: a later block of the same size never wins
            if (b.pledgee() == pledgee && b.size() >= quantity && (best == null || b.size() < best.size())) best = b;
        return Optional.ofNullable(best);
    }

    @Override public List<UnitBlock> blocksOverlapping(long account, long seriesId, SerialRange range) {
        return blocksOf(account, seriesId).values().stream().filter(b -> b.range().overlaps(range)).toList();
    }

    @Override public List<UnitBlock> blocksAdjacent(long account, long seriesId, long pledgee, SerialRange range) {
        return blocksOf(account, seriesId).values().stream()
                .filter(b -> b.pledgee() == pledgee && b.range().isAdjacentTo(range)).toList();
    }

    @Override public void addBlock(UnitBlock b) {
        TreeMap<Long, UnitBlock> m = blocksOf(b.accountId(), b.seriesId());
        if (m.putIfAbsent(b.range().first(), b) != null) throw new IllegalStateException("block exists at " + b.range());
    }

    @Override public void removeBlock(UnitBlock b) {
        if (!b.equals(blocksOf(b.accountId(), b.seriesId()).remove(b.range().first()))) throw new IllegalStateException("no such block " + b);
    }

    @Override public long nextTransactionId() { return nextTx++; }

    @Override public Optional<Transaction> transaction(long id) { return Optional.ofNullable(transactions.get(id)); }

    @Override public Optional<Transaction> transactionByCommand(CommandId id) {
        return Optional.ofNullable(byCommand.get(id)).map(transactions::get);
    }

    @Override public List<Transaction> batch(String batchId) {
        return transactions.values().stream().filter(t -> batchId.equals(t.batchId())).sorted(Comparator.comparingLong(Transaction::id)).toList();
    }

    @Override public Optional<Transaction> reversalOf(long id) {
        return transactions.values().stream().filter(t -> t.type() == TransactionType.REVERSAL && t.reverses() == id
                && t.status() != TransactionStatus.REJECTED && t.status() != TransactionStatus.CANCELLED).findFirst();
    }

    @Override public List<Transaction> due(Instant now) {
        return transactions.values().stream().filter(t ->
                (t.status() == TransactionStatus.DELAYED && !t.executesAt().isAfter(now))
                        || (t.status() == TransactionStatus.AWAITING_APPROVAL && now.isAfter(t.expiresAt()))).toList();
    }

    @Override public void save(Transaction t) {
        Long existing = byCommand.putIfAbsent(t.commandId(), t.id());
        if (existing != null && existing != t.id()) throw new IllegalStateException("command id reused: " + t.commandId());
        transactions.put(t.id(), t);
    }

    @Override public void journal(Transaction completed, String seriesCode) {
        String line = JournalEntry.of(journal.size(), completed, seriesCode).canonical();
        hashes.add(JournalEntry.chain(hashes.getLast(), line));
        journal.add(line);
    }

    @Override public void saveAccount(Account a) { accounts.put(a.id(), a); }

    @Override public void saveTrusted(TrustedAccount e) { trusted.put(e.accountId() + "/" + e.trustedAccountId(), e); }

    private final Map<String, org.openets.registry.TrustedAddition> pendingTrusted = new HashMap<>();
    private long nextAdditionId = 1;

    @Override public Optional<org.openets.registry.TrustedAddition> pendingTrusted(long accountId, long trustedAccountId) {
        return Optional.ofNullable(pendingTrusted.get(accountId + "/" + trustedAccountId));
    }

    @Override public org.openets.registry.TrustedAddition savePendingTrusted(org.openets.registry.TrustedAddition a) {
        org.openets.registry.TrustedAddition saved = new org.openets.registry.TrustedAddition(nextAdditionId++, a.accountId(), a.trustedAccountId(),
                a.proposedBy(), a.proposedAt(), a.expiresAt());
        pendingTrusted.put(a.accountId() + "/" + a.trustedAccountId(), saved);
        return saved;
    }

    @Override public boolean approvePendingTrusted(org.openets.registry.TrustedAddition a, TrustedAccount entry, org.openets.kernel.ActorId approver, Instant now) {
        org.openets.registry.TrustedAddition p = pendingTrusted.get(a.accountId() + "/" + a.trustedAccountId());
        if (p == null || p.id() != a.id() || p.lapsedAt(now)) return false;
        pendingTrusted.remove(a.accountId() + "/" + a.trustedAccountId());
        saveTrusted(entry);
        return true;
    }

    @Override public boolean endPendingTrusted(org.openets.registry.TrustedAddition a, org.openets.registry.TrustedAddition.End how,
                                               org.openets.kernel.ActorId by, String reason, Instant now) {
        org.openets.registry.TrustedAddition p = pendingTrusted.get(a.accountId() + "/" + a.trustedAccountId());
        if (p == null || p.id() != a.id()) return false;
        pendingTrusted.remove(a.accountId() + "/" + a.trustedAccountId());
        return true;
    }

    /** Takes an entry off an account's trusted list (the registry's administration does this in the store). */
    public InMemoryLedger removeTrusted(long accountId, long trustedAccountId) { trusted.remove(accountId + "/" + trustedAccountId); return this; }

    private final Map<Long, String> declineReasons = new HashMap<>();

    @Override public void saveDeclineReason(long transactionId, String reason) {
        declineReasons.put(transactionId, reason);
    }

    /** Why the transaction was declined, if it was. */
    public Optional<String> declineReason(long transactionId) { return Optional.ofNullable(declineReasons.get(transactionId)); }
}
