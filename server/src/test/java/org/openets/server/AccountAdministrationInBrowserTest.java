package org.openets.server;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A regulator's and an entity's account work in the pages, in headless Debian Chromium: the administrator suspends an
 * account with a reason and reopens it (the status history shows both), proposes a forced deduction from it, and
 * issues within a cap the issuance page shows, proposes a cap that a second administrator approves; the entity's initiator adds an account to its trusted list, its approver approves the addition, and the initiator removes it; the
 * language switch keeps the page's query; a refused page keeps the header. Works on sh-alu-1 only.
 */
class AccountAdministrationInBrowserTest extends BrowserTestBase {
    static final String ENTITY = "sh-alu-1";

    @Test
    void an_administrator_suspends_and_reopens_an_account_with_reasons_and_proposes_a_forced_deduction() throws Exception {
        // the status is changed on an account of this test's own (other classes send units to the demo entities)
        var opened = postJson("/api/v1/accounts", "admin-sh", tradingAccount("SH", "status test"));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        String acct = json(opened).path("number").asString();
        signIn("admin-sh");
        open("/accounts/" + acct);
        new Select(find("#status-new")).selectByValue("SUSPENDED");
        find("#status-reason").sendKeys("unpaid penalty, notice 2026-88");
        // a status change takes effect at once: the page says so, and it is not made until the administrator ticks the confirmation
        assertThat(find("#status-at-once").getText()).contains("takes effect at once").contains("reason");
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("document.getElementById('status-confirm').removeAttribute('required')");
        WebElement flash = submit("#status-submit");
        assertThat(flash.getAttribute("data-code")).as(flash.getText()).isEqualTo("VALIDATION_FAILED");
        assertThat(flash.getText()).contains("takes effect at once");
        assertThat(text("SELECT status FROM account WHERE number = ?", acct)).isEqualTo("OPEN");
        // the form comes back with its reason
        assertThat(find("#status-reason").getAttribute("value")).isEqualTo("unpaid penalty, notice 2026-88");
        new Select(find("#status-new")).selectByValue("SUSPENDED");
        find("#status-confirm").click();
        flash = submit("#status-submit");
        assertThat(flash.getAttribute("data-code")).as(flash.getText()).isEqualTo("STATUS_CHANGED");
        assertThat(flash.getText()).contains("Suspended");
        assertThat(find("#status-history tbody tr").getText()).contains("Suspended").contains("unpaid penalty, notice 2026-88").contains("admin-sh");
        assertThat(text("SELECT status FROM account WHERE number = ?", acct)).isEqualTo("SUSPENDED");
        screenshot("admin-1-suspended");

        // a change without a reason is sent back, nothing changes
        new Select(find("#status-new")).selectByValue("OPEN");
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("document.getElementById('status-reason').removeAttribute('required')");
        find("#status-confirm").click();
        flash = submit("#status-submit");
        assertThat(flash.getAttribute("data-code")).isEqualTo("VALIDATION_FAILED");
        assertThat(text("SELECT status FROM account WHERE number = ?", acct)).isEqualTo("SUSPENDED");

        new Select(find("#status-new")).selectByValue("OPEN");
        find("#status-reason").sendKeys("penalty paid");
        find("#status-confirm").click();
        flash = submit("#status-submit");
        assertThat(flash.getAttribute("data-code")).isEqualTo("STATUS_CHANGED");
        assertThat(browser.findElements(By.cssSelector("#status-history tbody tr"))).hasSize(2);
        assertThat(text("SELECT status FROM account WHERE number = ?", acct)).isEqualTo("OPEN");

        // closing is final: without the confirmation it is sent back, with it the account is closed
        new Select(find("#status-new")).selectByValue("CLOSED");
        find("#status-reason").sendKeys("holder dissolved");
        find("#status-confirm").click();
        flash = submit("#status-submit");
        assertThat(flash.getAttribute("data-code")).isEqualTo("VALIDATION_FAILED");
        assertThat(text("SELECT status FROM account WHERE number = ?", acct)).isEqualTo("OPEN");
        new Select(find("#status-new")).selectByValue("CLOSED");
        find("#status-confirm").click();
        find("#status-confirm-close").click();
        flash = submit("#status-submit");
        assertThat(flash.getAttribute("data-code")).as(flash.getText()).isEqualTo("STATUS_CHANGED");
        assertThat(text("SELECT status FROM account WHERE number = ?", acct)).isEqualTo("CLOSED");
        assertThat(browser.findElements(By.cssSelector("#status-form, #trust-form"))).isEmpty();

        // the operations a regulator proposes on a holder's account; forced deduction waits for a second administrator
        acct = accountOf(ENTITY);
        open("/accounts/" + acct);
        assertThat(browser.findElements(By.cssSelector("#op-FORCED_DEDUCTION-form, #op-RETURN_OF_EXCESS-form, #op-FREEZE-form, #op-UNFREEZE-form"))).hasSize(4);
        String series = new Select(find("#op-FORCED_DEDUCTION-series")).getFirstSelectedOption().getAttribute("value");
        long before = held(acct, series);
        find("#op-FORCED_DEDUCTION-quantity").sendKeys("7");
        find("#op-FORCED_DEDUCTION-reason").sendKeys("沪环 2026 第 9 号处罚决定");
        // deducted units are not given back: without the tick nothing is proposed and the form comes back as typed
        long deductions = count("SELECT count(*) FROM registry_transaction WHERE type = 'FORCED_DEDUCTION'");
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("document.getElementById('op-FORCED_DEDUCTION-confirm').removeAttribute('required')");
        flash = submit("#op-FORCED_DEDUCTION-submit");
        assertThat(flash.getAttribute("data-code")).as(flash.getText()).isEqualTo("VALIDATION_FAILED");
        assertThat(flash.getText()).contains("not given back");
        assertThat(count("SELECT count(*) FROM registry_transaction WHERE type = 'FORCED_DEDUCTION'")).isEqualTo(deductions);
        assertThat(find("#op-FORCED_DEDUCTION-quantity").getAttribute("value")).isEqualTo("7");
        assertThat(find("#op-FORCED_DEDUCTION-reason").getAttribute("value")).isEqualTo("沪环 2026 第 9 号处罚决定");
        find("#op-FORCED_DEDUCTION-confirm").click();
        flash = submit("#op-FORCED_DEDUCTION-submit");
        assertThat(flash.getAttribute("data-status")).as(flash.getText()).isEqualTo("AWAITING_APPROVAL");
        String id = flash.getAttribute("data-transaction-id");
        assertThat(text("SELECT type || ':' || purpose FROM registry_transaction WHERE id = ?", Long.parseLong(id))).isEqualTo("FORCED_DEDUCTION:沪环 2026 第 9 号处罚决定");
        assertThat(held(acct, series)).isEqualTo(before);
        screenshot("admin-2-forced-deduction");
        signOut();

        // the entity's own people see no status form and no administrator operations
        signIn(ENTITY + "-init");
        open("/accounts/" + acct);
        find("#holdings");
        assertThat(browser.findElements(By.cssSelector("#status-form, #op-FORCED_DEDUCTION-form"))).isEmpty();
        // a cancellation takes units out of circulation for good: not proposed until the person confirms it
        long cancels = count("SELECT count(*) FROM registry_transaction WHERE type = 'CANCEL' AND from_account = (SELECT id FROM account WHERE number = ?)", acct);
        find("#op-CANCEL-quantity").sendKeys("3");
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("document.getElementById('op-CANCEL-confirm').removeAttribute('required')");
        flash = submit("#op-CANCEL-submit");
        assertThat(flash.getAttribute("data-code")).as(flash.getText()).isEqualTo("VALIDATION_FAILED");
        assertThat(count("SELECT count(*) FROM registry_transaction WHERE type = 'CANCEL' AND from_account = (SELECT id FROM account WHERE number = ?)", acct)).isEqualTo(cancels);
        find("#op-CANCEL-confirm").click();
        flash = submit("#op-CANCEL-submit");
        assertThat(flash.getAttribute("data-code")).as(flash.getText()).isEqualTo("PROPOSED");
        assertThat(count("SELECT count(*) FROM registry_transaction WHERE type = 'CANCEL' AND from_account = (SELECT id FROM account WHERE number = ?)", acct)).isEqualTo(cancels + 1);
        signOut();
    }

