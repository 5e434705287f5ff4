package org.openets.web.ui;

import org.openets.web.desk.RegistryDesk;
import org.openets.workflows.registry.RegistryViews.ReportRow;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** The public report (公开报告): anyone may read it, as a page or as CSV. */
@Controller
public class PublicReportPage {
    private final RegistryDesk desk;

    public PublicReportPage(RegistryDesk desk) { this.desk = desk; }

    @GetMapping("/public/report")
    String report(Model model) {
        List<ReportRow> rows = desk.publicReport();
        model.addAttribute("asOf", PageViews.time(java.time.Instant.now()));
        model.addAttribute("totals", rows.stream().filter(r -> r.section().equals("TOTALS")).toList());
        model.addAttribute("holdings", rows.stream().filter(r -> r.section().equals("HOLDINGS")).toList());
        return "report";
    }

    @GetMapping("/public/report.csv")
    ResponseEntity<byte[]> csv() {
        // every row says when the figures were read (UTC); the totals first, then the holdings, each in the report's order
        String asOf = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        StringBuilder b = new StringBuilder("section,jurisdiction,unit_type,vintage,measure,quantity,as_of\r\n");
        List<ReportRow> rows = desk.publicReport();
        for (String section : List.of("TOTALS", "HOLDINGS"))
            for (ReportRow r : rows)
                if (r.section().equals(section))
                    b.append(String.join(",", cell(r.section()), cell(r.jurisdiction()), cell(r.unitType()), Integer.toString(r.vintage()),
                            cell(r.measure()), Long.toString(r.quantity()), asOf)).append("\r\n");
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"openets-public-report.csv\"")
                .body(b.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** RFC 4180 quoting, and no leading formula characters for spreadsheets. */
    static String cell(String s) {
        if (s == null) return "";
        String v = !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
