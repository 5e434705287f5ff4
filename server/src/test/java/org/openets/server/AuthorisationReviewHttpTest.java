package org.openets.server;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorisation defects of the security review, over real HTTP: what-if runs are read in full only by the
 * administrator who made them; administrators trace only their own jurisdictions' series and a former holder sees a
 * serial's history only up to where it left; a decline that happened is a success; who may write is checked before
 * the input is read; a refused approval is recorded as the approval it was. Uses the GD and SH demo entities
 * gd-alu-1, gd-power-2 (whose GDEA this class moves away), gd-cement-1 (which receives it) and sh-alu-1.
 */
class AuthorisationReviewHttpTest extends ServerTestBase {
    static final String X = "gd-alu-1", Y = "gd-cement-1", GDEA = "GDEA/2024";

    static List<JsonNode> list(JsonNode array) { return StreamSupport.stream(array.spliterator(), false).toList(); }

    long refusals(String actor, String action, String target) {
        return count("SELECT count(*) FROM refusal WHERE actor = ? AND action = ? AND target = ?", actor, action, target);
    }

    /** Proposes a transfer as the source's initiator and has the source's approver approve it; the completed transaction. */
    JsonNode moved(String commandId, String from, String to, long quantity) {
        HttpResponse<String> proposed = postJson("/api/v1/transactions", from + "-init", transfer(commandId, accountOf(from), accountOf(to), "GDEA", quantity));
        assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(201);
        HttpResponse<String> approved = post("/api/v1/transactions/" + json(proposed).path("id").asLong() + "/approve", from + "-appr");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(json(approved).path("status").asString()).isEqualTo("COMPLETED");
        return json(approved);
    }

    // ---------------------------------------------------------------------------------------------- 1. what-if runs

    @Test
    void a_what_if_is_read_in_full_only_by_the_administrator_who_made_it_not_by_the_rulesets_regulator() {
        // the demo what-if: admin-gd ran the national ruleset over Guangdong's units
        long run = count("SELECT min(id) FROM allocation_run WHERE kind = 'WHAT_IF' AND created_by = 'admin-gd' AND ruleset_id = 'CN-POWER-2019-2020'");
        assertThat(text("SELECT jurisdiction FROM allocation_run WHERE id = ?", run)).isEqualTo("CN");

        long before = refusals("admin-cn", "NOT_YOURS");
        assertProblem(get("/api/v1/allocation/runs/" + run, "admin-cn"), 403, "NOT_YOURS");
        assertProblem(get("/api/v1/allocation/runs/" + run + ".xlsx", "admin-cn"), 403, "NOT_YOURS");
        assertThat(refusals("admin-cn", "NOT_YOURS")).isEqualTo(before + 2);
        assertThat(list(json(get("/api/v1/allocation/runs", "admin-cn")))).noneSatisfy(r -> assertThat(r.path("id").asLong()).isEqualTo(run));

        // its maker and the auditors still read it in full
        for (String reader : new String[]{"admin-gd", "auditor"}) {
            HttpResponse<String> r = get("/api/v1/allocation/runs/" + run, reader);
            assertThat(r.statusCode()).as(reader + ": " + r.body()).isEqualTo(200);
            assertThat(json(r).path("full").asBoolean()).as(reader).isTrue();
        }
        // the regulator still reads its own jurisdiction's allocation runs in full, whoever of its administrators made them
        long allocation = count("SELECT min(id) FROM allocation_run WHERE kind = 'ALLOCATION' AND created_by = 'admin-cn' AND ruleset_id = 'CN-POWER-2019-2020'");
        HttpResponse<String> regulator = get("/api/v1/allocation/runs/" + allocation, "admin2-cn");
        assertThat(regulator.statusCode()).as(regulator.body()).isEqualTo(200);
        assertThat(json(regulator).path("full").asBoolean()).isTrue();
    }

    // ---------------------------------------------------------------------------------------------- 2. serial trace

    @Test
    void an_administrator_traces_only_its_own_jurisdictions_series() {
        String serial = "GD-GDEA-2024-000000000001";
        long before = refusals("admin-cn", "TRACE serial", serial);
        assertProblem(get("/api/v1/serials/" + serial, "admin-cn"), 403, "NOT_AUTHORISED");
        assertThat(refusals("admin-cn", "TRACE serial", serial)).isEqualTo(before + 1);

        for (String reader : new String[]{"admin-gd", "admin2-gd", "auditor"}) {
            HttpResponse<String> r = get("/api/v1/serials/" + serial, reader);
            assertThat(r.statusCode()).as(reader + ": " + r.body()).isEqualTo(200);
            assertThat(json(r).path("holder").asString()).isNotBlank();
            assertThat(list(json(r).path("steps")).getFirst().path("type").asString()).isEqualTo("ISSUE");
        }
        assertThat(get("/api/v1/serials/CN-CEA-2024-000000000001", "admin-cn").statusCode()).isEqualTo(200);
    }

