package org.openets.cli.emissions;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one line of comma-separated values (RFC 4180 quoting on one line): a cell may be quoted with {@code "},
 * a quote inside a quoted cell is doubled ({@code ""}), and a quoted cell cannot span lines. Cells are not trimmed
 * here; the readers trim what they use.
 */
final class Csv {
    private Csv() {}

    /** A line that cannot be split (an unterminated quote, text after a closing quote). */
    static final class BadLine extends Exception {
        BadLine(String message) { super(message, null, false, false); }
    }

    static String[] split(String line) throws BadLine {
        if (line.indexOf('"') < 0) return splitPlain(line);
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int i = 0, n = line.length();
        while (true) {
            cell.setLength(0);
            int start = i;
            while (i < n && line.charAt(i) == ' ') i++;
            if (i < n && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) throw new BadLine("unterminated quote in cell " + (out.size() + 1) + " (a quoted cell cannot span lines)");
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < n && line.charAt(i) == '"') { cell.append('"'); i++; }
                        else break;
                    } else cell.append(c);
                }
                while (i < n && line.charAt(i) == ' ') i++;
                if (i < n && line.charAt(i) != ',') throw new BadLine("text after the closing quote of cell " + (out.size() + 1));
                out.add(cell.toString());
            } else {
                i = start;
                int comma = line.indexOf(',', i);
                int end = comma < 0 ? n : comma;
                String plain = line.substring(i, end);
                if (plain.indexOf('"') >= 0) throw new BadLine("a quote inside unquoted cell " + (out.size() + 1) + " (quote the whole cell and double the quote)");
                out.add(plain);
                i = end;
            }
            if (i >= n) break;
            i++; // the comma
            if (i == n) { out.add(""); break; }
        }
        return out.toArray(String[]::new);
    }

    private static String[] splitPlain(String line) {
        int count = 1;
        for (int i = 0; i < line.length(); i++) if (line.charAt(i) == ',') count++;
        String[] out = new String[count];
        int start = 0, k = 0;
        for (int i = 0; i < line.length(); i++)
            if (line.charAt(i) == ',') {
                out[k++] = line.substring(start, i);
                start = i + 1;
            }
        out[k] = line.substring(start);
        return out;
    }

    /** A cell as written by the command's csv output: quoted when it holds a comma, a quote or a line break. */
    static String quote(String s) {
        if (s == null) return "";
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
