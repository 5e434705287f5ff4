package org.openets.emissions.verification;

/**
 * A jurisdiction's independence rules, as configuration.
 *
 * @param maxConsecutiveYears     a verifier verifies one entity at most this many data years in a row (N)
 * @param consultingCoolingOffYears a consulting link stops counting once it ended more than this many years
 *                                before the data year; {@link Integer#MAX_VALUE} counts every link ever
 */
public record ConflictPolicy(int maxConsecutiveYears, int consultingCoolingOffYears) {
    public ConflictPolicy {
        if (maxConsecutiveYears < 1) throw new IllegalArgumentException("maxConsecutiveYears must be at least 1");
        if (consultingCoolingOffYears < 0) throw new IllegalArgumentException("consultingCoolingOffYears must not be negative");
    }
}
