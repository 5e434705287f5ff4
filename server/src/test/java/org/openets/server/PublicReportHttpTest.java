package org.openets.server;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public report and the public list of accounts, read by nobody signed in: what moved in each calendar year adds up
 * to the totals and follows a surrender and its reversal; the list names covered entities and their codes and never a
 * trading account's holder; pages of a hundred; the CSV files say what the pages say. Surrenders FJEA 2024 from
 * fj-cement-1 (and reverses it); opens trading accounts in SH, which no other test counts.
 */
class PublicReportHttpTest extends ServerTestBase {
    static final int YEAR = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();
    static final String BOM = "\uFEFF";

    static long yearTotal(JsonNode years, String jurisdiction, String unitType, int vintage, int year, String measure) {
        long sum = 0;
        for (JsonNode r : years)
            if (r.path("jurisdiction").asString().equals(jurisdiction) && r.path("unitType").asString().equals(unitType) && r.path("vintage").asInt() == vintage
                    && r.path("year").asInt() == year && r.path("measure").asString().equals(measure)) sum += r.path("quantity").asLong();
        return sum;
    }

    JsonNode years() {
        HttpResponse<String> r = get("/api/v1/public/report/years", null);
        assertThat(r.statusCode()).isEqualTo(200);
        return json(r);
    }

    /** Proposes as the initiator, approves as the approver when it waits for one; answers the completed transaction's id. */
    long completed(String body, String initiator, String approver) {
        HttpResponse<String> proposed = postJson("/api/v1/transactions", initiator, body);
        assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(201);
        JsonNode t = json(proposed);
        if (t.path("status").asString().equals("AWAITING_APPROVAL")) {
            HttpResponse<String> approved = post("/api/v1/transactions/" + t.path("id").asLong() + "/approve", approver);
            assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
            t = json(approved);
        }
        assertThat(t.path("status").asString()).as(t.toString()).isEqualTo("COMPLETED");
        return t.path("id").asLong();
    }

    @Test
    void a_surrender_counts_in_the_year_it_completed_and_its_reversal_counts_against_that_year() {
        long before = yearTotal(years(), "FJ", "FJEA", 2024, YEAR, "SURRENDERED");
        long surrender = completed("""
                {"commandId":"public-year-surrender","type":"SURRENDER","from":"%s","unitType":"FJEA","vintage":2024,"quantity":7}"""
                .formatted(accountOf("fj-cement-1")), "fj-cement-1-init", "fj-cement-1-appr");
        assertThat(yearTotal(years(), "FJ", "FJEA", 2024, YEAR, "SURRENDERED")).isEqualTo(before + 7);

        completed("""
                {"commandId":"public-year-reversal","type":"REVERSAL","reverses":%d,"purpose":"surrendered by mistake"}""".formatted(surrender),
                "admin-fj", "admin2-fj");
        assertThat(yearTotal(years(), "FJ", "FJEA", 2024, YEAR, "SURRENDERED")).isEqualTo(before);
    }

