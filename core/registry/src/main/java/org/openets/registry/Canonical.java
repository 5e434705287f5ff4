package org.openets.registry;

import org.openets.kernel.CanonicalText;

/** Canonical text and hashing shared by idempotency and the journal (the rules are the kernel's {@link CanonicalText}). */
public final class Canonical {
    private Canonical() {}

    /** Free text made safe for a {@code |}-separated record: {@code %}, {@code |} and line breaks percent-encoded. */
    public static String text(String s) { return CanonicalText.text(s); }

    public static String sha256(String s) { return CanonicalText.sha256(s); }
}
