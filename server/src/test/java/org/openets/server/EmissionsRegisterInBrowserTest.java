package org.openets.server;

import org.junit.jupiter.api.Test;
import org.openets.kernel.Jurisdiction;
import org.openets.registry.Account;
import org.openets.registry.AccountType;
import org.openets.store.PgRegistryAdministration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MRV register page in headless Debian Chromium: Shanghai's regulator (admin-sh) opens the register from the
 * navigation, defines a covered entity linked to a holding account (one this test opens, so no demo entity changes),
 * adds a facility and a generating unit (a bad capacity first: the field's problem is shown and what was typed
 * stays), then appends a version from the unit's "New version…" link, which starts from the current data; a
 * back-dated version is refused and the history reads as before. The page in Chinese. Screenshots go to
 * {@code target/screenshots}.
 */
class EmissionsRegisterInBrowserTest extends BrowserTestBase {
    @Autowired PgRegistryAdministration admin;

    /** Picks a day in a date field, as the browser's date picker would (typing into it depends on the browser's locale). */
    void day(String css, String isoDay) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", find(css), isoDay);
    }

    void type(String css, String text) {
        WebElement e = find(css);
        e.clear();
        e.sendKeys(text);
    }

    @Test
    void the_regulator_defines_an_entity_and_an_installation_and_appends_a_version_in_the_page() throws Exception {
        String suffix = Long.toString(System.nanoTime() % 1_000_000, 36);
        String entity = "sh-page-" + suffix, holder = "上海浦江测试电厂 " + suffix;
        Account account = admin.openAccount(Jurisdiction.of("SH"), AccountType.COVERED_ENTITY_HOLDING, holder, null);

        signIn("admin-sh");
        find("#nav-register").click();
        assertThat(find("h1").getText()).isEqualTo("MRV register");
        screenshot("r1-register");

        // the entity, linked to the new holding account
        type("#entity-id", entity);
        type("#entity-name", holder);
        new Select(find("#entity-jurisdiction")).selectByValue("SH");
        new Select(find("#entity-account")).selectByValue(account.number());
        WebElement defined = submit("#entity-submit");
        assertThat(defined.getAttribute("data-code")).as(defined.getText()).isEqualTo("REGISTER_ENTITY");
        WebElement card = find("section.entity[data-entity='" + entity + "']");
        assertThat(card.findElement(By.cssSelector(".entity-account")).getText()).isEqualTo(account.number());
        // linked now: the account is no longer offered
        assertThat(find("#entity-account").getText()).doesNotContain(account.number());

        new Select(find("#facility-entity")).selectByValue(entity);
        type("#facility-id", "F1");
        type("#facility-name", "吴淞口一厂");
        assertThat(submit("#facility-submit").getAttribute("data-code")).isEqualTo("REGISTER_FACILITY");

        // a generating unit, with a capacity of 0 first: the field is named, nothing is saved, what was typed stays
        new Select(find("#inst-entity")).selectByValue(entity);
        type("#inst-facility", "F1");
        type("#inst-id", "G1");
        new Select(find("#inst-kind")).selectByValue("GENERATING_UNIT");
        day("#inst-validFrom", "2012-06-01");
        type("#inst-reason", "首次登记");
        type("#inst-capacity", "0");
        day("#inst-commissioned", "2012-05-20");
        type("#inst-province", "上海市");
        type("#inst-city", "宝山区");
        new Select(find("#inst-category")).selectByValue("CONVENTIONAL_COAL_ABOVE_300MW");
        new Select(find("#inst-pressure")).selectByValue("SUPERCRITICAL");
        new Select(find("#inst-cooling")).selectByValue("WATER");
        find("#inst-heatSupply").click();
        WebElement refused = submit("#inst-submit");
        assertThat(refused.getAttribute("data-code")).isEqualTo("VALIDATION_FAILED");
        assertThat(find("#field-problems tr.field-problem[data-field='spec.capacity']").getText()).contains("greater than 0");
        // the form the page opens at says so too
        assertThat(find("#inst-form .form-problem li[data-field='spec.capacity']").getText()).contains("greater than 0");
        assertThat(count("SELECT count(*) FROM emission_installation WHERE entity_id = ?", entity)).isZero();
        assertThat(find("#inst-city").getAttribute("value")).isEqualTo("宝山区");
        assertThat(new Select(find("#inst-pressure")).getFirstSelectedOption().getAttribute("value")).isEqualTo("SUPERCRITICAL");
        assertThat(find("#inst-heatSupply").isSelected()).isTrue();
        screenshot("r2-installation-refused");
        type("#inst-capacity", "600");
        WebElement added = submit("#inst-submit");
        assertThat(added.getAttribute("data-code")).as(added.getText()).isEqualTo("REGISTER_INST");
        String g1 = "#installation-" + entity + "-G1";
        assertThat(browser.findElements(By.cssSelector(g1 + " tr.version"))).hasSize(1);
        assertThat(find(g1 + " tr.version").getText()).contains("600 MW").contains("Conventional coal, above 300 MW").contains("Supercritical")
                .contains("首次登记").contains("admin-sh");

        // a re-rating: the unit's "New version…" starts from its current data
        find(g1 + " a.new-version").click();
        assertThat(new Select(find("#ver-installation")).getFirstSelectedOption().getAttribute("value")).isEqualTo(entity + "/G1");
        assertThat(find("#ver-capacity").getAttribute("value")).isEqualTo("600");
        assertThat(find("#ver-province").getAttribute("value")).isEqualTo("上海市");
        assertThat(find("#ver-heatSupply").isSelected()).isTrue();
        day("#ver-validFrom", "2024-01-01");
        type("#ver-capacity", "660");
        new Select(find("#ver-pressure")).selectByValue("ULTRA_SUPERCRITICAL");
        type("#ver-reason", "增容改造 / retrofit to 660 MW");
        screenshot("r3-new-version-form");
        WebElement appended = submit("#ver-submit");
        assertThat(appended.getAttribute("data-code")).as(appended.getText()).isEqualTo("REGISTER_VER");
        List<WebElement> versions = browser.findElements(By.cssSelector(g1 + " tr.version"));
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).getAttribute("data-valid-from")).isEqualTo("2012-06-01");
        assertThat(versions.get(0).getText()).contains("2023-12-31").contains("600 MW");
        assertThat(versions.get(1).getAttribute("data-current")).isEqualTo("true");
        assertThat(versions.get(1).getText()).contains("660 MW").contains("Ultra-supercritical").contains("增容改造");
        screenshot("r4-version-history");

        // back-dated: refused, the history as it was
        find(g1 + " a.new-version").click();
        day("#ver-validFrom", "2020-01-01");
        type("#ver-reason", "back-dated");
        WebElement backDated = submit("#ver-submit");
        assertThat(backDated.getAttribute("data-code")).isEqualTo("VERSION_NOT_AFTER_LAST");
        assertThat(backDated.getText()).contains("must start after");
        assertThat(find("#ver-reason").getAttribute("value")).isEqualTo("back-dated");
        assertThat(browser.findElements(By.cssSelector(g1 + " tr.version"))).hasSize(2);
        assertThat(count("SELECT count(*) FROM emission_installation_version WHERE entity_id = ? AND recorded_by = 'admin-sh'", entity)).isEqualTo(2);

        // the same page in Chinese
        open("/emissions/register?lang=zh_CN");
        assertThat(find("h1").getText()).isEqualTo("排放单位名录");
        assertThat(find(g1 + " tr.version.current").getText()).contains("超超临界").contains("常规燃煤机组");
        screenshot("r5-register-zh");
        open("/emissions/register?lang=en");
        signOut();
    }
}
