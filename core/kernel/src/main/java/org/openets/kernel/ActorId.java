package org.openets.kernel;

/** A person (or API client acting for one) known to the platform, by login name. */
public record ActorId(String value) {
    public ActorId {
        if (value == null || value.isBlank() || value.length() > 64) throw new IllegalArgumentException("actor id required (1-64 chars)");
    }

    public static ActorId of(String value) { return new ActorId(value); }

    @Override public String toString() { return value; }
}
