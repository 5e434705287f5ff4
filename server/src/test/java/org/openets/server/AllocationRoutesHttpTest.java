package org.openets.server;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Free allocation (out of the allocation or new entrant reserve account) goes only to covered entities' holding accounts,
 * auctioned units to a buyer (covered entity or trading account) or the auction delivery account, and only a covered
 * entity's account returns excess (ROUTE_NOT_ALLOWED otherwise); the allocation page lists only the accounts that can
 * receive, each with the accounts it may receive from.
 */
class AllocationRoutesHttpTest extends ServerTestBase {

    String opened(String body) {
        HttpResponse<String> r = postJson("/api/v1/accounts", "admin-cn", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).path("number").asString();
    }

    HttpResponse<String> propose(String commandId, String type, String from, String to, long quantity) {
        return postJson("/api/v1/transactions", "admin-cn", """
                {"commandId":"%s","type":"%s","from":"%s"%s,"unitType":"CEA","vintage":2024,"quantity":%d}"""
                .formatted(commandId, type, from, to == null ? "" : ",\"to\":\"" + to + "\"", quantity));
    }

    /** Proposed by admin-cn and approved by admin2-cn: completed. */
    void completed(HttpResponse<String> proposed) {
        assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(201);
        long id = json(proposed).path("id").asLong();
        if (!"COMPLETED".equals(json(proposed).path("status").asString())) {
            HttpResponse<String> approved = post("/api/v1/transactions/" + id + "/approve", "admin2-cn");
            assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        }
        assertThat(text("SELECT status FROM registry_transaction WHERE id = ?", id)).isEqualTo("COMPLETED");
    }

    @Test
    void free_allocation_goes_only_to_covered_entities_and_auctioned_units_to_buyers() {
        String run = Long.toString(System.nanoTime());
        String trading = opened(tradingAccount("CN", "分配路线测试贸易公司 " + run));
        String covered = opened("""
                {"jurisdiction":"CN","type":"COVERED_ENTITY_HOLDING","holder":"分配路线测试控排企业 %s","entityCode":"%s"}""".formatted(run, uscc()));
        String allocation = governmentAccount("CN", "ALLOCATION"), reserve = governmentAccount("CN", "NEW_ENTRANT_RESERVE"),
                auction = governmentAccount("CN", "AUCTION"), issuance = governmentAccount("CN", "TOTAL_QUANTITY");

        // the reviewer's allocation: 5,000 t out of the allocation account (or the reserve) to a trading account
        for (String from : new String[]{allocation, reserve}) {
            String id = "routes-free-" + from + "-" + run;
            assertProblem(propose(id, "ALLOCATE", from, trading, 5_000), 422, "ROUTE_NOT_ALLOWED");
            assertThat(text("SELECT status || ':' || rejection FROM registry_transaction WHERE command_id = ?", id)).isEqualTo("REJECTED:ROUTE_NOT_ALLOWED");
        }
        assertThat(held(trading, "CEA/2024")).isZero();
        // to a covered entity it goes
        completed(propose("routes-free-covered-" + run, "ALLOCATE", allocation, covered, 5_000));
        assertThat(held(covered, "CEA/2024")).isEqualTo(5_000);

        // auctioned units reach the trading account out of the auction account
        completed(postJson("/api/v1/transactions", "admin-cn", transfer("routes-to-auction-" + run, issuance, auction, "CEA", 30)));
        completed(propose("routes-auction-" + run, "ALLOCATE", auction, trading, 30));
        assertThat(held(trading, "CEA/2024")).isEqualTo(30);

        // a return of excess comes out of a covered entity's account only
        String back = "routes-back-trading-" + run;
        assertProblem(propose(back, "RETURN_OF_EXCESS", trading, null, 1), 422, "ROUTE_NOT_ALLOWED");
        assertThat(text("SELECT rejection FROM registry_transaction WHERE command_id = ?", back)).isEqualTo("ROUTE_NOT_ALLOWED");
        HttpResponse<String> fromCovered = propose("routes-back-covered-" + run, "RETURN_OF_EXCESS", covered, null, 1);
        assertThat(fromCovered.statusCode()).as(fromCovered.body()).isEqualTo(201);
        assertThat(post("/api/v1/transactions/" + json(fromCovered).path("id").asLong() + "/cancel", "admin-cn").statusCode()).isEqualTo(200);
        assertThat(held(trading, "CEA/2024")).isEqualTo(30);
        assertThat(held(covered, "CEA/2024")).isEqualTo(5_000);

        // the allocation page lists the covered entity as receiving from the allocation account, the trading account only from the auction account
        Session admin = session("admin-cn");
        String page = send(request("/admin/allocation?lang=en", null).header("Cookie", admin.cookie()).GET().build()).body();
        assertThat(row(page, covered)).contains("data-type=\"COVERED_ENTITY_HOLDING\"", allocation, reserve, auction);
        assertThat(row(page, trading)).contains("data-type=\"TRADING_HOLDING\"", "from " + auction).doesNotContain(allocation, reserve);
        assertThat(page).contains("id=\"allocation-holders-note\"", "Free allocation (out of the allocation or new entrant reserve account) goes only to covered entities");
        // and the form refuses the line, saying why in the page's language
        HttpResponse<String> sent = form(admin, "/admin/allocation", "commandId", "routes-form-" + run, "from", allocation, "series", "CEA/2024",
                "lines", trading + ", 5,000");
        assertThat(sent.statusCode()).isEqualTo(302);
        String after = send(request("/admin/allocation?lang=zh_CN", null).header("Cookie", admin.cookie()).GET().build()).body();
        assertThat(after).contains("data-code=\"ROUTE_NOT_ALLOWED\"", "从账户 " + allocation + " 分配的配额只能转入重点排放单位持有账户，不能转入账户 " + trading);
        assertThat(held(trading, "CEA/2024")).isEqualTo(30);
    }

    /** The allocation page's row of an account (empty when it is not listed). */
    static String row(String page, String number) {
        int at = page.indexOf("data-account=\"" + number + "\"");
        if (at < 0) return "";
        int start = page.lastIndexOf("<tr", at);
        return page.substring(start, page.indexOf("</tr>", at));
    }
}
