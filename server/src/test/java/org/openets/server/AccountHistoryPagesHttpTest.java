package org.openets.server;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An account's whole history can be read page by page, in the pages and over the API, and filtered by type and status:
 * nothing is left to "the API" for a person, and no page repeats or skips a transaction.
 */
class AccountHistoryPagesHttpTest extends ServerTestBase {
    static final Pattern ROW = Pattern.compile("data-transaction-id=\"(\\d+)\"");
    static final Pattern OLDER = Pattern.compile("id=\"history-older\" href=\"([^\"]+)\"");

    static int badge(String page) {
        Matcher m = Pattern.compile("<span class=\"badge\"[^>]*>(\\d+)</span>").matcher(page);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    static List<Long> rows(String page) {
        List<Long> ids = new ArrayList<>();
        Matcher m = ROW.matcher(page.substring(page.indexOf("id=\"history\""), page.indexOf("id=\"blocks\"") > 0 ? page.indexOf("id=\"blocks\"") : page.length()));
        while (m.find()) ids.add(Long.parseLong(m.group(1)));
        return ids;
    }

    @Test
    void an_entity_reads_its_own_line_of_a_completed_batch_not_its_neighbours() {
        String batch = text("SELECT batch_id FROM registry_transaction WHERE batch_id LIKE 'demo-cn-%' AND status = 'COMPLETED' "
                + "GROUP BY batch_id HAVING count(*) > 2 ORDER BY batch_id LIMIT 1");
        String own = accountOf("cn-power-1");
        long lines = count("SELECT count(*) FROM registry_transaction WHERE batch_id = ?", batch);
        long mine = count("SELECT count(*) FROM registry_transaction t JOIN account a ON a.id = t.to_account WHERE t.batch_id = ? AND a.number = ?", batch, own);
        assertThat(mine).isPositive();
        String page = page("/batches/" + batch, "cn-power-1-init").body();
        assertThat(ROW.matcher(page.substring(page.indexOf("id=\"batch-lines\""))).results().count()).isEqualTo(mine);
        assertThat(page).contains(own).doesNotContain(accountOf("cn-power-3")).doesNotContain(lines + " line(s)");
        long id = count("SELECT min(t.id) FROM registry_transaction t JOIN account a ON a.id = t.to_account WHERE t.batch_id = ? AND a.number = ?", batch, own);
        assertThat(page("/transactions/" + id, "cn-power-1-init").body()).doesNotContain(lines + " line(s)");
        // the regulator reads every line
        String all = page("/batches/" + batch, "admin-cn").body();
        assertThat(ROW.matcher(all.substring(all.indexOf("id=\"batch-lines\""))).results().count()).isEqualTo(lines);
        assertThat(page("/batches/" + batch, "gd-power-1-init").statusCode()).isEqualTo(404);
    }

    @Test
    void a_long_history_is_read_page_by_page_and_filtered() {
        String allocation = governmentAccount("SZ", "ALLOCATION"), holder = accountOf("sz-power-2");
        String series = text("SELECT s.unit_type || ':' || s.vintage FROM holding h JOIN account a ON a.id = h.account_id JOIN unit_series s ON s.id = h.series_id "
                + "WHERE a.number = ? AND h.quantity - h.frozen >= 250 ORDER BY s.vintage LIMIT 1", allocation);
        String[] ut = series.split(":");
        int badgeBefore = badge(page("/accounts", "admin2-sz").body());
        // 230 lines awaiting approval: more than one page of the account's history
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 230; i++)
            lines.append(i == 0 ? "" : ",").append("{\"type\":\"ALLOCATE\",\"from\":\"%s\",\"to\":\"%s\",\"unitType\":\"%s\",\"vintage\":%s,\"quantity\":1}"
                    .formatted(allocation, holder, ut[0], ut[1]));
        HttpResponse<String> batch = postJson("/api/v1/batches", "admin-sz", "{\"commandId\":\"history-pages-1\",\"lines\":[" + lines + "]}");
        assertThat(batch.statusCode()).as(batch.body()).isIn(200, 201);
        long total = count("SELECT count(*) FROM registry_transaction WHERE from_account = (SELECT id FROM account WHERE number = ?) "
                + "OR to_account = (SELECT id FROM account WHERE number = ?)", allocation, allocation);
        assertThat(total).isGreaterThan(230);
        try {
            // in the second administrator's inbox the batch is one decision: one row, one more in the badge
            String inbox = page("/approvals", "admin2-sz").body();
            assertThat(badge(inbox)).isEqualTo(badgeBefore + 1);
            long firstLine = count("SELECT min(id) FROM registry_transaction WHERE batch_id = 'history-pages-1'");
            assertThat(inbox).contains("data-transaction-id=\"" + firstLine + "\"", "A batch of 230 line(s)", "I have checked its 230 line(s), 230 t in all")
                    .doesNotContain("data-transaction-id=\"" + (firstLine + 1) + "\"");
            String batchPage = page("/batches/history-pages-1", "admin2-sz").body();
            assertThat(ROW.matcher(batchPage).results().count()).isEqualTo(230);
            assertThat(batchPage).contains("230 line(s), 230 t in all");
            // a representative who may read no line of it is answered as if there were no such batch (ids are guessable)
            assertThat(page("/batches/history-pages-1", "sz-power-2-init").statusCode()).isEqualTo(404);
            assertThat(page("/batches/no-such-batch", "admin2-sz").statusCode()).isEqualTo(404);
            // the pages: 200 a page, then "older" until the end; every transaction once, newest first
            List<Long> seen = new ArrayList<>();
            String path = "/accounts/" + allocation;
            int pages = 0;
            while (path != null) {
                HttpResponse<String> page = page(path.replace("&amp;", "&").replaceAll("#.*", ""), "admin-sz");
                assertThat(page.statusCode()).isEqualTo(200);
                List<Long> ids = rows(page.body());
                assertThat(ids.size()).isLessThanOrEqualTo(200);
                seen.addAll(ids);
                Matcher older = OLDER.matcher(page.body());
                path = older.find() ? older.group(1) : null;
                assertThat(++pages).isLessThan(10);
            }
            assertThat(pages).isGreaterThanOrEqualTo(2);
            assertThat(seen).hasSize((int) total).doesNotHaveDuplicates();
            assertThat(seen).isSortedAccordingTo(java.util.Comparator.reverseOrder());

            // filtered: only what awaits approval, of that type
            HttpResponse<String> waiting = page("/accounts/" + allocation + "?type=ALLOCATE&status=AWAITING_APPROVAL", "admin-sz");
            List<Long> w = rows(waiting.body());
            assertThat(w).hasSize(200);
            assertThat(waiting.body()).contains("id=\"history-newest\"");
            Matcher more = OLDER.matcher(waiting.body());
            assertThat(more.find()).isTrue();
            assertThat(more.group(1)).contains("type=ALLOCATE").contains("status=AWAITING_APPROVAL");
            assertThat(rows(page(more.group(1).replace("&amp;", "&").replaceAll("#.*", ""), "admin-sz").body())).hasSize(30);
            assertThat(page("/accounts/" + allocation + "?type=TELEPORT", "admin-sz").statusCode()).isEqualTo(400);
            assertThat(page("/accounts/" + allocation + "?before=x", "admin-sz").statusCode()).isEqualTo(400);

            // the API pages the same way with before
            HttpResponse<String> firstPage = get("/api/v1/accounts/" + allocation + "/transactions?limit=100&status=AWAITING_APPROVAL", "admin-sz");
            JsonNode first = json(firstPage);
            assertThat(first.size()).isEqualTo(100);
            long last = first.get(99).path("id").asLong();
            assertThat(firstPage.headers().firstValue("X-Next-Before")).contains(Long.toString(last));
            JsonNode next = json(get("/api/v1/accounts/" + allocation + "/transactions?limit=1000&status=AWAITING_APPROVAL&before=" + last, "admin-sz"));
            assertThat(next.size()).isEqualTo(130);
            assertThat(get("/api/v1/accounts/" + allocation + "/transactions?limit=1000&status=AWAITING_APPROVAL&before=" + last, "admin-sz")
                    .headers().firstValue("X-Next-Before")).isEmpty();
            assertThat(next.get(0).path("id").asLong()).isLessThan(last);
            assertProblem(get("/api/v1/accounts/" + allocation + "/transactions?status=SOMETIMES", "admin-sz"), 400, "VALIDATION_FAILED");
            // and nobody else reads it
            assertProblem(get("/api/v1/accounts/" + allocation + "/transactions?before=" + last, "sz-power-2-init"), 403, "NOT_AUTHORISED");
        } finally {
            long line = count("SELECT min(id) FROM registry_transaction WHERE batch_id = 'history-pages-1'");
            HttpResponse<String> declined = postJson("/api/v1/transactions/" + line + "/decline", "admin2-sz", "{\"reason\":\"test of history pages\"}");
            assertThat(declined.statusCode()).as(declined.body()).isEqualTo(200);
            assertThat(count("SELECT count(*) FROM registry_transaction WHERE batch_id = 'history-pages-1' AND status <> 'REJECTED'")).isZero();
            // the batch's page says who proposed it (as a person is named: display name and login) and why it was declined
            String proposer = text("SELECT display_name FROM platform_user WHERE login = 'admin-sz'");
            assertThat(page("/batches/history-pages-1?lang=en", "admin2-sz").body()).contains("Proposed by " + proposer + " (admin-sz)", "Declined: test of history pages");
        }
    }
}
