package org.openets.emissions;

import java.util.regex.Pattern;

/** A covered entity (重点排放单位): the legal person that reports, is verified and surrenders. */
public record EntityId(String value) implements Comparable<EntityId> {
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-]{0,39}");

    public EntityId {
        if (value == null || !ID.matcher(value).matches())
            throw new IllegalArgumentException("entity id must be 1-40 characters of A-Z a-z 0-9 . _ - : " + value);
    }

    public static EntityId of(String value) { return new EntityId(value); }

    @Override public int compareTo(EntityId o) { return value.compareTo(o.value); }

    @Override public String toString() { return value; }
}
