package org.openets.registrylog.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The log's own implementation of the journal's text rules: the hash chain and the percent-encoding of free
 * text. Written from the format's specification, not shared with the registry, so that a bug in the registry's
 * encoding cannot hide itself by being repeated here.
 */
public final class Canonical {
    private Canonical() {}

    /** {@code hash = lowercase hex SHA-256 of UTF-8 (prevHash + "\n" + canonical)}. */
    public static String chain(String previousHash, String canonical) {
        return sha256(previousHash + "\n" + canonical);
    }

    public static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }

    /** Free text with {@code %}, {@code |}, LF and CR percent-encoded; null is the empty string. */
    public static String encode(String s) {
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

    /** The inverse of {@link #encode}. Any other {@code %} sequence, or a raw line break, is not canonical: throws. */
    public static String decode(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r') throw new IllegalArgumentException("raw line break in free text");
            if (c != '%') {
                sb.append(c);
                continue;
            }
            String code = i + 3 <= s.length() ? s.substring(i + 1, i + 3) : "";
            switch (code) {
                case "25" -> sb.append('%');
                case "7C" -> sb.append('|');
                case "0A" -> sb.append('\n');
                case "0D" -> sb.append('\r');
                default -> throw new IllegalArgumentException("bad percent-encoding %" + code + " in free text");
            }
            i += 2;
        }
        return sb.toString();
    }
}
