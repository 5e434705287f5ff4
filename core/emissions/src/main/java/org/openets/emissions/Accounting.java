package org.openets.emissions;

import org.openets.kernel.Quantity;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Computes a year's emissions from a checked {@link AnnualReport} by the published formulas (企业温室气体排放核算方法与报告指南
 * 发电设施), with every value a regulator publishes read from the {@link Ruleset} of the data year:
 * <pre>
 * E_fuel = Σ FC x NCV x CC x OF x 44/12      per installation, fuel and month
 * CC     = measured | C_ar / NCV_ar | default | fill   (the default rule of the year, per installation and fuel)
 * E_elec = purchased MWh x grid.ef of the year
 * E_proc = output t x process.ef[product]
 * </pre>
 *
 * <p>The default rule works month by month on each installation's fuel: a month whose carbon content was measured
 * keeps it; an unmeasured month takes the default under {@link CarbonDefaultRule#EVERY_UNMEASURED_MONTH}, and under
 * {@link CarbonDefaultRule#FEWER_MEASURED_THAN_THRESHOLD} only when fewer months than the threshold were measured that
 * year (otherwise it is filled by {@code cc.fill-when-enough-measured}). NCV and OF take their defaults in every
 * month they were not measured.
 *
 * <p>Arithmetic is {@link BigDecimal}. Products are exact. The two divisions (44/12, and C_ar / NCV or a mean)
 * keep 34 significant digits, rounded half-even: far below any reported digit, and monotonic, so more fuel never
 * gives fewer tonnes. The only rounding a reader sees is the final one to whole tonnes, at {@code rounding.point}
 * with {@code rounding.mode}.
 *
 * <p>When the ruleset lacks a parameter the report needs (a default for an unmeasured NCV, a grid factor for a year
 * not covered), the answer is the list of missing parameters, each naming the year and the row that needed it, and
 * nothing is computed.
 */
public final class Accounting {
    /** Precision of the divisions; an engine choice, not a rule (a rule's rounding is {@code rounding.mode}). */
    static final MathContext PRECISION = new MathContext(34, RoundingMode.HALF_EVEN);
    /** CO2 per carbon by molar mass, 44/12: chemistry, not a published parameter. */
    static final BigDecimal CO2_MOLAR_MASS = BigDecimal.valueOf(44), CARBON_MOLAR_MASS = BigDecimal.valueOf(12);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final Ruleset rules;

    public Accounting(Ruleset rules) { this.rules = rules; }

    public Validation<EmissionsAccount> account(AnnualReport report) {
        if (!report.jurisdiction().equals(rules.jurisdiction()))
            throw new IllegalArgumentException("ruleset " + rules.jurisdiction() + " does not govern a report of " + report.jurisdiction());
        return new Run(report).run();
    }

    /** One computation: looks parameters up, remembers which were used and which were missing. */
    private final class Run {
        final AnnualReport report;
        final int year;
        final List<Problem> problems = new ArrayList<>();
        final Set<String> missing = new LinkedHashSet<>();
        final Set<Parameter> used = new LinkedHashSet<>();
        final List<Substitution> substitutions = new ArrayList<>();
        /** The trace's steps: texts, and line objects worded only when the trace is read ({@link TraceLines}). */
        final List<Object> lines = new ArrayList<>();

        Run(AnnualReport report) {
            this.report = report;
            this.year = report.year();
        }

        Parameter require(RuleParameter p, String qualifier, String neededFor) {
            return require(p, qualifier, () -> neededFor);
        }

        /** The parameter, remembered as used; or null, with the problem recorded (what needed it is worded only then). */
        Parameter require(RuleParameter p, String qualifier, Supplier<String> neededFor) {
            var found = rules.find(p, qualifier, year);
            if (found.isPresent()) {
                used.add(found.get());
                return found.get();
            }
            if (missing.add(p.key(qualifier))) problems.add(rules.missing(p, qualifier, year, neededFor.get()));
            return null;
        }

        Validation<EmissionsAccount> run() {
            lines.add("emissions of " + report.entity() + " for " + year + " under " + rules);
            List<FuelLine> fuel = fuelLines();
            List<ElectricityLine> elec = electricityLines();
            List<ProcessLine> process = processLines();
            Parameter point = require(RuleParameter.ROUNDING_POINT, "", "the final rounding");
            Parameter mode = require(RuleParameter.ROUNDING_MODE, "", "the final rounding");
            if (!problems.isEmpty()) return new Validation.Invalid<>(problems);

            Map<InstallationId, BigDecimal[]> byInstallation = new TreeMap<>();
            for (FuelLine l : fuel) add(byInstallation, l.unit(), 0, l.co2Tonnes());
            for (ElectricityLine l : elec) add(byInstallation, l.unit(), 1, l.co2Tonnes());
            for (ProcessLine l : process) add(byInstallation, l.installation(), 2, l.co2Tonnes());
            RoundingMode rounding = mode.roundingMode();
            boolean perInstallation = point.roundingPoint() == RoundingPoint.INSTALLATION_TOTAL;
            List<InstallationTotal> totals = new ArrayList<>();
            BigDecimal f = BigDecimal.ZERO, e = BigDecimal.ZERO, p = BigDecimal.ZERO;
            long roundedSum = 0;
            for (var entry : byInstallation.entrySet()) {
                BigDecimal[] s = entry.getValue();
                BigDecimal exact = s[0].add(s[1]).add(s[2]);
                Long rounded = perInstallation ? exact.setScale(0, rounding).longValueExact() : null;
                if (rounded != null) roundedSum = Math.addExact(roundedSum, rounded);
                totals.add(new InstallationTotal(entry.getKey(), s[0], s[1], s[2], exact, rounded));
                lines.add("installation " + entry.getKey() + ": fuel " + s[0].toPlainString() + " + electricity " + s[1].toPlainString() + " + process "
                        + s[2].toPlainString() + " = " + exact.toPlainString() + " tCO2" + (rounded == null ? "" : ", rounded " + rounding + " to " + rounded + " t"));
                f = f.add(s[0]);
                e = e.add(s[1]);
                p = p.add(s[2]);
            }
            BigDecimal exact = f.add(e).add(p);
            long total = perInstallation ? roundedSum : exact.setScale(0, rounding).longValueExact();
            lines.add("total: fuel " + f.toPlainString() + " + electricity " + e.toPlainString() + " + process " + p.toPlainString() + " = "
                    + exact.toPlainString() + " tCO2; rounded to " + total + " t at " + point.brief() + " with " + mode.brief());
            List<Parameter> unconfirmed = used.stream().filter(Parameter::isUnconfirmed).toList();
            if (!unconfirmed.isEmpty())
                lines.add("UNCONFIRMED values used (verify before this figure is final): " + unconfirmed.stream().map(Parameter::key).distinct().toList());
            lines.add("parameters used:");
            for (Parameter u : used) lines.add(new Object() {
                @Override public String toString() { return "  " + u; }
            });
            Trace trace = new Trace(List.copyOf(used), substitutions, new TraceLines(lines));
            return new Validation.Valid<>(new EmissionsAccount(report.entity(), report.jurisdiction(), year, rules.name(), fuel, elec, process, totals,
                    f, e, p, exact, Quantity.of(total), point, mode, trace));
        }

        private static void add(Map<InstallationId, BigDecimal[]> m, InstallationId id, int slot, BigDecimal v) {
            BigDecimal[] s = m.computeIfAbsent(id, k -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
            s[slot] = s[slot].add(v);
        }

        // -------------------------------------------------------------------------------------- fuel

        List<FuelLine> fuelLines() {
            Map<String, List<FuelUse>> groups = new LinkedHashMap<>();
            for (FuelUse u : report.fuels()) groups.computeIfAbsent(u.unit() + "|" + u.fuel(), k -> new ArrayList<>()).add(u);
            List<FuelLine> out = new ArrayList<>();
            for (List<FuelUse> group : groups.values()) {
                List<BigDecimal> measuredCc = new ArrayList<>();
                for (FuelUse u : group) if (u.carbonMeasured()) measuredCc.add(measuredCarbon(u));
                for (FuelUse u : group) {
                    FuelLine line = fuelLine(u, measuredCc);
                    if (line != null) {
                        out.add(line);
                        lines.add(line);
                    }
                }
            }
            return out;
        }

        private BigDecimal measuredCarbon(FuelUse u) {
            if (u.carbonContent() != null) return u.carbonContent();
            return u.carbonArPercent().divide(HUNDRED, PRECISION).divide(u.ncv(), PRECISION);
        }

        private FuelLine fuelLine(FuelUse u, List<BigDecimal> measuredCc) {
            Supplier<String> where = () -> "unit " + u.unit() + ", month " + u.month() + ", fuel " + u.fuel();
            String q = u.fuel().code();
            Parameter unitOfQuantity = require(RuleParameter.FUEL_QUANTITY_UNIT, q, where);
            Factor ncv;
            if (u.ncv() != null) ncv = Factor.measured("NCV", u.ncv(), unitOfQuantity == null ? "GJ/?" : "GJ/" + unitOfQuantity.value());
            else {
                Parameter d = require(RuleParameter.NCV_DEFAULT, q, () -> where.get() + " (net calorific value not measured)");
                ncv = d == null ? null : substitute(u, new Factor("NCV", d.decimal(), d.unit(), Origin.DEFAULT, List.of(d), "not measured"));
            }
            Factor cc = carbon(u, measuredCc, where);
            Factor of;
            if (u.oxidationRate() != null) of = Factor.measured("OF", u.oxidationRate(), "fraction");
            else {
                Parameter d = require(RuleParameter.OF_DEFAULT, q, () -> where.get() + " (oxidation rate not measured)");
                of = d == null ? null : substitute(u, new Factor("OF", d.decimal(), d.unit(), Origin.DEFAULT, List.of(d), "not measured"));
            }
            if (ncv == null || cc == null || of == null || unitOfQuantity == null) return null;
            BigDecimal heat = u.quantity().multiply(ncv.value());
            BigDecimal carbon = heat.multiply(cc.value()).multiply(of.value());
            BigDecimal co2 = carbon.multiply(CO2_MOLAR_MASS).divide(CARBON_MOLAR_MASS, PRECISION);
            return new FuelLine(u.unit(), u.month(), u.fuel(), u.quantity(), unitOfQuantity.value(), ncv, cc, of, heat, carbon, co2);
        }

        /** The month's carbon content by the rule of the year. */
        private Factor carbon(FuelUse u, List<BigDecimal> measuredCc, Supplier<String> where) {
            String q = u.fuel().code();
            if (u.carbonContent() != null) return Factor.measured("CC", u.carbonContent(), "tC/GJ");
            if (u.carbonArPercent() != null)
                return new Factor("CC", measuredCarbon(u), "tC/GJ", Origin.DERIVED, List.of(),
                        "C_ar " + u.carbonArPercent().toPlainString() + " % / NCV_ar " + u.ncv().toPlainString());
            Supplier<String> needed = () -> where.get() + " (carbon content not measured)";
            Parameter rule = require(RuleParameter.CC_DEFAULT_RULE, q, needed);
            if (rule == null) return null;
            int measured = measuredCc.size();
            return switch (rule.carbonDefaultRule()) {
                case EVERY_UNMEASURED_MONTH -> {
                    Parameter d = require(RuleParameter.CC_DEFAULT, q, needed);
                    yield d == null ? null : substitute(u, new Factor("CC", d.decimal(), d.unit(), Origin.DEFAULT, List.of(d, rule),
                            "not measured; every unmeasured month takes the default"));
                }
                case FEWER_MEASURED_THAN_THRESHOLD -> {
                    Parameter threshold = require(RuleParameter.CC_MEASURED_MONTHS_THRESHOLD, q, needed);
                    if (threshold == null) yield null;
                    if (measured < threshold.integer()) {
                        Parameter d = require(RuleParameter.CC_DEFAULT, q, needed);
                        yield d == null ? null : substitute(u, new Factor("CC", d.decimal(), d.unit(), Origin.DEFAULT, List.of(d, rule, threshold),
                                "not measured; " + measured + " month(s) of " + u.fuel() + " on " + u.unit() + " measured in " + year + ", fewer than " + threshold.integer()));
                    }
                    Parameter fill = require(RuleParameter.CC_FILL, q, needed);
                    if (fill == null) yield null;
                    BigDecimal value = switch (fill.fillMethod()) {
                        case MEAN_OF_MEASURED_MONTHS -> measuredCc.stream().reduce(BigDecimal.ZERO, BigDecimal::add).divide(BigDecimal.valueOf(measured), PRECISION);
                    };
                    yield substitute(u, new Factor("CC", value, "tC/GJ", Origin.FILLED, List.of(fill, rule, threshold),
                            "not measured; " + measured + " month(s) measured, at least " + threshold.integer() + ": mean of the measured months"));
                }
            };
        }

        private Factor substitute(FuelUse u, Factor f) {
            substitutions.add(new Substitution(u.unit(), u.month(), u.fuel(), f.name(), f.origin(), f.value(), f.rule(), f.why()));
            return f;
        }

        // -------------------------------------------------------------------------------------- electricity, process

        List<ElectricityLine> electricityLines() {
            List<ElectricityLine> out = new ArrayList<>();
            for (UnitActivity a : report.activity()) {
                if (a.purchasedElectricityMwh().signum() == 0) continue;
                Parameter ef = require(RuleParameter.GRID_EF, "", () -> "purchased electricity of unit " + a.unit() + ", month " + a.month());
                if (ef == null) continue;
                ElectricityLine l = new ElectricityLine(a.unit(), a.month(), a.purchasedElectricityMwh(), ef, a.purchasedElectricityMwh().multiply(ef.decimal()));
                out.add(l);
                lines.add(l);
            }
            return out;
        }

        List<ProcessLine> processLines() {
            List<ProcessLine> out = new ArrayList<>();
            for (ProductOutput o : report.outputs()) {
                Parameter ef = require(RuleParameter.PROCESS_EF, o.product().name(), () -> "process emissions of " + o.installation() + ", month " + o.month());
                if (ef == null) continue;
                ProcessLine l = new ProcessLine(o.installation(), o.month(), o.product(), o.tonnes(), ef, o.tonnes().multiply(ef.decimal()));
                out.add(l);
                lines.add(l);
            }
            return out;
        }
    }
}
