package org.openets.workflows.emissions;

import org.openets.emissions.AnnualReport;
import org.openets.emissions.EntityId;
import org.openets.emissions.FacilityId;
import org.openets.emissions.InstallationId;
import org.openets.emissions.evidence.Attachment;
import org.openets.emissions.evidence.Seal;
import org.openets.emissions.verification.Finding;
import org.openets.emissions.verification.Opinion;
import org.openets.emissions.verification.OutputMetric;
import org.openets.emissions.verification.ConsultingLink;
import org.openets.emissions.verification.Verifier;
import org.openets.emissions.verification.VerifierId;
import org.openets.kernel.ActorId;
import org.openets.kernel.Jurisdiction;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** What the emissions use cases read and answer. */
public final class EmissionsViews {
    private EmissionsViews() {}

    /** A covered entity as the platform knows it, and the registry account (if any) its representatives act on. */
    public record EntityView(EntityId id, String name, Jurisdiction jurisdiction, Long accountId) {}

    /**
     * Who recorded something in the register ({@link MrvRegister}) and when. Both are null for what was recorded before
     * the platform kept them (migration V16) or by code at set-up, such as the demo's entities.
     */
    public record Recorded(ActorId by, Instant at) {
        public static final Recorded UNKNOWN = new Recorded(null, null);
    }

    /**
     * Who recorded a registered entity and each of its facilities, installations and installation versions (by the
     * version's {@code validFrom}); what is missing from a map was recorded before V16.
     */
    public record EntityRecords(Recorded entity, Map<FacilityId, Recorded> facilities, Map<InstallationId, Recorded> installations,
                                Map<InstallationId, Map<LocalDate, Recorded>> versions) {
        public EntityRecords {
            facilities = Map.copyOf(facilities);
            installations = Map.copyOf(installations);
            Map<InstallationId, Map<LocalDate, Recorded>> copy = new java.util.HashMap<>();
            versions.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
            versions = Map.copyOf(copy);
        }

        public Recorded version(InstallationId installation, LocalDate validFrom) {
            return versions.getOrDefault(installation, Map.of()).getOrDefault(validFrom, Recorded.UNKNOWN);
        }
    }

    /** An accredited verification organisation (核查机构) as the register holds it. */
    public record VerifierView(Verifier verifier, Recorded recorded) {}

    /** A recorded consulting link between a verifier and an entity, under its own number. */
    public record ConsultingLinkView(long id, ConsultingLink link, Recorded recorded) {}

    /**
     * What a register command answers: the thing as recorded, and whether this call recorded it ({@code created}) or
     * found it recorded already with the same content (a retry).
     */
    public record Registered<T>(T value, boolean created) {}

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

    /**
     * A stored report: its checked content, attachments, figures, and the seal once submitted. {@code
     * correctionReason} is why a submission replaced an earlier one of the entity-year (null for a first
     * submission). {@code unreadable} names the stored rows that no longer make a report (changed behind the
     * platform's back): they are left out of {@code report} and {@code attachments}, and make the report tampered.
     */
    public record ReportView(long id, EntityId entity, Jurisdiction jurisdiction, int year, ReportStatus status, AnnualReport report,
                             List<Attachment> attachments, Figures figures, ActorId savedBy, Instant savedAt, ActorId submittedBy,
                             Instant submittedAt, Seal seal, String correctionReason, List<String> unreadable) {
        public ReportView {
            attachments = List.copyOf(attachments);
            unreadable = List.copyOf(unreadable);
        }
    }

    /** Whether a report is still what it was sealed as, judged each time it is read. */
    public enum IntegrityState {
        /** A draft: there is no seal to judge against. */
        UNSEALED,
        /** The stored rows and attachment bytes still seal to the recorded hash. */
        INTACT,
        /** Something changed after sealing: see the problems. */
        TAMPERED
    }

    /**
     * The judgement of one report against its seal. Problem codes: {@code SEAL_MISMATCH}, {@code ATTACHMENT_ALTERED},
     * {@code ATTACHMENT_MISSING}, {@code CONTENT_UNREADABLE} (see {@link EmissionsService#integrity}).
     */
    public record Integrity(IntegrityState state, List<SealMismatch> problems) {
        public Integrity {
            problems = List.copyOf(problems);
            if ((state == IntegrityState.TAMPERED) == problems.isEmpty()) throw new IllegalArgumentException("tampered if and only if a problem was found");
        }

        public boolean tampered() { return state == IntegrityState.TAMPERED; }
    }

    /** The SHA-256 and size of an attachment's stored bytes, as computed where they are stored. */
    public record StoredDigest(String sha256, long size) {}

    /** One line of a list of reports. */
    public record ReportSummary(long id, EntityId entity, Jurisdiction jurisdiction, int year, ReportStatus status, long totalTonnes,
                                Instant savedAt, Instant submittedAt, String sealSha256) {}

    /** A verification of an entity-year as stored: the assignment, the findings, the statement and the approval. */
    public record VerificationView(EntityId entity, Jurisdiction jurisdiction, int year, VerifierId verifier, ActorId assignedBy, Instant assignedAt,
                                   Opinion opinion, BigDecimal statedEmissions, Map<OutputMetric, BigDecimal> statedOutputs, String remarks,
                                   Long reportId, String reportSeal, ActorId issuedBy, Instant issuedAt, ActorId approvedBy, Instant approvedAt,
                                   List<FiguresVersionView> versions, List<FindingView> findings) {
        public VerificationView {
            statedOutputs = statedOutputs == null ? Map.of() : Map.copyOf(statedOutputs);
            versions = List.copyOf(versions);
            findings = List.copyOf(findings);
        }

        /** Findings not closed yet (open or answered): while there are any, only a NOT_QUALIFIED statement may be issued. */
        public long unclosedFindings() { return findings.stream().filter(f -> f.closedBy() == null).count(); }

        public String status() {
            if (approvedBy != null) return "APPROVED";
            return opinion != null ? "STATEMENT_ISSUED" : "ASSIGNED";
        }
    }

    /** A finding as stored: the verifier's text, the entity's answers in order, and the verifier's closing. */
    public record FindingView(int number, String text, ActorId raisedBy, Instant raisedAt, List<CorrectionView> corrections, String closingNote,
                              ActorId closedBy, Instant closedAt) {
        public FindingView {
            corrections = List.copyOf(corrections);
        }

        /** OPEN, ANSWERED or CLOSED, as {@link Finding.State}. */
        public Finding.State state() {
            if (closedBy != null) return Finding.State.CLOSED;
            return corrections.isEmpty() ? Finding.State.OPEN : Finding.State.ANSWERED;
        }
    }

    /** One answer of the entity to a finding; {@code reportId} and {@code reportSeal} name the corrected report, if any. */
    public record CorrectionView(int seq, String description, Long reportId, String reportSeal, ActorId by, Instant at) {}

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
