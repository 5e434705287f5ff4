package org.openets.cli.allocation;

import org.openets.allocation.Allocation;
import org.openets.allocation.Comparison;
import org.openets.allocation.EntityAllocation;
import org.openets.allocation.Ruleset;
import org.openets.allocation.TraceStep;
import org.openets.allocation.UnitAllocation;
import org.openets.allocation.WhatIf;

import java.util.BitSet;
import java.util.List;
import java.util.Map;

/** For reading: one line per entity and unit, {@code [U]} on every line that rests on an unconfirmed row, a footer listing those rows. */
final class TextFormat extends AllocationFormat {
    private static final String U = " [U]";

    @Override public int allocation(Allocation a, Ruleset r, boolean trace, int threads, Output o) {
        Unconfirmed un = new Unconfirmed(r);
        o.s(stage(a.stage())).s(": ").s(r.id()).s(r.draft() ? " (draft)" : "").s(", year ").n(a.year()).s(", ruleset file ").s(r.name())
                .s("; rounded ").s(r.roundingMode(a.year()).name()).s(" per ").s(a.roundingPoint().name().toLowerCase().replace('_', ' ')).c('\n');
        o.s(r.title()).c('\n').end();
        o.blocks(a.entities(), threads, (index, e, out) -> entity(e, un, trace, out));
        o.c('\n').s("total: ").n(a.units().size()).s(" unit line(s), ").n(a.entities().size()).s(" entity line(s): ").n(a.total()).s(" t = ").n(a.free())
                .s(" free + ").n(a.paid()).s(" paid").s(un.isEmpty() ? "" : U).c('\n');
        footer(o, un, "");
        o.end();
        return un.size();
    }

    private static void entity(EntityAllocation e, Unconfirmed un, boolean trace, Output o) {
        Unconfirmed.Marks marks = un.of(e);
        BitSet[] sets = marks.units();
        BitSet es = marks.entity();
        o.c('\n').s("entity ").s(e.entityId()).s(e.entityName().isEmpty() ? "" : " (" + e.entityName() + ")").s(", ").s(e.sector()).s(": ")
                .n(e.total()).s(" t = ").n(e.free()).s(" free + ").n(e.paid()).s(" paid").s(es.isEmpty() ? "" : U).c('\n');
        for (int i = 0; i < sets.length; i++) {
            UnitAllocation u = e.units().get(i);
            o.s("  unit ").s(u.unit().unitId()).s(", ").s(u.category().code());
            if (u.unit().category().isEmpty()) o.s(" (matched from fuel ").s(u.unit().fuel()).s(u.unit().capacityMw() == null ? "" : ", " + u.unit().capacityMw().toPlainString() + " MW").c(')');
            o.s(" by ").s(u.category().method().name()).s(": ");
            if (u.rounded() != null) o.n(u.rounded()).s(" t (exact ").s(Output.shown(u.exact())).s(") = ").n(u.free()).s(" free + ").n(u.paid()).s(" paid");
            else o.s("exact ").s(Output.shown(u.exact())).s(" t (rounded per entity)");
            if (u.relief()) o.s(", gas relief: allowance = verified emissions");
            o.s(sets[i].isEmpty() ? "" : U).c('\n');
            if (trace) steps(o, "    ", u.trace());
            o.end();
        }
        if (trace) steps(o, "  ", e.trace());
    }

