package org.openets.workflows.allocation.spi;

import org.openets.workflows.allocation.AllocationViews.ComparisonRecord;
import org.openets.workflows.allocation.AllocationViews.DeductionView;
import org.openets.workflows.allocation.AllocationViews.IssuanceRecord;
import org.openets.workflows.allocation.AllocationViews.NewRun;
import org.openets.workflows.allocation.AllocationViews.RunRecord;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where allocation runs, comparisons, deductions and issuances are kept (adapters/store implements it). */
public interface AllocationStore {
    long saveRun(NewRun run);

    Optional<RunRecord> run(long id);

    /** Runs, newest first; {@code jurisdictions} null for all; {@code accountIds} non-null restricts to runs covering them. */
    List<RunRecord> runs(List<String> jurisdictions, List<Long> accountIds, int limit);

    long saveComparison(long runA, long runB, String title, String by, Instant at);

    Optional<ComparisonRecord> comparison(long id);

    List<ComparisonRecord> comparisons(List<String> jurisdictions, int limit);

    long addDeduction(String entityId, String jurisdiction, int year, long quantity, String reason, String sourceRef, String by, Instant at);

    List<DeductionView> deductions(String jurisdiction, Integer year, boolean pendingOnly);

    /**
     * Records the issuance of a run: the batch id, the deductions applied (with what each took) and the remainders
     * carried to the next year as new deductions, all in one transaction. False if the run was issued already.
     */
    boolean recordIssuance(IssuanceRecord issuance, List<AppliedDeduction> applied);

    Optional<IssuanceRecord> issuance(long runId);

    /** A deduction the issuance applied: how much it took, and what it carries to the next year. */
    record AppliedDeduction(long deductionId, long deducted, long carried, int nextYear) { }
}
