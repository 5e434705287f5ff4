package org.openets.allocation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * An entity's allowance in one sector: the sum of its unit lines, rounded as the ruleset says, split into the free
 * part (to its holding account) and the paid part (to the auction account).
 */
public record EntityAllocation(String entityId, String entityName, String sector, BigDecimal exact, long total, long free, long paid,
                               List<UnitAllocation> units, List<TraceStep> trace) {
    public EntityAllocation {
        units = List.copyOf(units);
        trace = List.copyOf(trace);
        if (free + paid != total) throw new IllegalArgumentException("free + paid must equal total for " + entityId);
    }

    public Set<String> unconfirmed() {
        Set<String> keys = new TreeSet<>();
        for (UnitAllocation u : units) keys.addAll(u.unconfirmed());
        for (TraceStep s : trace) for (Param p : s.params()) if (p.isUnconfirmed()) keys.add(p.key());
        return keys;
    }
}
