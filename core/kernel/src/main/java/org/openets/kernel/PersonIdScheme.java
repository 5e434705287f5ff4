package org.openets.kernel;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * How a jurisdiction identifies the natural persons who hold accounts (the jurisdiction's {@code person_id_scheme},
 * data): {@link #CN_RIC}, the citizen identification number of the resident identity card (公民身份号码, GB 11643-1999:
 * six digits of the address code, eight of the date of birth, three of the order code, and a check character, a digit
 * or X, by ISO 7064 MOD 11-2 over the first seventeen). A jurisdiction without a scheme takes any identifier.
 */
public enum PersonIdScheme {
    CN_RIC;

    static final int[] RIC_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static final String RIC_CHECK = "10X98765432";

    /** The scheme of a jurisdiction's data value ({@code CN-RIC}), or none for a blank value. */
    public static Optional<PersonIdScheme> of(String value) {
        if (value == null || value.isBlank()) return Optional.empty();
        return Optional.of(valueOf(value.strip().replace('-', '_')));
    }

    /** The scheme as the data names it: {@code CN-RIC}. */
    @Override public String toString() { return name().replace('_', '-'); }

    /**
     * Why {@code id} is not a valid number of this scheme, or empty when it is: eighteen characters, seventeen digits
     * and the check character (an upper-case X), a date of birth that exists, not before 1900 and not after {@code today}.
     */
    public Optional<String> problem(String id, LocalDate today) { return reason(id, today).map(IdentifierProblem::text); }

    /** As {@link #problem}, as a kind and values a page can say in its language. */
    public Optional<IdentifierProblem> reason(String id, LocalDate today) {
        String c = id == null ? "" : id;
        if (c.length() != 18)
            return Optional.of(IdentifierProblem.of(IdentifierProblem.Kind.LENGTH, "a citizen identification number has 18 characters, not " + c.length(), c.length(), 18));
        for (int i = 0; i < 17; i++)
            if (c.charAt(i) < '0' || c.charAt(i) > '9')
                return Optional.of(IdentifierProblem.of(IdentifierProblem.Kind.CHARACTER, "character " + (i + 1) + " ('" + c.charAt(i) + "') is not a digit", i + 1, c.charAt(i)));
        if (c.charAt(0) == '0')
            return Optional.of(IdentifierProblem.of(IdentifierProblem.Kind.ADDRESS, "the address code (the first six digits) does not begin with 0"));
        LocalDate born;
        try {
            born = LocalDate.of(Integer.parseInt(c.substring(6, 10)), Integer.parseInt(c.substring(10, 12)), Integer.parseInt(c.substring(12, 14)));
        } catch (DateTimeException e) {
            return Optional.of(IdentifierProblem.of(IdentifierProblem.Kind.BIRTH_DATE, "digits 7 to 14 (" + c.substring(6, 14) + ") are not a date of birth", c.substring(6, 14)));
        }
        if (born.getYear() < 1900 || born.isAfter(today))
            return Optional.of(IdentifierProblem.of(IdentifierProblem.Kind.BIRTH_DATE_RANGE, "the date of birth " + born + " is not possible", born));
        char expected = check(c.substring(0, 17));
        if (c.charAt(17) != expected)
            return Optional.of(IdentifierProblem.of(IdentifierProblem.Kind.CHECK, "the check character is " + expected + ", not " + c.charAt(17), expected, c.charAt(17)));
        return Optional.empty();
    }

    /** The check character that completes the first 17 digits of a number (for tests and demo data). */
    public static char check(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) sum += (first17.charAt(i) - '0') * RIC_WEIGHTS[i];
        return RIC_CHECK.charAt(sum % 11);
    }
}
