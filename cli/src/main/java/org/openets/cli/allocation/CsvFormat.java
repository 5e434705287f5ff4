package org.openets.cli.allocation;

import org.openets.allocation.Allocation;
import org.openets.allocation.Comparison;
import org.openets.allocation.EntityAllocation;
import org.openets.allocation.Ruleset;
import org.openets.allocation.TraceStep;
import org.openets.allocation.UnitAllocation;
import org.openets.allocation.WhatIf;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One header row, then one row per record; the {@code unconfirmed} column lists the keys of the [U] rows a figure rests
 * on (separated by {@code ;}, empty when none), and trace steps are rows of their own whose text is in {@code detail}.
 * Every CSV starts with a UTF-8 byte-order mark, as the platform's CSV downloads do, so that a spreadsheet program
 * reads the Chinese names as UTF-8 (the population reader skips it).
 */
final class CsvFormat extends AllocationFormat {
    /** U+FEFF, written first. */
    static final String BOM = "\uFEFF";
    static final String ALLOCATION = "record,entity_id,entity_name,sector,unit_id,region,category,method,exact_t,total_t,free_t,paid_t,gas_relief,unconfirmed,detail\n";
    static final String COMPARISON = "level,unit_id,entity_id,sector,region,category,basis,ruleset_a,output_basis_a,allowance_a_t,ruleset_b,output_basis_b,"
            + "allowance_b_t,difference_t,ratio_a_b,a_per_mwh_generated,b_per_mwh_generated,a_per_mwh_supplied,b_per_mwh_supplied,verified_emissions_t,"
            + "gap_a_t,gap_b_t,unconfirmed,detail\n";
    static final String RULESETS = "id,jurisdiction,years,status,categories,rows,unconfirmed_rows,unknown_rows,file,title\n";

    @Override public int allocation(Allocation a, Ruleset r, boolean trace, int threads, Output o) {
        Unconfirmed un = new Unconfirmed(r);
        o.s(BOM).s(ALLOCATION);
        o.blocks(a.entities(), threads, (index, e, out) -> entity(e, un, trace, out));
        o.s("total,,,,,,,,").s(Output.exact(a.exactTotal())).c(',').n(a.total()).c(',').n(a.free()).c(',').n(a.paid()).s(",,").s(un.joined(un.used())).s(",\n");
        o.end();
        return un.size();
    }

    private static void entity(EntityAllocation e, Unconfirmed un, boolean trace, Output o) {
        Unconfirmed.Marks marks = un.of(e);
        BitSet[] sets = marks.units();
        BitSet es = marks.entity();
        String entity = Output.csv(e.entityId());
        o.s("entity,").s(entity).c(',').s(Output.csv(e.entityName())).c(',').s(e.sector()).s(",,,,,").s(Output.exact(e.exact())).c(',').n(e.total())
                .c(',').n(e.free()).c(',').n(e.paid()).s(",,").s(un.joined(es)).s(",\n");
        if (trace) for (TraceStep s : e.trace()) traceRow(o, un, entity, e.sector(), "", s);
        for (int i = 0; i < sets.length; i++) {
            UnitAllocation u = e.units().get(i);
            String unit = Output.csv(u.unit().unitId());
            o.s("unit,").s(entity).s(",,").s(e.sector()).c(',').s(unit).c(',').s(u.unit().region()).c(',').s(u.category().code()).c(',')
                    .s(u.category().method().name()).c(',').s(Output.exact(u.exact())).c(',');
            if (u.rounded() != null) o.n(u.rounded()).c(',').n(u.free()).c(',').n(u.paid());
            else o.s(",,");
            o.s(u.relief() ? ",yes," : ",no,").s(un.joined(sets[i])).s(",\n");
            if (trace) for (TraceStep s : u.trace()) traceRow(o, un, entity, e.sector(), unit, s);
            o.end();
        }
    }

    private static void traceRow(Output o, Unconfirmed un, String entity, String sector, String unit, TraceStep s) {
        o.s("trace,").s(entity).s(",,").s(sector).c(',').s(unit).s(",,,,,,,,,").s(un.joined(un.ofStep(s))).c(',').s(Output.csv(s.render())).c('\n');
    }

