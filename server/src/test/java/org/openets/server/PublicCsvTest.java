package org.openets.server;

import org.junit.jupiter.api.Test;
import org.openets.web.CsvFiles;

import static org.assertj.core.api.Assertions.assertThat;

/** How the platform's CSV files write a line: numbers as numbers, text quoted by RFC 4180 and kept from spreadsheet formulas. */
class PublicCsvTest {
    @Test
    void numbers_stay_numbers_even_negative_and_text_never_becomes_a_formula() {
        assertThat(CsvFiles.line("FJ", "FJEA", 2024, 2026, "SURRENDERED", -7L, "2026-11-25T08:00:00Z"))
                .isEqualTo("FJ,FJEA,2024,2026,SURRENDERED,-7,2026-11-25T08:00:00Z\r\n");
        assertThat(CsvFiles.line("=HYPERLINK(\"x\")", "-1+2", "@a", "+b", "\tc", null, "上海,\"公司\""))
                .isEqualTo("\"'=HYPERLINK(\"\"x\"\")\",'-1+2,'@a,'+b,'\tc,,\"上海,\"\"公司\"\"\"\r\n");
        assertThat(CsvFiles.line(new java.math.BigDecimal("1E+3"), 2.5, "x")).isEqualTo("1000,2.5,x\r\n");
        assertThat(CsvFiles.cell("a\nb")).isEqualTo("\"a\nb\"");
        assertThat(CsvFiles.cell("a\rb")).isEqualTo("\"a\rb\"");
    }
}
