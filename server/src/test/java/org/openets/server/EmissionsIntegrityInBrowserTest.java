package org.openets.server;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tamper evidence in the pages, in headless Debian Chromium: a sealed report whose rows were changed directly in the
 * database opens with a warning in Chinese and English and what was found, not an error page; the regulator's
 * overview lists every sealed report that no longer matches its seal (scoped to its jurisdiction; the auditor sees
 * all). Works on cn-power-2's 2019 report, which no other test uses, and cn-power-3's 2022 lab report, and puts
 * every row back as it was.
 */
class EmissionsIntegrityInBrowserTest extends BrowserTestBase {

    void sql(String statement) {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement, e);
        }
    }

    long sealed2019(String entity) {
        long id = count("SELECT coalesce(max(id), 0) FROM emission_report WHERE entity_id = ? AND year = 2019 AND status = 'SUBMITTED'", entity);
        if (id != 0) return id;
        // a complete year (every unit, every month: what sealing needs)
        HttpResponse<String> saved = postJson("/api/v1/emissions/reports", entity + "-init", """
                {"entity":"%s","year":2019,"submit":true,%s}""".formatted(entity, FullYear.json()));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
        return json(saved).path("id").asLong();
    }

    @Test
    void a_report_changed_in_the_database_opens_with_a_warning_in_chinese_and_english() throws Exception {
        long id = sealed2019("cn-power-2");
        signIn("cn-power-2-init");
        open("/emissions/reports/" + id + "?lang=en");
        assertThat(find("#report-integrity").getAttribute("data-state")).isEqualTo("INTACT");
        assertThat(find("#report-integrity").getText()).isEqualTo("Matches its seal");
        assertThat(browser.findElements(By.cssSelector("#tamper-warning"))).isEmpty();
        try {
            // a figure changed, and a row the domain no longer accepts (the page used to fail on it)
            sql("UPDATE emission_report_fuel SET quantity = 900 WHERE report_id = " + id + " AND unit = 'G1' AND month = 1");
            sql("UPDATE emission_report_fuel SET quantity = -5 WHERE report_id = " + id + " AND unit = 'G1' AND month = 2");
            open("/emissions/reports/" + id);
            WebElement warning = find("#tamper-warning");
            assertThat(warning.getAttribute("data-state")).isEqualTo("TAMPERED");
            assertThat(warning.findElement(By.cssSelector("strong[lang='zh-CN']")).getText()).startsWith("警告：本报告在封存后被改动");
            assertThat(warning.findElement(By.cssSelector("strong[lang='en']")).getText()).startsWith("Warning: this report was changed after it was sealed");
            assertThat(find("#tamper-problems li.tamper-problem[data-code='SEAL_MISMATCH']").getText())
                    .contains("no longer seals to the recorded hash");
            assertThat(find("#tamper-problems li.tamper-problem[data-code='CONTENT_UNREADABLE']").getText())
                    .contains("emission_report_fuel G1/2/COAL").contains("negative quantity");
            assertThat(find("#report-integrity").getAttribute("data-state")).isEqualTo("TAMPERED");
            assertThat(find("#report").getAttribute("data-status")).isEqualTo("SUBMITTED");
            screenshot("t1-tampered-report");

            // in Chinese the warning is in both languages still
            open("/emissions/reports/" + id + "?lang=zh_CN");
            assertThat(find("#report-integrity").getText()).isEqualTo("封存后被改动");
            assertThat(find("#tamper-warning").getText()).contains("警告：本报告在封存后被改动").contains("Warning: this report was changed after it was sealed")
                    .contains("当前内容重新计算的摘要与封存摘要不符");
            screenshot("t2-tampered-report-zh");
            open("/emissions/reports/" + id + "?lang=en");
        } finally {
            sql("UPDATE emission_report_fuel SET quantity = 1000 WHERE report_id = " + id + " AND unit = 'G1' AND month IN (1, 2)");
        }
        open("/emissions/reports/" + id);
        assertThat(find("#report-integrity").getAttribute("data-state")).isEqualTo("INTACT");
        assertThat(browser.findElements(By.cssSelector("#tamper-warning"))).isEmpty();
        signOut();
    }

    @Test
    void the_regulators_overview_lists_every_sealed_report_that_no_longer_matches_its_seal() throws Exception {
        long id = sealed2019("cn-power-2");
        // a demo report with an attachment: its evidence changed in the database
        long demo = count("SELECT id FROM emission_report WHERE entity_id = 'cn-power-3' AND year = 2022 AND status = 'SUBMITTED'");
        String sha = text("SELECT sha256 FROM emission_report_attachment WHERE report_id = ?", demo);
        String original = text("SELECT encode(content, 'base64') FROM evidence_blob WHERE sha256 = ?", sha);

        signIn("admin-cn");
        find("#nav-overview").click();
        assertThat(find("#seal-check").getAttribute("data-clean")).isEqualTo("true");
        assertThat(find("#seal-check-clean").getText()).isEqualTo("Every sealed report matches its seal.");
        try {
            sql("UPDATE emission_report_fuel SET quantity = 900 WHERE report_id = " + id + " AND unit = 'G1' AND month = 1");
            sql("UPDATE evidence_blob SET content = convert_to('示例化验报告 cn-power-3 2022: 低位发热量 25.0 GJ/t', 'UTF8') WHERE sha256 = '" + sha + "'");
            open("/emissions/overview");
            WebElement check = find("#seal-check");
            assertThat(check.getAttribute("data-clean")).isEqualTo("false");
            assertThat(find("#seal-check-warning strong[lang='zh-CN']").getText()).isEqualTo("警告：2 份已封存报告在封存后被改动，与封存摘要不符。");
            assertThat(find("#seal-check-warning strong[lang='en']").getText()).startsWith("Warning: 2 sealed report(s) were changed after sealing");
            WebElement changed = find("#seal-mismatches tr.seal-mismatch[data-report-id='" + id + "']");
            assertThat(changed.getAttribute("data-code")).isEqualTo("SEAL_MISMATCH");
            assertThat(changed.getText()).contains("cn-power-2").contains("2019").contains("no longer seals to the recorded hash");
            WebElement evidence = find("#seal-mismatches tr.seal-mismatch[data-report-id='" + demo + "']");
            assertThat(evidence.getAttribute("data-code")).isEqualTo("ATTACHMENT_ALTERED");
            assertThat(evidence.getText()).contains("cn-power-3").contains("煤质化验报告-cn-power-3-2022.txt");
            assertThat(browser.findElements(By.cssSelector("#seal-mismatches tr.seal-mismatch"))).hasSize(2);
            screenshot("t3-overview-seal-check");
            // the row links to the report, which shows the same
            evidence.findElement(By.cssSelector("a")).click();
            assertThat(find("#tamper-problems li.tamper-problem[data-code='ATTACHMENT_ALTERED']").getText()).contains("煤质化验报告");
            signOut();

            // the auditor sees it too; another jurisdiction's regulator checks only its own (none here)
            signIn("auditor");
            find("#nav-overview").click();
            assertThat(browser.findElements(By.cssSelector("#seal-mismatches tr.seal-mismatch"))).hasSize(2);
            open("/emissions/overview?lang=zh_CN");
            assertThat(find("#seal-check strong").getText()).isEqualTo("封存校验");
            open("/emissions/overview?lang=en");
            signOut();
            signIn("admin-gd");
            find("#nav-overview").click();
            assertThat(find("#seal-check").getAttribute("data-clean")).isEqualTo("true");
            assertThat(find("#seal-check").getText()).contains("0 report(s)");
            signOut();
        } finally {
            sql("UPDATE emission_report_fuel SET quantity = 1000 WHERE report_id = " + id + " AND unit = 'G1' AND month = 1");
            sql("UPDATE evidence_blob SET content = decode('" + original + "', 'base64') WHERE sha256 = '" + sha + "'");
        }
        signIn("admin-cn");
        find("#nav-overview").click();
        assertThat(find("#seal-check").getAttribute("data-clean")).isEqualTo("true");
        signOut();
    }
}
