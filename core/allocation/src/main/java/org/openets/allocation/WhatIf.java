package org.openets.allocation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A draft ruleset applied to a population that carries verified emissions: per unit, entity, sector and region the
 * allowance (total or free only), the verified emissions, the gap (emissions − allowance: positive is a shortfall),
 * the gap as a percentage of emissions, and the cost of the gap at each given price (fen per tonne; negative is the
 * value of a surplus). Each unit line is in whole tonnes (rounded with the ruleset's mode where the ruleset rounds per
 * entity), and every aggregate is exactly the sum of its lines.
 */
public final class WhatIf {
    /** Which allowance the gap is measured against. */
    public enum Basis { TOTAL, FREE }

    public record Line(String unitId, String entityId, String entityName, String sector, String region, String category, long allowance,
                       long emissions, long gap, BigDecimal gapPercent, List<Long> costFen, BigDecimal generationMwh, BigDecimal supplyMwh,
                       boolean unconfirmed, UnitAllocation allocation) {
        public Line { costFen = List.copyOf(costFen); }
    }

    public record Aggregate(String key, int units, long allowance, long emissions, long gap, BigDecimal gapPercent, List<Long> costFen) {
        public Aggregate { costFen = List.copyOf(costFen); }
    }

    public record Result(String rulesetId, int year, Basis basis, List<Long> pricesFen, List<Line> lines, List<Aggregate> byEntity,
                         List<Aggregate> bySector, List<Aggregate> byRegion, Aggregate total, Allocation allocation) {
        public Result {
            pricesFen = List.copyOf(pricesFen);
            lines = List.copyOf(lines);
        }
    }

    private WhatIf() { }

    public static Result run(Ruleset ruleset, int year, List<UnitInput> population, Basis basis, List<Long> pricesFen) {
        Objects.requireNonNull(basis, "basis");
        for (Long p : pricesFen) if (p == null || p < 0) throw new IllegalArgumentException("prices are non-negative fen per tonne");
        List<Problem> problems = new ArrayList<>();
        for (UnitInput u : population)
            if (u.verifiedEmissions() == null)
                problems.add(new Problem(u.line(), u.unitId(), "verified_emissions_t", Problem.Code.MISSING_VALUE, "a what-if needs each unit's verified emissions"));
        Allocation a;
        try {
            a = new Allocator(ruleset).allocate(year, Stage.FINAL, population);
        } catch (AllocationException e) {
            problems.addAll(e.problems());
            throw new AllocationException(problems);
        }
        if (!problems.isEmpty()) throw new AllocationException(problems);
        RoundingMode mode = ruleset.roundingMode(year);
        // a line rounded here (the ruleset rounds per entity) or split here (free basis) also rests on those rows
        boolean modeUnconfirmed = ruleset.find(ParamName.ROUNDING_MODE, "", year).map(Param::isUnconfirmed).orElse(false)
                || ruleset.find(ParamName.ROUNDING_POINT, "", year).map(Param::isUnconfirmed).orElse(false);
        List<Line> lines = new ArrayList<>(a.units().size());
        for (UnitAllocation ua : a.units()) {
            long total = ua.rounded() != null ? ua.rounded() : ua.exact().setScale(0, mode).longValueExact();
            long allowance = total;
            boolean unconfirmed = !ua.unconfirmed().isEmpty() || (ua.rounded() == null && modeUnconfirmed);
            if (basis == Basis.FREE) {
                if (ua.free() != null) allowance = ua.free();
                else {
                    Param shareRow = ruleset.find(ParamName.FREE_SHARE, ua.sector(), year).orElseThrow();
                    unconfirmed |= shareRow.isUnconfirmed();
                    BigDecimal share = shareRow.decimal();
                    allowance = BigDecimal.valueOf(total).multiply(share).setScale(0, mode).longValueExact();
                }
            }
            UnitInput u = ua.unit();
            long emissions = u.verifiedEmissions();
            long gap = Math.subtractExact(emissions, allowance);
            lines.add(new Line(u.unitId(), u.entityId(), u.entityName(), ua.sector(), u.region(), ua.category().code(), allowance, emissions, gap,
                    percent(gap, emissions), costs(gap, pricesFen), u.generationMwh(), u.supplyMwh(), unconfirmed, ua));
        }
        return new Result(ruleset.id(), year, basis, pricesFen, lines, group(lines, Line::entityId, pricesFen), group(lines, Line::sector, pricesFen),
                group(lines, l -> l.region().isEmpty() ? "-" : l.region(), pricesFen), aggregate("TOTAL", lines, pricesFen), a);
    }

    static BigDecimal percent(long gap, long emissions) {
        return emissions == 0 ? null : BigDecimal.valueOf(gap).multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(emissions), 2, RoundingMode.HALF_EVEN);
    }

    static List<Long> costs(long gap, List<Long> prices) {
        List<Long> c = new ArrayList<>(prices.size());
        for (long p : prices) c.add(Math.multiplyExact(gap, p));
        return c;
    }

    static List<Aggregate> group(List<Line> lines, Function<Line, String> key, List<Long> prices) {
        Map<String, List<Line>> g = new LinkedHashMap<>();
        for (Line l : lines) g.computeIfAbsent(key.apply(l), k -> new ArrayList<>()).add(l);
        List<Aggregate> out = new ArrayList<>(g.size());
        for (var e : g.entrySet()) out.add(aggregate(e.getKey(), e.getValue(), prices));
        return out;
    }

    static Aggregate aggregate(String key, List<Line> lines, List<Long> prices) {
        long allowance = 0, emissions = 0, gap = 0;
        long[] cost = new long[prices.size()];
        for (Line l : lines) {
            allowance = Math.addExact(allowance, l.allowance());
            emissions = Math.addExact(emissions, l.emissions());
            gap = Math.addExact(gap, l.gap());
            for (int i = 0; i < cost.length; i++) cost[i] = Math.addExact(cost[i], l.costFen().get(i));
        }
        List<Long> c = new ArrayList<>();
        for (long x : cost) c.add(x);
        return new Aggregate(key, lines.size(), allowance, emissions, gap, percent(gap, emissions), c);
    }
}
