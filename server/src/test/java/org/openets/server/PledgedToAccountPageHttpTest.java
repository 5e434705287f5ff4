package org.openets.server;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pledgee's account page lists the units pledged to it (pledging account, units, tonnes) for its representatives; the
 * pledging account's history names the pledgee of a FREEZE and an UNFREEZE, not the account again; the status note says
 * who releases a pledge (administrators, 4-eyes), and the pledgee itself cannot.
 */
class PledgedToAccountPageHttpTest extends ServerTestBase {

    String opened(String holder) {
        HttpResponse<String> r = postJson("/api/v1/accounts", "admin-cn", """
                {"jurisdiction":"CN","type":"COVERED_ENTITY_HOLDING","holder":"%s","entityCode":"%s"}""".formatted(holder, uscc()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).path("number").asString();
    }

    /** Proposed by admin-cn, approved by admin2-cn; its id. */
    long completed(String body) {
        HttpResponse<String> proposed = postJson("/api/v1/transactions", "admin-cn", body);
        assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(201);
        long id = json(proposed).path("id").asLong();
        HttpResponse<String> approved = post("/api/v1/transactions/" + id + "/approve", "admin2-cn");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(json(approved).path("status").asString()).isEqualTo("COMPLETED");
        return id;
    }

    String pledge(String type, String commandId, String from, String pledgee, int quantity) {
        return """
                {"commandId":"%s","type":"%s","from":"%s","pledgee":"%s","unitType":"CEA","vintage":2024,"quantity":%d}""".formatted(commandId, type, from, pledgee, quantity);
    }

    String pageIn(String path, String login) {
        return send(request(path + "?lang=en", null).header("Cookie", session(login).cookie()).GET().build()).body();
    }

    /** The history row of a transaction on an account's page. */
    static String historyRow(String page, long id) {
        int at = page.indexOf("<tr data-transaction-id=\"" + id + "\"");
        assertThat(at).as("history row " + id).isPositive();
        return page.substring(at, page.indexOf("</tr>", at));
    }

    @Test
    void the_pledgee_sees_the_units_pledged_to_it_and_the_history_names_the_pledgee() {
        String run = Long.toString(System.nanoTime() % 1_000_000_000L), rep = "pledgee-" + run;
        HttpResponse<String> person = postJson("/api/v1/people", "admin-cn", """
                {"login":"%s","displayName":"质权人代表 %s","password":"%s","passwordAgain":"%s"}""".formatted(rep, run, PASSWORD, PASSWORD));
        assertThat(person.statusCode()).as(person.body()).isEqualTo(201);
        choosesOwnPassword(rep, PASSWORD);
        String pledging = opened("出质测试企业 " + run), pledgee = opened("质权测试银行 " + run);
        HttpResponse<String> granted = postJson("/api/v1/accounts/" + pledgee + "/representatives", "admin-cn", "{\"login\":\"" + rep + "\",\"role\":\"INITIATOR\"}");
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
        completed("""
                {"commandId":"pledged-alloc-%s","type":"ALLOCATE","from":"%s","to":"%s","unitType":"CEA","vintage":2024,"quantity":100}"""
                .formatted(run, governmentAccount("CN", "ALLOCATION"), pledging));
        long freeze = completed(pledge("FREEZE", "pledged-freeze-" + run, pledging, pledgee, 40));

        // the pledgee's representative sees what is pledged to its account
        String page = pageIn("/accounts/" + pledgee, rep);
        assertThat(page).contains("id=\"pledged-to-us-title\">Units pledged to this account<", "id=\"pledged-to-us\"");
        String row = page.substring(page.indexOf("data-account=\"" + pledging + "\""));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(row).contains("data-series=\"CEA/2024\"", ">40<");
        assertThat(page).contains("a registry administrator releases a pledge (unfreeze), approved by a second administrator");
        // the administrator sees it too, and what the status note (by the status form) says of releasing a pledge is what happens
        assertThat(pageIn("/accounts/" + pledgee, "admin-cn")).contains("id=\"pledged-to-us\"",
                        "a pledge is released (unfreeze) by a registry administrator of the jurisdiction, approved by a second administrator")
                .doesNotContain("a pledgee may always release a pledge");
        // the pledging account has nothing pledged to it
        assertThat(pageIn("/accounts/" + pledging, "admin-cn")).doesNotContain("id=\"pledged-to-us\"");

        // the pledging account's history names the pledgee, not the account twice
        String frozenRow = historyRow(pageIn("/accounts/" + pledging, "admin-cn"), freeze);
        assertThat(frozenRow).contains("class=\"pledgee\">" + pledgee + "<", "Pledged to");
        assertThat(frozenRow.split(java.util.regex.Pattern.quote(pledging), -1)).hasSize(2); // once: in the from column

        // the pledgee does not release the pledge itself: refused before anything is read of the request, and recorded
        long refused = refusals(rep, "NOT_AUTHORISED"), before = transactions();
        assertProblem(postJson("/api/v1/transactions", rep, pledge("UNFREEZE", "pledged-self-release-" + run, pledging, pledgee, 40)), 403, "NOT_AUTHORISED");
        assertThat(refusals(rep, "NOT_AUTHORISED")).isEqualTo(refused + 1);
        assertThat(transactions()).isEqualTo(before);
        // administrators release it (4-eyes); then nothing is pledged to the account, and the release names the pledgee too
        long release = completed(pledge("UNFREEZE", "pledged-release-" + run, pledging, pledgee, 40));
        assertThat(pageIn("/accounts/" + pledgee, rep)).doesNotContain("id=\"pledged-to-us\"");
        assertThat(historyRow(pageIn("/accounts/" + pledging, "admin-cn"), release)).contains("class=\"pledgee\">" + pledgee + "<");
        assertThat(held(pledging, "CEA/2024")).isEqualTo(100);
    }
}
