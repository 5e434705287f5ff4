package org.openets.store;

import org.openets.kernel.SerialRange;
import org.openets.registry.JournalEntry;
import org.openets.registry.TransactionType;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code journal verify}: recomputes the journal's hash chain from genesis, then every balance from the journal
 * alone, and compares them with the registry's holdings, blocks and transactions. It names the exact entry where
 * an edited, deleted or reordered row breaks the chain.
 */
public final class JournalVerifier {

    /** One problem found; {@code seq} is the journal entry it concerns, or -1 for a holdings problem. */
    public record Problem(long seq, String code, String detail) {
        @Override public String toString() { return (seq >= 0 ? "entry " + seq + ": " : "") + code + " " + detail; }
    }

    public record Report(long entries, String headHash, List<Problem> problems) {
        public boolean intact() { return problems.isEmpty(); }
    }

    private final DataSource ds;

    public JournalVerifier(DataSource ds) { this.ds = ds; }

    public Report verify() {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                return verify(c);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new Sql.Failure("journal verify", e);
        }
    }

    private Report verify(Connection c) throws SQLException {
        List<Problem> problems = new ArrayList<>();
        Map<String, long[]> balances = new TreeMap<>(); // account/series -> {quantity, frozen}
        Map<Long, Long> issued = new HashMap<>();
        Set<Long> journaledTx = new HashSet<>();
        long count = 0, expectedSeq = 0;
        String previousHash = null;
        boolean chainBroken = false;
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, transaction_id, canonical, prev_hash, hash FROM journal ORDER BY seq")) {
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    String canonical = rs.getString(3), prev = rs.getString(4), hash = rs.getString(5);
                    count++;
                    if (!chainBroken) {
                        String problem = null;
                        if (seq != expectedSeq) problem = "SEQUENCE_GAP entry " + expectedSeq + " is missing (next is " + seq + ")";
                        else if (seq == 0 && (!JournalEntry.GENESIS_CANONICAL.equals(canonical) || !JournalEntry.GENESIS_PREVIOUS.equals(prev)))
                            problem = "BAD_GENESIS the genesis entry was altered";
                        else if (seq > 0 && !Objects.equals(prev, previousHash)) problem = "BROKEN_LINK previous hash does not match entry " + (seq - 1);
                        else if (!JournalEntry.chain(prev, canonical).equals(hash)) problem = "BAD_HASH the entry's content does not match its hash";
                        else if (seq > 0 && !canonical.startsWith("v1|" + seq + "|")) problem = "OUT_OF_ORDER the entry records sequence number " + canonical.split("\\|")[1];
                        if (problem != null) {
                            int space = problem.indexOf(' ');
                            long at = problem.startsWith("SEQUENCE_GAP") ? expectedSeq : seq;
                            problems.add(new Problem(at, problem.substring(0, space), problem.substring(space + 1)));
                            chainBroken = true;
                        }
                    }
                    previousHash = hash;
                    expectedSeq = seq + 1;
                    if (seq == 0) continue;
                    JournalEntry e;
                    try {
                        e = JournalEntry.parse(canonical);
                    } catch (RuntimeException ex) {
                        problems.add(new Problem(seq, "MALFORMED_ENTRY", ex.getMessage()));
                        continue;
                    }
                    if (!journaledTx.add(e.transactionId())) problems.add(new Problem(seq, "DUPLICATE_TRANSACTION", "transaction " + e.transactionId() + " is journaled twice"));
                    apply(e, balances, issued, problems);
                }
            }
        }
        reconcile(c, balances, issued, journaledTx, problems);
        return new Report(count, previousHash, problems);
    }

    private static void apply(JournalEntry e, Map<String, long[]> balances, Map<Long, Long> issued, List<Problem> problems) {
        long q = e.quantity();
        long sum = e.ranges().stream().mapToLong(SerialRange::size).sum();
        if (sum != q) problems.add(new Problem(e.seq(), "QUANTITY_MISMATCH", "ranges hold " + sum + " t, entry says " + q));
        String from = e.from() + "/" + e.seriesId(), to = e.to() + "/" + e.seriesId();
        switch (e.type()) {
            case ISSUE -> {
                issued.merge(e.seriesId(), q, Long::sum);
                balances.computeIfAbsent(to, k -> new long[2])[0] += q;
            }
            case FREEZE -> balances.computeIfAbsent(from, k -> new long[2])[1] += q;
            case UNFREEZE -> balances.computeIfAbsent(from, k -> new long[2])[1] -= q;
            default -> {
                balances.computeIfAbsent(from, k -> new long[2])[0] -= q;
                balances.computeIfAbsent(to, k -> new long[2])[0] += q;
            }
        }
        long[] f = balances.get(from);
        if (e.type() != TransactionType.ISSUE && f != null && (f[0] < 0 || f[1] < 0 || f[1] > f[0]))
            problems.add(new Problem(e.seq(), "NEGATIVE_BALANCE", "account " + e.from() + " would hold " + f[0] + " t (" + f[1] + " frozen) of series " + e.seriesId()));
    }

    private static void reconcile(Connection c, Map<String, long[]> balances, Map<Long, Long> issued, Set<Long> journaledTx, List<Problem> problems) {
        Map<String, long[]> registry = new TreeMap<>();
        for (Object[] r : Sql.list(c, "SELECT account_id, series_id, quantity, frozen FROM holding", rs -> new Object[]{rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)}))
            registry.put(r[0] + "/" + r[1], new long[]{(Long) r[2], (Long) r[3]});
        Set<String> keys = new HashSet<>(registry.keySet());
        keys.addAll(balances.keySet());
        for (String k : new java.util.TreeSet<>(keys)) {
            long[] j = balances.getOrDefault(k, new long[2]), r = registry.getOrDefault(k, new long[2]);
            if (j[0] != r[0] || j[1] != r[1])
                problems.add(new Problem(-1, "BALANCE_MISMATCH", "account/series " + k + ": journal says " + j[0] + " t (" + j[1] + " frozen), holdings say " + r[0] + " t (" + r[1] + " frozen)"));
        }
        // blocks: per account/series they sum to the holding; per series they never overlap and cover 1..issued
        Map<String, long[]> blockSums = new HashMap<>();
        Map<Long, Long> nextExpected = new HashMap<>();
        for (Object[] b : Sql.list(c, "SELECT series_id, first_serial, last_serial, account_id, pledgee FROM unit_block ORDER BY series_id, first_serial",
                rs -> new Object[]{rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)})) {
            long series = (Long) b[0], first = (Long) b[1], last = (Long) b[2];
            long expected = nextExpected.getOrDefault(series, 1L);
            if (first != expected)
                problems.add(new Problem(-1, first < expected ? "OVERLAPPING_BLOCKS" : "SERIAL_GAP", "series " + series + " expected serial " + expected + ", block starts at " + first));
            nextExpected.put(series, last + 1);
            long[] s = blockSums.computeIfAbsent(b[3] + "/" + series, k -> new long[2]);
            s[0] += last - first + 1;
            if ((Long) b[4] != 0) s[1] += last - first + 1;
        }
        for (Map.Entry<String, long[]> e : registry.entrySet()) {
            long[] s = blockSums.getOrDefault(e.getKey(), new long[2]);
            if (s[0] != e.getValue()[0] || s[1] != e.getValue()[1])
                problems.add(new Problem(-1, "BLOCKS_MISMATCH", "account/series " + e.getKey() + ": blocks hold " + s[0] + " t, holding says " + e.getValue()[0] + " t"));
        }
        Map<Long, Long> heldBySeries = new HashMap<>();
        for (Map.Entry<String, long[]> e : registry.entrySet())
            heldBySeries.merge(Long.parseLong(e.getKey().substring(e.getKey().indexOf('/') + 1)), e.getValue()[0], Long::sum);
        for (Object[] s : Sql.list(c, "SELECT id, next_serial - 1 FROM unit_series", rs -> new Object[]{rs.getLong(1), rs.getLong(2)})) {
            long id = (Long) s[0], n = (Long) s[1];
            if (issued.getOrDefault(id, 0L) != n) problems.add(new Problem(-1, "ISSUED_MISMATCH", "series " + id + ": journal issued " + issued.getOrDefault(id, 0L) + " t, series says " + n + " t"));
            if (nextExpected.getOrDefault(id, 1L) - 1 != n) problems.add(new Problem(-1, "COVERAGE_MISMATCH", "series " + id + ": blocks cover up to " + (nextExpected.getOrDefault(id, 1L) - 1) + ", issued " + n));
            long held = heldBySeries.getOrDefault(id, 0L);
            if (held != n) problems.add(new Problem(-1, "CONSERVATION", "series " + id + ": issued " + n + " t, held " + held + " t"));
        }
        Set<Long> completed = new HashSet<>(Sql.list(c, "SELECT id FROM registry_transaction WHERE status = 'COMPLETED'", rs -> rs.getLong(1)));
        for (long id : completed) if (!journaledTx.contains(id)) problems.add(new Problem(-1, "UNJOURNALED_TRANSACTION", "completed transaction " + id + " has no journal entry"));
        for (long id : journaledTx) if (!completed.contains(id)) problems.add(new Problem(-1, "JOURNAL_WITHOUT_TRANSACTION", "journal entry for transaction " + id + " which is not completed"));
    }
}