    @Test
    void what_moved_in_each_year_adds_up_to_the_totals_and_the_csv_says_the_same() {
        // a retirement this year, so that more than issuance is in the years
        completed("""
                {"commandId":"public-year-retire","type":"RETIRE","from":"%s","unitType":"FJEA","vintage":2024,"quantity":3,
                 "beneficiary":"福建龙岩闽西水泥有限公司","purpose":"自愿减排"}""".formatted(accountOf("fj-cement-1")), "fj-cement-1-init", "fj-cement-1-appr");
        JsonNode report = json(get("/api/v1/public/report", null));
        // the totals first, then the holdings, in the API as in the CSV
        boolean holdings = false;
        for (JsonNode r : report) {
            if (r.path("section").asString().equals("HOLDINGS")) holdings = true;
            else assertThat(holdings).as("a total after a holding: " + r).isFalse();
        }
        JsonNode years = years();
        Map<String, Long> byYears = new HashMap<>();
        for (JsonNode r : years) {
            assertThat(r.path("quantity").asLong()).isNotZero();
            byYears.merge(r.path("jurisdiction").asString() + "/" + r.path("unitType").asString() + "/" + r.path("vintage").asInt() + "/"
                    + r.path("measure").asString(), r.path("quantity").asLong(), Long::sum);
        }
        Map<String, Long> totals = new HashMap<>();
        for (JsonNode r : report)
            if (r.path("section").asString().equals("TOTALS") && r.path("quantity").asLong() != 0)
                totals.put(r.path("jurisdiction").asString() + "/" + r.path("unitType").asString() + "/" + r.path("vintage").asInt() + "/"
                        + r.path("measure").asString(), r.path("quantity").asLong());
        assertThat(byYears).isEqualTo(totals);
        assertThat(byYears).containsKeys("FJ/FJEA/2024/ISSUED", "FJ/FJEA/2024/RETIRED", "CN/CEA/2024/ISSUED");
        assertThat(yearTotal(years, "FJ", "FJEA", 2024, YEAR, "RETIRED")).isGreaterThanOrEqualTo(3);

        HttpResponse<String> csv = get("/public/report-years.csv", null);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body()).startsWith(BOM + "jurisdiction,year,unit_type,vintage,measure,quantity,as_of\r\n");
        List<String> lines = csv.body().lines().skip(1).toList();
        assertThat(lines).hasSize(years.size());
        assertThat(lines).contains("FJ," + YEAR + ",FJEA,2024,RETIRED," + yearTotal(years, "FJ", "FJEA", 2024, YEAR, "RETIRED") + ","
                + lines.getFirst().substring(lines.getFirst().lastIndexOf(',') + 1));
        assertThat(lines.stream().map(l -> l.substring(l.lastIndexOf(',') + 1)).distinct()).hasSize(1);

