package org.openets.emissions.verification;

import org.openets.kernel.Quantity;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** The figures a verification settles: emissions in whole tonnes CO2 and the outputs allocation needs. */
public record VerifiedFigures(Quantity emissions, Map<OutputMetric, BigDecimal> outputs) {
    public VerifiedFigures {
        Objects.requireNonNull(emissions, "emissions");
        for (BigDecimal v : outputs.values())
            if (v == null || v.signum() < 0) throw new IllegalArgumentException("outputs must not be negative");
        outputs = java.util.Collections.unmodifiableMap(new TreeMap<>(outputs));
    }
}
