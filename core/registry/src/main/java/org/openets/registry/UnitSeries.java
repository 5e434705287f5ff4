package org.openets.registry;

/** A series as the registry stores it; {@code offset} is null for allowances. */
public record UnitSeries(long id, SeriesKey key, OffsetAttributes offset) {
    public UnitSeries {
        if (key.unitType().isOffset() && offset == null) throw new IllegalArgumentException("offset series need attributes");
    }
}
