package org.openets.server;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an auditor needs in the pages and the API: the refusal record a page at a time with filters, an export and the
 * anonymous noise kept apart; the people and their history, read only; the journal's verification on request; and a
 * menu and titles that fit someone who holds nothing and approves nothing. Works with logins of its own (aud-…) and a
 * READ_ONLY role on gd-power-3 (no other test reads its representatives); the journal is corrupted only inside one
 * test and restored in a finally block.
 */
class AuditorPagesHttpTest extends ServerTestBase {

    /** A sign-in of the given kind with the demo password, holding no role (the auditor's hash is the demo password's). */
    void user(String login, String kind) {
        update("INSERT INTO platform_user (login, password_hash, display_name, kind) SELECT ?, password_hash, ?, ? FROM platform_user WHERE login = 'auditor' "
                + "ON CONFLICT DO NOTHING", login, login, kind);
    }

    HttpResponse<String> as(Session s, String path) { return send(request(path, null).header("Cookie", s.cookie()).GET().build()); }

    static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

    static List<Long> ids(HttpResponse<String> r) {
        List<Long> out = new ArrayList<>();
        json(r).forEach(x -> out.add(x.path("id").asLong()));
        return out;
    }

    static long rows(String page, String attribute) {
        Matcher m = Pattern.compile("<tr data-id=\"\\d+\" data-actor=\"" + Pattern.quote(attribute) + "\"").matcher(page);
        long n = 0;
        while (m.find()) n++;
        return n;
    }

    // ------------------------------------------------------------------------------------------------ the refusal record

