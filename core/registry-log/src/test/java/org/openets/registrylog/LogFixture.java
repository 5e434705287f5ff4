package org.openets.registrylog;

import org.openets.registrylog.spi.AccountStopper;
import org.openets.registrylog.spi.InMemoryLogStore;
import org.openets.registrylog.spi.RegistryHoldings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The accounts, store, stopper and holdings a test runs the log with. */
class LogFixture {
    static final long TOTAL = 1, ALLOCATION = 2, A = 10, B = 11, C = 12, PLEDGEE = 50, RETIREMENT = 98, SURRENDER = 99;
    static final Instant NOW = Instant.parse("2025-03-01T08:00:00Z");

    final InMemoryLogStore store = new InMemoryLogStore();
    final TransactionLog log = new TransactionLog(store, id -> id == RETIREMENT ? "RETIREMENT" : id == SURRENDER ? "SURRENDER" : null);
    final List<Set<Long>> stops = new ArrayList<>();
    final List<String> reasons = new ArrayList<>();
    final AccountStopper stopper = (ids, reason) -> {
        stops.add(new TreeSet<>(ids));
        reasons.add(reason);
    };

    static RegistryHoldings.Row row(long account, long series, long quantity, long frozen) {
        return new RegistryHoldings.Row(account, series, quantity, frozen);
    }

    static RegistryHoldings holdings(long head, RegistryHoldings.Row... rows) {
        return () -> new RegistryHoldings.Snapshot(head, List.of(rows));
    }

    CheckReport run(TestJournal j, RegistryHoldings.Row... rows) { return log.run(j, holdings(j.rows.getLast().seq(), rows), stopper, NOW); }

    /** Runs against the head of the journal and whatever holdings the log's books have, to look at the entry checks alone. */
    CheckReport check(TestJournal j) {
        return log.run(j, holdings(j.rows.getLast().seq()), (ids, reason) -> { }, NOW);
    }

    /**
     * Issue 1000 t, allocate, transfer, pledge, surrender, partly release the pledge, reverse the surrender, and retire
     * with free text that needs encoding: seq 1..8, transactions 101..108.
     */
    static TestJournal cleanJournal() {
        TestJournal j = new TestJournal();
        j.issue(TOTAL, 1, "1-1000");                                  // seq 1, tx 101
        j.move("ALLOCATE", TOTAL, A, 1, "1-600");                      // seq 2, tx 102
        j.move("TRANSFER", A, B, 1, "1-200");                          // seq 3, tx 103
        j.freeze(A, 1, PLEDGEE, "201-300");                            // seq 4, tx 104
        long surrender = j.move("SURRENDER", B, SURRENDER, 1, "1-50"); // seq 5, tx 105
        j.unfreeze(A, 1, PLEDGEE, "201-240");                          // seq 6, tx 106
        j.reversal(surrender, SURRENDER, B, 1, "1-50");                // seq 7, tx 107
        j.entry("RETIRE", B, RETIREMENT, 1, 10, "51-60", 0, 0, "ACME %7C 100%25%0ALtd", "offset 2024"); // seq 8, tx 108
        return j;
    }

    /** What the registry holds after {@link #cleanJournal()}. */
    static RegistryHoldings.Row[] cleanHoldings() {
        return new RegistryHoldings.Row[]{row(TOTAL, 1, 400, 0), row(A, 1, 400, 60), row(B, 1, 190, 0), row(RETIREMENT, 1, 10, 0),
                row(SURRENDER, 1, 0, 0)};
    }

    static List<FindingCode> codes(CheckReport r) { return r.findings().stream().map(Finding::code).toList(); }

    /** Entry findings only: without the balance mismatches of a reconciliation against no holdings. */
    static List<Finding> entryFindings(CheckReport r) {
        return r.findings().stream().filter(f -> f.code() != FindingCode.BALANCE_MISMATCH).toList();
    }
}
