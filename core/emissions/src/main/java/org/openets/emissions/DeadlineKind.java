package org.openets.emissions;

/** The dated steps of a data year, each with the ruleset parameter that dates it. */
public enum DeadlineKind {
    /** The entity submits its annual report (年度排放报告). */
    REPORT(RuleParameter.DEADLINE_REPORT),
    /** The provincial authority completes verification (核查). */
    VERIFICATION(RuleParameter.DEADLINE_VERIFICATION);

    private final RuleParameter parameter;

    DeadlineKind(RuleParameter parameter) { this.parameter = parameter; }

    public RuleParameter parameter() { return parameter; }
}
