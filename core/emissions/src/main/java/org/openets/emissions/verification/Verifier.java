package org.openets.emissions.verification;

import org.openets.kernel.Jurisdiction;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

/**
 * A verification organisation and its accreditation: valid from {@code accreditedFrom} to {@code accreditedUntil}
 * inclusive (null = open), in the listed jurisdictions. Provinces select verifiers from such a list.
 */
public record Verifier(VerifierId id, String name, LocalDate accreditedFrom, LocalDate accreditedUntil, Set<Jurisdiction> jurisdictions) {
    public Verifier {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(accreditedFrom, "accreditedFrom");
        if (name == null || name.isBlank()) throw new IllegalArgumentException("verifier name required");
        if (accreditedUntil != null && accreditedUntil.isBefore(accreditedFrom)) throw new IllegalArgumentException("accreditation ends before it starts");
        jurisdictions = Set.copyOf(jurisdictions);
    }

    public boolean accreditedOn(LocalDate day, Jurisdiction jurisdiction) {
        return jurisdictions.contains(jurisdiction) && !day.isBefore(accreditedFrom) && (accreditedUntil == null || !day.isAfter(accreditedUntil));
    }
}
