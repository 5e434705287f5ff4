package org.openets.emissions;

import org.openets.kernel.Jurisdiction;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A covered entity (重点排放单位) → its facilities → their installations. Installation ids are unique across the
 * entity because the monthly sheets name units by id alone.
 */
public record CoveredEntity(EntityId id, String name, Jurisdiction jurisdiction, List<Facility> facilities) {
    public CoveredEntity {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(jurisdiction, "jurisdiction");
        if (name == null || name.isBlank()) throw new IllegalArgumentException("entity name required");
        facilities = List.copyOf(facilities);
        Set<InstallationId> seen = new HashSet<>();
        for (Facility f : facilities)
            for (Installation i : f.installations())
                if (!seen.add(i.id())) throw new IllegalArgumentException("installation id " + i.id() + " used twice in entity " + id);
    }

    public Optional<Installation> installation(InstallationId id) {
        return facilities.stream().flatMap(f -> f.installations().stream()).filter(i -> i.id().equals(id)).findFirst();
    }

    public List<Installation> installations() {
        return facilities.stream().flatMap(f -> f.installations().stream()).toList();
    }
}
