package org.openets.web;

/**
 * Full-width forms as a Chinese keyboard types them (１００，ＣＮ－１２０　) read as their ASCII forms: U+FF01–U+FF5E
 * become U+0021–U+007E and the ideographic space U+3000 a space. Nothing else changes (unlike NFKC, a superscript or a
 * circled digit stays what it is, and is refused where a number is expected).
 */
public final class FullWidth {
    private FullWidth() {}

    public static String toAscii(String s) {
        if (s == null) return null;
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char a = c >= '\uFF01' && c <= '\uFF5E' ? (char) (c - 0xFEE0) : c == '\u3000' ? ' ' : c;
            if (a != c && b == null) b = new StringBuilder(s.substring(0, i));
            if (b != null) b.append(a);
        }
        return b == null ? s : b.toString();
    }
}
