package org.openets.emissions;

import java.util.List;

/** A ruleset file that cannot be read: every bad line, each with the file and line number. */
public final class RulesetFormatException extends IllegalArgumentException {
    private final List<String> problems;

    public RulesetFormatException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() { return problems; }
}
