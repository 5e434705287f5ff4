package org.openets.web.sheets;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.openets.emissions.RawReport;
import org.openets.emissions.RawRow;
import org.openets.web.Problem;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report workbook (xlsx) and the CSV template: three sheets 燃料 (fuels), 生产数据 (activity) and 产品产量
 * (outputs) with Chinese column headers mapped onto the columns of {@link RawReport}; the English sheet and column
 * names are accepted too. Row numbers are the rows as Excel shows them (the header is row 1).
 * See docs/reference/emissions-api.md.
 */
public final class ReportSheets {
    /** A sheet: its Chinese and English names and its columns, Chinese header → column name, in template order. */
    public record SheetSpec(String chinese, String english, Map<String, String> columns) {}

    public static final SheetSpec FUELS = new SheetSpec("燃料", "fuels", ordered(
            "机组", "unit", "月份", "month", "燃料品种", "fuel", "消耗量", "quantity", "低位发热量", "ncv", "单位热值含碳量", "carbon_content",
            "收到基元素碳含量(%)", "carbon_ar_percent", "碳氧化率", "oxidation_rate"));
    public static final SheetSpec ACTIVITY = new SheetSpec("生产数据", "activity", ordered(
            "机组", "unit", "月份", "month", "发电量(MWh)", "generation_mwh", "供电量(MWh)", "supply_mwh", "供热量(GJ)", "heat_supplied_gj",
            "外购电量(MWh)", "purchased_electricity_mwh"));
    public static final SheetSpec OUTPUTS = new SheetSpec("产品产量", "outputs", ordered(
            "设施", "installation", "月份", "month", "产品", "product", "产量(t)", "tonnes"));
    public static final List<SheetSpec> SHEETS = List.of(FUELS, ACTIVITY, OUTPUTS);

    /** The CSV template's column that names the sheet of a row (also accepted: {@code sheet}). */
    public static final String CSV_SHEET = "表";

    static final int MAX_ROWS = 5000;