    @Test
    void a_former_holder_sees_a_serials_history_only_up_to_where_it_left_its_accounts() {
        String alu = "gd-alu-1", power = "gd-power-2", cement = "gd-cement-1";
        // gd-alu-1 → gd-power-2 some units, then gd-power-2 → gd-cement-1 all it holds of the series: so a serial of the first transfer went both ways
        JsonNode first = moved("authz-trace-1", alu, power, 7_777);
        String serial = first.path("serials").get(0).path("first").asString();
        JsonNode second = moved("authz-trace-2", power, cement, held(accountOf(power), GDEA));
        assertThat(held(accountOf(power), GDEA)).isZero();

        // the holder now sees the whole history and itself as holder
        JsonNode c = json(get("/api/v1/serials/" + serial, cement + "-init"));
        assertThat(c.path("holder").asString()).isEqualTo(accountOf(cement));
        assertThat(list(c.path("steps")).getLast().path("transactionId").asLong()).isEqualTo(second.path("id").asLong());
        int all = c.path("steps").size();

        // gd-power-2 held it: up to and including the step where it left gd-power-2, and not who holds it now
        HttpResponse<String> powerTrace = get("/api/v1/serials/" + serial, power + "-init");
        assertThat(powerTrace.statusCode()).as(powerTrace.body()).isEqualTo(200);
        assertThat(json(powerTrace).path("holder").isNull()).as(powerTrace.body()).isTrue();
        assertThat(list(json(powerTrace).path("steps")).getLast().path("transactionId").asLong()).isEqualTo(second.path("id").asLong());
        assertThat(json(powerTrace).path("steps").size()).isEqualTo(all);

        // gd-alu-1 held it before: the step where it left gd-alu-1 is its last; gd-power-2's transfer to gd-cement-1 and gd-cement-1 as holder stay hidden
        HttpResponse<String> aluTrace = get("/api/v1/serials/" + serial, alu + "-appr");
        assertThat(aluTrace.statusCode()).as(aluTrace.body()).isEqualTo(200);
        JsonNode a = json(aluTrace);
        assertThat(a.path("holder").isNull()).as(aluTrace.body()).isTrue();
        assertThat(list(a.path("steps"))).extracting(s -> s.path("transactionId").asLong()).doesNotContain(second.path("id").asLong());
        assertThat(list(a.path("steps")).getLast().path("transactionId").asLong()).isEqualTo(first.path("id").asLong());
        assertThat(a.path("steps").size()).isEqualTo(all - 1);
        assertThat(aluTrace.body()).doesNotContain(accountOf(cement));

        // the trace page shows the same
        HttpResponse<String> page = page("/serials?serial=" + serial, alu + "-init");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(accountOf(power)).doesNotContain(accountOf(cement));
        // only steps it may open are links: the issuance before its allocation is shown, not linked to a 403
        java.util.regex.Matcher links = java.util.regex.Pattern.compile("href=\"/transactions/(\\d+)\"").matcher(page.body());
        List<Long> linked = new java.util.ArrayList<>();
        while (links.find()) linked.add(Long.parseLong(links.group(1)));
        assertThat(linked).contains(first.path("id").asLong());
        assertThat(linked).hasSizeLessThan(all - 1);
        long refused = refusals(alu + "-init", "NOT_AUTHORISED");
        for (long id : linked) assertThat(page("/transactions/" + id, alu + "-init").statusCode()).as("transaction " + id).isEqualTo(200);
        assertThat(refusals(alu + "-init", "NOT_AUTHORISED")).isEqualTo(refused);

        // someone who never held it is refused
        assertProblem(get("/api/v1/serials/" + serial, "gd-power-1-init"), 403, "NOT_AUTHORISED");
    }

    // ---------------------------------------------------------------------------------------------- 3. decline

