package org.openets.server;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A regulator's and an entity's account work in the pages, in headless Debian Chromium: the administrator suspends an
 * account with a reason and reopens it (the status history shows both), proposes a forced deduction from it, and
 * issues within a cap the issuance page shows; the entity's initiator adds an account to its trusted list; the
 * language switch keeps the page's query; a refused page keeps the header. Works on sh-alu-1 only.
 */
class AccountAdministrationInBrowserTest extends BrowserTestBase {
    static final String ENTITY = "sh-alu-1";

    @Test
    void an_administrator_suspends_and_reopens_an_account_with_reasons_and_proposes_a_forced_deduction() throws Exception {
        String acct = accountOf(ENTITY);
        signIn("admin-sh");
        open("/accounts/" + acct);
        new Select(find("#status-new")).selectByValue("SUSPENDED");
        find("#status-reason").sendKeys("unpaid penalty, notice 2026-88");
        WebElement flash = submit("#status-submit");
        assertThat(flash.getAttribute("data-code")).as(flash.getText()).isEqualTo("STATUS_CHANGED");
        assertThat(flash.getText()).contains("Suspended");
        assertThat(find("#status-history tbody tr").getText()).contains("Suspended").contains("unpaid penalty, notice 2026-88").contains("admin-sh");
        assertThat(text("SELECT status FROM account WHERE number = ?", acct)).isEqualTo("SUSPENDED");
        screenshot("admin-1-suspended");

        // a change without a reason is sent back, nothing changes
        new Select(find("#status-new")).selectByValue("OPEN");
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("document.getElementById('status-reason').removeAttribute('required')");
        flash = submit("#status-submit");
        assertThat(flash.getAttribute("data-code")).isEqualTo("VALIDATION_FAILED");
        assertThat(text("SELECT status FROM account WHERE number = ?", acct)).isEqualTo("SUSPENDED");

        new Select(find("#status-new")).selectByValue("OPEN");
        find("#status-reason").sendKeys("penalty paid");
        flash = submit("#status-submit");
        assertThat(flash.getAttribute("data-code")).isEqualTo("STATUS_CHANGED");
        assertThat(browser.findElements(By.cssSelector("#status-history tbody tr"))).hasSize(2);
        assertThat(text("SELECT status FROM account WHERE number = ?", acct)).isEqualTo("OPEN");

        // the operations a regulator proposes on a holder's account; forced deduction waits for a second administrator
        assertThat(browser.findElements(By.cssSelector("#op-FORCED_DEDUCTION-form, #op-RETURN_OF_EXCESS-form, #op-FREEZE-form, #op-UNFREEZE-form"))).hasSize(4);
        String series = new Select(find("#op-FORCED_DEDUCTION-series")).getFirstSelectedOption().getAttribute("value");
        long before = held(acct, series);
        find("#op-FORCED_DEDUCTION-quantity").sendKeys("7");
        flash = submit("#op-FORCED_DEDUCTION-submit");
        assertThat(flash.getAttribute("data-status")).as(flash.getText()).isEqualTo("AWAITING_APPROVAL");
        String id = flash.getAttribute("data-transaction-id");
        assertThat(text("SELECT type FROM registry_transaction WHERE id = ?", Long.parseLong(id))).isEqualTo("FORCED_DEDUCTION");
        assertThat(held(acct, series)).isEqualTo(before);
        screenshot("admin-2-forced-deduction");
        signOut();

        // the entity's own people see the status history but no status form and no administrator operations
        signIn(ENTITY + "-init");
        open("/accounts/" + acct);
        assertThat(find("#status-history").getText()).contains("penalty paid");
        assertThat(browser.findElements(By.cssSelector("#status-form, #op-FORCED_DEDUCTION-form"))).isEmpty();
        signOut();
    }

    @Test
    void an_initiator_adds_an_account_to_the_trusted_list() throws Exception {
        String acct = accountOf(ENTITY);
        String other = text("SELECT b.number FROM account b, account a WHERE a.number = ? AND b.id <> a.id AND b.type = 'COVERED_ENTITY_HOLDING' "
                + "AND NOT EXISTS (SELECT 1 FROM trusted_account t WHERE t.account_id = a.id AND t.trusted_account_id = b.id) ORDER BY b.id LIMIT 1", acct);
        signIn(ENTITY + "-init");
        open("/accounts/" + acct);
        int rows = browser.findElements(By.cssSelector("#trusted tbody tr")).size();
        find("#trust-account").sendKeys(other);
        WebElement flash = submit("#trust-submit");
        assertThat(flash.getAttribute("data-code")).as(flash.getText()).isEqualTo("TRUSTED");
        assertThat(browser.findElements(By.cssSelector("#trusted tbody tr"))).hasSize(rows + 1);
        assertThat(find("#trusted tr[data-account='" + other + "']").getText()).contains(other);
        screenshot("trusted-1-added");
        signOut();

        // the approver reads the list but does not keep it
        signIn(ENTITY + "-appr");
        open("/accounts/" + acct);
        assertThat(find("#trusted").getText()).contains(other);
        assertThat(browser.findElements(By.cssSelector("#trust-form"))).isEmpty();
        signOut();
    }

    @Test
    void the_issuance_page_shows_the_caps_and_offers_a_vintage_with_room() throws Exception {
        signIn("admin-sh");
        open("/admin/issuance");
        WebElement vintage = find("#issue-vintage");
        String v = vintage.getAttribute("value");
        new Select(find("#issue-unit-type")).selectByValue("SHEA");
        WebElement cap = find("#caps tr[data-unit-type='SHEA'][data-vintage='" + v + "']");
        assertThat(Long.parseLong(cap.findElement(By.cssSelector(".remaining")).getText().replace(",", ""))).isPositive();
        find("#issue-quantity").sendKeys("1");
        WebElement flash = submit("#issue-submit");
        assertThat(flash.getAttribute("data-code")).as(flash.getText()).isEqualTo("PROPOSED");
        assertThat(flash.getAttribute("data-status")).isEqualTo("AWAITING_APPROVAL");
        signOut();
    }

    @Test
    void switching_language_keeps_the_page_and_a_refused_page_keeps_its_header() throws Exception {
        String serial = text("SELECT s.unit_type FROM unit_series s WHERE s.unit_type = 'SHEA' LIMIT 1");
        assertThat(serial).isNotNull();
        signIn(ENTITY + "-init");
        open("/serials?serial=SH-SHEA-2024-000000000001&lang=en");
        find("#lang-zh").click();
        new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("lang=zh_CN"));
        assertThat(browser.getCurrentUrl()).contains("serial=SH-SHEA-2024-000000000001");
        assertThat(find("html").getAttribute("lang")).isEqualTo("zh");

        // a transaction of another jurisdiction: refused, and the page still has the navigation and the language
        long foreign = count("SELECT min(t.id) FROM registry_transaction t JOIN account a ON a.id = t.to_account WHERE a.jurisdiction = 'GD'");
        open("/transactions/" + foreign + "?lang=en");
        assertThat(find("#error").getAttribute("data-code")).isEqualTo("NOT_AUTHORISED");
        assertThat(browser.findElements(By.cssSelector("#nav-accounts, #logout"))).hasSize(2);
        assertThat(find("html").getAttribute("lang")).isEqualTo("en");
        open("/no-such-page");
        assertThat(find("#error").getAttribute("data-code")).isEqualTo("NOT_FOUND");
        assertThat(browser.findElements(By.cssSelector("#nav-accounts"))).hasSize(1);
        signOut();
    }
}
