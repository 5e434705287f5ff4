package org.openets.emissions;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One fuel burnt by one installation in one month, with what was measured. A null factor was not measured and
 * is defaulted (or filled) by the rule of the year. Carbon content is given either directly ({@code carbonContent},
 * tC/GJ) or as the elemental carbon of the fuel as received ({@code carbonArPercent}, % by mass), from which
 * CC = C_ar / NCV_ar; the second needs the measured NCV.
 *
 * @param quantity         FC, in the fuel's quantity unit (ruleset {@code fuel.quantity-unit})
 * @param ncv              NCV, GJ per quantity unit, or null
 * @param carbonContent    CC, tC/GJ, or null
 * @param carbonArPercent  C_ar, % by mass as received, or null
 * @param oxidationRate    OF, a fraction in (0, 1], or null
 */
public record FuelUse(InstallationId unit, int month, FuelType fuel, BigDecimal quantity, BigDecimal ncv, BigDecimal carbonContent,
                      BigDecimal carbonArPercent, BigDecimal oxidationRate) {
    public FuelUse {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(fuel, "fuel");
        Objects.requireNonNull(quantity, "quantity");
        if (month < 1 || month > 12) throw new IllegalArgumentException("month must be 1..12");
        if (quantity.signum() < 0) throw new IllegalArgumentException("negative quantity");
        if (carbonContent != null && carbonArPercent != null) throw new IllegalArgumentException("carbon content given twice");
        if (carbonArPercent != null && ncv == null) throw new IllegalArgumentException("elemental carbon needs the measured NCV");
    }

    /** Whether the month's carbon content was measured (directly or as elemental carbon): what the default rule counts. */
    public boolean carbonMeasured() { return carbonContent != null || carbonArPercent != null; }

    public FuelUse withQuantity(BigDecimal q) {
        return new FuelUse(unit, month, fuel, q, ncv, carbonContent, carbonArPercent, oxidationRate);
    }
}
