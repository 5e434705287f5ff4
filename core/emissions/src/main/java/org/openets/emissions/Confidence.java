package org.openets.emissions;

/**
 * How sure the project is of a published value, as the rules reference marks it. A computation that uses a value
 * that is not confirmed says so in its trace, so nobody mistakes a placeholder for the regulator's figure.
 */
public enum Confidence {
    /** Confirmed: the value appears in a retrieved source. */
    C,
    /** Partial: only a secondary source, or part of the rule was visible. */
    P,
    /** Unconfirmed: recalled or not found in any source; must be verified before production use. */
    U;

    public String mark() { return "[" + name() + "]"; }
}
