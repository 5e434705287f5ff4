package org.openets.allocation;

import java.util.List;

/** The run could not be made: every problem found, each naming its line and field. Nothing was allocated. */
public final class AllocationException extends RuntimeException {
    private final List<Problem> problems;

    public AllocationException(List<Problem> problems) {
        super(problems.size() + " problem(s): " + String.join("; ", problems.stream().limit(20).map(Problem::toString).toList())
                + (problems.size() > 20 ? "; …" : ""));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() { return problems; }
}
