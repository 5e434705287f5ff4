package org.openets.emissions.verification;

/** The verifier's conclusion on a report (核查结论). */
public enum Opinion {
    /** 符合要求: the report is right. */
    QUALIFIED,
    /** Right, with remarks the regulator should read (e.g. defaults applied, a meter replaced mid-year). */
    QUALIFIED_WITH_REMARKS,
    /** 不符合要求: the report cannot be relied on; the figures cannot become final. */
    NOT_QUALIFIED
}
