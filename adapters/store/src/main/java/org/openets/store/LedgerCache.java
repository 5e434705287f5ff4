package org.openets.store;

import org.openets.kernel.BusinessCalendar;
import org.openets.kernel.CommandId;
import org.openets.kernel.UnitType;
import org.openets.registry.Account;
import org.openets.registry.Controls;
import org.openets.registry.Role;
import org.openets.registry.SeriesKey;
import org.openets.registry.Transaction;
import org.openets.registry.TrustedAccount;
import org.openets.registry.UnitBlock;
import org.openets.registry.UnitSeries;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the ledger's single writer knows of the registry between group commits (ADR 0003): the ledger state it
 * is the only writer of (holdings and their serial blocks, series and their next serials, the journal's head,
 * recent transactions by command id) and the reference data it reads on every command (accounts, roles,
 * controls, the trusted list, holding rules, unit types, calendars, caps).
 *
 * <p>It is valid only while nobody else changed what it holds. {@link #validate} compares the generations read
 * under the ledger's lock at the start of each group commit with the ones it was built on: another writer's
 * commit drops the ledger state, any change of reference data drops the reference data. A group commit that
 * fails drops everything ({@link #clear}): the cache may hold changes that never committed.
 *
 * <p>Owned by the writer thread; not thread-safe.
 */
final class LedgerCache {
    static final int MAX_POOLS = 200_000;
    static final int MAX_COMMANDS = 100_000;

    /** What one account holds of one series: the holding row and every serial block, by pledgee and first serial. */
    static final class Pool {
        final long account, series;
        long quantity, frozen;
        /** Whether the holding row exists in the database (else the first change inserts it). */
        boolean rowExists;
        final Map<Long, TreeMap<Long, UnitBlock>> byPledgee = new HashMap<>(4);
        /** The same blocks by size, then first serial: the smallest block that holds a quantity in O(log n). */
        final Map<Long, TreeSet<UnitBlock>> bySize = new HashMap<>(4);

        Pool(long account, long series) {
            this.account = account;
            this.series = series;
        }

        static final Comparator<UnitBlock> SIZE_THEN_SERIAL = (a, b) -> {
            int c = Long.compare(a.size(), b.size());
            return c != 0 ? c : Long.compare(a.range().first(), b.range().first());
        };

        void add(UnitBlock b) {
            if (byPledgee.computeIfAbsent(b.pledgee(), k -> new TreeMap<>()).putIfAbsent(b.range().first(), b) != null)
                throw new IllegalStateException("block exists at " + b);
            bySize.computeIfAbsent(b.pledgee(), k -> new TreeSet<>(SIZE_THEN_SERIAL)).add(b);
        }

        void remove(UnitBlock b) {
            TreeMap<Long, UnitBlock> m = byPledgee.get(b.pledgee());
            if (m == null || !b.equals(m.get(b.range().first()))) throw new IllegalStateException("no such block " + b);
            m.remove(b.range().first());
            bySize.get(b.pledgee()).remove(b);
        }
    }

    record PoolKey(long account, long series) {}

    long ledgerGeneration = -1, referenceGeneration = -1;

    // ---- ledger state (this writer is its only writer while its generation holds)
    final Map<PoolKey, Pool> pools = new HashMap<>();
    final Map<Long, UnitSeries> seriesById = new HashMap<>();
    final Map<SeriesKey, UnitSeries> seriesByKey = new HashMap<>();
    final Map<Long, Long> nextSerial = new HashMap<>();
    final Map<String, Long> issued = new HashMap<>();
    long journalSeq = -1;
    String journalHash;
    final Map<CommandId, Transaction> commands = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<CommandId, Transaction> e) { return size() > MAX_COMMANDS; }
    };
    /** Transaction ids taken from the sequence and not used yet; kept across failures (a sequence never gives one twice). */
    final Deque<Long> ids = new ArrayDeque<>();

    // ---- reference data
    final Map<Long, Optional<Account>> accounts = new HashMap<>();
    final Map<String, Optional<Account>> governmentAccounts = new HashMap<>();
    final Map<String, EnumSet<Role>> roles = new HashMap<>();
    final Map<String, Boolean> administrators = new HashMap<>();
    /** Each account's trusted list, by trusted account id. */
    final Map<Long, Map<Long, TrustedAccount>> trusted = new HashMap<>();
    final Map<String, Controls> controls = new HashMap<>();
    final Map<String, Boolean> holdable = new HashMap<>();
    final Map<String, Optional<UnitType>> unitTypes = new HashMap<>();
    final Map<String, BusinessCalendar> calendars = new HashMap<>();
    final Map<String, OptionalLong> limits = new HashMap<>();

    /** Drops what another writer or a change of reference data has made stale; returns whether anything was dropped. */
    boolean validate(long ledger, long reference) {
        boolean dropped = false;
        if (ledger != ledgerGeneration) {
            clearLedger();
            ledgerGeneration = ledger;
            dropped = true;
        }
        if (reference != referenceGeneration) {
            clearReference();
            referenceGeneration = reference;
            dropped = true;
        }
        if (pools.size() > MAX_POOLS) {
            pools.clear();
            dropped = true;
        }
        return dropped;
    }

    void clear() {
        clearLedger();
        clearReference();
        ledgerGeneration = -1;
        referenceGeneration = -1;
    }

    private void clearLedger() {
        pools.clear();
        seriesById.clear();
        seriesByKey.clear();
        nextSerial.clear();
        issued.clear();
        journalSeq = -1;
        journalHash = null;
        commands.clear();
    }

    private void clearReference() {
        accounts.clear();
        governmentAccounts.clear();
        roles.clear();
        administrators.clear();
        trusted.clear();
        controls.clear();
        holdable.clear();
        unitTypes.clear();
        calendars.clear();
        limits.clear();
    }
}
