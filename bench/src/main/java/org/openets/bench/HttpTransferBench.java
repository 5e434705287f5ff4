package org.openets.bench;

import org.openets.kernel.ActorId;
import org.openets.kernel.Jurisdiction;
import org.openets.registry.Account;
import org.openets.registry.AccountType;
import org.openets.registry.Role;
import org.openets.store.JournalVerifier;
import org.openets.store.PgRegistryAdministration;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load generator for the registry over the authenticated HTTP API: {@code java.net.http} clients → Tomcat → Spring
 * Security (bearer token) → {@code POST /api/v1/transactions} → RegistryService → GroupCommitLedger → PostgreSQL,
 * the whole server as one separate process, as a member's system would use it.
 *
 * <p>It starts the server jar ({@code --jar}) as {@code java -jar} in external mode with the demo market on the
 * database {@code --url} (which must exist and be empty; {@code bench/run-http.sh} creates it), or, with
 * {@code --base-url}, uses a server already running on that database with the demo loaded. Setup, as
 * {@link TransferBench} does it in process: {@code --accounts} CN covered-entity holding accounts opened through
 * {@link PgRegistryAdministration} on the database, the demo login {@code --trader} (default
 * {@code cn-power-1-init}) made their initiator, and the controls on covered-entity holding accounts removed (no
 * 4-eyes, no delay, no trusted list) so that one request completes a transfer. Each phase then gets a fresh CEA
 * vintage funded over the API like a regulator would: a cap (the platform's own, on the database: over the API a cap is 4-eyes too), an
 * issuance proposed by {@code admin-cn} and approved by {@code admin2-cn}, a transfer to the allocation account
 * (4-eyes), an allocation batch of {@code --per-account} t to every bench account (4-eyes). Every client gets its
 * own API token (created with HTTP Basic, then used as {@code Authorization: Bearer}) and its own HTTP client and
 * connection, and sends one TRANSFER at a time (random from/to among the bench accounts, 1–1000 t, a fresh
 * client-supplied command id). A transfer counts when the answer is 201 with status COMPLETED; the latency is the
 * request's round trip as the client sees it.
 *
 * <p>Before the phases, an unmeasured {@code --server-warmup} seconds at the highest client count on a series of
 * its own warms the server's JIT (the in-process bench has its setup for that). It prints one {@code RESULT} line
 * per phase in {@link TransferBench}'s format ({@code mode=http}), with the CPU of the server process
 * ({@code cpu_server}) and of this load generator ({@code cpu_clients}) instead of the in-process writer thread,
 * a table, then checks conservation and verifies the journal.
 *
 * <p>Run: {@code java -cp bench/target/classes:$(cat bench/target/classpath.txt) org.openets.bench.HttpTransferBench
 * --jar=server/target/openets-server-0.1.0-SNAPSHOT.jar --url=jdbc:postgresql://127.0.0.1:5432/bench_http} (see
 * {@code bench/run-http.sh}). Options: {@code --clients=1,4,16 --warmup=5 --duration=20 --server-warmup=10
 * --accounts=100 --per-account=1000000 --trader=cn-power-1-init --server-xmx=1g --server-pool=16
 * --checkpoint=false --verify=true --log=<server log file> --base-url=http://127.0.0.1:8080}.
 */
public final class HttpTransferBench {
    static final Jurisdiction CN = Jurisdiction.of("CN");
    static final String PASSWORD = "demo-password";
    static final int FIRST_VINTAGE = 2041;
    static final Pattern ID = Pattern.compile("\"id\":(\\d+)"), STATUS = Pattern.compile("\"status\":\"([A-Z_]+)\""),
            TOKEN = Pattern.compile("\"token\":\"([^\"]+)\""), CODE = Pattern.compile("\"code\":\"([A-Z_]+)\"");

    private final Map<String, String> opt;
    private final String url, user, password, trader;
    private final int accounts;
    private final long perAccount;
    private final double warmup, duration, serverWarmup;

    private Process server;
    private URI base;
    private final List<String> numbers = new ArrayList<>();
    private String totalQuantity, allocation;
    private int nextVintage = FIRST_VINTAGE;

    private HttpTransferBench(Map<String, String> opt) {
        this.opt = opt;
        url = opt.getOrDefault("url", "jdbc:postgresql://127.0.0.1:5432/bench_http");
        user = opt.getOrDefault("user", "postgres");
        password = opt.getOrDefault("password", "");
        trader = opt.getOrDefault("trader", "cn-power-1-init");
        accounts = Integer.parseInt(opt.getOrDefault("accounts", "100"));
        perAccount = Long.parseLong(opt.getOrDefault("per-account", "1000000"));
        warmup = Double.parseDouble(opt.getOrDefault("warmup", "5"));
        duration = Double.parseDouble(opt.getOrDefault("duration", "20"));
        serverWarmup = Double.parseDouble(opt.getOrDefault("server-warmup", "10"));
        if (accounts < 2) throw new IllegalArgumentException("at least 2 accounts");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new LinkedHashMap<>();
        for (String a : args) {
            if (!a.startsWith("--") || !a.contains("=")) throw new IllegalArgumentException("options are --key=value: " + a);
            opt.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
        }
        HttpTransferBench b = new HttpTransferBench(opt);
        Runtime.getRuntime().addShutdownHook(new Thread(b::stopServer));
        try {
            b.run();
        } finally {
            b.stopServer();
        }
    }

    // ------------------------------------------------------------------------------------------------- run

    private void run() throws Exception {
        List<Integer> clientCounts = Arrays.stream(opt.getOrDefault("clients", "1,4,16").split(",")).map(String::trim).map(Integer::valueOf).toList();
        int maxClients = clientCounts.stream().mapToInt(Integer::intValue).max().orElse(1);
        System.out.printf(Locale.ROOT, "HttpTransferBench: %s, %d accounts x %d t, clients %s, warm-up %.0f s, window %.0f s, server warm-up %.0f s, java %s%n",
                url, accounts, perAccount, clientCounts, warmup, duration, serverWarmup, Runtime.version());
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        ds.setUser(user);
        ds.setPassword(password);

        long t0 = System.nanoTime();
        if (opt.containsKey("base-url")) {
            base = URI.create(opt.get("base-url").replaceAll("/+$", ""));
            waitReady(Duration.ofSeconds(10));
        } else {
            startServer();
        }
        System.out.printf(Locale.ROOT, "server: %s ready in %.1f s%n", base, (System.nanoTime() - t0) / 1e9);

        t0 = System.nanoTime();
        setUp(ds);
        HttpClient setupHttp = client();
        String admin = token(setupHttp, "admin-cn"), admin2 = token(setupHttp, "admin2-cn");
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < maxClients; i++) tokens.add(token(setupHttp, trader));
        System.out.printf(Locale.ROOT, "setup: %d entity accounts for %s, controls removed, %d tokens, in %.1f s%n",
                numbers.size(), trader, tokens.size() + 2, (System.nanoTime() - t0) / 1e9);

        if (serverWarmup > 0) {
            int vintage = fund(ds, setupHttp, admin, admin2);
            PhaseResult w = phase(maxClients, 0, serverWarmup, tokens, vintage, "hw");
            System.out.printf(Locale.ROOT, "server warm-up: %d clients, %.0f s, %d transfers, %d errors%n", maxClients, serverWarmup, w.transfers(), w.errors());
        }
        List<PhaseResult> results = new ArrayList<>();
        for (int c : clientCounts) {
            int vintage = fund(ds, setupHttp, admin, admin2);
            if (Boolean.parseBoolean(opt.getOrDefault("checkpoint", "false"))) exec(ds, "CHECKPOINT");
            PhaseResult r = phase(c, warmup, duration, tokens, vintage, "h" + c);
            report(ds, r, "h" + c, vintage);
            results.add(r);
        }
        table(results);
        check(ds);
    }

    // ------------------------------------------------------------------------------------------------- the server

    private void startServer() throws IOException, InterruptedException {
        Path jar = Path.of(opt.getOrDefault("jar", "server/target/openets-server-0.1.0-SNAPSHOT.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) throw new IllegalArgumentException("no server jar at " + jar + " (build it, or pass --jar or --base-url)");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = Path.of(opt.getOrDefault("log", "http-bench-server.log")).toAbsolutePath();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = List.of(java.toString(), "-Xms" + opt.getOrDefault("server-xmx", "1g"), "-Xmx" + opt.getOrDefault("server-xmx", "1g"),
                "-jar", jar.toString(), "--server.port=" + port, "--server.address=127.0.0.1",
                "--openets.database.mode=external", "--openets.database.url=" + url, "--openets.database.user=" + user,
                "--openets.database.password=" + password, "--openets.database.pool-size=" + opt.getOrDefault("server-pool", "16"),
                "--openets.demo=true", "--logging.level.org.openets.web.security.Refusals=WARN");
        server = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        base = URI.create("http://127.0.0.1:" + port);
        System.out.printf("server: %s (pid %d), log %s%n", jar.getFileName(), server.pid(), log);
        waitReady(Duration.ofSeconds(180));
    }

    private void waitReady(Duration timeout) throws InterruptedException {
        HttpClient http = client();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (server != null && !server.isAlive()) throw new IllegalStateException("the server exited with " + server.exitValue() + " before it was ready");
            if (System.nanoTime() > deadline) throw new IllegalStateException("the server is not ready after " + timeout);
            try {
                if (http.send(HttpRequest.newBuilder(base.resolve("/actuator/health/readiness")).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
    }

    private void stopServer() {
        Process p = server;
        if (p == null || !p.isAlive()) return;
        p.destroy();
        try {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** CPU time (utime + stime, in clock ticks) of the server process, or -1 when it is not ours. */
    private long serverTicks() {
        if (server == null) return -1;
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(server.pid()), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    // ------------------------------------------------------------------------------------------------- setup

    private void setUp(DataSource ds) {
        if (count(ds, "SELECT count(*) FROM platform_user WHERE login = '" + trader.replace("'", "''") + "'") != 1)
            throw new IllegalStateException("no login " + trader + ": the server must run with the demo market (--openets.demo=true)");
        if (count(ds, "SELECT count(*) FROM account WHERE holder LIKE 'HTTP bench %'") > 0)
            throw new IllegalStateException("the database has bench accounts already: give the bench an empty database (bench/run-http.sh makes one)");
        PgRegistryAdministration admin = new PgRegistryAdministration(ds);
        for (int i = 0; i < accounts; i++) {
            Account a = admin.openAccount(CN, AccountType.COVERED_ENTITY_HOLDING, "HTTP bench 控排企业 " + i, "91HTTPBENCH" + i);
            admin.addRepresentative(a.id(), ActorId.of(trader), Role.INITIATOR);
            numbers.add(a.number());
        }
        // no 4-eyes, no delay, no trusted list on holding accounts: a holder's transfer completes in the request
        exec(ds, "UPDATE control_setting SET four_eyes = false, trusted_delay_hours = 0, untrusted_policy = 'DELAY', untrusted_delay_hours = 0 " +
                "WHERE account_type = 'COVERED_ENTITY_HOLDING'");
        totalQuantity = text(ds, "SELECT number FROM account WHERE jurisdiction = 'CN' AND type = 'TOTAL_QUANTITY' ORDER BY id LIMIT 1");
        allocation = text(ds, "SELECT number FROM account WHERE jurisdiction = 'CN' AND type = 'ALLOCATION' ORDER BY id LIMIT 1");
    }

    /**
     * A fresh CEA vintage funded over the API: issuance, transfer to the allocation account, one allocation batch to
     * every bench account, each proposed by admin-cn and approved by admin2-cn; then a probe transfer that must
     * complete in its request.
     */
    private int fund(DataSource ds, HttpClient http, String admin, String admin2) throws IOException, InterruptedException {
        int vintage = nextVintage++;
        long total = perAccount * accounts;
        new PgRegistryAdministration(ds).setIssuanceLimit("CEA", vintage, total, "HTTP bench cap");
        String p = "http-bench-" + vintage;
        approve(http, admin2, expect(post(http, admin, "/api/v1/transactions",
                "{\"commandId\":\"%s-issue\",\"type\":\"ISSUE\",\"unitType\":\"CEA\",\"vintage\":%d,\"quantity\":%d}".formatted(p, vintage, total)), 201, "AWAITING_APPROVAL"));
        approve(http, admin2, expect(post(http, admin, "/api/v1/transactions", transfer(p + "-to-alloc", totalQuantity, allocation, vintage, total)), 201, "AWAITING_APPROVAL"));
        StringBuilder lines = new StringBuilder();
        for (String n : numbers) {
            if (!lines.isEmpty()) lines.append(',');
            lines.append("{\"type\":\"ALLOCATE\",\"from\":\"%s\",\"to\":\"%s\",\"unitType\":\"CEA\",\"vintage\":%d,\"quantity\":%d}".formatted(allocation, n, vintage, perAccount));
        }
        HttpResponse<String> batch = post(http, admin, "/api/v1/batches", "{\"commandId\":\"%s-alloc\",\"lines\":[%s]}".formatted(p, lines));
        if (batch.statusCode() != 201) throw new IllegalStateException("allocation batch: " + batch.statusCode() + " " + batch.body());
        approve(http, admin2, batch);
        String probeToken = token(http, trader);
        expect(post(http, probeToken, "/api/v1/transactions", transfer(p + "-probe", numbers.get(0), numbers.get(1), vintage, 1)), 201, "COMPLETED");
        return vintage;
    }

    private void approve(HttpClient http, String token, HttpResponse<String> proposed) throws IOException, InterruptedException {
        long id = Long.parseLong(find(ID, proposed.body()));
        expect(post(http, token, "/api/v1/transactions/" + id + "/approve", null), 200, "COMPLETED");
    }

    private static HttpResponse<String> expect(HttpResponse<String> r, int status, String txStatus) {
        if (r.statusCode() != status || !txStatus.equals(find(STATUS, r.body())))
            throw new IllegalStateException("setup: expected " + status + " " + txStatus + ", got " + r.statusCode() + " " + r.body());
        return r;
    }

    static String transfer(String commandId, String from, String to, int vintage, long quantity) {
        return "{\"commandId\":\"%s\",\"type\":\"TRANSFER\",\"from\":\"%s\",\"to\":\"%s\",\"unitType\":\"CEA\",\"vintage\":%d,\"quantity\":%d}"
                .formatted(commandId, from, to, vintage, quantity);
    }

    // ------------------------------------------------------------------------------------------------- HTTP

    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private HttpResponse<String> post(HttpClient http, String bearer, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + bearer);
        if (json == null) b.POST(HttpRequest.BodyPublishers.noBody());
        else b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A new API token of {@code login}, signed in with HTTP Basic (the demo password). */
    private String token(HttpClient http, String login) throws IOException, InterruptedException {
        String basic = "Basic " + Base64.getEncoder().encodeToString((login + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/tokens")).timeout(Duration.ofSeconds(60))
                .header("Authorization", basic).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"http-bench\",\"expiresInSeconds\":86400}")).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) throw new IllegalStateException("token for " + login + ": " + r.statusCode() + " " + r.body());
        return find(TOKEN, r.body());
    }

    static String find(Pattern p, String body) {
        Matcher m = p.matcher(body);
        return m.find() ? m.group(1) : null;
    }

    // ------------------------------------------------------------------------------------------------- phases

    record PhaseResult(int clients, long ops, long transfers, double seconds, long[] sortedLatencyNanos, Map<String, Long> rejections,
                       long errors, String firstError, CpuSample.Use cpu, double serverCores) {
        double transfersPerSecond() { return transfers / seconds; }

        double opsPerSecond() { return ops / seconds; }

        double percentileMillis(double p) {
            if (sortedLatencyNanos.length == 0) return Double.NaN;
            int i = (int) Math.ceil(p / 100.0 * sortedLatencyNanos.length) - 1;
            return sortedLatencyNanos[Math.max(0, Math.min(i, sortedLatencyNanos.length - 1))] / 1e6;
        }
    }

    /** {@code clients} closed-loop clients, each with its own token and HTTP client; measured after the warm-up. */
    private PhaseResult phase(int clients, double warmupS, double durationS, List<String> tokens, int vintage, String prefix) throws InterruptedException {
        long start = System.nanoTime() + 50_000_000L;
        long windowStart = start + (long) (warmupS * 1e9), windowEnd = windowStart + (long) (durationS * 1e9);
        AtomicLong ops = new AtomicLong(), transfers = new AtomicLong(), errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        Map<String, Long> rejections = new ConcurrentHashMap<>();
        long[][] latencies = new long[clients][];
        int[] counts = new int[clients];
        CountDownLatch done = new CountDownLatch(clients);
        int n = numbers.size();
        for (int t = 0; t < clients; t++) {
            int thread = t;
            String token = tokens.get(t);
            Thread.ofPlatform().name("http-client-" + t).start(() -> {
                SplittableRandom rnd = new SplittableRandom(1_000_003L * clients + thread);
                HttpClient http = client();
                long[] lat = new long[1 << 14];
                int k = 0;
                long seq = 0, myOps = 0, myTransfers = 0;
                try {
                    while (System.nanoTime() < start) Thread.onSpinWait();
                    while (true) {
                        long t0 = System.nanoTime();
                        if (t0 >= windowEnd) break;
                        int from = rnd.nextInt(n), to = (from + 1 + rnd.nextInt(n - 1)) % n;
                        String body = transfer(prefix + "-" + thread + "-" + seq++, numbers.get(from), numbers.get(to), vintage, 1 + rnd.nextInt(1000));
                        int moved;
                        String rejection = null;
                        try {
                            HttpResponse<String> r = post(http, token, "/api/v1/transactions", body);
                            String status = find(STATUS, r.body());
                            if (r.statusCode() == 201 && "COMPLETED".equals(status)) moved = 1;
                            else {
                                moved = 0;
                                String code = find(CODE, r.body());
                                rejection = r.statusCode() + "/" + (code != null ? code : status);
                            }
                        } catch (IOException | RuntimeException e) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, e.toString());
                            moved = -1;
                        }
                        long t1 = System.nanoTime();
                        if (t1 >= windowStart && t1 < windowEnd && moved >= 0) {
                            myOps++;
                            myTransfers += moved;
                            if (moved == 0) rejections.merge(rejection, 1L, Long::sum);
                            if (k == lat.length) lat = Arrays.copyOf(lat, k * 2);
                            lat[k++] = t1 - t0;
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    ops.addAndGet(myOps);
                    transfers.addAndGet(myTransfers);
                    latencies[thread] = lat;
                    counts[thread] = k;
                    done.countDown();
                    http.close();
                }
            });
        }
        sleepUntil(windowStart);
        CpuSample before = CpuSample.now();
        long serverBefore = serverTicks(), w0 = System.nanoTime();
        sleepUntil(windowEnd);
        CpuSample.Use cpu = CpuSample.now().since(before);
        long serverAfter = serverTicks();
        double serverCores = serverBefore < 0 || serverAfter < 0 ? Double.NaN : (serverAfter - serverBefore) / 100.0 / ((System.nanoTime() - w0) / 1e9);
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
        return new PhaseResult(clients, ops.get(), transfers.get(), (windowEnd - windowStart) / 1e9, all, new TreeMap<>(rejections),
                errors.get(), firstError.get(), cpu, serverCores);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
    }

    private void report(DataSource ds, PhaseResult r, String prefix, int vintage) {
        // journal.recorded_at is the committing transaction's start time: entries that share it were committed together
        long[] commits = query(ds, "SELECT count(DISTINCT j.recorded_at), count(*) FROM journal j JOIN registry_transaction t ON t.id = j.transaction_id " +
                "WHERE t.command_id LIKE '" + prefix + "-%'");
        long[] ranges = query(ds, "SELECT count(*), coalesce(sum(array_length(string_to_array(ranges, ','), 1)), 0) FROM registry_transaction " +
                "WHERE command_id LIKE '" + prefix + "-%' AND status = 'COMPLETED'");
        long[] blocks = query(ds, "SELECT count(*), 0 FROM unit_block b JOIN unit_series s ON s.id = b.series_id WHERE s.unit_type = 'CEA' AND s.vintage = " + vintage);
        double perCommit = commits[0] == 0 ? 0 : (double) commits[1] / commits[0];
        String rej = r.rejections().isEmpty() ? "none" : r.rejections().toString().replace(" ", "");
        CpuSample.Use u = r.cpu();
        System.out.printf(Locale.ROOT,
                "RESULT mode=http clients=%d transfers_per_s=%.1f commands_per_s=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f commands=%d transfers=%d window_s=%.1f " +
                        "transfers_per_commit=%.1f ranges_per_transfer=%.2f blocks_at_end=%d cpu_machine=%.2f/%d cpu_postgres=%.2f cpu_server=%.2f cpu_clients=%.2f " +
                        "cpu_other=%.2f cpu_steal=%.2f rejected=%s errors=%d%s%n",
                r.clients(), r.transfersPerSecond(), r.opsPerSecond(), r.percentileMillis(50), r.percentileMillis(99), r.percentileMillis(100),
                r.ops(), r.transfers(), r.seconds(), perCommit, ranges[0] == 0 ? 0 : (double) ranges[1] / ranges[0], blocks[0],
                u.machine(), u.cores(), u.postgres(), r.serverCores(), u.jvm(), u.machine() - u.postgres() - r.serverCores() - u.jvm(), u.steal(), rej, r.errors(),
                r.firstError() == null ? "" : " first_error=\"" + r.firstError().replace('"', '\'') + "\"");
    }

    private static void table(List<PhaseResult> results) {
        System.out.println();
        System.out.println("| clients | transfers/s | p50 ms | p99 ms | busy cores: machine (postgres / server / clients / other) | errors |");
        System.out.println("|---:|---:|---:|---:|---|---:|");
        for (PhaseResult r : results)
            System.out.printf(Locale.ROOT, "| %d | %.1f | %.2f | %.2f | %.2f/%d (%.2f / %.2f / %.2f / %.2f) | %d |%n", r.clients(), r.transfersPerSecond(),
                    r.percentileMillis(50), r.percentileMillis(99), r.cpu().machine(), r.cpu().cores(), r.cpu().postgres(), r.serverCores(), r.cpu().jvm(),
                    r.cpu().machine() - r.cpu().postgres() - r.serverCores() - r.cpu().jvm(), r.errors());
        System.out.println();
    }

    // ------------------------------------------------------------------------------------------------- checks

    private void check(DataSource ds) {
        long[] issued = query(ds, "SELECT coalesce(sum(next_serial - 1), 0), count(*) FROM unit_series");
        long[] sum = query(ds, "SELECT coalesce(sum(quantity), 0), count(*) FILTER (WHERE quantity < 0 OR frozen < 0) FROM holding");
        long[] blocks = query(ds, "SELECT count(*), coalesce(sum(last_serial - first_serial + 1), 0) FROM unit_block");
        long[] tx = query(ds, "SELECT count(*), count(*) FILTER (WHERE status = 'COMPLETED') FROM registry_transaction");
        System.out.printf("CHECK %d series, %d t issued; holdings sum %d, negative %d; %d unit blocks covering %d t; %d transactions, %d completed%n",
                issued[1], issued[0], sum[0], sum[1], blocks[0], blocks[1], tx[0], tx[1]);
        if (sum[0] != issued[0] || sum[1] != 0 || blocks[1] != issued[0]) throw new IllegalStateException("conservation broken");
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

    private static long count(DataSource ds, String sql) { return query(ds, sql)[0]; }

    private static String text(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            if (!rs.next()) throw new IllegalStateException("nothing for " + sql);
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static long[] query(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return new long[]{rs.getLong(1), rs.getMetaData().getColumnCount() > 1 ? rs.getLong(2) : 0};
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
