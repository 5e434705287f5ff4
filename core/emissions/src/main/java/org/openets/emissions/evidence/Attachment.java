package org.openets.emissions.evidence;

import org.openets.emissions.internal.Canonical;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A supporting document (a lab report, a meter reading, an invoice), known by the SHA-256 of its bytes: the hash is
 * its identity, so the same file attached twice is one attachment and a changed file is another. The bytes
 * themselves are kept by a store; here is what the seal covers.
 */
public record Attachment(String sha256, String fileName, String mediaType, long size) {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public Attachment {
        if (sha256 == null || !HEX.matcher(sha256).matches()) throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits");
        if (fileName == null || fileName.isBlank()) throw new IllegalArgumentException("file name required");
        Objects.requireNonNull(mediaType, "media type");
        if (size < 0) throw new IllegalArgumentException("negative size");
    }

    public static Attachment of(String fileName, String mediaType, byte[] content) {
        return new Attachment(Canonical.sha256(content), fileName, mediaType, content.length);
    }

    /** Whether these bytes are this attachment's. */
    public boolean matches(byte[] content) {
        return content.length == size && Canonical.sha256(content).equals(sha256);
    }
}
