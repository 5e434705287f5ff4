package org.openets.allocation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a population file: UTF-8 CSV, one unit per line, a header naming the columns in any order
 * ({@code docs/reference/allocation-population.md}). {@code unit_id}, {@code entity_id} and {@code category} are
 * required; every other column may be absent or blank. Every bad line is reported with its line number and column;
 * a file with any problem yields no units.
 */
public final class PopulationReader {
    /** The columns a population file may have, in the order the template lists them. */
    public static final List<String> COLUMNS = List.of("unit_id", "entity_id", "entity_name", "region", "category", "fuel", "cooling", "capacity_mw",
            "generation_mwh", "supply_mwh", "heat_gj", "heat_ratio", "load_factor", "clinker_t", "liquid_aluminium_t", "co_processed_waste_t",
            "historical_emissions_t", "historical_intensity", "verified_emissions_t", "previous_verified_emissions_t");
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]{1,15}(\\.[0-9]{1,12})?");
    private static final Pattern WHOLE = Pattern.compile("-?[0-9]{1,15}");
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,39}");
    private static final Pattern ID = Pattern.compile("[\\p{L}\\p{N}._:/-]{1,64}");

    private PopulationReader() { }

    /** The units of the file, or {@link AllocationException} with every problem found. */
    public static List<UnitInput> read(String text) {
        List<Problem> problems = new ArrayList<>();
        List<UnitInput> units = new ArrayList<>();
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        int start = 0, lineNo = 0;
        int[] idx = null;
        int n = text.length();
        List<String> fields = new ArrayList<>(COLUMNS.size());
        while (start < n) {
            int end = text.indexOf('\n', start);
            if (end < 0) end = n;
            String line = text.substring(start, end > start && text.charAt(end - 1) == '\r' ? end - 1 : end);
            start = end + 1;
            lineNo++;
            if (line.isBlank()) continue;
            fields.clear();
            if (!split(line, fields)) { problems.add(new Problem(lineNo, "", "", Problem.Code.BAD_FORMAT, "unbalanced quotes")); continue; }
            if (idx == null) {
                idx = header(fields, lineNo, problems);
                if (idx == null) break;
                continue;
            }
            UnitInput u = row(fields, idx, lineNo, problems);
            if (u != null) units.add(u);
        }
        if (idx == null && problems.isEmpty()) problems.add(new Problem(1, "", "", Problem.Code.BAD_FORMAT, "the file is empty: expected a header line with " + COLUMNS));
        if (!problems.isEmpty()) throw new AllocationException(problems);
        return units;
    }

    private static int[] header(List<String> fields, int lineNo, List<Problem> problems) {
        int[] idx = new int[COLUMNS.size()];
        java.util.Arrays.fill(idx, -1);
        Map<String, Integer> pos = new HashMap<>();
        for (int i = 0; i < COLUMNS.size(); i++) pos.put(COLUMNS.get(i), i);
        boolean ok = true;
        for (int i = 0; i < fields.size(); i++) {
            String name = fields.get(i).trim();
            Integer p = pos.get(name);
            if (p == null) { problems.add(new Problem(lineNo, "", name, Problem.Code.BAD_FORMAT, "unknown column " + name + " (columns: " + String.join(", ", COLUMNS) + ")")); ok = false; }
            else if (idx[p] >= 0) { problems.add(new Problem(lineNo, "", name, Problem.Code.BAD_FORMAT, "column " + name + " appears twice")); ok = false; }
            else idx[p] = i;
        }
        for (String required : List.of("unit_id", "entity_id"))
            if (idx[pos.get(required)] < 0) { problems.add(new Problem(lineNo, "", required, Problem.Code.BAD_FORMAT, "missing column " + required)); ok = false; }
        if (idx[pos.get("category")] < 0 && idx[pos.get("fuel")] < 0) { problems.add(new Problem(lineNo, "", "category", Problem.Code.BAD_FORMAT, "missing column category (or fuel)")); ok = false; }
        return ok ? idx : null;
    }

    private static UnitInput row(List<String> f, int[] idx, int lineNo, List<Problem> problems) {
        int before = problems.size();
        String unitId = get(f, idx, 0);
        Cell c = new Cell(f, idx, lineNo, unitId == null ? "" : unitId, problems);
        if (unitId == null || !ID.matcher(unitId).matches()) c.bad("unit_id", Problem.Code.MISSING_VALUE, "a unit id is required (letters, digits and . _ : / -)");
        String entityId = get(f, idx, 1);
        if (entityId == null || !ID.matcher(entityId).matches()) c.bad("entity_id", Problem.Code.MISSING_VALUE, "an entity id is required");
        String category = get(f, idx, 4);
        String fuel = get(f, idx, 5);
        if (category == null && fuel == null) c.bad("category", Problem.Code.MISSING_VALUE, "a category (or a fuel the ruleset can match) is required");
        if (fuel != null && !CODE.matcher(fuel).matches()) c.bad("fuel", Problem.Code.INVALID_VALUE, "fuel is a code like COAL, UNCONVENTIONAL_COAL or GAS: " + fuel);
        if (category == null) { }
        else if (!CODE.matcher(category).matches()) c.bad("category", Problem.Code.UNKNOWN_CATEGORY, "not a category code: " + category);
        String region = get(f, idx, 3);
        if (region != null && !CODE.matcher(region).matches()) c.bad("region", Problem.Code.INVALID_VALUE, "a region is a code like GD or GUANGDONG: " + region);
        String cooling = get(f, idx, 6);
        if (cooling != null && !CODE.matcher(cooling).matches()) c.bad("cooling", Problem.Code.INVALID_VALUE, "cooling is a code like WATER or AIR: " + cooling);
        List<BigDecimal> hist = new ArrayList<>();
        String h = get(f, idx, 16);
        if (h != null) for (String part : h.split(";")) {
            String t = part.trim();
            if (!NUMBER.matcher(t).matches()) { c.bad("historical_emissions_t", Problem.Code.INVALID_VALUE, "not a number: " + t + " (figures separated by ;)"); break; }
            if (t.startsWith("-")) { c.bad("historical_emissions_t", Problem.Code.INVALID_VALUE, "must not be negative: " + t); break; }
            hist.add(new BigDecimal(t));
        }
        UnitInput u = new UnitInput(lineNo, unitId == null ? "" : unitId, entityId == null ? "" : entityId, get(f, idx, 2), region,
                category, fuel, cooling, c.num(7), c.num(8), c.num(9), c.num(10), c.num(11), c.num(12), c.num(13), c.num(14), c.num(15),
                hist, c.num(17), c.whole(18), c.whole(19));
        return problems.size() == before ? u : null;
    }

    private static String get(List<String> f, int[] idx, int col) {
        int i = idx[col];
        if (i < 0 || i >= f.size()) return null;
        String v = f.get(i).trim();
        return v.isEmpty() ? null : v;
    }

    private record Cell(List<String> f, int[] idx, int line, String unit, List<Problem> problems) {
        void bad(String field, Problem.Code code, String msg) { problems.add(new Problem(line, unit, field, code, msg)); }

        BigDecimal num(int col) {
            String v = get(f, idx, col);
            if (v == null) return null;
            if (!NUMBER.matcher(v).matches()) { bad(COLUMNS.get(col), Problem.Code.INVALID_VALUE, "not a number: " + v); return null; }
            if (v.startsWith("-")) { bad(COLUMNS.get(col), Problem.Code.INVALID_VALUE, "must not be negative: " + v); return null; }
            return new BigDecimal(v);
        }

        Long whole(int col) {
            String v = get(f, idx, col);
            if (v == null) return null;
            if (!WHOLE.matcher(v).matches()) { bad(COLUMNS.get(col), Problem.Code.INVALID_VALUE, "not a whole number of tonnes: " + v); return null; }
            if (v.startsWith("-")) { bad(COLUMNS.get(col), Problem.Code.INVALID_VALUE, "must not be negative: " + v); return null; }
            return Long.parseLong(v);
        }
    }

    /** Splits one CSV line (RFC 4180 quotes, no line breaks inside fields); false on unbalanced quotes. */
    static boolean split(String line, List<String> out) {
        int i = 0, n = line.length();
        StringBuilder b = new StringBuilder();
        while (true) {
            b.setLength(0);
            if (i < n && line.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char ch = line.charAt(i++);
                    if (ch == '"') {
                        if (i < n && line.charAt(i) == '"') { b.append('"'); i++; } else { closed = true; break; }
                    } else b.append(ch);
                }
                if (!closed) return false;
                out.add(b.toString());
                if (i >= n) return true;
                if (line.charAt(i) != ',') return false;
                i++;
            } else {
                int comma = line.indexOf(',', i);
                if (comma < 0) { out.add(line.substring(i)); return true; }
                out.add(line.substring(i, comma));
                i = comma + 1;
            }
        }
    }
}
