package org.openets.server;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person's way through the pages, in headless Debian Chromium: an initiator proposes a transfer, the entity's
 * approver approves it in the inbox, both see it completed in the history and the holdings change; the page
 * switches to Chinese; a covered entity surrenders (in the Chinese pages) and retires units, a retirement form
 * without a beneficiary is sent back; the public report renders. Screenshots go to {@code target/screenshots}.
 */
class TransferInBrowserTest extends BrowserTestBase {
    static final String FROM = "sh-power-2", TO = "sh-power-1";
    /** Guangdong entities no other test touches; these tests also own Guangdong's surrender and retirement accounts. */
    static final String SURRENDERER = "gd-power-3", RETIRER = "gd-cement-1", GDEA = "GDEA/2024";


    long shownQuantity(String series) {
        return Long.parseLong(find("#holdings tr[data-series='" + series + "'] td.quantity").getAttribute("data-quantity"));
    }

    @Test
    void an_initiator_proposes_the_approver_approves_and_both_see_it_completed() throws Exception {
        String from = accountOf(FROM), to = accountOf(TO);
        long fromBefore = held(from, "SHEA/2024"), toBefore = held(to, "SHEA/2024");

        // the initiator proposes a transfer from the account page
        signIn(FROM + "-init");
        screenshot("1-accounts");
        find("#accounts tr[data-account='" + from + "'] a").click();
        assertThat(shownQuantity("SHEA/2024")).isEqualTo(fromBefore);
        find("#transfer-to").sendKeys(to);
        new Select(find("#transfer-series")).selectByValue("SHEA/2024");
        find("#transfer-quantity").sendKeys("12,345");
        screenshot("2-transfer-form");
        long before = transactions();
        // the form's first step shows what will happen and proposes nothing
        find("#transfer-submit").click();
        assertThat(find("#review-from").getText()).isEqualTo(from);
        assertThat(find("#review-to").getText()).isEqualTo(to);
        assertThat(find("#review-to-holder").getText()).isEqualTo(text("SELECT holder FROM account WHERE number = ?", to));
        assertThat(find("#review-unit-type").getText()).isEqualTo("SHEA");
        assertThat(find("#review-vintage").getText()).isEqualTo("2024");
        assertThat(find("#review-quantity").getText()).isEqualTo("12,345");
        screenshot("2a-transfer-review");
        assertThat(transactions()).isEqualTo(before);
        // back to edit: the form as it was typed; a quantity changed there is shown again before anything is proposed
        find("#transfer-edit").click();
        assertThat(find("#transfer-to").getAttribute("value")).isEqualTo(to);
        assertThat(new Select(find("#transfer-series")).getFirstSelectedOption().getAttribute("value")).isEqualTo("SHEA/2024");
        assertThat(find("#transfer-quantity").getAttribute("value")).isEqualTo("12345");
        find("#transfer-submit").click();
        assertThat(find("#review-quantity").getText()).isEqualTo("12,345");
        String commandId = find("#transfer-review").getAttribute("data-command-id");
        assertThat(transactions()).isEqualTo(before);
        find("#transfer-confirm").click();
        WebElement flash = find("#flash");
        assertThat(flash.getAttribute("data-status")).as(flash.getText()).isEqualTo("AWAITING_APPROVAL");
        String id = flash.getAttribute("data-transaction-id");
        assertThat(find("#history tr[data-transaction-id='" + id + "']").getAttribute("data-status")).isEqualTo("AWAITING_APPROVAL");
        assertThat(transactions()).isEqualTo(before + 1);
        assertThat(text("SELECT command_id FROM registry_transaction WHERE id = ?", Long.parseLong(id))).isEqualTo(commandId);
        screenshot("3-proposed");

        // the initiator's own inbox does not offer it
        open("/approvals");
        assertThat(browser.findElements(By.cssSelector("#inbox tr[data-transaction-id='" + id + "']"))).isEmpty();
        signOut();

        // the approver approves it in the inbox
        signIn(FROM + "-appr");
        find("#nav-approvals").click();
        WebElement row = find("#inbox tr[data-transaction-id='" + id + "']");
        assertThat(row.getText()).contains(from).contains(to).contains("12,345");
        screenshot("4-inbox");
        // a transfer out of the holder's account cannot be undone by its parties: the approver ticks that they checked it
        ((JavascriptExecutor) browser).executeScript("arguments[0].removeAttribute('required')", row.findElement(By.cssSelector("input.confirm-final")));
        assertThat(submit("#inbox tr[data-transaction-id='" + id + "'] button.approve").getAttribute("data-code")).isEqualTo("VALIDATION_FAILED");
        assertThat(text("SELECT status FROM registry_transaction WHERE id = ?", Long.parseLong(id))).isEqualTo("AWAITING_APPROVAL");
        row = find("#inbox tr[data-transaction-id='" + id + "']");
        row.findElement(By.cssSelector("input.confirm-final")).click();
        WebElement approve = row.findElement(By.cssSelector("button.approve"));
        approve.click();
        awaitNextPage(approve);
        assertThat(find("#flash").getAttribute("data-status")).isEqualTo("COMPLETED");
        screenshot("5-approved");

        // completed in the history, and the holdings moved
        open("/accounts/" + from);
        assertThat(find("#history tr[data-transaction-id='" + id + "']").getAttribute("data-status")).isEqualTo("COMPLETED");
        assertThat(shownQuantity("SHEA/2024")).isEqualTo(fromBefore - 12_345);
        assertThat(held(to, "SHEA/2024")).isEqualTo(toBefore + 12_345);
        open("/transactions/" + id);
        assertThat(find("#transaction").getAttribute("data-status")).isEqualTo("COMPLETED");
        assertThat(find("#serials").getText()).contains("SH-SHEA-2024-");
        screenshot("6-completed");

        // in Chinese
        open("/accounts/" + from + "?lang=zh_CN");
        assertThat(find("#nav-accounts").getText()).isEqualTo("我的账户");
        assertThat(browser.getPageSource()).contains("持有情况").contains("交易记录").contains("已完成");
        screenshot("7-chinese");
        open("/approvals");
        assertThat(find("h1").getText()).isEqualTo("待审批");
        open("/accounts?lang=en");
        assertThat(find("#nav-accounts").getText()).isEqualTo("My accounts");
        signOut();
    }

