package org.openets.registry;

import java.time.LocalDate;

/**
 * What compliance needs to know about an offset series: the project, its type (e.g. forestry, wind), the
 * region it comes from, the period in which the reductions happened, and whether the project lies inside
 * a covered entity's boundary (such offsets are not eligible for surrender in most rules).
 */
public record OffsetAttributes(String projectId, String projectType, String originRegion, LocalDate reductionFrom,
                               LocalDate reductionTo, boolean insideCoveredBoundary) {
    public OffsetAttributes {
        if (projectId == null || projectType == null || originRegion == null || reductionFrom == null || reductionTo == null)
            throw new IllegalArgumentException("offset attributes are all required");
        if (reductionTo.isBefore(reductionFrom)) throw new IllegalArgumentException("reduction period ends before it starts");
    }
}
