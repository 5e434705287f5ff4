package org.openets.allocation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The allowance of one unit: the exact figure (after the stage's share), the whole tonnes when the ruleset rounds per
 * unit line ({@code null} when it rounds per entity), the free and paid parts in that case, and the trace that
 * explains every factor. {@code unconfirmed} lists the keys of the [U] rows the figure rests on.
 */
public record UnitAllocation(UnitInput unit, Category category, Stage stage, BigDecimal exact, Long rounded, Long free, Long paid,
                             boolean relief, List<TraceStep> trace) {
    public UnitAllocation {
        trace = List.copyOf(trace);
    }

    public Set<String> unconfirmed() {
        Set<String> keys = new TreeSet<>();
        for (TraceStep s : trace) for (Param p : s.params()) if (p.isUnconfirmed()) keys.add(p.key());
        return keys;
    }

    public String sector() { return category.sector(); }
}
