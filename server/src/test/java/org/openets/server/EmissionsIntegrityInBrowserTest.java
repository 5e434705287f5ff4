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
 * database opens with a warning in Chinese and English and what was found, not an error page. Works on
 * cn-power-2's 2019 report, which no other test uses, and puts every row back as it was.
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
        HttpResponse<String> saved = postJson("/api/v1/emissions/reports", entity + "-init", """
                {"entity":"%s","year":2019,"submit":true,
                 "fuels":[{"unit":"G1","month":1,"fuel":"COAL","quantity":1000,"ncv":"21.5","carbon_content":"0.027"},
                          {"unit":"G1","month":2,"fuel":"COAL","quantity":1000,"ncv":"21.5","carbon_content":"0.027"}]}""".formatted(entity));
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
            sql("UPDATE emission_report_fuel SET quantity = 900 WHERE report_id = " + id + " AND month = 1");
            sql("UPDATE emission_report_fuel SET quantity = -5 WHERE report_id = " + id + " AND month = 2");
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
            sql("UPDATE emission_report_fuel SET quantity = 1000 WHERE report_id = " + id + " AND month IN (1, 2)");
        }
        open("/emissions/reports/" + id);
        assertThat(find("#report-integrity").getAttribute("data-state")).isEqualTo("INTACT");
        assertThat(browser.findElements(By.cssSelector("#tamper-warning"))).isEmpty();
        signOut();
    }
}
