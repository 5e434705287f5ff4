package org.openets.emissions;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * The text lines of a {@link Trace}, worded when first read. The accounting records each step as the line object
 * itself (a {@link FuelLine}, an {@link ElectricityLine}, a text) and its text is its {@code toString()}, which is the
 * same whenever it is asked for, since every part is immutable. A batch that only needs the figures (thousands of
 * reports with hundreds of fuel-months each) so does not spend most of its time writing text nobody reads. Unmodifiable.
 */
final class TraceLines extends AbstractList<String> implements RandomAccess {
    private final Object[] items;
    private volatile String[] text;

    TraceLines(List<Object> items) { this.items = items.toArray(); }

    @Override public String get(int index) { return text()[index]; }

    @Override public int size() { return items.length; }

    private String[] text() {
        String[] t = text;
        if (t == null) {
            t = new String[items.length];
            for (int i = 0; i < t.length; i++) t[i] = items[i].toString();
            text = t;
        }
        return t;
    }
}
