package org.openets.server;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a regulator first sees in the quick start's demo: the transfer delay at work on trading accounts, a national
 * allocation run that resolves every entity and fits what the allocation account holds, pages in one language, and
 * people's names (not role words) as display names.
 */
class DemoDataHttpTest extends ServerTestBase {

    @Test
    void the_demo_has_trading_accounts_with_valid_holder_identifiers_and_representatives() {
        assertThat(count("SELECT count(*) FROM account WHERE jurisdiction = 'CN' AND type = 'TRADING_HOLDING' AND holder_kind = 'ORGANISATION' "
                + "AND holder IN ('北京绿碳资产管理有限公司', '上海浦江碳投资有限公司')")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM account WHERE jurisdiction = 'CN' AND type = 'TRADING_HOLDING' AND holder_kind = 'PERSON' AND holder = '王建国'"))
                .isEqualTo(1);
        for (DemoMarket.Trader t : DemoMarket.TRADERS) {
            String code = t.code();
            String check = t.kind() == org.openets.registry.HolderKind.PERSON
                    ? String.valueOf(org.openets.kernel.PersonIdScheme.check(code.substring(0, 17)))
                    : String.valueOf(org.openets.kernel.EntityCodeScheme.uscCheck(code.substring(0, 17)));
            assertThat(code).as(t.key()).hasSize(18).endsWith(check);
            assertThat(text("SELECT entity_code FROM account WHERE holder = ? AND type = 'TRADING_HOLDING'", t.name())).isEqualTo(code);
            assertThat(count("SELECT count(*) FROM representative r JOIN account a ON a.id = r.account_id WHERE a.holder = ? AND r.actor IN (?, ?)",
                    t.name(), t.key() + "-init", t.key() + "-appr")).as(t.key()).isEqualTo(2);
        }
        // the banner prints the trading logins with the others
        assertThat(String.join("\n", new DemoMarketLogins().lines())).contains("cn-trader-1-init / -appr", "cn-trader-2-init / -appr", "cn-person-1-init / -appr");
    }

    /** The banner's lines without a loaded market (account numbers are left blank then). */
    static final class DemoMarketLogins {
        List<String> lines() {
            return new DemoMarket(null, null, null, null, null, java.time.Clock.systemUTC(), null, null, null, null).logins();
        }
    }

    @Test
    void one_transfer_is_delayed_at_start_and_one_completed_after_its_delay() {
        String trading = "(SELECT id FROM account WHERE type = 'TRADING_HOLDING' AND holder IN ('北京绿碳资产管理有限公司', '上海浦江碳投资有限公司', '王建国'))";
        // DELAYED (延迟执行中) now, executing later by the calendar
        assertThat(count("SELECT count(*) FROM registry_transaction WHERE type = 'TRANSFER' AND status = 'DELAYED' AND executes_at > now() "
                + "AND approved_at IS NOT NULL AND from_account IN " + trading + " AND to_account IN " + trading)).isEqualTo(1);
        // completed once its delay had passed: approved, delayed until executes_at, completed then or after
        assertThat(count("SELECT count(*) FROM registry_transaction WHERE type = 'TRANSFER' AND status = 'COMPLETED' AND executes_at IS NOT NULL "
                + "AND executes_at > approved_at AND completed_at >= executes_at AND completed_at <= now() "
                + "AND from_account IN " + trading + " AND to_account IN " + trading)).isEqualTo(1);
        String delayedFrom = text("SELECT a.number FROM registry_transaction t JOIN account a ON a.id = t.from_account WHERE t.status = 'DELAYED' "
                + "AND a.type = 'TRADING_HOLDING' AND t.command_id = 'demo-cn-trade-delayed-2'");
        assertThat(delayedFrom).isNotNull();
        HttpResponse<String> page = send(request("/accounts/" + delayedFrom + "?lang=zh_CN", null).header("Cookie", session("cn-trader-2-init").cookie()).GET().build());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("status-DELAYED");
        assertThat(page.body()).contains("延迟执行中");
    }

    @Test
    void the_national_allocation_run_resolves_every_entity_and_its_source_covers_it() {
        long run = count("SELECT min(id) FROM allocation_run WHERE jurisdiction = 'CN' AND year = 2019 AND kind = 'ALLOCATION' AND population_name = 'cn-power-2019.csv'");
        JsonNode plan = json(get("/api/v1/allocation/runs/" + run + "/issuance-plan", "admin-cn"));
        assertThat(plan.path("unresolved").size()).as(plan.toString()).isZero();
        JsonNode r = json(get("/api/v1/allocation/runs/" + run, "admin-cn")).path("run");
        long total = r.path("total").asLong();
        assertThat(total).isPositive();
        long planned = 0;
        List<String> to = new ArrayList<>();
        for (JsonNode l : plan.path("lines")) {
            planned += l.path("quantity").asLong();
            to.add(l.path("note").asString());
        }
        // every entity of the population, cn-power-4 (a gas unit, in the emissions register since the fix) included
        assertThat(to).contains("true-up cn-power-1", "true-up cn-power-2", "true-up cn-power-3", "true-up cn-power-4");
        assertThat(planned).as("the plan issues the run's whole total").isEqualTo(total);
        // the cap and the allocation account cover it: the run may be issued as it stands
        assertThat(count("SELECT quantity FROM issuance_limit WHERE unit_type = 'CEA' AND vintage = 2019")).isGreaterThanOrEqualTo(total);
        assertThat(held(governmentAccount("CN", "ALLOCATION"), "CEA/2019")).isGreaterThanOrEqualTo(total);
        HttpResponse<String> page = send(request("/allocation/runs/" + run + "?lang=zh_CN", null).header("Cookie", session("admin-cn").cookie()).GET().build());
        assertThat(page.body()).doesNotContain("id=\"unresolved\"").contains("data-short=\"false\"").doesNotContain("data-short=\"true\"");
        // and Guangdong's 2016 run: GDEA/2016 issued into Guangdong's allocation account, which covers its lines and its paid part
        long gd = count("SELECT min(id) FROM allocation_run WHERE jurisdiction = 'GD' AND year = 2016 AND kind = 'ALLOCATION'");
        JsonNode gdPlan = json(get("/api/v1/allocation/runs/" + gd + "/issuance-plan", "admin-gd"));
        assertThat(gdPlan.path("unresolved").size()).isZero();
        long gdDraws = 0;
        for (JsonNode l : gdPlan.path("lines")) gdDraws += l.path("quantity").asLong();
        assertThat(held(governmentAccount("GD", "ALLOCATION"), "GDEA/2016")).isGreaterThanOrEqualTo(gdDraws).isPositive();
        HttpResponse<String> gdPage = send(request("/allocation/runs/" + gd + "?lang=zh_CN", null).header("Cookie", session("admin-gd").cookie()).GET().build());
        assertThat(gdPage.body()).doesNotContain("id=\"unresolved\"").contains("data-short=\"false\"").doesNotContain("data-short=\"true\"");
    }

    @Test
    void demo_names_are_in_the_pages_language() {
        // one title field: the demo's titles are Chinese only
        assertThat(count("SELECT count(*) FROM allocation_run WHERE title LIKE '%/ %'")).isZero();
        // bilingual ruleset titles: the page shows its language's part
        String en = send(request("/allocation?lang=en", null).header("Cookie", session("admin-cn").cookie()).GET().build()).body();
        assertThat(en).contains("CN-POWER-2019-2020 — National power 2019–2020").doesNotContain("（发电行业）/ National power 2019–2020<");
        String zh = send(request("/allocation?lang=zh_CN", null).header("Cookie", session("admin-cn").cookie()).GET().build()).body();
        assertThat(zh).contains("（发电行业）<").doesNotContain("/ National power 2019–2020<");
        // the register: no English notes, no raw enum in the installation choice
        String register = send(request("/emissions/register?lang=zh_CN", null).header("Cookie", session("admin-cn").cookie()).GET().build()).body();
        assertThat(register).doesNotContain("· GENERATING_UNIT").contains("cn-power-1/G1 · 发电机组");
        assertThat(count("SELECT count(*) FROM emission_installation_version WHERE entity_id IN ('cn-power-1', 'cn-power-2', 'cn-power-3', 'cn-power-4') "
                + "AND valid_from < '2016-01-01' AND reason <> '首次登记'")).isZero();
        assertThat(count("SELECT count(*) FROM consulting_link WHERE entity_id = 'cn-power-3' AND nature = '碳资产管理咨询'")).isEqualTo(1);
        String registerEn = send(request("/emissions/register?lang=en", null).header("Cookie", session("admin-cn").cookie()).GET().build()).body();
        assertThat(registerEn).doesNotContain("· GENERATING_UNIT");
    }

    @Test
    void demo_display_names_are_peoples_names_not_role_words() {
        long demoPeople = count("SELECT count(*) FROM platform_user WHERE login ~ '^(auditor|admin2?-(cn|gd|sz|sh|fj)|(cn|gd|sz|sh|fj)-[a-z]+-[0-9]+-(init|appr)|verifier-[12])$'");
        assertThat(demoPeople).isGreaterThanOrEqualTo(1 + 10 + 2 * 20 + 2 * 3 + 2);
        assertThat(count("SELECT count(*) FROM platform_user WHERE login ~ '^(auditor|admin2?-(cn|gd|sz|sh|fj)|(cn|gd|sz|sh|fj)-[a-z]+-[0-9]+-(init|appr)|verifier-[12])$' "
                + "AND (display_name ~ '(经办|复核|审计|核查员|管理员|生态环境|有限公司|/)' OR display_name ~ '[A-Za-z]' OR length(display_name) > 4)")).isZero();
        // different people, different names
        assertThat(count("SELECT count(DISTINCT display_name) FROM platform_user WHERE login ~ '^(auditor|admin2?-(cn|gd|sz|sh|fj)|(cn|gd|sz|sh|fj)-[a-z]+-[0-9]+-(init|appr)|verifier-[12])$'"))
                .isEqualTo(demoPeople);
    }
}
