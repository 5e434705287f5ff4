package org.openets.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openets.store.JournalVerifier;
import org.postgresql.ds.PGSimpleDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash: the platform process is killed hard (SIGKILL, not the database) in the middle of a load, restarted on the
 * same database, and then the journal's chain is intact, every acknowledged transfer is there exactly once, and
 * the invariants hold.
 *
 * <p>It lives in the {@code testing} module, which the reactor builds after the server and the CLI, so that the check
 * runs the operator's own {@code bin/openets journal verify} as a process besides the verifier class. It runs the
 * packaged server jar ({@code -Dopenets.server.jar}, set by failsafe; otherwise the newest
 * {@code target/openets-server-*.jar}) as a separate {@code java -jar} process with demo data, external mode, on a
 * fresh database of the PostgreSQL service at 127.0.0.1:5432 (override with {@code -Dopenets.test.service-url}, as
 * for the store's {@code TestDatabases}); the server migrates it, the test only reads it. Eight clients, one per
 * national (CN) covered entity, send transfers to the other CN entities over the authenticated HTTP API with
 * bearer tokens. The demo's controls for covered-entity holding accounts are 4-eyes with no transfer delay
 * between trusted accounts (the demo makes the entities of one market trust each other), so a transfer completes
 * synchronously when the entity's approver approves it: each command is {@code POST /api/v1/transactions} (the
 * initiator, a client-supplied command id) then {@code POST /api/v1/transactions/{id}/approve} (the approver), and
 * it is acknowledged when an answer is 2xx with status COMPLETED. Commands that got no such answer (in flight at the
 * kill, or started after it) are retried with the same command id after the restart, twice; acknowledged ones are
 * re-sent too, and must come back as the same transaction, not a second one.
 */
class CrashRecoveryIT {
    static final String PASSWORD = "demo-password"; // DemoMarket.PASSWORD (the server module is a repackaged jar here)
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final List<String> ENTITIES = List.of("cn-power-1", "cn-power-2", "cn-power-3", "cn-power-4",
            "cn-cement-1", "cn-cement-2", "cn-alu-1", "cn-alu-2");
    static final int CLIENTS = ENTITIES.size();
    /** The load runs this long before the kill (less if {@link #KILL_AFTER_ACKS} commands are acknowledged first). */
    static final Duration LOAD = Duration.ofSeconds(6);
    static final int KILL_AFTER_ACKS = 5_000;
    static final Duration READY_TIMEOUT = Duration.ofSeconds(150);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
    static final String SERVICE = System.getProperty("openets.test.service-url", "jdbc:postgresql://127.0.0.1:5432/");

    private final List<Process> processes = new ArrayList<>();
    private final Path work = Path.of("target", "crash-it");

    /** One client command: a transfer from the client's entity to another CN entity. */
    record Command(String id, String from, String to, long quantity, String initiatorToken, String approverToken) {
        String body() {
            return """
                    {"commandId":"%s","type":"TRANSFER","from":"%s","to":"%s","unitType":"CEA","vintage":2024,"quantity":%d}"""
                    .formatted(id, from, to, quantity);
        }
    }

    /** What one attempt at a command ended with. */
    record Result(boolean completed, long transactionId, String proposeStatus, String detail) {}

    /** A running server process and where it listens. */
    record Server(Process process, int port, Path log) {
        URI uri(String path) { return URI.create("http://127.0.0.1:" + port + path); }
    }

