package org.openets.server;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The holder that retired or surrendered units sees, tracing one of their serials, that they left circulation by its own
 * transaction (number, when, a retirement's beneficiary and purpose) and in which registry account they are; a holder
 * that never held them is refused, and nobody else's account is shown.
 */
class SerialTraceRetiredHttpTest extends ServerTestBase {
    static final String ENTITY = "cn-power-1";

    /** Proposed by the entity's initiator, approved by its approver; the first serial it moved. */
    String completed(String body) {
        HttpResponse<String> proposed = postJson("/api/v1/transactions", ENTITY + "-init", body);
        assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(201);
        HttpResponse<String> approved = post("/api/v1/transactions/" + json(proposed).path("id").asLong() + "/approve", ENTITY + "-appr");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(json(approved).path("status").asString()).isEqualTo("COMPLETED");
        return json(approved).path("id").asLong() + " " + json(approved).path("serials").get(0).path("first").asString();
    }

    String trace(String serial, String login) {
        return send(request("/serials?serial=" + serial + "&lang=en", null).header("Cookie", session(login).cookie()).GET().build()).body();
    }

    @Test
    void the_holder_that_retired_units_sees_they_left_circulation_by_its_own_retirement() {
        String run = Long.toString(System.nanoTime()), acct = accountOf(ENTITY);
        String[] retired = completed("""
                {"commandId":"trace-retire-%s","type":"RETIRE","from":"%s","unitType":"CEA","vintage":2024,"quantity":3,
                 "beneficiary":"杭州亚运会 %s","purpose":"碳中和活动"}""".formatted(run, acct, run)).split(" ");
        String retirement = governmentAccount("CN", "RETIREMENT");
        String page = trace(retired[1], ENTITY + "-init");
        assertThat(page).contains("id=\"trace-holder\">" + retirement + "<", "id=\"trace-out-of-circulation\"",
                "id=\"trace-left\" data-transaction-id=\"" + retired[0] + "\" data-type=\"RETIRE\"", "Retirement: transaction #" + retired[0] + ", completed ",
                "Beneficiary: 杭州亚运会 " + run + "; purpose: 碳中和活动.");
        // the administrator sees the same, with the whole history
        assertThat(trace(retired[1], "admin-cn")).contains("id=\"trace-holder\">" + retirement + "<", "data-transaction-id=\"" + retired[0] + "\" data-type=\"RETIRE\"");
        // the API says where the units are to the holder too
        assertThat(json(get("/api/v1/serials/" + retired[1], ENTITY + "-init")).path("holder").asString()).isEqualTo(retirement);

        // a surrender: the surrender account, the transaction, no beneficiary
        String[] surrendered = completed("""
                {"commandId":"trace-surrender-%s","type":"SURRENDER","from":"%s","unitType":"CEA","vintage":2024,"quantity":2}""".formatted(run, acct)).split(" ");
        String surrenderPage = trace(surrendered[1], ENTITY + "-init");
        assertThat(surrenderPage).contains("id=\"trace-holder\">" + governmentAccount("CN", "SURRENDER") + "<",
                "data-transaction-id=\"" + surrendered[0] + "\" data-type=\"SURRENDER\"", "Surrender: transaction #" + surrendered[0])
                .doesNotContain("id=\"trace-left-for\"");

        // a holder of another market, that never held the units, is refused, and told nothing of them
        long refused = refusals("gd-power-1-init", "NOT_AUTHORISED");
        String other = trace(retired[1], "gd-power-1-init");
        assertThat(other).contains("data-code=\"NOT_AUTHORISED\"").doesNotContain("id=\"trace-left\"", "杭州亚运会 " + run);
        assertThat(refusals("gd-power-1-init", "NOT_AUTHORISED")).isEqualTo(refused + 1);
    }
}
