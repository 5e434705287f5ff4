package org.openets.allocation;

/** What a sector's pre-allocation is a share of. */
public enum PreAllocationBasis {
    /** the allowance the category's method gives on the base year's output. */
    OUTPUT,
    /** the previous year's verified emissions (national industry 2025). */
    PREVIOUS_VERIFIED_EMISSIONS
}
