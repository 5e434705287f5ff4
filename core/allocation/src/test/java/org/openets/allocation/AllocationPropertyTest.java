package org.openets.allocation;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded random populations over the bundled power and industry rulesets:
 * <ul>
 * <li>for benchmark methods the allowance never decreases when the output on its basis increases (exact and rounded);</li>
 * <li>pre-allocation + true-up = final allocation (after deductions) exactly, per entity, and deductions never take
 *     an allocation below zero, carrying the rest;</li>
 * <li>what-if totals (entity, sector, region, overall) equal the sums of their lines, at every price.</li>
 * </ul>
 * Replay one run with {@code -Dallocation.seed=<seed>}.
 */
class AllocationPropertyTest {
    static final long SEED = Long.getLong("allocation.seed", 20261124L);
    static final String[] POWER = {"COAL_300_PLUS", "COAL_300_AND_BELOW", "UNCONVENTIONAL_COAL", "GAS"};

    static UnitInput randomPowerUnit(SplittableRandom r, int i, int entities) {
        String cat = POWER[r.nextInt(POWER.length)];
        boolean heat = r.nextInt(3) == 0;
        BigDecimal gen = BigDecimal.valueOf(r.nextLong(1, 8_000_000));
        BigDecimal supply = gen.multiply(new BigDecimal("0.9" + r.nextInt(10)));
        Units u = Units.unit("U" + i, cat).entity("E" + r.nextInt(entities)).region(r.nextBoolean() ? "GD" : "SH")
                .cooling(r.nextBoolean() ? "AIR" : "WATER").generation(gen.toPlainString()).supply(supply.toPlainString())
                .load(new BigDecimal(r.nextInt(40, 101)).movePointLeft(2).toPlainString())
                .heat(heat ? String.valueOf(r.nextInt(1, 2_000_000)) : "0").verified(r.nextLong(0, 8_000_000));
        if (heat) u.heatRatio(new BigDecimal(r.nextInt(0, 61)).movePointLeft(2).toPlainString());
        return u.line(i + 2).build();
    }

    @Test void benchmarkAllowanceIsMonotoneInOutput() {
        SplittableRandom r = new SplittableRandom(SEED);
        record Case(String ruleset, int year, OutputBasis basis) { }
        List<Case> cases = List.of(new Case("CN-POWER-2019-2020", 2019, OutputBasis.SUPPLY), new Case("CN-POWER-2021-2022", 2022, OutputBasis.SUPPLY),
                new Case("GD-2016", 2016, OutputBasis.GENERATION));
        for (int n = 0; n < 400; n++) {
            Case c = cases.get(n % cases.size());
            Ruleset rs = Ruleset.bundled(c.ruleset());
            UnitInput u = randomPowerUnit(r, n, 5);
            if (c.ruleset().equals("GD-2016")) u = Units.unit(u.unitId(), "COAL_1000").generation(u.generationMwh().toPlainString()).heat(u.heatGj().toPlainString()).build();
            UnitInput more = u.withOutput(c.basis(), u.output(c.basis()).add(BigDecimal.valueOf(r.nextLong(0, 1_000_000))));
            if (c.basis() == OutputBasis.SUPPLY && more.generationMwh() != null && more.supplyMwh().compareTo(more.generationMwh()) > 0)
                more = more.withOutput(OutputBasis.GENERATION, more.supplyMwh());
            Allocation a = new Allocator(rs).allocate(c.year(), Stage.FINAL, List.of(u.withVerifiedEmissions(null)));
            Allocation b = new Allocator(rs).allocate(c.year(), Stage.FINAL, List.of(more.withVerifiedEmissions(null)));
            assertThat(b.exactTotal()).as("seed %d case %d", SEED, n).isGreaterThanOrEqualTo(a.exactTotal());
            assertThat(b.total()).as("seed %d case %d", SEED, n).isGreaterThanOrEqualTo(a.total());
        }
        // clinker and liquid aluminium
        Ruleset ind = Ruleset.bundled("CN-INDUSTRY-2017-DRAFT");
        for (int n = 0; n < 200; n++) {
            long x = r.nextLong(0, 5_000_000), dx = r.nextLong(0, 100_000), w = r.nextLong(0, 150_000);
            String cat = n % 2 == 0 ? "CEMENT_CLINKER" : "ALUMINIUM";
            OutputBasis basis = n % 2 == 0 ? OutputBasis.CLINKER : OutputBasis.LIQUID_ALUMINIUM;
            UnitInput u = Units.unit("L", cat).clinker(String.valueOf(x)).aluminium(String.valueOf(x)).waste(String.valueOf(w)).build();
            long a = new Allocator(ind).allocate(2017, Stage.FINAL, List.of(u)).total();
            long b = new Allocator(ind).allocate(2017, Stage.FINAL, List.of(u.withOutput(basis, BigDecimal.valueOf(x + dx)))).total();
            assertThat(b).isGreaterThanOrEqualTo(a);
        }
    }

