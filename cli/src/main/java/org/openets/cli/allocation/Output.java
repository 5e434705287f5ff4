package org.openets.cli.allocation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Where a format writes: a buffer handed to the writer in 32 KiB pieces, and the few ways figures are written.
 * Exact figures are plain decimals without trailing zeros; tonnes are whole numbers; money is yuan with 2 decimals.
 */
public final class Output {
    private final Writer w;
    final StringBuilder b = new StringBuilder(1 << 16);

    public Output(Writer w) { this.w = w; }

    Output s(String s) { b.append(s); return this; }

    Output c(char c) { b.append(c); return this; }

    Output n(long v) { b.append(v); return this; }

    /** Ends a record: hands the buffer on once it is large. */
    void end() {
        if (b.length() >= 1 << 15) drain();
    }

    private void drain() {
        try {
            w.write(b.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        b.setLength(0);
    }

    public void flush() {
        drain();
        try {
            w.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Exact, without trailing zeros or exponent: {@code 2631000.000} → {@code 2631000}. */
    static String exact(BigDecimal v) { return v == null ? "" : v.signum() == 0 ? "0" : v.stripTrailingZeros().toPlainString(); }

    /** For reading: to 3 decimals (half-even), without trailing zeros. csv and json give the exact figure. */
    static String shown(BigDecimal v) { return v == null ? "" : exact(v.setScale(3, RoundingMode.HALF_EVEN)); }

    /** Fen as yuan with 2 decimals: {@code -1234} → {@code -12.34}. */
    static String yuan(long fen) { return BigDecimal.valueOf(fen, 2).toPlainString(); }

    /** A percentage or ratio as computed by the domain (already rounded), or empty. */
    static String plain(BigDecimal v) { return v == null ? "" : v.toPlainString(); }

    /** A cell of the csv output: quoted when it holds a comma, a quote or a line break. */
    static String csv(String s) {
        if (s == null) return "";
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    /** A JSON string. */
    static String json(String s) {
        if (s == null) return "null";
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }

    /** A JSON number, or null. */
    static String jsonNumber(BigDecimal v) { return v == null ? "null" : exact(v); }
}
