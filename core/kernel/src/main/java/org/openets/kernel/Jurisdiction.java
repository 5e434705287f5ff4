package org.openets.kernel;

import java.util.regex.Pattern;

/**
 * A market that issues its own units and sets its own rules: {@code CN} for the national market, or a
 * pilot ({@code GD} Guangdong, {@code SZ} Shenzhen, {@code SH} Shanghai, {@code FJ} Fujian, {@code BJ}
 * Beijing, {@code TJ} Tianjin, {@code HB} Hubei, {@code CQ} Chongqing). The code is data: a new
 * jurisdiction is configured, not coded.
 */
public record Jurisdiction(String code) {
    private static final Pattern CODE = Pattern.compile("[A-Z]{2,8}");

    public Jurisdiction {
        if (code == null || !CODE.matcher(code).matches())
            throw new IllegalArgumentException("jurisdiction code must be 2-8 upper-case letters: " + code);
    }

    public static Jurisdiction of(String code) { return new Jurisdiction(code); }

    @Override public String toString() { return code; }
}
