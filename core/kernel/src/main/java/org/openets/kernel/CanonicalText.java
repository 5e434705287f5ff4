package org.openets.kernel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The pieces every canonical encoding of the platform is made of (the registry's journal and idempotency hashes,
 * the emissions report seal): free text made safe for a {@code |}-separated record, and SHA-256 in lower-case hex.
 * Each encoding documents its own fields; these two rules are shared so that one text hashes the same everywhere.
 */
public final class CanonicalText {
    private CanonicalText() {}

    /** {@code %}, {@code |} and line breaks percent-encoded; null as the empty string. */
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

    /** A JSON string literal: quotes, backslashes and control characters escaped; null as {@code null}. */
    public static String jsonString(String s) {
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

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }

    /** SHA-256 of the text's UTF-8 bytes. */
    public static String sha256(String s) { return sha256(s.getBytes(StandardCharsets.UTF_8)); }
}
