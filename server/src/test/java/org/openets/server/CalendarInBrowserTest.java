package org.openets.server;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A change of the business calendar in the pages, in headless Debian Chromium: one administrator of Shanghai proposes
 * a public holiday with a reason; it changes nothing until a second administrator approves it on the calendar page,
 * which then lists the day and the change with both. Works on SH, on a day four years ahead.
 */
class CalendarInBrowserTest extends BrowserTestBase {
    @Test
    void oneAdministratorProposesAHolidayAndASecondApprovesIt() throws Exception {
        LocalDate day = LocalDate.of(LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear() + 4, 10, 2);
        String page = "/admin/calendar?jurisdiction=SH&year=" + day.getYear() + "&lang=en";
        signIn("admin-sh");
        open(page);
        WebElement date = find("#calendar-day");
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", date, day.toString());
        find("#calendar-note").sendKeys("国庆节");
        find("#calendar-reason").sendKeys("国办发明电 第 1 号");
        WebElement flash = submit("#calendar-add-submit");
        assertThat(flash.getAttribute("data-code")).as(flash.getText()).isEqualTo("CALENDAR_PROPOSED");
        assertThat(count("SELECT count(*) FROM calendar_day WHERE jurisdiction = 'SH' AND day = ?", day)).isZero();
        // the proposer sees it pending, with Withdraw and no Approve
        WebElement pending = find("#calendar-proposals tr[data-jurisdiction='SH']");
        assertThat(pending.getText()).contains(day.toString(), "国庆节", "admin-sh");
        assertThat(pending.findElements(By.cssSelector("button.calendar-approve"))).isEmpty();
        screenshot("calendar-1-proposed");
        signOut();

        signIn("admin2-sh");
        open(page);
        flash = submit("#calendar-proposals tr[data-jurisdiction='SH'] button.calendar-approve");
        assertThat(flash.getAttribute("data-code")).as(flash.getText()).isEqualTo("CALENDAR_APPROVED");
        assertThat(count("SELECT count(*) FROM calendar_day WHERE jurisdiction = 'SH' AND day = ?", day)).isEqualTo(1);
        assertThat(find("#calendar-days tr[data-day='" + day + "']").getText()).contains("Public holiday", "国庆节");
        WebElement kept = find("#calendar-history tr[data-day='" + day + "']");
        assertThat(kept.getText()).contains("admin-sh", "admin2-sh", "国庆节");
        assertThat(browser.findElements(By.id("calendar-proposals"))).isEmpty();
        screenshot("calendar-2-approved");
        signOut();
    }
}