        // the page shows the years, in each language
        String en = get("/public/report?lang=en", null).body(), zh = get("/public/report?lang=zh_CN", null).body();
        assertThat(en).contains("id=\"report-years\"", "By year", "Retired", "href=\"/public/accounts\"");
        assertThat(zh).contains("按年度", "自愿注销", "账户列表");
    }

    @Test
    void the_public_list_names_organisations_and_their_codes_and_never_a_natural_person() {
        String company = "上海公开名单测试投资有限公司", companyCode = uscc(), person = "公开名单测试自然人", personId = ric();
        HttpResponse<String> opened = postJson("/api/v1/accounts", "admin-sh", """
                {"jurisdiction":"SH","type":"TRADING_HOLDING","holder":"%s","holderKind":"ORGANISATION","entityCode":"%s"}""".formatted(company, companyCode));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        String companyAccount = json(opened).path("number").asString();
        opened = postJson("/api/v1/accounts", "admin-sh", """
                {"jurisdiction":"SH","type":"TRADING_HOLDING","holder":"%s","holderKind":"PERSON","entityCode":"%s"}""".formatted(person, personId));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        String personAccount = json(opened).path("number").asString();

        HttpResponse<String> api = get("/api/v1/public/accounts?jurisdiction=SH", null);
        assertThat(api.statusCode()).isEqualTo(200);
        Map<String, JsonNode> byNumber = new HashMap<>();
        JsonNode covered = null;
        for (JsonNode a : json(api)) {
            assertThat(a.path("jurisdiction").asString()).isEqualTo("SH");
            byNumber.put(a.path("number").asString(), a);
            if (a.path("holder").asString("").equals("上海吴淞口发电有限公司")) covered = a;
        }
        JsonNode ofCompany = byNumber.get(companyAccount), ofPerson = byNumber.get(personAccount);
        assertThat(ofCompany.path("type").asString()).isEqualTo("TRADING_HOLDING");
        assertThat(ofCompany.path("holder").asString()).isEqualTo(company);
        assertThat(ofCompany.path("entityCode").asString()).isEqualTo(companyCode);
        assertThat(ofCompany.path("status").asString()).isEqualTo("OPEN");
        assertThat(ofCompany.path("openedOn").asString()).isEqualTo(LocalDate.now(ZoneId.of("Asia/Shanghai")).toString());
        assertThat(ofCompany.has("id")).isFalse();
        assertThat(ofPerson.path("holder").isNull()).isTrue();
        assertThat(ofPerson.path("entityCode").isNull()).isTrue();
        assertThat(covered).isNotNull();
        assertThat(covered.path("entityCode").asString()).hasSize(18);
        assertThat(api.body()).doesNotContain(person, personId);
        // one type, and an unknown jurisdiction matches nothing
        for (JsonNode a : json(get("/api/v1/public/accounts?jurisdiction=sh&type=covered_entity_holding", null)))
            assertThat(a.path("type").asString()).isEqualTo("COVERED_ENTITY_HOLDING");
        assertThat(json(get("/api/v1/public/accounts?jurisdiction=XX", null)).size()).isZero();

        // on the page that holds them (the list is in the API's order, a hundred to a page)
        List<String> numbers = new java.util.ArrayList<>();
        json(api).forEach(a -> numbers.add(a.path("number").asString()));
        String page = get("/public/accounts?jurisdiction=SH&lang=zh_CN&page=" + (numbers.indexOf(personAccount) / 100 + 1), null).body();
        assertThat(page).contains(personAccount, "不公开").doesNotContain(person, personId);
        assertThat(get("/public/accounts?jurisdiction=SH&lang=en&page=" + (numbers.indexOf(companyAccount) / 100 + 1), null).body())
                .contains(companyAccount, company, companyCode, "Trading holding").doesNotContain(person, personId);
        assertThat(get("/public/accounts?jurisdiction=SH&lang=zh_CN", null).body()).contains("上海吴淞口发电有限公司", covered.path("entityCode").asString(), "上海市生态环境局");

        HttpResponse<String> csv = get("/public/accounts.csv?jurisdiction=SH", null);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).startsWith(BOM + "jurisdiction,number,type,holder,entity_code,status,opened_on,as_of\r\n")
                .contains("SH," + personAccount + ",TRADING_HOLDING,,,OPEN,").contains("SH," + companyAccount + ",TRADING_HOLDING," + company + "," + companyCode + ",OPEN,")
                .contains(",上海吴淞口发电有限公司," + covered.path("entityCode").asString() + ",")
                .doesNotContain(person).doesNotContain(personId);
        assertThat(csv.body().lines().skip(1).toList()).hasSize(json(api).size()).allMatch(l -> l.startsWith("SH,"));
    }

    static final Pattern ROW = Pattern.compile("<tr data-account=\"([^\"]+)\"");

    static List<String> rows(String page) {
        Matcher m = ROW.matcher(page);
        List<String> rows = new java.util.ArrayList<>();
        while (m.find()) rows.add(m.group(1));
        return rows;
    }

    @Test
    void the_list_comes_a_hundred_accounts_to_a_page() {
        for (int i = 0; i < 101; i++) {
            HttpResponse<String> opened = postJson("/api/v1/accounts", "admin-sh", tradingAccount("SH", "分页测试 " + i));
            assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        }
        int total = json(get("/api/v1/public/accounts?jurisdiction=SH&type=TRADING_HOLDING", null)).size();
        assertThat(total).isGreaterThan(100);
        String first = get("/public/accounts?jurisdiction=SH&type=TRADING_HOLDING&lang=en", null).body();
        assertThat(rows(first)).hasSize(100);
        assertThat(first).contains("id=\"pa-next\"", "Page 1 of " + ((total + 99) / 100)).doesNotContain("id=\"pa-prev\"");
        String second = get("/public/accounts?jurisdiction=SH&type=TRADING_HOLDING&page=2&lang=en", null).body();
        assertThat(rows(second)).hasSize(Math.min(100, total - 100)).doesNotContainAnyElementsOf(rows(first));
        assertThat(second).contains("id=\"pa-prev\"");
        // past the end: the last page; not a number: the first
        assertThat(rows(get("/public/accounts?jurisdiction=SH&type=TRADING_HOLDING&page=9999", null).body()))
                .isEqualTo(rows(get("/public/accounts?jurisdiction=SH&type=TRADING_HOLDING&page=" + ((total + 99) / 100), null).body()));
        assertThat(rows(get("/public/accounts?jurisdiction=SH&type=TRADING_HOLDING&page=x%27", null).body())).isEqualTo(rows(first));
    }
}
