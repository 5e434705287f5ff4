package org.openets.emissions;

/**
 * Stable codes for what is wrong with a report's input or with the rules it needs. Clients match on them;
 * existing codes are never renamed.
 */
public enum ProblemCode {
    /** A column the sheet does not have (a typo would otherwise drop the data silently). */
    UNKNOWN_COLUMN,
    /** A required cell is empty. */
    REQUIRED,
    /** A number column holds something that is not a plain decimal number. */
    NOT_A_NUMBER,
    NEGATIVE,
    /** A value outside its range: a month outside 1..12, an oxidation rate above 1, a calorific value of zero. */
    OUT_OF_RANGE,
    /** The installation is not one of the entity's, or is of the wrong kind for the sheet. */
    UNKNOWN_INSTALLATION,
    /** The fuel code is not one the ruleset knows for the year. */
    UNKNOWN_FUEL,
    UNKNOWN_PRODUCT,
    /** Two rows for the same installation, month (and fuel or product). */
    DUPLICATE_ROW,
    /** The installation was not commissioned yet, or already closed, in that month. */
    NOT_OPERATING,
    /** Cells that exclude each other are both filled, or one needs another that is missing. */
    INCONSISTENT,
    /** The ruleset has no value of a parameter the computation needs for the year. */
    MISSING_PARAMETER,
    /** The report has no rows at all: it is neither saved nor sealed ({@link ReportCoverage}). */
    EMPTY_REPORT,
    /** An installation of the entity that operated in the year has no rows: the report cannot be sealed ({@link ReportCoverage}). */
    MISSING_INSTALLATION,
    /** An installation has no row in a sheet for months it operated in: the report cannot be sealed ({@link ReportCoverage}). */
    MISSING_MONTHS
}
