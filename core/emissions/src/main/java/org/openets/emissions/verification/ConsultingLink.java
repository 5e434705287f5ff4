package org.openets.emissions.verification;

import org.openets.emissions.EntityId;

import java.util.Objects;

/**
 * A verifier (or its affiliate) advised the entity: report preparation, carbon asset management, energy audits,
 * in years {@code fromYear}..{@code toYear}. A verifier does not verify what it helped produce.
 */
public record ConsultingLink(VerifierId verifier, EntityId entity, int fromYear, int toYear, String nature) {
    public ConsultingLink {
        Objects.requireNonNull(verifier, "verifier");
        Objects.requireNonNull(entity, "entity");
        if (toYear < fromYear) throw new IllegalArgumentException("link ends before it starts");
        if (nature == null || nature.isBlank()) throw new IllegalArgumentException("say what the consulting was");
    }
}
