package org.openets.server;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A natural person's name is shown to those who may read the person's account (its regulators, auditors), and to
 * nobody else in any place: not to a counterparty that put the account on its trusted list (the list, the addition
 * awaiting approval, the API's answers), nor on a transfer's page or in the approval inbox of the sending entity. The
 * transfer's review page already withheld it; the walkthrough found the inbox and the transaction page showing it.
 */
class NaturalPersonNamesHttpTest extends ServerTestBase {
    static final String ENTITY = "cn-power-2", NAME = "隐私测试李四";

    HttpResponse<String> pageAs(String login, String path) {
        Session s = session(login);
        return send(request(path, null).header("Cookie", s.cookie() + "; openets-lang=zh_CN").GET().build());
    }

    @Test
    void a_counterparty_never_sees_a_natural_persons_name_and_the_persons_regulator_does() {
        String ric = ric();
        HttpResponse<String> opened = postJson("/api/v1/accounts", "admin-cn", """
                {"jurisdiction":"CN","type":"TRADING_HOLDING","holder":"%s","holderKind":"PERSON","entityCode":"%s"}""".formatted(NAME, ric));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        String person = json(opened).path("number").asString();
        String from = accountOf(ENTITY);

        // on the trusted list: the addition awaiting approval, its approval and the list answer without the name
        HttpResponse<String> added = postJson("/api/v1/accounts/" + from + "/trusted", ENTITY + "-init", "{\"account\":\"" + person + "\"}");
        assertThat(added.statusCode()).as(added.body()).isIn(201, 202);
        assertThat(added.body()).doesNotContain(NAME);
        assertThat(json(added).path("holder").isNull()).isTrue();
        assertThat(pageAs(ENTITY + "-appr", "/approvals").body()).contains(person, "不显示（自然人账户）").doesNotContain(NAME).doesNotContain(ric);
        if (added.statusCode() == 202) {
            HttpResponse<String> approved = post("/api/v1/accounts/" + from + "/trusted/" + person + "/approve", ENTITY + "-appr");
            assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
            assertThat(approved.body()).doesNotContain(NAME);
        }
        HttpResponse<String> list = get("/api/v1/accounts/" + from + "/trusted", ENTITY + "-init");
        JsonNode entry = null;
        for (JsonNode e : json(list)) if (e.path("account").asString().equals(person)) entry = e;
        assertThat(entry).as(list.body()).isNotNull();
        assertThat(entry.path("holder").isNull()).isTrue();
        assertThat(pageAs(ENTITY + "-init", "/accounts/" + from).body()).contains(person, "不显示（自然人账户）").doesNotContain(NAME);

        // a transfer to it: neither the initiator's nor the approver's pages show the name
        update("UPDATE trusted_account SET activates_at = now() - interval '1 minute' WHERE account_id = (SELECT id FROM account WHERE number = ?) "
                + "AND trusted_account_id = (SELECT id FROM account WHERE number = ?)", from, person);
        HttpResponse<String> proposed = postJson("/api/v1/transactions", ENTITY + "-init", transfer("privacy-transfer-1", from, person, "CEA", 1));
        assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(201);
        long id = json(proposed).path("id").asLong();
        assertThat(pageAs(ENTITY + "-appr", "/approvals").body()).contains("data-transaction-id=\"" + id + "\"").doesNotContain(NAME);
        String seen = pageAs(ENTITY + "-init", "/transactions/" + id).body();
        assertThat(seen).contains("id=\"tx-to-holder\"", "不显示（自然人账户）").doesNotContain(NAME);
        assertThat(pageAs(ENTITY + "-init", "/accounts/" + from).body()).doesNotContain(NAME);

        // those who may read the person's account see the name: its regulator, the auditor
        assertThat(pageAs("admin-cn", "/transactions/" + id).body()).contains(NAME);
        assertThat(pageAs("auditor", "/transactions/" + id).body()).contains(NAME);
        HttpResponse<String> declined = postJson("/api/v1/transactions/" + id + "/decline", ENTITY + "-appr", "{\"reason\":\"privacy test\"}");
        assertThat(declined.statusCode()).as(declined.body()).isEqualTo(200);
    }
}
