package org.openets.allocation;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies a ruleset to a population for one year and stage. Every method is a small named rule that appends a
 * {@link TraceStep}: BENCHMARK (output × benchmark), HEAT (heat benchmark, or heat converted to generation), COOLING,
 * HEAT_RATIO, LOAD, FUEL_HEAT_VALUE, CO_PROCESSING, LOCAL_ADJUSTMENT, HISTORICAL_EMISSIONS, HISTORICAL_INTENSITY,
 * VERIFIED_EMISSIONS, GAS_RELIEF, PRE_ALLOCATION, ROUNDING and FREE_PAID.
 *
 * <p>Arithmetic is exact {@link BigDecimal} up to the single rounding the ruleset names ({@code rounding.point},
 * {@code rounding.mode}); the only inexact steps are a load curve raised to a non-integer power and the average of
 * historical emissions that does not terminate, each evaluated to {@value #SCALE} decimal places half-even and said so
 * in the trace.
 *
 * <p>All or nothing: every problem in the population (unknown category, missing or negative figures, a parameter the
 * ruleset lacks or ships as UNKNOWN for the unit) is collected, and then {@link AllocationException} is thrown with
 * all of them; no partial result exists.
 */
public final class Allocator {
    static final int SCALE = 12;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final Ruleset ruleset;

    public Allocator(Ruleset ruleset) { this.ruleset = ruleset; }

    public Ruleset ruleset() { return ruleset; }

    public Allocation allocate(int year, Stage stage, List<UnitInput> population) {
        List<Problem> problems = new ArrayList<>();
        if (!ruleset.covers(year)) {
            problems.add(new Problem(0, "", "year", Problem.Code.YEAR_NOT_COVERED,
                    "ruleset " + ruleset.id() + " covers " + ruleset.fromYear() + "–" + ruleset.toYear() + ", not " + year));
            throw new AllocationException(problems);
        }
        RoundingPoint point = ruleset.roundingPoint(year);
        RoundingMode mode = ruleset.roundingMode(year);
        Param pointRow = ruleset.find(ParamName.ROUNDING_POINT, "", year).orElseThrow();
        Param modeRow = ruleset.find(ParamName.ROUNDING_MODE, "", year).orElseThrow();
        List<UnitAllocation> lines = new ArrayList<>(population.size());
        Set<String> ids = new HashSet<>();
        for (UnitInput u : population) {
            if (!ids.add(u.unitId())) {
                problems.add(new Problem(u.line(), u.unitId(), "unit_id", Problem.Code.DUPLICATE_UNIT, "the unit appears twice"));
                continue;
            }
            Line l = new Line(u, year, problems);
            UnitAllocation a = l.run(stage, point, mode, pointRow, modeRow);
            if (a != null) lines.add(a);
        }
        if (!problems.isEmpty()) throw new AllocationException(problems);
        // entity totals by entity and sector, in first-seen order
        Map<String, List<UnitAllocation>> groups = new LinkedHashMap<>();
        for (UnitAllocation a : lines) groups.computeIfAbsent(a.unit().entityId() + "\u0000" + a.sector(), k -> new ArrayList<>()).add(a);
        List<EntityAllocation> entities = new ArrayList<>(groups.size());
        for (List<UnitAllocation> g : groups.values()) {
            UnitAllocation first = g.get(0);
            String sector = first.sector();
            BigDecimal exact = BigDecimal.ZERO;
            for (UnitAllocation a : g) exact = exact.add(a.exact());
            List<TraceStep> trace = new ArrayList<>();
            long total, free, paid;
            if (point == RoundingPoint.UNIT_LINE) {
                total = 0; free = 0; paid = 0;
                for (UnitAllocation a : g) { total = Math.addExact(total, a.rounded()); free = Math.addExact(free, a.free()); paid = Math.addExact(paid, a.paid()); }
                trace.add(TraceStep.of("SUM", BigDecimal.valueOf(total), List.of(), "sum", g.size(), total));
            } else {
                total = exact.setScale(0, mode).longValueExact();
                trace.add(TraceStep.of("ROUNDING", BigDecimal.valueOf(total), List.of(pointRow, modeRow), "rounding.entity", g.size(), exact, total, mode));
                Param share = ruleset.find(ParamName.FREE_SHARE, sector, year).orElseThrow();
                free = BigDecimal.valueOf(total).multiply(share.decimal()).setScale(0, mode).longValueExact();
                paid = total - free;
                trace.add(TraceStep.of("FREE_PAID", BigDecimal.valueOf(free), List.of(share, modeRow), "freePaid", total, share.value(), free, paid));
            }
            entities.add(new EntityAllocation(first.unit().entityId(), first.unit().entityName(), sector, exact, total, free, paid, g, trace));
        }
        return new Allocation(ruleset.id(), year, stage, point, lines, entities);
    }

    /** The computation of one unit, collecting problems instead of stopping at the first. */
    private final class Line {
        final UnitInput u;
        final int year;
        final List<Problem> problems;
        final List<TraceStep> trace = new ArrayList<>();
        boolean failed;

        Line(UnitInput u, int year, List<Problem> problems) { this.u = u; this.year = year; this.problems = problems; }

        void problem(String field, Problem.Code code, String message) {
            problems.add(new Problem(u.line(), u.unitId(), field, code, message));
            failed = true;
        }

        /** A decimal parameter the unit needs: present, known, for the year. */
        BigDecimal param(ParamName name, String qualifier, boolean fallback, List<Param> used) {
            Optional<Param> p = fallback ? ruleset.findOrDefault(name, qualifier, year) : ruleset.find(name, qualifier, year);
            if (p.isEmpty()) {
                problem(name.key(qualifier), Problem.Code.MISSING_PARAMETER, "ruleset " + ruleset.id() + " has no " + name.key(qualifier) + " for " + year);
                return null;
            }
            if (p.get().isUnknown()) {
                problem(p.get().key(), Problem.Code.UNKNOWN_PARAMETER, "ruleset " + ruleset.id() + " ships " + p.get().key()
                        + " as UNKNOWN (" + p.get().origin() + "); unit " + u.unitId() + " needs it");
                return null;
            }
            used.add(p.get());
            return p.get().decimal();
        }

        Param word(ParamName name, String qualifier) {
            Optional<Param> p = ruleset.find(name, qualifier, year);
            if (p.isEmpty()) problem(name.key(qualifier), Problem.Code.MISSING_PARAMETER, "ruleset " + ruleset.id() + " has no " + name.key(qualifier) + " for " + year);
            return p.orElse(null);
        }

        BigDecimal nonNegative(BigDecimal v, String field, boolean required) {
            if (v == null) {
                if (required) problem(field, Problem.Code.MISSING_VALUE, "the method needs " + field);
                return null;
            }
            if (v.signum() < 0) { problem(field, Problem.Code.INVALID_VALUE, "must not be negative: " + v.toPlainString()); return null; }
            return v;
        }

        UnitAllocation run(Stage stage, RoundingPoint point, RoundingMode mode, Param pointRow, Param modeRow) {
            String code = u.category();
            Param matched = null;
            if (code.isEmpty()) {
                Optional<Param> m = ruleset.matchCategory(u.fuel(), u.capacityMw(), year);
                if (m.isEmpty()) {
                    problem("category", Problem.Code.UNKNOWN_CATEGORY, "no category of ruleset " + ruleset.id() + " matches fuel " + u.fuel()
                            + (u.capacityMw() == null ? " (no capacity given)" : " at " + u.capacityMw().toPlainString() + " MW"));
                    return null;
                }
                matched = m.get();
                code = matched.qualifier();
            }
            Optional<Category> oc = ruleset.category(code, year);
            if (oc.isEmpty()) {
                problem("category", Problem.Code.UNKNOWN_CATEGORY, "ruleset " + ruleset.id() + " has no category " + u.category()
                        + " (it has " + String.join(", ", ruleset.categoryCodes()) + ")");
                return null;
            }
            Category c = oc.get();
            if (matched != null)
                trace.add((u.capacityMw() == null ? TraceStep.of("CATEGORY", null, List.of(matched), "category", u.fuel(), c.code())
                        : TraceStep.of("CATEGORY", null, List.of(matched), "category.capacity", u.fuel(), u.capacityMw(), c.code())));
            validateCommon();
            Param preBasisRow = word(ParamName.PRE_ALLOCATION_BASIS, c.sector());
            if (failed) return null;
            BigDecimal exact;
            boolean relief = false;
            if (stage == Stage.PRE_ALLOCATION && PreAllocationBasis.valueOf(preBasisRow.value()) == PreAllocationBasis.PREVIOUS_VERIFIED_EMISSIONS) {
                if (u.previousVerifiedEmissions() == null) { problem("previous_verified_emissions_t", Problem.Code.MISSING_VALUE, "pre-allocation is a share of the previous year's verified emissions"); return null; }
                if (u.previousVerifiedEmissions() < 0) { problem("previous_verified_emissions_t", Problem.Code.INVALID_VALUE, "must not be negative"); return null; }
                exact = BigDecimal.valueOf(u.previousVerifiedEmissions());
                trace.add(TraceStep.of("PREVIOUS_VERIFIED_EMISSIONS", exact, List.of(preBasisRow), "previousVerified", exact));
            } else {
                exact = method(c);
                if (exact == null || failed) return null;
                if (stage == Stage.FINAL) {
                    Optional<Param> reliefRow = ruleset.find(ParamName.GAS_RELIEF, c.code(), year);
                    if (reliefRow.isPresent() && reliefRow.get().value().equals("YES")) {
                        if (u.verifiedEmissions() == null) {
                            trace.add(TraceStep.of("GAS_RELIEF", exact, List.of(reliefRow.get()), "gasRelief.notAssessed"));
                        } else if (BigDecimal.valueOf(u.verifiedEmissions()).compareTo(exact) > 0) {
                            exact = BigDecimal.valueOf(u.verifiedEmissions());
                            relief = true;
                            trace.add(TraceStep.of("GAS_RELIEF", exact, List.of(reliefRow.get()), "gasRelief.applied", u.verifiedEmissions()));
                        } else {
                            trace.add(TraceStep.of("GAS_RELIEF", exact, List.of(reliefRow.get()), "gasRelief.none", u.verifiedEmissions()));
                        }
                    }
                }
            }
            if (stage == Stage.PRE_ALLOCATION) {
                List<Param> used = new ArrayList<>();
                BigDecimal share = param(ParamName.PRE_ALLOCATION_SHARE, c.sector(), false, used);
                if (share == null) return null;
                used.add(preBasisRow);
                BigDecimal pre = exact.multiply(share);
                trace.add(TraceStep.of("PRE_ALLOCATION", pre, used, "preAllocation", share, exact, pre));
                exact = pre;
            }
            Long rounded = null, free = null, paid = null;
            if (point == RoundingPoint.UNIT_LINE) {
                rounded = exact.setScale(0, mode).longValueExact();
                trace.add(TraceStep.of("ROUNDING", BigDecimal.valueOf(rounded), List.of(pointRow, modeRow), "rounding.unit", exact, rounded, mode));
                List<Param> used = new ArrayList<>();
                BigDecimal share = param(ParamName.FREE_SHARE, c.sector(), false, used);
                if (share == null) return null;
                used.add(modeRow);
                free = BigDecimal.valueOf(rounded).multiply(share).setScale(0, mode).longValueExact();
                paid = rounded - free;
                trace.add(TraceStep.of("FREE_PAID", BigDecimal.valueOf(free), used, "freePaid", rounded, share, free, paid));
            }
            return new UnitAllocation(u, c, stage, exact, rounded, free, paid, relief, trace);
        }

        void validateCommon() {
            nonNegative(u.capacityMw(), "capacity_mw", false);
            nonNegative(u.generationMwh(), "generation_mwh", false);
            nonNegative(u.supplyMwh(), "supply_mwh", false);
            nonNegative(u.heatGj(), "heat_gj", false);
            nonNegative(u.clinkerT(), "clinker_t", false);
            nonNegative(u.liquidAluminiumT(), "liquid_aluminium_t", false);
            nonNegative(u.coProcessedWasteT(), "co_processed_waste_t", false);
            nonNegative(u.historicalIntensity(), "historical_intensity", false);
            if (u.verifiedEmissions() != null && u.verifiedEmissions() < 0) problem("verified_emissions_t", Problem.Code.INVALID_VALUE, "must not be negative");
            for (BigDecimal h : u.historicalEmissions()) if (h.signum() < 0) { problem("historical_emissions_t", Problem.Code.INVALID_VALUE, "must not be negative"); break; }
            if (u.heatRatio() != null && (u.heatRatio().signum() < 0 || u.heatRatio().compareTo(BigDecimal.ONE) > 0))
                problem("heat_ratio", Problem.Code.INVALID_VALUE, "a heat-supply ratio is between 0 and 1: " + u.heatRatio().toPlainString());
            if (u.loadFactor() != null && (u.loadFactor().signum() < 0 || u.loadFactor().compareTo(new BigDecimal("1.2")) > 0))
                problem("load_factor", Problem.Code.INVALID_VALUE, "a load coefficient is a fraction between 0 and 1.2: " + u.loadFactor().toPlainString());
            if (u.generationMwh() != null && u.supplyMwh() != null && u.supplyMwh().compareTo(u.generationMwh()) > 0)
                problem("supply_mwh", Problem.Code.INVALID_VALUE, "supply " + u.supplyMwh().toPlainString() + " MWh exceeds generation " + u.generationMwh().toPlainString() + " MWh");
        }

        BigDecimal method(Category c) {
            return switch (c.method()) {
                case BENCHMARK -> benchmark(c);
                case HISTORICAL_EMISSIONS -> historicalEmissions(c);
                case HISTORICAL_INTENSITY -> historicalIntensity(c);
                case VERIFIED_EMISSIONS -> verifiedEmissions();
            };
        }

        BigDecimal verifiedEmissions() {
            if (u.verifiedEmissions() == null) { problem("verified_emissions_t", Problem.Code.MISSING_VALUE, "the method allocates the year's verified emissions"); return null; }
            BigDecimal v = BigDecimal.valueOf(u.verifiedEmissions());
            trace.add(TraceStep.of("VERIFIED_EMISSIONS", v, List.of(), "verified", v));
            return v;
        }

        BigDecimal historicalEmissions(Category c) {
            List<Param> used = new ArrayList<>();
            BigDecimal decline = param(ParamName.HISTORICAL_DECLINE, c.code(), false, used);
            Param base = word(ParamName.HISTORICAL_BASE_YEARS, "");
            if (decline == null || base == null) return null;
            int expected = baseYears(base.value());
            if (u.historicalEmissions().isEmpty()) { problem("historical_emissions_t", Problem.Code.MISSING_VALUE, "the method needs the emissions of the base years " + base.value()); return null; }
            if (expected > 0 && u.historicalEmissions().size() != expected) {
                problem("historical_emissions_t", Problem.Code.INVALID_VALUE, "expected " + expected + " base-year figures (" + base.value() + "), found " + u.historicalEmissions().size());
                return null;
            }
            BigDecimal sum = BigDecimal.ZERO;
            for (BigDecimal h : u.historicalEmissions()) sum = sum.add(h);
            BigDecimal n = BigDecimal.valueOf(u.historicalEmissions().size());
            BigDecimal v;
            // Σ × decline ÷ n: exact whenever the quotient terminates (4,750,000 × 0.99 ÷ 3 = 1,567,500)
            boolean toScale = false;
            try { v = sum.multiply(decline).divide(n); } catch (ArithmeticException e) { v = sum.multiply(decline).divide(n, SCALE, RoundingMode.HALF_EVEN); toScale = true; }
            used.add(base);
            trace.add((toScale ? TraceStep.of("HISTORICAL_EMISSIONS", v, used, "historicalEmissions.dp", base.value(), sum, decline, n, v, SCALE)
                    : TraceStep.of("HISTORICAL_EMISSIONS", v, used, "historicalEmissions", base.value(), sum, decline, n, v)));
            return v;
        }

        BigDecimal historicalIntensity(Category c) {
            List<Param> used = new ArrayList<>();
            BigDecimal decline = param(ParamName.INTENSITY_DECLINE, c.code(), false, used);
            BigDecimal output = nonNegative(u.output(c.basis()), c.basis().field(), true);
            BigDecimal intensity = nonNegative(u.historicalIntensity(), "historical_intensity", true);
            if (decline == null || output == null || intensity == null) return null;
            BigDecimal v = output.multiply(intensity).multiply(decline);
            trace.add(TraceStep.of("HISTORICAL_INTENSITY", v, used, "historicalIntensity", output, c.basis().unit(), intensity, decline, v));
            return v;
        }

        BigDecimal benchmark(Category c) {
            BigDecimal output = nonNegative(u.output(c.basis()), c.basis().field(), true);
            List<Param> bUsed = new ArrayList<>();
            BigDecimal bench = param(ParamName.BENCHMARK, c.code(), false, bUsed);
            BigDecimal heat = u.heatGj() == null ? BigDecimal.ZERO : u.heatGj();
            if (output == null || bench == null) return null;
            BigDecimal base = output;
            boolean withHeat = false;
            BigDecimal heatPart = BigDecimal.ZERO;
            if (c.heat() == HeatMethod.HEAT_AS_GENERATION && heat.signum() > 0) {
                List<Param> used = new ArrayList<>();
                BigDecimal conv = param(ParamName.HEAT_TO_GENERATION, "", false, used);
                if (conv == null) return null;
                BigDecimal asMwh = heat.multiply(conv);
                base = output.add(asMwh);
                trace.add(TraceStep.of("HEAT_AS_GENERATION", base, used, "heatAsGeneration", heat, conv, asMwh, output, c.basis().unit(), c.basis().name().toLowerCase()));
                withHeat = true;
            }
            BigDecimal elec = base.multiply(bench);
            trace.add((withHeat ? TraceStep.of("BENCHMARK", elec, bUsed, "benchmark.withHeat", base, bench, unitOf(bUsed), elec)
                    : TraceStep.of("BENCHMARK", elec, bUsed, "benchmark", output, c.basis().unit(), c.basis().name().toLowerCase(), bench, unitOf(bUsed), elec)));
            boolean missing = false;
            for (Factor f : c.factors()) {
                if (f == Factor.LOCAL_ADJUSTMENT) continue;
                BigDecimal k = factor(c, f); // on a problem, go on: every missing figure of the unit is reported at once
                if (k == null) missing = true;
                else elec = elec.multiply(k);
            }
            if (missing) return null;
            if (c.heat() == HeatMethod.HEAT_BENCHMARK) {
                List<Param> used = new ArrayList<>();
                if (heat.signum() > 0) {
                    BigDecimal hb = param(ParamName.HEAT_BENCHMARK, c.code(), false, used);
                    if (hb == null) return null;
                    heatPart = heat.multiply(hb);
                    trace.add(TraceStep.of("HEAT", heatPart, used, "heat", heat, hb, heatPart));
                } else {
                    trace.add(TraceStep.of("HEAT", BigDecimal.ZERO, List.of(), "heat.none"));
                }
            }
            BigDecimal total = elec.add(heatPart);
            if (c.factors().contains(Factor.LOCAL_ADJUSTMENT)) {
                List<Param> used = new ArrayList<>();
                BigDecimal k = param(ParamName.LOCAL_ADJUSTMENT, u.region(), true, used);
                if (k == null) return null;
                total = total.multiply(k);
                trace.add(TraceStep.of("LOCAL_ADJUSTMENT", total, used, "localAdjustment", u.region().isEmpty() ? "-" : u.region(), k, total));
            }
            if (c.heat() == HeatMethod.HEAT_BENCHMARK || c.factors().contains(Factor.LOCAL_ADJUSTMENT))
                trace.add(TraceStep.of("UNIT_TOTAL", total, List.of(), "unitTotal", total));
            return total;
        }

        String unitOf(List<Param> used) { return used.isEmpty() ? "" : used.get(0).unit(); }

        BigDecimal factor(Category c, Factor f) {
            List<Param> used = new ArrayList<>();
            switch (f) {
                case COOLING -> {
                    if (u.cooling().isEmpty()) { problem("cooling", Problem.Code.MISSING_VALUE, "category " + c.code() + " applies the cooling factor: WATER or AIR"); return null; }
                    BigDecimal k = param(ParamName.COOLING_FACTOR, u.cooling(), false, used);
                    if (k == null) return null;
                    trace.add(TraceStep.of("COOLING", k, used, "cooling", u.cooling().toLowerCase(), k));
                    return k;
                }
                case HEAT_RATIO -> {
                    BigDecimal heat = u.heatGj() == null ? BigDecimal.ZERO : u.heatGj();
                    if (heat.signum() == 0) {
                        trace.add(TraceStep.of("HEAT_RATIO", BigDecimal.ONE, List.of(), "heatRatio.none"));
                        return BigDecimal.ONE;
                    }
                    if (u.heatRatio() == null) { problem("heat_ratio", Problem.Code.MISSING_VALUE, "the unit supplies heat; the heat-supply correction needs its heat-supply ratio"); return null; }
                    BigDecimal coef = param(ParamName.HEAT_RATIO_COEFFICIENT, c.code(), false, used);
                    if (coef == null) return null;
                    BigDecimal k = BigDecimal.ONE.subtract(coef.multiply(u.heatRatio()));
                    trace.add(TraceStep.of("HEAT_RATIO", k, used, "heatRatio", coef, u.heatRatio(), k));
                    return k;
                }
                case LOAD -> { return load(used); }
                case FUEL_HEAT_VALUE -> {
                    BigDecimal k = param(ParamName.FUEL_HEAT_VALUE_FACTOR, c.code(), false, used);
                    if (k == null) return null;
                    trace.add(TraceStep.of("FUEL_HEAT_VALUE", k, used, "fuelHeatValue", k));
                    return k;
                }
                case CO_PROCESSING -> {
                    BigDecimal waste = u.coProcessedWasteT() == null ? BigDecimal.ZERO : u.coProcessedWasteT();
                    Param band = null;
                    for (Param p : ruleset.all(ParamName.CO_PROCESSING_BONUS, year))
                        if (waste.compareTo(new BigDecimal(p.qualifier())) >= 0 && (band == null || new BigDecimal(p.qualifier()).compareTo(new BigDecimal(band.qualifier())) > 0)) band = p;
                    if (band == null) {
                        trace.add(TraceStep.of("CO_PROCESSING", BigDecimal.ONE, List.of(), "coProcessing.none", waste));
                        return BigDecimal.ONE;
                    }
                    if (band.isUnknown()) { problem(band.key(), Problem.Code.UNKNOWN_PARAMETER, band.key() + " is UNKNOWN"); return null; }
                    BigDecimal k = BigDecimal.ONE.add(band.decimal());
                    trace.add(TraceStep.of("CO_PROCESSING", k, List.of(band), "coProcessing", waste, band.qualifier(), k));
                    return k;
                }
                default -> throw new IllegalStateException(f.name());
            }
        }

        BigDecimal load(List<Param> used) {
            Param scope = word(ParamName.LOAD_SCOPE, "");
            if (scope == null) return null;
            BigDecimal heat = u.heatGj() == null ? BigDecimal.ZERO : u.heatGj();
            if (scope.value().equals("PURE_CONDENSING") && heat.signum() > 0) {
                trace.add(TraceStep.of("LOAD", BigDecimal.ONE, List.of(scope), "load.notPureCondensing"));
                return BigDecimal.ONE;
            }
            if (u.loadFactor() == null) { problem("load_factor", Problem.Code.MISSING_VALUE, "the load correction needs the unit's load coefficient"); return null; }
            BigDecimal full = param(ParamName.LOAD_FULL, "", false, used), mid = param(ParamName.LOAD_MID, "", false, used),
                    low = param(ParamName.LOAD_LOW, "", false, used), slopeHigh = param(ParamName.LOAD_SLOPE_HIGH, "", false, used),
                    baseMid = param(ParamName.LOAD_BASE_MID, "", false, used), slopeMid = param(ParamName.LOAD_SLOPE_MID, "", false, used),
                    powBase = param(ParamName.LOAD_POWER_BASE, "", false, used), powOffset = param(ParamName.LOAD_POWER_OFFSET, "", false, used),
                    powSlope = param(ParamName.LOAD_POWER_SLOPE, "", false, used);
            if (failed) return null;
            used.add(0, scope);
            BigDecimal f = u.loadFactor();
            String fs = f.toPlainString();
            BigDecimal k;
            TraceStep step;
            if (f.compareTo(full) >= 0) {
                k = BigDecimal.ONE;
                step = TraceStep.of("LOAD", k, used, "load.full", fs, full);
            } else if (f.compareTo(mid) >= 0) {
                k = BigDecimal.ONE.add(slopeHigh.multiply(full.multiply(HUNDRED).subtract(f.multiply(HUNDRED))));
                step = TraceStep.of("LOAD", k, used, "load.high", fs, mid, full, slopeHigh, full.multiply(HUNDRED).stripTrailingZeros(), k);
            } else if (f.compareTo(low) >= 0) {
                k = baseMid.add(slopeMid.multiply(mid.multiply(HUNDRED).subtract(f.multiply(HUNDRED))));
                step = TraceStep.of("LOAD", k, used, "load.mid", fs, low, mid, baseMid, slopeMid, mid.multiply(HUNDRED).stripTrailingZeros(), k);
            } else {
                BigDecimal exp = powOffset.subtract(powSlope.multiply(f));
                k = power(powBase, exp);
                step = isInteger(exp)
                        ? TraceStep.of("LOAD", k, used, "load.low", fs, low, powBase, powOffset, powSlope, exp.stripTrailingZeros(), k)
                        : TraceStep.of("LOAD", k, used, "load.low.dp", fs, low, powBase, powOffset, powSlope, exp.stripTrailingZeros(), k, SCALE);
            }
            trace.add(step);
            return k;
        }
    }

    static boolean isInteger(BigDecimal v) { return v.signum() == 0 || v.stripTrailingZeros().scale() <= 0; }

    /** base^exp: exact for a whole exponent, else the whole part exact times the fractional part to {@link #SCALE} dp. */
    static BigDecimal power(BigDecimal base, BigDecimal exp) {
        if (exp.signum() < 0) return BigDecimal.ONE.divide(power(base, exp.negate()), SCALE, RoundingMode.HALF_EVEN);
        BigDecimal whole = exp.setScale(0, RoundingMode.DOWN);
        BigDecimal frac = exp.subtract(whole);
        BigDecimal r = base.pow(whole.intValueExact());
        if (frac.signum() == 0) return r;
        BigDecimal f = new BigDecimal(StrictMath.pow(base.doubleValue(), frac.doubleValue()), MathContext.DECIMAL64);
        return r.multiply(f).setScale(SCALE, RoundingMode.HALF_EVEN);
    }

    static int baseYears(String text) {
        var m = java.util.regex.Pattern.compile("([0-9]{4})-([0-9]{4})").matcher(text);
        if (m.matches()) return Integer.parseInt(m.group(2)) - Integer.parseInt(m.group(1)) + 1;
        return text.matches("[0-9]{4}") ? 1 : 0;
    }
}
