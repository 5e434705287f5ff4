package org.openets.emissions;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A value that stood in for a measurement: a default (high) value or a fill, on one installation, fuel, month and
 * factor, with the ruleset rows that called for it and why.
 */
public record Substitution(InstallationId unit, int month, FuelType fuel, String factor, Origin origin, BigDecimal value, List<Parameter> rule,
                           String why) {
    public Substitution {
        rule = List.copyOf(rule);
    }

    @Override public String toString() {
        return origin + " " + factor + " = " + value.toPlainString() + " for unit " + unit + ", month " + month + ", fuel " + fuel + " (" + why + "; "
                + rule.stream().map(Parameter::key).collect(Collectors.joining(", ")) + ")";
    }
}