    @AfterEach
    void killServers() {
        for (Process p : processes) stop(p);
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void a_hard_kill_mid_load_loses_no_acknowledged_transfer_and_applies_none_twice() throws Exception {
        Files.createDirectories(work);
        long started = System.nanoTime();
        String name = "crash_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String url = SERVICE + name;
        admin("CREATE DATABASE " + name);
        try {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl(url);
            ds.setUser("postgres");
            Server first = start(url, 1);
            double firstReady = secondsSince(started);

            // accounts, tokens (one for each initiator and approver), and the holdings before the load
            Map<String, String> account = new LinkedHashMap<>();
            for (String e : ENTITIES)
                account.put(e, text(ds, "SELECT a.number FROM account a JOIN representative r ON r.account_id = a.id " +
                        "WHERE r.actor = ? AND r.role = 'INITIATOR'", e + "-init"));
            HttpClient http = client();
            Map<String, String> token = new HashMap<>();
            for (String e : ENTITIES)
                for (String who : List.of(e + "-init", e + "-appr")) token.put(who, createToken(http, first, who));
            Map<String, Long> before = new HashMap<>();
            for (String e : ENTITIES) before.put(account.get(e), held(ds, account.get(e)));
            long journalBefore = count(ds, "SELECT count(*) FROM journal");
            long accountsBefore = count(ds, "SELECT count(*) FROM account");

            // the load: every client sends transfers one after the other until the server is gone
            ConcurrentHashMap<String, Long> acknowledged = new ConcurrentHashMap<>();
            ConcurrentLinkedQueue<Command> issued = new ConcurrentLinkedQueue<>(), unacknowledged = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
            AtomicReferenceArray<Command> inFlight = new AtomicReferenceArray<>(CLIENTS);
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(Thread.ofPlatform().name("crash-client-" + c).start(() -> {
                    SplittableRandom rnd = new SplittableRandom(31L * client + 7);
                    String me = ENTITIES.get(client);
                    for (long seq = 0; !stop.get(); seq++) {
                        String to = ENTITIES.get((client + 1 + rnd.nextInt(CLIENTS - 1)) % CLIENTS);
                        Command cmd = new Command("crash-" + client + "-" + seq, account.get(me), account.get(to), 1 + rnd.nextInt(100),
                                token.get(me + "-init"), token.get(me + "-appr"));
                        issued.add(cmd);
                        inFlight.set(client, cmd);
                        Result r;
                        try {
                            r = attempt(http, first, cmd);
                        } catch (IOException | InterruptedException e) {
                            // the server went away: the command's fate is unknown to the client
                            unacknowledged.add(cmd);
                            return;
                        } catch (RuntimeException e) {
                            unacknowledged.add(cmd);
                            unexpected.add(cmd.id() + ": " + e);
                            return;
                        }
                        if (r.completed()) {
                            acknowledged.put(cmd.id(), r.transactionId());
                            inFlight.set(client, null);
                        } else {
                            unacknowledged.add(cmd);
                            unexpected.add(cmd.id() + ": " + r.detail());
                            return;
                        }
                    }
                }));
            }

            long loadStart = System.nanoTime();
            while (acknowledged.size() < KILL_AFTER_ACKS && System.nanoTime() - loadStart < LOAD.toNanos() && unexpected.isEmpty())
                Thread.sleep(10);
            assertThat(unexpected).as("answers during the load that were neither COMPLETED nor a lost connection").isEmpty();
            int ackedAtKill = acknowledged.size();
            int inFlightAtKill = 0;
            for (int c = 0; c < CLIENTS; c++) if (inFlight.get(c) != null) inFlightAtKill++;
            double loadSeconds = secondsSince(loadStart);

            // SIGKILL the platform process (the database keeps running)
            first.process().destroyForcibly();
            assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).as("the server process ended").isTrue();
            stop.set(true);
            assertThat(first.process().isAlive()).isFalse();
            assertThat(first.process().exitValue()).as("exit status of a process killed by SIGKILL (128 + 9)").isEqualTo(137);
            for (Thread t : clients) t.join(REQUEST_TIMEOUT.plusSeconds(10).toMillis());
            for (Thread t : clients) assertThat(t.isAlive()).as(t.getName() + " finished").isFalse();
            assertThat(unexpected).as("answers around the kill that were neither COMPLETED nor a lost connection").isEmpty();
            assertThat(acknowledged).as("transfers acknowledged before the kill").isNotEmpty();
            assertThat(inFlightAtKill).as("clients with a command in flight when the process was killed").isPositive();
            assertThat(issued).hasSize(acknowledged.size() + unacknowledged.size());

            // what the database holds of the unacknowledged commands right after the kill
            Map<String, String> stateAtCrash = new TreeMap<>();
            for (Command c : unacknowledged)
                stateAtCrash.put(c.id(), Optional.ofNullable(text(ds, "SELECT status FROM registry_transaction WHERE command_id = ?", c.id())).orElse("ABSENT"));
            Map<String, Long> crashStates = new TreeMap<>();
            stateAtCrash.values().forEach(s -> crashStates.merge(s, 1L, Long::sum));

            // restart on the same database; the tokens were stored there and still sign in
            long restartAt = System.nanoTime();
            Server second = start(url, 2);
            double restartSeconds = secondsSince(restartAt);
            HttpClient http2 = client();
            assertThat(count(ds, "SELECT count(*) FROM account")).as("the demo is not loaded a second time").isEqualTo(accountsBefore);

            // retry every unacknowledged command with its own id, twice: it completes, once
            Map<String, Long> retried = new TreeMap<>();
            for (int round = 1; round <= 2; round++) {
                for (Command c : unacknowledged) {
                    Result r = attempt(http2, second, c);
                    assertThat(r.completed()).as("retry %d of %s: %s", round, c.id(), r.detail()).isTrue();
                    Long earlier = retried.putIfAbsent(c.id(), r.transactionId());
                    if (earlier != null) assertThat(r.transactionId()).as("second retry of %s", c.id()).isEqualTo(earlier);
                    if (round == 2) assertThat(r.proposeStatus()).as("second retry of %s is answered from the record", c.id()).isEqualTo("COMPLETED");
                }
            }
            // re-send acknowledged commands: the same transaction comes back, already COMPLETED; approving again is refused
            int resent = 0;
            for (Command c : issued) {
                Long id = acknowledged.get(c.id());
                if (id == null || resent >= 100) continue;
                resent++;
                HttpResponse<String> again = post(http2, second, "/api/v1/transactions", c.initiatorToken(), c.body());
                assertThat(again.statusCode()).as(again.body()).isBetween(200, 299);
                JsonNode t = JSON.readTree(again.body());
                assertThat(t.path("id").asLong()).isEqualTo(id);
                assertThat(t.path("status").asString()).isEqualTo("COMPLETED");
                if (resent <= 5) {
                    HttpResponse<String> approve = post(http2, second, "/api/v1/transactions/" + id + "/approve", c.approverToken(), null);
                    assertThat(approve.statusCode()).as(approve.body()).isEqualTo(422);
                    assertThat(JSON.readTree(approve.body()).path("code").asString()).isEqualTo("INVALID_STATE");
                }
            }

            // the server is stopped (hard again) before the checks, so nothing moves while they read
            stop(second.process());

            // the journal: chain intact from genesis, balances recomputed from it agree with holdings, blocks, transactions
            JournalVerifier.Report report = new JournalVerifier(ds).verify();
            assertThat(report.problems()).as("journal verify").isEmpty();
            assertThat(report.intact()).isTrue();
            // and the operator's command, as its own process: `openets journal verify` exits 0 and says the chain is intact
            CliRun cli = journalVerify(url);
            assertThat(cli.exit()).as("openets journal verify: %s", cli.output()).isZero();
            assertThat(cli.output()).contains("chain intact", "head hash: " + report.headHash());

            // every acknowledged command: exactly one transaction, COMPLETED, the one the client was told, one journal entry
            Map<String, long[]> rows = new HashMap<>(); // command id -> {transaction id, completed?, journal entries, rows}
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "SELECT t.command_id, t.id, t.status = 'COMPLETED', (SELECT count(*) FROM journal j WHERE j.transaction_id = t.id) " +
                            "FROM registry_transaction t WHERE t.command_id LIKE 'crash-%'");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long[] prev = rows.put(rs.getString(1), new long[]{rs.getLong(2), rs.getBoolean(3) ? 1 : 0, rs.getLong(4), 1});
                    assertThat(prev).as("command id %s appears twice", rs.getString(1)).isNull();
                }
            }
            assertThat(count(ds, "SELECT count(*) FROM (SELECT command_id FROM registry_transaction GROUP BY command_id HAVING count(*) > 1) d"))
                    .as("command ids used twice").isZero();
            for (Map.Entry<String, Long> a : acknowledged.entrySet()) {
                long[] row = rows.get(a.getKey());
                assertThat(row).as("acknowledged %s is in registry_transaction", a.getKey()).isNotNull();
                assertThat(row[0]).as("transaction id of %s", a.getKey()).isEqualTo(a.getValue());
                assertThat(row[1]).as("%s is COMPLETED", a.getKey()).isEqualTo(1);
                assertThat(row[2]).as("journal entries of %s", a.getKey()).isEqualTo(1);
            }
            for (Map.Entry<String, Long> r : retried.entrySet()) {
                long[] row = rows.get(r.getKey());
                assertThat(row).as("retried %s", r.getKey()).isNotNull();
                assertThat(row[0]).isEqualTo(r.getValue());
                assertThat(row[1]).as("%s is COMPLETED", r.getKey()).isEqualTo(1);
                assertThat(row[2]).as("journal entries of %s", r.getKey()).isEqualTo(1);
            }
            assertThat(rows).as("nothing but the issued commands").hasSize(issued.size());
            assertThat(count(ds, "SELECT count(*) FROM journal")).as("one journal entry per command").isEqualTo(journalBefore + issued.size());

            // the load's accounts hold what the completed commands say, each counted once
            Map<String, Long> expected = new HashMap<>(before);
            for (Command c : issued) {
                expected.merge(c.from(), -c.quantity(), Long::sum);
                expected.merge(c.to(), c.quantity(), Long::sum);
            }
            for (String number : expected.keySet()) assertThat(held(ds, number)).as("holding of %s", number).isEqualTo(expected.get(number));

            // per series: issued = sum of holdings = sum of blocks; nothing negative
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "SELECT s.unit_type || '/' || s.vintage, s.next_serial - 1, " +
                            "coalesce((SELECT sum(h.quantity) FROM holding h WHERE h.series_id = s.id), 0), " +
                            "coalesce((SELECT sum(b.last_serial - b.first_serial + 1) FROM unit_block b WHERE b.series_id = s.id), 0) FROM unit_series s");
                 ResultSet rs = ps.executeQuery()) {
                int series = 0;
                while (rs.next()) {
                    series++;
                    assertThat(rs.getLong(3)).as("holdings of %s = issued", rs.getString(1)).isEqualTo(rs.getLong(2));
                    assertThat(rs.getLong(4)).as("blocks of %s = issued", rs.getString(1)).isEqualTo(rs.getLong(2));
                }
                // the demo market's series: CEA 2019 and 2024, GDEA 2016 and 2024, SZEA, SHEA and FJEA 2024
                assertThat(series).isEqualTo(7);
            }
            assertThat(count(ds, "SELECT count(*) FROM holding WHERE quantity < 0 OR frozen < 0 OR frozen > quantity")).as("negative holdings").isZero();

            System.out.printf(java.util.Locale.ROOT, "CRASH first start ready in %.1f s; load %.1f s with %d clients; killed with %d acknowledged, " +
                            "%d clients in flight, %d unacknowledged in all (state at the crash: %s); exit status %d; restart ready in %.1f s; " +
                            "%d retried twice, all COMPLETED once; %d acknowledged re-sent, same transaction; journal verify: %d entries intact; total %.1f s%n",
                    firstReady, loadSeconds, CLIENTS, ackedAtKill, inFlightAtKill, unacknowledged.size(), crashStates, first.process().exitValue(),
                    restartSeconds, retried.size(), resent, report.entries(), secondsSince(started));
        } finally {
            killServers();
            admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVICE + "postgres", "postgres", ""); var st = c.createStatement()) {
            st.execute(sql);
        }
    }

    // ------------------------------------------------------------------------------------------------- HTTP

    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Propose the command as its initiator, then approve it as its approver if it awaits approval. */
    static Result attempt(HttpClient http, Server s, Command c) throws IOException, InterruptedException {
        HttpResponse<String> proposed = post(http, s, "/api/v1/transactions", c.initiatorToken(), c.body());
        if (proposed.statusCode() != 201) return new Result(false, 0, null, "propose answered " + proposed.statusCode() + " " + proposed.body());
        JsonNode t = JSON.readTree(proposed.body());
        long id = t.path("id").asLong();
        String status = t.path("status").asString();
        if (status.equals("COMPLETED")) return new Result(true, id, status, "completed at proposal");
        if (!status.equals("AWAITING_APPROVAL")) return new Result(false, id, status, "proposed as " + status + ": " + proposed.body());
        HttpResponse<String> approved = post(http, s, "/api/v1/transactions/" + id + "/approve", c.approverToken(), null);
        if (approved.statusCode() != 200) return new Result(false, id, status, "approve answered " + approved.statusCode() + " " + approved.body());
        String after = JSON.readTree(approved.body()).path("status").asString();
        return new Result(after.equals("COMPLETED"), id, status, "approved: " + after);
    }

    static HttpResponse<String> post(HttpClient http, Server s, String path, String bearer, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(s.uri(path)).timeout(REQUEST_TIMEOUT).header("Authorization", "Bearer " + bearer);
        if (json == null) b.POST(HttpRequest.BodyPublishers.noBody());
        else b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String createToken(HttpClient http, Server s, String login) throws IOException, InterruptedException {
        String basic = "Basic " + Base64.getEncoder().encodeToString((login + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(s.uri("/api/v1/tokens")).timeout(REQUEST_TIMEOUT)
                .header("Authorization", basic).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"crash-test\",\"expiresInSeconds\":3600}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("token for %s: %s", login, r.body()).isEqualTo(201);
        return JSON.readTree(r.body()).path("token").asString();
    }

    // ------------------------------------------------------------------------------------------------- the server process

    /** Starts {@code java -jar <server jar>} in external mode with the demo on a free port and waits until it is ready. */
    Server start(String jdbcUrl, int n) throws IOException, InterruptedException {
        int port = freePort();
        Path log = work.resolve("server-" + n + ".log").toAbsolutePath();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = List.of(java.toString(), "-Xmx768m", "-jar", serverJar().toString(),
                "--server.port=" + port, "--server.address=127.0.0.1",
                "--openets.database.mode=external", "--openets.database.url=" + jdbcUrl, "--openets.database.user=postgres",
                "--openets.demo=true", "--logging.level.org.openets.web.security.Refusals=WARN");
        Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(p);
        Server s = new Server(p, port, log);
        HttpClient http = client();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            if (!p.isAlive()) throw new AssertionError("server " + n + " exited with " + p.exitValue() + " before it was ready:\n" + tail(log));
            if (System.nanoTime() > deadline) throw new AssertionError("server " + n + " not ready after " + READY_TIMEOUT + ":\n" + tail(log));
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(s.uri("/actuator/health/readiness")).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return s;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
    }

    record CliRun(int exit, String output) { }

    /** Runs {@code bin/openets journal verify} ({@code -Dopenets.cli}, set by failsafe) against the database, as a process. */
    static CliRun journalVerify(String jdbcUrl) throws IOException, InterruptedException {
        String cli = System.getProperty("openets.cli", "../bin/openets");
        ProcessBuilder pb = new ProcessBuilder(cli, "journal", "verify", "--url", jdbcUrl, "--user", "postgres").redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) { p.destroyForcibly(); throw new AssertionError("openets journal verify did not finish: " + out); }
        return new CliRun(p.exitValue(), out);
    }

    static Path serverJar() throws IOException {
        String configured = System.getProperty("openets.server.jar");
        if (configured != null && !configured.isBlank()) return Path.of(configured).toAbsolutePath();
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(f -> f.getFileName().toString().matches("openets-server-.*\\.jar"))
                    .max((a, b) -> Long.compare(a.toFile().lastModified(), b.toFile().lastModified()))
                    .orElseThrow(() -> new AssertionError("no server jar under target/: run mvn package first")).toAbsolutePath();
        }
    }

    static void stop(Process p) {
        if (!p.isAlive()) return;
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    static double secondsSince(long nanos) { return (System.nanoTime() - nanos) / 1e9; }

    // ------------------------------------------------------------------------------------------------- SQL

    static long held(DataSource ds, String number) throws SQLException {
        return count(ds, "SELECT coalesce(sum(h.quantity), 0) FROM holding h JOIN account a ON a.id = h.account_id " +
                "JOIN unit_series s ON s.id = h.series_id WHERE a.number = ? AND s.unit_type = 'CEA' AND s.vintage = 2024", number);
    }

    static long count(DataSource ds, String sql, Object... args) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static String text(DataSource ds, String sql, Object... args) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
