package org.openets.emissions;

/** A facility (设施, a plant or works) of a covered entity. */
public record FacilityId(String value) {
    public FacilityId {
        if (value == null || !EntityId.ID.matcher(value).matches())
            throw new IllegalArgumentException("facility id must be 1-40 characters of A-Z a-z 0-9 . _ - : " + value);
    }

    public static FacilityId of(String value) { return new FacilityId(value); }

    @Override public String toString() { return value; }
}
