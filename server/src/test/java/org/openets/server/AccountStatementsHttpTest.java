package org.openets.server;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An account's statement as CSV: holdings, serial blocks and the whole transaction history (read in pages of 3 in the
 * tests, so the file spans many), for whoever may read the account, and nobody else (403, recorded).
 */
class AccountStatementsHttpTest extends ServerTestBase {

    private List<String> rows(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(r.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment;");
        assertThat(r.body()).startsWith("\uFEFF");
        return Arrays.asList(r.body().substring(1).split("\r\n"));
    }

    private List<Long> ids(String sql, Object... args) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    @Test
    void the_whole_history_in_one_file_however_many_pages_it_spans() throws Exception {
        String allocation = governmentAccount("CN", "ALLOCATION");
        List<Long> expected = ids("SELECT t.id FROM registry_transaction t JOIN account a ON a.id IN (t.from_account, t.to_account) "
                + "WHERE a.number = ? ORDER BY t.id DESC", allocation);
        assertThat(expected).as("more rows than one page of the file").hasSizeGreaterThan(3 * 2);
        List<String> lines = rows(page("/accounts/" + allocation + "/history.csv", "admin-cn"));
        assertThat(lines.getFirst()).startsWith("id,type,status,from,to,unit_type,vintage,project_id,quantity,serials,");
        List<Long> got = lines.subList(1, lines.size()).stream().map(l -> Long.parseLong(l.substring(0, l.indexOf(',')))).toList();
        assertThat(got).isEqualTo(expected);

        // filtered as the page's filter: only completed allocations
        List<Long> allocations = ids("SELECT t.id FROM registry_transaction t JOIN account a ON a.id IN (t.from_account, t.to_account) "
                + "WHERE a.number = ? AND t.type = 'ALLOCATE' AND t.status = 'COMPLETED' ORDER BY t.id DESC", allocation);
        List<String> filtered = rows(page("/accounts/" + allocation + "/history.csv?type=allocate&status=COMPLETED", "admin-cn"));
        assertThat(filtered).hasSize(allocations.size() + 1);
        assertThat(filtered.subList(1, filtered.size())).allSatisfy(l -> assertThat(l).contains(",ALLOCATE,COMPLETED," + allocation + ","));
        // an unknown filter is the page's 400 before any file starts
        assertThat(page("/accounts/" + allocation + "/history.csv?status=XYZ", "admin-cn").statusCode()).isEqualTo(400);
        // the account page links the file with its filter
        assertThat(page("/accounts/" + allocation + "?type=ALLOCATE&lang=en", "admin-cn").body())
                .contains("id=\"history-csv\"", "/accounts/" + allocation + "/history.csv?type=ALLOCATE");
        assertThat(page("/accounts/" + allocation + "?lang=en", "admin-cn").body()).contains("href=\"/accounts/" + allocation + "/history.csv\"");
    }

    @Test
    void holdings_and_blocks_add_up_to_what_the_account_holds() {
        String acct = accountOf("cn-cement-2");
        List<String> holdings = rows(page("/accounts/" + acct + "/holdings.csv", "cn-cement-2-init"));
        assertThat(holdings.getFirst()).isEqualTo("account,unit_type,vintage,project_id,series,quantity,frozen,as_of");
        long total = 0;
        for (String l : holdings.subList(1, holdings.size())) {
            String[] c = l.split(",", -1);
            assertThat(c[0]).isEqualTo(acct);
            assertThat(Long.parseLong(c[5])).isEqualTo(held(acct, c[1] + "/" + c[2]));
            total += Long.parseLong(c[5]);
        }
        assertThat(total).isPositive().isEqualTo(count("SELECT coalesce(sum(h.quantity), 0) FROM holding h JOIN account a ON a.id = h.account_id WHERE a.number = ?", acct));
        List<String> blocks = rows(page("/accounts/" + acct + "/blocks.csv", "cn-cement-2-appr"));
        assertThat(blocks.getFirst()).isEqualTo("account,series,first_serial,last_serial,quantity,pledged_to,as_of");
        assertThat(blocks.subList(1, blocks.size()).stream().mapToLong(l -> Long.parseLong(l.split(",", -1)[4])).sum()).isEqualTo(total);
        assertThat(blocks.get(1)).contains(",CN-CEA-");
    }

    @Test
    void nobody_else_downloads_an_accounts_statement() {
        String acct = accountOf("cn-cement-2");
        for (String file : List.of("holdings.csv", "blocks.csv", "history.csv")) {
            long before = refusals("gd-power-1-init", "NOT_AUTHORISED");
            HttpResponse<String> r = page("/accounts/" + acct + "/" + file, "gd-power-1-init");
            assertThat(r.statusCode()).as(file).isEqualTo(403);
            assertThat(r.body()).doesNotContain(acct + ",");
            assertThat(refusals("gd-power-1-init", "NOT_AUTHORISED")).as(file + " refusal recorded").isEqualTo(before + 1);
            assertThat(get("/accounts/" + acct + "/" + file, null).statusCode()).as(file + " without a session").isIn(302, 401);
        }
    }
}
