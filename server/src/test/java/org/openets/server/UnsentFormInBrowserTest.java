package org.openets.server;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.Select;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In Chromium: a representative fills in the transfer form, is signed out in another tab meanwhile, and presses the
 * button. Nothing is proposed; the sign-in page says the session ended and nothing was sent; once signed in again they
 * are back on the account with the form filled in as they typed it, and a message to check it and send it again —
 * which then goes on to the transfer's review as usual.
 */
class UnsentFormInBrowserTest extends BrowserTestBase {
    static final String ENTITY = "fj-cement-1";

    @Test
    void a_transfer_typed_before_the_session_ended_comes_back_after_signing_in() throws Exception {
        String from = accountOf(ENTITY), to = accountOf("fj-power-1");
        signIn(ENTITY + "-init");
        open("/accounts/" + from);
        find("#transfer-to").sendKeys(to);
        Select series = new Select(find("#transfer-series"));
        List<WebElement> options = series.getOptions();
        String chosen = options.getLast().getAttribute("value");
        series.selectByValue(chosen);
        find("#transfer-quantity").sendKeys("2,468");
        String form = browser.getWindowHandle();

        // meanwhile the person signs out in another tab (the same as the session timing out)
        browser.switchTo().newWindow(WindowType.TAB);
        open("/accounts");
        signOut();
        browser.close();
        browser.switchTo().window(form);

        long before = transactions();
        WebElement button = find("#transfer-submit");
        button.click();
        awaitNextPage(button);
        WebElement unsent = find("#form-unsent");
        assertThat(unsent.getText()).contains("nothing was done");
        screenshot("unsent-1-sign-in");
        assertThat(transactions()).isEqualTo(before);

        find("#username").sendKeys(ENTITY + "-init");
        find("#password").sendKeys(PASSWORD);
        find("#login").click();
        WebElement resumed = find("#form-resumed");
        assertThat(resumed.getText()).contains("check it, and send the form again");
        assertThat(browser.getCurrentUrl()).endsWith("/accounts/" + from);
        assertThat(find("#transfer-to").getAttribute("value")).isEqualTo(to);
        assertThat(new Select(find("#transfer-series")).getFirstSelectedOption().getAttribute("value")).isEqualTo(chosen);
        assertThat(find("#transfer-quantity").getAttribute("value")).isEqualTo("2,468");
        screenshot("unsent-2-filled-in-again");
        assertThat(transactions()).isEqualTo(before);

        // sent again: the transfer's review, as for any transfer (nothing proposed until it is confirmed)
        find("#transfer-submit").click();
        assertThat(find("#review-to").getText()).isEqualTo(to);
        assertThat(find("#review-quantity").getText()).isEqualTo("2,468");
        assertThat(transactions()).isEqualTo(before);
        signOut();
    }
}
