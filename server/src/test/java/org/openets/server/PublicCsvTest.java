package org.openets.server;

import org.junit.jupiter.api.Test;
import org.openets.web.ui.PublicReportPage;

import static org.assertj.core.api.Assertions.assertThat;

/** How the public CSV files write a line: numbers as numbers, text quoted by RFC 4180 and kept from spreadsheet formulas. */
class PublicCsvTest {
    @Test
    void numbers_stay_numbers_even_negative_and_text_never_becomes_a_formula() {
        assertThat(PublicReportPage.csvLine("FJ", "FJEA", 2024, 2026, "SURRENDERED", -7L, "2026-11-25T08:00:00Z"))
                .isEqualTo("FJ,FJEA,2024,2026,SURRENDERED,-7,2026-11-25T08:00:00Z\r\n");
        assertThat(PublicReportPage.csvLine("=HYPERLINK(\"x\")", "-1+2", "@a", "+b", "\tc", null, "上海,\"公司\""))
                .isEqualTo("\"'=HYPERLINK(\"\"x\"\")\",'-1+2,'@a,'+b,'\tc,,\"上海,\"\"公司\"\"\"\r\n");
        assertThat(PublicReportPage.cell("a\nb")).isEqualTo("\"a\nb\"");
        assertThat(PublicReportPage.cell("a\rb")).isEqualTo("\"a\rb\"");
    }
}
