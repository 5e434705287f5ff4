package org.openets.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a population file for {@code openets allocate} (format: docs/reference/allocation-population.md) of
 * {@code units} generating units under the four categories of the national 2019–2020 power plan (CN-POWER-2019-2020),
 * {@code unitsPerEntity} units per entity:
 * <ul>
 * <li>45 % conventional coal above 300 MW (350, 600, 660, 1000 MW), 30 % conventional coal at or below 300 MW
 * (135, 200, 300 MW), 10 % unconventional coal (CFB, 135 or 300 MW), 15 % gas (180 or 390 MW);</li>
 * <li>the category column is filled on half of the units; on the other half it is blank and the ruleset matches it
 * from fuel and capacity ({@code category.match});</li>
 * <li>a quarter of the coal units and a third of the gas units supply heat (heat in GJ and a heat-supply ratio), so the
 * heat benchmark and the heat-ratio correction apply and the load correction does not (pure-condensing only);</li>
 * <li>load coefficients spread over the whole curve, 0.40 to 0.95 (the power law below 0.75, both linear pieces, and
 * 1 at 0.85 and above); a fifth of the units air-cooled;</li>
 * <li>generation from 3,000 to 6,500 full-load hours, supply 4–8 % below generation, verified emissions near the
 * benchmark (so the file also serves {@code --what-if}, and gas units exercise the gas relief);</li>
 * <li>entities in six regions, names with a comma (so quoted cells).</li>
 * </ul>
 * The same seed gives the same file.
 *
 * <p>Usage: {@code PopulationFileGenerator OUT [units=100000] [unitsPerEntity=4] [seed=20191231]}
 */
public final class PopulationFileGenerator {
    static final String HEADER = "unit_id,entity_id,entity_name,region,category,fuel,cooling,capacity_mw,generation_mwh,supply_mwh,heat_gj,heat_ratio,"
            + "load_factor,verified_emissions_t\n";
    private static final String[] REGIONS = {"GD", "JS", "SD", "NM", "HA", "SX"};

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: PopulationFileGenerator OUT [units=100000] [unitsPerEntity=4] [seed=20191231]");
            System.exit(1);
        }
        Path out = Path.of(args[0]);
        int units = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int perEntity = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 20191231L;
        long started = System.nanoTime();
        int[] mix;
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
            mix = write(w, units, perEntity, seed);
        }
        System.err.printf(Locale.ROOT, "wrote %s: %d units of %d entities (coal >300 MW %d, coal <=300 MW %d, unconventional %d, gas %d; %d supply heat, "
                        + "%d with a blank category), %.1f MB in %.1f s%n", out, units, (units + perEntity - 1) / perEntity, mix[0], mix[1], mix[2], mix[3],
                mix[4], mix[5], Files.size(out) / 1e6, (System.nanoTime() - started) / 1e9);
    }

    /** Writes the file; returns the count per category (4), of heat-supplying units and of blank categories. */
    static int[] write(Writer w, int units, int perEntity, long seed) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] mix = new int[6];
        StringBuilder b = new StringBuilder(1 << 16);
        b.append(HEADER);
        for (int u = 0; u < units; u++) {
            int e = u / perEntity;
            int pick = rnd.nextInt(100);
            String category, fuel;
            int capacity;
            int kind;
            if (pick < 45) {
                kind = 0; category = "COAL_300_PLUS"; fuel = "COAL"; capacity = new int[] {350, 600, 660, 1000}[rnd.nextInt(4)];
            } else if (pick < 75) {
                kind = 1; category = "COAL_300_AND_BELOW"; fuel = "COAL"; capacity = new int[] {135, 200, 300}[rnd.nextInt(3)];
            } else if (pick < 85) {
                kind = 2; category = "UNCONVENTIONAL_COAL"; fuel = "UNCONVENTIONAL_COAL"; capacity = rnd.nextBoolean() ? 135 : 300;
            } else {
                kind = 3; category = "GAS"; fuel = "GAS"; capacity = rnd.nextBoolean() ? 180 : 390;
            }
            mix[kind]++;
            boolean blankCategory = rnd.nextBoolean();
            if (blankCategory) mix[5]++;
            boolean heat = kind == 3 ? rnd.nextInt(3) == 0 : rnd.nextInt(4) == 0;
            if (heat) mix[4]++;
            boolean air = rnd.nextInt(5) == 0;
            double hours = 3000 + rnd.nextDouble() * 3500;
            double generation = capacity * hours;
            double supply = generation * (0.92 + rnd.nextDouble() * 0.04);
            double load = 0.40 + rnd.nextDouble() * 0.55;
            double heatGj = heat ? generation * (0.3 + rnd.nextDouble() * 1.5) : 0;
            double heatRatio = heat ? 0.05 + rnd.nextDouble() * 0.35 : 0;
            double intensity = switch (kind) {
                case 0 -> 0.80 + rnd.nextDouble() * 0.15;
                case 1 -> 0.90 + rnd.nextDouble() * 0.15;
                case 2 -> 1.05 + rnd.nextDouble() * 0.20;
                default -> 0.36 + rnd.nextDouble() * 0.08;
            };
            long verified = Math.round(supply * intensity + heatGj * (kind == 3 ? 0.06 : 0.125));
            b.append('U').append(String.format(Locale.ROOT, "%06d", u)).append(',').append(entity(e)).append(",\"Power Co. ").append(e).append(", Ltd.\",")
                    .append(REGIONS[e % REGIONS.length]).append(',').append(blankCategory ? "" : category).append(',').append(fuel).append(',')
                    .append(air ? "AIR" : "WATER").append(',').append(capacity).append(',').append(decimal(generation, 3)).append(',')
                    .append(decimal(supply, 3)).append(',').append(heat ? decimal(heatGj, 1) : "").append(',').append(heat ? decimal(heatRatio, 4) : "")
                    .append(',').append(decimal(load, 3)).append(',').append(verified).append('\n');
            if (b.length() > 1 << 15) {
                w.append(b);
                b.setLength(0);
            }
        }
        w.append(b);
        return mix;
    }

    private static String entity(int e) { return String.format(Locale.ROOT, "E%05d", e); }

    private static String decimal(double v, int decimals) { return String.format(Locale.ROOT, "%." + decimals + "f", v); }
}
