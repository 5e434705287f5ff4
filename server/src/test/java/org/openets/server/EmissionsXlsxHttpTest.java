package org.openets.server;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.openets.web.BodyLimitFilter;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bulk import and export of emissions reports over real HTTP (issue 3): the xlsx and CSV templates with Chinese
 * headers, an xlsx upload checked like CSV and JSON (problems name the sheet, the row as Excel shows it and the field;
 * nothing saved), and the verified-emissions table for regulators and auditors only. Works on cn-power-1, year 2021.
 */
class EmissionsXlsxHttpTest extends ServerTestBase {
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    HttpResponse<byte[]> getBytes(String path, String login) {
        try {
            return HTTP.send(request(path, login).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> upload(String path, String login, byte[] xlsx) {
        return send(request(path, login).header("Content-Type", XLSX).POST(HttpRequest.BodyPublishers.ofByteArray(xlsx)).build());
    }

    static Workbook open(byte[] bytes) {
        try {
            return WorkbookFactory.create(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> header(Sheet s) {
        List<String> out = new ArrayList<>();
        s.getRow(0).forEach(c -> out.add(c.getStringCellValue()));
        return out;
    }

    /** A workbook: sheet name, then rows (the first the header); a Number is written as a numeric cell, else text. */
    static byte[] workbook(Object[]... sheets) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (Object[] sheet : sheets) {
                Sheet s = wb.createSheet((String) sheet[0]);
                for (int r = 1; r < sheet.length; r++) {
                    Row row = s.createRow(r - 1);
                    Object[] cells = (Object[]) sheet[r];
                    for (int c = 0; c < cells.length; c++) {
                        if (cells[c] == null) continue;
                        if (cells[c] instanceof Number n) row.createCell(c).setCellValue(n.doubleValue());
                        else row.createCell(c).setCellValue(cells[c].toString());
                    }
                }
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static final Object[] FUEL_HEADER = {"机组", "月份", "燃料品种", "消耗量", "低位发热量", "单位热值含碳量"};
    static final Object[] ACTIVITY_HEADER = {"机组", "月份", "发电量(MWh)", "供电量(MWh)", "供热量(GJ)", "外购电量(MWh)"};
    static final Object[] OUTPUT_HEADER = {"设施", "月份", "产品", "产量(t)"};

    static List<String> where(HttpResponse<String> r) {
        List<String> out = new ArrayList<>();
        json(r).path("problems").forEach(p -> out.add(p.path("code").asString() + " " + p.path("where").asString() + " / " + p.path("field").asString()));
        return out;
    }

    @Test
    void a_workbook_with_a_control_character_in_a_cell_is_refused_naming_the_cell() {
        long before = count("SELECT count(*) FROM emission_report");
        // xlsx keeps a control character as an escape in the cell's text (_x0001_), which a reader turns back into the character
        byte[] xlsx = workbook(
                new Object[]{"燃料", FUEL_HEADER, new Object[]{"G1", 1, "COAL", 1000, 21.5, 0.027}, new Object[]{"G_x0001_1", 2, "COAL", 1000, 21.5, 0.027}},
                new Object[]{"生产数据", ACTIVITY_HEADER},
                new Object[]{"产品产量", OUTPUT_HEADER});
        HttpResponse<String> r = upload("/api/v1/emissions/reports/cn-power-1/2019", "cn-power-1-init", xlsx);
        assertProblem(r, 400, "VALIDATION_FAILED");
        assertThat(json(r).path("detail").asString()).contains("燃料").contains("A3").contains("U+0001");
        byte[] header = workbook(
                new Object[]{"燃料", new Object[]{"机组_x0007_", "月份"}}, new Object[]{"生产数据", ACTIVITY_HEADER}, new Object[]{"产品产量", OUTPUT_HEADER});
        HttpResponse<String> h = upload("/api/v1/emissions/reports/cn-power-1/2019", "cn-power-1-init", header);
        assertProblem(h, 400, "VALIDATION_FAILED");
        assertThat(json(h).path("detail").asString()).contains("A1").contains("U+0007");
        assertThat(count("SELECT count(*) FROM emission_report")).as("nothing saved").isEqualTo(before);
    }

    @Test
    void the_templates_have_the_chinese_headers() {
        HttpResponse<byte[]> x = getBytes("/api/v1/emissions/templates/report.xlsx", "cn-power-1-init");
        assertThat(x.statusCode()).isEqualTo(200);
        assertThat(x.headers().firstValue("Content-Type").orElse("")).startsWith(XLSX);
        try (Workbook wb = open(x.body())) {
            assertThat(header(wb.getSheet("燃料"))).containsExactly("机组", "月份", "燃料品种", "消耗量", "低位发热量", "单位热值含碳量", "收到基元素碳含量(%)", "碳氧化率");
            assertThat(header(wb.getSheet("生产数据"))).containsExactly("机组", "月份", "发电量(MWh)", "供电量(MWh)", "供热量(GJ)", "外购电量(MWh)");
            assertThat(header(wb.getSheet("产品产量"))).containsExactly("设施", "月份", "产品", "产量(t)");
            assertThat(wb.getSheet("燃料").getLastRowNum()).isZero();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpResponse<byte[]> csv = getBytes("/api/v1/emissions/templates/report.csv", "cn-power-1-init");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(new String(csv.body(), StandardCharsets.UTF_8)).startsWith("\uFEFF表,机组,月份,燃料品种,消耗量").contains("发电量(MWh)", "设施", "产量(t)");
        assertProblem(get("/api/v1/emissions/templates/report.xlsx", null), 401, "UNAUTHENTICATED");
    }

    @Test
    void a_good_workbook_is_saved_and_computes_the_same_total_as_the_equivalent_csv() {
        HttpResponse<String> csv = send(request("/api/v1/emissions/reports?entity=cn-power-1&year=2021", "cn-power-1-init")
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString("""
                        sheet,unit,month,fuel,quantity,ncv,carbon_content,generation_mwh,supply_mwh,heat_supplied_gj,purchased_electricity_mwh
                        fuels,G1,1,COAL,1000,21.5,0.027,,,,
                        fuels,G1,2,COAL,1200.5,21.8,,,,,
                        activity,G1,1,,,,,500,450,0,12
                        """)).build());
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(201);
        long csvTotal = json(csv).path("figures").path("totalTonnes").asLong();
        String csvExact = json(csv).path("figures").path("exactTonnes").asString();
        assertThat(csvTotal).isPositive();

        // the same rows as a CSV file with the template's Chinese headers and sheet names
        HttpResponse<String> chinese = send(request("/api/v1/emissions/reports/cn-power-1/2021", "cn-power-1-init")
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString("""
                        \uFEFF表,机组,月份,燃料品种,消耗量,低位发热量,单位热值含碳量,发电量(MWh),供电量(MWh),供热量(GJ),外购电量(MWh)
                        燃料,G1,1,COAL,1000,21.5,0.027,,,,
                        燃料,G1,2,COAL,1200.5,21.8,,,,,
                        生产数据,G1,1,,,,,500,450,0,12
                        """)).build());
        assertThat(chinese.statusCode()).as(chinese.body()).isEqualTo(201);
        assertThat(json(chinese).path("figures").path("exactTonnes").asString()).isEqualTo(csvExact);

        // the same rows as a workbook: numbers as numeric cells and as text, Chinese and English headers
        byte[] xlsx = workbook(
                new Object[]{"燃料", FUEL_HEADER, new Object[]{"G1", 1, "COAL", 1000, 21.5, 0.027}, new Object[]{"G1", "2", "COAL", "1200.5", 21.8, null}},
                new Object[]{"生产数据", new Object[]{"unit", "month", "generation_mwh", "supply_mwh", "heat_supplied_gj", "purchased_electricity_mwh"},
                        new Object[]{"G1", 1, 500, 450, 0, 12}},
                new Object[]{"产品产量", OUTPUT_HEADER});
        HttpResponse<String> r = upload("/api/v1/emissions/reports/cn-power-1/2021", "cn-power-1-init", xlsx);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode report = json(r);
        assertThat(report.path("status").asString()).isEqualTo("DRAFT");
        assertThat(report.path("fuels").size()).isEqualTo(2);
        assertThat(report.path("fuels").get(1).path("quantity").asString()).isEqualTo("1200.5");
        assertThat(report.path("figures").path("totalTonnes").asLong()).isEqualTo(csvTotal);
        assertThat(report.path("figures").path("exactTonnes").asString()).isEqualTo(csvExact);
        // the page form takes the same workbook (multipart, signed-in session with its CSRF token)
        Session session = session("cn-power-1-init");
        String boundary = "----openets" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String[] field : new String[][]{{"entity", "cn-power-1"}, {"year", "2021"}, {"_csrf", session.csrf()}})
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field[0] + "\"\r\n\r\n" + field[1] + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"2021.xlsx\"\r\nContent-Type: " + XLSX + "\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.writeBytes(xlsx);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HttpResponse<String> page = send(request("/emissions/upload", null).header("Cookie", session.cookie())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
        assertThat(page.statusCode()).isEqualTo(302);
        String location = page.headers().firstValue("Location").orElse("");
        assertThat(location).contains("/emissions/reports/");
        long pageReport = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        assertThat(json(get("/api/v1/emissions/reports/" + pageReport, "cn-power-1-init")).path("figures").path("totalTonnes").asLong()).isEqualTo(csvTotal);

        // the query-parameter form is routed the same way
        HttpResponse<String> again = upload("/api/v1/emissions/reports?entity=cn-power-1&year=2021", "cn-power-1-init", xlsx);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
        assertThat(json(again).path("figures").path("totalTonnes").asLong()).isEqualTo(csvTotal);

        // the downloaded template, filled in, is accepted as it is
        byte[] filled;
        try (Workbook wb = open(getBytes("/api/v1/emissions/templates/report.xlsx", "cn-power-1-init").body()); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Row f1 = wb.getSheet("燃料").createRow(1);
            Object[] fuel = {"G1", 1, "COAL", 1000, 21.5, 0.027};
            Row f2 = wb.getSheet("燃料").createRow(2);
            Object[] fuel2 = {"G1", 2, "COAL", 1200.5, 21.8};
            Row a1 = wb.getSheet("生产数据").createRow(1);
            Object[] act = {"G1", 1, 500, 450, 0, 12};
            for (Object[] pair : new Object[][]{{f1, fuel}, {f2, fuel2}, {a1, act}}) {
                Object[] cells = (Object[]) pair[1];
                for (int c = 0; c < cells.length; c++)
                    if (cells[c] instanceof Number n) ((Row) pair[0]).createCell(c).setCellValue(n.doubleValue());
                    else ((Row) pair[0]).createCell(c).setCellValue(cells[c].toString());
            }
            wb.write(out);
            filled = out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpResponse<String> fromTemplate = upload("/api/v1/emissions/reports/cn-power-1/2021", "cn-power-1-init", filled);
        assertThat(fromTemplate.statusCode()).as(fromTemplate.body()).isEqualTo(201);
        assertThat(json(fromTemplate).path("figures").path("exactTonnes").asString()).isEqualTo(csvExact);

        // another entity's representative may not upload for it (recorded), and learns nothing from the workbook
        long recorded = refusals("cn-power-2-init", "NOT_AUTHORISED");
        assertProblem(upload("/api/v1/emissions/reports/cn-power-1/2021", "cn-power-2-init", xlsx), 403, "NOT_AUTHORISED");
        assertThat(refusals("cn-power-2-init", "NOT_AUTHORISED")).isEqualTo(recorded + 1);
    }

    @Test
    void a_bad_workbook_is_answered_with_sheet_row_and_field_and_nothing_is_saved() {
        long reports = count("SELECT count(*) FROM emission_report"), fuels = count("SELECT count(*) FROM emission_report_fuel");

        // a missing sheet
        HttpResponse<String> missing = upload("/api/v1/emissions/reports/cn-power-1/2021", "cn-power-1-init",
                workbook(new Object[]{"燃料", FUEL_HEADER, new Object[]{"G1", 1, "COAL", 1000, 21.5, 0.027}}, new Object[]{"产品产量", OUTPUT_HEADER}));
        assertProblem(missing, 422, "INVALID_REPORT");
        assertThat(where(missing)).containsExactly("MISSING_SHEET workbook / 生产数据");
        assertThat(json(missing).path("problems").get(0).path("message").asString()).contains("生产数据").contains("activity");

        // month 13, a negative quantity, a text in a number cell: each named by sheet, Excel row and field
        HttpResponse<String> bad = upload("/api/v1/emissions/reports/cn-power-1/2021?submit=true", "cn-power-1-init", workbook(
                new Object[]{"燃料", FUEL_HEADER,
                        new Object[]{"G1", 1, "COAL", 1000, 21.5, 0.027},
                        new Object[]{"G1", 13, "COAL", 1000, 21.5, 0.027},
                        new Object[]{"G1", 3, "COAL", -5, 21.5, 0.027},
                        new Object[]{"G1", 4, "COAL", "12o0", 21.5, 0.027}},
                new Object[]{"生产数据", ACTIVITY_HEADER, new Object[]{"G1", 1, 500, "四百", 0, 0}},
                new Object[]{"产品产量", OUTPUT_HEADER}));
        assertProblem(bad, 422, "INVALID_REPORT");
        assertThat(where(bad)).anyMatch(s -> s.startsWith("OUT_OF_RANGE fuels row 3") && s.endsWith("/ month"))
                .anyMatch(s -> s.startsWith("NEGATIVE fuels row 4") && s.endsWith("/ quantity"))
                .anyMatch(s -> s.startsWith("NOT_A_NUMBER fuels row 5") && s.endsWith("/ quantity"))
                .anyMatch(s -> s.startsWith("NOT_A_NUMBER activity row 2") && s.endsWith("/ supply_mwh"))
                .noneMatch(s -> s.contains("fuels row 2,"));
        // each problem of a row also names the workbook's sheet and the row as numbers
        assertThat(json(bad).path("problems").toString()).contains("\"sheet\":\"燃料\",\"row\":5").contains("\"sheet\":\"生产数据\",\"row\":2");

        // not a workbook at all
        assertProblem(upload("/api/v1/emissions/reports/cn-power-1/2021", "cn-power-1-init", "sheet,unit\n".getBytes(StandardCharsets.UTF_8)),
                400, "INVALID_WORKBOOK");

        assertThat(count("SELECT count(*) FROM emission_report")).isEqualTo(reports);
        assertThat(count("SELECT count(*) FROM emission_report_fuel")).isEqualTo(fuels);
    }

    @Test
    void a_workbook_above_the_upload_limit_is_refused_but_one_above_the_json_limit_is_read() {
        // 100 KiB is above the 64 KiB JSON limit, below the 10 MiB upload limit: it is read (and is not a workbook)
        byte[] big = new byte[100 * 1024];
        assertProblem(upload("/api/v1/emissions/reports/cn-power-1/2021", "cn-power-1-init", big), 400, "INVALID_WORKBOOK");
        // above 10 MiB a workbook is refused before it is read; a JSON body above 64 KiB is refused as before
        // (checked on the filter itself: over HTTP the server closes the connection while the client is still sending)
        assertThat(filtered(BodyLimitFilter.XLSX, 10 * 1024 * 1024 + 1)).isEqualTo(413);
        assertThat(filtered(BodyLimitFilter.XLSX, 10 * 1024 * 1024)).isEqualTo(200);
        assertThat(filtered("application/json", 64 * 1024 + 1)).isEqualTo(413);
        assertThat(filtered("application/json", 64 * 1024)).isEqualTo(200);
        // the larger limit is for report uploads only: a workbook sent elsewhere keeps 64 KiB
        assertThat(filtered("/api/v1/transactions", BodyLimitFilter.XLSX, 64 * 1024 + 1)).isEqualTo(413);
        // the page forms that send a file, and an allocation run's JSON (it carries the population), take the larger limit too
        assertThat(filtered("/emissions/upload", "multipart/form-data; boundary=x", 5 * 1024 * 1024)).isEqualTo(200);
        assertThat(filtered("/allocation/runs", "multipart/form-data; boundary=x", 5 * 1024 * 1024)).isEqualTo(200);
        assertThat(filtered("/allocation/runs", "multipart/form-data; boundary=x", 10 * 1024 * 1024 + 1)).isEqualTo(413);
        assertThat(filtered("/api/v1/allocation/runs", "application/json", 5 * 1024 * 1024)).isEqualTo(200);
        assertThat(filtered("/api/v1/allocation/comparisons", "application/json", 64 * 1024 + 1)).isEqualTo(413);
        assertThat(filtered("/accounts", "multipart/form-data; boundary=x", 64 * 1024 + 1)).isEqualTo(413);
    }

    static int filtered(String contentType, int size) { return filtered("/api/v1/emissions/reports/cn-power-1/2021", contentType, size); }

    static int filtered(String path, String contentType, int size) {
        try {
            MockHttpServletRequest req = new MockHttpServletRequest("POST", path);
            req.setContentType(contentType);
            req.setContent(new byte[size]);
            MockHttpServletResponse res = new MockHttpServletResponse();
            new BodyLimitFilter(64 * 1024, 10 * 1024 * 1024).doFilter(req, res, new MockFilterChain());
            return res.getStatus();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void the_verified_emissions_export_is_for_regulators_and_auditors() {
        long demo = json(get("/api/v1/emissions/verifications/cn-power-1/2022", "admin-cn")).path("currentEmissions").asLong();
        assertThat(demo).isPositive();

        HttpResponse<byte[]> x = getBytes("/api/v1/emissions/verified/CN/2022.xlsx", "admin-cn");
        assertThat(x.statusCode()).isEqualTo(200);
        assertThat(x.headers().firstValue("Content-Type").orElse("")).startsWith(XLSX);
        try (Workbook wb = open(x.body())) {
            Sheet s = wb.getSheetAt(0);
            List<String> header = header(s);
            assertThat(header).startsWith("entity", "entity_name", "account", "jurisdiction", "year").contains("verified_emissions_t", "figures_version",
                    "approved_at");
            int entity = header.indexOf("entity"), emissions = header.indexOf("verified_emissions_t");
            boolean found = false;
            for (int r = 1; r <= s.getLastRowNum(); r++) {
                if (!"cn-power-1".equals(s.getRow(r).getCell(entity).getStringCellValue())) continue;
                assertThat((long) s.getRow(r).getCell(emissions).getNumericCellValue()).isEqualTo(demo);
                found = true;
            }
            assertThat(found).isTrue();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }

        HttpResponse<String> csv = get("/api/v1/emissions/verified/CN/2022.csv", "auditor");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body().lines()).anyMatch(l -> l.startsWith("cn-power-1,") && l.contains("," + demo + ","));
        // the account is named by its number, as everywhere else
        assertThat(csv.body().lines()).anyMatch(l -> l.startsWith("cn-power-1,") && l.contains("," + accountOf("cn-power-1") + ",CN,2022,"));
        // UTF-8 with a byte-order mark, as every CSV download (the entity names are Chinese)
        assertThat(getBytes("/api/v1/emissions/verified/CN/2022.csv", "auditor").body()).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(getBytes("/api/v1/emissions/templates/report.csv", "auditor").body()).startsWith(0xEF, 0xBB, 0xBF);
        // nothing verified in a year without verifications
        assertThat(get("/api/v1/emissions/verified/CN/2030.csv", "auditor").body().lines().count()).isEqualTo(1);
        // a jurisdiction the registry does not have is an unknown reference, not an empty file; for everyone, before who may
        for (String login : new String[]{"auditor", "admin-cn", "cn-power-1-init"}) {
            HttpResponse<String> unknown = get("/api/v1/emissions/verified/XX/2022.csv", login);
            assertProblem(unknown, 404, "UNKNOWN_JURISDICTION");
            assertThat(json(unknown).path("detail").asString()).isEqualTo("no jurisdiction XX");
            assertProblem(get("/api/v1/emissions/verified/xx/2022.xlsx", login), 404, "UNKNOWN_JURISDICTION");
        }

        long recorded = refusals("cn-power-1-init", "NOT_AUTHORISED");
        assertProblem(get("/api/v1/emissions/verified/CN/2022.xlsx", "cn-power-1-init"), 403, "NOT_AUTHORISED");
        assertProblem(get("/api/v1/emissions/verified/CN/2022.csv", "cn-power-1-init"), 403, "NOT_AUTHORISED");
        assertProblem(get("/api/v1/emissions/verified/CN/2022.csv", "admin-gd"), 403, "NOT_AUTHORISED");
        assertProblem(get("/api/v1/emissions/verified/CN/2022.csv", "verifier-1"), 403, "NOT_AUTHORISED");
        assertThat(refusals("cn-power-1-init", "NOT_AUTHORISED")).isEqualTo(recorded + 2);
        assertThat(text("SELECT action FROM refusal WHERE actor = 'cn-power-1-init' ORDER BY id DESC LIMIT 1")).isEqualTo("EXPORT verified emissions");
    }
}
