package org.openets.emissions;

/** What an unmeasured month's carbon content is when enough months were measured that no default applies. */
public enum FillMethod {
    /** The arithmetic mean of the carbon contents of the measured months of the same installation and fuel in the year. */
    MEAN_OF_MEASURED_MONTHS
}
