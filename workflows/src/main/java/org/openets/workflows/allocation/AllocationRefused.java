package org.openets.workflows.allocation;

import org.openets.allocation.Problem;

import java.util.List;

/**
 * An allocation request that cannot be carried out, with a stable code and, for bad files, every problem with its
 * line and field. Nothing was saved or proposed. Codes: {@code INVALID_RULESET}, {@code INVALID_POPULATION},
 * {@code UNKNOWN_RULESET}, {@code UNKNOWN_RUN}, {@code NOT_A_WHAT_IF}, {@code NOT_AN_ALLOCATION}, {@code BASIS_DIFFERS},
 * {@code PRE_RUN_MISMATCH}, {@code ALREADY_ISSUED}, {@code ENTITY_ALREADY_ALLOCATED}, {@code DEDUCTIONS_CHANGED}, {@code UNCONFIRMED_NOT_ACKNOWLEDGED}, {@code NO_ACCOUNT},
 * {@code NOTHING_TO_ISSUE}, {@code REGISTRY_REJECTED}, {@code INVALID_DEDUCTION}.
 */
public final class AllocationRefused extends RuntimeException {
    private final String code;
    private final List<Problem> problems;
    private final List<String> details;

    public AllocationRefused(String code, String message) { this(code, message, List.of(), List.of()); }

    public AllocationRefused(String code, String message, List<Problem> problems, List<String> details) {
        super(message);
        this.code = code;
        this.problems = List.copyOf(problems);
        this.details = List.copyOf(details);
    }

    public String code() { return code; }

    public List<Problem> problems() { return problems; }

    /** Further lines (ruleset file problems, the [U] rows to acknowledge). */
    public List<String> details() { return details; }
}
