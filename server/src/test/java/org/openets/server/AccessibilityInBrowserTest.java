package org.openets.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages against WCAG 2.1 A and AA, as Deque's axe-core checks them in headless Chromium: every main page, in
 * Chinese and in English, as a registry administrator, a covered entity's initiator and approver, the auditor and a
 * person not signed in. axe-core comes from the test classpath (the {@code org.webjars.npm:axe-core} WebJar): it is
 * injected into each page, nothing is downloaded while the tests run. A serious or critical violation fails the test
 * (rule, impact, element and page are listed); moderate and minor ones are printed only.
 *
 * <p>Works on the Guangdong entity gd-power-1 (whose transfer awaits its approver since the demo starts) and reads
 * only: the transfer form's first step proposes nothing.
 */
class AccessibilityInBrowserTest extends BrowserTestBase {
    static final String ENTITY = "gd-power-1";
    static final List<String> LANGUAGES = List.of("zh_CN", "en");
    /** WCAG 2.0 and 2.1, levels A and AA: the rules axe-core tags so (these fail the test). */
    static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    /** Also run, printed only: axe-core's best practices (heading order, landmarks, ...), advice beyond WCAG's criteria. */
    static final String ADVICE = "best-practice";

    static String axe;

    /** One element that breaks one rule on one page. */
    record Violation(String page, String rule, String impact, boolean wcag, String target, String help) {
        boolean blocking() { return wcag && ("serious".equals(impact) || "critical".equals(impact)); }

        @Override
        public String toString() { return impact + " " + rule + (wcag ? "" : " (best practice)") + " on " + page + " at " + target + " (" + help + ")"; }
    }

    final List<Violation> found = new ArrayList<>();
    int pages;