    @Override public int whatIf(WhatIf.Result w, Ruleset r, boolean trace, Output o) {
        Unconfirmed un = new Unconfirmed(r);
        o.s("what-if: ").s(w.rulesetId()).s(r.draft() ? " (draft)" : "").s(", year ").n(w.year()).s(", ").s(w.basis().name()).s(" allowance against verified emissions");
        if (!w.pricesFen().isEmpty()) {
            o.s("; prices ");
            for (int i = 0; i < w.pricesFen().size(); i++) o.s(i == 0 ? "" : ", ").s(Output.yuan(w.pricesFen().get(i)));
            o.s(" CNY/t");
        }
        o.c('\n').s("gap = verified emissions - allowance (positive: a shortfall to buy; negative: a surplus); gap % of verified emissions")
                .s(w.pricesFen().isEmpty() ? "" : "; cost = gap x price, CNY").c('\n').c('\n').end();
        Map<String, BitSet> sets = whatIfSets(un, w);
        for (WhatIf.Line l : w.lines()) {
            BitSet s = sets.get(l.unitId());
            o.s("unit ").s(l.unitId()).s(" (").s(l.entityId()).s(", ").s(l.sector()).s(", ").s(l.region().isEmpty() ? "-" : l.region()).s(", ")
                    .s(l.allocation().category().code()).s("): ");
            figures(o, l.allowance(), l.emissions(), l.gap(), l.gapPercent(), l.costFen());
            o.s(s.isEmpty() ? "" : U).c('\n');
            if (trace) steps(o, "  ", l.allocation().trace());
            o.end();
        }
        aggregates(o, "entity", w.byEntity(), w, sets, l -> l.entityId());
        aggregates(o, "sector", w.bySector(), w, sets, WhatIf.Line::sector);
        aggregates(o, "region", w.byRegion(), w, sets, l -> l.region().isEmpty() ? "-" : l.region());
        BitSet all = new BitSet();
        for (BitSet s : sets.values()) all.or(s);
        o.c('\n').s("total: ").n(w.total().units()).s(" unit(s): ");
        figures(o, w.total().allowance(), w.total().emissions(), w.total().gap(), w.total().gapPercent(), w.total().costFen());
        o.s(all.isEmpty() ? "" : U).c('\n');
        footer(o, un, "");
        o.end();
        return un.size();
    }

    private static void aggregates(Output o, String level, List<WhatIf.Aggregate> aggs, WhatIf.Result w, Map<String, BitSet> sets,
                                   java.util.function.Function<WhatIf.Line, String> key) {
        Map<String, BitSet> u = new java.util.HashMap<>();
        for (WhatIf.Line l : w.lines()) u.computeIfAbsent(key.apply(l), k -> new BitSet()).or(sets.get(l.unitId()));
        o.c('\n');
        for (WhatIf.Aggregate g : aggs) {
            o.s(level).c(' ').s(g.key()).s(": ").n(g.units()).s(" unit(s), ");
            figures(o, g.allowance(), g.emissions(), g.gap(), g.gapPercent(), g.costFen());
            o.s(u.get(g.key()).isEmpty() ? "" : U).c('\n').end();
        }
    }

    private static void figures(Output o, long allowance, long emissions, long gap, java.math.BigDecimal percent, List<Long> cost) {
        o.s("allowance ").n(allowance).s(" t, verified ").n(emissions).s(" t, gap ").n(gap).s(" t");
        if (percent != null) o.s(" (").s(percent.toPlainString()).s(" %)");
        if (!cost.isEmpty()) {
            o.s(", cost ");
            for (int i = 0; i < cost.size(); i++) o.s(i == 0 ? "" : " / ").s(Output.yuan(cost.get(i)));
            o.s(" CNY");
        }
    }

