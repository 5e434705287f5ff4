package org.openets.allocation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Two rulesets applied to the same population, side by side: per unit the allowance under each (on the same basis,
 * total or free), the difference (A − B), the ratio A/B, and each allowance per MWh generated and per MWh supplied, so
 * that a plan on supply and a plan on generation can be read on one basis. Units present in only one run are an error.
 */
public final class Comparison {
    public record Line(String unitId, String entityId, String category, String sector, String region, long allowanceA, long allowanceB, long difference,
                       BigDecimal ratio, BigDecimal perGenerationA, BigDecimal perGenerationB, BigDecimal perSupplyA, BigDecimal perSupplyB,
                       long emissions, long gapA, long gapB, boolean unconfirmedA, boolean unconfirmedB) { }

    public record Result(WhatIf.Result a, WhatIf.Result b, WhatIf.Basis basis, List<Line> lines, long totalA, long totalB) {
        public Result { lines = List.copyOf(lines); }

        public long difference() { return totalA - totalB; }

        public BigDecimal ratio() { return Comparison.ratio(totalA, totalB); }

        /**
         * How the figures are to be read, e.g. "TOTAL allowance; A = CN-POWER-2019-2020 2019 on SUPPLY; B = GD-2016 2016 on
         * GENERATION, HISTORICAL_EMISSIONS": which allowance (total or free) and what output each plan's lines stand on.
         */
        public String statedBasis() {
            return basis + " allowance; A = " + a.rulesetId() + " " + a.year() + " on " + outputs(a) + "; B = " + b.rulesetId() + " " + b.year() + " on " + outputs(b);
        }
    }

    private Comparison() { }

    /** The output bases (or, for other methods, the method) the lines of a run stand on, in first-seen order. */
    static String outputs(WhatIf.Result r) {
        java.util.Set<String> s = new java.util.LinkedHashSet<>();
        for (WhatIf.Line l : r.lines()) {
            Category c = l.allocation().category();
            s.add(c.method() == Method.BENCHMARK || c.method() == Method.HISTORICAL_INTENSITY ? c.basis().name() : c.method().name());
        }
        return String.join(", ", s);
    }

    public static Result compare(WhatIf.Result a, WhatIf.Result b) {
        if (a.basis() != b.basis()) throw new IllegalArgumentException("both runs must use the same basis (total or free)");
        Map<String, WhatIf.Line> bl = new HashMap<>();
        for (WhatIf.Line l : b.lines()) bl.put(l.unitId(), l);
        if (bl.size() != a.lines().size()) throw new IllegalArgumentException("the two runs cover different units");
        List<Line> lines = new ArrayList<>();
        long ta = 0, tb = 0;
        for (WhatIf.Line x : a.lines()) {
            WhatIf.Line y = bl.get(x.unitId());
            if (y == null) throw new IllegalArgumentException("unit " + x.unitId() + " is only in " + a.rulesetId());
            lines.add(new Line(x.unitId(), x.entityId(), x.category() + (x.category().equals(y.category()) ? "" : " / " + y.category()), x.sector(), x.region(),
                    x.allowance(), y.allowance(), x.allowance() - y.allowance(), ratio(x.allowance(), y.allowance()),
                    per(x.allowance(), x.generationMwh()), per(y.allowance(), x.generationMwh()), per(x.allowance(), x.supplyMwh()), per(y.allowance(), x.supplyMwh()),
                    x.emissions(), x.gap(), y.gap(), x.unconfirmed(), y.unconfirmed()));
            ta = Math.addExact(ta, x.allowance());
            tb = Math.addExact(tb, y.allowance());
        }
        return new Result(a, b, a.basis(), lines, ta, tb);
    }

    static BigDecimal ratio(long a, long b) {
        return b == 0 ? null : BigDecimal.valueOf(a).divide(BigDecimal.valueOf(b), 4, RoundingMode.HALF_EVEN);
    }

    static BigDecimal per(long allowance, BigDecimal mwh) {
        return mwh == null || mwh.signum() == 0 ? null : BigDecimal.valueOf(allowance).divide(mwh, 5, RoundingMode.HALF_EVEN);
    }
}
