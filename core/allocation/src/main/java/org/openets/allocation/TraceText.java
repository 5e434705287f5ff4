package org.openets.allocation;

import java.util.List;
import java.util.Map;

/**
 * The sentences of a trace ({@link TraceStep}), in English, by key. <code>{0}</code>, <code>{1}</code>… stand for the
 * step's arguments; nothing else in a sentence is special (no quoting rules). The web UI's message bundles carry
 * the same keys as {@code alloc.trace.<key>}, in Chinese, filled by {@link #fill}; a test checks that every key here has
 * its Chinese sentence there, using the same placeholders.
 */
public final class TraceText {
    private TraceText() {}

    public static final Map<String, String> ENGLISH = Map.ofEntries(
            Map.entry("sum", "Σ {0} unit line(s), each rounded = {1} t"),
            Map.entry("rounding.entity", "Σ {0} unit line(s) {1} → {2} t ({3}, once per entity)"),
            Map.entry("rounding.unit", "{0} → {1} t ({2}, per unit line)"),
            Map.entry("freePaid", "{0} × {1} = {2} t free; {3} t paid (to the auction account)"),
            Map.entry("category", "fuel {0} → {1}"),
            Map.entry("category.capacity", "fuel {0}, {1} MW → {2}"),
            Map.entry("previousVerified", "previous year's verified emissions {0} t"),
            Map.entry("gasRelief.notAssessed", "no verified emissions given: relief not assessed"),
            Map.entry("gasRelief.applied", "verified emissions {0} t exceed the benchmark allowance: allowance = verified emissions"),
            Map.entry("gasRelief.none", "verified emissions {0} t within the allowance: no relief"),
            Map.entry("preAllocation", "{0} × {1} = {2}"),
            Map.entry("verified", "allowance = verified emissions {0} t"),
            Map.entry("historicalEmissions", "Σ {0} emissions {1} t × decline {2} ÷ {3} years = {4}"),
            Map.entry("historicalEmissions.dp", "Σ {0} emissions {1} t × decline {2} ÷ {3} years = {4} (to {5} dp)"),
            Map.entry("historicalIntensity", "{0} {1} × intensity {2} × decline {3} = {4}"),
            Map.entry("heatAsGeneration", "{0} GJ × {1} MWh/GJ = {2} MWh added to {3} {4} {5}"),
            Map.entry("benchmark", "{0} {1} {2} × {3} {4} = {5}"),
            Map.entry("benchmark.withHeat", "{0} MWh (with heat) × {1} {2} = {3}"),
            Map.entry("heat", "{0} GJ × {1} tCO2/GJ = {2}"),
            Map.entry("heat.none", "no heat supplied"),
            Map.entry("localAdjustment", "region {0}: × {1} = {2}"),
            Map.entry("unitTotal", "unit allowance {0}"),
            Map.entry("cooling", "{0}-cooled: × {1}"),
            Map.entry("heatRatio", "1 − {0} × {1} = {2}"),
            Map.entry("heatRatio.none", "no heat supplied: × 1"),
            Map.entry("fuelHeatValue", "× {0}"),
            Map.entry("coProcessing", "{0} t waste co-processed ≥ {1} t: × {2}"),
            Map.entry("coProcessing.none", "{0} t waste co-processed: below every band, × 1"),
            Map.entry("load.notPureCondensing", "the unit supplies heat; the load correction applies to pure-condensing units only: × 1"),
            Map.entry("load.full", "F={0} ≥ {1}: × 1"),
            Map.entry("load.high", "F={0} in [{1}, {2}): 1 + {3} × ({4} − 100F) = {5}"),
            Map.entry("load.mid", "F={0} in [{1}, {2}): {3} + {4} × ({5} − 100F) = {6}"),
            Map.entry("load.low", "F={0} < {1}: {2}^({3} − {4}F) = {2}^{5} = {6}"),
            Map.entry("load.low.dp", "F={0} < {1}: {2}^({3} − {4}F) = {2}^{5} = {6} (non-integer power, to {7} dp)"));

    /**
     * Which arguments of a sentence are words rather than numbers or codes (a fuel, a rounding mode, an output basis, a
     * cooling): a page in another language shows each in its own words, and leaves every other argument (a category
     * code, a region, a number) as it is.
     */
    public static final Map<String, java.util.Set<Integer>> TERMS = Map.of(
            "category", java.util.Set.of(0),
            "category.capacity", java.util.Set.of(0),
            "rounding.entity", java.util.Set.of(3),
            "rounding.unit", java.util.Set.of(2),
            "heatAsGeneration", java.util.Set.of(5),
            "benchmark", java.util.Set.of(2),
            "cooling", java.util.Set.of(0));

    /** {@code pattern} with each <code>{i}</code> replaced by {@code args[i]}; a placeholder without its argument is left as it is. */
    public static String fill(String pattern, List<String> args) {
        StringBuilder b = new StringBuilder(pattern.length() + 32);
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            int close = c == '{' ? pattern.indexOf('}', i) : -1;
            if (close > i + 1 && close - i <= 3 && pattern.substring(i + 1, close).chars().allMatch(Character::isDigit)) {
                int n = Integer.parseInt(pattern.substring(i + 1, close));
                if (n < args.size()) {
                    b.append(args.get(n));
                    i = close + 1;
                    continue;
                }
            }
            b.append(c);
            i++;
        }
        return b.toString();
    }
}
