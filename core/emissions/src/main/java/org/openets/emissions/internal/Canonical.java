package org.openets.emissions.internal;

import org.openets.kernel.CanonicalText;

import java.math.BigDecimal;

/**
 * Canonical text and SHA-256 for seals. Decimals are written without trailing zeros and without exponent
 * ({@code 1.50} and {@code 1.5} are one value and must seal alike); free text is percent-encoded so it cannot
 * forge a field or a line.
 */
public final class Canonical {
    private Canonical() {}

    public static String decimal(BigDecimal v) {
        if (v == null) return "";
        return v.signum() == 0 ? "0" : v.stripTrailingZeros().toPlainString();
    }

    /** {@code %}, {@code |} and line breaks percent-encoded (the kernel's rule, shared with the registry's journal). */
    public static String text(String s) { return CanonicalText.text(s); }

    public static String sha256(byte[] bytes) { return CanonicalText.sha256(bytes); }

    public static String sha256(String s) { return CanonicalText.sha256(s); }
}
