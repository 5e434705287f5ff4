package org.openets.kernel;

/** Money in the minor unit of its currency (fen for CNY), as a long. Never rounds. */
public record Money(long minorUnits, String currency) {
    public Money {
        if (currency == null || currency.length() != 3) throw new IllegalArgumentException("ISO 4217 currency code required");
    }

    public static Money cny(long fen) { return new Money(fen, "CNY"); }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(minorUnits, other.minorUnits), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.subtractExact(minorUnits, other.minorUnits), currency);
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) throw new IllegalArgumentException("currency mismatch: " + currency + " vs " + other.currency);
    }
}
