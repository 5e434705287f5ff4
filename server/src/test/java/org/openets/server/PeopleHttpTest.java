package org.openets.server;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * People: registry administrators add a person's sign-in, disable it or set a new password, for the people they may
 * manage (plain persons whose roles are all on accounts of their jurisdictions, or who hold none), over the API and in
 * the pages; every change kept with who made it. Works with logins of its own (ppl-…), granting READ_ONLY roles on
 * gd-power-2 and sh-power-1 (no other test reads their representatives).
 */
class PeopleHttpTest extends ServerTestBase {
    static final String NEW_PASSWORD = "another-good-passphrase";

    static String basic(String login, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> me(String login, String password) {
        return send(request("/api/v1/me", null).header("Authorization", basic(login, password)).GET().build());
    }

    /**
     * Adds a person as {@code admin}, with the demo password; the person then chooses their own, and the demo password
     * again (so that the test base signs them in).
     */
    HttpResponse<String> add(String admin, String login, String name) {
        HttpResponse<String> r = postJson("/api/v1/people", admin, """
                {"login":"%s","displayName":"%s","password":"%s","passwordAgain":"%s"}""".formatted(login, name, PASSWORD, PASSWORD));
        if (r.statusCode() == 201) choosesOwnPassword(login, PASSWORD);
        return r;
    }

    long changes(String login, String change, String by) {
        return count("SELECT count(*) FROM person_change WHERE login = ? AND change = ? AND changed_by IS NOT DISTINCT FROM ?", login, change, by);
    }

    static List<String> logins(HttpResponse<String> r) {
        List<String> out = new ArrayList<>();
        json(r).forEach(p -> out.add(p.path("login").asString()));
        return out;
    }

    void grant(String admin, String entity, String login) {
        HttpResponse<String> r = postJson("/api/v1/accounts/" + accountOf(entity) + "/representatives", admin, "{\"login\":\"" + login + "\",\"role\":\"READ_ONLY\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    @Test
    void an_administrator_adds_a_person_who_signs_in_with_no_role_until_granted_one() {
        String login = "ppl-zhang.san";
        assertProblem(postJson("/api/v1/accounts/" + accountOf("gd-power-2") + "/representatives", "admin-gd",
                "{\"login\":\"" + login + "\",\"role\":\"READ_ONLY\"}"), 422, "UNKNOWN_USER");
        HttpResponse<String> r = add("admin-gd", login, "广东 张三");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.headers().firstValue("Location").orElse("")).endsWith("/api/v1/people/" + login);
        JsonNode added = json(r);
        assertThat(added.path("login").asString()).isEqualTo(login);
        assertThat(added.path("displayName").asString()).isEqualTo("广东 张三");
        assertThat(added.path("enabled").asBoolean()).isTrue();
        assertThat(added.path("roles").size()).isZero();
        assertThat(r.body()).doesNotContain(PASSWORD).doesNotContain("bcrypt").doesNotContain("password");
        // stored as the operator's CLI stores it: kind PERSON, a {bcrypt} hash of cost 10
        assertThat(text("SELECT kind FROM platform_user WHERE login = ?", login)).isEqualTo("PERSON");
        assertThat(text("SELECT password_hash FROM platform_user WHERE login = ?", login)).startsWith("{bcrypt}$2a$10$");
        assertThat(count("SELECT count(*) FROM registry_administrator WHERE actor = ?", login)).isZero();
        assertThat(changes(login, "ADDED", "admin-gd")).isEqualTo(1);

        assertThat(me(login, PASSWORD).statusCode()).isEqualTo(200);
        assertThat(json(get("/api/v1/accounts", login)).size()).isZero();
        // the walkthrough's grant now works
        grant("admin-gd", "gd-power-2", login);
        JsonNode people = json(get("/api/v1/people", "admin-gd"));
        JsonNode mine = null;
        for (JsonNode p : people) if (p.path("login").asString().equals(login)) mine = p;
        assertThat(mine).as("admin-gd manages %s", login).isNotNull();
        assertThat(mine.path("roles").get(0).path("account").asString()).isEqualTo(accountOf("gd-power-2"));
        assertThat(mine.path("roles").get(0).path("role").asString()).isEqualTo("READ_ONLY");
        // roles only in GD: another jurisdiction's administrator does not see the person
        assertThat(logins(get("/api/v1/people", "admin-sz"))).doesNotContain(login);
        // nobody the operator keeps is listed
        assertThat(logins(get("/api/v1/people", "admin-gd"))).doesNotContain("admin-gd", "admin2-gd", "admin-cn", "auditor", "verifier-1");

        JsonNode history = json(get("/api/v1/people/changes", "admin-gd"));
        boolean seen = false;
        for (JsonNode c : history) seen |= c.path("login").asString().equals(login) && c.path("change").asString().equals("ADDED") && c.path("by").asString().equals("admin-gd");
        assertThat(seen).as(history.toString()).isTrue();

        // a login in use, a person's or anyone's: nothing written
        long users = count("SELECT count(*) FROM platform_user");
        assertProblem(add("admin-gd", login, "again"), 409, "LOGIN_EXISTS");
        assertProblem(add("admin-sz", "auditor", "not the auditor"), 409, "LOGIN_EXISTS");
        assertProblem(add("admin-sz", "admin-cn", "not the administrator"), 409, "LOGIN_EXISTS");
        assertThat(count("SELECT count(*) FROM platform_user")).isEqualTo(users);
        assertThat(text("SELECT display_name FROM platform_user WHERE login = 'auditor'")).isNotEqualTo("not the auditor");
        assertThat(changes(login, "ADDED", "admin-gd")).isEqualTo(1);
    }

    @Test
    void a_person_is_added_only_with_a_valid_login_name_and_password_typed_twice() {
        long users = count("SELECT count(*) FROM platform_user");
        String ok = "ppl-valid";
        String[] bodies = {
                "{\"login\":\"-starts-badly\",\"displayName\":\"x\",\"password\":\"" + PASSWORD + "\"}",
                "{\"login\":\"has space\",\"displayName\":\"x\",\"password\":\"" + PASSWORD + "\"}",
                "{\"login\":\"" + "p".repeat(65) + "\",\"displayName\":\"x\",\"password\":\"" + PASSWORD + "\"}",
                "{\"login\":\"" + ok + "\",\"displayName\":\"  \",\"password\":\"" + PASSWORD + "\"}",
                "{\"login\":\"" + ok + "\",\"displayName\":\"" + "名".repeat(201) + "\",\"password\":\"" + PASSWORD + "\"}",
                "{\"login\":\"" + ok + "\",\"displayName\":\"x\",\"password\":\"short-pw-11\"}",
                "{\"login\":\"" + ok + "\",\"displayName\":\"x\"}",
                "{\"login\":\"" + ok + "\",\"displayName\":\"x\",\"password\":\"" + PASSWORD + "\",\"passwordAgain\":\"" + PASSWORD + "x\"}",
                "{\"login\":\"ppl-login-as-pw\",\"displayName\":\"x\",\"password\":\"PPL-LOGIN-AS-PW\"}",
                "{\"login\":\"" + ok + "\",\"displayName\":\"x\",\"password\":\"" + "密".repeat(25) + "\"}",
                // twelve spaces, one key held down, four keys in turn: not passwords
                "{\"login\":\"" + ok + "\",\"displayName\":\"x\",\"password\":\"" + " ".repeat(12) + "\"}",
                "{\"login\":\"" + ok + "\",\"displayName\":\"x\",\"password\":\"" + "a".repeat(12) + "\"}",
                "{\"login\":\"" + ok + "\",\"displayName\":\"x\",\"password\":\"" + "abcd".repeat(3) + "\"}"};
        for (String body : bodies) {
            HttpResponse<String> r = postJson("/api/v1/people", "admin-gd", body);
            assertProblem(r, 400, "VALIDATION_FAILED");
            assertThat(r.body()).doesNotContain(PASSWORD).doesNotContain("short-pw-11").doesNotContain("PPL-LOGIN-AS-PW");
        }
        assertThat(count("SELECT count(*) FROM platform_user")).isEqualTo(users);
        assertThat(count("SELECT count(*) FROM person_change WHERE login IN (?, 'ppl-login-as-pw')", ok)).isZero();
        assertProblem(postJson("/api/v1/people", "admin-gd", ""), 400, "VALIDATION_FAILED");
    }

    @Test
    void only_registry_administrators_keep_people_and_every_refusal_is_recorded_without_the_password() {
        String login = "ppl-refused";
        for (String who : new String[]{"gd-power-1-init", "gd-power-1-appr", "auditor", "verifier-1"}) {
            long refused = count("SELECT count(*) FROM refusal WHERE actor = ? AND action = 'ADD person' AND code = 'NOT_AUTHORISED' AND target = ?", who, login);
            assertProblem(add(who, login, "x"), 403, "NOT_AUTHORISED");
            assertThat(count("SELECT count(*) FROM refusal WHERE actor = ? AND action = 'ADD person' AND code = 'NOT_AUTHORISED' AND target = ?", who, login))
                    .as(who).isEqualTo(refused + 1);
            // an auditor reads them (AuditorPagesHttpTest), and changes nothing
            if (!who.equals("auditor")) {
                assertProblem(get("/api/v1/people", who), 403, "NOT_AUTHORISED");
                assertProblem(get("/api/v1/people/changes", who), 403, "NOT_AUTHORISED");
            }
            assertProblem(post("/api/v1/people/gd-power-1-init/disable", who), 403, "NOT_AUTHORISED");
            assertProblem(postJson("/api/v1/people/gd-power-1-init/password", who, "{\"password\":\"" + NEW_PASSWORD + "\"}"), 403, "NOT_AUTHORISED");
        }
        assertThat(send(request("/api/v1/people", null).GET().build()).statusCode()).isEqualTo(401);
        assertThat(send(request("/api/v1/people", null).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"login\":\"" + login + "\",\"displayName\":\"x\",\"password\":\"" + PASSWORD + "\"}")).build()).statusCode()).isEqualTo(401);
        assertThat(count("SELECT count(*) FROM platform_user WHERE login = ?", login)).isZero();
        assertThat(count("SELECT count(*) FROM refusal WHERE detail LIKE ? OR target LIKE ? OR detail LIKE ?", "%" + PASSWORD + "%", "%" + PASSWORD + "%",
                "%" + NEW_PASSWORD + "%")).isZero();
        assertThat(text("SELECT password_hash FROM platform_user WHERE login = 'gd-power-1-init'")).isEqualTo(text("SELECT password_hash FROM platform_user WHERE login = 'auditor'"));
    }

