package org.openets.kernel;

import java.util.List;

/**
 * Why an identifier (a unified social credit code, a citizen identification number) is not valid: what is wrong
 * ({@link Kind}), the values a message names, and the English text of it. A page says the same in its own language
 * from the kind and the values.
 */
public record IdentifierProblem(Kind kind, List<String> values, String text) {
    /**
     * LENGTH (the length found, the length expected); CHARACTER (the position, the character); ADDRESS (the number
     * begins with 0); BIRTH_DATE (the digits that are no date); BIRTH_DATE_RANGE (the date, not possible); CHECK (the
     * check character expected, the one given).
     */
    public enum Kind { LENGTH, CHARACTER, ADDRESS, BIRTH_DATE, BIRTH_DATE_RANGE, CHECK }

    static IdentifierProblem of(Kind kind, String text, Object... values) {
        return new IdentifierProblem(kind, java.util.Arrays.stream(values).map(String::valueOf).toList(), text);
    }
}
