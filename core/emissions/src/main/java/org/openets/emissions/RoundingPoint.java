package org.openets.emissions;

/** Where the exact tonnes are rounded to whole tonnes, once (parameter {@code rounding.point}). */
public enum RoundingPoint {
    /** The entity's year total is rounded; installation figures stay exact. */
    ENTITY_TOTAL,
    /** Each installation's year total is rounded and the entity total is the sum of the rounded figures. */
    INSTALLATION_TOTAL
}
