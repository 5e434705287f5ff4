package org.openets.allocation;

/** Pre-allocation on base-year data, or the final allocation on the year's verified data. */
public enum Stage { PRE_ALLOCATION, FINAL }
