package org.openets.registrylog;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one run of the log did. {@code fromSeq} is the last seq checked before the run (-1 before the first),
 * {@code throughSeq} and {@code headHash} the checkpoint after it. {@code findings} are the findings new in this
 * run (the ones appended to the store); {@code discrepancies} are all balance mismatches open after it, including
 * ones reported by earlier runs. {@code stoppedAccounts} are the accounts handed to the stopper.
 */
public record CheckReport(Instant ranAt, long fromSeq, long throughSeq, String headHash, int entriesChecked,
                          List<Finding> findings, List<Discrepancy> discrepancies, Set<Long> stoppedAccounts) {
    public CheckReport {
        findings = List.copyOf(findings);
        discrepancies = List.copyOf(discrepancies);
        stoppedAccounts = Collections.unmodifiableSet(new TreeSet<>(stoppedAccounts));
    }

    /** Nothing new was found and the books agree with the registry's holdings. */
    public boolean clean() { return findings.isEmpty() && discrepancies.isEmpty(); }

    public List<Finding> findings(FindingCode code) { return findings.stream().filter(f -> f.code() == code).toList(); }
}
