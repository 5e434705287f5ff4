package org.openets.bench;

import org.openets.kernel.ActorId;
import org.openets.kernel.CommandId;
import org.openets.kernel.Jurisdiction;
import org.openets.kernel.UnitKind;
import org.openets.kernel.UnitType;
import org.openets.kernel.Vintage;
import org.openets.registry.Account;
import org.openets.registry.AccountType;
import org.openets.registry.BatchRequest;
import org.openets.registry.Outcome;
import org.openets.registry.Role;
import org.openets.registry.SeriesKey;
import org.openets.registry.TransactionRequest;
import org.openets.registry.TransactionStatus;
import org.openets.registry.TransactionType;
import org.openets.store.Database;
import org.openets.store.GroupCommitLedger;
import org.openets.store.JournalVerifier;
import org.openets.store.PgRegistryAdministration;
import org.openets.workflows.registry.RegistryService;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Load generator for the registry's in-process ledger path: {@code RegistryService → Registry → GroupCommitLedger →
 * PostgreSQL}. It sets up one jurisdiction (two administrators, government accounts, a cap, a 4-eyes issuance, an
 * allocation batch funding {@code --accounts} covered-entity accounts), removes the controls on holding accounts so
 * a holder's transfer completes at once, then for each client count runs closed-loop clients for a warm-up and a
 * measured window:
 * <ul>
 *   <li>{@code single}: each client proposes one TRANSFER at a time (random from/to among the accounts, 1–1000 t,
 *       a fresh client-supplied command id), like pgbench's {@code transfer.sql};</li>
 *   <li>{@code batch}: each client proposes a {@link BatchRequest} of {@code --batch-size} TRANSFER lines with
 *       distinct from/to pairs, senders and receivers disjoint (no account both credited and debited).</li>
 * </ul>
 * It prints one {@code RESULT key=value ...} line per phase (completed transfers/s in the window, p50/p99 latency of
 * the command as the client sees it, transfers per database commit), then a statement-count pass that counts the
 * JDBC executions per transfer through a counting wrapper (a separate ledger; not part of the timed runs), then
 * checks conservation and verifies the journal's hash chain.
 *
 * <p>Run: {@code java -cp bench/target/classes:$(cat bench/target/classpath.txt) org.openets.bench.TransferBench
 * --url=jdbc:postgresql://127.0.0.1:5432/bench_registry} (the database must exist and be empty; see
 * {@code bench/run.sh}). Options: {@code --clients=1,4,16 --warmup=5 --duration=20 --modes=single,batch
 * --batch-size=100 --accounts=100 --per-account=1000000 --max-batch=256 --pool=4 --checkpoint=false
 * --count-pass=true --verify=true} ({@code --checkpoint=true} runs CHECKPOINT before each phase, as run.sh does before each
 * pgbench run). {@code --after-setup-sql=FILE} runs the file's SQL after the setup, before the phases: a diagnostic for
 * measuring what a piece of the storage costs (e.g. an index dropped), never used by run.sh.
 */
public final class TransferBench {
    static final Jurisdiction CN = Jurisdiction.of("CN");
    static final UnitType CEA = new UnitType("CEA", UnitKind.ALLOWANCE, CN);
    static final int FIRST_VINTAGE = 2031;
    static final ActorId ADMIN = ActorId.of("bench-admin"), ADMIN2 = ActorId.of("bench-admin2"), TRADER = ActorId.of("bench-trader");

    private final Map<String, String> opt;
    private final String url, user, password;
    private final int accounts, batchSize, maxBatch, pool;
    private final long perAccount;
    private final double warmup, duration;

    /** The ledger of the timed phases, whose writer's time split each phase reports. */
    private GroupCommitLedger current;

