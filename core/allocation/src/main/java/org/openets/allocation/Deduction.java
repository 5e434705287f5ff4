package org.openets.allocation;

import java.util.Objects;

/**
 * A quantity to subtract from an entity's final allocation of a year (a shortfall carried over, a penalty deducted
 * from next year's allowance): who, where, which allocation year, how much, why, and the reference of the decision
 * that caused it. Compliance will feed these; until then a regulator enters them.
 */
public record Deduction(String entityId, String jurisdiction, int year, long quantity, String reason, String sourceRef) {
    public Deduction {
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(jurisdiction, "jurisdiction");
        if (quantity <= 0) throw new IllegalArgumentException("a deduction is a positive quantity");
        if (reason == null || reason.isBlank()) throw new IllegalArgumentException("a deduction needs a reason");
        if (sourceRef == null || sourceRef.isBlank()) throw new IllegalArgumentException("a deduction needs a source reference");
    }
}
