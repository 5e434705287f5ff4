package org.openets.cli.allocation;

import org.openets.allocation.Allocation;
import org.openets.allocation.Comparison;
import org.openets.allocation.EntityAllocation;
import org.openets.allocation.Param;
import org.openets.allocation.Ruleset;
import org.openets.allocation.TraceStep;
import org.openets.allocation.UnitAllocation;
import org.openets.allocation.WhatIf;

import java.math.BigDecimal;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One JSON document. Every line has {@code "unconfirmed"}: the keys of the [U] rows it rests on ({@code []} when
 * none); the document lists those rows under {@code "unconfirmed_rows"}. Exact figures are JSON numbers written in
 * full; money is a JSON number of yuan with 2 decimals.
 */
final class JsonFormat extends AllocationFormat {
    @Override public int allocation(Allocation a, Ruleset r, boolean trace, int threads, Output o) {
        Unconfirmed un = new Unconfirmed(r);
        o.s("{\"ruleset\": ").s(Output.json(r.id())).s(", \"ruleset_file\": ").s(Output.json(r.name())).s(", \"title\": ").s(Output.json(r.title()))
                .s(", \"jurisdiction\": ").s(Output.json(r.jurisdiction().code())).s(", \"draft\": ").s(String.valueOf(r.draft())).s(", \"year\": ").n(a.year())
                .s(", \"stage\": ").s(Output.json(stageCode(a.stage()))).s(", \"rounding\": {\"point\": ").s(Output.json(a.roundingPoint().name()))
                .s(", \"mode\": ").s(Output.json(r.roundingMode(a.year()).name())).s("},\n \"entities\": [");
        o.blocks(a.entities(), threads, (index, e, out) -> entity(index, e, un, trace, out));
        o.s("],\n \"total_t\": ").n(a.total()).s(", \"free_t\": ").n(a.free()).s(", \"paid_t\": ").n(a.paid()).s(", \"exact_t\": ").s(Output.exact(a.exactTotal()))
                .s(", \"unit_lines\": ").n(a.units().size()).s(", \"entity_lines\": ").n(a.entities().size()).s(", \"unconfirmed\": ");
        keys(o, un.keys(un.used()));
        o.s(",\n \"unconfirmed_rows\": ");
        rows(o, un);
        o.s("}\n").end();
        return un.size();
    }

    private static void entity(int index, EntityAllocation e, Unconfirmed un, boolean trace, Output o) {
        Unconfirmed.Marks marks = un.of(e);
        BitSet[] sets = marks.units();
        BitSet es = marks.entity();
        o.s(index == 0 ? "\n  " : ",\n  ").s("{\"entity\": ").s(Output.json(e.entityId())).s(", \"name\": ").s(Output.json(e.entityName()))
                .s(", \"sector\": ").s(Output.json(e.sector())).s(", \"exact_t\": ").s(Output.exact(e.exact())).s(", \"total_t\": ").n(e.total())
                .s(", \"free_t\": ").n(e.free()).s(", \"paid_t\": ").n(e.paid()).s(", \"unconfirmed\": ");
        keys(o, un.keys(es));
        if (trace) { o.s(", \"trace\": "); steps(o, e.trace(), "   "); }
        o.s(",\n   \"units\": [");
        for (int i = 0; i < sets.length; i++) {
            UnitAllocation u = e.units().get(i);
            o.s(i == 0 ? "\n    " : ",\n    ").s("{\"unit\": ").s(Output.json(u.unit().unitId())).s(", \"region\": ").s(Output.json(u.unit().region()))
                    .s(", \"category\": ").s(Output.json(u.category().code())).s(", \"category_matched\": ").s(String.valueOf(u.unit().category().isEmpty()))
                    .s(", \"method\": ").s(Output.json(u.category().method().name())).s(", \"exact_t\": ").s(Output.exact(u.exact()))
                    .s(", \"total_t\": ").s(u.rounded() == null ? "null" : u.rounded().toString()).s(", \"free_t\": ").s(u.free() == null ? "null" : u.free().toString())
                    .s(", \"paid_t\": ").s(u.paid() == null ? "null" : u.paid().toString()).s(", \"gas_relief\": ").s(String.valueOf(u.relief()))
                    .s(", \"unconfirmed\": ");
            keys(o, un.keys(sets[i]));
            if (trace) { o.s(", \"trace\": "); steps(o, u.trace(), "     "); }
            o.c('}').end();
        }
        o.s("]}");
    }

