package org.openets.emissions;

import java.util.List;
import java.util.Objects;

/** A plant or works of a covered entity and the installations in it. */
public record Facility(FacilityId id, String name, List<Installation> installations) {
    public Facility {
        Objects.requireNonNull(id, "id");
        if (name == null || name.isBlank()) throw new IllegalArgumentException("facility name required");
        installations = List.copyOf(installations);
    }
}
