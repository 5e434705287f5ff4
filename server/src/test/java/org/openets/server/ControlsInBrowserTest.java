package org.openets.server;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A change of the controls in the pages, in headless Debian Chromium: one administrator of Shanghai proposes a longer
 * approval window for its auction-delivery account with a reason; it changes nothing until a second administrator
 * approves it on the controls page, which then lists it in the history. Works on SH AUCTION_DELIVERY only.
 */
class ControlsInBrowserTest extends BrowserTestBase {
    private static final String ROW = "table.controls[data-jurisdiction='SH'] tr.control-row[data-account-type='AUCTION_DELIVERY']";

    @Test
    void oneAdministratorProposesAndASecondApproves() throws Exception {
        try {
            signIn("admin-sh");
            open("/admin/controls?lang=en");
            find("#nav-controls");
            assertThat(find("#controls-explained").getText()).contains("Four-eyes", "Approval window");
            find(ROW + " summary.propose").click();
            WebElement hours = find(ROW + " input[name='approvalExpiryHours']");
            hours.clear();
            hours.sendKeys("120");
            find(ROW + " textarea[name='reason']").sendKeys("上海市生态环境局通知 2026 第 7 号");
            WebElement flash = submit(ROW + " button.propose-submit");
            assertThat(flash.getAttribute("data-code")).as(flash.getText()).isEqualTo("CONTROLS_PROPOSED");
            assertThat(count("SELECT approval_expiry_hours FROM control_setting WHERE jurisdiction = 'SH' AND account_type = 'AUCTION_DELIVERY'")).isEqualTo(72);
            // the proposer sees it pending, with Withdraw and no Approve
            WebElement pending = find("#control-proposals tr[data-jurisdiction='SH'][data-account-type='AUCTION_DELIVERY']");
            assertThat(pending.getText()).contains("72 → 120", "admin-sh");
            assertThat(pending.findElements(org.openqa.selenium.By.cssSelector("button.control-approve"))).isEmpty();
            screenshot("controls-1-proposed");
            signOut();

            signIn("admin2-sh");
            open("/admin/controls?lang=en");
            flash = submit("#control-proposals tr[data-jurisdiction='SH'][data-account-type='AUCTION_DELIVERY'] button.control-approve");
            assertThat(flash.getAttribute("data-code")).as(flash.getText()).isEqualTo("CONTROLS_APPROVED");
            assertThat(count("SELECT approval_expiry_hours FROM control_setting WHERE jurisdiction = 'SH' AND account_type = 'AUCTION_DELIVERY'")).isEqualTo(120);
            assertThat(find(ROW).getText()).contains("120");
            WebElement kept = find("#controls-history tr[data-jurisdiction='SH'][data-account-type='AUCTION_DELIVERY']");
            assertThat(kept.getText()).contains("上海市生态环境局通知 2026 第 7 号", "admin-sh", "admin2-sh");
            screenshot("controls-2-approved");
            signOut();
        } finally {
            update("UPDATE control_setting SET approval_expiry_hours = 72 WHERE jurisdiction = 'SH' AND account_type = 'AUCTION_DELIVERY'");
        }
    }
}
