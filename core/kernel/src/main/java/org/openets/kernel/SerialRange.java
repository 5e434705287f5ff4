package org.openets.kernel;

/**
 * An inclusive range of unit serial numbers within one unit series, {@code first..last}. One serial
 * number is one tonne. Ranges are how the registry names exactly which units an account holds.
 */
public record SerialRange(long first, long last) implements Comparable<SerialRange> {
    public SerialRange {
        if (first < 1 || last < first) throw new IllegalArgumentException("invalid serial range " + first + ".." + last);
    }

    public static SerialRange ofSize(long first, long size) {
        return new SerialRange(first, Math.addExact(first, size - 1));
    }

    public long size() { return last - first + 1; }

    public Quantity quantity() { return Quantity.of(size()); }

    public boolean contains(long serial) { return serial >= first && serial <= last; }

    public boolean overlaps(SerialRange o) { return first <= o.last && o.first <= last; }

    /** True when {@code o} starts right after this range ends, or ends right before it starts. */
    public boolean isAdjacentTo(SerialRange o) { return last + 1 == o.first || o.last + 1 == first; }

    public SerialRange union(SerialRange o) {
        if (!isAdjacentTo(o) && !overlaps(o)) throw new IllegalArgumentException("not contiguous: " + this + ", " + o);
        return new SerialRange(Math.min(first, o.first), Math.max(last, o.last));
    }

    /** The first {@code n} serials of this range. */
    public SerialRange head(long n) {
        if (n < 1 || n > size()) throw new IllegalArgumentException("cannot take " + n + " from " + this);
        return new SerialRange(first, first + n - 1);
    }

    /** What remains after the first {@code n} serials. */
    public SerialRange tailAfter(long n) {
        if (n < 1 || n >= size()) throw new IllegalArgumentException("no tail after " + n + " in " + this);
        return new SerialRange(first + n, last);
    }

    @Override public int compareTo(SerialRange o) { return Long.compare(first, o.first); }

    @Override public String toString() { return first + ".." + last; }
}
