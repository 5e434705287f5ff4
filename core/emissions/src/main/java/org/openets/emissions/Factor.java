package org.openets.emissions;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One factor of a figure (NCV, CC or OF), where it came from, and the ruleset rows that decided it: for a default,
 * the default value and the rule that called for it; for a fill, the fill method and the threshold that was met;
 * nothing for a measured value.
 */
public record Factor(String name, BigDecimal value, String unit, Origin origin, List<Parameter> rule, String why) {
    public Factor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(origin, "origin");
        rule = List.copyOf(rule);
        why = why == null ? "" : why;
        if ((origin == Origin.DEFAULT || origin == Origin.FILLED) && rule.isEmpty())
            throw new IllegalArgumentException(name + ": a " + origin + " value must name the rule that set it");
    }

    public static Factor measured(String name, BigDecimal value, String unit) {
        return new Factor(name, value, unit, Origin.MEASURED, List.of(), "");
    }

    public boolean substituted() { return origin == Origin.DEFAULT || origin == Origin.FILLED; }

    @Override public String toString() {
        return name + " " + value.toPlainString() + " " + unit + " (" + origin + (why.isEmpty() ? "" : ": " + why)
                + (rule.isEmpty() ? "" : "; " + rule.stream().map(Parameter::brief).collect(Collectors.joining("; "))) + ")";
    }
}