    private TransferBench(Map<String, String> opt) {
        this.opt = opt;
        url = opt.getOrDefault("url", "jdbc:postgresql://127.0.0.1:5432/bench_registry");
        user = opt.getOrDefault("user", "postgres");
        password = opt.getOrDefault("password", "");
        accounts = Integer.parseInt(opt.getOrDefault("accounts", "100"));
        perAccount = Long.parseLong(opt.getOrDefault("per-account", "1000000"));
        batchSize = Integer.parseInt(opt.getOrDefault("batch-size", "100"));
        maxBatch = Integer.parseInt(opt.getOrDefault("max-batch", "256"));
        pool = Integer.parseInt(opt.getOrDefault("pool", "4"));
        warmup = Double.parseDouble(opt.getOrDefault("warmup", "5"));
        duration = Double.parseDouble(opt.getOrDefault("duration", "20"));
        if (batchSize > 2 * (accounts / 2) * (accounts / 2) || batchSize < 1)
            throw new IllegalArgumentException("batch size must be 1.." + (accounts / 2) * (accounts / 2) + " for " + accounts + " accounts");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new LinkedHashMap<>();
        for (String a : args) {
            if (!a.startsWith("--") || !a.contains("=")) throw new IllegalArgumentException("options are --key=value: " + a);
            opt.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
        }
        new TransferBench(opt).run();
    }

    // ------------------------------------------------------------------------------------------------- setup

    /** The jurisdiction's accounts; {@code gov} by type, {@code entities} the covered entities the clients trade between. */
    record Setup(Map<AccountType, Account> gov, List<Account> entities) {}

    private Setup setUp(DataSource ds, RegistryService registry) {
        PgRegistryAdministration admin = new PgRegistryAdministration(ds);
        admin.addAdministrator(ADMIN, CN);
        admin.addAdministrator(ADMIN2, CN);
        Map<AccountType, Account> gov = new java.util.EnumMap<>(AccountType.class);
        org.openets.store.PgRegistryReadModel read = new org.openets.store.PgRegistryReadModel(ds);
        for (AccountType t : List.of(AccountType.TOTAL_QUANTITY, AccountType.ALLOCATION, AccountType.SURRENDER, AccountType.CANCELLATION, AccountType.RETIREMENT)) {
            // a database with a market already (e.g. the demo's, to load it at scale): its government accounts, where issuance goes
            List<Account> existing = read.accounts(CN.code(), t);
            gov.put(t, existing.isEmpty() ? admin.openAccount(CN, t, "生态环境部 " + t, null) : existing.getFirst());
        }
        List<Account> entities = new ArrayList<>();
        for (int i = 0; i < accounts; i++) entities.add(admin.openAccount(CN, AccountType.COVERED_ENTITY_HOLDING, "控排企业 " + i, "91BENCH" + i));
        // no 4-eyes, no delay, no trusted list on holding accounts: a holder's transfer completes immediately
        exec(ds, "UPDATE control_setting SET four_eyes = false, trusted_delay_hours = 0, untrusted_policy = 'DELAY', untrusted_delay_hours = 0 " +
                "WHERE account_type = 'COVERED_ENTITY_HOLDING'");
        for (Account a : entities) admin.addRepresentative(a.id(), TRADER, Role.INITIATOR);
        return new Setup(gov, entities);
    }

