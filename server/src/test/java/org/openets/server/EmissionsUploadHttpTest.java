package org.openets.server;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report upload form (/emissions, multipart as a browser sends it) when what is sent cannot be saved: the form
 * comes back with the error where it belongs and what was typed, in Chinese and English. An empty report is refused
 * naming each unit it has to cover; a year that is not a number is named next to the year field; a file saved as
 * UTF-16 or GBK is told to be saved as UTF-8; a file that is no workbook is said so without a Java class name. The
 * API answers the same problems. Works on cn-power-2 and cn-power-3, 2023; nothing is saved.
 */
class EmissionsUploadHttpTest extends ServerTestBase {

    long reports(String entity) { return count("SELECT count(*) FROM emission_report WHERE entity_id = ? AND year = 2023", entity); }

    /** Posts the upload form (multipart, as the browser sends it) in a signed-in session; the file part only when {@code file} is given. */
    HttpResponse<String> uploadForm(Session s, Map<String, String> fields, String fileName, byte[] file) {
        String boundary = "----openets" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (var f : fields.entrySet())
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n" + f.getValue() + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + s.csrf() + "\r\n").getBytes(StandardCharsets.UTF_8));
        if (file != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(file);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(request("/emissions/upload", null).header("Cookie", s.cookie()).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    /** The page the refused form redirects to, read once (its flash) in the given language. */
    String back(Session s, HttpResponse<String> posted, String lang) {
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(302);
        assertThat(posted.headers().firstValue("Location").orElse("")).endsWith("/emissions");
        return send(request("/emissions?lang=" + lang, null).header("Cookie", s.cookie()).GET().build()).body();
    }

    @Test
    void the_page_refuses_an_empty_upload_naming_each_unit_in_both_languages() {
        long before = reports("cn-power-2");
        Session s = session("cn-power-2-init");
        Map<String, String> header = Map.of("entity", "cn-power-2", "year", "2023", "rows", FullYear.HEADER, "submit", "true");
        String en = back(s, uploadForm(s, header, null, null), "en");
        assertThat(en).contains("data-code=\"EMPTY_REPORT\"").contains("The report has no rows; nothing was saved and the year’s draft is unchanged.")
                .contains("class=\"upload-problem\" data-code=\"MISSING_INSTALLATION\" data-installation=\"G1\" data-sheet=\"activity\"")
                .contains("G2 is registered and operated in months 1-12 of 2023 but is not in the report")
                .doesNotContain("Report submitted and sealed");
        String zh = back(s, uploadForm(s, header, null, null), "zh_CN");
        assertThat(zh).contains("报告没有任何数据行，未保存任何内容，该年度的草稿保持不变。").contains("2023 年度报告没有任何数据行")
                .contains("G1 已登记，2023 年 1-12 月处于运行状态，但报告中没有它").contains("报告没有任何数据行。");
        // the same as a file
        String file = back(s, uploadForm(s, Map.of("entity", "cn-power-2", "year", "2023", "submit", "true"), "2023.csv",
                (FullYear.HEADER + "\r\n").getBytes(StandardCharsets.UTF_8)), "en");
        assertThat(file).contains("data-code=\"EMPTY_REPORT\"");
        assertThat(reports("cn-power-2")).isEqualTo(before);
        assertThat(count("SELECT count(*) FROM emission_report WHERE entity_id = 'cn-power-2' AND year = 2023 AND status <> 'DRAFT'")).isZero();
    }

    @Test
    void a_year_that_is_not_a_number_is_named_next_to_the_field_and_what_was_typed_comes_back() {
        long before = reports("cn-power-3"), refused = refusals();
        Session s = session("cn-power-3-init");
        String rows = FullYear.HEADER + "\nfuels,G1,1,COAL,1000,21.5,0.027,,,,";
        for (String typed : new String[]{"abc", "99999999999"}) {
            Map<String, String> form = new LinkedHashMap<>(Map.of("entity", "cn-power-3", "year", typed, "rows", rows, "submit", "true",
                    "reason", "恢复 <原> 数据"));
            String en = back(s, uploadForm(s, form, null, null), "en");
            assertThat(en).contains("id=\"upload-year-problem\"").contains("year: “" + typed + "” is not a year (a whole number from 2005 to 2100)")
                    .contains("aria-invalid=\"true\"").contains("value=\"" + typed + "\"")
                    .contains(">" + FullYear.HEADER + "\nfuels,G1,1,COAL,1000,21.5,0.027,,,,</textarea>")
                    .contains("恢复 &lt;原&gt; 数据").containsPattern("id=\"upload-submit-now\"[^>]*checked")
                    .containsPattern("<option value=\"cn-power-3\" selected")
                    // and the refusal at the top names the field too (it was a bare "Please check the form.")
                    .containsPattern("id=\"flash\"[^>]*data-code=\"VALIDATION_FAILED\"[\\s\\S]*year: “" + typed + "” is not a year");
            String zh = back(s, uploadForm(s, form, null, null), "zh_CN");
            assertThat(zh).contains("年度“" + typed + "”不是年份（应为 2005 至 2100 之间的整数）。").contains("value=\"" + typed + "\"");
        }
        // a year out of range and a missing year are named at the field too
        Map<String, String> early = new LinkedHashMap<>(Map.of("entity", "cn-power-3", "year", "1999", "rows", rows));
        assertThat(back(s, uploadForm(s, early, null, null), "en")).contains("id=\"upload-year-problem\"").contains("year must be from 2005 to 2100");
        Map<String, String> none = new LinkedHashMap<>(Map.of("entity", "cn-power-3", "year", " ", "rows", rows));
        assertThat(back(s, uploadForm(s, none, null, null), "zh_CN")).contains("id=\"upload-year-problem\"").contains("请填写年度。");
        assertThat(reports("cn-power-3")).isEqualTo(before);
        assertThat(refusals()).isEqualTo(refused);
    }

    @Test
    void a_csv_file_not_in_utf8_is_told_to_be_saved_as_utf8() {
        long before = reports("cn-power-2");
        Session s = session("cn-power-2-init");
        Map<String, String> form = Map.of("entity", "cn-power-2", "year", "2023");
        String text = FullYear.csv();
        // UTF-16 with its byte-order mark (Excel's "Unicode text"), and without one
        byte[] bom = {(byte) 0xFF, (byte) 0xFE};
        byte[] utf16le = text.getBytes(StandardCharsets.UTF_16LE), withBom = new byte[bom.length + utf16le.length];
        System.arraycopy(bom, 0, withBom, 0, 2);
        System.arraycopy(utf16le, 0, withBom, 2, utf16le.length);
        for (byte[] wide : new byte[][]{withBom, text.getBytes(StandardCharsets.UTF_16BE), text.getBytes(Charset.forName("UTF-32"))}) {
            String en = back(s, uploadForm(s, form, "2023.csv", wide), "en");
            assertThat(en).contains("the CSV file is UTF-16 or UTF-32 text (“Unicode”), not UTF-8: save it as “CSV UTF-8” and upload it again")
                    .doesNotContain("control character").doesNotContain("U+0000");
        }
        assertThat(back(s, uploadForm(s, form, "2023.csv", withBom), "zh_CN")).contains("CSV 文件是 UTF-16 或 UTF-32（“Unicode”）编码，不是 UTF-8");
        // GBK, as Excel's plain "CSV" saves Chinese: the line that is not UTF-8
        byte[] gbk = ("表,机组,月份\r\n燃料,G1,1\r\n").getBytes(Charset.forName("GBK"));
        assertThat(back(s, uploadForm(s, form, "2023.csv", gbk), "en")).contains("line 1 of the CSV file is not UTF-8 text (perhaps GBK)");
        assertThat(back(s, uploadForm(s, form, "2023.csv", gbk), "zh_CN")).contains("CSV 文件第 1 行不是 UTF-8 编码（可能是 GBK）");
        // the API says the same of a UTF-16 body; a stray NUL in UTF-8 text is still a control character on its line
        HttpResponse<String> api = send(request("/api/v1/emissions/reports/cn-power-2/2023", "cn-power-2-init").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofByteArray(withBom)).build());
        assertProblem(api, 400, "VALIDATION_FAILED");
        assertThat(json(api).path("detail").asString()).contains("UTF-16").contains("CSV UTF-8").doesNotContain("U+0000");
        HttpResponse<String> noBom = send(request("/api/v1/emissions/reports/cn-power-2/2023", "cn-power-2-init").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofByteArray(text.getBytes(StandardCharsets.UTF_16LE))).build());
        assertThat(json(noBom).path("detail").asString()).contains("UTF-16");
        assertThat(reports("cn-power-2")).isEqualTo(before);
    }

    @Test
    void a_file_that_is_no_workbook_is_said_so_without_a_java_class_name() {
        Session s = session("cn-power-2-init");
        byte[] broken = {'P', 'K', 3, 4, 'n', 'o', 't', ' ', 'a', ' ', 'z', 'i', 'p'};
        Map<String, String> form = Map.of("entity", "cn-power-2", "year", "2023");
        String en = back(s, uploadForm(s, form, "2023.xlsx", broken), "en");
        assertThat(en).contains("data-code=\"INVALID_WORKBOOK\"").contains("the file is not a readable xlsx workbook: save it from Excel or WPS as .xlsx")
                .doesNotContain("Exception");
        String zh = back(s, uploadForm(s, form, "2023.xlsx", "sheet,unit\n".getBytes(StandardCharsets.UTF_8)), "zh_CN");
        assertThat(zh).contains("该文件不是可读取的 xlsx 工作簿：请在 Excel 或 WPS 中另存为 .xlsx").doesNotContain("Exception");
        HttpResponse<String> api = send(request("/api/v1/emissions/reports/cn-power-2/2023", "cn-power-2-init")
                .header("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").POST(HttpRequest.BodyPublishers.ofByteArray(broken)).build());
        assertProblem(api, 400, "INVALID_WORKBOOK");
        assertThat(json(api).path("detail").asString()).contains("not a readable xlsx workbook").doesNotContain("Exception");
    }
}