    @Override public int whatIf(WhatIf.Result w, Ruleset r, boolean trace, Output o) {
        Unconfirmed un = new Unconfirmed(r);
        o.s("{\"what_if\": {\"ruleset\": ").s(Output.json(w.rulesetId())).s(", \"draft\": ").s(String.valueOf(r.draft())).s(", \"year\": ").n(w.year())
                .s(", \"basis\": ").s(Output.json(w.basis().name())).s(", \"prices_cny\": [");
        for (int i = 0; i < w.pricesFen().size(); i++) o.s(i == 0 ? "" : ", ").s(Output.yuan(w.pricesFen().get(i)));
        o.s("],\n \"units\": [");
        Map<String, BitSet> sets = whatIfSets(un, w);
        BitSet all = new BitSet();
        boolean first = true;
        for (WhatIf.Line l : w.lines()) {
            BitSet s = sets.get(l.unitId());
            all.or(s);
            o.s(first ? "\n  " : ",\n  ").s("{\"unit\": ").s(Output.json(l.unitId())).s(", \"entity\": ").s(Output.json(l.entityId())).s(", \"sector\": ")
                    .s(Output.json(l.sector())).s(", \"region\": ").s(Output.json(l.region())).s(", \"category\": ").s(Output.json(l.allocation().category().code()))
                    .s(", ");
            figures(o, l.allowance(), l.emissions(), l.gap(), l.gapPercent(), l.costFen());
            o.s(", \"unconfirmed\": ");
            keys(o, un.keys(s));
            if (trace) { o.s(", \"trace\": "); steps(o, l.allocation().trace(), "   "); }
            o.c('}').end();
            first = false;
        }
        o.s("]");
        aggregates(o, un, "entities", w.byEntity(), w, sets, WhatIf.Line::entityId);
        aggregates(o, un, "sectors", w.bySector(), w, sets, WhatIf.Line::sector);
        aggregates(o, un, "regions", w.byRegion(), w, sets, l -> l.region().isEmpty() ? "-" : l.region());
        WhatIf.Aggregate t = w.total();
        o.s(",\n \"total\": {\"units\": ").n(t.units()).s(", ");
        figures(o, t.allowance(), t.emissions(), t.gap(), t.gapPercent(), t.costFen());
        o.s(", \"unconfirmed\": ");
        keys(o, un.keys(all));
        o.s("},\n \"unconfirmed_rows\": ");
        rows(o, un);
        o.s("}}\n").end();
        return un.size();
    }

    private static void aggregates(Output o, Unconfirmed un, String name, List<WhatIf.Aggregate> aggs, WhatIf.Result w, Map<String, BitSet> sets,
                                   Function<WhatIf.Line, String> key) {
        Map<String, BitSet> u = new HashMap<>();
        for (WhatIf.Line l : w.lines()) u.computeIfAbsent(key.apply(l), k -> new BitSet()).or(sets.get(l.unitId()));
        o.s(",\n \"").s(name).s("\": [");
        boolean first = true;
        for (WhatIf.Aggregate g : aggs) {
            o.s(first ? "\n  " : ",\n  ").s("{\"key\": ").s(Output.json(g.key())).s(", \"units\": ").n(g.units()).s(", ");
            figures(o, g.allowance(), g.emissions(), g.gap(), g.gapPercent(), g.costFen());
            o.s(", \"unconfirmed\": ");
            keys(o, un.keys(u.get(g.key())));
            o.c('}').end();
            first = false;
        }
        o.c(']');
    }

