package org.openets.emissions.evidence;

import java.util.Objects;

/** The hash a submitted report was sealed with, and the version of the canonical encoding it was computed over. */
public record Seal(String encoding, String sha256) {
    public Seal {
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(sha256, "sha256");
    }

    @Override public String toString() { return encoding + ":" + sha256; }
}