    @Override public int whatIf(WhatIf.Result w, Ruleset r, boolean trace, Output o) {
        Unconfirmed un = new Unconfirmed(r);
        o.s(BOM).s("level,key,entity_id,sector,region,category,basis,units,allowance_t,verified_emissions_t,gap_t,gap_percent");
        for (long p : w.pricesFen()) o.s(",cost_cny_at_").s(Output.yuan(p));
        o.s(",unconfirmed,detail\n");
        String basis = w.basis().name();
        Map<String, BitSet> sets = whatIfSets(un, w);
        BitSet all = new BitSet();
        for (WhatIf.Line l : w.lines()) {
            BitSet s = sets.get(l.unitId());
            all.or(s);
            String unit = Output.csv(l.unitId());
            o.s("unit,").s(unit).c(',').s(Output.csv(l.entityId())).c(',').s(l.sector()).c(',').s(l.region()).c(',').s(l.allocation().category().code())
                    .c(',').s(basis).s(",1,");
            figures(o, l.allowance(), l.emissions(), l.gap(), l.gapPercent(), l.costFen());
            o.c(',').s(un.joined(s)).s(",\n");
            if (trace)
                for (TraceStep st : l.allocation().trace()) {
                    o.s("trace,").s(unit).c(',').s(Output.csv(l.entityId())).c(',').s(l.sector()).s(",,,,,,,,,");
                    for (int i = 0; i < w.pricesFen().size(); i++) o.c(',');
                    o.s(un.joined(un.ofStep(st))).c(',').s(Output.csv(st.render())).c('\n');
                }
            o.end();
        }
        aggregates(o, un, "entity", w.byEntity(), w, basis, sets, WhatIf.Line::entityId);
        aggregates(o, un, "sector", w.bySector(), w, basis, sets, WhatIf.Line::sector);
        aggregates(o, un, "region", w.byRegion(), w, basis, sets, l -> l.region().isEmpty() ? "-" : l.region());
        WhatIf.Aggregate t = w.total();
        o.s("total,,,,,,").s(basis).c(',').n(t.units()).c(',');
        figures(o, t.allowance(), t.emissions(), t.gap(), t.gapPercent(), t.costFen());
        o.c(',').s(un.joined(all)).s(",\n").end();
        return un.size();
    }

    private static void aggregates(Output o, Unconfirmed un, String level, List<WhatIf.Aggregate> aggs, WhatIf.Result w, String basis,
                                   Map<String, BitSet> sets, Function<WhatIf.Line, String> key) {
        Map<String, BitSet> u = new HashMap<>();
        for (WhatIf.Line l : w.lines()) u.computeIfAbsent(key.apply(l), k -> new BitSet()).or(sets.get(l.unitId()));
        for (WhatIf.Aggregate g : aggs) {
            String k = Output.csv(g.key());
            o.s(level).c(',').s(k).c(',').s(level.equals("entity") ? k : "").c(',').s(level.equals("sector") ? k : "").c(',')
                    .s(level.equals("region") ? k : "").s(",,").s(basis).c(',').n(g.units()).c(',');
            figures(o, g.allowance(), g.emissions(), g.gap(), g.gapPercent(), g.costFen());
            o.c(',').s(un.joined(u.get(g.key()))).s(",\n").end();
        }
    }

    private static void figures(Output o, long allowance, long emissions, long gap, java.math.BigDecimal percent, List<Long> cost) {
        o.n(allowance).c(',').n(emissions).c(',').n(gap).c(',').s(Output.plain(percent));
        for (long c : cost) o.c(',').s(Output.yuan(c));
    }