    private static void figures(Output o, long allowance, long emissions, long gap, BigDecimal percent, List<Long> cost) {
        o.s("\"allowance_t\": ").n(allowance).s(", \"verified_emissions_t\": ").n(emissions).s(", \"gap_t\": ").n(gap).s(", \"gap_percent\": ")
                .s(percent == null ? "null" : percent.toPlainString()).s(", \"cost_cny\": [");
        for (int i = 0; i < cost.size(); i++) o.s(i == 0 ? "" : ", ").s(Output.yuan(cost.get(i)));
        o.c(']');
    }

    @Override public int comparison(Comparison.Result c, Ruleset ra, Ruleset rb, boolean trace, Output o) {
        Unconfirmed ua = new Unconfirmed(ra), ub = new Unconfirmed(rb);
        Map<String, WhatIf.Line> la = byUnit(c.a()), lb = byUnit(c.b());
        o.s("{\"comparison\": {\"basis\": ").s(Output.json(c.basis().name())).s(", \"stated_basis\": ").s(Output.json(c.statedBasis()));
        side(o, "a", c.a(), ra);
        side(o, "b", c.b(), rb);
        o.s(",\n \"units\": [");
        Map<String, BitSet> setsA = whatIfSets(ua, c.a()), setsB = whatIfSets(ub, c.b());
        BitSet allA = new BitSet(), allB = new BitSet();
        boolean first = true;
        for (Comparison.Line l : c.lines()) {
            WhatIf.Line x = la.get(l.unitId()), y = lb.get(l.unitId());
            BitSet sa = setsA.get(l.unitId()), sb = setsB.get(l.unitId());
            allA.or(sa);
            allB.or(sb);
            o.s(first ? "\n  " : ",\n  ").s("{\"unit\": ").s(Output.json(l.unitId())).s(", \"entity\": ").s(Output.json(l.entityId())).s(", \"sector\": ")
                    .s(Output.json(l.sector())).s(", \"region\": ").s(Output.json(l.region())).s(", \"category_a\": ").s(Output.json(x.allocation().category().code()))
                    .s(", \"category_b\": ").s(Output.json(y.allocation().category().code())).s(", \"output_basis_a\": ").s(Output.json(outputBasis(x.allocation())))
                    .s(", \"output_basis_b\": ").s(Output.json(outputBasis(y.allocation()))).s(", \"allowance_a_t\": ").n(l.allowanceA())
                    .s(", \"allowance_b_t\": ").n(l.allowanceB()).s(", \"difference_t\": ").n(l.difference()).s(", \"ratio_a_b\": ").s(Output.jsonNumber(l.ratio()))
                    .s(", \"a_per_mwh_generated\": ").s(Output.jsonNumber(l.perGenerationA())).s(", \"b_per_mwh_generated\": ").s(Output.jsonNumber(l.perGenerationB()))
                    .s(", \"a_per_mwh_supplied\": ").s(Output.jsonNumber(l.perSupplyA())).s(", \"b_per_mwh_supplied\": ").s(Output.jsonNumber(l.perSupplyB()))
                    .s(", \"verified_emissions_t\": ").n(l.emissions()).s(", \"gap_a_t\": ").n(l.gapA()).s(", \"gap_b_t\": ").n(l.gapB())
                    .s(", \"unconfirmed\": {\"a\": ");
            keys(o, ua.keys(sa));
            o.s(", \"b\": ");
            keys(o, ub.keys(sb));
            o.c('}');
            if (trace) {
                o.s(", \"trace_a\": ");
                steps(o, x.allocation().trace(), "   ");
                o.s(", \"trace_b\": ");
                steps(o, y.allocation().trace(), "   ");
            }
            o.c('}').end();
            first = false;
        }
        o.s("],\n \"total_a_t\": ").n(c.totalA()).s(", \"total_b_t\": ").n(c.totalB()).s(", \"difference_t\": ").n(c.difference()).s(", \"ratio_a_b\": ")
                .s(Output.jsonNumber(c.ratio())).s(", \"unconfirmed\": {\"a\": ");
        keys(o, ua.keys(allA));
        o.s(", \"b\": ");
        keys(o, ub.keys(allB));
        o.s("},\n \"unconfirmed_rows\": {\"a\": ");
        rows(o, ua);
        o.s(", \"b\": ");
        rows(o, ub);
        o.s("}}}\n").end();
        return ua.size() + ub.size();
    }

