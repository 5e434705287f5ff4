package org.openets.server;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MRV pages in headless Debian Chromium: an entity's representative sees its report with the 0.03085 default
 * named and the [U] values badged, uploads a bad CSV and sees the row-level problems with nothing saved, then a good
 * one for 2021, saved as a draft and sealed with the Submit button; the
 * verifier finds the entity-year in its queue and issues a statement; the regulator sees the overview (status,
 * sector, region, overdue), is refused an assignment the independence rule forbids and approves the statement; the
 * overview in Chinese; another entity's representative gets the 403 page. Uses cn-power-2's 2022 verification,
 * which no other test changes. Screenshots go to {@code target/screenshots}.
 */
class EmissionsPagesInBrowserTest extends BrowserTestBase {
    long reportOf(String entity) {
        return count("SELECT id FROM emission_report WHERE entity_id = ? AND year = 2022 AND status = 'SUBMITTED'", entity);
    }

    @Test
    void the_entity_sees_its_report_with_the_defaults_named_and_a_bad_csv_is_sent_back_with_nothing_saved() throws Exception {
        long id = reportOf("cn-power-2");
        signIn("cn-power-2-init");
        find("#nav-emissions").click();
        WebElement row = find("#reports tr[data-report-id='" + id + "']");
        assertThat(row.getAttribute("data-status")).isEqualTo("SUBMITTED");
        screenshot("e1-reports");
        row.findElement(By.cssSelector("a")).click();

        assertThat(find("#report").getAttribute("data-status")).isEqualTo("SUBMITTED");
        assertThat(find("#report-seal").getText()).contains("report-v1");
        assertThat(find("#figures tr[data-installation='G1']").getText()).contains("Generating unit").contains("示例省");
        assertThat(find("#figures tr[data-installation='G2']")).isNotNull();
        assertThat(find("#figures-total").getAttribute("data-total")).isEqualTo(text("SELECT total_tonnes FROM emission_report WHERE id = ?", id));
        // the carbon content default, named with its value and confidence, on the ten unmeasured months of each unit
        assertThat(browser.findElements(By.cssSelector("#substitutions tr.substitution[data-value='0.03085']"))).hasSize(20);
        WebElement cc = find("#substitutions tr.substitution[data-value='0.03085']");
        assertThat(cc.getText()).contains("0.03085").contains("cc.default[COAL] = 0.03085 tC/GJ [C]").contains("Default");
        // the unconfirmed values are badged [U]
        WebElement unconfirmed = find("#substitutions tr.substitution[data-unconfirmed='true']");
        assertThat(unconfirmed.findElement(By.cssSelector(".badge-u")).getText()).isEqualTo("[U]");
        assertThat(find("#unconfirmed-warning").getText()).contains("[U]");
        assertThat(find("#trace").getText()).contains("0.03085").contains("total:");
        assertThat(browser.findElements(By.cssSelector("#report-submit"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#statement-form"))).isEmpty();
        screenshot("e2-report-with-defaults");

        // a bad CSV: the problems by row and column on the page, nothing saved
        long reportsBefore = count("SELECT count(*) FROM emission_report");
        Path csv = Files.createTempFile("report", ".csv");
        Files.writeString(csv, """
                sheet,unit,month,fuel,quantity,ncv,carbon_content,generation_mwh,supply_mwh,heat_supplied_gj,purchased_electricity_mwh
                fuels,G1,13,COAL,100000,21.8,0.0268,,,,
                fuels,G1,2,DIESEL,lots,21.8,,,,,
                activity,G1,1,,,,,250000,235000,0,200
                """, StandardCharsets.UTF_8);
        // rows entered in the form instead of a file: an installation the entity does not have
        find("#nav-emissions").click();
        find("#upload-rows").sendKeys("sheet,unit,month,fuel,quantity,ncv\nfuels,G9,1,COAL,100,21.8\n");
        WebElement typed = submit("#upload-submit");
        assertThat(typed.getAttribute("data-code")).as(typed.getText()).isEqualTo("INVALID_REPORT");
        assertThat(find("#upload-problems tr.upload-problem[data-code='UNKNOWN_INSTALLATION']").getText()).contains("fuels row 2").contains("G9");
        assertThat(count("SELECT count(*) FROM emission_report")).isEqualTo(reportsBefore);

        find("#nav-emissions").click();
        WebElement year = find("#upload-year");
        year.clear();
        year.sendKeys("2023");
        find("#upload-file").sendKeys(csv.toAbsolutePath().toString());
        WebElement flash = submit("#upload-submit");
        assertThat(flash.getAttribute("data-code")).as(flash.getText()).isEqualTo("INVALID_REPORT");
        assertThat(flash.getText()).contains("nothing was saved");
        WebElement problems = find("#upload-problems");
        assertThat(problems.getText()).contains("problem(s)").contains("fuels row 2").contains("month").contains("fuels row 3").contains("DIESEL")
                .contains("'lots' is not a number");
        assertThat(browser.findElements(By.cssSelector("#upload-problems tr.upload-problem")).size()).isGreaterThanOrEqualTo(3);
        screenshot("e3-bad-csv");
        assertThat(count("SELECT count(*) FROM emission_report")).isEqualTo(reportsBefore);
        Files.deleteIfExists(csv);

        // a good CSV for 2021 (every unit, every month; G1's carbon content measured in January only): saved as a draft and
        // computed, then submitted (sealed) with the button
        List<String> g1 = new ArrayList<>(List.of("fuels,G1,1,COAL,100000,21.8,0.0268,,,,", "activity,G1,1,,,,,250000,235000,0,200"));
        for (int m = 2; m <= 12; m++) g1.add("fuels,G1," + m + ",COAL,100000,21.8,,,,,");
        Files.writeString(csv, FullYear.csv(g1.toArray(String[]::new)), StandardCharsets.UTF_8);
        year = find("#upload-year");
        year.clear();
        year.sendKeys("2021");
        find("#upload-file").sendKeys(csv.toAbsolutePath().toString());
        WebElement saved = submit("#upload-submit");
        assertThat(saved.getAttribute("data-code")).as(saved.getText()).isEqualTo("EMISSIONS_SAVED");
        assertThat(find("#report").getAttribute("data-status")).isEqualTo("DRAFT");
        assertThat(find("#report-seal").getText()).contains("Not sealed");
        assertThat(find("#substitutions tr.substitution[data-factor='CC'][data-value='0.03085']").getText()).contains("2");
        assertThat(count("SELECT count(*) FROM emission_report")).isEqualTo(reportsBefore + 1);
        screenshot("e3b-draft");
        WebElement sealed = submit("#report-submit");
        assertThat(sealed.getAttribute("data-code")).as(sealed.getText()).isEqualTo("EMISSIONS_SUBMITTED");
        assertThat(find("#report").getAttribute("data-status")).isEqualTo("SUBMITTED");
        assertThat(find("#report-seal").getText()).contains("report-v1");
        assertThat(browser.findElements(By.cssSelector("#report-submit"))).isEmpty();
        assertThat(count("SELECT count(*) FROM emission_report WHERE entity_id = 'cn-power-2' AND year = 2021 AND status = 'SUBMITTED'")).isEqualTo(1);
        Files.deleteIfExists(csv);
        signOut();

        // another entity's representative: the 403 page, and the refusal recorded
        long refused = refusals("cn-power-1-init", "NOT_AUTHORISED");
        signIn("cn-power-1-init");
        open("/emissions/reports/" + id);
        WebElement error = find("#error");
        assertThat(error.getAttribute("data-code")).isEqualTo("NOT_AUTHORISED");
        assertThat(error.getText()).contains("403").contains("You may not see this page");
        assertThat(browser.getPageSource()).doesNotContain("0.03085");
        screenshot("e4-forbidden");
        assertThat(refusals("cn-power-1-init", "NOT_AUTHORISED")).isEqualTo(refused + 1);
        open("/emissions?lang=en");
        signOut();
    }

    @Test
    void the_verifier_states_and_the_regulator_sees_the_overview_is_refused_a_conflicted_assignment_and_approves() throws Exception {
        long id = reportOf("cn-power-2");

        // the verifier's queue and statement
        signIn("verifier-1");
        find("#nav-queue").click();
        WebElement queued = find("#queue tr[data-entity='cn-power-2'][data-year='2022']");
        assertThat(queued.getAttribute("data-status")).isEqualTo("ASSIGNED");
        assertThat(browser.findElements(By.cssSelector("#queue tr[data-entity='cn-power-3']"))).isEmpty();
        screenshot("e5-queue");
        queued.findElement(By.cssSelector("a.report-link")).click();
        assertThat(find("#report").getAttribute("data-report-id")).isEqualTo(Long.toString(id));
        new Select(find("#statement-opinion")).selectByValue("QUALIFIED_WITH_REMARKS");
        find("#statement-remarks").sendKeys("Ten months on the default carbon content; lab reports for Jan-Feb seen.");
        screenshot("e6-statement-form");
        WebElement stated = submit("#statement-submit");
        assertThat(stated.getAttribute("data-code")).as(stated.getText()).isEqualTo("STATEMENT_ISSUED");
        assertThat(find("#verification").getAttribute("data-status")).isEqualTo("STATEMENT_ISSUED");
        assertThat(find("#verification-opinion").getText()).isEqualTo("Qualified with remarks");
        assertThat(browser.findElements(By.cssSelector("#statement-form"))).isEmpty();
        signOut();

        // the regulator's overview
        signIn("admin2-cn");
        find("#nav-overview").click();
        assertThat(Long.parseLong(find("#by-status tr[data-status='SUBMITTED'] td.num").getText())).isGreaterThanOrEqualTo(3);
        assertThat(find("#by-kind tr[data-group='GENERATING_UNIT']").getText()).contains("Generating unit");
        assertThat(find("#by-fuel tr[data-group='COAL']").getText()).contains("Coal");
        assertThat(find("#by-province tr[data-group='示例省']")).isNotNull();
        // the 2022 verification deadline is long past and cn-power-2's is not approved yet
        assertThat(find("#overdue tr[data-entity='cn-power-2'][data-year='2022'][data-kind='VERIFICATION']").getText()).contains("Verification");
        screenshot("e7-overview");

        // an assignment the independence rule forbids: refused, clearly
        new Select(find("#assign-entity")).selectByValue("cn-power-3");
        WebElement year = find("#assign-year");
        year.clear();
        year.sendKeys("2022");
        // the accredited verifiers are offered to choose from
        assertThat(new Select(find("#assign-verifier")).getOptions()).extracting(o -> o.getAttribute("value")).contains("green-verify", "cec-verify");
        new Select(find("#assign-verifier")).selectByValue("green-verify");
        WebElement conflict = submit("#assign-submit");
        assertThat(conflict.getAttribute("class")).contains("problem");
        assertThat(conflict.getAttribute("data-code")).isEqualTo("CONFLICT_OF_INTEREST");
        assertThat(conflict.getText()).contains("Conflict of interest").contains("independence rule");
        assertThat(count("SELECT count(*) FROM verification WHERE entity_id = 'cn-power-3' AND verifier_id = 'green-verify'")).isZero();
        screenshot("e8-conflict");

        // approve the statement
        WebElement approved = submit("#verifications tr[data-entity='cn-power-2'][data-year='2022'] button.approve");
        assertThat(approved.getAttribute("data-code")).as(approved.getText()).isEqualTo("VERIFICATION_APPROVED");
        assertThat(find("#verifications tr[data-entity='cn-power-2'][data-year='2022']").getAttribute("data-status")).isEqualTo("APPROVED");
        assertThat(browser.findElements(By.cssSelector("#overdue tr[data-entity='cn-power-2'][data-year='2022'][data-kind='VERIFICATION']"))).isEmpty();
        assertThat(count("SELECT count(*) FROM verified_figures_version WHERE entity_id = 'cn-power-2' AND year = 2022")).isEqualTo(1);
        screenshot("e9-approved");

        // in Chinese
        open("/emissions/overview?lang=zh_CN");
        assertThat(find("h1").getText()).isEqualTo("排放监管概览");
        assertThat(find("#nav-emissions").getText()).isEqualTo("排放报告");
        assertThat(find("#verifications tr[data-entity='cn-power-2'][data-year='2022']").getText()).contains("已确认").contains("合格（附说明）");
        open("/emissions/reports/" + id);
        assertThat(find("#substitutions").getText()).contains("缺省值", "燃煤").doesNotContain("UNCONFIRMED");
        assertThat(find("#trace-note").getText()).contains("英文");
        assertThat(find("h2").getText()).isEqualTo("核算排放量（吨二氧化碳）");
        screenshot("e10-chinese");
        open("/emissions/overview?lang=en");
        signOut();

        // the auditor reads the overview and the report, and is offered nothing to press
        signIn("auditor");
        find("#nav-overview").click();
        assertThat(find("#verifications tr[data-entity='cn-power-2'][data-year='2022']").getAttribute("data-status")).isEqualTo("APPROVED");
        assertThat(browser.findElements(By.cssSelector("#assign-form, button.approve, #nav-queue"))).isEmpty();
        open("/emissions/reports/" + id);
        assertThat(find("#verification").getAttribute("data-status")).isEqualTo("APPROVED");
        assertThat(browser.findElements(By.cssSelector("#assign-form, #statement-form, #report-submit, #approve"))).isEmpty();
        signOut();
    }
}
