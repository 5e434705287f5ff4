package org.openets.workflows.allocation;

import java.time.Instant;
import java.util.List;

/** What the allocation use cases store and show. */
public final class AllocationViews {
    private AllocationViews() { }

    public enum Kind { ALLOCATION, WHAT_IF }

    /** A run as it is saved: its inputs exactly as given (so it can be recomputed) and its totals. */
    public record NewRun(Kind kind, String jurisdiction, String rulesetId, String rulesetName, String rulesetText, String rulesetSha256, int year,
                         String stage, String basis, List<Long> pricesFen, String populationName, String populationText, String populationSha256,
                         Long preRunId, String title, int units, long total, long free, long paid, Long emissions, List<String> unconfirmed,
                         List<RunEntity> entities, String by, Instant at) {
        public NewRun {
            pricesFen = List.copyOf(pricesFen);
            unconfirmed = List.copyOf(unconfirmed);
            entities = List.copyOf(entities);
        }
    }

    /** An entity a run covers, with the registry account it resolves to (null when none does). */
    public record RunEntity(String entityId, Long accountId, long total, long free) { }

    public record RunRecord(long id, Kind kind, String jurisdiction, String rulesetId, String rulesetName, String rulesetText, String rulesetSha256,
                            int year, String stage, String basis, List<Long> pricesFen, String populationName, String populationText,
                            String populationSha256, Long preRunId, String title, int units, long total, long free, long paid, Long emissions,
                            List<String> unconfirmed, List<RunEntity> entities, String by, Instant at) {
        public RunRecord {
            pricesFen = List.copyOf(pricesFen);
            unconfirmed = List.copyOf(unconfirmed);
            entities = List.copyOf(entities);
        }
    }

    public record ComparisonRecord(long id, long runA, long runB, String title, String by, Instant at) { }

    public record DeductionView(long id, String entityId, String jurisdiction, int year, long quantity, String reason, String sourceRef,
                                String enteredBy, Instant enteredAt, Long appliedRun, Long deducted, Long carriedTo) { }

    public record IssuanceRecord(long runId, String batchId, int lines, List<String> acknowledged, String by, Instant at) {
        public IssuanceRecord { acknowledged = List.copyOf(acknowledged); }
    }
}