    @Test
    void a_decline_that_happened_is_answered_with_the_rejected_transaction() {
        HttpResponse<String> proposed = postJson("/api/v1/transactions", X + "-init", transfer("authz-decline-1", accountOf(X), accountOf(Y), "GDEA", 3));
        assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(201);
        long id = json(proposed).path("id").asLong();

        // a decline says why: without a reason (no body, an empty one, blanks) or with one too long it is refused, nothing changes
        assertProblem(post("/api/v1/transactions/" + id + "/decline", X + "-appr"), 400, "VALIDATION_FAILED");
        assertProblem(postJson("/api/v1/transactions/" + id + "/decline", X + "-appr", "{}"), 400, "VALIDATION_FAILED");
        assertProblem(postJson("/api/v1/transactions/" + id + "/decline", X + "-appr", "{\"reason\":\"   \"}"), 400, "VALIDATION_FAILED");
        assertProblem(postJson("/api/v1/transactions/" + id + "/decline", X + "-appr", "{\"reason\":\"" + "x".repeat(501) + "\"}"), 400, "VALIDATION_FAILED");
        assertThat(text("SELECT status FROM registry_transaction WHERE id = ?", id)).isEqualTo("AWAITING_APPROVAL");
        // and the reason is checked after who may decline: someone else's transaction stays a 403 whatever the body
        assertProblem(post("/api/v1/transactions/" + id + "/decline", Y + "-appr"), 403, "NOT_AUTHORISED");

        HttpResponse<String> declined = postJson("/api/v1/transactions/" + id + "/decline", X + "-appr", "{\"reason\":\"数量有误 / wrong quantity\"}");
        assertThat(declined.statusCode()).as(declined.body()).isEqualTo(200);
        assertThat(json(declined).path("declineReason").asString()).isEqualTo("数量有误 / wrong quantity");
        // a line break counts once, as a browser's form counts it, however it is sent (CR LF here: 501 characters sent, 500 meant)
        HttpResponse<String> lines = postJson("/api/v1/transactions", X + "-init", transfer("authz-decline-3", accountOf(X), accountOf(Y), "GDEA", 2));
        long id3 = json(lines).path("id").asLong();
        HttpResponse<String> crlf = postJson("/api/v1/transactions/" + id3 + "/decline", X + "-appr",
                "{\"reason\":\"" + "a".repeat(250) + "\\r\\n" + "b".repeat(249) + "\"}");
        assertThat(crlf.statusCode()).as(crlf.body()).isEqualTo(200);
        assertThat(json(crlf).path("declineReason").asString()).isEqualTo("a".repeat(250) + "\n" + "b".repeat(249));
        assertThat(declined.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(json(declined).path("id").asLong()).isEqualTo(id);
        assertThat(json(declined).path("status").asString()).isEqualTo("REJECTED");
        assertThat(json(declined).path("rejection").asString()).isEqualTo("DECLINED");
        assertThat(text("SELECT status FROM registry_transaction WHERE id = ?", id)).isEqualTo("REJECTED");
        // the proposer reads why
        assertThat(json(get("/api/v1/transactions/" + id, X + "-init")).path("declineReason").asString()).isEqualTo("数量有误 / wrong quantity");

        // declining again is refused: it is no longer pending
        assertProblem(postJson("/api/v1/transactions/" + id + "/decline", X + "-appr", "{\"reason\":\"again\"}"), 422, "INVALID_STATE");

        // on the page, a decline shows the success flash
        HttpResponse<String> again = postJson("/api/v1/transactions", X + "-init", transfer("authz-decline-2", accountOf(X), accountOf(Y), "GDEA", 4));
        long id2 = json(again).path("id").asLong();
        Session s = session(X + "-appr");
        // a refused reason (only blanks) comes back in the form, open, as typed
        HttpResponse<String> blank = send(request("/transactions/" + id2 + "/decline", null).header("Cookie", s.cookie())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(s.csrf(), StandardCharsets.UTF_8) + "&reason=%20%20%20")).build());
        assertThat(blank.statusCode()).isEqualTo(302);
        String refused = send(request("/transactions/" + id2 + "?lang=en", null).header("Cookie", s.cookie()).GET().build()).body();
        assertThat(refused).contains("class=\"flash problem\"").contains("data-code=\"VALIDATION_FAILED\"")
                .containsPattern("<details class=\"decide\" id=\"decline-details\" open[^>]*>").contains(">   </textarea>");
        assertThat(text("SELECT status FROM registry_transaction WHERE id = ?", id2)).isEqualTo("AWAITING_APPROVAL");
        HttpResponse<String> pressed = send(request("/transactions/" + id2 + "/decline", null).header("Cookie", s.cookie())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(s.csrf(), StandardCharsets.UTF_8)
                        + "&reason=" + URLEncoder.encode("wrong <account>", StandardCharsets.UTF_8))).build());
        assertThat(pressed.statusCode()).isEqualTo(302);
        String shown = send(request("/transactions/" + id2 + "?lang=en", null).header("Cookie", s.cookie()).GET().build()).body();
        assertThat(shown).contains("class=\"flash done\"").contains("data-code=\"DECLINED\"").contains("declined.")
                .contains("Why it was declined").contains("wrong &lt;account&gt;").doesNotContain("wrong <account>");
        assertThat(text("SELECT status FROM registry_transaction WHERE id = ?", id2)).isEqualTo("REJECTED");
    }

    // ---------------------------------------------------------------------------------------------- 4. authorisation before parsing

    @Test
    void who_may_write_is_checked_before_the_input_is_read() {
        String outsider = "cn-power-2-init";
        long before = refusals(outsider, "NOT_AUTHORISED"), reports = count("SELECT count(*) FROM emission_report");
        // a CSV that does not read
        assertProblem(send(request("/api/v1/emissions/reports?entity=cn-power-1&year=2023", outsider).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("no sheet column here\n\"unterminated")).build()), 403, "NOT_AUTHORISED");
        assertProblem(send(request("/api/v1/emissions/reports/cn-power-1/2023", outsider).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("sheet\nfuels,1,2,3\n")).build()), 403, "NOT_AUTHORISED");
        // JSON rows that do not read, an attachment that is not base64
        assertProblem(postJson("/api/v1/emissions/reports", outsider, """
                {"entity":"cn-power-1","year":2023,"fuels":[null]}"""), 403, "NOT_AUTHORISED");
        assertProblem(postJson("/api/v1/emissions/reports", outsider, """
                {"entity":"cn-power-1","year":2023,"fuels":[{"unit":"G1","quantity":{"t":1}}]}"""), 403, "NOT_AUTHORISED");
        assertProblem(postJson("/api/v1/emissions/reports", outsider, """
                {"entity":"cn-power-1","year":2023,"attachments":[{"fileName":"a.pdf","content":"%%%"}]}"""), 403, "NOT_AUTHORISED");
        assertThat(refusals(outsider, "NOT_AUTHORISED")).isEqualTo(before + 5);
        assertThat(count("SELECT count(*) FROM emission_report")).isEqualTo(reports);

        // a draft ruleset that does not read, from a representative and an auditor
        long runs = count("SELECT count(*) FROM allocation_run");
        String body = "{\"rulesetText\":\"not a ruleset\",\"year\":2024,\"population\":\"unit_id,entity_id,category\\nX,cn-power-1,GAS\\n\"}";
        long rep = refusals("cn-power-1-init", "NOT_REGULATOR"), auditor = refusals("auditor", "NOT_REGULATOR");
        assertProblem(postJson("/api/v1/allocation/runs", "cn-power-1-init", body), 403, "NOT_REGULATOR");
        assertProblem(postJson("/api/v1/allocation/runs", "cn-power-1-init", body.replace("{", "{\"whatIf\":true,")), 403, "NOT_REGULATOR");
        assertProblem(postJson("/api/v1/allocation/runs", "auditor", body), 403, "NOT_REGULATOR");
        assertThat(refusals("cn-power-1-init", "NOT_REGULATOR")).isEqualTo(rep + 2);
        assertThat(refusals("auditor", "NOT_REGULATOR")).isEqualTo(auditor + 1);
        // an administrator still learns what is wrong with its own file
        assertProblem(postJson("/api/v1/allocation/runs", "admin-cn", body), 422, "INVALID_RULESET");
        assertThat(count("SELECT count(*) FROM allocation_run")).isEqualTo(runs);
    }

    // ---------------------------------------------------------------------------------------------- 6. audit of refused actions

    @Test
    void an_action_on_a_transaction_one_may_not_read_is_recorded_as_that_action() {
        String pending = text("SELECT id::text FROM registry_transaction WHERE command_id = 'demo-gd-trade-2'");
        String outsider = "sh-alu-1-appr";
        for (String action : new String[]{"approve", "decline", "cancel"}) {
            String recorded = action.toUpperCase() + " transaction";
            long before = refusals(outsider, recorded, pending);
            assertProblem(post("/api/v1/transactions/" + pending + "/" + action, outsider), 403, "NOT_AUTHORISED");
            assertThat(refusals(outsider, recorded, pending)).as(recorded).isEqualTo(before + 1);
        }
        assertThat(refusals(outsider, "READ transaction", pending)).isZero();
        assertThat(text("SELECT status FROM registry_transaction WHERE id = ?", Long.parseLong(pending))).isEqualTo("AWAITING_APPROVAL");
    }

    @Test
    void the_allocation_page_checks_who_may_run_before_it_reads_the_ruleset() {
        String who = "cn-power-2-init";
        Session session = session(who);
        long refused = refusals(who, "NOT_REGULATOR");
        String form = "_csrf=" + java.net.URLEncoder.encode(session.csrf(), java.nio.charset.StandardCharsets.UTF_8)
                + "&year=2023&whatIf=true&ruleset=&population=" + java.net.URLEncoder.encode("not,a\npopulation", java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> r = send(request("/allocation/runs", null).header("Cookie", session.cookie())
                .header("Content-Type", "application/x-www-form-urlencoded").POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build());
        assertThat(r.statusCode()).isEqualTo(302);
        // refused as not a regulator (recorded), not answered with what is wrong in the files it may not send
        assertThat(refusals(who, "NOT_REGULATOR")).isEqualTo(refused + 1);
    }
}
