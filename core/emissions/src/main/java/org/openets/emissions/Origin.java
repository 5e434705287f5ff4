package org.openets.emissions;

/** Where a factor of a figure came from. */
public enum Origin {
    /** Measured and reported by the entity. */
    MEASURED,
    /** Computed from measured values: CC = C_ar / NCV_ar. */
    DERIVED,
    /** A default (high) value of the ruleset, because the rule of the year calls for it. */
    DEFAULT,
    /** Neither measured nor defaulted: filled from the year's measured months, because enough months were measured. */
    FILLED
}
