package org.openets.server;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Before a regulator proposes an allocation run's batch, the run's page says which series it allocates, from which
 * account, what that account holds of it and what the plan draws; a source that holds too little is said then, with
 * what to do, not only when the registry refuses the batch.
 */
class AllocationSourceHttpTest extends ServerTestBase {

    @Test
    void the_plan_says_where_its_units_come_from_and_whether_they_are_there() {
        // the demo's national 2019 plan: the demo issued CEA/2019 into the allocation account, which covers it
        long demo = count("SELECT min(id) FROM allocation_run WHERE jurisdiction = 'CN' AND year = 2019 AND kind = 'ALLOCATION'");
        String allocation = governmentAccount("CN", "ALLOCATION");
        String covered = send(request("/allocation/runs/" + demo + "?lang=en", null).header("Cookie", session("admin-cn").cookie()).GET().build()).body();
        covered = covered.substring(covered.indexOf("plan-source"));
        covered = covered.substring(0, covered.indexOf("</p>"));
        assertThat(covered).contains("data-short=\"false\"", "The plan allocates CEA/2019 from " + allocation + ", which holds 12,000,000 t of it free")
                .doesNotContain("issue CEA/2019 first");
        // a 2020 plan: nothing of CEA/2020 has been issued
        String acct = accountOf("cn-cement-2"); // not an MRV entity: its line names its holding account
        HttpResponse<String> created = postJson("/api/v1/allocation/runs", "admin-cn", "{\"ruleset\":\"CN-POWER-2019-2020\",\"year\":2020,\"population\":"
                + JSON.writeValueAsString("unit_id,entity_id,category,cooling,supply_mwh,load_factor\nS1," + acct + ",COAL_300_PLUS,WATER,1000,0.9\n") + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long run = json(created).path("id").asLong();
        HttpResponse<String> page = send(request("/allocation/runs/" + run + "?lang=en", null).header("Cookie", session("admin-cn").cookie()).GET().build());
        assertThat(page.statusCode()).isEqualTo(200);
        String source = page.body().substring(page.body().indexOf("plan-source"));
        source = source.substring(0, source.indexOf("</p>"));
        assertThat(source).contains("data-short=\"true\"", "The plan allocates CEA/2020 from " + allocation + ", which holds 0 t of it free",
                "issue CEA/2020 first", "transfer it from the total-quantity account");
        // each unconfirmed value to acknowledge is shown as its ruleset row states it (value, unit, source), not as a bare key
        String ack = page.body().substring(page.body().indexOf("class=\"ack-row\""));
        ack = ack.substring(0, ack.indexOf("</label>"));
        assertThat(ack).contains("class=\"ack-value\"", "source: ");
        HttpResponse<String> zh = send(request("/allocation/runs/" + run + "?lang=zh_CN", null).header("Cookie", session("admin-cn").cookie()).GET().build());
        assertThat(zh.body()).contains("本方案从账户 " + allocation + " 分配 CEA/2020", "请先在“签发”页签发 CEA/2020", "再由总量账户转入本账户");
    }
}