    @Test
    void the_refusal_record_is_read_a_page_at_a_time_newest_first_and_filtered_by_login_in_any_case_code_action_and_time() {
        String person = "aud-Paged.Person";
        user(person, "PERSON");
        for (int i = 0; i < 5; i++) assertProblem(get("/api/v1/audit/refusals", person), 403, "NOT_AUTHORISED");
        assertThat(refusals(person, "NOT_AUTHORISED")).isEqualTo(5);

        // the same login whatever the letters' case; two a page, the cursor in X-Next-Before until the last page
        List<Long> seen = new ArrayList<>();
        String before = null;
        int pages = 0;
        do {
            HttpResponse<String> r = get("/api/v1/audit/refusals?limit=2&actor=" + enc(person.toUpperCase()) + (before == null ? "" : "&before=" + before), "auditor");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            json(r).forEach(x -> {
                assertThat(x.path("actor").asString()).isEqualTo(person);
                assertThat(x.path("action").asString()).isEqualTo("READ refusals");
            });
            seen.addAll(ids(r));
            before = r.headers().firstValue("X-Next-Before").orElse(null);
            if (before != null) assertThat(Long.parseLong(before)).isEqualTo(seen.getLast());
            pages++;
        } while (before != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(5).doesNotHaveDuplicates().isSortedAccordingTo(java.util.Comparator.reverseOrder());

        // by code, by verb, by the whole action, by time
        String q = "/api/v1/audit/refusals?actor=" + enc(person);
        assertThat(ids(get(q + "&code=not_authorised", "auditor"))).isEqualTo(seen);
        assertThat(ids(get(q + "&code=BAD_CREDENTIALS", "auditor"))).isEmpty();
        assertThat(ids(get(q + "&action=read", "auditor"))).isEqualTo(seen);
        assertThat(ids(get(q + "&action=" + enc("READ refusals"), "auditor"))).isEqualTo(seen);
        assertThat(ids(get(q + "&action=" + enc("READ transaction"), "auditor"))).isEmpty();
        assertThat(ids(get(q + "&from=2000-01-01&to=2999-12-31", "auditor"))).isEqualTo(seen);
        assertThat(ids(get(q + "&from=" + enc(java.time.Instant.now().plusSeconds(3600).toString()), "auditor"))).isEmpty();
        assertThat(ids(get(q + "&to=2000-01-01T08:00", "auditor"))).isEmpty();
        // what is not a filter is refused, not ignored
        assertProblem(get(q + "&from=yesterday", "auditor"), 400, "VALIDATION_FAILED");
        assertProblem(get(q + "&from=2024-05-02&to=2024-05-01", "auditor"), 400, "VALIDATION_FAILED");
        assertProblem(get(q + "&code=" + enc("NOT AUTHORISED"), "auditor"), 400, "VALIDATION_FAILED");
        assertProblem(get(q + "&who=nobody", "auditor"), 400, "VALIDATION_FAILED");
        assertProblem(get(q + "&before=x1", "auditor"), 400, "VALIDATION_FAILED");

        // the page: the same filter, in its form again
        String page = page("/audit?lang=en&actor=" + enc(person.toLowerCase()) + "&code=NOT_AUTHORISED&action=READ", "auditor").body();
        assertThat(rows(page, person)).isEqualTo(5);
        assertThat(page).contains("id=\"refusals-csv\"", "value=\"NOT_AUTHORISED\"").doesNotContain("id=\"refusals-older\"");
    }

    @Test
    void a_flood_of_anonymous_requests_is_recorded_but_hides_no_signed_in_persons_refusal_from_the_page() {
        String person = "aud-flooded";
        user(person, "PERSON");
        assertProblem(get("/api/v1/audit/refusals", person), 403, "NOT_AUTHORISED");
        long anonymous = refusals("anonymous", "UNAUTHENTICATED");
        for (int i = 0; i < 130; i++) assertThat(get("/api/v1/no-such-thing-" + i, null).statusCode()).isEqualTo(401);
        // every one is evidence, and is kept
        assertThat(refusals("anonymous", "UNAUTHENTICATED")).isEqualTo(anonymous + 130);

        Session auditor = session("auditor");
        // everyone's: the newest page (100 rows) is the flood's alone, with a link to older ones
        String all = as(auditor, "/audit?lang=en&who=all").body();
        assertThat(rows(all, "anonymous")).isEqualTo(100);
        assertThat(all).doesNotContain("data-actor=\"" + person + "\"").contains("id=\"refusals-older\"");
        // the default view: signed-in people only, the person's refusal at hand
        String shown = as(auditor, "/audit?lang=en").body();
        assertThat(shown).contains("data-actor=\"" + person + "\"", "id=\"refusals-scope\"").doesNotContain("data-actor=\"anonymous\"");
        // the older link goes on with the same filter from the page's last row
        Matcher older = Pattern.compile("id=\"refusals-older\" href=\"([^\"]+)\"").matcher(all);
        assertThat(older.find()).isTrue();
        String next = older.group(1).replace("&amp;", "&");
        assertThat(next).contains("who=all", "before=");
        String second = as(auditor, next).body();
        assertThat(rows(second, "anonymous")).isGreaterThanOrEqualTo(30);
        long firstOfSecond = Long.parseLong(second.replaceAll("(?s).*?<tr data-id=\"(\\d+)\".*", "$1"));
        long lastOfFirst = Long.parseLong(all.replaceAll("(?s).*<tr data-id=\"(\\d+)\".*", "$1"));
        assertThat(firstOfSecond).isLessThan(lastOfFirst);
        // the second page leads back to the newest rows of the same filter; the newest page has no such link
        Matcher first = Pattern.compile("id=\"refusals-first\" href=\"([^\"]+)\"").matcher(second);
        assertThat(first.find()).isTrue();
        String newest = first.group(1).replace("&amp;", "&");
        assertThat(newest).contains("who=all").doesNotContain("before=");
        HttpResponse<String> back = as(auditor, newest);
        assertThat(back.statusCode()).isEqualTo(200);
        assertThat(back.body()).contains("id=\"refusals-older\"").doesNotContain("id=\"refusals-first\"");
        assertThat(rows(back.body(), "anonymous")).isEqualTo(100);
        // the API keeps its default: everyone, unless asked for signed-in people only
        assertThat(json(get("/api/v1/audit/refusals?limit=1", "auditor")).get(0).path("actor").asString()).isEqualTo("anonymous");
        assertThat(json(get("/api/v1/audit/refusals?limit=1&who=signed-in&actor=" + person, "auditor")).get(0).path("actor").asString()).isEqualTo(person);
        assertThat(json(get("/api/v1/audit/refusals?limit=5&who=signed-in", "auditor"))).allSatisfy(x -> {
            assertThat(x.path("actor").asString()).isNotEqualTo("anonymous");
            // a sign-in code only for what a signed-in person did (their own password's change), never a sign-in attempt
            if (List.of("BAD_CREDENTIALS", "UNAUTHENTICATED", "SIGN_IN_FAILED", "LOGIN_THROTTLED").contains(x.path("code").asString()))
                assertThat(x.path("action").asString()).isNotEqualTo("LOGIN").doesNotContain(" /");
        });
    }

    @Test
    void a_signed_in_persons_wrong_current_password_is_theirs_in_the_default_view_and_a_failed_sign_in_is_not() {
        String person = "aud-own-password";
        user(person, "PERSON");
        // signed in (HTTP Basic, the right password), the current password given wrong: recorded as a failed password check
        HttpResponse<String> wrong = send(request("/api/v1/me/password", person).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"current\":\"not-the-password\",\"password\":\"another-good-passphrase\"}")).build());
        assertProblem(wrong, 403, "BAD_CREDENTIALS");
        // a sign-in attempt with the same login: the wrong password over the API, and the sign-in form
        HttpResponse<String> basic = send(request("/api/v1/me", null).header("Authorization", "Basic "
                + java.util.Base64.getEncoder().encodeToString((person + ":wrong-password").getBytes(StandardCharsets.UTF_8))).GET().build());
        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(refusals(person, "BAD_CREDENTIALS")).isEqualTo(2);

