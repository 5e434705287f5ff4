package org.openets.server;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The independent transaction log in the running server: a holding forged in SQL behind the registry's back is
 * found by a run started over the API, the account is suspended and the registry refuses it, and the report (API and
 * page, in both languages) shows the discrepancy, the finding and the stopped account to auditors and registry
 * administrators; a covered entity's representative is refused (403) and the refusal recorded.
 */
class TransactionLogHttpTest extends ServerTestBase {
    static final String ENTITY = "cn-alu-2", OTHER = "cn-cement-2";
    static final String REP = ENTITY + "-init";

    void execute(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<JsonNode> list(JsonNode array) { return StreamSupport.stream(array.spliterator(), false).toList(); }

    @Test
    void a_holding_forged_in_sql_is_found_the_account_stopped_and_reported() {
        String account = accountOf(ENTITY);
        long accountId = count("SELECT id FROM account WHERE number = ?", account);

        // the demo market was made through the registry's own use cases: the log agrees with it
        HttpResponse<String> clean = post("/api/v1/transaction-log/runs", "admin-cn");
        assertThat(clean.statusCode()).as(clean.body()).isEqualTo(201);
        assertThat(json(clean).path("kind").asString()).isEqualTo("RUN");
        assertThat(json(clean).path("discrepancies").asInt()).as(clean.body()).isZero();
        assertThat(count("SELECT last_seq FROM txlog.checkpoint")).isEqualTo(json(clean).path("throughSeq").asLong());
        assertThat(text("SELECT status FROM account WHERE id = ?", accountId)).isEqualTo("OPEN");

        // someone with database access adds 5 000 t to the entity's holding
        execute("UPDATE holding SET quantity = quantity + 5000 WHERE account_id = ?", accountId);
        HttpResponse<String> run = post("/api/v1/transaction-log/runs", "admin-cn");
        assertThat(run.statusCode()).as(run.body()).isEqualTo(201);
        JsonNode ran = json(run);
        assertThat(run.headers().firstValue("Location").orElse("")).endsWith("/api/v1/transaction-log/runs/" + ran.path("id").asLong());
        assertThat(ran.path("findings").asInt()).isEqualTo(1);
        assertThat(ran.path("discrepancies").asInt()).isEqualTo(1);
        assertThat(list(ran.path("stoppedAccounts"))).extracting(JsonNode::asLong).containsExactly(accountId);
        assertThat(list(ran.path("newlySuspended"))).extracting(JsonNode::asLong).containsExactly(accountId);
        // the suspension is in the account's status history, made by the platform itself (no person)
        assertThat(count("SELECT count(*) FROM account_status_change WHERE account_id = ? AND status = 'SUSPENDED' AND actor IS NULL AND old_status = 'OPEN'",
                accountId)).isEqualTo(1);

        // the account is suspended in the registry with the log's reason, and the registry refuses to move its units
        assertThat(text("SELECT status FROM account WHERE id = ?", accountId)).isEqualTo("SUSPENDED");
        assertThat(text("SELECT status_reason FROM account WHERE id = ?", accountId)).startsWith("stopped by the independent transaction log");
        long before = count("SELECT count(*) FROM registry_transaction WHERE status = 'COMPLETED'");
        assertProblem(postJson("/api/v1/transactions", REP, transfer("txlog-after-stop", account, accountOf(OTHER), "CEA", 10)), 422, "ACCOUNT_NOT_OPEN");
        assertThat(count("SELECT count(*) FROM registry_transaction WHERE status = 'COMPLETED'")).isEqualTo(before);

        // another jurisdiction's administrator reads the log's progress, not what concerns CN's accounts
        JsonNode gd = json(get("/api/v1/transaction-log/report", "admin-gd"));
        assertThat(gd.path("lastRun").path("id").asLong()).isEqualTo(ran.path("id").asLong());
        assertThat(gd.path("discrepancies").size()).isZero();
        assertThat(list(gd.path("findings"))).noneSatisfy(f -> assertThat(list(f.path("accountNumbers"))).extracting(JsonNode::asString).contains(account));
        assertThat(list(gd.path("stoppedAccounts"))).noneSatisfy(x -> assertThat(x.path("accountNumber").asString()).isEqualTo(account));
        // nor, in the runs, which of CN's accounts they stopped: the report's runs and one run alike
        assertThat(list(gd.path("lastRun").path("stoppedAccounts"))).isEmpty();
        assertThat(list(gd.path("recentRuns"))).allSatisfy(x -> {
            assertThat(list(x.path("stoppedAccounts"))).extracting(JsonNode::asLong).doesNotContain(accountId);
            assertThat(list(x.path("newlySuspended"))).extracting(JsonNode::asLong).doesNotContain(accountId);
        });
        HttpResponse<String> gdRun = get("/api/v1/transaction-log/runs/" + ran.path("id").asLong(), "admin-gd");
        assertThat(gdRun.statusCode()).as(gdRun.body()).isEqualTo(200);
        assertThat(json(gdRun).path("findings").asInt()).isEqualTo(1);
        assertThat(list(json(gdRun).path("stoppedAccounts"))).isEmpty();
        assertThat(list(json(gdRun).path("newlySuspended"))).isEmpty();
        assertThat(list(json(get("/api/v1/transaction-log/runs/" + ran.path("id").asLong(), "admin-cn")).path("stoppedAccounts")))
                .extracting(JsonNode::asLong).containsExactly(accountId);

        // auditors and CN's administrators read all of it
        for (String reader : new String[]{"auditor", "admin-cn"}) {
            HttpResponse<String> r = get("/api/v1/transaction-log/report", reader);
            assertThat(r.statusCode()).as(reader + ": " + r.body()).isEqualTo(200);
            JsonNode report = json(r);
            assertThat(report.path("lastRun").path("id").asLong()).isEqualTo(ran.path("id").asLong());
            assertThat(report.path("checkpointSeq").asLong()).isEqualTo(ran.path("throughSeq").asLong());
            assertThat(report.path("journalHead").asLong()).isGreaterThanOrEqualTo(ran.path("throughSeq").asLong());
            assertThat(list(report.path("discrepancies"))).singleElement().satisfies(d -> {
                assertThat(d.path("accountNumber").asString()).isEqualTo(account);
                assertThat(d.path("registryQuantity").asLong() - d.path("logQuantity").asLong()).isEqualTo(5000);
                assertThat(d.path("seriesCode").asString()).contains("CEA");
            });
            assertThat(list(report.path("findings"))).first().satisfies(f -> {
                assertThat(f.path("code").asString()).isEqualTo("BALANCE_MISMATCH");
                assertThat(list(f.path("accountNumbers"))).extracting(JsonNode::asString).containsExactly(account);
                assertThat(f.path("runId").asLong()).isEqualTo(ran.path("id").asLong());
            });
            assertThat(list(report.path("stoppedAccounts"))).anySatisfy(s -> {
                assertThat(s.path("accountNumber").asString()).isEqualTo(account);
                assertThat(s.path("status").asString()).isEqualTo("SUSPENDED");
                assertThat(s.path("discrepancyOpen").asBoolean()).isTrue();
            });
        }
        assertThat(json(get("/api/v1/transaction-log/runs/" + ran.path("id").asLong(), "auditor")).path("findings").asInt()).isEqualTo(1);

        // a covered entity's representative may neither read the report nor run the log; auditors do not run it either
        long refused = refusals(REP, "NOT_AUTHORISED");
        assertProblem(get("/api/v1/transaction-log/report", REP), 403, "NOT_AUTHORISED");
        assertProblem(get("/api/v1/transaction-log/runs/" + ran.path("id").asLong(), REP), 403, "NOT_AUTHORISED");
        assertProblem(post("/api/v1/transaction-log/runs", REP), 403, "NOT_AUTHORISED");
        assertThat(refusals(REP, "NOT_AUTHORISED")).isEqualTo(refused + 3);
        long runs = count("SELECT count(*) FROM txlog.run");
        assertProblem(post("/api/v1/transaction-log/runs", "auditor"), 403, "NOT_AUTHORISED");
        assertProblem(get("/api/v1/transaction-log/report", null), 401, "UNAUTHENTICATED");
        assertThat(count("SELECT count(*) FROM txlog.run")).isEqualTo(runs);

        // running again reports nothing new; the account stays stopped
        JsonNode again = json(post("/api/v1/transaction-log/runs", "admin-cn"));
        assertThat(again.path("findings").asInt()).isZero();
        assertThat(again.path("discrepancies").asInt()).isEqualTo(1);
        assertThat(list(again.path("newlySuspended"))).isEmpty();
        assertThat(count("SELECT count(*) FROM txlog.finding WHERE ? = ANY (account_ids)", accountId)).isEqualTo(1);

        // the page, in both languages, for an auditor; administrators also get the run-now button
        Session auditor = session("auditor");
        String en = page(auditor, "/transaction-log?lang=en");
        assertThat(en).contains("Independent transaction log").contains("id=\"txlog-discrepancies\"").contains(account)
                .contains("BALANCE_MISMATCH")
                .contains("id=\"txlog-stopped\"").contains("Suspended").contains("id=\"nav-txlog\"").doesNotContain("id=\"txlog-run\"");
        String zh = page(auditor, "/transaction-log?lang=zh_CN");
        assertThat(zh).contains("独立交易日志").contains("未解决的余额差异").contains("被交易日志暂停的账户").contains(account).contains("登记系统持有量与交易日志余额不符");
        // the runs table's two counts have headings of their own; the checkpoint is a seq, counted from the genesis entry (seq 0)
        assertThat(zh).contains(">新增核对差异<", ">未解决余额差异<").doesNotContain(">差异<");
        long head = count("SELECT max(seq) FROM journal");
        assertThat(zh).contains("id=\"txlog-head\">" + head + "<").contains("序号自创世条目 0 起，日志共 " + (head + 1) + " 条，含创世条目");
        // the auditor sees the page but may not run the log: the refusal is of the action, not of the page
        HttpResponse<String> auditorPressed = send(request("/transaction-log/runs", null).header("Cookie", auditor.cookie() + "; openets-lang=zh-CN")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(auditor.csrf(), StandardCharsets.UTF_8))).build());
        assertThat(auditorPressed.statusCode()).isEqualTo(403);
        assertThat(auditorPressed.body()).contains("您无权进行此操作。").doesNotContain("您无权查看此页面");
        Session admin = session("admin-cn");
        assertThat(page(admin, "/transaction-log?lang=en")).contains("id=\"txlog-run\"");
        HttpResponse<String> pressed = send(request("/transaction-log/runs", null).header("Cookie", admin.cookie())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(admin.csrf(), StandardCharsets.UTF_8))).build());
        assertThat(pressed.statusCode()).isEqualTo(302);
        assertThat(page(admin, "/transaction-log?lang=en")).contains("id=\"flash\"").containsPattern("Run #\\d+ done: ");
        Session rep = session(REP);
        HttpResponse<String> refusedPage = send(request("/transaction-log", null).header("Cookie", rep.cookie()).GET().build());
        assertThat(refusedPage.statusCode()).isEqualTo(403);
        assertThat(page(rep, "/accounts")).doesNotContain("nav-txlog");

        // the forgery is undone: the discrepancy closes, but only an administrator reopens the account
        execute("UPDATE holding SET quantity = quantity - 5000 WHERE account_id = ?", accountId);
        JsonNode closed = json(post("/api/v1/transaction-log/runs", "admin-cn"));
        assertThat(closed.path("discrepancies").asInt()).isZero();
        assertThat(closed.path("findings").asInt()).isZero();
        assertThat(text("SELECT status FROM account WHERE id = ?", accountId)).isEqualTo("SUSPENDED");
    }

    @Autowired TransactionLogJob job;

    @Test
    void the_schedule_is_on_and_a_scheduled_run_is_recorded() {
        // the tests set a long interval so that runs happen when they say; the job is still scheduled, on its own thread
        assertThat(job.scheduled()).isTrue();
        assertThat(job.isRunning()).isTrue();
        long runs = count("SELECT count(*) FROM txlog.run");
        job.runOnce();
        assertThat(count("SELECT count(*) FROM txlog.run")).isEqualTo(runs + 1);
        assertThat(text("SELECT kind FROM txlog.run ORDER BY id DESC LIMIT 1")).isEqualTo("RUN");
    }

    String page(Session s, String path) {
        HttpResponse<String> r = send(request(path, null).header("Cookie", s.cookie()).GET().build());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return r.body();
    }
}
