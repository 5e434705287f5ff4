package org.openets.emissions;

/**
 * The fuel category of a generating unit, as the national power-sector plans split their benchmark lines. The
 * 300 MW boundary belongs to those plans; here it is the category the entity declares and the regulator accepts.
 */
public enum UnitCategory {
    /** 常规燃煤机组, above 300 MW. */
    CONVENTIONAL_COAL_ABOVE_300MW,
    /** 常规燃煤机组, 300 MW and below. */
    CONVENTIONAL_COAL_300MW_AND_BELOW,
    /** 非常规燃煤机组: coal gangue, coal slurry, circulating fluidised bed (CFB). */
    UNCONVENTIONAL_COAL,
    /** 燃气机组. */
    GAS
}