    @BeforeAll
    static void loadAxe() throws IOException {
        Properties pom = new Properties();
        try (InputStream in = resource("META-INF/maven/org.webjars.npm/axe-core/pom.properties")) {
            pom.load(in);
        }
        try (InputStream in = resource("META-INF/resources/webjars/axe-core/" + pom.getProperty("version") + "/axe.min.js")) {
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static InputStream resource(String name) {
        InputStream in = AccessibilityInBrowserTest.class.getClassLoader().getResourceAsStream(name);
        assertThat(in).as(name + " on the test classpath (the axe-core WebJar)").isNotNull();
        return in;
    }

    @BeforeEach
    void scripts() {
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    }

    @AfterEach
    void signedOut() {
        if (!browser.findElements(By.id("logout")).isEmpty()) signOut();
    }

    /** Runs axe-core on the page the browser shows now, and keeps what it finds under {@code name}. */
    void check(String name) {
        find("main");
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript(axe);
        String tags = "['" + String.join("','", WCAG) + "','" + ADVICE + "']";
        Object result = js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: " + tags + "}, resultTypes: ['violations']})"
                + ".then(r => done(JSON.stringify(r.violations)), e => done('failed: ' + e));");
        String json = String.valueOf(result);
        assertThat(json).as("axe-core on " + name).startsWith("[");
        pages++;
        for (JsonNode v : JSON.readTree(json)) {
            boolean wcag = false;
            for (JsonNode tag : v.path("tags")) wcag |= WCAG.contains(tag.asString());
            for (JsonNode node : v.path("nodes"))
                found.add(new Violation(name, v.path("id").asString(), node.path("impact").asString(v.path("impact").asString()), wcag,
                        node.path("target").toString(), v.path("help").asString()));
        }
    }

    /** Opens a page in each language and checks it. */
    void checkPage(String who, String path) {
        for (String lang : LANGUAGES) {
            open(path + (path.contains("?") ? "&" : "?") + "lang=" + lang);
            check(who + " " + path + " [" + lang + "]");
        }
    }

    /** A link's path on this server (its href without scheme and host). */
    static String path(WebElement link) { return link.getAttribute("href").replaceFirst("^https?://[^/]+", ""); }

    /** Prints every violation; fails listing the serious and critical ones against WCAG. */
    void assertNoBlockingViolations() {
        assertThat(pages).as("pages checked").isPositive();
        found.stream().filter(v -> !v.blocking()).forEach(v -> System.out.println("accessibility (not failing): " + v));
        List<String> blocking = found.stream().filter(Violation::blocking).map(Violation::toString).toList();
        blocking.forEach(v -> System.out.println("accessibility: " + v));
        assertThat(blocking).as("serious or critical WCAG 2.1 A/AA violations on " + pages + " pages").isEmpty();
    }

    @Test
    void the_pages_without_signing_in() {
        checkPage("anonymous", "/login");
        checkPage("anonymous", "/public/report");
        checkPage("anonymous", "/public/accounts");
        // a wrong password: the sign-in page with its message
        open("/login?lang=en");
        find("#username").sendKeys(ENTITY + "-init");
        find("#password").sendKeys("not-the-password");
        find("#login").click();
        find("#login-error");
        check("anonymous /login?error [en]");
        assertNoBlockingViolations();
    }

    @Test
    void a_covered_entitys_initiator_pages_and_forms() {
        String account = accountOf(ENTITY);
        signIn(ENTITY + "-init");
        checkPage("initiator", "/");
        checkPage("initiator", "/accounts");
        checkPage("initiator", "/accounts/" + account);
        checkPage("initiator", "/approvals");
        checkPage("initiator", "/me/password");
        checkPage("initiator", "/emissions");
        checkPage("initiator", "/allocation");
        open("/accounts/" + account + "?lang=en");
        String serial = find("#blocks a.serial").getText();
        checkPage("initiator", "/serials?serial=" + serial);
        for (String lang : LANGUAGES) {
            // the transfer form's first step: what will happen (nothing is proposed before it is confirmed)
            open("/accounts/" + account + "?lang=" + lang);
            find("#transfer-to").sendKeys(accountOf("gd-power-2"));
            new Select(find("#transfer-series")).selectByIndex(0);
            find("#transfer-quantity").sendKeys("1");
            find("#transfer-submit").click();
            find("#transfer-confirm");
            check("initiator transfer review [" + lang + "]");
        }
        assertNoBlockingViolations();
    }

    @Test
    void a_covered_entitys_approver_inbox_and_transaction() {
        String pending = text("SELECT id::text FROM registry_transaction WHERE command_id = 'demo-gd-trade-2'");
        signIn(ENTITY + "-appr");
        checkPage("approver", "/approvals");
        checkPage("approver", "/transactions/" + pending);
        assertNoBlockingViolations();
    }

    @Test
    void a_registry_administrators_pages() {
        signIn("admin-gd");
        checkPage("administrator", "/accounts");
        checkPage("administrator", "/accounts/" + accountOf(ENTITY));
        checkPage("administrator", "/accounts/" + governmentAccount("GD", "ALLOCATION"));
        checkPage("administrator", "/approvals");
        // an error page: a transaction's number that is not one
        checkPage("administrator", "/transactions?id=x");
        checkPage("administrator", "/admin/controls");
        checkPage("administrator", "/admin/calendar");
        checkPage("administrator", "/admin/issuance");
        checkPage("administrator", "/admin/allocation");
        checkPage("administrator", "/allocation");
        // an allocation run's page; the demo's comparison of two plans, with its chart
        String comparison = path(find("#comparisons a"));
        checkPage("administrator", "/allocation/runs/" + count("SELECT min(id) FROM allocation_run WHERE jurisdiction = 'GD' AND kind = 'ALLOCATION'"));
        checkPage("administrator", comparison);
        checkPage("administrator", "/admin/people");
        checkPage("administrator", "/emissions/overview");
        checkPage("administrator", "/emissions/register");
        checkPage("administrator", "/audit/journal");
        checkPage("administrator", "/transaction-log");
        assertNoBlockingViolations();
    }

    @Test
    void a_verifiers_queue_and_report() {
        signIn("verifier-1");
        checkPage("verifier", "/emissions/queue");
        checkPage("verifier", path(find("#queue a.report-link")));
        assertNoBlockingViolations();
    }

    /**
     * What axe-core does not check, with the keyboard alone: the first Tab stop skips the header's links to the page's
     * content, and the element the keyboard is on is drawn with a ring.
     */
    @Test
    void the_keyboard_skips_the_header_and_its_focus_is_seen() {
        signIn("admin-gd");
        for (String lang : LANGUAGES) {
            open("/accounts?lang=" + lang);
            find("main");
            browser.switchTo().activeElement().sendKeys(Keys.TAB);
            WebElement skip = browser.switchTo().activeElement();
            assertThat(skip.getAttribute("id")).as("the first Tab stop [" + lang + "]").isEqualTo("skip");
            assertThat(skip.getText()).isNotBlank();
            assertThat(skip.getRect().getY()).as("the skip link is on the screen when focused").isGreaterThanOrEqualTo(0);
            assertFocusRing(lang);
            skip.sendKeys(Keys.ENTER);
            browser.switchTo().activeElement().sendKeys(Keys.TAB);
            assertThat((Boolean) ((JavascriptExecutor) browser).executeScript("return document.activeElement.closest('main') !== null"))
                    .as("after the skip link, Tab goes on in the page's content [" + lang + "]").isTrue();
            assertFocusRing(lang);
        }
    }

    void assertFocusRing(String lang) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        String style = (String) js.executeScript("const s = getComputedStyle(document.activeElement); return s.outlineStyle + ' ' + s.outlineWidth;");
        assertThat(style).as("the focused " + browser.switchTo().activeElement().getAttribute("id") + "'s outline [" + lang + "]")
                .doesNotStartWith("none").doesNotEndWith(" 0px");
    }

    @Test
    void the_auditors_pages() {
        signIn("auditor");
        checkPage("auditor", "/accounts");
        checkPage("auditor", "/accounts/" + accountOf(ENTITY));
        checkPage("auditor", "/audit");
        checkPage("auditor", "/admin/controls");
        checkPage("auditor", "/admin/calendar");
        checkPage("auditor", "/admin/people");
        assertNoBlockingViolations();
    }
}
