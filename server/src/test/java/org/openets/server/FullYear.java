package org.openets.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A complete year of report data for a demo entity (coal units G1 and G2, operating since 2012): a fuel row (coal, NCV
 * and carbon content measured) and an activity row for each unit and month, which is what a report must cover to be
 * sealed. Rows given to {@link #csv(String...)} replace the generated row of the same sheet, unit and month (the
 * months to correct, or to leave a measurement out).
 */
final class FullYear {
    static final String HEADER = "sheet,unit,month,fuel,quantity,ncv,carbon_content,generation_mwh,supply_mwh,heat_supplied_gj,purchased_electricity_mwh";

    private FullYear() {}

    /** The CSV (header first), with {@code rows} (each a line under {@link #HEADER}) in place of the generated ones. */
    static String csv(String... rows) {
        Map<String, String> lines = new LinkedHashMap<>();
        for (String unit : List.of("G1", "G2"))
            for (int m = 1; m <= 12; m++) {
                lines.put(key("fuels", unit, m), "fuels," + unit + "," + m + ",COAL,1000,21.5,0.027,,,,");
                lines.put(key("activity", unit, m), "activity," + unit + "," + m + ",,,,,2500,2350,0,0");
            }
        for (String r : rows) {
            String[] c = r.split(",", -1);
            lines.put(key(c[0], c[1], Integer.parseInt(c[2])), r);
        }
        return HEADER + "\n" + String.join("\n", lines.values()) + "\n";
    }

    /** The same rows as the JSON API's sheets: {@code "fuels": [...], "activity": [...]} (empty cells left out; numbers as text). */
    static String json(String... rows) {
        String[] header = HEADER.split(",");
        List<String> fuels = new ArrayList<>(), activity = new ArrayList<>();
        for (String line : csv(rows).lines().skip(1).toList()) {
            String[] c = line.split(",", -1);
            List<String> cells = new ArrayList<>();
            for (int i = 1; i < header.length; i++) if (i < c.length && !c[i].isEmpty()) cells.add("\"" + header[i] + "\":\"" + c[i] + "\"");
            ("fuels".equals(c[0]) ? fuels : activity).add("{" + String.join(",", cells) + "}");
        }
        return "\"fuels\":[" + String.join(",", fuels) + "],\"activity\":[" + String.join(",", activity) + "]";
    }

    private static String key(String sheet, String unit, int month) { return sheet + "|" + unit + "|" + month; }
}
