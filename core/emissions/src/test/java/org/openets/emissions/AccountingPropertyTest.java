package org.openets.emissions;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openets.emissions.EmissionsFixture.*;

/**
 * Seeded random reports (years 2019-2022; coal and gas units; every mix of measured, partly measured and unmeasured
 * factors; purchased electricity; both rounding points), computed with the bundled rules and checked against a
 * small reference model of rules-reference §5.2 kept here:
 * <ul>
 * <li>more fuel in any row, or more purchased electricity in any month, never lowers the exact or the rounded
 *     emissions, and changes no other line;</li>
 * <li>the substitutions in the trace are exactly those the model expects (which installation, month, fuel and
 *     factor, default or fill), each names its ruleset row, and that row has the §5.2 value;</li>
 * <li>the sums add up and the total is the exact figure rounded once, as the ruleset says.</li>
 * </ul>
 * Replay one run with {@code -Demissions.seed=<seed>}.
 */
class AccountingPropertyTest {
    static final int SEEDS = Integer.getInteger("emissions.seeds", 400);
    static final long BASE_SEED = 0x3E_2022L;
    static final Ruleset PER_INSTALLATION = Ruleset.parse(CN, "CN-per-installation.tsv",
            bundledText().replace("rounding.point\t\tENTITY_TOTAL", "rounding.point\t\tINSTALLATION_TOTAL"));

    /** §5.2 as the model knows it, independent of the data file. */
    static BigDecimal defaultValue(String factor, String fuel, int year) {
        return switch (factor + "/" + fuel) {
            case "CC/COAL" -> new BigDecimal(year <= 2020 ? "0.03356" : "0.03085");
            case "CC/NATURAL_GAS" -> new BigDecimal("0.01532");
            case "NCV/NATURAL_GAS" -> new BigDecimal("389.31");
            case "OF/COAL", "OF/NATURAL_GAS" -> new BigDecimal("0.99");
            default -> throw new AssertionError("the reference gives no default " + factor + " for " + fuel);
        };
    }

    static String defaultKey(String factor, String fuel) {
        return switch (factor) {
            case "NCV" -> "ncv.default[" + fuel + "]";
            case "CC" -> "cc.default[" + fuel + "]";
            case "OF" -> "of.default[" + fuel + "]";
            default -> throw new AssertionError(factor);
        };
    }

    @Test
    void randomReportsKeepTheRulesOfTheReference() {
        Long only = Long.getLong("emissions.seed");
        Map<String, Integer> tally = new TreeMap<>();
        if (only != null) new Run(only, tally).run();
        else for (int i = 0; i < SEEDS; i++) new Run(BASE_SEED + i, tally).run();
        System.out.printf("emissions property: %d runs; %s%n", only != null ? 1 : SEEDS, tally);
        // the generator reaches every case the rule distinguishes (otherwise the test proves little)
        assertThat(tally.keySet()).contains("CC/COAL/DEFAULT/2019", "CC/COAL/DEFAULT/2020", "CC/COAL/DEFAULT/2021", "CC/COAL/DEFAULT/2022",
                "CC/COAL/FILLED/2021", "CC/COAL/FILLED/2022", "CC/COAL/MEASURED", "CC/COAL/DERIVED", "CC/NATURAL_GAS/DEFAULT/2022",
                "NCV/NATURAL_GAS/DEFAULT/2021", "OF/COAL/DEFAULT/2020", "OF/NATURAL_GAS/DEFAULT/2019", "INSTALLATION_TOTAL", "ENTITY_TOTAL",
                "electricity", "zero quantity");
    }

    static final class Run {
        final long seed;
        final SplittableRandom rnd;
        final Map<String, Integer> tally;
        final int year;
        final Ruleset rules;
        final List<RawRow> fuels = new ArrayList<>(), activity = new ArrayList<>();

        Run(long seed, Map<String, Integer> tally) {
            this.seed = seed;
            this.rnd = new SplittableRandom(seed);
            this.tally = tally;
            this.year = 2019 + rnd.nextInt(4);
            this.rules = rnd.nextInt(3) == 0 ? PER_INSTALLATION : RULES;
        }

        void count(String key) { tally.merge(key, 1, Integer::sum); }

        String decimal(int maxWhole, int maxScale) {
            if (rnd.nextInt(25) == 0) return "0";
            return BigDecimal.valueOf(rnd.nextLong(1, (long) maxWhole * 1000 + 1), 3).setScale(rnd.nextInt(maxScale + 1), RoundingMode.DOWN)
                    .max(BigDecimal.valueOf(1, 3)).toPlainString();
        }

