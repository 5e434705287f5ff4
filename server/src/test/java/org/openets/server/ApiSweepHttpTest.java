package org.openets.server;

import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of the API, as the server's own OpenAPI document lists it (so a new endpoint is swept without being
 * named here), asked badly: without credentials (401 UNAUTHENTICATED unless the security configuration lets anyone in),
 * with bodies that are not what it reads (malformed, empty, an array, a string, text/plain, every field of the wrong
 * type, numbers too big for anything, over the size limit), and with garbage in every path and query parameter. The
 * answer is always a 4xx problem+json with a stable code, never a 5xx and never a success, and nothing is written.
 * Each test collects every failing operation before it fails, so one run lists every defect.
 */
class ApiSweepHttpTest extends ServerTestBase {
    /** A covered entity's representative and a registry administrator of its market (the entity has emissions data too). */
    static final String ENTITY = "cn-power-4", REPRESENTATIVE = ENTITY + "-init", ADMINISTRATOR = "admin-cn";
    static final List<String> USERS = List.of(REPRESENTATIVE, ADMINISTRATOR);
    /** Path and query values no operation can take (decoded: each is percent-encoded on the way out). */
    static final List<String> GARBAGE = List.of("x", "-1", "0", "99999999999999999999", "\0", "a".repeat(300), "../etc");
    static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");
    /** Tables whose rows a refused request may add: the record of refusals. */
    static final Set<String> MAY_GROW = Set.of("refusal");

    @Autowired @Qualifier("springSecurityFilterChain") Filter security;
    @Value("${openets.web.max-body-bytes:65536}") long bodyLimit;
    @Value("${openets.web.max-upload-bytes:10485760}") long uploadLimit;

    final List<String> failures = new ArrayList<>();
    /** Bearer tokens of the users, when a sweep signs in with one (else HTTP Basic). */
    final Map<String, String> tokens = new LinkedHashMap<>();

    /**
     * The sweeps of parameters sign in with bearer tokens: thousands of requests, each signed in with a password, would
     * spend minutes on bcrypt. The tokens are made before the sweep counts the rows.
     */
    void signInWithTokens() {
        for (String login : USERS) {
            HttpResponse<String> r = postJson("/api/v1/tokens", login, "{\"name\":\"api sweep\",\"expiresInSeconds\":3600}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            tokens.put(login, json(r).path("token").asString());
        }
    }

    // ------------------------------------------------------------------ the operations, from the OpenAPI document

    record Op(String method, String template, JsonNode spec, JsonNode doc) {
        String name() { return method + " " + template; }

        List<JsonNode> parameters(String in) {
            List<JsonNode> ps = new ArrayList<>();
            for (JsonNode p : spec.path("parameters")) if (in.equals(p.path("in").asString())) ps.add(p);
            return ps;
        }

        boolean hasBody() { return spec.has("requestBody"); }

        boolean bodyRequired() { return spec.path("requestBody").path("required").asBoolean(false); }

        Set<String> mediaTypes() {
            Set<String> types = new java.util.LinkedHashSet<>();
            spec.path("requestBody").path("content").propertyNames().forEach(types::add);
            return types;
        }

        /** What the body is sent as: JSON when the operation reads JSON, else the first type it declares. */
        String contentType() {
            Set<String> types = mediaTypes();
            return types.contains("application/json") || types.isEmpty() ? "application/json" : types.iterator().next();
        }

        JsonNode bodySchema() {
            return resolve(doc, spec.path("requestBody").path("content").path(contentType()).path("schema"));
        }
    }

    static JsonNode resolve(JsonNode doc, JsonNode schema) {
        String ref = schema.path("$ref").asString("");
        if (ref.startsWith("#/components/schemas/")) return doc.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
        return schema;
    }

    List<Op> operations() {
        HttpResponse<String> r = get("/v3/api-docs", null);
        assertThat(r.statusCode()).as("the OpenAPI document").isEqualTo(200);
        JsonNode doc = JSON.readTree(r.body());
        List<Op> ops = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : doc.path("paths").properties())
            if (path.getKey().startsWith("/api/v1/"))
                for (Map.Entry<String, JsonNode> op : path.getValue().properties())
                    ops.add(new Op(op.getKey().toUpperCase(java.util.Locale.ROOT), path.getKey(), op.getValue(), doc));
        // the document lists the API: if it ever listed next to nothing, the sweep would pass asking nothing
        assertThat(ops).as("operations under /api/v1 in the OpenAPI document").hasSizeGreaterThan(50);
        return ops;
    }

