package org.openets.server;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An account's page offers only what may go out of an account of its type (the registry's Registry.mayLeave): no return
 * of excess on a trading account (only a covered entity's account is allocated to for free); what the registry accepts
 * of a holder (a trading account's surrender and cancellation, a covered entity's cancellation) stays offered.
 */
class AccountPageOffersHttpTest extends ServerTestBase {

    HttpResponse<String> pageIn(String path, String login) {
        return send(request(path + (path.contains("?") ? "&" : "?") + "lang=en", null).header("Cookie", session(login).cookie()).GET().build());
    }

    void approvedByAdmin2(HttpResponse<String> proposed) {
        assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(201);
        if (!"COMPLETED".equals(json(proposed).path("status").asString()))
            assertThat(post("/api/v1/transactions/" + json(proposed).path("id").asLong() + "/approve", "admin2-cn").statusCode()).isEqualTo(200);
    }

    @Test
    void an_administrator_is_offered_a_return_of_excess_on_a_covered_entitys_account_only() {
        String run = Long.toString(System.nanoTime());
        HttpResponse<String> opened = postJson("/api/v1/accounts", "admin-cn", tradingAccount("CN", "业务提供测试贸易公司 " + run));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        String trading = json(opened).path("number").asString();
        String auction = governmentAccount("CN", "AUCTION");
        approvedByAdmin2(postJson("/api/v1/transactions", "admin-cn", transfer("offers-to-auction-" + run, governmentAccount("CN", "TOTAL_QUANTITY"), auction, "CEA", 20)));
        approvedByAdmin2(postJson("/api/v1/transactions", "admin-cn", """
                {"commandId":"offers-auction-%s","type":"ALLOCATE","from":"%s","to":"%s","unitType":"CEA","vintage":2024,"quantity":20}""".formatted(run, auction, trading)));

        String tradingPage = pageIn("/accounts/" + trading, "admin-cn").body();
        assertThat(tradingPage).contains("id=\"op-FORCED_DEDUCTION-form\"", "id=\"op-FREEZE-form\"").doesNotContain("id=\"op-RETURN_OF_EXCESS-form\"");
        assertThat(pageIn("/accounts/" + accountOf("cn-power-1"), "admin-cn").body()).contains("id=\"op-RETURN_OF_EXCESS-form\"");

        // the form sent all the same is refused by the registry's rule, and nothing leaves the account
        Session admin = session("admin-cn");
        HttpResponse<String> sent = form(admin, "/accounts/" + trading + "/operation", "commandId", "offers-roe-" + run, "type", "RETURN_OF_EXCESS",
                "series", "CEA/2024", "quantity", "5");
        assertThat(sent.statusCode()).isEqualTo(302);
        String after = send(request("/accounts/" + trading + "?lang=en", null).header("Cookie", admin.cookie()).GET().build()).body();
        assertThat(after).contains("data-code=\"ROUTE_NOT_ALLOWED\"", "a return of excess comes out of a covered entity holding account, not a trading holding account");
        assertThat(text("SELECT rejection FROM registry_transaction WHERE command_id = ?", "offers-roe-" + run)).isEqualTo("ROUTE_NOT_ALLOWED");
        assertThat(held(trading, "CEA/2024")).isEqualTo(20);
    }

    @Test
    void a_holders_initiator_is_offered_what_the_registry_accepts_of_its_account() {
        // a holder retires or cancels out of its own account whatever its type, but only a covered entity surrenders (it
        // has the obligation): a trading account's initiator is offered no surrender, and one sent anyway is refused
        String trader = accountOf("cn-trader-1");
        String page = pageIn("/accounts/" + trader, "cn-trader-1-init").body();
        assertThat(page).contains("id=\"transfer-form\"", "id=\"retire-form\"", "id=\"op-CANCEL-form\"")
                .doesNotContain("id=\"surrender-form\"", "id=\"op-RETURN_OF_EXCESS-form\"", "id=\"op-FORCED_DEDUCTION-form\"", "id=\"op-FREEZE-form\"");
        String run = Long.toString(System.nanoTime());
        HttpResponse<String> cancel = postJson("/api/v1/transactions", "cn-trader-1-init", """
                {"commandId":"offers-CANCEL-%s","type":"CANCEL","from":"%s","unitType":"CEA","vintage":2024,"quantity":1}""".formatted(run, trader));
        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(201);
        assertThat(json(cancel).path("status").asString()).isEqualTo("AWAITING_APPROVAL");
        assertThat(post("/api/v1/transactions/" + json(cancel).path("id").asLong() + "/cancel", "cn-trader-1-init").statusCode()).isEqualTo(200);
        long held = held(trader, "CEA/2024");
        HttpResponse<String> surrender = postJson("/api/v1/transactions", "cn-trader-1-init", """
                {"commandId":"offers-SURRENDER-%s","type":"SURRENDER","from":"%s","unitType":"CEA","vintage":2024,"quantity":1}""".formatted(run, trader));
        assertThat(surrender.body()).as(surrender.body()).contains("ROUTE_NOT_ALLOWED");
        assertThat(surrender.statusCode()).isBetween(400, 499);
        assertThat(held(trader, "CEA/2024")).isEqualTo(held);
        // a covered entity's initiator: cancellation offered too; the administrator's operations are not
        assertThat(pageIn("/accounts/" + accountOf("cn-power-1"), "cn-power-1-init").body()).contains("id=\"op-CANCEL-form\"", "id=\"surrender-form\"")
                .doesNotContain("id=\"op-RETURN_OF_EXCESS-form\"", "id=\"op-FREEZE-form\"");
        // an approver (no initiator role) is offered nothing to propose
        assertThat(pageIn("/accounts/" + trader, "cn-trader-1-appr").body()).doesNotContain("id=\"surrender-form\"", "id=\"op-CANCEL-form\"");
    }
}
