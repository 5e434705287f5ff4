package org.openets.server;

import org.junit.jupiter.api.Test;
import org.openets.workflows.registry.RegistryViews.HoldingView;
import org.openets.workflows.registry.spi.RegistryReadModel;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lists that grow with a registry — an account's serial blocks in the API, the accounts list (page and API) and the
 * people (page and API) — are read a page at a time by a key, every row on exactly one page, and say where the next page
 * starts; the accounts list reads its accounts' holdings in one query. Checked by rows, never by time.
 */
class ListsAtScaleTest extends ServerTestBase {
    @Autowired RegistryReadModel readModel;

    private static final Pattern ROW = Pattern.compile("data-account=\"([^\"]+)\"");

    private static String header(HttpResponse<String> r, String name) { return r.headers().firstValue(name).orElse(null); }

    // ------------------------------------------------------------------------------------------ an account's blocks (API)

    @Test
    void theApiPagesAnAccountsBlocksByKeyEveryBlockOnceInOrder() {
        // one block of a demo holding split into single-unit blocks, undone afterwards (as PagesAtScaleTest)
        try (SplitBlock split = new SplitBlock(false)) {
            long total = split.total();
            String number = split.number, login = split.login;
            assertThat(total).isGreaterThan(150);

            // one request (the default page, 5,000): every block, and no next page
            HttpResponse<String> whole = get("/api/v1/accounts/" + number + "/blocks", login);
            assertThat(whole.statusCode()).isEqualTo(200);
            assertThat(header(whole, "X-Next-After")).isNull();
            List<String> all = new ArrayList<>();
            for (JsonNode b : json(whole)) all.add(b.path("series").asString() + " " + b.path("firstSerial").asString() + " " + b.path("lastSerial").asString());
            assertThat(all).hasSize((int) total).doesNotHaveDuplicates();

            // 40 a page: the pages, one after the other, are that list exactly (every block once, in order); full until the last
            List<String> paged = new ArrayList<>();
            String after = null;
            int pages = 0;
            do {
                HttpResponse<String> r = get("/api/v1/accounts/" + number + "/blocks?limit=40" + (after == null ? "" : "&after=" + after), login);
                assertThat(r.statusCode()).isEqualTo(200);
                JsonNode rows = json(r);
                after = header(r, "X-Next-After");
                if (after != null) assertThat(rows.size()).isEqualTo(40);
                for (JsonNode b : rows) paged.add(b.path("series").asString() + " " + b.path("firstSerial").asString() + " " + b.path("lastSerial").asString());
                pages++;
            } while (after != null && pages < 100);
            assertThat(pages).isEqualTo((int) ((total + 39) / 40));
            assertThat(paged).isEqualTo(all);

            // a cursor that is not one is refused, never read as "from the start"
            for (String bad : new String[]{"abc", "12", "12:", ":4001", "1:2:3", "-1:5", "99999999999999999999:1"})
                assertProblem(get("/api/v1/accounts/" + number + "/blocks?after=" + bad, login), 400, "VALIDATION_FAILED");
            // whoever may not read the account learns nothing from a cursor
            assertProblem(get("/api/v1/accounts/" + number + "/blocks?after=1:1", "sh-alu-1-init"), 403, "NOT_AUTHORISED");
        }
    }

    // ------------------------------------------------------------------------------------------ the accounts list

