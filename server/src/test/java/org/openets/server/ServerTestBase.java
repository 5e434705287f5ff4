package org.openets.server;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real server on a random port with the demo market loaded, on an embedded PostgreSQL under
 * {@code target/it-pg}. Every test class extends this one, so they share one server (Spring caches the context):
 * each class works on demo entities of its own.
 */
@SpringBootTest(classes = OpenEtsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "openets.demo=true",
        "openets.database.mode=embedded",
        "openets.database.data-dir=target/it-pg/${random.uuid}",
        // the transaction log stays scheduled, but runs only when a test asks, so tests see their own runs' findings
        "openets.transaction-log.interval=1h",
        // short, so the journal's tests run verifications one after another waiting little, and still meet the cooldown
        "openets.audit.journal-verification-cooldown=3s",
        // an account's history is written to its CSV file this many rows at a time: small, so the tests read it in pages
        "openets.pages.statement-rows=3",
        "logging.level.io.zonky=WARN",
        "logging.level.org.openets.web.security.Refusals=WARN"})
abstract class ServerTestBase {
    static final String PASSWORD = DemoMarket.PASSWORD;
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    static {
        // the databases of earlier runs (each run starts its own under a new name)
        java.nio.file.Path old = java.nio.file.Path.of("target", "it-pg");
        if (java.nio.file.Files.isDirectory(old)) try (var files = java.nio.file.Files.walk(old)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @LocalServerPort int port;
    @Autowired DataSource dataSource;

    URI uri(String path) { return URI.create("http://localhost:" + port + path); }

    static String basic(String login) {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    HttpRequest.Builder request(String path, String login) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
        if (login != null) b.header("Authorization", basic(login));
        return b;
    }

    HttpResponse<String> send(HttpRequest r) {
        try {
            return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path, String login) { return send(request(path, login).GET().build()); }

    HttpResponse<String> postJson(String path, String login, String json) {
        return send(request(path, login).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> post(String path, String login) { return send(request(path, login).POST(HttpRequest.BodyPublishers.noBody()).build()); }

    static JsonNode json(HttpResponse<String> r) { return JSON.readTree(r.body()); }

    /** A problem+json answer with the given status and stable code. */
    static void assertProblem(HttpResponse<String> r, int status, String code) {
        assertThat(r.statusCode()).as("status of %s", r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode body = json(r);
        assertThat(body.path("code").asString()).as(r.body()).isEqualTo(code);
        assertThat(body.path("status").asInt()).isEqualTo(status);
    }

    long count(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    String text(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The account number of a demo entity, e.g. {@code gd-power-1}. */
    String accountOf(String entity) {
        return text("SELECT a.number FROM account a JOIN representative r ON r.account_id = a.id WHERE r.actor = ? AND r.role = 'INITIATOR'", entity + "-init");
    }

    long transactions() { return count("SELECT count(*) FROM registry_transaction"); }

    long refusals() { return count("SELECT count(*) FROM refusal"); }

    long refusals(String actor, String code) { return count("SELECT count(*) FROM refusal WHERE actor = ? AND code = ?", actor, code); }

    /** The number of a jurisdiction's government account of a type (one each). */
    String governmentAccount(String jurisdiction, String type) {
        return text("SELECT number FROM account WHERE jurisdiction = ? AND type = ?", jurisdiction, type);
    }

    long held(String account, String series) {
        return count("SELECT coalesce(sum(h.quantity), 0) FROM holding h JOIN account a ON a.id = h.account_id JOIN unit_series s ON s.id = h.series_id " +
                "WHERE a.number = ? AND s.unit_type || '/' || s.vintage = ?", account, series);
    }

    private static final java.util.concurrent.atomic.AtomicInteger HOLDER_IDS = new java.util.concurrent.atomic.AtomicInteger(
            new java.util.Random().nextInt(5_000_000));

    /** A valid unified social credit code (GB 32100-2015's check character), a new one on each call. */
    static String uscc() {
        String first17 = "91440300MA" + "%07d".formatted(HOLDER_IDS.incrementAndGet());
        return first17 + org.openets.kernel.EntityCodeScheme.uscCheck(first17);
    }

    /** A valid citizen identification number (GB 11643-1999's check character), a new one on each call. */
    static String ric() {
        int n = HOLDER_IDS.incrementAndGet();
        String first17 = "440304" + java.time.LocalDate.of(1960, 1, 1).plusDays(n / 1000 % 20_000).format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE)
                + "%03d".formatted(n % 1000);
        return first17 + org.openets.kernel.PersonIdScheme.check(first17);
    }

    /** The JSON to open a trading account held by an organisation, with a new valid code. */
    static String tradingAccount(String jurisdiction, String holder) {
        return """
                {"jurisdiction":"%s","type":"TRADING_HOLDING","holder":"%s","holderKind":"ORGANISATION","entityCode":"%s"}""".formatted(jurisdiction, holder, uscc());
    }

    static String transfer(String commandId, String from, String to, String unitType, Object quantity) {
        return """
                {"commandId":"%s","type":"TRANSFER","from":"%s","to":"%s","unitType":"%s","vintage":2024,"quantity":%s}"""
                .formatted(commandId, from, to, unitType, quantity);
    }

    record Session(String cookie, String csrf) {}

    static final java.util.regex.Pattern CSRF = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    /** Signs in through the login form as a browser would; returns the session cookie and a CSRF token of that session. */
    Session session(String login) {
        HttpResponse<String> page = get("/login", null);
        String cookie = cookie(page.headers().allValues("Set-Cookie"));
        java.util.regex.Matcher m = CSRF.matcher(page.body());
        assertThat(m.find()).isTrue();
        String form = "username=" + URLEncoder.encode(login, StandardCharsets.UTF_8) + "&password=" + PASSWORD + "&_csrf=" + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> signedIn = send(request("/login", null).header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
        String session = cookie(signedIn.headers().allValues("Set-Cookie"));
        if (session == null) session = cookie;
        HttpResponse<String> accounts = send(request("/accounts", null).header("Cookie", session).GET().build());
        assertThat(accounts.statusCode()).isEqualTo(200);
        java.util.regex.Matcher token = CSRF.matcher(accounts.body());
        assertThat(token.find()).isTrue();
        return new Session(session, token.group(1));
    }

    static String cookie(List<String> setCookies) {
        return setCookies.stream().filter(c -> c.startsWith("JSESSIONID=")).map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElse(null);
    }

    /**
     * A person an administrator added (or gave a new password), who must choose their own before anything else: they
     * change it from {@code current} to another and then to the demo password, so that the test base signs them in as it
     * signs in anyone.
     */
    void choosesOwnPassword(String login, String current) {
        String between = "between-" + java.util.UUID.randomUUID();
        for (String[] step : new String[][]{{current, between}, {between, PASSWORD}}) {
            HttpResponse<String> r = send(request("/api/v1/me/password", null)
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((login + ":" + step[0]).getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"current\":\"" + step[0] + "\",\"password\":\"" + step[1] + "\"}")).build());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
        }
    }

    /** Runs a statement on the test's database (setting up or undoing what a test needs). */
    void update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Posts a page's form in the session, with its CSRF token, fields in name and value pairs. */
    HttpResponse<String> form(Session s, String path, String... namesAndValues) {
        StringBuilder body = new StringBuilder("_csrf=" + URLEncoder.encode(s.csrf(), StandardCharsets.UTF_8));
        for (int i = 0; i + 1 < namesAndValues.length; i += 2)
            body.append('&').append(namesAndValues[i]).append('=').append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
        return send(request(path, null).header("Cookie", s.cookie()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    /**
     * Posts a page's form in a language, as a browser with the language cookie does; a redirect is followed (the page it
     * leads back to), a page answered at once is returned.
     */
    HttpResponse<String> post(Session s, String lang, String path, String... namesAndValues) {
        StringBuilder body = new StringBuilder("_csrf=" + URLEncoder.encode(s.csrf(), StandardCharsets.UTF_8));
        for (int i = 0; i + 1 < namesAndValues.length; i += 2)
            body.append('&').append(namesAndValues[i]).append('=').append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
        String cookies = s.cookie() + "; openets-lang=" + lang;
        HttpResponse<String> r = send(request(path, null).header("Cookie", cookies).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body.toString())).build());
        if (r.statusCode() != 302) return r;
        return send(request(r.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", ""), null).header("Cookie", cookies).GET().build());
    }

    /** A page as the signed-in person sees it (session cookie). */
    HttpResponse<String> page(String path, String login) {
        return send(request(path, null).header("Cookie", session(login).cookie()).GET().build());
    }

    /**
     * One free block of a covered entity's holding (150 to 100,000 t) split by SQL into 150 single-unit blocks and the
     * rest: the same serials in the same holding, so the registry stays consistent. {@link #close()} puts the block back.
     * For tests of lists of blocks; {@code lowestAccount} picks the account with the lowest id, else the highest, so that
     * two test classes split blocks of different accounts.
     */
    /** A demo entity's initiator's login (cn-power-1-init): the demo data's people, who sign in with {@link #PASSWORD}. */
    static final String DEMO_INITIATOR = "^[a-z]{2}-[a-z]+-[0-9]+-init$";

    final class SplitBlock implements AutoCloseable {
        final long account, series, first, last, before;
        final String number, login;

        SplitBlock(boolean lowestAccount) {
            account = Long.parseLong(text("SELECT b.account_id::text FROM unit_block b JOIN account a ON a.id = b.account_id "
                    + "WHERE a.type = 'COVERED_ENTITY_HOLDING' AND b.pledgee = 0 AND b.last_serial - b.first_serial + 1 BETWEEN 150 AND 100000 "
                    // a demo entity's account (its initiator signs in with the demo password), not one another test opened
                    + "AND EXISTS (SELECT 1 FROM representative r WHERE r.account_id = a.id AND r.actor ~ '" + DEMO_INITIATOR + "') "
                    + "ORDER BY b.account_id " + (lowestAccount ? "" : "DESC ") + "LIMIT 1"));
            String[] block = text("SELECT series_id || ',' || first_serial || ',' || last_serial FROM unit_block WHERE account_id = ? AND pledgee = 0 "
                    + "AND last_serial - first_serial + 1 BETWEEN 150 AND 100000 ORDER BY series_id, first_serial LIMIT 1", account).split(",");
            series = Long.parseLong(block[0]);
            first = Long.parseLong(block[1]);
            last = Long.parseLong(block[2]);
            before = count("SELECT count(*) FROM unit_block WHERE account_id = ?", account);
            number = text("SELECT number FROM account WHERE id = ?", account);
            login = text("SELECT actor FROM representative WHERE account_id = ? AND actor ~ '" + DEMO_INITIATOR + "' ORDER BY actor LIMIT 1", account);
            update("DELETE FROM unit_block WHERE series_id = ? AND first_serial = ?", series, first);
            update("INSERT INTO unit_block (series_id, first_serial, last_serial, account_id, pledgee) "
                    + "SELECT ?, g, g, ?, 0 FROM generate_series(?::bigint, ?::bigint) g", series, account, first, first + 149);
            if (last > first + 149)
                update("INSERT INTO unit_block (series_id, first_serial, last_serial, account_id, pledgee) VALUES (?, ?, ?, ?, 0)", series, first + 150, last, account);
        }

        /** The account's blocks now. */
        long total() { return count("SELECT count(*) FROM unit_block WHERE account_id = ?", account); }

        @Override public void close() {
            update("DELETE FROM unit_block WHERE series_id = ? AND first_serial BETWEEN ? AND ?", series, first, last);
            update("INSERT INTO unit_block (series_id, first_serial, last_serial, account_id, pledgee) VALUES (?, ?, ?, ?, 0)", series, first, last, account);
            assertThat(total()).as("the split block put back").isEqualTo(before);
        }
    }
}
