package org.openets.emissions.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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

    /** {@code %}, {@code |} and line breaks percent-encoded. */
    public static String text(String s) {
        if (s == null) return "";
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '%' -> sb.append("%25");
                case '|' -> sb.append("%7C");
                case '\n' -> sb.append("%0A");
                case '\r' -> sb.append("%0D");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }

    public static String sha256(String s) { return sha256(s.getBytes(StandardCharsets.UTF_8)); }
}
