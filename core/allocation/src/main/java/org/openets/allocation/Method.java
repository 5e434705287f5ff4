package org.openets.allocation;

/** How a category's allowance is computed. Each is a small named rule in {@link Allocator} with its own trace. */
public enum Method {
    /** output × benchmark × the category's correction factors (+ heat). */
    BENCHMARK,
    /** average emissions of the base years × decline factor (Guangdong resource-integration units). */
    HISTORICAL_EMISSIONS,
    /** actual output × historical average intensity × decline factor. */
    HISTORICAL_INTENSITY,
    /** allowance = the year's verified emissions (national industry 2024). */
    VERIFIED_EMISSIONS
}