    @Override public int comparison(Comparison.Result c, Ruleset ra, Ruleset rb, boolean trace, Output o) {
        Unconfirmed ua = new Unconfirmed(ra), ub = new Unconfirmed(rb);
        Map<String, WhatIf.Line> la = byUnit(c.a()), lb = byUnit(c.b());
        String basis = c.basis().name(), a = Output.csv(c.a().rulesetId() + " " + c.a().year()), b = Output.csv(c.b().rulesetId() + " " + c.b().year());
        o.s(BOM).s(COMPARISON);
        Map<String, BitSet> setsA = whatIfSets(ua, c.a()), setsB = whatIfSets(ub, c.b());
        BitSet allA = new BitSet(), allB = new BitSet();
        for (Comparison.Line l : c.lines()) {
            WhatIf.Line x = la.get(l.unitId()), y = lb.get(l.unitId());
            BitSet sa = setsA.get(l.unitId()), sb = setsB.get(l.unitId());
            allA.or(sa);
            allB.or(sb);
            String ca = x.allocation().category().code(), cb = y.allocation().category().code();
            String unit = Output.csv(l.unitId()), entity = Output.csv(l.entityId());
            o.s("unit,").s(unit).c(',').s(entity).c(',').s(l.sector()).c(',').s(l.region()).c(',').s(ca.equals(cb) ? ca : ca + " / " + cb).c(',')
                    .s(basis).c(',').s(a).c(',').s(outputBasis(x.allocation())).c(',').n(l.allowanceA()).c(',').s(b).c(',').s(outputBasis(y.allocation()))
                    .c(',').n(l.allowanceB()).c(',').n(l.difference()).c(',').s(Output.plain(l.ratio())).c(',').s(Output.plain(l.perGenerationA())).c(',')
                    .s(Output.plain(l.perGenerationB())).c(',').s(Output.plain(l.perSupplyA())).c(',').s(Output.plain(l.perSupplyB())).c(',')
                    .n(l.emissions()).c(',').n(l.gapA()).c(',').n(l.gapB()).c(',').s(sides(ua, sa, ub, sb)).s(",\n");
            if (trace) {
                for (TraceStep s : x.allocation().trace())
                    o.s("trace,").s(unit).c(',').s(entity).s(",,,,,").s(a).s(",,,,,,,,,,,,,,,").s(sides(ua, ua.ofStep(s), ub, Unconfirmed.NONE)).c(',')
                            .s(Output.csv("A " + s.render())).c('\n');
                for (TraceStep s : y.allocation().trace())
                    o.s("trace,").s(unit).c(',').s(entity).s(",,,,,,,,").s(b).s(",,,,,,,,,,,,").s(sides(ua, Unconfirmed.NONE, ub, ub.ofStep(s))).c(',')
                            .s(Output.csv("B " + s.render())).c('\n');
            }
            o.end();
        }
        o.s("total,,,,,,").s(basis).c(',').s(a).s(",,").n(c.totalA()).c(',').s(b).s(",,").n(c.totalB()).c(',').n(c.difference()).c(',')
                .s(Output.plain(c.ratio())).s(",,,,,,,,").s(sides(ua, allA, ub, allB)).s(",\n").end();
        return ua.size() + ub.size();
    }

    /** {@code A:key;B:key}: the [U] rows of each side. */
    private static String sides(Unconfirmed ua, BitSet sa, Unconfirmed ub, BitSet sb) {
        if (sa.isEmpty() && sb.isEmpty()) return "";
        StringBuilder s = new StringBuilder();
        for (String k : ua.keys(sa)) s.append(s.isEmpty() ? "" : ";").append("A:").append(k);
        for (String k : ub.keys(sb)) s.append(s.isEmpty() ? "" : ";").append("B:").append(k);
        return s.toString();
    }

    @Override public void rulesets(List<Ruleset> rulesets, Output o) {
        o.s(BOM).s(RULESETS);
        for (Ruleset r : rulesets) {
            int[] u = unconfirmedCount(r);
            o.s(r.id()).c(',').s(r.jurisdiction().code()).c(',').s(years(r)).c(',').s(r.draft() ? "DRAFT" : "FINAL").c(',').n(r.categoryCodes().size()).c(',')
                    .n(r.params().size()).c(',').n(u[0]).c(',').n(u[1]).c(',').s(Output.csv(r.name())).c(',').s(Output.csv(r.title())).c('\n').end();
        }
    }
}
