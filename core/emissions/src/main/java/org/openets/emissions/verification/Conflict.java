package org.openets.emissions.verification;

/** A reason a verifier may not verify an entity-year, with the facts that made it. */
public record Conflict(ConflictCode code, String detail) {
    @Override public String toString() { return code + ": " + detail; }
}
