package org.openets.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.nio.charset.StandardCharsets;

/**
 * The CSV files the platform hands out (templates, exports, the population built from MRV): UTF-8 that starts with a
 * byte-order mark, so that a spreadsheet program opened on a Chinese system reads the Chinese names as UTF-8 and not as
 * GBK. Every reader of the platform's own CSV (reports, populations) skips the mark, so a downloaded file uploads as
 * it is. The public report's files ({@code /public/*.csv}) write the same mark themselves.
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
}
