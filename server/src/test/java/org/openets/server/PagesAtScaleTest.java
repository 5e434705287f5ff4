package org.openets.server;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pages that list what grows with the registry's years show a bounded page and say where the rest is: an account's
 * serial blocks (the first 100, the whole list in blocks.csv) and the people page (100 sign-ins a page, by login).
 * Checked by rows counted, never by time.
 */
class PagesAtScaleTest extends ServerTestBase {

    private static int rows(String html, String marker) {
        Matcher m = Pattern.compile(Pattern.quote(marker)).matcher(html);
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    /** The people table of the page (the history of changes below it has rows with logins too). */
    private static String peopleTable(String html) {
        String t = html.substring(html.indexOf("<table id=\"people\""));
        return t.substring(0, t.indexOf("</table>"));
    }

    @Test
    void anAccountWithThousandsOfBlocksShowsTheFirstHundredAndSendsToTheCsvForAll() {
        // one block of a demo holding split into single-unit blocks (the same serials, the same holding: still consistent),
        // undone afterwards so that the other tests see the demo's blocks
        try (SplitBlock split = new SplitBlock(true)) {
            long total = split.total();
            String number = split.number, login = split.login;
            assertThat(total).isGreaterThan(150);

            HttpResponse<String> page = page("/accounts/" + number + "?lang=en", login);
            assertThat(page.statusCode()).isEqualTo(200);
            String blocks = page.body().substring(page.body().indexOf("<table id=\"blocks\""));
            blocks = blocks.substring(0, blocks.indexOf("</table>"));
            assertThat(rows(blocks, "<tr>")).isEqualTo(1 + 100); // the header and the first 100 blocks
            String note = page.body().substring(page.body().indexOf("id=\"blocks-limited\""));
            assertThat(note.substring(0, note.indexOf("</p>"))).contains("Showing the first 100 of " + String.format("%,d", total) + " serial blocks",
                    "id=\"blocks-all\"", "/accounts/" + number + "/blocks.csv");

            // the CSV has every block, not the page's hundred
            HttpResponse<String> csv = send(request("/accounts/" + number + "/blocks.csv", null).header("Cookie", session(login).cookie()).GET().build());
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.body().split("\r\n")).hasSize((int) total + 1);
        }
    }

    @Test
    void thePeoplePageShowsAHundredSignInsAPageAndLinksToTheNext() {
        update("INSERT INTO platform_user (login, password_hash, display_name, kind) SELECT 'zz-scale-' || lpad(g::text, 3, '0'), password_hash, "
                + "'规模 ' || g, 'PERSON' FROM platform_user, generate_series(1, 150) g WHERE login = 'auditor'");
        try {
            long total = count("SELECT count(*) FROM platform_user");
            HttpResponse<String> first = page("/admin/people?lang=en", "auditor");
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(rows(peopleTable(first.body()), "<tr data-login=")).isEqualTo(100);
            assertThat(first.body()).contains("id=\"people-next\"", total + " in all").doesNotContain("data-login=\"zz-scale-150\"");
            Matcher next = Pattern.compile("id=\"people-next\" href=\"/admin/people\\?after=([^\"]+)\"|href=\"/admin/people\\?after=([^\"]+)\" id=\"people-next\"")
                    .matcher(first.body());
            assertThat(next.find()).isTrue();
            String after = next.group(1) != null ? next.group(1) : next.group(2);

            // page after page, every sign-in once, the last page without a next link
            java.util.Set<String> seen = new java.util.HashSet<>();
            Matcher logins = Pattern.compile("<tr data-login=\"([^\"]+)\"").matcher(peopleTable(first.body()));
            while (logins.find()) seen.add(logins.group(1));
            for (int pages = 0; after != null && pages < 20; pages++) {
                String body = page("/admin/people?lang=en&after=" + after, "auditor").body();
                logins = Pattern.compile("<tr data-login=\"([^\"]+)\"").matcher(peopleTable(body));
                while (logins.find()) assertThat(seen.add(logins.group(1))).as("shown once: " + logins.group(1)).isTrue();
                Matcher more = Pattern.compile("href=\"/admin/people\\?after=([^\"]+)\"").matcher(body);
                after = more.find() ? more.group(1) : null;
            }
            assertThat(seen).hasSize((int) total).contains("zz-scale-150", "auditor");
        } finally {
            update("DELETE FROM platform_user WHERE login LIKE 'zz-scale-%'");
        }
    }
}
