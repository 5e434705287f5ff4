package org.openets.allocation;

import java.util.List;

/** A ruleset file that cannot be used: every bad line is listed ("GD-2016.tsv line 12: ..."). */
public final class RulesetFormatException extends RuntimeException {
    private final List<String> problems;

    public RulesetFormatException(String name, List<String> problems) {
        super(name + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() { return problems; }
}