    // ------------------------------------------------------------------ which operations anyone may call: the security configuration's answer

    /** Whether the API's security filter chain lets an anonymous visitor through to this request (its permitAll rules). */
    boolean isPublic(String method, String path) {
        MockHttpServletRequest req = new MockHttpServletRequest(method, path);
        req.setServletPath(path);
        for (SecurityFilterChain chain : ((FilterChainProxy) security).getFilterChains()) {
            if (!chain.matches(req)) continue;
            AuthorizationFilter authorization = chain.getFilters().stream().filter(AuthorizationFilter.class::isInstance)
                    .map(AuthorizationFilter.class::cast).findFirst().orElseThrow();
            var anonymous = new AnonymousAuthenticationToken("sweep", "anonymousUser", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
            AuthorizationResult result = authorization.getAuthorizationManager().authorize(() -> anonymous, req);
            return result != null && result.isGranted();
        }
        throw new IllegalStateException("no security filter chain for " + path);
    }

    // ------------------------------------------------------------------ values

    /**
     * A value a parameter of this name could take, so that a request gets as far as the parameter under test: the
     * representative's own account and emissions entity, its market. An unknown name gets a number or a word.
     */
    Map<String, String> plausible() {
        Map<String, String> v = new TreeMap<>();
        v.put("account", accountOf(ENTITY));
        v.put("trusted", accountOf("cn-alu-2"));
        v.put("entity", ENTITY);
        v.put("installation", "G1");
        v.put("jurisdiction", "CN");
        v.put("unitType", "CEA");
        v.put("vintage", "2024");
        v.put("year", "2022");
        v.put("login", ENTITY + "-appr");
        v.put("role", "APPROVER");
        v.put("day", "2024-10-08");
        v.put("sha256", "0".repeat(64));
        v.put("serial", "CN-CEA-2024-1");
        return v;
    }

    static String fallback(JsonNode parameter) {
        String type = parameter.path("schema").path("type").asString("string");
        // ids that fit the type and name nothing, so a request that gets past everything else still changes nothing
        return type.equals("integer") || type.equals("number") ? "999999999" : type.equals("boolean") ? "false" : "sweep-nothing";
    }

    static String encode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '.' || c == '_' || c == '~') out.append(c);
            else out.append('%').append(String.format("%02X", b & 0xff));
        }
        return out.toString();
    }

    /** The path with its parameters filled: {@code raw} values go in as they are (a traversal), the rest percent-encoded. */
    String path(Op op, Map<String, String> values, Map<String, String> raw, Map<String, String> query) {
        String p = op.template();
        Map<String, String> plausible = plausible();
        for (JsonNode param : op.parameters("path")) {
            String name = param.path("name").asString();
            String value = raw.containsKey(name) ? raw.get(name)
                    : encode(values.getOrDefault(name, plausible.getOrDefault(name, fallback(param))));
            p = p.replace("{" + name + "}", value);
        }
        StringBuilder q = new StringBuilder();
        Map<String, String> all = new LinkedHashMap<>();
        // a required query parameter gets a plausible value, so a body or another parameter under test is reached
        for (JsonNode param : op.parameters("query"))
            if (param.path("required").asBoolean(false)) all.put(param.path("name").asString(), plausible.getOrDefault(param.path("name").asString(), fallback(param)));
        all.putAll(query);
        all.forEach((k, v) -> q.append(q.isEmpty() ? "?" : "&").append(encode(k)).append('=').append(encode(v)));
        return p + q;
    }

    /** A body the schema describes: every field with a value of its type (the values name nothing that exists). */
    static JsonNode sample(JsonNode doc, JsonNode schema, int depth) {
        schema = resolve(doc, schema);
        String type = schema.path("type").asString(schema.has("properties") ? "object" : "string");
        switch (type) {
            case "object" -> {
                ObjectNode o = JSON.createObjectNode();
                if (depth < 4) for (Map.Entry<String, JsonNode> p : schema.path("properties").properties())
                    o.set(p.getKey(), sample(doc, p.getValue(), depth + 1));
                return o;
            }
            case "array" -> { return JSON.createArrayNode(); }
            case "integer" -> { return JSON.getNodeFactory().numberNode(1); }
            case "number" -> { return JSON.getNodeFactory().numberNode(1); }
            case "boolean" -> { return JSON.getNodeFactory().booleanNode(false); }
            default -> {
                if (schema.has("enum") && !schema.path("enum").isEmpty()) return schema.path("enum").get(0);
                String format = schema.path("format").asString("");
                return JSON.getNodeFactory().stringNode(format.equals("date") ? "2024-10-08" : format.equals("date-time") ? "2024-10-08T00:00:00Z" : "sweep-nothing");
            }
        }
    }

    /** Every field of the body with a value of another type (a text gets an object: JSON readers turn a number into text). */
    static String wrongTypes(JsonNode doc, JsonNode schema) {
        ObjectNode o = JSON.createObjectNode();
        for (Map.Entry<String, JsonNode> p : resolve(doc, schema).path("properties").properties()) {
            JsonNode field = resolve(doc, p.getValue());
            String type = field.path("type").asString(field.has("properties") ? "object" : "string");
            if (type.equals("string")) o.putObject(p.getKey()).put("sweep", 1);
            else o.put(p.getKey(), "x");
        }
        return o.isEmpty() ? null : o.toString();
    }

    /** The sample body with every number field set to {@code literal}; null when the body has no number fields. */
    static String withNumbers(JsonNode doc, JsonNode schema, String literal) {
        JsonNode s = resolve(doc, schema);
        if (!(sample(doc, s, 0) instanceof ObjectNode o)) return null;
        boolean any = false;
        for (Map.Entry<String, JsonNode> p : s.path("properties").properties()) {
            String type = resolve(doc, p.getValue()).path("type").asString("");
            if (type.equals("integer") || type.equals("number")) {
                o.put(p.getKey(), "@@HUGE@@");
                any = true;
            }
        }
        return any ? o.toString().replace("\"@@HUGE@@\"", literal) : null;
    }

    // ------------------------------------------------------------------ asking and judging

    HttpResponse<String> exchange(String method, String path, String login, String contentType, String body) {
        return exchange(method, path, login, contentType, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    }

    /** The answer, or a stand-in with status 0 when there is none (the connection broke): a failure like any other. */
    HttpResponse<String> exchange(String method, String path, String login, String contentType, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(60));
        if (login != null) b.header("Authorization", tokens.containsKey(login) ? "Bearer " + tokens.get(login) : basic(login));
        if (contentType != null) b.header("Content-Type", contentType);
        HttpRequest request = b.method(method, body).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            return noAnswer(request, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> noAnswer(HttpRequest request, Exception e) {
        return new HttpResponse<>() {
            @Override public int statusCode() { return 0; }
            @Override public HttpRequest request() { return request; }
            @Override public java.util.Optional<HttpResponse<String>> previousResponse() { return java.util.Optional.empty(); }
            @Override public java.net.http.HttpHeaders headers() { return java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true); }
            @Override public String body() { return "no answer: " + e; }
            @Override public java.util.Optional<javax.net.ssl.SSLSession> sslSession() { return java.util.Optional.empty(); }
            @Override public URI uri() { return request.uri(); }
            @Override public java.net.http.HttpClient.Version version() { return java.net.http.HttpClient.Version.HTTP_1_1; }
        };
    }

    /** What is wrong with an answer that should be a 4xx problem with a code; null when nothing is. */
    static String notAProblem(HttpResponse<String> r) {
        if (r.statusCode() < 400 || r.statusCode() >= 500) return "status " + r.statusCode();
        String type = r.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/problem+json")) return r.statusCode() + " as " + type;
        try {
            JsonNode body = JSON.readTree(r.body());
            if (body.path("code").asString("").isBlank()) return r.statusCode() + " without a code";
            if (body.path("status").asInt() != r.statusCode()) return r.statusCode() + " saying status " + body.path("status");
        } catch (RuntimeException e) {
            return r.statusCode() + " whose body is not JSON";
        }
        return null;
    }

    /** How often each answer came (status and code), written to the test's output: what the sweep saw. */
    final Map<String, Integer> seen = new TreeMap<>();

    void expectProblem(Op op, String login, String what, HttpResponse<String> r) {
        seen(r);
        String wrong = notAProblem(r);
        if (wrong != null) fail(op, login, what, wrong, r);
    }

    void fail(Op op, String login, String what, String wrong, HttpResponse<String> r) {
        String body = r.body() == null ? "" : r.body().replaceAll("\\s+", " ");
        failures.add("%s as %s, %s: %s — %s".formatted(op.name(), login == null ? "nobody" : login, what, wrong,
                body.length() > 200 ? body.substring(0, 200) + "…" : body));
    }

    void seen(HttpResponse<String> r) {
        String code = "";
        try {
            code = " " + JSON.readTree(r.body()).path("code").asString("");
        } catch (RuntimeException notJson) {
            // a status alone
        }
        seen.merge(r.statusCode() + code, 1, Integer::sum);
    }

    void assertNoFailures() {
        System.out.println("answers seen: " + seen);
        assertThat(failures).as("operations answering wrongly (%d)", failures.size()).isEmpty();
    }

    /** Rows of every table of the registry's schema but those a refusal may add to, and the state of what moves units. */
    Map<String, Object> state() {
        Map<String, Object> s = new TreeMap<>();
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(
                "SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' "
                        + "AND table_schema NOT IN ('pg_catalog', 'information_schema', 'txlog')"); var rs = ps.executeQuery()) {
            while (rs.next()) {
                String table = rs.getString(1);
                if (!MAY_GROW.contains(table.substring(table.indexOf('.') + 1))) s.put(table, null);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        s.replaceAll((table, none) -> count("SELECT count(*) FROM " + table));
        assertThat(s).containsKeys("public.registry_transaction", "public.journal", "public.unit_block", "public.account", "public.holding",
                "public.platform_user", "public.api_token", "public.emission_report");
        s.put("transaction statuses", text("SELECT md5(string_agg(id || ':' || status, ',' ORDER BY id)) FROM registry_transaction"));
        s.put("account statuses", text("SELECT md5(string_agg(id || ':' || status, ',' ORDER BY id)) FROM account"));
        s.put("holdings", text("SELECT md5(string_agg(account_id || ':' || series_id || ':' || quantity, ',' ORDER BY account_id, series_id)) FROM holding"));
        return s;
    }

    void writesNothing(Runnable sweep) {
        Map<String, Object> before = state();
        sweep.run();
        Map<String, Object> after = state();
        Map<String, String> changed = new TreeMap<>();
        before.forEach((k, v) -> { if (!java.util.Objects.equals(v, after.get(k))) changed.put(k, v + " → " + after.get(k)); });
        assertThat(changed).as("written by refused requests").isEmpty();
    }

    // ------------------------------------------------------------------ the sweeps

    @Test
    void without_credentials_every_operation_but_the_public_ones_answers_401_unauthenticated() {
        List<Op> ops = operations();
        List<String> publicOps = new ArrayList<>();
        writesNothing(() -> {
            for (Op op : ops) {
                // values that name nothing: the answer must not depend on them
                Map<String, String> values = new LinkedHashMap<>();
                for (JsonNode p : op.parameters("path")) values.put(p.path("name").asString(), fallback(p));
                String path = path(op, values, Map.of(), Map.of());
                String body = op.hasBody() ? "{}" : null;
                HttpResponse<String> r = exchange(op.method(), path, null, op.hasBody() ? op.contentType() : null, body);
                seen(r);
                if (isPublic(op.method(), path.contains("?") ? path.substring(0, path.indexOf('?')) : path)) {
                    publicOps.add(op.name());
                    if (r.statusCode() >= 500 || r.statusCode() == 401 || r.statusCode() < 200 || r.statusCode() >= 300 && r.statusCode() < 400)
                        fail(op, null, "public", "status " + r.statusCode(), r);
                    else if (r.statusCode() >= 400) expectProblem(op, null, "public", r);
                    continue;
                }
                String wrong = notAProblem(r);
                if (wrong == null && r.statusCode() != 401) wrong = "status " + r.statusCode();
                if (wrong == null && !"UNAUTHENTICATED".equals(json(r).path("code").asString())) wrong = "code " + json(r).path("code").asString();
                if (wrong != null) fail(op, null, "no credentials", wrong, r);
            }
        });
        // the security configuration lets anyone read the public report and the unit types, and nothing else of the API
        assertThat(publicOps).isNotEmpty().allMatch(o -> o.startsWith("GET "));
        assertThat(publicOps.size()).isLessThan(ops.size() / 4);
        assertNoFailures();
    }

    @Test
    void bodies_that_are_not_what_an_operation_reads_are_refused_as_problems() {
        List<Op> ops = operations().stream().filter(o -> WITH_BODY.contains(o.method()) && o.hasBody()).toList();
        assertThat(ops).hasSizeGreaterThan(10);
        writesNothing(() -> {
            // signed in with HTTP Basic: one bad body of each kind per user and operation would spend minutes on bcrypt,
            // so Basic sends the malformed JSON, and a bearer token of the same person sends the rest
            for (Op op : ops)
                for (String login : USERS)
                    expectProblem(op, login, "malformed JSON (HTTP Basic)", exchange(op.method(), path(op, Map.of(), Map.of(), Map.of()), login,
                            op.contentType(), "{\"commandId\": "));
        });
        signInWithTokens();
        writesNothing(() -> {
            for (Op op : ops) {
                String path = path(op, Map.of(), Map.of(), Map.of());
                String type = op.contentType();
                JsonNode schema = op.bodySchema();
                Map<String, String> bodies = new LinkedHashMap<>();
                bodies.put("malformed JSON", "{\"commandId\": ");
                // an optional body may be left out (POST /api/v1/tokens without one asks for a token of the default lifetime)
                if (op.bodyRequired()) bodies.put("an empty body", "");
                bodies.put("an array", "[]");
                bodies.put("a string", "\"sweep\"");
                bodies.put("a number too big for anything", "1e400");
                bodies.put("a whole number too big for anything", "99999999999999999999999");
                String wrong = wrongTypes(op.doc(), schema);
                if (wrong != null) bodies.put("every field of the wrong type", wrong);
                for (String huge : List.of("1e400", "99999999999999999999999")) {
                    String b = withNumbers(op.doc(), schema, huge);
                    if (b != null) bodies.put("number fields of " + huge, b);
                }
                for (String login : USERS) {
                    for (Map.Entry<String, String> b : bodies.entrySet())
                        expectProblem(op, login, b.getKey() + " as " + type, exchange(op.method(), path, login, type, b.getValue()));
                    if (!op.mediaTypes().contains("text/plain"))
                        expectProblem(op, login, "text/plain", exchange(op.method(), path, login, "text/plain", sample(op.doc(), schema, 0).toString()));
                }
                // over the size limit: once per operation (the limit is checked before anyone is signed in)
                HttpResponse<String> big = exchange(op.method(), path, ADMINISTRATOR, type, oversized(bodyLimit + 1));
                expectProblem(op, ADMINISTRATOR, "a body of " + (bodyLimit + 1) + " bytes", big);
                if (big.statusCode() != 413 && notAProblem(big) == null)
                    // an operation with the larger limit (an allocation run carries its population file)
                    expectProblem(op, ADMINISTRATOR, "a body of " + (uploadLimit + 1) + " bytes", exchange(op.method(), path, ADMINISTRATOR, type, streamed(oversized(uploadLimit + 1))));
            }
        });
        assertNoFailures();
    }

    /**
     * A body sent without a length, chunk by chunk: the server refuses it once it has read past the limit, so the client
     * is never cut off in the middle of sending it (by a declared length, a body this big is refused before it is read).
     */
    static HttpRequest.BodyPublisher streamed(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes));
    }

    static String oversized(long bytes) {
        String head = "{\"sweep\":\"", tail = "\"}";
        return head + "x".repeat((int) (bytes - head.length() - tail.length())) + tail;
    }

    @Test
    void garbage_in_a_path_parameter_is_a_problem_never_a_server_error() {
        List<Op> ops = operations().stream().filter(o -> !o.parameters("path").isEmpty()).toList();
        assertThat(ops).hasSizeGreaterThan(20);
        signInWithTokens();
        writesNothing(() -> {
            for (Op op : ops) {
                String type = op.hasBody() ? op.contentType() : null;
                // the body an operation reads, so that the path parameter is what is wrong; an optional body also left out
                List<String> bodies = new ArrayList<>();
                if (op.hasBody()) bodies.add(type.equals("application/json") ? sample(op.doc(), op.bodySchema(), 0).toString() : "sweep");
                if (!op.hasBody() || !op.bodyRequired()) bodies.add(null);
                for (JsonNode param : op.parameters("path")) {
                    String name = param.path("name").asString();
                    List<Function<String, String>> forms = List.of(
                            g -> path(op, Map.of(name, g), Map.of(), Map.of()),
                            g -> g.equals("../etc") ? path(op, Map.of(), Map.of(name, g), Map.of()) : null);
                    for (String login : USERS)
                        for (String g : GARBAGE)
                            for (Function<String, String> form : forms) {
                                String path = form.apply(g);
                                if (path == null) continue;
                                for (String body : bodies)
                                    expectProblem(op, login, name + "=" + printable(g) + (path.contains("../") ? " (raw)" : "") + (body == null ? " without a body" : ""),
                                            exchange(op.method(), path, login, body == null ? null : type, body));
                            }
                }
            }
        });
        assertNoFailures();
    }

    @Test
    void garbage_in_a_query_parameter_never_gives_a_server_error() {
        List<Op> ops = operations().stream().filter(o -> !o.parameters("query").isEmpty()).toList();
        assertThat(ops).hasSizeGreaterThan(5);
        signInWithTokens();
        writesNothing(() -> {
            for (Op op : ops)
                for (JsonNode param : op.parameters("query")) {
                    String name = param.path("name").asString();
                    for (String login : USERS)
                        for (String g : GARBAGE) {
                            // an operation that changes something is asked so that it cannot: its ids name nothing, its body is empty
                            Map<String, String> values = new LinkedHashMap<>();
                            boolean safe = op.method().equals("GET");
                            if (!safe) for (JsonNode p : op.parameters("path")) values.put(p.path("name").asString(), fallback(p));
                            String path = path(op, values, Map.of(), Map.of(name, g));
                            String type = op.hasBody() ? op.contentType() : null;
                            String body = safe || !op.hasBody() ? null : "[]";
                            HttpResponse<String> r = exchange(op.method(), path, login, body == null ? null : type, body);
                            String what = name + "=" + printable(g);
                            seen(r);
                            if (r.statusCode() >= 500) fail(op, login, what, "status " + r.statusCode(), r);
                            else if (r.statusCode() >= 400) expectProblem(op, login, what, r);
                            else if (!safe) fail(op, login, what, "status " + r.statusCode(), r);
                        }
                }
        });
        assertNoFailures();
    }

    static String printable(String g) {
        return g.equals("\0") ? "NUL" : g.length() > 20 ? g.charAt(0) + "×" + g.length() : g;
    }
}
