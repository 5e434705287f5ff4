package org.openets.emissions;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A generating unit, clinker line or smelter and its history. Changes are appended as versions with validity
 * periods: a version is valid from its own date until the next one starts, so periods never overlap or leave a gap.
 * A year's report reads the version valid in each month it covers, so a 2022 report keeps the 2022 capacity even
 * after a 2024 re-rating.
 */
public record Installation(InstallationId id, InstallationKind kind, List<InstallationVersion> versions) {
    public Installation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        versions = List.copyOf(versions);
        if (versions.isEmpty()) throw new IllegalArgumentException("installation " + id + " needs a first version");
        for (int i = 0; i < versions.size(); i++) {
            if (versions.get(i).spec().kind() != kind) throw new IllegalArgumentException("installation " + id + ": version of another kind");
            if (i > 0 && !versions.get(i).validFrom().isAfter(versions.get(i - 1).validFrom()))
                throw new IllegalArgumentException("installation " + id + ": versions must start in increasing order");
        }
    }

    public static Installation of(InstallationId id, LocalDate validFrom, InstallationSpec first, String reason) {
        return new Installation(id, first.kind(), List.of(new InstallationVersion(validFrom, first, reason)));
    }

    /** A new installation value with one more version; the earlier versions stay as they were. */
    public Installation withVersion(LocalDate validFrom, InstallationSpec spec, String reason) {
        List<InstallationVersion> next = new ArrayList<>(versions);
        next.add(new InstallationVersion(validFrom, spec, reason));
        return new Installation(id, kind, next);
    }

    /** The version valid on that day; empty before the first version. */
    public Optional<InstallationVersion> versionOn(LocalDate day) {
        InstallationVersion found = null;
        for (InstallationVersion v : versions) if (!v.validFrom().isAfter(day)) found = v;
        return Optional.ofNullable(found);
    }

    /** The version valid at the end of the month: the state the month's data is reported against. */
    public Optional<InstallationVersion> versionIn(YearMonth month) { return versionOn(month.atEndOfMonth()); }

    /** The version valid at the end of the year (or the last one that started within it): what a year's report shows. */
    public Optional<InstallationVersion> versionForYear(int year) { return versionOn(LocalDate.of(year, 12, 31)); }

    /** The last day a version is valid: the day before the next one starts; null for the current version. */
    public LocalDate validTo(InstallationVersion v) {
        int i = versions.indexOf(v);
        if (i < 0) throw new IllegalArgumentException("not a version of " + id);
        return i + 1 < versions.size() ? versions.get(i + 1).validFrom().minusDays(1) : null;
    }

    public boolean operatesIn(YearMonth month) {
        return versionIn(month).map(v -> v.spec().operatesIn(month)).orElse(false);
    }
}
