package org.openets.server;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Findings in the pages, in headless Debian Chromium, on cn-power-1's 2020 report (no other test uses it): the
 * verifier raises a finding on its review page and cannot yet issue a qualified statement; the entity resubmits a
 * corrected report with its reason (refused without one) and answers the finding pointing at it; the verifier
 * closes the finding and issues the statement. Screenshots go to {@code target/screenshots}.
 */
class EmissionsFindingsInBrowserTest extends BrowserTestBase {
    /** A complete year (every unit, every month: what sealing needs), January's coal on G1 as given. */
    static final String CSV = FullYear.csv("fuels,G1,1,COAL,%s,21.8,0.0268,,,,", "activity,G1,1,,,,,250000,235000,0,200");

    /** Scrolls the element into view, for the screenshot. */
    void show(String css) {
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", find(css));
    }

    @Test
    void the_verifier_raises_a_finding_the_entity_corrects_and_answers_the_verifier_closes_it_and_states() throws Exception {
        HttpResponse<String> saved = send(request("/api/v1/emissions/reports/cn-power-1/2020?submit=true", "cn-power-1-init")
                .header("Content-Type", "text/csv").POST(java.net.http.HttpRequest.BodyPublishers.ofString(CSV.formatted("100000"))).build());
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
        long first = json(saved).path("id").asLong();
        assertThat(postJson("/api/v1/emissions/verifications", "admin-cn", """
                {"entity":"cn-power-1","year":2020,"verifier":"cec-verify"}""").statusCode()).isEqualTo(201);

        // the verifier raises a finding on its review page
        signIn("verifier-1");
        find("#nav-queue").click();
        WebElement queued = find("#queue tr[data-entity='cn-power-1'][data-year='2020']");
        assertThat(queued.findElement(By.cssSelector(".findings-open")).getText()).isEqualTo("0 / 0");
        queued.findElement(By.cssSelector("a.report-link")).click();
        assertThat(find("#report").getAttribute("data-report-id")).isEqualTo(Long.toString(first));
        assertThat(find("#findings-none").getText()).isEqualTo("No findings.");
        find("#finding-text").sendKeys("January coal: 100,000 t is not supported by the weighbridge records");
        WebElement raised = submit("#finding-submit");
        assertThat(raised.getAttribute("data-code")).as(raised.getText()).isEqualTo("FINDING_RAISED");
        WebElement finding = find("#finding-1");
        assertThat(finding.getAttribute("data-state")).isEqualTo("OPEN");
        assertThat(finding.getText()).contains("weighbridge").contains("Open").contains("verifier-1");
        // nothing to close before the entity answers, and no qualified statement while it is open
        assertThat(finding.findElements(By.cssSelector(".close-form, .answer-form"))).isEmpty();
        assertThat(find("#statement-open-findings").getText()).contains("1 finding(s) not closed");
        WebElement refused = submit("#statement-submit");
        assertThat(refused.getAttribute("data-code")).isEqualTo("OPEN_FINDINGS");
        assertThat(refused.getText()).contains("Findings are not closed yet");
        show("#finding-1");
        screenshot("f1-finding-raised");
        signOut();

        // the entity corrects the report: a resubmission needs its reason
        signIn("cn-power-1-init");
        find("#nav-emissions").click();
        new Select(find("#upload-entity")).selectByValue("cn-power-1");
        WebElement year = find("#upload-year");
        year.clear();
        year.sendKeys("2020");
        find("#upload-rows").sendKeys(CSV.formatted("96000"));
        find("#upload-submit-now").click();
        WebElement noReason = submit("#upload-submit");
        assertThat(noReason.getAttribute("data-code")).as(noReason.getText()).isEqualTo("REASON_REQUIRED");
        assertThat(count("SELECT count(*) FROM emission_report WHERE entity_id = 'cn-power-1' AND year = 2020")).isEqualTo(1);

        // the form comes back as it was sent: the entity, the year, the rows and the seal box; only the reason is added
        assertThat(new Select(find("#upload-entity")).getFirstSelectedOption().getAttribute("value")).isEqualTo("cn-power-1");
        assertThat(find("#upload-year").getAttribute("value")).isEqualTo("2020");
        assertThat(find("#upload-rows").getAttribute("value")).isEqualTo(CSV.formatted("96000"));
        assertThat(find("#upload-submit-now").isSelected()).isTrue();
        find("#upload-reason").sendKeys("核查不符合项1：1月燃煤按地磅记录更正为96,000吨");
        WebElement resubmitted = submit("#upload-submit");
        assertThat(resubmitted.getAttribute("data-code")).as(resubmitted.getText()).isEqualTo("EMISSIONS_SUBMITTED");
        String corrected = find("#report").getAttribute("data-report-id");
        assertThat(corrected).isNotEqualTo(Long.toString(first));
        assertThat(find("#report-correction-reason").getText()).contains("96,000");
        assertThat(text("SELECT status FROM emission_report WHERE id = ?", first)).isEqualTo("SUPERSEDED");

        // and answers the finding, pointing at the corrected report
        find("#answer-text-1").sendKeys("1月燃煤已按地磅记录更正 / January coal corrected from the weighbridge records");
        find("#answer-report-1").click();
        WebElement answered = submit("#finding-1 .answer-submit");
        assertThat(answered.getAttribute("data-code")).as(answered.getText()).isEqualTo("FINDING_ANSWERED");
        finding = find("#finding-1");
        assertThat(finding.getAttribute("data-state")).isEqualTo("ANSWERED");
        assertThat(finding.findElement(By.cssSelector("li.correction")).getAttribute("data-report-id")).isEqualTo(corrected);
        assertThat(finding.findElement(By.cssSelector("a.corrected-report")).getText()).isEqualTo("corrected report " + corrected);
        assertThat(browser.findElements(By.cssSelector("#finding-form, .close-form, #statement-form"))).isEmpty();
        show("#finding-1");
        screenshot("f2-finding-answered");
        signOut();

        // the verifier closes the finding and states over the corrected report
        signIn("verifier-1");
        find("#nav-queue").click();
        queued = find("#queue tr[data-entity='cn-power-1'][data-year='2020']");
        assertThat(queued.findElement(By.cssSelector(".findings-open")).getText()).isEqualTo("1 / 1");
        queued.findElement(By.cssSelector("a.report-link")).click();
        assertThat(find("#report").getAttribute("data-report-id")).isEqualTo(corrected);
        find("#close-note-1").sendKeys("weighbridge records seen");
        WebElement closed = submit("#finding-1 .close-submit");
        assertThat(closed.getAttribute("data-code")).as(closed.getText()).isEqualTo("FINDING_CLOSED");
        assertThat(find("#finding-1").getAttribute("data-state")).isEqualTo("CLOSED");
        assertThat(find("#finding-1 .closure").getText()).contains("weighbridge records seen");
        assertThat(browser.findElements(By.cssSelector("#statement-open-findings"))).isEmpty();
        WebElement stated = submit("#statement-submit");
        assertThat(stated.getAttribute("data-code")).as(stated.getText()).isEqualTo("STATEMENT_ISSUED");
        assertThat(text("SELECT report_id::text FROM verification WHERE entity_id = 'cn-power-1' AND year = 2020")).isEqualTo(corrected);
        assertThat(browser.findElements(By.cssSelector("#finding-form, .close-form"))).isEmpty();

        open("/emissions/reports/" + corrected + "?lang=zh_CN");
        assertThat(find("#finding-1 .finding-state").getText()).isEqualTo("已关闭");
        assertThat(find("#finding-1").getText()).contains("不符合项 1").contains("核查机构已关闭");
        show("#finding-1");
        screenshot("f3-finding-closed-zh");
        open("/emissions/reports/" + corrected + "?lang=en");
        signOut();
    }
}
