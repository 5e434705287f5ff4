package org.openets.web;

/**
 * Text the platform accepts: no C0 control characters (U+0000 to U+001F) except tab, line feed and carriage
 * return. PostgreSQL cannot store U+0000 in text at all, and the others have no business in a login, a purpose or a
 * name; the edge refuses them (JSON strings, request parameters) with 400 VALIDATION_FAILED before they reach a
 * use case.
 */
public final class ControlCharacters {
    private ControlCharacters() {}

    /** Whether {@code c} is refused in text. */
    public static boolean refused(char c) { return c < 0x20 && c != '\t' && c != '\n' && c != '\r'; }

    /** The index of the first refused character of {@code s}, or -1 (also for null). */
    public static int find(String s) {
        if (s == null) return -1;
        for (int i = 0; i < s.length(); i++) if (refused(s.charAt(i))) return i;
        return -1;
    }

}
