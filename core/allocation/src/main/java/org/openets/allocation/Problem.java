package org.openets.allocation;

/**
 * Why a line cannot be allocated: the input line (0 for the ruleset as a whole), the unit, the field or parameter at
 * fault, a stable code and a sentence. Any problem stops the whole run: nothing is allocated or issued.
 */
public record Problem(int line, String unitId, String field, Code code, String message) {
    public enum Code {
        /** a header, a column or a value the file format does not allow. */
        BAD_FORMAT,
        /** a category the ruleset does not declare. */
        UNKNOWN_CATEGORY,
        /** an input the method needs is absent. */
        MISSING_VALUE,
        /** a negative figure, a ratio outside 0..1, a load coefficient outside 0..1.2. */
        INVALID_VALUE,
        /** the same unit twice. */
        DUPLICATE_UNIT,
        /** the ruleset has no row for a parameter the unit needs, for that year. */
        MISSING_PARAMETER,
        /** the ruleset ships the parameter as UNKNOWN. */
        UNKNOWN_PARAMETER,
        /** the year is outside the ruleset's years. */
        YEAR_NOT_COVERED
    }

    @Override public String toString() {
        return (line > 0 ? "line " + line + ": " : "") + (unitId == null || unitId.isEmpty() ? "" : "unit " + unitId + ": ")
                + (field == null || field.isEmpty() ? "" : field + ": ") + code + ": " + message;
    }
}
