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

    /** What a reservation found. */
    enum ReservationOutcome { RESERVED, ALREADY_ISSUED, ENTITY_ALREADY_ALLOCATED, DEDUCTIONS_CHANGED }

    /** The outcome; for ENTITY_ALREADY_ALLOCATED, the other run and the entities both cover. */
    record Reservation(ReservationOutcome outcome, Long otherRun, List<String> entities) {
        public Reservation { entities = entities == null ? List.of() : List.copyOf(entities); }
    }

    /**
     * Reserves the issuance of a run, in one transaction serialised per jurisdiction and year: refused when the run
     * was issued already, when another issued run of the same jurisdiction, year and stage covers one of its entities,
     * or when one of the deductions to apply is no longer pending; otherwise records the issuance, the deductions
     * applied (with what each took) and the remainders carried to the next year as new deductions.
     */
    Reservation reserveIssuance(IssuanceRecord issuance, String jurisdiction, int year, String stage, List<AppliedDeduction> applied);

    /** Undoes a reservation whose batch the registry did not take: the issuance, the deductions applied, the carried ones. */
    void releaseIssuance(long runId);

    Optional<IssuanceRecord> issuance(long runId);

    /** The issuances of runs of a jurisdiction, year and stage: run id with its batch id and the entities it covers. */
    List<IssuedRun> issuedRuns(String jurisdiction, int year, String stage);

    /** An issued run: its batch, the entities it covers and the holding accounts they resolved to. */
    record IssuedRun(long runId, String batchId, List<String> entities, List<Long> accounts) {
        public IssuedRun { entities = List.copyOf(entities); accounts = List.copyOf(accounts); }
    }

    /** A deduction the issuance applied: how much it took, and what it carries to the next year. */
    record AppliedDeduction(long deductionId, long deducted, long carried, int nextYear) { }
}
