package org.openets.emissions;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One version of an installation: valid from {@code validFrom} until the day before the next version's
 * {@code validFrom} (or open). {@code reason} says why it was recorded (a retrofit, a capacity re-rating, a
 * correction of a wrong entry), because versions are never edited.
 */
public record InstallationVersion(LocalDate validFrom, InstallationSpec spec, String reason) {
    public InstallationVersion {
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(spec, "spec");
        if (reason == null || reason.isBlank()) throw new IllegalArgumentException("a version needs a reason");
    }
}
