package org.openets.kernel;

/**
 * A quantity of units: whole tonnes of CO2 equivalent. Never negative; arithmetic is exact and throws on
 * overflow instead of wrapping.
 */
public record Quantity(long tonnes) implements Comparable<Quantity> {
    public static final Quantity ZERO = new Quantity(0);

    public Quantity {
        if (tonnes < 0) throw new IllegalArgumentException("quantity must not be negative: " + tonnes);
    }

    public static Quantity of(long tonnes) { return new Quantity(tonnes); }

    private static final java.util.regex.Pattern TYPED = java.util.regex.Pattern.compile("[-+]?(\\d+|\\d{1,3}(,\\d{3})+)");

    /**
     * A whole number of tonnes as a person types it, when it cannot be misread: digits, grouped by commas in threes or
     * not, with a sign ("1000", "1,000", "-5"); spaces and underscores are ignored. Full-width forms as a Chinese
     * keyboard types them ("１，０００", "－５", the ideographic space) read as their ASCII forms, so the pages, the API and
     * the command line read the same text alike. Empty for anything else: a decimal point ("1.000" is 1,000 t to many
     * readers and 1 t to a decimal parser), an exponent ("2e3"), a misplaced comma, other digits (superscript, circled,
     * Arabic-Indic). The value is not range-checked: that is the caller's rule.
     */
    public static java.util.Optional<java.math.BigDecimal> typed(String text) {
        String t = text == null ? "" : fullWidthAsAscii(text).strip().replace("_", "").replace(" ", "").replace("\u00a0", "");
        if (!TYPED.matcher(t).matches()) return java.util.Optional.empty();
        return java.util.Optional.of(new java.math.BigDecimal(t.replace(",", "")));
    }

    /** U+FF01–U+FF5E as U+0021–U+007E and the ideographic space U+3000 as a space; nothing else changes (not NFKC). */
    private static String fullWidthAsAscii(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c >= '\uFF01' && c <= '\uFF5E' ? (char) (c - 0xFEE0) : c == '\u3000' ? ' ' : c);
        }
        return b.toString();
    }

    public Quantity plus(Quantity other) { return new Quantity(Math.addExact(tonnes, other.tonnes)); }

    public Quantity minus(Quantity other) { return new Quantity(Math.subtractExact(tonnes, other.tonnes)); }

    public boolean isZero() { return tonnes == 0; }

    public boolean isLessThan(Quantity other) { return tonnes < other.tonnes; }

    @Override public int compareTo(Quantity o) { return Long.compare(tonnes, o.tonnes); }

    @Override public String toString() { return tonnes + " t"; }
}
