package org.openets.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.nio.charset.StandardCharsets;

/**
 * The CSV files the platform hands out (templates, exports, the population built from MRV): UTF-8 that starts with a
 * byte-order mark, so that a spreadsheet program opened on a Chinese system reads the Chinese names as UTF-8 and not as
 * GBK. Every reader of the platform's own CSV (reports, populations) skips the mark, so a downloaded file uploads as
 * it is. One way to write a line ({@link #line}) for them all.
 */
public final class CsvFiles {
    /** U+FEFF, written as the bytes EF BB BF. */
    public static final String BOM = "\uFEFF";
    public static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private CsvFiles() {}

    /** The text with the byte-order mark in front (once). */
    public static String withBom(String text) { return text.startsWith(BOM) ? text : BOM + text; }

    /** A CSV download: {@code text/csv;charset=UTF-8}, the byte-order mark, and the file name to save it as. */
    public static ResponseEntity.BodyBuilder download(String fileName) {
        return ResponseEntity.ok().contentType(CSV).header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"");
    }

    /** {@link #download(String)} with its body. */
    public static ResponseEntity<String> download(String fileName, String text) { return download(fileName).body(withBom(text)); }

    /** One CSV line with its CRLF: the cells by {@link #cell(Object)}. */
    public static String line(Object... cells) { return line(java.util.Arrays.asList(cells)); }

    /** As {@link #line(Object...)}. */
    public static String line(java.util.List<?> cells) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) b.append(',');
            b.append(cell(cells.get(i)));
        }
        return b.append("\r\n").toString();
    }

    /**
     * One cell: a number as it is (a BigDecimal in plain notation; a negative one stays a number), null as nothing, any
     * other value as its text, which a spreadsheet would not take for a formula (a leading {@code = + - @}, tab or
     * carriage return gets a {@code '} first: CSV's quotes alone would not stop it) and which is quoted by RFC 4180 when
     * it holds a comma, a quote or a line break.
     */
    public static String cell(Object value) {
        if (value == null) return "";
        if (value instanceof Number n) return n instanceof java.math.BigDecimal d ? d.toPlainString() : n.toString();
        String s = value.toString();
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) s = "'" + s;
        return s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0 ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
