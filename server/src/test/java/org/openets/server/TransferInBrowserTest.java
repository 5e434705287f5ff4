package org.openets.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person's way through the pages, in headless Debian Chromium: an initiator proposes a transfer, the entity's
 * approver approves it in the inbox, both see it completed in the history and the holdings change; the page
 * switches to Chinese; the public report renders. Screenshots go to {@code target/screenshots}.
 */
class TransferInBrowserTest extends ServerTestBase {
    static final String FROM = "sh-power-2", TO = "sh-power-1";
    static final String CHROMIUM = "/usr/bin/chromium", CHROMEDRIVER = "/usr/bin/chromedriver";

    static ChromeDriverService service;
    static WebDriver browser;
    static Path profile;

    @BeforeAll
    static void startBrowser() throws Exception {
        profile = Files.createTempDirectory("openets-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1360,1000", "--lang=en-US",
                "--user-data-dir=" + profile);
        service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopBrowser() throws Exception {
        if (browser != null) browser.quit();
        if (service != null) service.stop();
        if (profile != null) try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    void open(String path) { browser.get("http://localhost:" + port + path); }

    WebElement find(String css) {
        return new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElement(By.cssSelector(css)));
    }

    void screenshot(String name) throws Exception {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    void signIn(String login) {
        open("/login?lang=en");
        find("#username").sendKeys(login);
        find("#password").sendKeys(PASSWORD);
        find("#login").click();
        find("#accounts");
    }

    void signOut() {
        find("#logout").click();
        find("#username");
    }

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
        find("#transfer-submit").click();
        WebElement flash = find("#flash");
        assertThat(flash.getAttribute("data-status")).as(flash.getText()).isEqualTo("AWAITING_APPROVAL");
        String id = flash.getAttribute("data-transaction-id");
        assertThat(find("#history tr[data-transaction-id='" + id + "']").getAttribute("data-status")).isEqualTo("AWAITING_APPROVAL");
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
        row.findElement(By.cssSelector("button.approve")).click();
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
        find("#inbox tr[data-transaction-id='" + batch + "'] button.approve").click();
        // the first approval's message is still on the page until the next one loads
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(firstFlash));
        assertThat(find("#flash").getAttribute("data-status")).isEqualTo("COMPLETED");
        signOut();

        assertThat(count("SELECT coalesce(sum(next_serial - 1), 0) FROM unit_series WHERE unit_type = 'SZEA' AND vintage = 2024")).isEqualTo(issuedBefore + 100_000);
        assertThat(held(holder, "SZEA/2024")).isEqualTo(heldBefore + 1_000);
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
