package org.openets.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages' layout in headless Chromium: on a desktop the accounts page's finder is one row (its selects as wide as
 * their choices, not the row); on a phone's width (420 px) no page scrolls sideways as a whole — a wide table scrolls
 * inside itself, so the header, the forms and the buttons stay on the screen.
 */
class LayoutInBrowserTest extends BrowserTestBase {

    @AfterEach
    void desktop() {
        browser.manage().window().setSize(new Dimension(1360, 1000));
    }

    private long js(String script) {
        return ((Number) ((JavascriptExecutor) browser).executeScript(script)).longValue();
    }

    @Test
    void the_accounts_finder_is_one_row_on_a_desktop() {
        signIn("admin-cn");
        open("/accounts?lang=zh_CN");
        long top = find("#find-q").getLocation().getY();
        for (String css : List.of("#find-type", "#find-status", "#find-submit"))
            assertThat(Math.abs(find(css).getLocation().getY() - top)).as(css + " on the search field's row").isLessThan(12);
        assertThat(find("#find-type").getSize().getWidth()).as("a select as wide as its choices").isLessThan(300);
        signOut();
    }

    @Test
    void no_page_scrolls_sideways_on_a_phone() throws Exception {
        browser.manage().window().setSize(new Dimension(420, 900));
        signIn("admin-cn");
        for (String path : List.of("/accounts?lang=zh_CN", "/approvals?lang=zh_CN", "/accounts/" + accountOf("cn-power-1") + "?lang=zh_CN",
                "/admin/issuance?lang=zh_CN", "/public/report?lang=en")) {
            open(path);
            find("main");
            long scroll = js("return document.documentElement.scrollWidth"), width = js("return document.documentElement.clientWidth");
            if (scroll > width) screenshot("layout-phone-" + path.replaceAll("[^a-z0-9]+", "-"));
            assertThat(scroll).as(path + ": the page's width on a 420 px screen").isLessThanOrEqualTo(width);
        }
        signOut();
    }
}