        void generate() {
            String[][] streams = {{"G1", "COAL"}, {"G4", "COAL"}, {"G2", "NATURAL_GAS"}, {"G1", "NATURAL_GAS"}};
            int row = 2;
            for (String[] s : streams) {
                if (rnd.nextInt(4) == 0) continue;
                boolean coal = s[1].equals("COAL");
                double pMeasured = new double[]{0, 0.1, 0.2, 0.3, 0.5, 1}[rnd.nextInt(6)];
                for (int m = 1; m <= 12; m++) {
                    if (rnd.nextInt(6) == 0) continue;
                    String ncv = coal || rnd.nextBoolean() ? (coal ? decimal(30, 3) : decimal(400, 2)) : null;
                    if ("0".equals(ncv)) ncv = "20.1";
                    String cc = null, car = null;
                    if (rnd.nextDouble() < pMeasured) {
                        if (ncv != null && rnd.nextInt(3) == 0) car = (40 + rnd.nextInt(40)) + "." + rnd.nextInt(10);
                        else cc = "0.0" + (1500 + rnd.nextInt(2000));
                    }
                    String of = rnd.nextInt(3) == 0 ? "0.9" + (50 + rnd.nextInt(50)) : null;
                    fuels.add(fuel(row++, s[0], Integer.toString(m), s[1], coal ? decimal(200_000, 3) : decimal(5_000, 2), ncv, cc, car, of));
                }
            }
            for (String unit : new String[]{"G1", "G2", "G4"})
                for (int m = 1; m <= 12; m++)
                    if (rnd.nextInt(3) == 0) activity.add(activity(row++, unit, Integer.toString(m), "100000", "95000", "0", rnd.nextInt(4) == 0 ? "0" : decimal(20_000, 3)));
        }

        EmissionsAccount compute(List<RawRow> f, List<RawRow> a) {
            Validation<EmissionsAccount> v = EmissionsFixture.compute(rules, year, new RawReport(f, a, List.of()));
            assertThat(v.problems()).as("seed %d", seed).isEmpty();
            return v.value();
        }

        void run() {
            generate();
            try {
                EmissionsAccount a = compute(fuels, activity);
                checkSubstitutions(a);
                checkSums(a);
                if (!fuels.isEmpty()) moreFuel(a);
                if (!activity.isEmpty()) moreElectricity(a);
            } catch (AssertionError e) {
                throw new AssertionError("seed " + seed + " (replay with -Demissions.seed=" + seed + "): " + e.getMessage(), e);
            }
        }

        /** The model: which factors of which rows the rule of the year substitutes, and how. */
        void checkSubstitutions(EmissionsAccount a) {
            Map<String, Integer> measuredMonths = new HashMap<>();
            for (RawRow r : fuels)
                if (r.cell("carbon_content") != null || r.cell("carbon_ar_percent") != null) measuredMonths.merge(r.cell("unit") + "|" + r.cell("fuel"), 1, Integer::sum);
            TreeSet<String> expected = new TreeSet<>();
            for (RawRow r : fuels) {
                String fuel = r.cell("fuel"), at = r.cell("unit") + "|" + r.cell("month") + "|" + fuel + "|";
                if (r.cell("quantity").equals("0")) count("zero quantity");
                if (r.cell("ncv") == null) expected.add(at + "NCV|DEFAULT");
                if (r.cell("oxidation_rate") == null) expected.add(at + "OF|DEFAULT");
                if (r.cell("carbon_content") == null && r.cell("carbon_ar_percent") == null) {
                    boolean thresholdRule = fuel.equals("COAL") && year >= 2021;
                    boolean enough = measuredMonths.getOrDefault(r.cell("unit") + "|" + fuel, 0) >= 3;
                    expected.add(at + "CC|" + (thresholdRule && enough ? "FILLED" : "DEFAULT"));
                }
            }
            TreeSet<String> actual = new TreeSet<>();
            for (Substitution s : a.trace().substitutions()) actual.add(s.unit() + "|" + s.month() + "|" + s.fuel() + "|" + s.factor() + "|" + s.origin());
            assertThat(actual).as("substitutions").isEqualTo(expected);

            for (Substitution s : a.trace().substitutions()) {
                count(s.factor() + "/" + s.fuel() + "/" + s.origin() + "/" + year);
                Parameter named = s.rule().getFirst();
                assertThat(a.trace().parameters()).as("trace parameters").containsAll(s.rule());
                if (s.origin() == Origin.DEFAULT) {
                    assertThat(named.key()).isEqualTo(defaultKey(s.factor(), s.fuel().code()));
                    assertThat(named.decimal()).isEqualByComparingTo(defaultValue(s.factor(), s.fuel().code(), year));
                    assertThat(s.value()).isEqualByComparingTo(named.decimal());
                    assertThat(named.appliesTo(year)).isTrue();
                } else {
                    assertThat(named.key()).isEqualTo("cc.fill-when-enough-measured[COAL]");
                    assertThat(named.isUnconfirmed()).isTrue();
                }
            }
            // the fuel lines tell the same story as the substitutions, and say it in the text
            for (FuelLine l : a.fuelLines())
                for (Factor f : List.of(l.ncv(), l.cc(), l.of())) {
                    if (!f.substituted()) count(f.name() + "/" + l.fuel() + "/" + f.origin());
                    assertThat(f.substituted()).isEqualTo(expected.contains(l.unit() + "|" + l.month() + "|" + l.fuel() + "|" + f.name() + "|" + f.origin()));
                    if (f.substituted()) assertThat(a.trace().text()).contains(f.rule().getFirst().toString());
                }
            // every unconfirmed row used is flagged
            assertThat(a.trace().unconfirmed()).isEqualTo(a.trace().parameters().stream().filter(p -> p.confidence() == Confidence.U).toList());
            assertThat(a.trace().text().contains("UNCONFIRMED")).isEqualTo(a.trace().restsOnUnconfirmedValues());
        }

