package org.openets.emissions;

import java.util.regex.Pattern;

/**
 * A fuel by its code ({@code COAL}, {@code NATURAL_GAS}). Which codes exist in a year is data: a fuel is known when
 * the ruleset gives it a quantity unit for that year (parameter {@code fuel.quantity-unit}), so a new fuel is
 * configured, not coded.
 */
public record FuelType(String code) implements Comparable<FuelType> {
    static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,39}");

    public FuelType {
        if (code == null || !CODE.matcher(code).matches())
            throw new IllegalArgumentException("fuel code must be upper-case letters, digits and _: " + code);
    }

    public static FuelType of(String code) { return new FuelType(code); }

    public static boolean isWellFormed(String code) { return code != null && CODE.matcher(code).matches(); }

    @Override public int compareTo(FuelType o) { return code.compareTo(o.code); }

    @Override public String toString() { return code; }
}
