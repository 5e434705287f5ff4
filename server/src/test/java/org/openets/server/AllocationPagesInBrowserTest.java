package org.openets.server;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Allocation in headless Debian Chromium, as the people do it: the national regulator uploads a population file and
 * runs the 2023–2024 plan, reads each line's trace and the [U] banner, is refused issuing until it ticks every [U]
 * value, proposes the batch, and a second administrator approves it under Approvals; the entity's representative sees
 * its own allocation with the trace and no issuing form; the Guangdong regulator opens the demo comparison with its
 * chart and stated basis.
 */
class AllocationPagesInBrowserTest extends BrowserTestBase {

    @Test
    void the_regulator_runs_reviews_and_issues_and_a_second_administrator_approves() throws Exception {
        String account = accountOf("cn-power-4");
        long before = held(account, "CEA/2024");
        Path csv = Files.createTempFile("population", ".csv");
        Files.writeString(csv, "unit_id,entity_id,entity_name,category,generation_mwh,heat_gj\n"
                + "SC-GT-1," + account + ",四川岷江燃气发电有限公司,GAS,1000000,0\nSC-GT-2," + account + ",四川岷江燃气发电有限公司,GAS,500000,0\n", StandardCharsets.UTF_8);

        signIn("admin-cn");
        open("/allocation?lang=en");
        new Select(find("#ruleset")).selectByValue("CN-POWER-2023-2024");
        find("#year").sendKeys("2024");
        find("#populationFile").sendKeys(csv.toAbsolutePath().toString());
        find("#title").sendKeys("browser test gas 2024");
        WebElement flash = submit("#run-submit");
        assertThat(flash.getAttribute("data-code")).isEqualTo("ALLOCATION_RUN_SAVED");
        // 0.3288 × 1,500,000 = 493,200
        assertThat(find("#run-total").getText()).isEqualTo("493,200 t");
        assertThat(find("#unconfirmed").getText()).contains("rounding.mode");
        WebElement line = find(".unit-line[data-unit='SC-GT-1']");
        line.findElement(By.tagName("summary")).click();
        assertThat(line.findElements(By.cssSelector(".trace li"))).extracting(WebElement::getText)
                .anySatisfy(t -> assertThat(t).startsWith("BENCHMARK: 1000000 MWh generation × 0.3288"))
                .anySatisfy(t -> assertThat(t).startsWith("ROUNDING").contains("[U]"));
        screenshot("allocation-run");
        // the same page in Chinese: the trace in Chinese, with the same numbers and the same [U] badge
        String runPage = java.net.URI.create(browser.getCurrentUrl()).getPath();
        open(runPage + "?lang=zh_CN");
        line = find(".unit-line[data-unit='SC-GT-1']");
        line.findElement(By.tagName("summary")).click();
        assertThat(line.findElements(By.cssSelector(".trace li"))).extracting(WebElement::getText)
                .anySatisfy(t -> assertThat(t).startsWith("基准线法：发电量 1000000 MWh × 0.3288"))
                .anySatisfy(t -> assertThat(t).startsWith("取整：").contains("四舍五入", "[U]"))
                .noneSatisfy(t -> assertThat(t).containsAnyOf("generation", "per unit line", "t free"));
        // the issuance plan names accounts by number and holder, the transaction type and the purpose in Chinese
        String plan = find("#plan").getText();
        assertThat(plan).contains(account, "四川岷江燃气发电有限公司", "分配", "493,200").doesNotContain("ALLOCATE", "true-up", "pre-allocation");
        assertThat(plan).containsPattern("CN-1\\d\\d-\\d{6}.*" + account);
        screenshot("allocation-run-zh");
        open(runPage + "?lang=en");

        // refused until every [U] value is ticked
        flash = submit("#issue-submit");
        assertThat(flash.getAttribute("data-code")).isEqualTo("UNCONFIRMED_NOT_ACKNOWLEDGED");
        assertThat(find("#problems").getText()).contains("rounding.point");
        for (WebElement box : browser.findElements(By.cssSelector("input.ack"))) box.click();
        flash = submit("#issue-submit");
        assertThat(flash.getAttribute("data-code")).isEqualTo("ALLOCATION_ISSUED");
        assertThat(find("#issued").getText()).contains("allocation-run-");
        assertThat(held(account, "CEA/2024")).isEqualTo(before);
        signOut();

        // the second administrator approves the batch
        signIn("admin2-cn");
        open("/approvals?lang=en");
        long first = count("SELECT min(id) FROM registry_transaction WHERE batch_id LIKE 'allocation-run-%' AND status = 'AWAITING_APPROVAL'");
        // the approver is shown what the batch issues and the [U] values it rests on, with who acknowledged them
        WebElement notice = find(".allocation-batch");
        assertThat(notice.getText()).contains("browser test gas 2024", "rounding.mode", "admin-cn");
        WebElement row = find("tr[data-transaction-id='" + first + "']");
        // approving without accepting the [U] values is refused; ticked, it completes
        row.findElement(By.cssSelector("input.confirm-batch")).click();
        WebElement approve = row.findElement(By.cssSelector("button.approve"));
        approve.click();
        awaitNextPage(approve);
        assertThat(find("#flash").getAttribute("data-code")).isEqualTo("UNCONFIRMED_NOT_ACKNOWLEDGED");
        assertThat(held(account, "CEA/2024")).isEqualTo(before);
        row = find("tr[data-transaction-id='" + first + "']");
        row.findElement(By.cssSelector("input.ack-approve")).click();
        row.findElement(By.cssSelector("input.confirm-batch")).click();
        approve = row.findElement(By.cssSelector("button.approve"));
        approve.click();
        awaitNextPage(approve);
        assertThat(find("#flash").getAttribute("data-code")).isEqualTo("BATCH_APPROVED");
        assertThat(held(account, "CEA/2024")).isEqualTo(before + 493_200);
        signOut();

        // the entity's representative reads its own allocation with the trace, and cannot issue
        signIn("cn-power-4-init");
        open("/allocation?lang=en");
        WebElement link = find("#runs a[href*='/allocation/runs/']");
        link.click();
        awaitNextPage(link);
        assertThat(find("#run-title").getText()).isEqualTo("browser test gas 2024");
        assertThat(browser.findElements(By.cssSelector(".unit-line"))).hasSize(2);
        assertThat(browser.findElements(By.id("issue-form"))).isEmpty();
        assertThat(browser.findElements(By.id("run-form"))).isEmpty();
        signOut();
    }

    @Test
    void the_guangdong_regulator_opens_the_demo_comparison_with_its_chart() throws Exception {
        signIn("admin-gd");
        open("/allocation?lang=zh_CN");
        WebElement link = find("#comparisons a");
        link.click();
        awaitNextPage(link);
        assertThat(find("#basis").getText()).contains("TOTAL", "CN-POWER-2019-2020", "GD-2016");
        assertThat(browser.findElements(By.cssSelector("#chart svg rect.bar-a"))).hasSize(4);
        assertThat(find("#comparison tr[data-unit='GD-ZJ-1']").getText()).contains("4,125,000");
        screenshot("allocation-comparison");
        signOut();
    }
}
