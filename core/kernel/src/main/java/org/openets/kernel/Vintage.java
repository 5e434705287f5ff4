package org.openets.kernel;

/** The year a unit belongs to: the compliance year of an allowance, the reduction year of an offset. */
public record Vintage(int year) implements Comparable<Vintage> {
    public Vintage {
        if (year < 2005 || year > 2100) throw new IllegalArgumentException("vintage out of range: " + year);
    }

    public static Vintage of(int year) { return new Vintage(year); }

    @Override public int compareTo(Vintage o) { return Integer.compare(year, o.year); }

    @Override public String toString() { return Integer.toString(year); }
}