    @Test
    void theAccountsPageShowsAHundredAPageWithNextAndPreviousAndEveryAccountOnce() {
        moreAccountsThanAPage();
        long total = count("SELECT count(*) FROM account");
        // a filter that keeps every account (each number has a -): the links carry it from page to page
        HttpResponse<String> first = page("/accounts?lang=en&q=-", "auditor");
        assertThat(first.statusCode()).isEqualTo(200);
        List<String> firstRows = rows(first.body());
        assertThat(firstRows).hasSize(100);
        assertThat(first.body()).contains("Accounts 1–100 of " + String.format("%,d", total) + ".", "id=\"accounts-next\"")
                .doesNotContain("id=\"accounts-previous\"");

        Set<String> seen = new HashSet<>(firstRows);
        String body = first.body();
        List<String> second = null;
        int pages = 1;
        for (String next = nextLink(body); next != null && pages < 50; next = nextLink(body), pages++) {
            assertThat(next).contains("q=-");
            body = page(next.replace("&amp;", "&") + "&lang=en", "auditor").body();
            List<String> shown = rows(body);
            if (second == null) second = shown;
            if (nextLink(body) != null) assertThat(shown).hasSize(100);
            for (String n : shown) assertThat(seen.add(n)).as("shown once: " + n).isTrue();
            assertThat(body).contains("id=\"accounts-previous\"");
        }
        assertThat(seen).hasSize((int) total);

        // the second page's previous link leads back to the first page
        String secondPage = page("/accounts?lang=en&q=-&after=" + firstRows.getLast(), "auditor").body();
        assertThat(rows(secondPage)).isEqualTo(second);
        Matcher prev = Pattern.compile("id=\"accounts-previous\" href=\"([^\"]+)\"|href=\"([^\"]+)\" id=\"accounts-previous\"").matcher(secondPage);
        assertThat(prev.find()).isTrue();
        String back = (prev.group(1) != null ? prev.group(1) : prev.group(2)).replace("&amp;", "&");
        assertThat(back).contains("before=" + second.getFirst());
        assertThat(rows(page(back + "&lang=en", "auditor").body())).isEqualTo(firstRows);

        // a filter with paging: an account type among many, every one of them once
        String type = text("SELECT type FROM account GROUP BY type ORDER BY count(*) DESC LIMIT 1");
        long ofType = count("SELECT count(*) FROM account WHERE type = ?", type);
        Set<String> typed = new HashSet<>();
        String typedBody = page("/accounts?lang=en&type=" + type, "auditor").body();
        typed.addAll(rows(typedBody));
        for (String next = nextLink(typedBody); next != null; next = nextLink(typedBody)) {
            assertThat(next).contains("type=" + type);
            typedBody = page(next.replace("&amp;", "&") + "&lang=en", "auditor").body();
            for (String n : rows(typedBody)) assertThat(typed.add(n)).isTrue();
        }
        assertThat(typed).hasSize((int) ofType);

        // a cursor that is not an account of the list is refused
        assertThat(page("/accounts?after=XX-000-000000", "auditor").statusCode()).isEqualTo(400);
        // an account the person may not see is no cursor for them either (its existence not told apart from an unknown one)
        String shAccount = text("SELECT number FROM account WHERE jurisdiction = 'SH' ORDER BY id LIMIT 1");
        assertThat(page("/accounts?after=" + shAccount, "admin-gd").statusCode()).isEqualTo(400);
        assertThat(page("/accounts?after=XX-000-000000", "admin-gd").statusCode()).isEqualTo(400);
    }

    /** The demo market has fewer accounts than a page of the list (100): more are opened, as the registry's administrators do. */
    private void moreAccountsThanAPage() {
        for (int i = 0; count("SELECT count(*) FROM account") <= 130; i++) {
            HttpResponse<String> opened = postJson("/api/v1/accounts", "admin-sh", tradingAccount("SH", "列表分页 " + i + " " + System.nanoTime()));
            assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        }
    }