    @Test
    void an_administrator_manages_only_plain_persons_whose_roles_are_all_in_their_jurisdictions() {
        String login = "ppl-wang.wu";
        assertThat(add("admin-gd", login, "王五").statusCode()).isEqualTo(201);
        // no role yet: the person is the adding authority's (GD's administrators), not another jurisdiction's
        assertThat(logins(get("/api/v1/people", "admin2-gd"))).contains(login);
        assertThat(logins(get("/api/v1/people", "admin-sz"))).doesNotContain(login);
        assertProblem(post("/api/v1/people/" + login + "/disable", "admin-sz"), 403, "NOT_AUTHORISED");
        // a login differing only in case is the same login
        assertProblem(add("admin-gd", "PPL-Wang.Wu", "王五"), 409, "LOGIN_EXISTS");
        grant("admin-gd", "gd-power-2", login);
        grant("admin-sh", "sh-power-1", login);
        // roles in GD and SH: neither GD's nor SH's nor SZ's administrator may disable the person or set a password
        for (String admin : new String[]{"admin-gd", "admin-sh", "admin-sz"}) {
            assertThat(logins(get("/api/v1/people", admin))).as(admin).doesNotContain(login);
            long refused = count("SELECT count(*) FROM refusal WHERE actor = ? AND action = 'DISABLE person' AND target = ?", admin, login);
            assertProblem(post("/api/v1/people/" + login + "/disable", admin), 403, "NOT_AUTHORISED");
            assertThat(count("SELECT count(*) FROM refusal WHERE actor = ? AND action = 'DISABLE person' AND target = ?", admin, login)).isEqualTo(refused + 1);
            assertProblem(postJson("/api/v1/people/" + login + "/password", admin, "{\"password\":\"" + NEW_PASSWORD + "\"}"), 403, "NOT_AUTHORISED");
            assertThat(count("SELECT count(*) FROM refusal WHERE actor = ? AND action = 'SET_PASSWORD person' AND target = ?", admin, login)).isPositive();
        }
        assertThat(text("SELECT enabled::text FROM platform_user WHERE login = ?", login)).isEqualTo("true");
        assertThat(me(login, PASSWORD).statusCode()).isEqualTo(200);
        // once the SH role is revoked, GD's administrator may
        assertThat(send(request("/api/v1/accounts/" + accountOf("sh-power-1") + "/representatives/" + login + "/READ_ONLY", "admin-sh").DELETE().build()).statusCode())
                .isEqualTo(204);
        HttpResponse<String> set = postJson("/api/v1/people/" + login + "/password", "admin-gd", "{\"password\":\"" + NEW_PASSWORD + "\"}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(set.body()).doesNotContain(NEW_PASSWORD).doesNotContain("bcrypt");
        assertThat(me(login, PASSWORD).statusCode()).isEqualTo(401);
        assertThat(me(login, NEW_PASSWORD).statusCode()).isEqualTo(200);
        assertThat(changes(login, "PASSWORD_SET", "admin-gd")).isEqualTo(1);
        assertProblem(post("/api/v1/people/" + login + "/disable", "admin-sh"), 403, "NOT_AUTHORISED");

        // administrators, auditors, verifiers and oneself are the operator's: refused, recorded; nothing changes
        for (String other : new String[]{"admin2-gd", "admin-sz", "auditor", "verifier-1", "admin-gd"}) {
            long refused = count("SELECT count(*) FROM refusal WHERE actor = 'admin-gd' AND action = 'DISABLE person' AND target = ?", other);
            assertProblem(post("/api/v1/people/" + other + "/disable", "admin-gd"), 403, "NOT_AUTHORISED");
            assertThat(count("SELECT count(*) FROM refusal WHERE actor = 'admin-gd' AND action = 'DISABLE person' AND target = ?", other)).as(other).isEqualTo(refused + 1);
            assertProblem(postJson("/api/v1/people/" + other + "/password", "admin-gd", "{\"password\":\"" + NEW_PASSWORD + "\"}"), 403, "NOT_AUTHORISED");
            assertThat(text("SELECT enabled::text FROM platform_user WHERE login = ?", other)).isEqualTo("true");
            assertThat(me(other, PASSWORD).statusCode()).as(other).isEqualTo(200);
        }
        assertProblem(post("/api/v1/people/ppl-nobody/disable", "admin-gd"), 404, "UNKNOWN_USER");
        assertProblem(postJson("/api/v1/people/" + login + "/password", "admin-gd", "{\"password\":\"" + NEW_PASSWORD + "\",\"passwordAgain\":\"x\"}"), 400, "VALIDATION_FAILED");
        assertProblem(postJson("/api/v1/people/" + login + "/password", "admin-gd", "{\"password\":\"short\"}"), 400, "VALIDATION_FAILED");
        assertThat(me(login, NEW_PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void disabling_a_person_ends_their_session_and_revokes_their_tokens() {
        String login = "ppl-zhao.liu";
        assertThat(add("admin-gd", login, "赵六").statusCode()).isEqualTo(201);
        grant("admin-gd", "gd-power-2", login);
        Session s = session(login);
        assertThat(send(request("/api/v1/me", null).header("Cookie", s.cookie()).GET().build()).statusCode()).isEqualTo(200);
        HttpResponse<String> minted = postJson("/api/v1/tokens", login, "{\"name\":\"before the disable\",\"expiresInSeconds\":3600}");
        assertThat(minted.statusCode()).as(minted.body()).isEqualTo(201);
        String token = json(minted).path("token").asString();

        HttpResponse<String> r = post("/api/v1/people/" + login + "/disable", "admin-gd");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).path("enabled").asBoolean()).isFalse();
        assertThat(changes(login, "DISABLED", "admin-gd")).isEqualTo(1);
        // the next page the person opens says the session was ended (not that a form expired); the API answers 401
        String landed = send(request("/accounts", null).header("Cookie", s.cookie()).GET().build()).headers().firstValue("Location").orElse("");
        assertThat(landed).contains("/login?ended");
        // the sign-in page says the session was ended, not that a form expired
        assertThat(send(request("/login?ended&lang=en", null).GET().build()).body()).contains("Your session was ended").doesNotContain("Your form expired");
        assertProblem(send(request("/api/v1/me", null).header("Cookie", s.cookie()).GET().build()), 401, "UNAUTHENTICATED");
        assertThat(send(request("/api/v1/me", null).header("Authorization", "Bearer " + token).GET().build()).statusCode()).isEqualTo(401);
        assertThat(me(login, PASSWORD).statusCode()).isEqualTo(401);
        assertProblem(post("/api/v1/people/" + login + "/disable", "admin-gd"), 409, "ALREADY_DISABLED");
        // the account pages mark the representative whose sign-in is disabled
        String reps = page("/accounts/" + accountOf("gd-power-2") + "?lang=en", "admin-gd").body();
        reps = reps.substring(reps.indexOf("data-login=\"" + login + "\""));
        assertThat(reps.substring(0, reps.indexOf("</tr>"))).contains("(sign-in disabled)");
        assertThat(changes(login, "DISABLED", "admin-gd")).isEqualTo(1);
        // a new password would enable the sign-in again: not silently, from here; that is the operator's users passwd
        assertProblem(postJson("/api/v1/people/" + login + "/password", "admin-gd", "{\"password\":\"" + NEW_PASSWORD + "\"}"), 409, "PERSON_DISABLED");
        assertThat(me(login, NEW_PASSWORD).statusCode()).isEqualTo(401);
        assertThat(send(request("/api/v1/me", null).header("Authorization", "Bearer " + token).GET().build()).statusCode()).isEqualTo(401);
        assertThat(changes(login, "PASSWORD_SET", "admin-gd")).isZero();
        // rows are only added: added, the person's own two password changes (add), disabled
        assertThat(count("SELECT count(*) FROM person_change WHERE login = ?", login)).isEqualTo(4);
        assertThat(changes(login, "PASSWORD_CHANGED", login)).isEqualTo(2);
    }

    @Test
    void the_people_page_adds_disables_and_sets_passwords_and_gives_back_what_was_typed_but_never_a_password() {
        Session admin = session("admin-gd");
        String page = send(request("/admin/people?lang=zh_CN", null).header("Cookie", admin.cookie()).GET().build()).body();
        assertThat(page).contains("id=\"nav-people\"", "添加人员", "id=\"add-person\"");
        assertThat(send(request("/admin/people?lang=en", null).header("Cookie", admin.cookie()).GET().build()).body()).contains("Add a person", "People");

        // refused: the two passwords differ; the form comes back with the login and the name, not the passwords
        String login = "ppl-page.person", typed = "first-typed-passphrase";
        HttpResponse<String> r = form(admin, "/admin/people", "login", login, "displayName", "页面 人员", "password", typed, "passwordAgain", typed + "2");
        assertThat(r.statusCode()).isEqualTo(302);
        String back = send(request("/admin/people?lang=zh_CN", null).header("Cookie", admin.cookie()).GET().build()).body();
        assertThat(back).contains("VALIDATION_FAILED", "两次输入的密码不一致", "value=\"" + login + "\"", "value=\"页面 人员\"").doesNotContain(typed);
        assertThat(count("SELECT count(*) FROM platform_user WHERE login = ?", login)).isZero();

        form(admin, "/admin/people", "login", login, "displayName", "页面 人员", "password", PASSWORD, "passwordAgain", PASSWORD);
        back = send(request("/admin/people?lang=zh_CN", null).header("Cookie", admin.cookie()).GET().build()).body();
        assertThat(back).contains("已添加 " + login, "data-login=\"" + login + "\"", "id=\"people-accounts\"").doesNotContain(PASSWORD);
        assertThat(changes(login, "ADDED", "admin-gd")).isEqualTo(1);

        // a new password, set on the page
        form(admin, "/admin/people/" + login + "/password", "password", NEW_PASSWORD, "passwordAgain", NEW_PASSWORD);
        back = send(request("/admin/people?lang=en", null).header("Cookie", admin.cookie()).GET().build()).body();
        assertThat(back).contains("New password set for " + login, "id=\"person-changes\"").doesNotContain(NEW_PASSWORD);
        assertThat(me(login, NEW_PASSWORD).statusCode()).isEqualTo(200);
        assertThat(changes(login, "PASSWORD_SET", "admin-gd")).isEqualTo(1);

        // disabling asks for the tick
        form(admin, "/admin/people/" + login + "/disable");
        back = send(request("/admin/people?lang=zh_CN", null).header("Cookie", admin.cookie()).GET().build()).body();
        assertThat(back).contains("请勾选确认 " + login + " 不能再登录");
        assertThat(text("SELECT enabled::text FROM platform_user WHERE login = ?", login)).isEqualTo("true");
        form(admin, "/admin/people/" + login + "/disable", "confirm", "true");
        back = send(request("/admin/people?lang=zh_CN", null).header("Cookie", admin.cookie()).GET().build()).body();
        assertThat(back).contains("已停用 " + login);
        assertThat(text("SELECT enabled::text FROM platform_user WHERE login = ?", login)).isEqualTo("false");

        // and once disabled, a new password is not the page's to give (it would enable the sign-in again)
        form(admin, "/admin/people/" + login + "/password", "password", "yet-another-passphrase", "passwordAgain", "yet-another-passphrase");
        back = send(request("/admin/people?lang=zh_CN", null).header("Cookie", admin.cookie()).GET().build()).body();
        assertThat(back).contains("的登录已停用：设置新密码会重新启用该登录");
        assertThat(me(login, "yet-another-passphrase").statusCode()).isEqualTo(401);
        assertThat(changes(login, "PASSWORD_SET", "admin-gd")).isEqualTo(1);

        // a representative has neither the menu link nor the page
        Session rep = session("gd-power-1-init");
        assertThat(send(request("/accounts", null).header("Cookie", rep.cookie()).GET().build()).body()).doesNotContain("nav-people");
        assertThat(send(request("/admin/people", null).header("Cookie", rep.cookie()).GET().build()).statusCode()).isEqualTo(403);
        assertThat(form(rep, "/admin/people", "login", "ppl-by-rep", "displayName", "x", "password", PASSWORD, "passwordAgain", PASSWORD).statusCode()).isEqualTo(302);
        assertThat(count("SELECT count(*) FROM platform_user WHERE login = 'ppl-by-rep'")).isZero();
        // the auditor reads the refusals in Chinese
        assertThat(page("/audit?actor=gd-power-1-init&lang=zh_CN", "auditor").body()).contains("添加人员");
        assertThat(get("/v3/api-docs", null).body()).contains("/api/v1/people", "/api/v1/people/{login}/disable", "/api/v1/people/{login}/password");
    }

    @Test
    void an_administrators_history_pages_through_however_many_changes_of_others_lie_between() {
        // 210 changes of a person admin-fj manages, then 2,100 newer changes of a sign-in of the operator's (no administrator's)
        assertThat(add("admin-fj", "ppl-paged", "福建 翻页").statusCode()).isEqualTo(201);
        update("INSERT INTO person_change (login, change, changed_by, changed_at) SELECT 'ppl-paged', 'PASSWORD_SET', 'admin-fj', now() FROM generate_series(1, 210)");
        update("INSERT INTO platform_user (login, password_hash, display_name, kind) SELECT 'ppl-noise', password_hash, 'noise', 'AUDITOR' FROM platform_user "
                + "WHERE login = 'auditor' ON CONFLICT DO NOTHING");
        update("INSERT INTO person_change (login, change, changed_by, changed_at) SELECT 'ppl-noise', 'PASSWORD_SET', NULL, now() FROM generate_series(1, 2100)");
        long mine = count("SELECT count(*) FROM person_change WHERE login = 'ppl-paged'");
        assertThat(mine).isGreaterThanOrEqualTo(212);

        // the first page is 200 of them, not none: the noise is passed over, and the older link says there is more
        HttpResponse<String> first = get("/api/v1/people/changes", "admin-fj");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(json(first).size()).isEqualTo(200);
        assertThat(first.body()).doesNotContain("ppl-noise");
        String before = first.headers().firstValue("X-Next-Before").orElseThrow();
        long seen = 0;
        for (JsonNode c : json(first)) if (c.path("login").asString().equals("ppl-paged")) seen++;
        // then the rest, page by page, to the end of the history
        while (before != null) {
            HttpResponse<String> next = get("/api/v1/people/changes?before=" + before, "admin-fj");
            assertThat(next.body()).doesNotContain("ppl-noise");
            for (JsonNode c : json(next)) if (c.path("login").asString().equals("ppl-paged")) seen++;
            before = next.headers().firstValue("X-Next-Before").orElse(null);
        }
        assertThat(seen).isEqualTo(mine);
        // the page says the same: an older link on the first page
        assertThat(page("/admin/people?lang=en", "admin-fj").body()).contains("id=\"changes-older\"");
    }
}