        // the default view (signed-in people only) shows the password check and not the sign-in attempt; everyone's both
        String shown = page("/audit?lang=en&actor=" + person, "auditor").body();
        assertThat(rows(shown, person)).isEqualTo(1);
        assertThat(shown).contains("title=\"CHANGE_PASSWORD person\"").doesNotContain("GET /api/v1/me");
        assertThat(rows(page("/audit?lang=en&who=all&actor=" + person, "auditor").body(), person)).isEqualTo(2);
        JsonNode signedIn = json(get("/api/v1/audit/refusals?who=signed-in&actor=" + person, "auditor"));
        assertThat(signedIn).hasSize(1);
        assertThat(signedIn.get(0).path("action").asString()).isEqualTo("CHANGE_PASSWORD person");
        assertThat(signedIn.get(0).path("code").asString()).isEqualTo("BAD_CREDENTIALS");
        // anonymous noise stays out: a failed sign-in in the form, a request without credentials
        assertThat(json(get("/api/v1/audit/refusals?who=signed-in&action=LOGIN&limit=50", "auditor"))).isEmpty();
        assertThat(json(get("/api/v1/audit/refusals?who=signed-in&code=UNAUTHENTICATED&limit=50", "auditor"))).allSatisfy(x ->
                assertThat(x.path("action").asString()).doesNotContain(" /"));
    }

    @Test
    void the_filtered_refusals_download_as_csv_with_a_byte_order_mark_quoted_and_formulas_guarded() {
        // a failed sign-in records the login as typed: a formula, with a comma and a quote
        String typed = "=HYPERLINK(\"x\",1)";
        HttpResponse<String> refused = send(request("/api/v1/me", null).header("Authorization", "Basic "
                + java.util.Base64.getEncoder().encodeToString((typed + ":wrong").getBytes(StandardCharsets.UTF_8))).GET().build());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refusals(typed, "BAD_CREDENTIALS")).isEqualTo(1);

        Session auditor = session("auditor");
        HttpResponse<byte[]> csv;
        try {
            csv = HTTP.send(request("/audit/refusals.csv?who=all&actor=" + enc(typed), null).header("Cookie", auditor.cookie()).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("attachment", "openets-refusals.csv");
        byte[] b = csv.body();
        assertThat(new byte[]{b[0], b[1], b[2]}).containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(b, StandardCharsets.UTF_8).substring(1);
        String[] lines = text.split("\r\n", -1);
        assertThat(lines[0]).isEqualTo("id,at,actor,action,target,code,detail");
        assertThat(lines).hasSize(3); // the header, the row, and nothing after the last CRLF
        assertThat(lines[1]).contains(",\"'=HYPERLINK(\"\"x\"\",1)\",GET /api/v1/me,,BAD_CREDENTIALS,wrong login or password");
        // signed-in people only by default: a failed sign-in is not one
        assertThat(new String(send(request("/audit/refusals.csv?actor=" + enc(typed), null).header("Cookie", auditor.cookie()).GET().build()).body()))
                .isEqualTo("\uFEFFid,at,actor,action,target,code,detail\r\n");

        // the export is the auditors' too: refused and recorded
        String person = "aud-exporter";
        user(person, "PERSON");
        assertThat(as(session(person), "/audit/refusals.csv").statusCode()).isEqualTo(403);
        assertThat(count("SELECT count(*) FROM refusal WHERE actor = ? AND action = 'EXPORT refusals' AND code = 'NOT_AUTHORISED'", person)).isEqualTo(1);
    }

    // ---------------------------------------------------------------------------------------------------------- people

    @Test
    void an_auditor_reads_every_person_and_the_whole_history_a_page_at_a_time_and_changes_nothing() {
        // 205 changes of a sign-in of the operator's (an auditor's: no administrator manages it), then a person an administrator adds
        user("aud-history", "AUDITOR");
        update("INSERT INTO person_change (login, change, changed_by, changed_at) SELECT 'aud-history', 'PASSWORD_SET', NULL, now() - interval '1 day' FROM generate_series(1, 205)");
        HttpResponse<String> added = postJson("/api/v1/people", "admin-sz", """
                {"login":"aud-added","displayName":"审计 可见","password":"%s"}""".formatted(PASSWORD));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        choosesOwnPassword("aud-added", PASSWORD);

        JsonNode people = json(get("/api/v1/people", "auditor"));
        List<String> logins = new ArrayList<>();
        people.forEach(p -> logins.add(p.path("login").asString()));
        // every person, administrators too (with what they administer)
        assertThat(logins).contains("aud-added", "admin-gd", "admin-sz", "gd-power-1-init");
        for (JsonNode p : people) if (p.path("login").asString().equals("admin-gd")) assertThat(p.path("administers").toString()).contains("GD");
        // every sign-in, with its kind: auditors and verifiers too
        assertThat(logins).contains("auditor", "verifier-1");
        for (JsonNode p : people) {
            String login = p.path("login").asString();
            if (login.equals("auditor")) assertThat(p.path("kind").asString()).isEqualTo("AUDITOR");
            if (login.equals("verifier-1")) assertThat(p.path("kind").asString()).isEqualTo("VERIFIER");
            if (login.equals("admin-gd") || login.equals("aud-added")) assertThat(p.path("kind").asString()).isEqualTo("PERSON");
        }
        // an administrator still lists persons only, never an auditor or a verifier
        assertThat(get("/api/v1/people", "admin-gd").body()).doesNotContain("\"login\":\"auditor\"", "\"login\":\"verifier-1\"");
        assertThat(people.toString()).doesNotContain("bcrypt", "password");

        // the whole history, newest first, 200 a page
        HttpResponse<String> first = get("/api/v1/people/changes", "auditor");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(json(first).size()).isEqualTo(200);
        // the person's own password changes, then who added them
        assertThat(json(first).get(0).path("login").asString()).isEqualTo("aud-added");
        assertThat(json(first).get(0).path("change").asString()).isEqualTo("PASSWORD_CHANGED");
        assertThat(json(first).get(0).path("by").asString()).isEqualTo("aud-added");
        assertThat(json(first).get(2).path("login").asString()).isEqualTo("aud-added");
        assertThat(json(first).get(2).path("by").asString()).isEqualTo("admin-sz");
        String before = first.headers().firstValue("X-Next-Before").orElseThrow();
        HttpResponse<String> second = get("/api/v1/people/changes?before=" + before, "auditor");
        assertThat(json(second).size()).isGreaterThanOrEqualTo(6);
        assertThat(json(second).get(0).path("id").asLong()).isLessThan(Long.parseLong(before));
        assertThat(first.body() + second.body()).doesNotContain("bcrypt", "password_hash", PASSWORD);
        // an administrator's history is still theirs: not the operator's sign-ins of others
        assertThat(get("/api/v1/people/changes", "admin-gd").body()).doesNotContain("aud-history");

        // the page: the list and the history, and no form
        Session auditor = session("auditor");
        String page = as(auditor, "/admin/people?lang=en").body();
        assertThat(page).contains("id=\"nav-people\"", "id=\"people\"", "data-login=\"aud-added\"", "data-login=\"admin-gd\"", "id=\"person-changes\"",
                "id=\"changes-older\"", "Nothing can be changed here");
        assertThat(page).doesNotContain("id=\"add-person\"", "disable-person", "set-password", "/disable\"", "/password\" method");
        // each sign-in's kind; an administrator is one, not "no role yet"; an auditor and a verifier say what they do
        assertThat(page).contains("data-kind=\"AUDITOR\">auditor<", "data-kind=\"VERIFIER\">verifier<", "data-kind=\"PERSON\">person<");
        String adminRow = page.replaceAll("(?s).*(<tr data-login=\"admin-gd\".*?</tr>).*", "$1");
        assertThat(adminRow).contains("registry administrator").doesNotContain("no role yet");
        String auditorRow = page.replaceAll("(?s).*(<tr data-login=\"auditor\".*?</tr>).*", "$1");
        assertThat(auditorRow).contains("reads the whole registry").doesNotContain("no role yet");
        assertThat(as(auditor, "/admin/people?lang=zh_CN").body()).contains("审计员", "核查人员", "注册登记系统管理员（无账户角色）");
        Matcher older = Pattern.compile("id=\"changes-older\" href=\"([^\"]+)\"").matcher(page);
        assertThat(older.find()).isTrue();
        assertThat(as(auditor, older.group(1).replace("&amp;", "&")).body()).contains("data-login=\"aud-history\"", "id=\"changes-newest\"");
        assertThat(as(auditor, "/admin/people?lang=zh_CN").body()).contains("仅供查看");

        // and every change is refused and recorded, over the API and from the page
        long before1 = count("SELECT count(*) FROM refusal WHERE actor = 'auditor' AND code = 'NOT_AUTHORISED' AND action IN ('ADD person', 'DISABLE person', 'SET_PASSWORD person')");
        assertProblem(postJson("/api/v1/people", "auditor", "{\"login\":\"aud-by-auditor\",\"displayName\":\"x\",\"password\":\"" + PASSWORD + "\"}"), 403, "NOT_AUTHORISED");
        assertProblem(post("/api/v1/people/aud-added/disable", "auditor"), 403, "NOT_AUTHORISED");
        assertProblem(postJson("/api/v1/people/aud-added/password", "auditor", "{\"password\":\"another-good-passphrase\"}"), 403, "NOT_AUTHORISED");
        assertThat(form(auditor, "/admin/people", "login", "aud-by-auditor-page", "displayName", "x", "password", PASSWORD, "passwordAgain", PASSWORD).statusCode()).isEqualTo(302);
        assertThat(form(auditor, "/admin/people/aud-added/disable", "confirm", "true").statusCode()).isEqualTo(302);
        assertThat(as(auditor, "/admin/people?lang=en").body()).contains("NOT_AUTHORISED");
        assertThat(count("SELECT count(*) FROM refusal WHERE actor = 'auditor' AND code = 'NOT_AUTHORISED' AND action IN ('ADD person', 'DISABLE person', 'SET_PASSWORD person')"))
                .isEqualTo(before1 + 5);
        assertThat(count("SELECT count(*) FROM platform_user WHERE login LIKE 'aud-by-auditor%'")).isZero();
        assertThat(text("SELECT enabled::text FROM platform_user WHERE login = 'aud-added'")).isEqualTo("true");

        // a representative still reads nothing of it
        assertProblem(get("/api/v1/people/changes", "gd-power-1-init"), 403, "NOT_AUTHORISED");
    }

    // -------------------------------------------------------------------------------------------------------- journal

    long verifications() { return count("SELECT count(*) FROM journal_verification"); }

    /** Waits until the cooldown (3 s in the tests) after the last verification has passed. */
    void cooledDown() {
        long ms = count("SELECT coalesce(ceil(extract(epoch FROM (max(started_at + millis * interval '1 millisecond') + interval '3 seconds' - now())) * 1000), 0)::bigint "
                + "FROM journal_verification");
        if (ms > 0) try {
            Thread.sleep(ms + 50);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void the_journal_is_verified_on_request_and_the_page_names_the_entry_where_the_chain_breaks() {
        Session auditor = session("auditor");
        assertThat(as(auditor, "/audit/journal?lang=en").body()).contains("id=\"nav-journal\"", "id=\"journal-verify\"");
        long runs = verifications();

        // intact
        cooledDown();
        assertThat(form(auditor, "/audit/journal").statusCode()).isEqualTo(302);
        assertThat(verifications()).isEqualTo(runs + 1);
        String page = as(auditor, "/audit/journal?lang=en").body();
        assertThat(page).contains("data-code=\"JOURNAL_INTACT\"", "id=\"journal-intact\"", "id=\"journal-by\">auditor<").doesNotContain("id=\"journal-chain-break\"");
        long entries = count("SELECT count(*) FROM journal");
        assertThat(count("SELECT entries FROM journal_verification ORDER BY id DESC LIMIT 1")).isEqualTo(entries);
        assertThat(text("SELECT run_by FROM journal_verification ORDER BY id DESC LIMIT 1")).isEqualTo("auditor");
        assertThat(count("SELECT problems FROM journal_verification ORDER BY id DESC LIMIT 1")).isZero();
        // the count includes the genesis entry (seq 0), and says so: the transaction log's page counts from the same genesis
        assertThat(count("SELECT min(seq) FROM journal")).isZero();
        assertThat(as(auditor, "/audit/journal?lang=zh_CN").body()).contains("已校验条目（含创世条目）");

        // broken: one entry edited behind the registry's back, and put back whatever happens
        String original = text("SELECT canonical FROM journal WHERE seq = 2");
        try {
            update("UPDATE journal SET canonical = ? WHERE seq = 2", original.replaceFirst("\\|", "|9"));
            cooledDown();
            assertThat(form(auditor, "/audit/journal").statusCode()).isEqualTo(302);
            String broken = as(auditor, "/audit/journal?lang=en").body();
            assertThat(broken).contains("data-code=\"JOURNAL_BROKEN\"", "id=\"journal-broken\"", "id=\"journal-chain-break\" data-seq=\"2\" data-code=\"BAD_HASH\"",
                    "The entry&#39;s content does not match its hash");
            assertThat(as(auditor, "/audit/journal?lang=zh_CN").body()).contains("链条断开于", "第 2 号条目", "条目内容与其哈希不符");
            // the API says the same; an administrator reads where and why, the details (any jurisdiction's accounts) are the auditors'
            cooledDown();
            JsonNode run = json(post("/api/v1/audit/journal/verifications", "admin-gd"));
            assertThat(run.path("intact").asBoolean()).isFalse();
            assertThat(run.path("chainBreak").path("seq").asLong()).isEqualTo(2);
            assertThat(run.path("chainBreak").path("code").asString()).isEqualTo("BAD_HASH");
            assertThat(run.path("chainBreak").path("detail").isNull()).isTrue();
            assertThat(run.path("by").asString()).isEqualTo("admin-gd");
            assertThat(json(get("/api/v1/audit/journal/verifications", "auditor")).get(0).path("chainBreak").path("detail").asString()).contains("hash");
        } finally {
            update("UPDATE journal SET canonical = ? WHERE seq = 2", original);
        }
        cooledDown();
        assertThat(json(post("/api/v1/audit/journal/verifications", "auditor")).path("intact").asBoolean()).isTrue();
        assertThat(verifications()).isEqualTo(runs + 4);
    }

    @Test
    void one_verification_at_a_time_and_only_for_auditors_and_administrators_with_the_page_form_csrf_protected() throws SQLException {
        Session auditor = session("auditor");
        long runs = verifications();
        // another run holds the lock (as one in another platform process would): told so, nothing run
        cooledDown();
        try (Connection c = dataSource.getConnection(); PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_lock(?)")) {
            lock.setLong(1, org.openets.store.JournalVerifications.LOCK);
            lock.execute();
            try {
                assertThat(form(auditor, "/audit/journal").statusCode()).isEqualTo(302);
                String page = as(auditor, "/audit/journal?lang=en").body();
                assertThat(page).contains("VERIFICATION_RUNNING", "The journal is being verified already");
                form(auditor, "/audit/journal");
                assertThat(as(auditor, "/audit/journal?lang=zh_CN").body()).contains("哈希链日志正在校验中");
                assertProblem(post("/api/v1/audit/journal/verifications", "auditor"), 409, "VERIFICATION_RUNNING");
                assertThat(verifications()).isEqualTo(runs);
            } finally {
                try (PreparedStatement unlock = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    unlock.setLong(1, org.openets.store.JournalVerifications.LOCK);
                    unlock.execute();
                }
            }
        }
        // a form without its CSRF token runs nothing
        HttpResponse<String> forged = send(request("/audit/journal", null).header("Cookie", auditor.cookie()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("")).build());
        assertThat(forged.statusCode()).isIn(302, 403);
        assertThat(forged.headers().firstValue("Location").orElse("")).doesNotEndWith("/audit/journal");
        assertThat(verifications()).isEqualTo(runs);

        // representatives and verifiers: refused, recorded
        for (String who : new String[]{"gd-power-1-init", "verifier-1"}) {
            long refused = count("SELECT count(*) FROM refusal WHERE actor = ? AND action = 'RUN journal verification' AND code = 'NOT_AUTHORISED'", who);
            assertProblem(post("/api/v1/audit/journal/verifications", who), 403, "NOT_AUTHORISED");
            assertProblem(get("/api/v1/audit/journal/verifications", who), 403, "NOT_AUTHORISED");
            assertThat(page("/audit/journal", who).statusCode()).isEqualTo(403);
            assertThat(count("SELECT count(*) FROM refusal WHERE actor = ? AND action = 'RUN journal verification' AND code = 'NOT_AUTHORISED'", who)).isEqualTo(refused + 1);
        }
        assertThat(verifications()).isEqualTo(runs);
        // an administrator runs it from the page
        Session admin = session("admin-fj");
        cooledDown();
        assertThat(form(admin, "/audit/journal").statusCode()).isEqualTo(302);
        assertThat(as(admin, "/audit/journal?lang=en").body()).contains("id=\"journal-by\">admin-fj<", "id=\"journal-runs\"");
        assertThat(verifications()).isEqualTo(runs + 1);
    }

    @Test
    void a_verification_waits_for_the_cooldown_after_the_last_one_told_so_on_the_page_in_both_languages_and_over_the_api() {
        Session auditor = session("auditor");
        cooledDown();
        assertThat(form(auditor, "/audit/journal").statusCode()).isEqualTo(302);
        assertThat(as(auditor, "/audit/journal?lang=en").body()).contains("data-code=\"JOURNAL_INTACT\"");
        long runs = verifications();
        // straight after: refused, nothing read or recorded
        assertThat(form(auditor, "/audit/journal").statusCode()).isEqualTo(302);
        assertThat(as(auditor, "/audit/journal?lang=en").body()).contains("VERIFICATION_COOLDOWN", "The journal was verified a moment ago", "the journal was verified less than 3 s ago",
                "verify it again in");
        form(auditor, "/audit/journal");
        assertThat(as(auditor, "/audit/journal?lang=zh_CN").body()).contains("VERIFICATION_COOLDOWN", "哈希链日志在 3 秒内刚刚校验过");
        HttpResponse<String> api = post("/api/v1/audit/journal/verifications", "admin-gd");
        assertProblem(api, 429, "VERIFICATION_COOLDOWN");
        assertThat(json(api).path("retryAfterSeconds").asLong()).isBetween(1L, 3L);
        assertThat(api.headers().firstValue("Retry-After").map(Long::parseLong).orElse(-1L)).as("HTTP's own header").isEqualTo(json(api).path("retryAfterSeconds").asLong());
        assertThat(json(api).path("detail").asString()).contains("less than 3 s ago");
        assertThat(verifications()).isEqualTo(runs);
        // once it has passed, runs again
        cooledDown();
        assertThat(json(post("/api/v1/audit/journal/verifications", "admin-gd")).path("intact").asBoolean()).isTrue();
        assertThat(verifications()).isEqualTo(runs + 1);
    }

    // ---------------------------------------------------------------------------------------------- menu and titles

    @Test
    void the_menu_offers_approvals_only_to_who_may_approve_and_an_auditors_accounts_are_not_theirs() {
        HttpResponse<String> added = postJson("/api/v1/people", "admin-gd", """
                {"login":"aud-reader","displayName":"只读 代表","password":"%s"}""".formatted(PASSWORD));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        choosesOwnPassword("aud-reader", PASSWORD);
        HttpResponse<String> granted = postJson("/api/v1/accounts/" + accountOf("gd-power-3") + "/representatives", "admin-gd", "{\"login\":\"aud-reader\",\"role\":\"READ_ONLY\"}");
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);

        String auditor = page("/accounts?lang=en", "auditor").body();
        assertThat(auditor).doesNotContain("id=\"nav-approvals\"").contains("<h1>Accounts</h1>", "id=\"nav-accounts\" href=\"/accounts\">Accounts<");
        assertThat(page("/accounts?lang=zh_CN", "auditor").body()).contains("<h1>账户</h1>").doesNotContain("我的账户");
        String reader = page("/accounts?lang=en", "aud-reader").body();
        assertThat(reader).doesNotContain("id=\"nav-approvals\"").contains("<h1>My accounts</h1>");
        assertThat(page("/accounts?lang=en", "gd-power-1-appr").body()).contains("id=\"nav-approvals\"", "<h1>My accounts</h1>");
        String admin = page("/accounts?lang=en", "admin-gd").body();
        assertThat(admin).contains("id=\"nav-approvals\"", "<h1>Accounts</h1>");
    }

    @Test
    void the_chinese_refusal_log_reads_an_unknown_request_with_its_space_and_opening_administration_as_entering_it() {
        // an anonymous request and a representative's attempt at the administration pages
        assertThat(get("/api/v1/aud-unknown-path", null).statusCode()).isEqualTo(401);
        assertThat(page("/admin/allocation", "sh-alu-1-init").statusCode()).isEqualTo(403);
        String zh = page("/audit?lang=zh_CN&who=all&action=" + enc("GET /api/v1/aud-unknown-path"), "auditor").body();
        assertThat(zh).contains(">GET /api/v1/aud-unknown-path<");
        String admin = page("/audit?lang=zh_CN&actor=sh-alu-1-init&action=" + enc("OPEN administration"), "auditor").body();
        assertThat(admin).contains(">进入管理功能<").doesNotContain("开立管理功能");
    }

    @Test
    void an_action_typed_as_the_chinese_page_shows_it_finds_it_and_the_english_verb_still_does() {
        user("aud-opener", "PERSON");
        assertThat(page("/admin/allocation", "aud-opener").statusCode()).isEqualTo(403);
        // what the Chinese page shows, typed into the filter: the row, and the filter as typed
        String shown = page("/audit?lang=zh_CN&actor=aud-opener&action=" + enc("进入管理功能"), "auditor").body();
        assertThat(rows(shown, "aud-opener")).isGreaterThanOrEqualTo(1);
        assertThat(shown).contains(">进入管理功能<", "value=\"进入管理功能\"");
        // the verb alone as shown (进入 is OPEN before administration only; 开立 is OPEN), and as recorded
        assertThat(rows(page("/audit?lang=zh_CN&actor=aud-opener&action=" + enc("开立"), "auditor").body(), "aud-opener")).isGreaterThanOrEqualTo(1);
        assertThat(rows(page("/audit?lang=zh_CN&actor=aud-opener&action=OPEN", "auditor").body(), "aud-opener")).isGreaterThanOrEqualTo(1);
        assertThat(rows(page("/audit?lang=en&actor=aud-opener&action=" + enc("OPEN administration"), "auditor").body(), "aud-opener")).isGreaterThanOrEqualTo(1);
        // what no action reads as finds nothing; it is not ignored
        assertThat(rows(page("/audit?lang=zh_CN&actor=aud-opener&action=" + enc("批准管理功能"), "auditor").body(), "aud-opener")).isZero();
    }

    @Test
    void a_range_that_ends_before_it_starts_shows_the_page_again_with_the_refusal_beside_the_filter_as_typed() {
        Session auditor = session("auditor");
        HttpResponse<String> r = as(auditor, "/audit?lang=en&actor=aud-range&code=NOT_AUTHORISED&who=all&from=2024-05-02T10:00&to=2024-05-01T10:00");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("id=\"refusal-filter\"", "id=\"filter-problem\"", "VALIDATION_FAILED", "the time range ends before it starts",
                "value=\"aud-range\"", "value=\"NOT_AUTHORISED\"", "value=\"2024-05-02T10:00\"", "value=\"2024-05-01T10:00\"",
                "<option value=\"all\" selected=\"selected\"", "id=\"refusals-newest\"", "id=\"nav-").doesNotContain("No refusals recorded", "id=\"refusals-csv\"");
        assertThat(as(auditor, "/audit?lang=zh_CN&from=2024-05-02&to=2024-05-01").body()).contains("id=\"filter-problem\"", "id=\"refusal-filter\"", "截止时间早于起始时间");
        // a time that is not one, too
        assertThat(as(auditor, "/audit?lang=en&from=yesterday").body()).contains("id=\"filter-problem\"", "value=\"yesterday\"");
        // and still the auditors' page only
        assertThat(page("/audit?from=2024-05-02&to=2024-05-01", "gd-power-1-init").statusCode()).isEqualTo(403);
    }
}
