package org.openets.allocation;

import java.util.List;
import java.util.Objects;

/**
 * A unit category of a ruleset (a benchmark line, or a group under another method): which sector it belongs to,
 * how it is computed, on which output, what it does with heat and which correction factors it applies.
 * A category may change from one year to the next (industry 2024 → 2025): {@code validFrom} is the first year of this
 * version. {@code origin} is the ruleset line that declared its method.
 */
public record Category(String code, String label, String sector, Method method, OutputBasis basis, HeatMethod heat,
                       List<Factor> factors, int validFrom, String origin) {
    public Category {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(sector, "sector");
        Objects.requireNonNull(method, "method");
        heat = heat == null ? HeatMethod.NONE : heat;
        factors = List.copyOf(factors);
        label = label == null ? "" : label;
    }
}
