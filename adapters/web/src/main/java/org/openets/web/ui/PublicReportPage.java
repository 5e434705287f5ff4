package org.openets.web.ui;

import org.openets.registry.AccountType;
import org.openets.web.CsvFiles;
import org.openets.web.desk.RegistryDesk;
import org.openets.workflows.registry.RegistryViews.PublicAccountRow;
import org.openets.workflows.registry.RegistryViews.PublicReport;
import org.openets.workflows.registry.RegistryViews.ReportRow;
import org.openets.workflows.registry.RegistryViews.YearTotalRow;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/**
 * The public report (公开报告) and the public list of accounts: anyone may read them, as pages or as CSV. The CSV files
 * are the platform's ({@link CsvFiles}: UTF-8 with a byte-order mark, RFC 4180, no formulas), with the time the figures
 * were read (UTC) on every row.
 */
@Controller
public class PublicReportPage {
    /** Accounts shown on one page of the public list. */
    static final int ACCOUNTS_PER_PAGE = 100;
    private final RegistryDesk desk;
    private final Names names;

    public PublicReportPage(RegistryDesk desk, Names names) {
        this.desk = desk;
        this.names = names;
    }

    @GetMapping("/public/report")
    String report(Model model) {
        PublicReport report = desk.publicReport();
        model.addAttribute("asOf", PageViews.time(report.asOf()));
        model.addAttribute("totals", report.rows().stream().filter(r -> r.section().equals("TOTALS")).toList());
        model.addAttribute("holdings", report.rows().stream().filter(r -> r.section().equals("HOLDINGS")).toList());
        model.addAttribute("years", report.years());
        return "report";
    }

    @GetMapping("/public/report.csv")
    ResponseEntity<String> csv() {
        // the totals first, then the holdings, each in the report's order
        PublicReport report = desk.publicReport();
        String asOf = utc(report.asOf());
        StringBuilder b = new StringBuilder("section,jurisdiction,unit_type,vintage,measure,quantity,as_of\r\n");
        for (String section : List.of("TOTALS", "HOLDINGS"))
            for (ReportRow r : report.rows())
                if (r.section().equals(section))
                    line(b, r.section(), r.jurisdiction(), r.unitType(), r.vintage(), r.measure(), r.quantity(), asOf);
        return download("openets-public-report.csv", b);
    }

    @GetMapping("/public/report-years.csv")
    ResponseEntity<String> yearsCsv() {
        PublicReport report = desk.publicReport();
        String asOf = utc(report.asOf());
        // the columns in the page's order: the year first
        StringBuilder b = new StringBuilder("jurisdiction,year,unit_type,vintage,measure,quantity,as_of\r\n");
        for (YearTotalRow r : report.years())
            line(b, r.jurisdiction(), r.year(), r.unitType(), r.vintage(), r.measure(), r.quantity(), asOf);
        return download("openets-public-report-years.csv", b);
    }

    /**
     * The accounts, of one jurisdiction and one type when chosen, {@value #ACCOUNTS_PER_PAGE} to a page; a page number
     * past the end shows the last page.
     */
    @GetMapping("/public/accounts")
    String accounts(@RequestParam(required = false) String jurisdiction, @RequestParam(required = false) String type,
                    @RequestParam(required = false) String page, Model model) {
        String j = known(jurisdiction, names.jurisdictionCodes()), t = known(type, Arrays.stream(AccountType.values()).map(Enum::name).toList());
        List<PublicAccountRow> all = desk.publicAccounts(j, t);
        int pages = Math.max(1, (all.size() + ACCOUNTS_PER_PAGE - 1) / ACCOUNTS_PER_PAGE);
        int p = Math.min(pages, Math.max(1, pageNumber(page)));
        model.addAttribute("accounts", all.subList((p - 1) * ACCOUNTS_PER_PAGE, Math.min(all.size(), p * ACCOUNTS_PER_PAGE)));
        model.addAttribute("accountsTotal", all.size());
        model.addAttribute("page", p);
        model.addAttribute("pages", pages);
        model.addAttribute("jurisdiction", j);
        model.addAttribute("type", t);
        model.addAttribute("jurisdictions", names.jurisdictionCodes());
        model.addAttribute("accountTypes", Arrays.stream(AccountType.values()).map(Enum::name).toList());
        model.addAttribute("asOf", PageViews.time(Instant.now()));
        return "public-accounts";
    }

    @GetMapping("/public/accounts.csv")
    ResponseEntity<String> accountsCsv(@RequestParam(required = false) String jurisdiction, @RequestParam(required = false) String type) {
        String j = known(jurisdiction, names.jurisdictionCodes()), t = known(type, Arrays.stream(AccountType.values()).map(Enum::name).toList());
        String asOf = utc(Instant.now());
        StringBuilder b = new StringBuilder("jurisdiction,number,type,holder,entity_code,status,opened_on,as_of\r\n");
        for (PublicAccountRow a : desk.publicAccounts(j, t))
            line(b, a.jurisdiction(), a.number(), a.type(), a.holder(), a.entityCode(), a.status(), a.openedOn().toString(), asOf);
        return download("openets-public-accounts.csv", b);
    }

    /** The choice as one of the known values (upper-cased), or blank: a filter nobody can choose is no filter. */
    static String known(String value, List<String> known) {
        String v = value == null ? "" : value.strip().toUpperCase(java.util.Locale.ROOT);
        return known.contains(v) ? v : "";
    }

    static int pageNumber(String page) {
        if (page == null || !page.strip().matches("[0-9]{1,6}")) return 1;
        return Integer.parseInt(page.strip());
    }

    private static String utc(Instant t) { return t.truncatedTo(ChronoUnit.SECONDS).toString(); }

    private static void line(StringBuilder b, Object... cells) { b.append(CsvFiles.line(cells)); }

    private static ResponseEntity<String> download(String file, StringBuilder b) { return CsvFiles.download(file, b.toString()); }
}