    private static void side(Output o, String name, WhatIf.Result w, Ruleset r) {
        o.s(", \"").s(name).s("\": {\"ruleset\": ").s(Output.json(w.rulesetId())).s(", \"draft\": ").s(String.valueOf(r.draft())).s(", \"year\": ").n(w.year())
                .s(", \"output_basis\": ");
        keys(o, outputBases(w.allocation()));
        o.c('}');
    }

    @Override public void rulesets(List<Ruleset> rulesets, Output o) {
        o.s("{\"rulesets\": [");
        boolean first = true;
        for (Ruleset r : rulesets) {
            int[] u = unconfirmedCount(r);
            o.s(first ? "\n  " : ",\n  ").s("{\"id\": ").s(Output.json(r.id())).s(", \"jurisdiction\": ").s(Output.json(r.jurisdiction().code()))
                    .s(", \"from_year\": ").n(r.fromYear()).s(", \"to_year\": ").n(r.toYear()).s(", \"status\": ").s(Output.json(r.draft() ? "DRAFT" : "FINAL"))
                    .s(", \"categories\": ");
            keys(o, r.categoryCodes());
            o.s(", \"rows\": ").n(r.params().size()).s(", \"unconfirmed_rows\": ").n(u[0]).s(", \"unknown_rows\": ").n(u[1]).s(", \"file\": ")
                    .s(Output.json(r.name())).s(", \"title\": ").s(Output.json(r.title())).c('}').end();
            first = false;
        }
        o.s("]}\n").end();
    }

    private static void keys(Output o, List<String> keys) {
        o.c('[');
        for (int i = 0; i < keys.size(); i++) o.s(i == 0 ? "" : ", ").s(Output.json(keys.get(i)));
        o.c(']');
    }

    private static void steps(Output o, List<TraceStep> trace, String indent) {
        o.c('[');
        for (int i = 0; i < trace.size(); i++) {
            TraceStep s = trace.get(i);
            o.s(i == 0 ? "\n" : ",\n").s(indent).s("{\"rule\": ").s(Output.json(s.rule())).s(", \"text\": ").s(Output.json(s.text())).s(", \"value\": ")
                    .s(Output.jsonNumber(s.value())).s(", \"unconfirmed\": ").s(String.valueOf(s.unconfirmed())).s(", \"rows\": [");
            for (int j = 0; j < s.params().size(); j++) {
                Param p = s.params().get(j);
                o.s(j == 0 ? "" : ", ").s("{\"key\": ").s(Output.json(p.key())).s(", \"value\": ").s(Output.json(p.value())).s(", \"unit\": ")
                        .s(Output.json(p.unit())).s(", \"confidence\": ").s(Output.json(p.confidence().name())).s(", \"origin\": ").s(Output.json(p.origin())).c('}');
            }
            o.s("], \"line\": ").s(Output.json(s.render())).c('}');
        }
        o.c(']');
    }

    private static void rows(Output o, Unconfirmed un) {
        o.c('[');
        boolean first = true;
        for (Unconfirmed.Row row : un.rows()) {
            Param p = row.param();
            o.s(first ? "\n  " : ",\n  ").s("{\"key\": ").s(Output.json(p.key())).s(", \"value\": ").s(Output.json(p.value())).s(", \"unit\": ")
                    .s(Output.json(p.unit())).s(", \"confidence\": ").s(Output.json(p.confidence().name())).s(", \"origin\": ").s(Output.json(p.origin()))
                    .s(", \"source\": ").s(Output.json(p.source())).s(", \"unit_lines\": ").n(row.unitLines()).s(", \"entity_lines\": ").n(row.entityLines()).c('}');
            first = false;
        }
        o.c(']');
    }
}