    private ReportSheets() {}

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put(pairs[i], pairs[i + 1]);
        return m;
    }

    /** A header as typed → for comparison: trimmed, full-width brackets and percent as ASCII, spaces dropped. */
    static String normal(String header) {
        return header.strip().replace('（', '(').replace('）', ')').replace('％', '%').replace(" ", "").replace("\u3000", "");
    }

    /** The column name a header stands for in a sheet: the Chinese header or the English name; else the header as typed. */
    public static String column(SheetSpec sheet, String header) {
        String h = normal(header);
        for (Map.Entry<String, String> e : sheet.columns().entrySet()) {
            if (e.getKey().equals(h) || e.getValue().equalsIgnoreCase(h)) return e.getValue();
            // a Chinese header with its unit left out, e.g. 发电量 for 发电量(MWh)
            int bracket = e.getKey().indexOf('(');
            if (bracket > 0 && e.getKey().substring(0, bracket).equals(h)) return e.getValue();
        }
        return header.strip();
    }

    /** The sheet a name stands for (Chinese or English, case-insensitive); null when none. */
    public static SheetSpec sheet(String name) {
        String n = name == null ? "" : name.strip();
        for (SheetSpec s : SHEETS) if (s.chinese().equals(n) || s.english().equalsIgnoreCase(n)) return s;
        return null;
    }

    // ---------------------------------------------------------------------------------------------- templates

    /** The empty report workbook: the three sheets with their Chinese headers, and a sheet of notes. */
    public static byte[] template() {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            CellStyle bold = boldStyle(wb);
            for (SheetSpec s : SHEETS) {
                Sheet sheet = wb.createSheet(s.chinese());
                Row header = sheet.createRow(0);
                int c = 0;
                for (String h : s.columns().keySet()) {
                    Cell cell = header.createCell(c);
                    cell.setCellValue(h);
                    cell.setCellStyle(bold);
                    sheet.setColumnWidth(c, 18 * 256);
                    c++;
                }
                sheet.createFreezePane(0, 1);
            }
            Sheet notes = wb.createSheet("说明");
            String[] lines = {
                    "OpenETS 年度排放报告模板 / annual emissions report template",
                    "工作表 sheets: 燃料 = fuels, 生产数据 = activity, 产品产量 = outputs; 三个工作表都必须存在 (all three must be present; leave a sheet empty when it does not apply)",
                    "第 1 行为表头 (row 1 is the header); 中文或英文列名均可 (Chinese or English column names)",
                    "数字可填为数值或文本 (numbers as numeric cells or text); 月份 1..12",
                    "燃料品种 / 产品 use the codes of docs/reference/emissions-accounting.md (e.g. COAL, CLINKER)"};
            for (int i = 0; i < lines.length; i++) notes.createRow(i).createCell(0).setCellValue(lines[i]);
            return bytes(wb);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The CSV template: the column 表 (the sheet: 燃料, 生产数据 or 产品产量) and every sheet's Chinese headers once. */
    public static String templateCsv() {
        List<String> header = new ArrayList<>();
        header.add(CSV_SHEET);
        for (SheetSpec s : SHEETS) for (String h : s.columns().keySet()) if (!header.contains(h)) header.add(h);
        return "\uFEFF" + String.join(",", header) + "\r\n";
    }

    // ---------------------------------------------------------------------------------------------- reading

    static {
        // a workbook is a zip: one that inflates far beyond what it holds is refused before it fills the heap (POI's
        // ZipSecureFile, process-wide: an entry may inflate at most 100 times, POI's default, and to at most 100 MB)
        org.apache.poi.openxml4j.util.ZipSecureFile.setMinInflateRatio(0.01);
        org.apache.poi.openxml4j.util.ZipSecureFile.setMaxEntrySize(100L * 1024 * 1024);
    }

    /**
     * The report in a workbook. A workbook that is not xlsx is 400 INVALID_WORKBOOK; a missing sheet is 422
     * INVALID_REPORT with a MISSING_SHEET problem naming it; a formula whose value is an error is a NOT_A_NUMBER
     * problem. Other cells are passed on as text (numeric cells in plain decimal) for {@code ReportReader} to check.
     */
    public static RawReport read(byte[] xlsx) {
        if (xlsx == null || xlsx.length == 0) throw Problem.badRequest("INVALID_WORKBOOK", "the workbook is empty").say("detail.workbook.empty");
        try (Workbook wb = WorkbookFactory.create(new ByteArrayInputStream(xlsx))) {
            if (!(wb instanceof XSSFWorkbook)) throw Problem.badRequest("INVALID_WORKBOOK", "the workbook must be xlsx (Office Open XML), not xls").say("detail.workbook.xls");
            Map<SheetSpec, Sheet> found = new LinkedHashMap<>();
            for (int i = 0; i < wb.getNumberOfSheets(); i++) {
                SheetSpec s = sheet(wb.getSheetName(i));
                if (s != null && !found.containsKey(s)) found.put(s, wb.getSheetAt(i));
            }
            List<Map<String, Object>> problems = new ArrayList<>();
            for (SheetSpec s : SHEETS)
                if (!found.containsKey(s)) {
                    Map<String, Object> p = problem("MISSING_SHEET", "workbook", s.chinese(),
                            "the workbook has no sheet " + s.chinese() + " (" + s.english() + "); add it, empty if it does not apply");
                    p.put("sheet", s.chinese());
                    problems.add(p);
                }
            Map<SheetSpec, List<RawRow>> rows = new LinkedHashMap<>();
            for (SheetSpec s : SHEETS) rows.put(s, found.containsKey(s) ? rows(s, found.get(s), problems) : List.of());
            if (!problems.isEmpty())
                throw Problem.unprocessable("INVALID_REPORT", problems.size() + " problem(s), nothing saved; first: " + problems.getFirst().get("where") + ", "
                        + problems.getFirst().get("field") + ": " + problems.getFirst().get("message")).with("problems", problems)
                        .say("detail.report.problems", problems.size());
            return new RawReport(rows.get(FUELS), rows.get(ACTIVITY), rows.get(OUTPUTS));
        } catch (IOException | RuntimeException e) {
            if (e instanceof Problem p) throw p;
            // what POI could not read is the file's fault, not something to name by a Java class: say what the file must be
            throw Problem.badRequest("INVALID_WORKBOOK", "the file is not a readable xlsx workbook: save it from Excel or WPS as .xlsx (Excel workbook), "
                    + "or start from the template").say("detail.workbook.unreadable");
        }
    }

    /**
     * An INVALID_REPORT answer to a workbook upload with, on each problem of a sheet row, {@code sheet} (the workbook's
     * sheet name, e.g. 燃料) and {@code row} (the row number as Excel shows it). Other answers are returned as they are.
     */
    public static Problem withSheets(Problem e) {
        if (!"INVALID_REPORT".equals(e.code()) || !(e.properties().get("problems") instanceof List<?> list)) return e;
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> m)) return e;
            Map<String, Object> p = new LinkedHashMap<>();
            m.forEach((k, v) -> p.put(String.valueOf(k), v));
            String where = p.get("where") instanceof String w ? w : "";
            for (SheetSpec s : SHEETS) {
                String prefix = s.english() + " row ";
                if (!where.startsWith(prefix)) continue;
                p.put("sheet", s.chinese());
                String digits = where.substring(prefix.length()).replaceFirst("[^0-9].*$", "");
                if (!digits.isEmpty()) p.put("row", Integer.parseInt(digits));
            }
            out.add(p);
        }
        return e.with("problems", out);
    }

    private static Map<String, Object> problem(String code, String where, String field, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", code);
        m.put("where", where);
        m.put("field", field);
        m.put("message", message);
        return m;
    }

    private static List<RawRow> rows(SheetSpec spec, Sheet sheet, List<Map<String, Object>> problems) {
        List<RawRow> out = new ArrayList<>();
        Row headerRow = sheet.getRow(sheet.getFirstRowNum() < 0 ? 0 : sheet.getFirstRowNum());
        if (headerRow == null) return out;
        int headerIndex = headerRow.getRowNum();
        Map<Integer, String> columns = new LinkedHashMap<>();
        for (Cell c : headerRow) {
            String text = checked(spec, c, text(c));
            if (text == null || text.isBlank()) continue;
            String column = column(spec, text);
            if (columns.containsValue(column)) {
                problems.add(problem("DUPLICATE_COLUMN", spec.english() + " row " + (headerIndex + 1), column,
                        "sheet " + spec.chinese() + ": the column " + text.strip() + " appears twice"));
                continue;
            }
            columns.put(c.getColumnIndex(), column);
        }
        for (int r = headerIndex + 1; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            if (row == null) continue;
            Map<String, String> cells = new LinkedHashMap<>();
            for (Map.Entry<Integer, String> col : columns.entrySet()) {
                Cell c = row.getCell(col.getKey());
                if (c == null) continue;
                if (effectiveType(c) == CellType.ERROR) {
                    problems.add(problem("NOT_A_NUMBER", spec.english() + " row " + (r + 1), col.getValue(),
                            "sheet " + spec.chinese() + " cell " + c.getAddress() + " holds an error value, not a number or text"));
                    continue;
                }
                String v = checked(spec, c, text(c));
                if (v != null && !v.isBlank()) cells.put(col.getValue(), v);
            }
            if (cells.isEmpty()) continue;
            if (out.size() >= MAX_ROWS)
                throw Problem.badRequest("VALIDATION_FAILED", "sheet " + spec.chinese() + ": at most " + MAX_ROWS + " rows").say("detail.sheet.maxRows", spec.chinese(), MAX_ROWS);
            out.add(new RawRow(r + 1, cells));
        }
        return out;
    }

    /**
     * The same text rule as every other input ({@link org.openets.web.ControlCharacters}): a cell with a control
     * character (xlsx stores them as {@code _x0001_} escapes) is refused with its sheet and cell, 400 VALIDATION_FAILED.
     */
    private static String checked(SheetSpec spec, Cell c, String text) {
        int bad = text == null ? -1 : org.openets.web.ControlCharacters.find(text);
        if (bad >= 0)
            throw Problem.badRequest("VALIDATION_FAILED", "sheet %s cell %s contains a control character (U+%04X)".formatted(spec.chinese(), c.getAddress(), (int) text.charAt(bad)))
                    .say("detail.sheet.control", spec.chinese(), c.getAddress(), "U+%04X".formatted((int) text.charAt(bad)));
        return text;
    }

    private static CellType effectiveType(Cell c) {
        return c.getCellType() == CellType.FORMULA ? c.getCachedFormulaResultType() : c.getCellType();
    }

    /** A cell as text: a number in plain decimal (1 not 1.0, no exponent), text as typed, a formula by its cached value. */
    static String text(Cell c) {
        return switch (effectiveType(c)) {
            case NUMERIC -> plain(c.getNumericCellValue());
            case STRING -> c.getStringCellValue();
            case BOOLEAN -> Boolean.toString(c.getBooleanCellValue()).toUpperCase(Locale.ROOT);
            case BLANK, _NONE -> null;
            case ERROR -> "#ERROR";
            case FORMULA -> new DataFormatter().formatCellValue(c);
        };
    }

    static String plain(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) return Double.toString(d);
        BigDecimal b = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        return b.signum() == 0 ? "0" : b.toPlainString();
    }

    // ---------------------------------------------------------------------------------------------- writing

    /** A one-sheet workbook: a bold header and rows; a {@link Number} cell is written as a number, anything else as text. */
    public static byte[] table(String sheetName, List<String> header, List<List<Object>> rows) {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            CellStyle bold = boldStyle(wb);
            Sheet sheet = wb.createSheet(sheetName);
            Row h = sheet.createRow(0);
            for (int c = 0; c < header.size(); c++) {
                Cell cell = h.createCell(c);
                cell.setCellValue(header.get(c));
                cell.setCellStyle(bold);
                sheet.setColumnWidth(c, 20 * 256);
            }
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r + 1);
                List<Object> values = rows.get(r);
                for (int c = 0; c < values.size(); c++) {
                    Object v = values.get(c);
                    if (v == null) continue;
                    Cell cell = row.createCell(c);
                    if (v instanceof Number n) cell.setCellValue(n.doubleValue());
                    else cell.setCellValue(v.toString());
                }
            }
            sheet.createFreezePane(0, 1);
            return bytes(wb);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same table as RFC 4180 CSV with a byte-order mark (so spreadsheet programs read UTF-8). */
    public static String tableCsv(List<String> header, List<List<Object>> rows) {
        StringBuilder b = new StringBuilder(org.openets.web.CsvFiles.BOM).append(org.openets.web.CsvFiles.line(header));
        for (List<Object> r : rows) b.append(org.openets.web.CsvFiles.line(r));
        return b.toString();
    }

    private static CellStyle boldStyle(Workbook wb) {
        Font f = wb.createFont();
        f.setBold(true);
        CellStyle s = wb.createCellStyle();
        s.setFont(f);
        return s;
    }

    private static byte[] bytes(Workbook wb) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        wb.write(out);
        return out.toByteArray();
    }
}
