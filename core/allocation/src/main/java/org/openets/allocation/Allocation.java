package org.openets.allocation;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A run of a ruleset over a population for one year and stage: the unit lines, the entity totals (what the registry
 * receives) and the [U] rows the figures rest on. Totals are sums of the entity lines; the entity lines are the sums
 * of their units, rounded where the ruleset rounds.
 */
public record Allocation(String rulesetId, int year, Stage stage, RoundingPoint roundingPoint, List<UnitAllocation> units,
                         List<EntityAllocation> entities) {
    public Allocation {
        units = List.copyOf(units);
        entities = List.copyOf(entities);
    }

    public long total() { return entities.stream().mapToLong(EntityAllocation::total).sum(); }

    public long free() { return entities.stream().mapToLong(EntityAllocation::free).sum(); }

    public long paid() { return entities.stream().mapToLong(EntityAllocation::paid).sum(); }

    /** Every [U] row any line rests on: approving an issuance built on them needs an explicit acknowledgement. */
    public Set<String> unconfirmed() {
        Set<String> keys = new TreeSet<>();
        for (EntityAllocation e : entities) keys.addAll(e.unconfirmed());
        return keys;
    }

    /** Entity totals over sectors, by entity id in first-seen order. */
    public Map<String, Long> totalsByEntity() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (EntityAllocation e : entities) m.merge(e.entityId(), e.total(), Long::sum);
        return m;
    }

    public BigDecimal exactTotal() { return units.stream().map(UnitAllocation::exact).reduce(BigDecimal.ZERO, BigDecimal::add); }
}
