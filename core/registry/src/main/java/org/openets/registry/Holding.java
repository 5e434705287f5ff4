package org.openets.registry;

/** What an account holds of one series: the total, and how much of it is frozen. */
public record Holding(long accountId, long seriesId, long quantity, long frozen) {
    public Holding {
        if (quantity < 0 || frozen < 0 || frozen > quantity)
            throw new IllegalStateException("holding out of bounds: " + quantity + " frozen " + frozen);
    }

    public long free() { return quantity - frozen; }
}
