package org.openets.emissions.verification;

import org.openets.emissions.EntityId;
import org.openets.kernel.Jurisdiction;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The independence rule for assigning a verifier to an entity-year (利益冲突回避), a small policy that returns a
 * reason. The checks run in the order of {@link ConflictCode}.
 *
 * <p>Consecutive years count data years, not assignment dates, and look both ways: assigning 2023 between
 * existing assignments for 2021-2022 and 2024 joins them into one run of four. A year with another verifier (or
 * none) breaks the run.
 */
public final class ConflictOfInterest {
    private final ConflictPolicy policy;

    public ConflictOfInterest(ConflictPolicy policy) { this.policy = policy; }

    /**
     * @param on          the day of assignment (accreditation is judged on it)
     * @param assignments every earlier assignment, of any verifier and entity
     * @param links       every recorded consulting link
     */
    public Optional<Conflict> check(Verifier verifier, EntityId entity, Jurisdiction jurisdiction, int year, LocalDate on,
                                    Collection<Assignment> assignments, Collection<ConsultingLink> links) {
        if (!verifier.accreditedOn(on, jurisdiction))
            return Optional.of(new Conflict(ConflictCode.NOT_ACCREDITED, verifier.id() + " is not accredited in " + jurisdiction + " on " + on));
        for (Assignment a : assignments)
            if (a.entity().equals(entity) && a.year() == year)
                return Optional.of(new Conflict(ConflictCode.ALREADY_ASSIGNED, entity + " " + year + " is already assigned to " + a.verifier()));
        for (ConsultingLink l : links)
            if (l.verifier().equals(verifier.id()) && l.entity().equals(entity) && counts(l, year))
                return Optional.of(new Conflict(ConflictCode.CONSULTING_LINK, verifier.id() + " consulted for " + entity + " (" + l.nature() + ", "
                        + l.fromYear() + "-" + l.toYear() + ")"));
        Set<Integer> years = new HashSet<>();
        for (Assignment a : assignments)
            if (a.verifier().equals(verifier.id()) && a.entity().equals(entity)) years.add(a.year());
        int first = year, last = year;
        while (years.contains(first - 1)) first--;
        while (years.contains(last + 1)) last++;
        int run = last - first + 1;
        if (run > policy.maxConsecutiveYears())
            return Optional.of(new Conflict(ConflictCode.CONSECUTIVE_YEARS, verifier.id() + " would verify " + entity + " for " + run
                    + " years in a row (" + first + "-" + last + "), more than " + policy.maxConsecutiveYears()));
        return Optional.empty();
    }

    private boolean counts(ConsultingLink l, int year) {
        return (long) l.toYear() + policy.consultingCoolingOffYears() >= year;
    }
}