    @Test
    void theAccountsApiPagesByTheAfterHeaderEveryAccountOnce() {
        moreAccountsThanAPage();
        long total = count("SELECT count(*) FROM account");
        HttpResponse<String> whole = get("/api/v1/accounts", "auditor");
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(json(whole).size()).isEqualTo((int) total);
        assertThat(header(whole, "X-Next-After")).isNull();
        List<String> all = new ArrayList<>();
        for (JsonNode a : json(whole)) all.add(a.path("number").asString());

        List<String> paged = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            HttpResponse<String> r = get("/api/v1/accounts?limit=30" + (after == null ? "" : "&after=" + after), "auditor");
            assertThat(r.statusCode()).isEqualTo(200);
            after = header(r, "X-Next-After");
            if (after != null) assertThat(json(r).size()).isEqualTo(30);
            for (JsonNode a : json(r)) paged.add(a.path("number").asString());
            pages++;
        } while (after != null && pages < 100);
        assertThat(paged).isEqualTo(all);
        assertProblem(get("/api/v1/accounts?after=XX-000-000000", "auditor"), 400, "VALIDATION_FAILED");
    }

    @Test
    void oneReadGivesTheHoldingsOfManyAccounts() {
        List<Long> ids = new ArrayList<>();
        for (var a : readModel.accounts()) ids.add(a.id());
        Map<Long, List<HoldingView>> many = readModel.holdings(ids);
        Map<Long, List<HoldingView>> oneByOne = new HashMap<>();
        for (long id : ids) {
            List<HoldingView> h = readModel.holdings(id);
            if (!h.isEmpty()) oneByOne.put(id, h);
        }
        assertThat(oneByOne.size()).as("accounts holding something").isGreaterThan(20);
        assertThat(many).isEqualTo(oneByOne);
        assertThat(readModel.holdings(List.of())).isEmpty();
    }

    private static List<String> rows(String html) {
        int t = html.indexOf("<table id=\"accounts\"");
        if (t < 0) return List.of();
        String table = html.substring(t, html.indexOf("</table>", t));
        List<String> out = new ArrayList<>();
        Matcher m = ROW.matcher(table);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    private static String nextLink(String html) {
        Matcher m = Pattern.compile("id=\"accounts-next\" href=\"([^\"]+)\"|href=\"([^\"]+)\" id=\"accounts-next\"").matcher(html);
        return m.find() ? (m.group(1) != null ? m.group(1) : m.group(2)) : null;
    }

    // ------------------------------------------------------------------------------------------ people

    @Test
    void peoplePagesAreFullUntilTheLastAndAnAdministratorOfGdNeverSeesACnOnlyPerson() {
        String gdAccount = text("SELECT id::text FROM account WHERE jurisdiction = 'GD' AND type = 'COVERED_ENTITY_HOLDING' ORDER BY id LIMIT 1");
        String cnAccount = text("SELECT id::text FROM account WHERE jurisdiction = 'CN' ORDER BY id LIMIT 1");
        String cnOnlyAdmin = text("SELECT actor FROM registry_administrator WHERE jurisdiction = 'CN' AND actor NOT IN "
                + "(SELECT actor FROM registry_administrator WHERE jurisdiction = 'GD') ORDER BY actor LIMIT 1");
        // 240 persons: a GD role (GD's), a CN role (not GD's), GD and CN roles (not GD's), no role and added by a CN-only
        // administrator (not GD's), no role and no record of who added them (anyone's)
        update("INSERT INTO platform_user (login, password_hash, display_name, kind) SELECT 'zz-lists-' || lpad(g::text, 3, '0'), password_hash, "
                + "'列表 ' || g, 'PERSON' FROM platform_user, generate_series(1, 240) g WHERE login = 'auditor'");
        try {
            update("INSERT INTO representative (account_id, actor, role) SELECT ?::bigint, 'zz-lists-' || lpad(g::text, 3, '0'), 'READ_ONLY' "
                    + "FROM generate_series(1, 240) g WHERE g % 5 IN (0, 2)", gdAccount);
            update("INSERT INTO representative (account_id, actor, role) SELECT ?::bigint, 'zz-lists-' || lpad(g::text, 3, '0'), 'READ_ONLY' "
                    + "FROM generate_series(1, 240) g WHERE g % 5 IN (1, 2)", cnAccount);
            update("INSERT INTO person_change (login, change, changed_by) SELECT 'zz-lists-' || lpad(g::text, 3, '0'), 'ADDED', ? "
                    + "FROM generate_series(1, 240) g WHERE g % 5 = 3", cnOnlyAdmin);
            // (g % 5 = 4: no history row, as for a sign-in the operator added before the history was kept)
            Set<String> gdsOwn = new HashSet<>(), notGds = new HashSet<>();
            for (int g = 1; g <= 240; g++) (g % 5 == 0 || g % 5 == 4 ? gdsOwn : notGds).add("zz-lists-%03d".formatted(g));

            // the API, 25 a page: full pages until the last, every person once, none of CN's only
            Set<String> seen = new HashSet<>();
            String after = null;
            int pages = 0, lastSize;
            do {
                HttpResponse<String> r = get("/api/v1/people?limit=25" + (after == null ? "" : "&after=" + after), "admin-gd");
                assertThat(r.statusCode()).isEqualTo(200);
                after = header(r, "X-Next-After");
                lastSize = json(r).size();
                if (after != null) assertThat(lastSize).as("a page before the last is full").isEqualTo(25);
                for (JsonNode x : json(r)) {
                    String l = x.path("login").asString();
                    assertThat(seen.add(l)).as("listed once: " + l).isTrue();
                    assertThat(notGds).as("GD's administrator never sees " + l).doesNotContain(l);
                }
                pages++;
            } while (after != null && pages < 100);
            assertThat(seen).containsAll(gdsOwn).doesNotContain("admin-gd", "admin-cn", "auditor");
            assertThat(lastSize).isBetween(1, 25);

            // the whole list in one request is the same
            Set<String> whole = new HashSet<>();
            for (JsonNode x : json(get("/api/v1/people", "admin-gd"))) whole.add(x.path("login").asString());
            assertThat(whole).isEqualTo(seen);

            // the page: 100 a page until the last, the total said, the same people
            String body = page("/admin/people?lang=en", "admin-gd").body();
            assertThat(body).contains(seen.size() + " in all");
            Set<String> onPages = new HashSet<>();
            for (int p = 0; p < 20; p++) {
                Matcher logins = Pattern.compile("<tr data-login=\"([^\"]+)\"").matcher(peopleTable(body));
                int n = 0;
                while (logins.find()) {
                    assertThat(onPages.add(logins.group(1))).isTrue();
                    n++;
                }
                Matcher more = Pattern.compile("href=\"/admin/people\\?after=([^\"]+)\"").matcher(body);
                if (!more.find()) break;
                assertThat(n).isEqualTo(100);
                body = page("/admin/people?lang=en&after=" + more.group(1), "admin-gd").body();
            }
            assertThat(onPages).isEqualTo(seen);

            // an auditor reads every sign-in, a page at a time
            Set<String> everyone = new HashSet<>();
            after = null;
            do {
                HttpResponse<String> r = get("/api/v1/people?limit=70" + (after == null ? "" : "&after=" + after), "auditor");
                after = header(r, "X-Next-After");
                if (after != null) assertThat(json(r).size()).isEqualTo(70);
                for (JsonNode x : json(r)) assertThat(everyone.add(x.path("login").asString())).isTrue();
            } while (after != null);
            assertThat(everyone).hasSize((int) count("SELECT count(*) FROM platform_user")).containsAll(notGds);

            assertProblem(get("/api/v1/people?after=" + java.net.URLEncoder.encode("not a login!", java.nio.charset.StandardCharsets.UTF_8), "admin-gd"), 400, "VALIDATION_FAILED");
        } finally {
            update("DELETE FROM representative WHERE actor LIKE 'zz-lists-%'");
            // person_change is append-only: those with a history row stay (48 sign-ins without a role, of CN's)
            update("DELETE FROM platform_user u WHERE login LIKE 'zz-lists-%' AND NOT EXISTS (SELECT 1 FROM person_change h WHERE h.login = u.login)");
        }
    }

    private static String peopleTable(String html) {
        String t = html.substring(html.indexOf("<table id=\"people\""));
        return t.substring(0, t.indexOf("</table>"));
    }
}
