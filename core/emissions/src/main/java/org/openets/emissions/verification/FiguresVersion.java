package org.openets.emissions.verification;

import org.openets.kernel.ActorId;

import java.time.Instant;
import java.util.Objects;

/**
 * One version of an entity-year's final figures. Version 1 is what the regulator approved; each later version is a
 * correction with its reason (a re-verification, a court ruling, a data-falsification case). Versions are only ever
 * appended; the current figures are the last version's.
 */
public record FiguresVersion(int version, VerifiedFigures figures, String reason, ActorId by, Instant at) {
    public FiguresVersion {
        if (version < 1) throw new IllegalArgumentException("versions count from 1");
        Objects.requireNonNull(figures, "figures");
        if (reason == null || reason.isBlank()) throw new IllegalArgumentException("a version needs a reason");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
    }
}