    @Test
    void a_regulator_issues_and_allocates_in_the_pages_with_a_second_administrator() throws Exception {
        String holder = accountOf("sz-power-1");
        String allocation = text("SELECT number FROM account WHERE jurisdiction = 'SZ' AND type = 'ALLOCATION'");
        long issuedBefore = count("SELECT coalesce(sum(next_serial - 1), 0) FROM unit_series WHERE unit_type = 'SZEA' AND vintage = 2024");
        long heldBefore = held(holder, "SZEA/2024");

        signIn("admin-sz");
        find("#nav-issuance").click();
        new Select(find("#issue-unit-type")).selectByValue("SZEA");
        WebElement vintage = find("#issue-vintage");
        vintage.clear();
        vintage.sendKeys("2024");
        find("#issue-quantity").sendKeys("100000");
        find("#issue-submit").click();
        WebElement issued = find("#flash");
        assertThat(issued.getAttribute("data-status")).as(issued.getText()).isEqualTo("AWAITING_APPROVAL");
        String issue = issued.getAttribute("data-transaction-id");
        screenshot("9-issuance-proposed");

        find("#nav-allocation").click();
        new Select(find("#allocate-from")).selectByValue(allocation);
        new Select(find("#allocate-series")).selectByValue("SZEA/2024");
        find("#allocate-lines").sendKeys(holder + ", 1000");
        screenshot("10-allocation-form");
        find("#allocate-submit").click();
        WebElement allocated = find("#flash");
        assertThat(allocated.getAttribute("data-status")).as(allocated.getText()).isEqualTo("AWAITING_APPROVAL");
        String batch = allocated.getAttribute("data-transaction-id");
        signOut();

        signIn("admin2-sz");
        find("#nav-approvals").click();
        find("#inbox tr[data-transaction-id='" + issue + "'] button.approve").click();
        assertThat(find("#flash").getAttribute("data-status")).isEqualTo("COMPLETED");
        WebElement firstFlash = find("#flash");
        find("#inbox tr[data-transaction-id='" + batch + "'] input.confirm-batch").click();
        find("#inbox tr[data-transaction-id='" + batch + "'] button.approve").click();
        // the first approval's message is still on the page until the next one loads
        awaitNextPage(firstFlash);
        assertThat(find("#flash").getAttribute("data-status")).isEqualTo("COMPLETED");
        signOut();

        assertThat(count("SELECT coalesce(sum(next_serial - 1), 0) FROM unit_series WHERE unit_type = 'SZEA' AND vintage = 2024")).isEqualTo(issuedBefore + 100_000);
        assertThat(held(holder, "SZEA/2024")).isEqualTo(heldBefore + 1_000);
    }

