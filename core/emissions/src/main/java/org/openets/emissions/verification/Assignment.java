package org.openets.emissions.verification;

import org.openets.emissions.EntityId;

import java.util.Objects;

/** A verifier assigned to verify an entity's report for a data year. */
public record Assignment(VerifierId verifier, EntityId entity, int year) {
    public Assignment {
        Objects.requireNonNull(verifier, "verifier");
        Objects.requireNonNull(entity, "entity");
    }
}
