package org.openets.emissions;

import java.util.Objects;

/**
 * One thing wrong, with where it is: {@code fuels row 5, unit G1, month 13, fuel COAL: month must be 1..12}.
 * {@code where} names the sheet, the row and the row's keys as they were typed (so a bad month still shows);
 * {@code field} is the column (or the parameter) at fault.
 */
public record Problem(ProblemCode code, String where, String field, String message) {
    public Problem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override public String toString() { return where + ": " + message; }
}
