package org.openets.cli.allocation;

import org.openets.allocation.Allocation;
import org.openets.allocation.Comparison;
import org.openets.allocation.EntityAllocation;
import org.openets.allocation.OutputBasis;
import org.openets.allocation.Param;
import org.openets.allocation.Ruleset;
import org.openets.allocation.Stage;
import org.openets.allocation.UnitAllocation;
import org.openets.allocation.WhatIf;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * How {@code openets allocate} writes its results: {@code text} for reading, {@code csv} for spreadsheets and scripts,
 * {@code json} for programs. Every format badges what rests on unconfirmed ([U]) ruleset rows: text with a {@code [U]}
 * on the line and a footer listing the rows, csv with the {@code unconfirmed} column, json with an {@code unconfirmed}
 * field (and the rows under {@code unconfirmed_rows}). docs/reference/cli.md shows each.
 */
public abstract sealed class AllocationFormat permits TextFormat, CsvFormat, JsonFormat {
    /** {@code text}, {@code csv} or {@code json}, in any case. */
    public static AllocationFormat of(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "text" -> new TextFormat();
            case "csv" -> new CsvFormat();
            case "json" -> new JsonFormat();
            default -> throw new IllegalArgumentException("'" + name + "' is not one of text, csv, json");
        };
    }

    // each returns how many distinct unconfirmed ([U]) ruleset rows the figures rest on

    /**
     * The allocation lines: per entity (and sector) its total, free and paid parts, then its unit lines; with {@code trace}, every step.
     * Entity blocks are formatted on {@code threads} threads; the output does not depend on it.
     */
    public abstract int allocation(Allocation a, Ruleset ruleset, boolean trace, int threads, Output out);

    /** Allowance against verified emissions per unit, entity, sector and region, with the gap's cost at each price. */
    public abstract int whatIf(WhatIf.Result w, Ruleset ruleset, boolean trace, Output out);

    /** Two rulesets over one population, side by side, with the basis stated. */
    public abstract int comparison(Comparison.Result c, Ruleset a, Ruleset b, boolean trace, Output out);

    /** The bundled rulesets. */
    public abstract void rulesets(List<Ruleset> rulesets, Output out);

    static String stage(Stage s) { return s == Stage.FINAL ? "final allocation" : "pre-allocation"; }

    static String stageCode(Stage s) { return s == Stage.FINAL ? "final" : "pre"; }

    /** The years of a ruleset: {@code 2019-2020} or {@code 2016}. */
    static String years(Ruleset r) { return r.fromYear() == r.toYear() ? String.valueOf(r.fromYear()) : r.fromYear() + "-" + r.toYear(); }

    /** A row's value as the footer shows it: {@code 1.05 factor}, {@code HALF_UP}. */
    static String value(Param p) { return p.value() + ("-".equals(p.unit()) ? "" : " " + p.unit()); }

    /** How many rows a ruleset ships as [U], and how many of them as UNKNOWN. */
    static int[] unconfirmedCount(Ruleset r) {
        int u = 0, unknown = 0;
        for (Param p : r.unconfirmed()) { u++; if (p.isUnknown()) unknown++; }
        return new int[] {u, unknown};
    }

    /** The output bases of the categories a run used, e.g. {@code [SUPPLY]}; empty when no category computes on output. */
    static List<String> outputBases(Allocation a) {
        TreeSet<String> s = new TreeSet<>();
        for (UnitAllocation u : a.units()) if (u.category().basis() != null) s.add(u.category().basis().name());
        return List.copyOf(s);
    }

    static String outputBasis(UnitAllocation u) {
        OutputBasis b = u.category().basis();
        return b == null ? "" : b.name();
    }

    /** The allocation behind each what-if line, by unit id. */
    static Map<String, WhatIf.Line> byUnit(WhatIf.Result w) {
        Map<String, WhatIf.Line> m = new HashMap<>(w.lines().size() * 2);
        for (WhatIf.Line l : w.lines()) m.put(l.unitId(), l);
        return m;
    }

    /**
     * The [U] rows behind each what-if line, by unit id: those of its unit trace and, where the ruleset rounds per entity,
     * those of its entity's rounding and free share too (the what-if rounds the line with them). Counts them for the footer.
     */
    static Map<String, BitSet> whatIfSets(Unconfirmed un, WhatIf.Result w) {
        Map<String, BitSet> entity = new HashMap<>();
        for (EntityAllocation e : w.allocation().entities()) entity.put(e.entityId() + '\u0000' + e.sector(), un.of(e.trace(), true));
        Map<String, BitSet> sets = new HashMap<>(w.lines().size() * 2);
        for (WhatIf.Line l : w.lines()) {
            BitSet s = un.of(l.allocation().trace(), false);
            if (l.allocation().rounded() == null) {
                s = (BitSet) s.clone();
                s.or(entity.get(l.entityId() + '\u0000' + l.sector()));
            }
            sets.put(l.unitId(), s);
        }
        return sets;
    }
}
