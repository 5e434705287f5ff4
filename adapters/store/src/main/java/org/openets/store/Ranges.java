package org.openets.store;

import org.openets.kernel.SerialRange;

import java.util.ArrayList;
import java.util.List;

/** Serial ranges as stored in a text column: {@code first-last} pairs joined by commas. */
public final class Ranges {
    private Ranges() {}

    public static String format(List<SerialRange> ranges) {
        StringBuilder sb = new StringBuilder();
        for (SerialRange r : ranges) {
            if (!sb.isEmpty()) sb.append(',');
            sb.append(r.first()).append('-').append(r.last());
        }
        return sb.toString();
    }

    public static List<SerialRange> parse(String s) {
        List<SerialRange> out = new ArrayList<>();
        if (s == null || s.isEmpty()) return out;
        for (String p : s.split(",")) {
            int d = p.indexOf('-');
            out.add(new SerialRange(Long.parseLong(p.substring(0, d)), Long.parseLong(p.substring(d + 1))));
        }
        return out;
    }
}