        void checkSums(EmissionsAccount a) {
            BigDecimal fuel = a.fuelLines().stream().map(FuelLine::co2Tonnes).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal elec = a.electricityLines().stream().map(ElectricityLine::co2Tonnes).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(a.fuelTonnes()).isEqualByComparingTo(fuel);
            assertThat(a.electricityTonnes()).isEqualByComparingTo(elec);
            assertThat(a.exactTonnes()).isEqualByComparingTo(fuel.add(elec));
            assertThat(a.installations().stream().map(InstallationTotal::exactTonnes).reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo(a.exactTonnes());
            RoundingMode mode = a.roundingMode().roundingMode();
            RoundingPoint point = a.roundingPoint().roundingPoint();
            count(point.name());
            if (!a.electricityLines().isEmpty()) count("electricity");
            long expected = point == RoundingPoint.ENTITY_TOTAL ? a.exactTonnes().setScale(0, mode).longValueExact()
                    : a.installations().stream().mapToLong(t -> t.exactTonnes().setScale(0, mode).longValueExact()).sum();
            assertThat(a.total().tonnes()).isEqualTo(expected);
        }

        void moreFuel(EmissionsAccount before) {
            int i = rnd.nextInt(fuels.size());
            RawRow r = fuels.get(i);
            BigDecimal more = new BigDecimal(r.cell("quantity")).add(BigDecimal.valueOf(rnd.nextLong(1, 10_000_000), 3));
            List<RawRow> changed = new ArrayList<>(fuels);
            changed.set(i, with(r, "quantity", more.toPlainString()));
            EmissionsAccount after = compute(changed, activity);
            assertThat(after.exactTonnes()).as("exact after more fuel in row %d", r.row()).isGreaterThan(before.exactTonnes());
            assertThat(after.total()).as("total after more fuel").isGreaterThanOrEqualTo(before.total());
            assertOnlyOneLineChanged(before.fuelLines(), after.fuelLines());
            assertThat(after.trace().substitutions()).isEqualTo(before.trace().substitutions());
        }

        void moreElectricity(EmissionsAccount before) {
            int i = rnd.nextInt(activity.size());
            RawRow r = activity.get(i);
            BigDecimal more = new BigDecimal(r.cell("purchased_electricity_mwh")).add(BigDecimal.valueOf(rnd.nextLong(1, 10_000_000), 3));
            List<RawRow> changed = new ArrayList<>(activity);
            changed.set(i, with(r, "purchased_electricity_mwh", more.toPlainString()));
            EmissionsAccount after = compute(fuels, changed);
            assertThat(after.exactTonnes()).as("exact after more electricity in row %d", r.row()).isGreaterThan(before.exactTonnes());
            assertThat(after.total()).isGreaterThanOrEqualTo(before.total());
            assertThat(after.fuelLines()).isEqualTo(before.fuelLines());
        }

        static void assertOnlyOneLineChanged(List<FuelLine> before, List<FuelLine> after) {
            assertThat(after).hasSameSizeAs(before);
            int changed = 0;
            for (int k = 0; k < before.size(); k++) if (!before.get(k).equals(after.get(k))) changed++;
            assertThat(changed).isEqualTo(1);
        }

        static RawRow with(RawRow r, String column, String value) {
            Map<String, String> cells = new LinkedHashMap<>(r.cells());
            cells.put(column, value);
            return new RawRow(r.row(), cells);
        }
    }
}
