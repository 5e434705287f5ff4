package org.openets.emissions;

import java.util.List;

/**
 * How a year's figure was made, for the entity, the verifier and the regulator: every ruleset row used (each with
 * its value, unit, confidence, data years, file line and source), every substitution of a measurement (defaults and
 * fills, by installation, fuel, month and factor), and a line of text per step. Rows marked [U] are listed apart,
 * because a figure resting on an unconfirmed value must not pass for final.
 */
public record Trace(List<Parameter> parameters, List<Substitution> substitutions, List<String> lines) {
    public Trace {
        parameters = List.copyOf(parameters);
        substitutions = List.copyOf(substitutions);
        lines = lines instanceof TraceLines ? lines : List.copyOf(lines); // worded when read, see TraceLines
    }

    public List<Substitution> defaultsApplied() {
        return substitutions.stream().filter(s -> s.origin() == Origin.DEFAULT).toList();
    }

    public List<Parameter> unconfirmed() {
        return parameters.stream().filter(Parameter::isUnconfirmed).toList();
    }

    public boolean restsOnUnconfirmedValues() { return !unconfirmed().isEmpty(); }

    public String text() { return String.join("\n", lines); }
}
