package org.openets.kernel;

import java.util.Optional;

/**
 * How a jurisdiction identifies the legal entities that hold covered-entity accounts (the jurisdiction's
 * {@code entity_code_scheme}, data): {@link #CN_USCC}, the unified social credit code (统一社会信用代码,
 * GB 32100-2015: 18 characters, the 18th a check character over the first 17). A jurisdiction without a scheme
 * takes any identifier.
 */
public enum EntityCodeScheme {
    CN_USCC;

    /** The characters of a unified social credit code, in the order of their values 0–30 (no I, O, S, V, Z). */
    static final String USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    static final int[] USCC_WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    /** The scheme of a jurisdiction's data value ({@code CN-USCC}), or none for a blank value. */
    public static Optional<EntityCodeScheme> of(String value) {
        if (value == null || value.isBlank()) return Optional.empty();
        return Optional.of(valueOf(value.strip().replace('-', '_')));
    }

    /** The scheme as the data names it: {@code CN-USCC}. */
    @Override public String toString() { return name().replace('_', '-'); }

    /** Why {@code code} is not a valid code of this scheme, or empty when it is. */
    public Optional<String> problem(String code) { return reason(code).map(IdentifierProblem::text); }

    /** Why {@code code} is not a valid code of this scheme, as a kind and values a page can say in its language. */
    public Optional<IdentifierProblem> reason(String code) {
        String c = code == null ? "" : code;
        if (c.length() != 18)
            return Optional.of(IdentifierProblem.of(IdentifierProblem.Kind.LENGTH, "a unified social credit code has 18 characters, not " + c.length(), c.length(), 18));
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int v = USCC_ALPHABET.indexOf(c.charAt(i));
            if (v < 0) return Optional.of(IdentifierProblem.of(IdentifierProblem.Kind.CHARACTER,
                    "character " + (i + 1) + " ('" + c.charAt(i) + "') is not one of " + USCC_ALPHABET, i + 1, c.charAt(i)));
            sum += v * USCC_WEIGHTS[i];
        }
        char expected = USCC_ALPHABET.charAt((31 - sum % 31) % 31);
        if (c.charAt(17) != expected)
            return Optional.of(IdentifierProblem.of(IdentifierProblem.Kind.CHECK, "the check character is " + expected + ", not " + c.charAt(17), expected, c.charAt(17)));
        return Optional.empty();
    }

    /** The check character that completes the first 17 characters of a code (for tests and demo data). */
    public static char uscCheck(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17.charAt(i)) * USCC_WEIGHTS[i];
        return USCC_ALPHABET.charAt((31 - sum % 31) % 31);
    }
}
