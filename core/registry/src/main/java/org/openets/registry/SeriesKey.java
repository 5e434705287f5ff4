package org.openets.registry;

import org.openets.kernel.UnitType;
import org.openets.kernel.Vintage;

import java.util.regex.Pattern;

/**
 * A unit series: the units of one type and vintage (and, for offsets, one project) that share a serial
 * number space. The serial format is documented in {@code docs/reference/serial-numbers.md}:
 * {@code <issuer>-<unit type>-<vintage>[-<project id>]-<serial, 12 digits>}, for example
 * {@code CN-CEA-2024-000000000001} or {@code CN-CCER-2019-P000123-000000000001}.
 */
public record SeriesKey(UnitType unitType, Vintage vintage, String projectId) {
    private static final Pattern PROJECT = Pattern.compile("[A-Z0-9]{1,20}");
    public static final long MAX_SERIAL = 999_999_999_999L;

    public SeriesKey {
        if (unitType == null || vintage == null) throw new IllegalArgumentException("unit type and vintage required");
        if (unitType.isOffset() != (projectId != null))
            throw new IllegalArgumentException(unitType.isOffset() ? "offsets need a project id" : "allowances have no project id");
        if (projectId != null && !PROJECT.matcher(projectId).matches())
            throw new IllegalArgumentException("project id must be 1-20 upper-case letters or digits");
    }

    /** The prefix every serial of this series starts with. */
    public String prefix() {
        return unitType.issuer().code() + "-" + unitType.code() + "-" + vintage.year() + (projectId == null ? "" : "-" + projectId);
    }

    public String serial(long n) {
        if (n < 1 || n > MAX_SERIAL) throw new IllegalArgumentException("serial out of range: " + n);
        return prefix() + "-" + String.format("%012d", n);
    }

    /** {@code unitType/vintage[/project]}, the key's stable text form. */
    public String code() { return unitType.code() + "/" + vintage.year() + (projectId == null ? "" : "/" + projectId); }

    @Override public String toString() { return code(); }
}
