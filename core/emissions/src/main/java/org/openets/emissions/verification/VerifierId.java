package org.openets.emissions.verification;

import java.util.regex.Pattern;

/** An accredited verification organisation (核查机构). */
public record VerifierId(String value) implements Comparable<VerifierId> {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-]{0,39}");

    public VerifierId {
        if (value == null || !ID.matcher(value).matches()) throw new IllegalArgumentException("verifier id must be 1-40 characters of A-Z a-z 0-9 . _ - : " + value);
    }

    public static VerifierId of(String value) { return new VerifierId(value); }

    @Override public int compareTo(VerifierId o) { return value.compareTo(o.value); }

    @Override public String toString() { return value; }
}
