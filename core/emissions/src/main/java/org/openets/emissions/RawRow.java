package org.openets.emissions;

import java.util.Map;

/**
 * One row of a submitted sheet, cells as text by column name, exactly as typed (an import from xlsx or CSV makes
 * these). {@code row} is the row number the submitter sees, so problems point at it.
 */
public record RawRow(int row, Map<String, String> cells) {
    public RawRow {
        cells = Map.copyOf(cells);
    }

    /** The cell, trimmed; null when absent or blank. */
    public String cell(String column) {
        String v = cells.get(column);
        if (v == null) return null;
        v = v.strip();
        return v.isEmpty() ? null : v;
    }
}
