package org.openets.emissions;

/**
 * A generating unit (机组), a clinker line (熟料生产线) or an aluminium smelter (电解铝生产线), as the entity names it
 * in its report ({@code G1}, {@code L2}). Unique within the entity.
 */
public record InstallationId(String value) implements Comparable<InstallationId> {
    public InstallationId {
        if (value == null || !EntityId.ID.matcher(value).matches())
            throw new IllegalArgumentException("installation id must be 1-40 characters of A-Z a-z 0-9 . _ - : " + value);
    }

    public static InstallationId of(String value) { return new InstallationId(value); }

    @Override public int compareTo(InstallationId o) { return value.compareTo(o.value); }

    @Override public String toString() { return value; }
}
