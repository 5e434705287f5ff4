package org.openets.emissions;

/**
 * When a fuel's carbon content per unit of heat (单位热值含碳量) takes the default (high) value, per installation, fuel
 * and month. Which rule holds is data of the year (parameter {@code cc.default-rule}).
 */
public enum CarbonDefaultRule {
    /** Every month without a measurement takes the default (the 2021 guideline, used for 2019 and 2020 data). */
    EVERY_UNMEASURED_MONTH,
    /**
     * The months without a measurement take the default only when fewer months than the threshold
     * ({@code cc.measured-months-threshold}) were measured in the year; otherwise they are filled by
     * {@code cc.fill-when-enough-measured} (the MEE notice of 8 June 2022, for 2021 and 2022 data).
     */
    FEWER_MEASURED_THAN_THRESHOLD
}