    @Override public int comparison(Comparison.Result c, Ruleset ra, Ruleset rb, boolean trace, Output o) {
        Unconfirmed ua = new Unconfirmed(ra), ub = new Unconfirmed(rb);
        Map<String, WhatIf.Line> la = byUnit(c.a()), lb = byUnit(c.b());
        o.s("comparison: ").s(c.statedBasis()).c('\n');
        if (ra.draft() || rb.draft()) o.s("  ").s(ra.draft() && rb.draft() ? "A and B are drafts" : ra.draft() ? "A is a draft" : "B is a draft").c('\n');
        o.s("  both on one basis: allowance per MWh generated and per MWh supplied; A - B and A/B compare the ").s(c.basis().name())
                .s(" allowances; gap = verified emissions - allowance").c('\n').end();
        Map<String, BitSet> setsA = whatIfSets(ua, c.a()), setsB = whatIfSets(ub, c.b());
        boolean any = false;
        for (Comparison.Line l : c.lines()) {
            WhatIf.Line x = la.get(l.unitId()), y = lb.get(l.unitId());
            BitSet sa = setsA.get(l.unitId()), sb = setsB.get(l.unitId());
            boolean badge = !sa.isEmpty() || !sb.isEmpty();
            any |= badge;
            String ca = x.allocation().category().code(), cb = y.allocation().category().code();
            o.c('\n').s("unit ").s(l.unitId()).s(" (").s(l.entityId()).s(", ").s(ca.equals(cb) ? ca : ca + " / " + cb).s("): A ").n(l.allowanceA())
                    .s(" t, B ").n(l.allowanceB()).s(" t, A - B ").n(l.difference()).s(" t, A/B ").s(l.ratio() == null ? "-" : l.ratio().toPlainString())
                    .s("; per MWh generated ").s(per(l.perGenerationA())).s(" / ").s(per(l.perGenerationB()))
                    .s("; per MWh supplied ").s(per(l.perSupplyA())).s(" / ").s(per(l.perSupplyB()))
                    .s("; verified ").n(l.emissions()).s(" t, gap A ").n(l.gapA()).s(" t, B ").n(l.gapB()).s(" t").s(badge ? U : "").c('\n');
            if (trace) {
                steps(o, "  A ", x.allocation().trace());
                steps(o, "  B ", y.allocation().trace());
            }
            o.end();
        }
        o.c('\n').s("total: ").n(c.lines().size()).s(" unit(s): A ").n(c.totalA()).s(" t, B ").n(c.totalB()).s(" t, A - B ").n(c.difference())
                .s(" t, A/B ").s(c.ratio() == null ? "-" : c.ratio().toPlainString()).s(any ? U : "").c('\n');
        footer(o, ua, "A (" + c.a().rulesetId() + "): ");
        footer(o, ub, "B (" + c.b().rulesetId() + "): ");
        o.end();
        return ua.size() + ub.size();
    }

    private static String per(java.math.BigDecimal v) { return v == null ? "-" : v.toPlainString(); }

    @Override public void rulesets(List<Ruleset> rulesets, Output o) {
        for (Ruleset r : rulesets) {
            int[] u = unconfirmedCount(r);
            o.s(r.id()).s("  ").s(r.jurisdiction().code()).s("  ").s(years(r)).s("  ").s(r.draft() ? "DRAFT" : "FINAL").s("  ").n(r.categoryCodes().size())
                    .s(" categories, ").n(r.params().size()).s(" rows, ").n(u[0]).s(" unconfirmed [U] (").n(u[1]).s(" UNKNOWN)").c('\n')
                    .s("  ").s(r.title()).c('\n').end();
        }
    }

    private static void steps(Output o, String indent, List<TraceStep> trace) {
        for (TraceStep s : trace) o.s(indent).s(s.render()).c('\n');
    }

    private static void footer(Output o, Unconfirmed un, String side) {
        if (un.isEmpty()) {
            o.s(side.isEmpty() ? "" : side).s("no unconfirmed ruleset row used").c('\n');
            return;
        }
        List<Unconfirmed.Row> rows = un.rows();
        o.c('\n').s("[U] ").s(side).n(rows.size()).s(" unconfirmed ruleset row(s) used; verify them before these figures are final:").c('\n');
        for (Unconfirmed.Row row : rows) {
            o.s("  ").s(row.param().key()).s(" = ").s(value(row.param())).s(" (").s(row.param().origin()).s("): ");
            if (row.unitLines() > 0) o.n(row.unitLines()).s(" unit line(s)");
            if (row.unitLines() > 0 && row.entityLines() > 0) o.s(", ");
            if (row.entityLines() > 0) o.n(row.entityLines()).s(" entity line(s)");
            o.c('\n').end();
        }
    }
}