    @Test
    void a_covered_entity_surrenders_in_the_chinese_pages_and_its_approver_approves() throws Exception {
        String holding = accountOf(SURRENDERER);
        String surrender = governmentAccount("GD", "SURRENDER"), retirement = governmentAccount("GD", "RETIREMENT"),
                cancellation = governmentAccount("GD", "CANCELLATION");
        long heldBefore = held(holding, GDEA), surrenderedBefore = held(surrender, GDEA), retiredBefore = held(retirement, GDEA),
                cancelledBefore = held(cancellation, GDEA), transactionsBefore = transactions();

        // the initiator fills the surrender form in the Chinese pages
        signIn(SURRENDERER + "-init");
        open("/accounts/" + holding + "?lang=zh_CN");
        assertThat(find("#surrender-form strong").getText()).isEqualTo("清缴履约");
        assertThat(find("label[for='surrender-quantity']").getText()).isEqualTo("数量（吨）");
        assertThat(find("#surrender-submit").getText()).isEqualTo("提交清缴");
        assertThat(shownQuantity(GDEA)).isEqualTo(heldBefore);
        new Select(find("#surrender-series")).selectByValue(GDEA);
        find("#surrender-quantity").sendKeys("250,000");
        // surrendered units cannot be taken back: the form asks the person to say they know
        assertThat(browser.findElement(By.xpath("//input[@id='surrender-confirm']/..")).getText()).contains("不能取回");
        find("#surrender-confirm").click();
        screenshot("11-surrender-form-chinese");
        WebElement flash = submit("#surrender-submit");
        assertThat(flash.getAttribute("data-status")).as(flash.getText()).isEqualTo("AWAITING_APPROVAL");
        assertThat(flash.getText()).contains("已提交").contains("待复核");
        String id = flash.getAttribute("data-transaction-id");
        WebElement proposed = find("#history tr[data-transaction-id='" + id + "']");
        assertThat(proposed.getAttribute("data-type")).isEqualTo("SURRENDER");
        assertThat(proposed.getAttribute("data-status")).isEqualTo("AWAITING_APPROVAL");
        assertThat(proposed.findElement(By.cssSelector("td.to")).getText()).isEqualTo(surrender);
        assertThat(proposed.getText()).contains("清缴").contains("待复核").contains("250,000");
        screenshot("12-surrender-proposed-chinese");
        // one transaction, and nothing moves before the second person approves
        assertThat(transactions()).isEqualTo(transactionsBefore + 1);
        assertThat(held(surrender, GDEA)).isEqualTo(surrenderedBefore);
        signOut();

        // the entity's approver approves it in the Chinese inbox
        signIn(SURRENDERER + "-appr");
        open("/approvals?lang=zh_CN");
        assertThat(find("h1").getText()).isEqualTo("待审批");
        WebElement row = find("#inbox tr[data-transaction-id='" + id + "']");
        assertThat(row.getText()).contains(holding).contains("250,000");
        assertThat(row.findElement(By.cssSelector("label.confirm-final-label")).getText()).contains("清缴").contains("不能撤回");
        row.findElement(By.cssSelector("input.confirm-final")).click();
        WebElement approved = submit("#inbox tr[data-transaction-id='" + id + "'] button.approve");
        assertThat(approved.getAttribute("data-status")).as(approved.getText()).isEqualTo("COMPLETED");
        assertThat(approved.getText()).contains("已批准").contains("已完成");

        // the account page shows it completed, the holding went down and the surrender account up by exactly 250,000
        open("/accounts/" + holding);
        WebElement completed = find("#history tr[data-transaction-id='" + id + "']");
        assertThat(completed.getAttribute("data-status")).isEqualTo("COMPLETED");
        assertThat(completed.getText()).contains("清缴").contains("已完成");
        assertThat(shownQuantity(GDEA)).isEqualTo(heldBefore - 250_000);
        screenshot("13-surrender-completed-chinese");
        assertThat(held(holding, GDEA)).isEqualTo(heldBefore - 250_000);
        assertThat(held(surrender, GDEA)).isEqualTo(surrenderedBefore + 250_000);
        assertThat(held(retirement, GDEA)).isEqualTo(retiredBefore);
        assertThat(held(cancellation, GDEA)).isEqualTo(cancelledBefore);
        assertThat(text("SELECT t.type || ' ' || t.status || ' ' || a.number FROM registry_transaction t JOIN account a ON a.id = t.to_account WHERE t.id = ?",
                Long.parseLong(id))).isEqualTo("SURRENDER COMPLETED " + surrender);
        assertThat(transactions()).isEqualTo(transactionsBefore + 1);
        open("/accounts?lang=en");
        signOut();
    }