    @Test void preAllocationPlusTrueUpIsTheFinalAllocationExactly() {
        SplittableRandom r = new SplittableRandom(SEED + 1);
        for (String id : List.of("CN-POWER-2019-2020", "GD-2016")) {
            Ruleset rs = Ruleset.bundled(id);
            int year = rs.fromYear();
            for (int round = 0; round < 20; round++) {
                List<UnitInput> base = new ArrayList<>(), actual = new ArrayList<>();
                int units = r.nextInt(1, 40);
                for (int i = 0; i < units; i++) {
                    UnitInput b = randomPowerUnit(r, i, 6), a = randomPowerUnit(r, i, 6);
                    if (id.equals("GD-2016")) {
                        String cat = r.nextBoolean() ? "COAL_1000" : "RESOURCE_INTEGRATION";
                        b = Units.unit("U" + i, cat).entity(b.entityId()).generation(b.generationMwh().toPlainString()).historical("1000", "2000", String.valueOf(r.nextInt(5000))).build();
                        a = Units.unit("U" + i, cat).entity(b.entityId()).generation(a.generationMwh().toPlainString()).historical(b.historicalEmissions().stream().map(BigDecimal::toPlainString).toArray(String[]::new)).build();
                    } else {
                        a = Units.unit("U" + i, b.category()).entity(b.entityId()).cooling(b.cooling()).supply(a.supplyMwh().toPlainString()).generation(a.generationMwh().toPlainString())
                                .load(a.loadFactor().toPlainString()).heat("0").verified(a.verifiedEmissions()).build();
                    }
                    base.add(b);
                    actual.add(a);
                }
                Allocator al = new Allocator(rs);
                Allocation pre = al.allocate(year, Stage.PRE_ALLOCATION, base);
                Allocation fin = al.allocate(year, Stage.FINAL, actual);
                List<Deduction> ded = new ArrayList<>();
                for (int d = 0; d < 3; d++)
                    ded.add(new Deduction("E" + r.nextInt(6), rs.jurisdiction().code(), year, r.nextLong(1, 3_000_000), "shortfall", "case-" + d));
                TrueUp.Result t = TrueUp.compute(rs.jurisdiction().code(), pre, fin, ded);
                for (TrueUp.Line l : t.lines()) {
                    long preFree = pre.entities().stream().filter(e -> e.entityId().equals(l.entityId())).mapToLong(EntityAllocation::free).sum();
                    long finFree = fin.entities().stream().filter(e -> e.entityId().equals(l.entityId())).mapToLong(EntityAllocation::free).sum();
                    long wanted = ded.stream().filter(d -> d.entityId().equals(l.entityId())).mapToLong(Deduction::quantity).sum();
                    assertThat(l.preAllocated()).isEqualTo(preFree);
                    assertThat(l.finalAllocation()).isEqualTo(finFree);
                    assertThat(preFree + l.delta()).isEqualTo(l.finalAfterDeductions());
                    assertThat(l.finalAfterDeductions()).isEqualTo(Math.max(0, finFree - wanted)).isNotNegative();
                    assertThat(l.deducted() + l.carriedForward()).isEqualTo(wanted);
                }
                assertThat(t.prePaid() + t.paidDelta()).isEqualTo(fin.paid());
            }
        }
    }

    @Test void whatIfTotalsAreTheSumsOfTheirLines() {
        SplittableRandom r = new SplittableRandom(SEED + 2);
        for (String id : List.of("CN-POWER-2019-2020", "CN-POWER-2021-2022")) {
            Ruleset rs = Ruleset.bundled(id);
            for (WhatIf.Basis basis : WhatIf.Basis.values()) {
                List<UnitInput> pop = new ArrayList<>();
                for (int i = 0; i < 300; i++) pop.add(randomPowerUnit(r, i, 25));
                WhatIf.Result w = WhatIf.run(rs, rs.fromYear(), pop, basis, List.of(4_000L, 8_000L, 12_345L));
                assertThat(w.total().allowance()).isEqualTo(w.lines().stream().mapToLong(WhatIf.Line::allowance).sum());
                assertThat(w.total().emissions()).isEqualTo(w.lines().stream().mapToLong(WhatIf.Line::emissions).sum());
                assertThat(w.total().gap()).isEqualTo(w.total().emissions() - w.total().allowance());
                for (List<WhatIf.Aggregate> level : List.of(w.byEntity(), w.bySector(), w.byRegion())) {
                    assertThat(level.stream().mapToLong(WhatIf.Aggregate::allowance).sum()).isEqualTo(w.total().allowance());
                    assertThat(level.stream().mapToLong(WhatIf.Aggregate::gap).sum()).isEqualTo(w.total().gap());
                    assertThat(level.stream().mapToInt(WhatIf.Aggregate::units).sum()).isEqualTo(pop.size());
                    for (int p = 0; p < 3; p++) {
                        int pi = p;
                        assertThat(level.stream().mapToLong(a -> a.costFen().get(pi)).sum()).isEqualTo(w.total().costFen().get(pi));
                    }
                }
                for (WhatIf.Line l : w.lines()) assertThat(l.costFen().get(1)).isEqualTo(l.gap() * 8_000L);
                // the allocation of the run agrees with the what-if's total allowance
                if (basis == WhatIf.Basis.TOTAL) assertThat(w.total().allowance()).isEqualTo(w.allocation().total());
            }
        }
    }
}
