package org.openets.workflows.emissions;

import org.openets.emissions.AnnualReport;
import org.openets.emissions.EntityId;
import org.openets.emissions.evidence.Attachment;
import org.openets.emissions.evidence.Seal;
import org.openets.emissions.verification.Opinion;
import org.openets.emissions.verification.OutputMetric;
import org.openets.emissions.verification.VerifierId;
import org.openets.kernel.ActorId;
import org.openets.kernel.Jurisdiction;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the emissions use cases read and answer. */
public final class EmissionsViews {
    private EmissionsViews() {}

    /** A covered entity as the platform knows it, and the registry account (if any) its representatives act on. */
    public record EntityView(EntityId id, String name, Jurisdiction jurisdiction, Long accountId) {}

    public enum ReportStatus {
        /** Saved and computed, not sealed; replaced by the next save. */
        DRAFT,
        /** Sealed; never edited. */
        SUBMITTED,
        /** Sealed, and a later submission of the same entity-year replaced it (it stays as it was). */
        SUPERSEDED
    }

    /** A document to attach: its bytes are stored once, keyed by their SHA-256. */
    public record NewAttachment(String fileName, String mediaType, byte[] content) {}

    /** The computed figures of a report, kept with it: the sums, the one rounded total and the trace as text. */
    public record Figures(String ruleset, BigDecimal fuelTonnes, BigDecimal electricityTonnes, BigDecimal processTonnes, BigDecimal exactTonnes,
                          long totalTonnes, boolean restsOnUnconfirmedValues, List<String> substitutions, List<String> trace) {
        public Figures {
            substitutions = List.copyOf(substitutions);
            trace = List.copyOf(trace);
        }
    }

    /** A stored report: its checked content, attachments, figures, and the seal once submitted. */
    public record ReportView(long id, EntityId entity, Jurisdiction jurisdiction, int year, ReportStatus status, AnnualReport report,
                             List<Attachment> attachments, Figures figures, ActorId savedBy, Instant savedAt, ActorId submittedBy,
                             Instant submittedAt, Seal seal) {
        public ReportView {
            attachments = List.copyOf(attachments);
        }
    }

    /** One line of a list of reports. */
    public record ReportSummary(long id, EntityId entity, Jurisdiction jurisdiction, int year, ReportStatus status, long totalTonnes,
                                Instant savedAt, Instant submittedAt, String sealSha256) {}

    /** A verification of an entity-year as stored: the assignment, the statement and the approval. */
    public record VerificationView(EntityId entity, Jurisdiction jurisdiction, int year, VerifierId verifier, ActorId assignedBy, Instant assignedAt,
                                   Opinion opinion, BigDecimal statedEmissions, Map<OutputMetric, BigDecimal> statedOutputs, String remarks,
                                   Long reportId, String reportSeal, ActorId issuedBy, Instant issuedAt, ActorId approvedBy, Instant approvedAt,
                                   List<FiguresVersionView> versions) {
        public VerificationView {
            statedOutputs = statedOutputs == null ? Map.of() : Map.copyOf(statedOutputs);
            versions = List.copyOf(versions);
        }

        public String status() {
            if (approvedBy != null) return "APPROVED";
            return opinion != null ? "STATEMENT_ISSUED" : "ASSIGNED";
        }
    }

    public record FiguresVersionView(int version, long emissionsTonnes, Map<OutputMetric, BigDecimal> outputs, String reason, ActorId by, Instant at) {
        public FiguresVersionView {
            outputs = Map.copyOf(outputs);
        }
    }

    /** What the seal check found wrong with one sealed report. */
    public record SealMismatch(long reportId, EntityId entity, int year, String code, String detail) {}

    /** The result of re-checking every sealed report against its stored content and attachment bytes. */
    public record SealCheck(int reportsChecked, int attachmentsChecked, List<SealMismatch> mismatches) {
        public SealCheck {
            mismatches = List.copyOf(mismatches);
        }

        public boolean clean() { return mismatches.isEmpty(); }
    }
}
