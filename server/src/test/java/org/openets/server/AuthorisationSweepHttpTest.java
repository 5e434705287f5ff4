package org.openets.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint, including ones added later, against the access rules: the API's operations are read from its own
 * OpenAPI document ({@code /v3/api-docs}) and the pages' from the MVC handler mappings of the page controllers, and
 * each is called with another entity's ids substituted into its path (and its body filled from the document's request
 * schema with those ids):
 * <ul>
 *   <li>a representative (initiator and approver) of entity B never reads, moves, approves or changes anything of
 *   entity A: a 403 (problem+json in the API, the refusal page or a refused form on the pages), or 404 where there is
 *   nothing to find, and each 403 recorded in the refusal table;</li>
 *   <li>the auditor reads every GET there is (2xx) and is refused every POST, PUT, PATCH and DELETE, with nothing
 *   written;</li>
 *   <li>the national (CN) administrator changes nothing of Guangdong's government accounts or Guangdong's proposals;</li>
 *   <li>nobody approves what they proposed, for every kind of approvable thing the document has an approve endpoint
 *   for.</li>
 * </ul>
 * Failures are collected and reported together. Entities A and B are two Shenzhen covered entities this class opens
 * with people of its own ({@code sweep-a-*}, {@code sweep-b-*}); Guangdong's proposals it makes are withdrawn at the
 * end. What the emissions endpoints need (an MRV entity with a report and a verification in progress) is the demo's
 * cn-power-2, which this class only ever reads or is refused on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorisationSweepHttpTest extends ServerTestBase {
    static final String J = "SZ", UNIT = "SZEA";
    static final String A_INIT = "sweep-a-init", A_APPR = "sweep-a-appr", A_BOTH = "sweep-a-both", B_INIT = "sweep-b-init", B_APPR = "sweep-b-appr";
    static final String EMISSIONS_ENTITY = "cn-power-2";
    static final int EMISSIONS_YEAR = 2022;

    /** The operations every signed-in person may call whatever ids it is given: nothing in them is another entity's. */
    static final Set<String> OWN_OR_SHARED = Set.of(
            "POST /api/v1/me/password", "POST /api/v1/tokens", "GET /api/v1/tokens", "GET /api/v1/me",
            "POST /me/password", "GET /me/password");

    /** Tables that a refused request must leave as they were (the refusal table is expected to grow). */
    static final List<String> WRITTEN = List.of("registry_transaction", "journal", "trusted_account", "trusted_account_addition", "trusted_account_removal",
            "representative", "representative_change", "account", "account_status_change", "control_setting", "control_setting_proposal", "issuance_limit",
            "issuance_limit_proposal", "calendar_day", "calendar_proposal", "platform_user", "person_change", "api_token", "emission_entity",
            "emission_facility", "emission_installation", "emission_report", "verification", "verification_finding", "verification_finding_correction",
            "verified_figures_version", "verifier", "consulting_link", "allocation_run", "allocation_deduction", "allocation_comparison",
            "allocation_issuance", "transaction_decline");

    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

    JsonNode apiDocs;
    String a, b, aSerial, aBatch, cAccount, gdTotal, gdAuction;
    long aCompleted, aPending, aToken, gdPending, gdCap, gdControl, gdCalendar, run, comparison, txlogRun, report;
    String attachment;

    /** Everything that went wrong, to fail with all of it at once. */
    final List<String> failures = new ArrayList<>();

    // ---------------------------------------------------------------------------------------------- set-up

    @BeforeAll
    void setUp() {
        apiDocs = json(get("/v3/api-docs", null));
        for (String login : new String[]{A_INIT, A_APPR, A_BOTH, B_INIT, B_APPR}) {
            HttpResponse<String> r = postJson("/api/v1/people", "admin-sz", """
                    {"login":"%s","displayName":"%s","password":"%s","passwordAgain":"%s"}""".formatted(login, "扫描 " + login, PASSWORD, PASSWORD));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            choosesOwnPassword(login, PASSWORD);
        }
        a = open("深圳权限扫描甲有限公司", new String[][]{{A_INIT, "INITIATOR"}, {A_APPR, "APPROVER"}, {A_BOTH, "INITIATOR"}, {A_BOTH, "APPROVER"}});
        b = open("深圳权限扫描乙有限公司", new String[][]{{B_INIT, "INITIATOR"}, {B_APPR, "APPROVER"}, {B_INIT, "READ_ONLY"}});
        cAccount = accountOf("sz-power-1");

        // A's units: an allocation batch of one line (its proposer may not approve it), approved by the second administrator
        HttpResponse<String> batch = postJson("/api/v1/batches", "admin-sz", """
                {"commandId":"sweep-alloc","lines":[{"commandId":"sweep-alloc-1","type":"ALLOCATE","from":"%s","to":"%s","unitType":"%s","vintage":2024,"quantity":1000}]}"""
                .formatted(governmentAccount(J, "ALLOCATION"), a, UNIT));
        assertThat(batch.statusCode()).as(batch.body()).isEqualTo(201);
        aBatch = json(batch).path("batchId").asString();
        aCompleted = json(batch).path("lines").get(0).path("id").asLong();
        selfApproval("batch line (allocation)", "/api/v1/transactions/" + aCompleted + "/approve", "admin-sz", null);
        HttpResponse<String> approved = post("/api/v1/transactions/" + aCompleted + "/approve", "admin2-sz");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        aSerial = json(approved).path("serials").get(0).path("first").asString();

        // A's surrender awaiting approval; a surrender its proposer (who is also an approver) may not approve
        HttpResponse<String> pending = postJson("/api/v1/transactions", A_INIT, surrender("sweep-pending", 10));
        assertThat(pending.statusCode()).as(pending.body()).isEqualTo(201);
        aPending = json(pending).path("id").asLong();
        HttpResponse<String> own = postJson("/api/v1/transactions", A_BOTH, surrender("sweep-own", 5));
        assertThat(own.statusCode()).as(own.body()).isEqualTo(201);
        selfApproval("transaction", "/api/v1/transactions/" + json(own).path("id").asLong() + "/approve", A_BOTH, null);

        // A's pending trusted-list additions: B (for the sweep) and C (proposed by one who also approves)
        assertThat(postJson("/api/v1/accounts/" + a + "/trusted", A_INIT, "{\"account\":\"" + b + "\"}").statusCode()).isEqualTo(202);
        assertThat(postJson("/api/v1/accounts/" + a + "/trusted", A_BOTH, "{\"account\":\"" + cAccount + "\"}").statusCode()).isEqualTo(202);
        selfApproval("trusted-list addition", "/api/v1/accounts/" + a + "/trusted/" + cAccount + "/approve", A_BOTH, null);

        // A's API token
        HttpResponse<String> token = postJson("/api/v1/tokens", A_INIT, "{\"name\":\"sweep\"}");
        assertThat(token.statusCode()).as(token.body()).isEqualTo(201);
        aToken = json(token).path("id").asLong();

        // Guangdong: its government accounts, a transfer between them awaiting approval, a cap, a controls and a calendar proposal
        gdTotal = governmentAccount("GD", "TOTAL_QUANTITY");
        gdAuction = governmentAccount("GD", "AUCTION");
        HttpResponse<String> gd = postJson("/api/v1/transactions", "admin-gd", transfer("sweep-gd-1", gdTotal, gdAuction, "GDEA", 1));
        assertThat(gd.statusCode()).as(gd.body()).isEqualTo(201);
        gdPending = json(gd).path("id").asLong();
        HttpResponse<String> cap = postJson("/api/v1/issuance-limits/GDEA/2033/proposals", "admin-gd", """
                {"commandId":"sweep-cap","quantity":1000000,"source":"权限扫描"}""");
        assertThat(cap.statusCode()).as(cap.body()).isIn(201, 202);
        gdCap = json(cap).path("id").asLong();
        HttpResponse<String> control = postJson("/api/v1/controls/proposals", "admin-gd", """
                {"commandId":"sweep-ctl","jurisdiction":"GD","accountType":"AUCTION","approvalExpiryHours":47,"reason":"权限扫描"}""");
        assertThat(control.statusCode()).as(control.body()).isIn(201, 202);
        gdControl = json(control).path("id").asLong();
        HttpResponse<String> day = postJson("/api/v1/calendar/GD/days", "admin-gd", """
                {"day":"%s","kind":"HOLIDAY","note":"权限扫描","reason":"权限扫描"}""".formatted(java.time.LocalDate.now().plusYears(2).withDayOfYear(150)
                .with(java.time.temporal.TemporalAdjusters.nextOrSame(java.time.DayOfWeek.WEDNESDAY))));
        assertThat(day.statusCode()).as(day.body()).isEqualTo(201);
        gdCalendar = json(day).path("id").asLong();

        // a run of the transaction log
        HttpResponse<String> checked = post("/api/v1/transaction-log/runs", "admin-sz");
        assertThat(checked.statusCode()).as(checked.body()).isIn(200, 201);

        // the rest, as the demo has it
        run = count("SELECT min(id) FROM allocation_run WHERE created_by = 'admin-gd'");
        comparison = count("SELECT coalesce(min(id), 1) FROM allocation_comparison");
        txlogRun = count("SELECT coalesce(max(id), 1) FROM txlog.run");
        // the newest report with an attachment (so that the attachment's reads have one to read, whatever reports other
        // test classes added since), else the newest
        report = count("SELECT coalesce((SELECT max(report_id) FROM emission_report_attachment x JOIN emission_report r ON r.id = x.report_id "
                + "WHERE r.entity_id = ?), (SELECT max(id) FROM emission_report WHERE entity_id = ?))", EMISSIONS_ENTITY, EMISSIONS_ENTITY);
        attachment = text("SELECT coalesce(min(sha256), repeat('0', 64)) FROM emission_report_attachment WHERE report_id = ?", report);
    }

    String surrender(String commandId, int quantity) {
        return """
                {"commandId":"%s","type":"SURRENDER","from":"%s","unitType":"%s","vintage":2024,"quantity":%d}""".formatted(commandId, a, UNIT, quantity);
    }

    String open(String holder, String[][] roles) {
        HttpResponse<String> opened = postJson("/api/v1/accounts", "admin-sz", """
                {"jurisdiction":"%s","type":"COVERED_ENTITY_HOLDING","holder":"%s","entityCode":"%s"}""".formatted(J, holder, uscc()));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        String number = json(opened).path("number").asString();
        for (String[] g : roles) {
            HttpResponse<String> r = postJson("/api/v1/accounts/" + number + "/representatives", "admin-sz", "{\"login\":\"" + g[0] + "\",\"role\":\"" + g[1] + "\"}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        }
        return number;
    }

    // ---------------------------------------------------------------------------------------------- the endpoints

    /** One endpoint: its method and path template; the OpenAPI operation for the API, null for a page. */
    record Op(String method, String template, JsonNode operation) {
        boolean page() { return operation == null; }

        boolean reads() { return method.equals("GET"); }

        String key() { return method + " " + template; }

        List<String> pathVariables() {
            List<String> out = new ArrayList<>();
            Matcher m = Pattern.compile("\\{([^}]+)}").matcher(template);
            while (m.find()) out.add(m.group(1));
            return out;
        }
    }

    /** Every /api/v1 operation of the OpenAPI document. */
    List<Op> apiOperations() {
        List<Op> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : apiDocs.path("paths").properties())
            if (path.getKey().startsWith("/api/v1/"))
                for (Map.Entry<String, JsonNode> op : path.getValue().properties())
                    out.add(new Op(op.getKey().toUpperCase(java.util.Locale.ROOT), path.getKey(), op.getValue()));
        out.sort(java.util.Comparator.comparing(Op::key));
        return out;
    }

    /** Every mapping of the page controllers (the package org.openets.web.ui), from Spring's own handler mappings. */
    List<Op> pageOperations() {
        Set<String> keys = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, org.springframework.web.method.HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
            if (!e.getValue().getBeanType().getPackageName().equals("org.openets.web.ui")) continue;
            Set<RequestMethod> methods = e.getKey().getMethodsCondition().getMethods();
            for (String pattern : e.getKey().getPatternValues())
                for (RequestMethod m : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) keys.add(m.name() + " " + pattern);
        }
        return keys.stream().map(k -> new Op(k.substring(0, k.indexOf(' ')), k.substring(k.indexOf(' ') + 1), null)).toList();
    }

    /** Whose things a request is made with: entity A's (as B tries them) or Guangdong's (as the national administrator tries them). */
    enum Target { A, GD }

    /** The value of a path variable or a body field, for the target; null where the target has nothing of the kind. */
    String value(Target t, String template, String name) {
        boolean gd = t == Target.GD;
        return switch (name) {
            case "account", "ref", "from" -> gd ? gdTotal : a;
            case "trusted", "to" -> gd ? gdAuction : b;
            case "batchId" -> aBatch;
            case "login", "pledgee" -> gd ? "gd-power-3-appr" : A_INIT;
            case "role" -> "INITIATOR";
            case "serial" -> aSerial;
            case "jurisdiction" -> gd ? "GD" : J;
            case "unitType" -> gd ? "GDEA" : UNIT;
            case "vintage" -> gd ? "2033" : "2024";
            case "entity" -> gd ? null : EMISSIONS_ENTITY;
            case "year" -> Integer.toString(EMISSIONS_YEAR);
            case "number" -> "1";
            case "installation" -> gd ? null : text("SELECT coalesce(min(id), 'G1') FROM emission_installation WHERE entity_id = ?", EMISSIONS_ENTITY);
            case "sha256" -> attachment;
            case "day" -> java.time.LocalDate.now().plusYears(3).toString();
            case "id" -> {
                if (template.contains("/transactions/")) yield Long.toString(gd ? gdPending : aPending);
                if (template.contains("/tokens/")) yield gd ? null : Long.toString(aToken);
                if (template.contains("issuance-limits/proposals/") || template.contains("cap-proposals/")) yield Long.toString(gdCap);
                if (template.contains("/controls/proposals/")) yield Long.toString(gdControl);
                if (template.contains("/calendar/proposals/")) yield Long.toString(gdCalendar);
                if (template.contains("/allocation/runs/")) yield Long.toString(run);
                if (template.contains("/allocation/comparisons/")) yield Long.toString(comparison);
                if (template.contains("/transaction-log/runs/")) yield Long.toString(txlogRun);
                if (template.contains("/emissions/reports/")) yield gd ? null : Long.toString(report);
                if (template.contains("/allocation/rulesets/")) yield "CN-POWER-2019-2020";
                throw new IllegalStateException("no id for " + template + ": add what it names to AuthorisationSweepHttpTest.value");
            }
            default -> null;
        };
    }

    /** The path with the target's ids put in; null when the target has nothing for one of its variables. */
    String path(Target t, Op op) {
        String path = op.template();
        for (String v : op.pathVariables()) {
            String x = value(t, op.template(), v);
            if (x == null) return null;
            path = path.replace("{" + v + "}", URLEncoder.encode(x, StandardCharsets.UTF_8));
        }
        // required query parameters, named as the document names them
        StringBuilder query = new StringBuilder();
        if (op.operation() != null)
            for (JsonNode p : op.operation().path("parameters"))
                if (p.path("in").asString().equals("query") && QUERIES.contains(p.path("name").asString())) {
                    String x = value(t, op.template(), p.path("name").asString());
                    if (x == null && !p.path("required").asBoolean()) continue;
                    query.append(query.isEmpty() ? '?' : '&').append(p.path("name").asString()).append('=')
                            .append(URLEncoder.encode(x == null ? "1" : x, StandardCharsets.UTF_8));
                }
        // the pages that find something by a query
        if (op.page() && op.reads() && op.template().equals("/serials")) query.append("?serial=").append(aSerial);
        if (op.page() && op.reads() && op.template().equals("/transactions")) query.append("?id=").append(t == Target.GD ? gdPending : aPending);
        return path + query;
    }

    /** The query parameters filled in: those that pick whose things a list or a file is of. */
    static final Set<String> QUERIES = Set.of("jurisdiction", "year", "entity", "unitType", "vintage", "serial");

    /** A JSON body for the operation, from its request schema, each field filled with the target's id of that name or a plausible value. */
    String body(Target t, Op op) {
        if (csvOnly(op)) return "sweep\n";
        JsonNode schema = op.operation().path("requestBody").path("content").path("application/json").path("schema");
        if (schema.isMissingNode()) return null;
        return fill(t, op.template(), schema, "", 0).toString();
    }

    /** An operation that takes a CSV file (or a spreadsheet) but no JSON. */
    static boolean csvOnly(Op op) {
        JsonNode content = op.operation().path("requestBody").path("content");
        return content.has("text/csv") && !content.has("application/json");
    }

    JsonNode fill(Target t, String template, JsonNode schema, String name, int depth) {
        if (schema.has("$ref")) schema = apiDocs.at("/components/schemas/" + schema.path("$ref").asString().substring("#/components/schemas/".length()));
        String type = schema.path("type").asString();
        if (schema.has("properties") || type.equals("object")) {
            ObjectNode o = JSON.createObjectNode();
            if (depth < 3)
                for (Map.Entry<String, JsonNode> f : schema.path("properties").properties())
                    // optional parts left out: an offset's attributes, a pledgee, the transaction reversed, a project
                    if (!f.getValue().has("$ref") && !Set.of("pledgee", "reverses", "projectId").contains(f.getKey()))
                        o.set(f.getKey(), fill(t, template, f.getValue(), f.getKey(), depth + 1));
            return o;
        }
        if (type.equals("array")) {
            ArrayNode arr = JSON.createArrayNode();
            if (depth < 3 && schema.path("items").has("$ref")) arr.add(fill(t, template, schema.path("items"), name, depth + 1));
            return arr;
        }
        String v = name.equals("commandId") ? "sweep-" + java.util.UUID.randomUUID() : name.equals("id") ? null : value(t, template, name);
        return switch (type) {
            case "integer", "number" -> JSON.getNodeFactory().numberNode(v != null && v.chars().allMatch(Character::isDigit) ? Long.parseLong(v) : 1L);
            case "boolean" -> JSON.getNodeFactory().booleanNode(false);
            default -> JSON.getNodeFactory().stringNode(v != null ? v : schema.path("format").asString().equals("date") ? "2024-01-01" : switch (name) {
                case "type" -> "TRANSFER";
                case "status" -> "SUSPENDED";
                case "kind" -> "HOLIDAY";
                case "accountType" -> "COVERED_ENTITY_HOLDING";
                case "opinion" -> "QUALIFIED";
                case "password", "passwordAgain", "current" -> "sweep-Password-1";
                default -> "sweep";
            });
        };
    }

    /** The form fields a page's POST is sent with: the target's ids under the names the forms use, and plausible values. */
    String[] formFields(Target t, Op op) {
        return new String[]{"account", value(t, op.template(), "trusted"), "to", value(t, op.template(), "to"), "from", value(t, op.template(), "from"),
                "unitType", value(t, op.template(), "unitType"), "vintage", "2024", "series", value(t, op.template(), "unitType") + "/2024", "quantity", "1",
                "reason", "sweep", "note", "sweep", "login", value(t, op.template(), "login"), "role", "INITIATOR", "status", "SUSPENDED",
                "jurisdiction", value(t, op.template(), "jurisdiction"), "accountType", "COVERED_ENTITY_HOLDING", "day", value(t, op.template(), "day"),
                "kind", "HOLIDAY", "entity", EMISSIONS_ENTITY, "year", Integer.toString(EMISSIONS_YEAR), "confirm", "true", "operation", "SUSPEND",
                "beneficiary", "sweep", "purpose", "sweep", "text", "sweep", "description", "sweep", "cap", "1000000", "quantityText", "1",
                "holder", "sweep", "entityCode", uscc(), "displayName", "sweep", "password", "sweep-Password-1", "passwordAgain", "sweep-Password-1",
                "verifier", "sweep", "lines", value(t, op.template(), "to") + " 1", "commandId", "sweep-" + java.util.UUID.randomUUID()};
    }

    // ---------------------------------------------------------------------------------------------- calling them

    /** The rows of the tables a refused request leaves alone, as one text to compare. */
    String written() {
        StringBuilder sql = new StringBuilder("SELECT concat_ws(',' ");
        for (String table : WRITTEN) sql.append(", '").append(table).append("=' || (SELECT count(*) FROM ").append(table).append(')');
        return text(sql.append(')').toString());
    }

    long refusalsOf(String actor) { return count("SELECT count(*) FROM refusal WHERE actor = ?", actor); }

    /** What came of one request: its status, body, where a redirect went, and what it changed. */
    record Answer(int status, String contentType, String body, String location, boolean recorded, String changed) {}

    Answer call(String login, Session session, Op op, String path, String jsonBody, String[] fields) {
        long refusedBefore = refusalsOf(login);
        String before = written();
        HttpResponse<String> r;
        if (op.page()) {
            if (op.reads()) r = send(request(path, null).header("Cookie", session.cookie()).GET().build());
            else r = form(session, path, fields);
        } else {
            HttpRequest.Builder req = request(path, login);
            if (jsonBody != null) req.header("Content-Type", csvOnly(op) ? "text/csv" : "application/json");
            r = send(req.method(op.method(), jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody)).build());
        }
        String after = written();
        String changed = null;
        if (!after.equals(before)) {
            List<String> x = new ArrayList<>(List.of(after.split(",")));
            x.removeAll(List.of(before.split(",")));
            changed = String.join(",", x);
        }
        return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r.headers().firstValue("Location").orElse(null),
                refusalsOf(login) > refusedBefore, changed);
    }

    String describe(String who, Op op, String path, Answer x) {
        String detail = x.body() == null ? "" : x.body().length() > 200 ? x.body().substring(0, 200) : x.body();
        if (x.contentType().startsWith("text/html")) {
            Matcher code = Pattern.compile("[A-Z][A-Z_]{5,}").matcher(x.body());
            detail = code.find() ? "page with " + code.group() : "page";
        }
        return who + " " + op.method() + " " + path + " → " + x.status() + (x.location() != null ? " to " + x.location() : "")
                + (x.changed() != null ? " wrote " + x.changed() : "") + " " + detail.replace('\n', ' ');
    }

    /**
     * A request that must be refused: never 2xx, nothing written; a 403 is recorded (and in the API problem+json). A page's
     * form is refused by a redirect back with the refusal shown, so there the refusal record is what tells.
     * {@code strict}: only 403 (or 404 where there is nothing to find) will do, not a complaint about the input first.
     */
    void refused(String who, Session session, Op op, Target t, boolean strict) {
        String path = path(t, op);
        if (path == null) return;
        Answer x = call(who, session, op, path, op.page() ? null : body(t, op), op.page() ? formFields(t, op) : null);
        String d = describe(who, op, path, x);
        if (x.changed() != null) failures.add("WROTE: " + d);
        // a search page (a serial's trace, a transaction by number) shows the refusal in the page: recorded, and nothing of A's on it
        boolean refusedInPage = x.status() == 200 && op.page() && op.reads() && x.recorded() && !x.body().contains(a);
        if (x.status() >= 200 && x.status() < 300 && !refusedInPage) failures.add("ALLOWED: " + d);
        else if (x.status() >= 500) failures.add("5xx: " + d);
        else if (x.status() == 403 && !x.recorded()) failures.add("403 NOT RECORDED: " + d);
        else if (x.status() == 403 && !op.page() && !x.contentType().startsWith("application/problem+json")) failures.add("403 NOT problem+json: " + d);
        else if (x.status() == 302 && op.page() && !op.reads() && !x.recorded()) failures.add("FORM NOT REFUSED (no refusal recorded): " + d);
        else if (x.status() == 302 && op.page() && op.reads()) failures.add("PAGE REDIRECTED, NOT REFUSED: " + d);
        else if (strict && x.status() != 403 && x.status() != 404 && x.status() != 302 && !refusedInPage) failures.add("NOT 403 (input judged before authority?): " + d);
    }

    void failIfAny(String what) {
        assertThat(failures).as(what + ": " + failures.size() + " failures:\n" + String.join("\n", failures)).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------- the sweeps

    @Test
    void a_representative_of_another_entity_reads_moves_approves_and_changes_nothing_of_entity_a() {
        failures.clear();
        Map<String, Session> sessions = new LinkedHashMap<>();
        for (String who : new String[]{B_INIT, B_APPR}) sessions.put(who, session(who));
        int tried = 0;
        for (String who : sessions.keySet()) {
            for (Op op : apiOperations()) {
                if (OWN_OR_SHARED.contains(op.key()) || op.template().startsWith("/api/v1/public/")) continue;
                if (op.reads() && op.pathVariables().isEmpty()) continue; // lists: what is in them is checked by the other tests
                if (op.reads() && !readsSomeonesThings(op)) continue;
                refused(who, null, op, Target.A, true);
                tried++;
                if (op.template().equals("/api/v1/transactions/{id}")) refused(who, null, new Op("GET", "/api/v1/transactions/" + aCompleted, op.operation()), Target.A, true);
            }
            for (Op op : pageOperations()) {
                if (OWN_OR_SHARED.contains(op.key()) || op.template().startsWith("/public/") || op.template().equals("/login")) continue;
                if (op.reads() && op.pathVariables().isEmpty() && !op.template().equals("/serials")) continue;
                refused(who, sessions.get(who), op, Target.A, true);
                tried++;
            }
        }
        assertThat(tried).isGreaterThan(100);
        failIfAny("B's representatives on A's things");
    }

    /** A GET with a path variable that names something of an entity or an administrator (not a jurisdiction's calendar, a unit type's cap, a ruleset). */
    static boolean readsSomeonesThings(Op op) {
        return !SHARED_READS.contains(op.template());
    }

    /** What every signed-in person reads, whatever its path names: a jurisdiction's business calendar, caps, rulesets. */
    static final Set<String> SHARED_READS = Set.of(
            "/api/v1/calendar/{jurisdiction}", "/api/v1/calendar/{jurisdiction}/history", "/api/v1/calendar/{jurisdiction}/proposals",
            "/api/v1/issuance-limits/{unitType}/{vintage}", "/api/v1/allocation/rulesets/{id}", "/api/v1/emissions/verified/{jurisdiction}/{year}.xlsx",
            "/api/v1/emissions/verified/{jurisdiction}/{year}.csv");

    @Test
    void the_auditor_reads_everything_and_changes_nothing() {
        failures.clear();
        Session session = session("auditor");
        String before = written();
        for (Op op : apiOperations()) {
            String path = path(Target.A, op);
            if (op.reads()) {
                Answer x = call("auditor", null, op, path, null, null);
                if (x.status() < 200 || x.status() >= 300) failures.add("NOT READ: " + describe("auditor", op, path, x));
            } else if (!OWN_OR_SHARED.contains(op.key()) && !AUDITORS_CHECKS.contains(op.key())) refused("auditor", null, op, Target.A, false);
        }
        for (Op op : pageOperations()) {
            String path = path(Target.A, op);
            if (op.reads()) {
                if (op.template().equals("/login")) continue;
                if (ADMINISTRATORS_FORMS.contains(op.template())) {
                    refused("auditor", session, op, Target.A, false);
                    continue;
                }
                Answer x = call("auditor", session, op, path, null, null);
                boolean onwards = x.status() == 302 && x.location() != null && !x.location().endsWith("/login") && !x.location().contains("error");
                if ((x.status() < 200 || x.status() >= 300) && !onwards) failures.add("NOT READ: " + describe("auditor", op, path, x));
            } else if (!OWN_OR_SHARED.contains(op.key()) && !AUDITORS_CHECKS.contains(op.key())) refused("auditor", session, op, Target.A, false);
        }
        if (!written().equals(before)) failures.add("the auditor's requests changed " + written() + " (was " + before + ")");
        failIfAny("the auditor");
    }

    /**
     * The administrators' forms to propose issuance and allocation: nothing on them that the auditor does not read
     * elsewhere (the caps, the transactions, the accounts), so they are refused, recorded.
     */
    static final Set<String> ADMINISTRATORS_FORMS = Set.of("/admin/issuance", "/admin/allocation");

    /** What auditors run, writing only their own records (a journal verification), never the registry's data. */
    static final Set<String> AUDITORS_CHECKS = Set.of("POST /api/v1/audit/journal/verifications", "POST /audit/journal");

    @Test
    void the_national_administrator_changes_nothing_of_guangdongs_government_accounts_or_proposals() {
        failures.clear();
        Session session = session("admin-cn");
        for (Op op : apiOperations()) {
            if (op.reads() || OWN_OR_SHARED.contains(op.key())) continue;
            // an operation without ids in its path is tried where its body can name Guangdong's things
            if (op.pathVariables().isEmpty() && !String.valueOf(body(Target.GD, op)).matches("(?s).*\"(from|account|jurisdiction)\".*")) continue;
            refused("admin-cn", null, op, Target.GD, false);
        }
        for (Op op : pageOperations()) {
            if (op.reads() || OWN_OR_SHARED.contains(op.key()) || op.pathVariables().isEmpty() && !op.template().startsWith("/admin/")) continue;
            if (op.template().startsWith("/admin/people") && op.pathVariables().isEmpty()) continue;
            refused("admin-cn", session, op, Target.GD, false);
        }
        failIfAny("the national administrator on Guangdong's");
    }

    @Test
    void without_a_session_every_api_operation_but_the_public_ones_answers_401_and_every_page_sends_to_the_sign_in() {
        failures.clear();
        for (Op op : apiOperations()) {
            if (op.template().startsWith("/api/v1/public/") || op.template().equals("/api/v1/unit-types")) continue;
            String path = path(Target.A, op);
            long before = refusalsOf("anonymous");
            HttpRequest.Builder req = request(path, null);
            String body = body(Target.A, op);
            if (body != null) req.header("Content-Type", csvOnly(op) ? "text/csv" : "application/json");
            HttpResponse<String> r = send(req.method(op.method(), body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build());
            if (r.statusCode() != 401 || !r.body().contains("UNAUTHENTICATED")) failures.add("anonymous " + op.method() + " " + path + " → " + r.statusCode() + " " + r.body());
            else if (refusalsOf("anonymous") != before + 1) failures.add("anonymous " + op.method() + " " + path + " → 401 not recorded");
        }
        for (Op op : pageOperations()) {
            if (!op.reads() || op.template().startsWith("/public/") || op.template().equals("/login")) continue;
            String path = path(Target.A, op);
            HttpResponse<String> r = get(path, null);
            if (r.statusCode() != 302 || !r.headers().firstValue("Location").orElse("").endsWith("/login"))
                failures.add("anonymous GET " + path + " → " + r.statusCode() + " " + r.headers().firstValue("Location").orElse(""));
        }
        failIfAny("without a session");
    }

    /** Proposes something and has its proposer approve it: 403 SELF_APPROVAL, recorded, nothing decided. */
    void selfApproval(String kind, String approve, String proposer, String code) {
        long before = refusals(proposer, code == null ? "SELF_APPROVAL" : code);
        HttpResponse<String> r = post(approve, proposer);
        if (r.statusCode() != 403 || !json(r).path("code").asString().equals(code == null ? "SELF_APPROVAL" : code))
            selfApprovalFailures.add(kind + ": " + proposer + " POST " + approve + " → " + r.statusCode() + " " + r.body());
        else if (refusals(proposer, code == null ? "SELF_APPROVAL" : code) != before + 1) selfApprovalFailures.add(kind + ": not recorded");
        selfApproved.add(approve.replaceAll("/\\d+/", "/{id}/").replaceAll("/" + Pattern.quote(a) + "/", "/{account}/")
                .replaceAll("/" + Pattern.quote(cAccount) + "/", "/{trusted}/"));
    }

    final List<String> selfApprovalFailures = new ArrayList<>();
    final Set<String> selfApproved = new TreeSet<>();

    @Test
    void nobody_approves_what_they_proposed_whatever_it_is() {
        selfApproval("cap proposal", "/api/v1/issuance-limits/proposals/" + gdCap + "/approve", "admin-gd", null);
        selfApproval("controls proposal", "/api/v1/controls/proposals/" + gdControl + "/approve", "admin-gd", null);
        selfApproval("calendar proposal", "/api/v1/calendar/proposals/" + gdCalendar + "/approve", "admin-gd", null);
        // a verification is approved by its regulator: the verifier who stated it holds no such role
        selfApproval("verification", "/api/v1/emissions/verifications/" + EMISSIONS_ENTITY + "/" + EMISSIONS_YEAR + "/approve", "verifier-1", "NOT_AUTHORISED");
        selfApproved.add("/api/v1/emissions/verifications/{entity}/{year}/approve");
        // every approve endpoint of the document is among them
        for (Op op : apiOperations())
            if (op.template().endsWith("/approve") && !selfApproved.contains(op.template()))
                selfApprovalFailures.add("no self-approval check for " + op.key() + " (add its kind to this test)");
        assertThat(selfApprovalFailures).as(String.join("\n", selfApprovalFailures)).isEmpty();
    }

    @AfterAll
    void withdrawGuangdongsProposals() {
        post("/api/v1/transactions/" + gdPending + "/cancel", "admin-gd");
        postJson("/api/v1/issuance-limits/proposals/" + gdCap + "/withdraw", "admin-gd", "{\"reason\":\"sweep\"}");
        postJson("/api/v1/controls/proposals/" + gdControl + "/withdraw", "admin-gd", "{\"reason\":\"sweep\"}");
        postJson("/api/v1/calendar/proposals/" + gdCalendar + "/withdraw", "admin-gd", "{\"reason\":\"sweep\"}");
    }
}