    @Test
    void a_retirement_without_a_beneficiary_is_sent_back_and_a_complete_one_retires_the_units() throws Exception {
        String holding = accountOf(RETIRER);
        String surrender = governmentAccount("GD", "SURRENDER"), retirement = governmentAccount("GD", "RETIREMENT");
        long heldBefore = held(holding, GDEA), surrenderedBefore = held(surrender, GDEA), retiredBefore = held(retirement, GDEA),
                transactionsBefore = transactions();
        String beneficiary = "广州马拉松组委会 / Guangzhou Marathon 2025", purpose = "Event carbon neutrality 赛事碳中和";
        JavascriptExecutor js = (JavascriptExecutor) browser;

        signIn(RETIRER + "-init");
        find("#accounts tr[data-account='" + holding + "'] a").click();
        assertThat(find("#retire-form strong").getText()).isEqualTo("Voluntary retirement");
        new Select(find("#retire-series")).selectByValue(GDEA);
        find("#retire-quantity").sendKeys("1,500");
        find("#retire-purpose").sendKeys(purpose);

        // without a beneficiary the browser keeps the form and points at the empty field
        find("#retire-submit").click();
        WebElement missing = find("#retire-beneficiary");
        assertThat((Boolean) js.executeScript("return arguments[0].validity.valueMissing", missing)).isTrue();
        assertThat(missing.getDomProperty("validationMessage")).isNotBlank();
        assertThat(browser.findElements(By.cssSelector("#flash"))).isEmpty();
        screenshot("14-retirement-without-beneficiary");

        // sent anyway (the browser's check switched off), the server sends it back with a clear message and writes nothing
        js.executeScript("document.getElementById('retire-form').noValidate = true");
        WebElement refused = submit("#retire-submit");
        assertThat(refused.getAttribute("class")).contains("problem");
        assertThat(refused.getAttribute("data-code")).isEqualTo("VALIDATION_FAILED");
        assertThat(refused.getText()).contains("Refused").contains("Please check the form").contains("beneficiary");
        screenshot("15-retirement-refused");
        assertThat(transactions()).isEqualTo(transactionsBefore);
        assertThat(held(holding, GDEA)).isEqualTo(heldBefore);
        assertThat(held(retirement, GDEA)).isEqualTo(retiredBefore);

        // the refused form came back as it was sent: only the beneficiary is missing
        assertThat(new Select(find("#retire-series")).getFirstSelectedOption().getAttribute("value")).isEqualTo(GDEA);
        assertThat(find("#retire-quantity").getAttribute("value")).isEqualTo("1,500");
        assertThat(find("#retire-purpose").getAttribute("value")).isEqualTo(purpose);
        find("#retire-beneficiary").sendKeys(beneficiary);
        // retired units are gone for good: the form asks the person to say they know
        find("#retire-submit").click();
        assertThat((Boolean) js.executeScript("return document.getElementById('retire-confirm').validity.valueMissing")).isTrue();
        find("#retire-confirm").click();
        WebElement flash = submit("#retire-submit");
        assertThat(flash.getAttribute("data-status")).as(flash.getText()).isEqualTo("AWAITING_APPROVAL");
        String id = flash.getAttribute("data-transaction-id");
        WebElement proposed = find("#history tr[data-transaction-id='" + id + "']");
        assertThat(proposed.getAttribute("data-type")).isEqualTo("RETIRE");
        assertThat(proposed.getAttribute("data-status")).isEqualTo("AWAITING_APPROVAL");
        assertThat(proposed.findElement(By.cssSelector("td.to")).getText()).isEqualTo(retirement);
        assertThat(transactions()).isEqualTo(transactionsBefore + 1);
        assertThat(held(retirement, GDEA)).isEqualTo(retiredBefore);
        signOut();

        // the approver approves it from the transaction's own page
        signIn(RETIRER + "-appr");
        find("#nav-approvals").click();
        find("#inbox tr[data-transaction-id='" + id + "'] a").click();
        assertThat(find("#tx-beneficiary").getText()).isEqualTo(beneficiary);
        find("#confirm-final").click();
        WebElement approved = submit("#approve");
        assertThat(approved.getAttribute("data-status")).as(approved.getText()).isEqualTo("COMPLETED");
        assertThat(find("#transaction").getAttribute("data-status")).isEqualTo("COMPLETED");
        assertThat(find("#tx-to").getText()).isEqualTo(retirement);
        assertThat(find("#tx-beneficiary").getText()).isEqualTo(beneficiary);
        assertThat(find("#tx-purpose").getText()).isEqualTo(purpose);
        screenshot("16-retirement-completed");
        open("/accounts/" + holding);
        assertThat(find("#history tr[data-transaction-id='" + id + "']").getAttribute("data-status")).isEqualTo("COMPLETED");
        assertThat(shownQuantity(GDEA)).isEqualTo(heldBefore - 1_500);
        signOut();

        // units moved to the retirement account, not the surrender account; beneficiary and purpose stored as typed
        assertThat(held(holding, GDEA)).isEqualTo(heldBefore - 1_500);
        assertThat(held(retirement, GDEA)).isEqualTo(retiredBefore + 1_500);
        assertThat(held(surrender, GDEA)).isEqualTo(surrenderedBefore);
        long tx = Long.parseLong(id);
        assertThat(text("SELECT t.type || ' ' || t.status || ' ' || a.number FROM registry_transaction t JOIN account a ON a.id = t.to_account WHERE t.id = ?", tx))
                .isEqualTo("RETIRE COMPLETED " + retirement);
        assertThat(text("SELECT beneficiary FROM registry_transaction WHERE id = ?", tx)).isEqualTo(beneficiary);
        assertThat(text("SELECT purpose FROM registry_transaction WHERE id = ?", tx)).isEqualTo(purpose);
        assertThat(transactions()).isEqualTo(transactionsBefore + 1);

        // the regulator traces a retired serial: held now by the retirement account, named, and out of circulation
        signIn("admin-gd");
        open("/transactions/" + id);
        WebElement serialLink = find("#serials a");
        serialLink.click();
        awaitNextPage(serialLink);
        assertThat(find("#trace-holder").getText()).isEqualTo(retirement);
        assertThat(find("#trace-holder-name").getText()).isEqualTo(text("SELECT holder FROM account WHERE number = ?", retirement));
        assertThat(find("#trace-out-of-circulation").getText()).contains("left circulation");
        signOut();
    }

    @Test
    void the_public_report_renders_for_anyone() throws Exception {
        open("/public/report?lang=en");
        assertThat(find("#report-totals").getText()).contains("CEA").contains("Issued");
        assertThat(find("#report-csv").getAttribute("href")).endsWith("/public/report.csv");
        screenshot("8-public-report");
        open("/public/report?lang=zh_CN");
        assertThat(find("h1").getText()).isEqualTo("公开报告");
        open("/public/report?lang=en");
    }
}
