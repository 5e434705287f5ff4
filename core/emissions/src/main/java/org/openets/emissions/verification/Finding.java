package org.openets.emissions.verification;

import org.openets.kernel.ActorId;

import java.time.Instant;
import java.util.Objects;

/**
 * Something the verifier found wrong or unsupported (不符合项), numbered within the verification. It is closed by
 * the entity's correction, which points at the corrected report by its seal; the finding itself is never edited.
 */
public record Finding(int number, String text, ActorId raisedBy, Instant raisedAt, Correction correction) {
    public Finding {
        if (number < 1) throw new IllegalArgumentException("findings are numbered from 1");
        if (text == null || text.isBlank()) throw new IllegalArgumentException("a finding needs a text");
        Objects.requireNonNull(raisedBy, "raisedBy");
        Objects.requireNonNull(raisedAt, "raisedAt");
    }

    public boolean isOpen() { return correction == null; }

    /** How the entity answered a finding: what it changed and the seal of the report it resubmitted. */
    public record Correction(String description, String correctedReportSeal, ActorId by, Instant at) {
        public Correction {
            if (description == null || description.isBlank()) throw new IllegalArgumentException("a correction needs a description");
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(at, "at");
        }
    }
}
