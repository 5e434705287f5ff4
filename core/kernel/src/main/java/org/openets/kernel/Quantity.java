package org.openets.kernel;

/**
 * A quantity of units: whole tonnes of CO2 equivalent. Never negative; arithmetic is exact and throws on
 * overflow instead of wrapping.
 */
public record Quantity(long tonnes) implements Comparable<Quantity> {
    public static final Quantity ZERO = new Quantity(0);

    public Quantity {
        if (tonnes < 0) throw new IllegalArgumentException("quantity must not be negative: " + tonnes);
    }

    public static Quantity of(long tonnes) { return new Quantity(tonnes); }

    public Quantity plus(Quantity other) { return new Quantity(Math.addExact(tonnes, other.tonnes)); }

    public Quantity minus(Quantity other) { return new Quantity(Math.subtractExact(tonnes, other.tonnes)); }

    public boolean isZero() { return tonnes == 0; }

    public boolean isLessThan(Quantity other) { return tonnes < other.tonnes; }

    @Override public int compareTo(Quantity o) { return Long.compare(tonnes, o.tonnes); }

    @Override public String toString() { return tonnes + " t"; }
}