    /**
     * A fresh CEA vintage for one phase: cap, issuance with 4-eyes, on to the allocation account (4-eyes), and one
     * allocation batch (4-eyes: approving one line approves the batch) giving every entity {@code perAccount} t in
     * one contiguous serial block. Each phase trades its own series, so every phase starts from the same
     * unfragmented holdings (transfers split serial blocks, and the cost of a transfer grows with the split).
     */
    private SeriesKey fund(DataSource ds, RegistryService registry, Setup setup, int vintage) {
        SeriesKey series = new SeriesKey(CEA, Vintage.of(vintage), null);
        long total = perAccount * accounts;
        new PgRegistryAdministration(ds).setIssuanceLimit("CEA", vintage, total, "bench cap");
        Outcome issue = registry.propose(TransactionRequest.issue(CommandId.of("bench-issue-" + vintage), ADMIN, series, total, null));
        expect(issue.transaction().status() == TransactionStatus.AWAITING_APPROVAL, "issuance awaits approval", issue);
        expect(registry.approve(issue.transaction().id(), ADMIN2).transaction().status() == TransactionStatus.COMPLETED, "issuance completes", issue);
        Outcome toAlloc = registry.propose(TransactionRequest.of(CommandId.of("bench-to-alloc-" + vintage), TransactionType.TRANSFER, ADMIN,
                setup.gov().get(AccountType.TOTAL_QUANTITY).id(), setup.gov().get(AccountType.ALLOCATION).id(), series, total));
        Outcome approved = registry.approve(toAlloc.transaction().id(), ADMIN2);
        expect(approved.transaction().status() == TransactionStatus.COMPLETED, "transfer to allocation completes", approved);
        List<TransactionRequest> lines = new ArrayList<>();
        for (Account a : setup.entities())
            lines.add(TransactionRequest.of(CommandId.of("x"), TransactionType.ALLOCATE, ADMIN, setup.gov().get(AccountType.ALLOCATION).id(), a.id(), series, perAccount));
        Outcome.Batch alloc = registry.proposeBatch(new BatchRequest(CommandId.of("bench-alloc-" + vintage), ADMIN, lines));
        expect(!alloc.isRejected(), "allocation batch accepted", alloc);
        Outcome done = registry.approve(alloc.lines().getFirst().id(), ADMIN2);
        expect(done.transaction().status() == TransactionStatus.COMPLETED, "allocation batch completes", done);
        List<Account> e = setup.entities();
        Outcome probe = registry.propose(TransactionRequest.transfer(CommandId.of("bench-probe-" + vintage), TRADER, e.get(0).id(), e.get(1).id(), series, 1));
        expect(probe.transaction().status() == TransactionStatus.COMPLETED, "a holder's transfer completes at once", probe);
        return series;
    }

    private static void expect(boolean ok, String what, Object outcome) {
        if (!ok) throw new IllegalStateException("setup: expected " + what + ", got " + outcome);
    }

    // ------------------------------------------------------------------------------------------------- phases

    /** What one client does once: one command (a transfer or a batch); returns the transfers it completed. */
    interface Op { int run(int thread, long seq, SplittableRandom rnd); }

    record PhaseResult(String mode, int clients, long ops, long transfers, double seconds, long[] sortedLatencyNanos,
                       Map<String, Long> rejections, long errors, String firstError, CpuSample.Use cpu,
                       GroupCommitLedger.Timing timing) {
        double transfersPerSecond() { return transfers / seconds; }

        double opsPerSecond() { return ops / seconds; }

        double percentileMillis(double p) {
            if (sortedLatencyNanos.length == 0) return Double.NaN;
            int i = (int) Math.ceil(p / 100.0 * sortedLatencyNanos.length) - 1;
            return sortedLatencyNanos[Math.max(0, Math.min(i, sortedLatencyNanos.length - 1))] / 1e6;
        }
    }

