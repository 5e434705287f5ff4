package org.openets.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * The real server with a real browser: headless Debian Chromium driven through Debian's chromedriver (no tool
 * downloads a browser), one per test class, and the steps a person takes in the pages. Screenshots go to
 * {@code target/screenshots}.
 */
abstract class BrowserTestBase extends ServerTestBase {
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
        browser = null;
        service = null;
        profile = null;
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

    /** Signs in on the English login page and waits for the signed-in page (the navigation names the person). */
    void signIn(String login) {
        open("/login?lang=en");
        find("#username").sendKeys(login);
        find("#password").sendKeys(PASSWORD);
        find("#login").click();
        find("#who");
    }

    void signOut() {
        find("#logout").click();
        find("#username");
    }

    /**
     * Waits until the page that held {@code old} has been replaced. While the document is being swapped, Chromium
     * may answer "node does not belong to the document" (an unknown error, not a stale element): asked again.
     */
    void awaitNextPage(WebElement old) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(WebDriverException.class).until(ExpectedConditions.stalenessOf(old));
    }

    /** Clicks a form's button, waits until the next page has replaced this one, and returns the next page's message. */
    WebElement submit(String button) {
        WebElement b = find(button);
        b.click();
        awaitNextPage(b);
        return find("#flash");
    }
}