    @Test
    void an_initiator_adds_an_account_to_the_trusted_list() throws Exception {
        String acct = accountOf(ENTITY);
        String other = text("SELECT b.number FROM account b, account a WHERE a.number = ? AND b.id <> a.id AND b.type = 'COVERED_ENTITY_HOLDING' "
                + "AND NOT EXISTS (SELECT 1 FROM trusted_account t WHERE t.account_id = a.id AND t.trusted_account_id = b.id) "
                + "AND NOT EXISTS (SELECT 1 FROM trusted_account_addition p WHERE p.account_id = a.id AND p.trusted_account_id = b.id AND p.status = 'PENDING') ORDER BY b.id LIMIT 1", acct);
        signIn(ENTITY + "-init");
        open("/accounts/" + acct);
        int rows = browser.findElements(By.cssSelector("#trusted tbody tr")).size();
        // a refused form comes back as it was sent, to be corrected
        find("#trust-account").sendKeys("SH-999-999999");
        WebElement refused = submit("#trust-submit");
        assertThat(refused.getAttribute("data-code")).isEqualTo("UNKNOWN_ACCOUNT");
        assertThat(find("#trust-account").getAttribute("value")).isEqualTo("SH-999-999999");
        find("#trust-account").clear();
        find("#trust-account").sendKeys(other);
        WebElement flash = submit("#trust-submit");
        // 4-eyes (covered entities): pending, not on the list, until the approver approves it; the proposer may withdraw it
        assertThat(flash.getAttribute("data-code")).as(flash.getText()).isEqualTo("TRUSTED_PENDING");
        assertThat(browser.findElements(By.cssSelector("#trusted tbody tr"))).hasSize(rows);
        String pending = "#trusted-pending tr[data-account='" + other + "'] ";
        assertThat(find(pending + ".proposed-by").getText()).isEqualTo(ENTITY + "-init");
        assertThat(browser.findElements(By.cssSelector(pending + "button.trust-withdraw-submit"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector(pending + "button.trust-approve-submit"))).as("no Approve for the proposer").isEmpty();
        screenshot("trusted-1-proposed");
        signOut();

        // the approver reads the list but does not keep it; they approve the addition, ticking that they checked it
        signIn(ENTITY + "-appr");
        open("/accounts/" + acct);
        assertThat(browser.findElements(By.cssSelector("#trust-form"))).isEmpty();
        find(pending + "input.confirm-trust").click();
        WebElement approved = submit(pending + "button.trust-approve-submit");
        assertThat(approved.getAttribute("data-code")).as(approved.getText()).isEqualTo("TRUSTED_APPROVED");
        assertThat(browser.findElements(By.cssSelector("#trusted tbody tr"))).hasSize(rows + 1);
        assertThat(find("#trusted tr[data-account='" + other + "']").getText()).contains(other);
        assertThat(browser.findElements(By.cssSelector(pending))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#trusted form.untrust"))).as("no Remove button for the approver").isEmpty();
        screenshot("trusted-1-added");
        signOut();

        // the initiator removes it again, after confirming: at once, and the page shows who removed it and when
        signIn(ENTITY + "-init");
        open("/accounts/" + acct);
        String row = "#trusted tr[data-account='" + other + "'] ";
        find(row + "input[name='confirm']").click();
        WebElement removed = submit(row + "button.untrust");
        assertThat(removed.getAttribute("data-code")).as(removed.getText()).isEqualTo("UNTRUSTED");
        assertThat(browser.findElements(By.cssSelector(row))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#trusted tbody tr"))).hasSize(rows);
        find("#trusted-removals summary").click();
        assertThat(find("#trusted-removals tr[data-account='" + other + "']").getText()).contains(other).contains(ENTITY + "-init");
        screenshot("trusted-2-removed");
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
        // refused (no cap for that vintage): the form keeps what was typed
        WebElement vintageField = find("#issue-vintage");
        vintageField.clear();
        vintageField.sendKeys("2099");
        find("#issue-quantity").sendKeys("1,234");
        WebElement refused = submit("#issue-submit");
        assertThat(refused.getAttribute("data-code")).as(refused.getText()).isEqualTo("EXCEEDS_CAP");
        assertThat(find("#issue-vintage").getAttribute("value")).isEqualTo("2099");
        assertThat(find("#issue-quantity").getAttribute("value")).isEqualTo("1,234");
        assertThat(new Select(find("#issue-unit-type")).getFirstSelectedOption().getAttribute("value")).isEqualTo("SHEA");
        open("/admin/issuance");
        new Select(find("#issue-unit-type")).selectByValue("SHEA");
        assertThat(find("#issue-vintage").getAttribute("value")).isEqualTo(v);
        find("#issue-quantity").sendKeys("1");
        WebElement flash = submit("#issue-submit");
        assertThat(flash.getAttribute("data-code")).as(flash.getText()).isEqualTo("PROPOSED");
        assertThat(flash.getAttribute("data-status")).isEqualTo("AWAITING_APPROVAL");
        signOut();
    }

    @Test
    void a_regulator_proposes_the_cap_of_a_new_vintage_a_second_one_approves_it_in_chinese_and_a_cap_below_what_is_issued_is_refused() throws Exception {
        signIn("admin-sh");
        open("/admin/issuance?lang=zh_CN");
        new Select(find("#cap-unit-type")).selectByValue("SHEA");
        find("#cap-vintage").sendKeys("2035");
        find("#cap-quantity").sendKeys("2,000,000");
        find("#cap-source").sendKeys("上海市生态环境局通知 2035-1");
        WebElement flash = submit("#cap-submit");
        assertThat(flash.getAttribute("data-code")).as(flash.getText()).isEqualTo("CAP_PROPOSED");
        assertThat(flash.getText()).contains("总量上限已提议").contains("2,000,000");
        // proposed, not in effect: it waits for a second administrator, and its proposer may only withdraw it
        WebElement proposal = find("#cap-proposals tr[data-unit-type='SHEA'][data-vintage='2035']");
        assertThat(proposal.findElement(By.cssSelector(".proposed")).getText()).isEqualTo("2,000,000");
        assertThat(proposal.findElements(By.cssSelector("button.cap-approve"))).isEmpty();
        assertThat(proposal.findElement(By.cssSelector("summary.cap-withdraw")).getText()).isEqualTo("撤回");
        assertThat(browser.findElements(By.cssSelector("#caps tr[data-unit-type='SHEA'][data-vintage='2035']"))).isEmpty();

        // below what is issued: refused in the page's language, the form kept as typed, nothing written
        new Select(find("#cap-unit-type")).selectByValue("SHEA");
        find("#cap-vintage").sendKeys("2024");
        find("#cap-quantity").sendKeys("1");
        find("#cap-source").sendKeys("x");
        WebElement refused = submit("#cap-submit");
        assertThat(refused.getAttribute("data-code")).as(refused.getText()).isEqualTo("CAP_BELOW_ISSUED");
        assertThat(refused.getText()).contains("低于已签发量");
        assertThat(find("#cap-vintage").getAttribute("value")).isEqualTo("2024");
        assertThat(find("#cap-quantity").getAttribute("value")).isEqualTo("1");
        assertThat(count("SELECT count(*) FROM issuance_limit_proposal WHERE unit_type = 'SHEA' AND vintage = 2024")).isZero();
        screenshot("cap-1-proposed");
        signOut();

        // the second administrator approves it from the approval inbox
        signIn("admin2-sh");
        open("/approvals?lang=zh_CN");
        WebElement waiting = find("#inbox-caps tr[data-unit-type='SHEA'][data-vintage='2035']");
        assertThat(waiting.findElement(By.cssSelector(".proposed-by")).getText()).isEqualTo("admin-sh");
        WebElement approve = waiting.findElement(By.cssSelector("button.cap-approve"));
        approve.click();
        awaitNextPage(approve);
        flash = find("#flash");
        assertThat(flash.getAttribute("data-code")).as(flash.getText()).isEqualTo("CAP_APPROVED");
        assertThat(flash.getText()).contains("总量上限已批准并生效").contains("2,000,000");
        open("/admin/issuance?lang=zh_CN");
        assertThat(find("#caps tr[data-unit-type='SHEA'][data-vintage='2035'] .cap").getText()).isEqualTo("2,000,000");
        WebElement version = find("#cap-history tr[data-unit-type='SHEA'][data-vintage='2035']");
        assertThat(version.findElement(By.cssSelector(".set-by")).getText()).isEqualTo("admin2-sh");
        assertThat(version.findElement(By.cssSelector(".proposed-by")).getText()).isEqualTo("admin-sh");
        assertThat(version.getText()).contains("上海市生态环境局通知 2035-1").contains("经两名管理员提议并批准");
        screenshot("cap-2-approved");
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

    @Test
    void a_batch_is_approved_as_a_whole_and_a_completed_line_can_be_reversed() throws Exception {
        String acct = accountOf(ENTITY), other = accountOf("sh-power-1");
        signIn("admin-sh");
        open("/admin/allocation");
        String series = new Select(find("#allocate-series")).getFirstSelectedOption().getAttribute("value");
        long heldBefore = held(acct, series), otherBefore = held(other, series);
        // the second line as a Chinese keyboard types it: a full-width comma and a full-width digit (an allocation table
        // names each account once)
        find("#allocate-lines").sendKeys(acct + " 5\n" + other + "，６");
        WebElement flash = submit("#allocate-submit");
        assertThat(flash.getAttribute("data-code")).as(flash.getText()).isEqualTo("BATCH_PROPOSED");
        long first = Long.parseLong(flash.getAttribute("data-transaction-id"));
        signOut();

        signIn("admin2-sh");
        open("/approvals");
        // the batch is one decision: one row with its totals, its lines on its own page
        WebElement line1 = find("#inbox tr[data-transaction-id='" + first + "']");
        assertThat(line1.findElement(By.cssSelector(".batch-note")).getText()).contains("2 line(s)");
        assertThat(line1.findElement(By.cssSelector(".batch-total")).getText()).isEqualTo("11");
        assertThat(line1.findElement(By.cssSelector(".batch-destinations")).getText()).contains("2 account");
        assertThat(line1.findElement(By.cssSelector("button.approve")).getText()).isEqualTo("Approve the whole batch");
        assertThat(browser.findElements(By.cssSelector("#inbox tr[data-transaction-id='" + (first + 1) + "']"))).isEmpty();
        screenshot("batch-1-inbox");
        // approving without saying the lines were checked does not send the form
        WebElement b = line1.findElement(By.cssSelector("button.approve"));
        b.click();
        assertThat(text("SELECT status FROM registry_transaction WHERE id = ?", first)).isEqualTo("AWAITING_APPROVAL");
        line1.findElement(By.cssSelector("a.batch-lines")).click();
        assertThat(find("#batch-totals").getText()).contains("2 line(s)", "11 t in all");
        assertThat(browser.findElements(By.cssSelector("#batch-lines tbody tr"))).hasSize(2);
        open("/approvals");
        line1 = find("#inbox tr[data-transaction-id='" + first + "']");
        line1.findElement(By.cssSelector("input.confirm-batch")).click();
        b = line1.findElement(By.cssSelector("button.approve"));
        b.click();
        awaitNextPage(b);
        flash = find("#flash");
        assertThat(flash.getAttribute("data-code")).as(flash.getText()).isEqualTo("BATCH_APPROVED");
        assertThat(flash.getText()).contains("2 line(s)");
        assertThat(text("SELECT string_agg(status, ',' ORDER BY id) FROM registry_transaction WHERE id IN (?, ?)", first, first + 1)).isEqualTo("COMPLETED,COMPLETED");
        assertThat(held(acct, series)).isEqualTo(heldBefore + 5);
        assertThat(held(other, series)).isEqualTo(otherBefore + 6);

        // the second line, completed, is reversed by a new transaction a second administrator approves
        open("/transactions/" + (first + 1));
        assertThat(find("#tx-to").getTagName()).isEqualTo("a");
        find("#reverse-reason").sendKeys("allocated to the wrong account");
        find("#reverse-confirm").click();
        flash = submit("#reverse-submit");
        assertThat(flash.getAttribute("data-status")).as(flash.getText()).isEqualTo("AWAITING_APPROVAL");
        long reversal = Long.parseLong(flash.getAttribute("data-transaction-id"));
        assertThat(text("SELECT type || ':' || reverses FROM registry_transaction WHERE id = ?", reversal)).isEqualTo("REVERSAL:" + (first + 1));
        // the reversal names what it reverses, and the original names its pending reversal; the form is not offered again
        assertThat(find("#tx-reversed-by").getText()).isEqualTo("#" + reversal);
        assertThat(browser.findElements(By.cssSelector("#reverse-form"))).isEmpty();
        open("/transactions/" + reversal);
        assertThat(find("#tx-reverses").getText()).isEqualTo("#" + (first + 1));
        assertThat(find("#tx-purpose").getText()).isEqualTo("allocated to the wrong account");
        assertThat(held(other, series)).isEqualTo(otherBefore + 6);
        signOut();

        // the entity sees its allocation; its people cannot reverse, and the allocation account is not a link for them
        signIn(ENTITY + "-init");
        open("/transactions/" + first);
        assertThat(browser.findElements(By.cssSelector("#reverse-form"))).isEmpty();
        assertThat(find("#tx-from").getTagName()).isEqualTo("span");
        assertThat(find("#tx-to").getTagName()).isEqualTo("a");
        signOut();
    }

    @Test
    void a_declined_transaction_shows_who_declined_it() throws Exception {
        String acct = accountOf(ENTITY), to = accountOf("sh-power-1");
        long id = proposeTransfer(acct, to);
        // a regulator's inbox holds no holder's own transfer: it needs the holder's approver, not a regulator (the controls'
        // default), and the page offers no "show them too"
        signIn("admin-sh");
        open("/approvals?lang=en");
        assertThat(browser.findElements(By.cssSelector("#inbox tr[data-transaction-id='" + id + "']"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#inbox-scope, #inbox-all"))).isEmpty();
        open("/approvals?all=true&lang=en");
        assertThat(browser.findElements(By.cssSelector("#inbox tr[data-transaction-id='" + id + "']"))).isEmpty();
        // where Shanghai's controls let administrators approve covered entities' own transactions, it is shown on request
        update("UPDATE control_setting SET administrators_approve_holders = true WHERE jurisdiction = 'SH' AND account_type = 'COVERED_ENTITY_HOLDING'");
        try {
            open("/approvals?lang=en");
            assertThat(browser.findElements(By.cssSelector("#inbox tr[data-transaction-id='" + id + "']"))).isEmpty();
            assertThat(find("#inbox-scope").getText()).contains("Holders' own transactions");
            WebElement all = find("#inbox-all");
            all.click();
            awaitNextPage(all);
            assertThat(find("#inbox tr[data-transaction-id='" + id + "']").getText()).contains(acct);
        } finally {
            update("UPDATE control_setting SET administrators_approve_holders = false WHERE jurisdiction = 'SH' AND account_type = 'COVERED_ENTITY_HOLDING'");
        }
        signOut();
        signIn(ENTITY + "-appr");
        open("/transactions/" + id);
        // the decline asks why: the browser does not send it without a reason
        find("#decline-open").click();
        find("#decline").click();
        assertThat(((org.openqa.selenium.JavascriptExecutor) browser).executeScript("return arguments[0].validity.valueMissing", find("#decline-reason")))
                .isEqualTo(true);
        assertThat(text("SELECT status FROM registry_transaction WHERE id = ?", id)).isEqualTo("AWAITING_APPROVAL");
        find("#decline-reason").sendKeys("Wrong receiving account: use the 2025 compliance account");
        WebElement flash = submit("#decline");
        assertThat(flash.getAttribute("data-code")).as(flash.getText()).isEqualTo("DECLINED");
        assertThat(flash.getAttribute("class")).contains("done");
        assertThat(find("#tx-decided-by").getText()).contains(ENTITY + "-appr");
        assertThat(find("#tx-decline-reason").getText()).isEqualTo("Wrong receiving account: use the 2025 compliance account");
        assertThat(find("#transaction").getText()).contains("Declined by").contains("Ended");
        assertThat(find("#tx-rejection-text").getText()).isEqualTo("Declined by the approver.");
        signOut();
    }

    @Test
    void an_administrator_opens_an_account_and_grants_and_revokes_a_role() throws Exception {
        signIn("admin-sh");
        open("/accounts");
        new Select(find("#open-type")).selectByValue("TRADING_HOLDING");
        find("#open-holder").sendKeys("上海浦江碳资产管理有限公司");
        new Select(find("#open-holder-kind")).selectByValue("ORGANISATION");
        String code = uscc();
        find("#open-entity-code").sendKeys(code);
        WebElement flash = submit("#open-submit");
        assertThat(flash.getAttribute("data-code")).as(flash.getText()).isEqualTo("ACCOUNT_OPENED");
        String number = browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1);
        assertThat(number).startsWith("SH-121-");
        assertThat(find("h1").getText()).contains("上海浦江碳资产管理有限公司");

        find("#grant-login").sendKeys("sh-alu-1-appr");
        new Select(find("#grant-role")).selectByValue("APPROVER");
        flash = submit("#grant-submit");
        assertThat(flash.getAttribute("data-code")).as(flash.getText()).isEqualTo("ROLE_GRANTED");
        assertThat(find("#representatives tr[data-login='sh-alu-1-appr'][data-role='APPROVER']").getText()).contains("sh-alu-1-appr");
        screenshot("admin-3-representatives");

        // an unknown person is sent back with the form as typed
        find("#grant-login").sendKeys("no-such-person");
        flash = submit("#grant-submit");
        assertThat(flash.getAttribute("data-code")).isEqualTo("UNKNOWN_USER");
        assertThat(find("#grant-login").getAttribute("value")).isEqualTo("no-such-person");

        WebElement revoke = find("#representatives tr[data-login='sh-alu-1-appr'] button.revoke");
        revoke.click();
        awaitNextPage(revoke);
        assertThat(find("#flash").getAttribute("data-code")).isEqualTo("ROLE_REVOKED");
        assertThat(browser.findElements(By.cssSelector("#representatives tr[data-login='sh-alu-1-appr']"))).isEmpty();
        assertThat(count("SELECT count(*) FROM representative_change c JOIN account a ON a.id = c.account_id WHERE a.number = ?", number)).isEqualTo(2);
        // the page keeps the record of who granted and revoked what
        find("#representative-changes summary").click();
        assertThat(browser.findElements(By.cssSelector("#representative-changes tbody tr"))).hasSize(2);
        assertThat(find("#representative-changes tbody tr").getText()).contains("sh-alu-1-appr").contains("Revoked").contains("admin-sh");
        signOut();

        // an entity's person has no opening form
        signIn(ENTITY + "-init");
        open("/accounts");
        assertThat(browser.findElements(By.cssSelector("#open-form"))).isEmpty();
        signOut();
    }

    /** Proposes a transfer of 3 t over the API as the entity's initiator; returns its id (it waits for approval). */
    long proposeTransfer(String from, String to) {
        String series = text("SELECT s.unit_type || '/' || s.vintage FROM holding h JOIN account a ON a.id = h.account_id JOIN unit_series s ON s.id = h.series_id "
                + "WHERE a.number = ? AND h.quantity - h.frozen > 10 ORDER BY s.id LIMIT 1", from);
        var r = postJson("/api/v1/transactions", ENTITY + "-init", """
                {"commandId":"%s","type":"TRANSFER","from":"%s","to":"%s","unitType":"%s","vintage":%s,"quantity":3}""".formatted(
                "decl-" + System.nanoTime(), from, to, series.substring(0, series.indexOf('/')), series.substring(series.indexOf('/') + 1)));
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 202);
        assertThat(json(r).path("status").asString()).isEqualTo("AWAITING_APPROVAL");
        return json(r).path("id").asLong();
    }
}