    private PhaseResult phase(String mode, int clients, Op op) throws InterruptedException {
        long start = System.nanoTime() + 50_000_000L;
        long windowStart = start + (long) (warmup * 1e9), windowEnd = windowStart + (long) (duration * 1e9);
        AtomicLong ops = new AtomicLong(), transfers = new AtomicLong(), errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        Map<String, Long> rejections = new ConcurrentHashMap<>();
        long[][] latencies = new long[clients][];
        int[] counts = new int[clients];
        CountDownLatch done = new CountDownLatch(clients);
        for (int t = 0; t < clients; t++) {
            int thread = t;
            Thread.ofPlatform().name("client-" + t).start(() -> {
                SplittableRandom rnd = new SplittableRandom(1_000_003L * clients + thread);
                long[] lat = new long[1 << 14];
                int n = 0;
                long seq = 0, myOps = 0, myTransfers = 0;
                try {
                    while (System.nanoTime() < start) Thread.onSpinWait();
                    while (true) {
                        long t0 = System.nanoTime();
                        if (t0 >= windowEnd) break;
                        int moved;
                        try {
                            moved = op.run(thread, seq++, rnd);
                        } catch (RuntimeException e) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, e.toString());
                            moved = -1;
                        }
                        long t1 = System.nanoTime();
                        if (t1 >= windowStart && t1 < windowEnd && moved >= 0) {
                            myOps++;
                            myTransfers += moved;
                            if (moved == 0) rejections.merge(lastRejection.get(), 1L, Long::sum);
                            if (n == lat.length) lat = Arrays.copyOf(lat, n * 2);
                            lat[n++] = t1 - t0;
                        }
                    }
                } finally {
                    ops.addAndGet(myOps);
                    transfers.addAndGet(myTransfers);
                    latencies[thread] = lat;
                    counts[thread] = n;
                    done.countDown();
                }
            });
        }
        // CPU use over the measured window: the machine, this JVM, the ledger's writer thread
        sleepUntil(windowStart);
        CpuSample before = CpuSample.now();
        GroupCommitLedger.Timing timingBefore = current.timing();
        sleepUntil(windowEnd);
        CpuSample.Use cpu = CpuSample.now().since(before);
        GroupCommitLedger.Timing timing = current.timing().since(timingBefore);
        done.await();
        int total = 0;
        for (int c : counts) total += c;
        long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < clients; t++) {
            System.arraycopy(latencies[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        return new PhaseResult(mode, clients, ops.get(), transfers.get(), (windowEnd - windowStart) / 1e9, all,
                new TreeMap<>(rejections), errors.get(), firstError.get(), cpu, timing);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
    }

    /** The rejection code of the calling client's last command, when it moved nothing. */
    private static final ThreadLocal<String> lastRejection = ThreadLocal.withInitial(() -> "?");

    private Op singleTransfers(RegistryService registry, List<Account> entities, SeriesKey series, String prefix) {
        int n = entities.size();
        return (thread, seq, rnd) -> {
            int from = rnd.nextInt(n), to = (from + 1 + rnd.nextInt(n - 1)) % n;
            long q = 1 + rnd.nextInt(1000);
            Outcome o = registry.propose(TransactionRequest.transfer(CommandId.of(prefix + "-" + thread + "-" + seq), TRADER,
                    entities.get(from).id(), entities.get(to).id(), series, q));
            if (o.transaction() != null && o.transaction().status() == TransactionStatus.COMPLETED) return 1;
            lastRejection.set(o instanceof Outcome.Rejected r ? r.code().name() : String.valueOf(o.transaction().status()));
            return 0;
        };
    }

    private Op batchedTransfers(RegistryService registry, List<Account> entities, SeriesKey series, String prefix) {
        int n = entities.size(), half = n / 2;
        return (thread, seq, rnd) -> {
            // a fresh split of the accounts into senders and receivers for every batch, then distinct pairs:
            // line i goes from sender (i mod half) to receiver (i + i / half) mod half
            int[] perm = new int[n];
            for (int i = 0; i < n; i++) perm[i] = i;
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1), x = perm[i];
                perm[i] = perm[j];
                perm[j] = x;
            }
            List<TransactionRequest> lines = new ArrayList<>(batchSize);
            for (int i = 0; i < batchSize; i++) {
                Account from = entities.get(perm[i % half]), to = entities.get(perm[half + (i + i / half) % half]);
                lines.add(TransactionRequest.transfer(CommandId.of("x"), TRADER, from.id(), to.id(), series, 1 + rnd.nextInt(1000)));
            }
            Outcome.Batch b = registry.proposeBatch(new BatchRequest(CommandId.of(prefix + "-" + thread + "-" + seq), TRADER, lines));
            if (!b.isRejected() && b.lines().stream().allMatch(t -> t.status() == TransactionStatus.COMPLETED)) return b.lines().size();
            lastRejection.set(b.isRejected() ? b.code().name() : "NOT_COMPLETED");
            return 0;
        };
    }

    // ------------------------------------------------------------------------------------------------- run

    private int nextVintage = FIRST_VINTAGE;
    private int maxClients;

    private void run() throws Exception {
        List<Integer> clientCounts = Arrays.stream(opt.getOrDefault("clients", "1,4,16").split(",")).map(String::trim).map(Integer::valueOf).toList();
        List<String> modes = Arrays.stream(opt.getOrDefault("modes", "single,batch").split(",")).map(String::trim).toList();
        maxClients = clientCounts.stream().mapToInt(Integer::intValue).max().orElse(1);
        Map<String, SeriesKey> traded = new LinkedHashMap<>();
        System.out.printf("TransferBench: %s, %d accounts x %d t, clients %s, modes %s, warm-up %.0f s, window %.0f s, batch size %d, group commit maxBatch %d, pool %d, java %s%n",
                url, accounts, perAccount, clientCounts, modes, warmup, duration, batchSize, maxBatch, pool, Runtime.version());
        try (Database db = Database.open(url, user, password, pool)) {
            DataSource ds = db.dataSource();
            Setup setup;
            try (GroupCommitLedger ledger = new GroupCommitLedger(ds, maxBatch)) {
                current = ledger;
                RegistryService registry = new RegistryService(ledger, Clock.systemUTC());
                long t0 = System.nanoTime();
                setup = setUp(ds, registry);
                System.out.printf("setup: %d entity accounts, controls removed, in %.1f s%n", setup.entities().size(), (System.nanoTime() - t0) / 1e9);
                String experiment = opt.get("after-setup-sql");
                if (experiment != null) {
                    // a diagnostic only (docs/benchmarks.md): e.g. drop an index to measure what it costs; never in a recorded run
                    exec(ds, java.nio.file.Files.readString(java.nio.file.Path.of(experiment)));
                    System.out.printf("after-setup-sql: ran %s%n", experiment);
                }
                for (String mode : modes) {
                    for (int c : clientCounts) {
                        String prefix = (mode.equals("single") ? "s" : "b") + c;
                        SeriesKey series = fund(ds, registry, setup, nextVintage++);
                        Op op = mode.equals("single") ? singleTransfers(registry, setup.entities(), series, prefix)
                                : batchedTransfers(registry, setup.entities(), series, prefix);
                        if (Boolean.parseBoolean(opt.getOrDefault("checkpoint", "false"))) exec(ds, "CHECKPOINT");
                        PhaseResult r = phase(mode, c, op);
                        report(ds, r, prefix, series);
                        traded.put(mode + "/" + c, series);
                    }
                }
                if (Boolean.parseBoolean(opt.getOrDefault("count-pass", "true"))) countPass(ds, registry, setup, traded);
            }
            check(ds);
        }
    }

    private void report(DataSource ds, PhaseResult r, String prefix, SeriesKey series) {
        // journal.recorded_at defaults to now(), the transaction's start time: entries that share it were committed
        // together, so this counts the group commits of the phase (warm-up included) exactly, after the fact
        long[] commits = query(ds, "SELECT count(DISTINCT j.recorded_at), count(*) FROM journal j JOIN registry_transaction t ON t.id = j.transaction_id " +
                "WHERE t.command_id LIKE '" + prefix + "-%'");
        double perCommit = commits[0] == 0 ? 0 : (double) commits[1] / commits[0];
        String rej = r.rejections().isEmpty() ? "none" : r.rejections().toString().replace(" ", "");
        System.out.printf(java.util.Locale.ROOT,
                "RESULT mode=%s clients=%d transfers_per_s=%.1f commands_per_s=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f commands=%d transfers=%d window_s=%.1f " +
                        "transfers_per_commit=%.1f %s %s %s rejected=%s errors=%d%s%n",
                r.mode(), r.clients(), r.transfersPerSecond(), r.opsPerSecond(), r.percentileMillis(50), r.percentileMillis(99),
                r.percentileMillis(100), r.ops(), r.transfers(), r.seconds(), perCommit, fragmentation(ds, prefix, series), r.cpu(), writerTime(r), rej, r.errors(),
                r.firstError() == null ? "" : " first_error=\"" + r.firstError().replace('"', '\'') + "\"");
    }

    /**
     * The ledger's time over the window, per committed group, in milliseconds: the lock, cache check and flush
     * preparation, the work, the wait for the group in flight, the flush and the commit. Busy: the share of the window
     * spent in the registry's logic (begin and work, on the writer thread) and in the database's writing (flush and
     * commit: on the committer thread when groups overlap, else on the writer thread too).
     */
    private static String writerTime(PhaseResult r) {
        GroupCommitLedger.Timing t = r.timing();
        if (t.groups() == 0) return "writer_groups=0";
        double g = t.groups();
        return String.format(java.util.Locale.ROOT, "writer_groups=%d groups_overlapped=%d groups_one_trip=%d groups_rerun=%d "
                        + "writer_ms_per_group=begin:%.3f,work:%.3f,wait:%.3f,flush:%.3f,commit:%.3f logic_busy=%.2f db_busy=%.2f",
                t.groups(), t.overlapped(), t.oneTrip(), t.rerun(), t.beginNanos() / g / 1e6, t.workNanos() / g / 1e6, t.waitNanos() / g / 1e6, t.flushNanos() / g / 1e6, t.commitNanos() / g / 1e6,
                (t.beginNanos() + t.workNanos()) / (r.seconds() * 1e9), (t.flushNanos() + t.commitNanos()) / (r.seconds() * 1e9));
    }

    /** How split the phase's series got: serial ranges moved per completed transfer (whole phase), blocks at the end. */
    private static String fragmentation(DataSource ds, String prefix, SeriesKey series) {
        long[] ranges = query(ds, "SELECT count(*), coalesce(sum(array_length(string_to_array(ranges, ','), 1)), 0) FROM registry_transaction " +
                "WHERE command_id LIKE '" + prefix + "-%' AND status = 'COMPLETED'");
        long[] blocks = query(ds, "SELECT count(*), 0 FROM unit_block b JOIN unit_series s ON s.id = b.series_id WHERE s.unit_type = 'CEA' AND s.vintage = " + series.vintage().year());
        return String.format(java.util.Locale.ROOT, "ranges_per_transfer=%.2f blocks_at_end=%d", ranges[0] == 0 ? 0 : (double) ranges[1] / ranges[0], blocks[0]);
    }

    // ------------------------------------------------------------------------------------------------- statement counts

    /**
     * Counts the JDBC statements (each one network round trip with pgjdbc, which sends BEGIN with the first
     * statement) the ledger path executes per transfer, through a counting wrapper around the pool. Runs on its own
     * ledger after the timed phases, so the wrapper never sits in a measured path; each part trades a fresh series.
     */
    private void countPass(DataSource ds, RegistryService funder, Setup setup, Map<String, SeriesKey> traded) throws InterruptedException {
        CountingDataSource counting = new CountingDataSource(ds);
        try (GroupCommitLedger ledger = new GroupCommitLedger(counting, maxBatch)) {
            RegistryService registry = new RegistryService(ledger, Clock.systemUTC());
            SplittableRandom rnd = new SplittableRandom(7);

            // single transfers, one client, on a fresh series: the least a transfer costs
            SeriesKey fresh = fund(ds, funder, setup, nextVintage++);
            countSingle(ds, counting, registry, setup, fresh, "k1f", 1, 300, "single, 1 client, fresh series " + fresh.vintage());
            // ... and on the series the timed phases left behind, split as the timed runs saw it at their end
            SeriesKey s1 = traded.getOrDefault("single/" + maxClients, fresh), b1 = traded.getOrDefault("batch/" + maxClients, fresh);
            countSingle(ds, counting, registry, setup, s1, "k1s", 1, 300, "single, 1 client, series " + s1.vintage() + " as the timed single phase at " + maxClients + " clients left it");
            countSingle(ds, counting, registry, setup, s1, "k16s", 16, 60, "single, 16 clients, series " + s1.vintage() + " as the timed single phase at " + maxClients + " clients left it");

            Op batch = batchedTransfers(registry, setup.entities(), b1, "kb1");
            counting.reset();
            int bmoved = 0, bn = 0;
            for (int i = 0; i < 10; i++, bn++) bmoved += batch.run(0, i, rnd);
            printCounts(ds, "batch of " + batchSize + ", 1 client, series " + b1.vintage() + " as the timed batch phase at " + maxClients + " clients left it", "kb1", counting, bmoved, bn);
        }
    }

    private void countSingle(DataSource ds, CountingDataSource counting, RegistryService registry, Setup setup, SeriesKey series, String prefix,
                             int clients, int perClient, String what) throws InterruptedException {
        Op op = singleTransfers(registry, setup.entities(), series, prefix);
        AtomicLong moved = new AtomicLong();
        counting.reset();
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < clients; t++) {
            int thread = t;
            ts.add(Thread.ofPlatform().start(() -> {
                SplittableRandom r = new SplittableRandom(100 + thread);
                for (int i = 0; i < perClient; i++) moved.addAndGet(op.run(thread, i, r));
            }));
        }
        for (Thread t : ts) t.join();
        printCounts(ds, what, prefix, counting, moved.get(), (long) clients * perClient);
    }

    private static void printCounts(DataSource ds, String what, String prefix, CountingDataSource c, long transfers, long commands) {
        Map<String, Long> by = c.snapshot();
        long total = by.values().stream().mapToLong(Long::longValue).sum();
        // a group that writes in one trip (ADR 0006) commits without a COMMIT statement: count the commits from the journal
        long commits = query(ds, "SELECT count(DISTINCT j.recorded_at), 0 FROM journal j JOIN registry_transaction t ON t.id = j.transaction_id " +
                "WHERE t.command_id LIKE '" + prefix + "-%'")[0];
        long[] ranges = query(ds, "SELECT count(*), coalesce(sum(array_length(string_to_array(ranges, ','), 1)), 0) FROM registry_transaction " +
                "WHERE command_id LIKE '" + prefix + "-%' AND status = 'COMPLETED'");
        System.out.printf(java.util.Locale.ROOT, "COUNT %s: %d commands, %d transfers completed, %d statements incl. COMMIT = %.2f round trips per transfer, " +
                        "%d commits (%.1f transfers per commit), %.2f serial ranges moved per transfer%n",
                what, commands, transfers, total, (double) total / transfers, commits, commits == 0 ? 0 : (double) transfers / commits,
                ranges[0] == 0 ? 0 : (double) ranges[1] / ranges[0]);
        by.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> System.out.printf(java.util.Locale.ROOT, "COUNT   %7.3f per transfer  %s%n", (double) e.getValue() / transfers, e.getKey()));
    }

    // ------------------------------------------------------------------------------------------------- checks

    private void check(DataSource ds) {
        long[] issued = query(ds, "SELECT coalesce(sum(next_serial - 1), 0), count(*) FROM unit_series");
        long[] sum = query(ds, "SELECT coalesce(sum(quantity), 0), count(*) FILTER (WHERE quantity < 0 OR frozen < 0) FROM holding");
        long[] blocks = query(ds, "SELECT count(*), coalesce(sum(last_serial - first_serial + 1), 0) FROM unit_block");
        long[] tx = query(ds, "SELECT count(*), count(*) FILTER (WHERE status = 'COMPLETED') FROM registry_transaction");
        System.out.printf("CHECK %d series, %d t issued; holdings sum %d, negative %d; %d unit blocks covering %d t; %d transactions, %d completed%n",
                issued[1], issued[0], sum[0], sum[1], blocks[0], blocks[1], tx[0], tx[1]);
        if (sum[0] != issued[0] || sum[1] != 0 || blocks[1] != issued[0])
            throw new IllegalStateException("conservation broken");
        if (Boolean.parseBoolean(opt.getOrDefault("verify", "true"))) {
            long t0 = System.nanoTime();
            JournalVerifier.Report report = new JournalVerifier(ds).verify();
            System.out.printf("CHECK journal verify: %d entries, %s, %.1f s%n", report.entries(),
                    report.intact() ? "intact" : report.problems().size() + " problems, first " + report.problems().getFirst(), (System.nanoTime() - t0) / 1e9);
            if (!report.intact()) throw new IllegalStateException("journal verify failed");
        }
    }

    private static void exec(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static long[] query(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return new long[]{rs.getLong(1), rs.getLong(2)};
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
