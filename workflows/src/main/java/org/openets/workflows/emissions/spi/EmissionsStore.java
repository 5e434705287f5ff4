package org.openets.workflows.emissions.spi;

import org.openets.emissions.AnnualReport;
import org.openets.emissions.CoveredEntity;
import org.openets.emissions.EntityId;
import org.openets.emissions.evidence.Seal;
import org.openets.emissions.verification.Assignment;
import org.openets.emissions.verification.ConsultingLink;
import org.openets.emissions.verification.FiguresVersion;
import org.openets.emissions.verification.Statement;
import org.openets.emissions.verification.Verifier;
import org.openets.emissions.verification.VerifierId;
import org.openets.kernel.ActorId;
import org.openets.workflows.emissions.EmissionsViews.EntityView;
import org.openets.workflows.emissions.EmissionsViews.Figures;
import org.openets.workflows.emissions.EmissionsViews.NewAttachment;
import org.openets.workflows.emissions.EmissionsViews.ReportSummary;
import org.openets.workflows.emissions.EmissionsViews.ReportView;
import org.openets.workflows.emissions.EmissionsViews.VerificationView;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: the MRV books. Reports (drafts replaced, sealed ones never edited), attachments by content hash, verifiers,
 * assignments, statements and the append-only versions of final figures. Each write is one transaction.
 */
public interface EmissionsStore {

    // ------------------------------------------------------------------ entities and verifiers

    /** The entity with its facilities and installations, every version. */
    Optional<CoveredEntity> entity(EntityId id);

    Optional<EntityView> entityView(EntityId id);

    List<EntityView> entities();

    Optional<Verifier> verifier(VerifierId id);

    /** The verification organisation a signed-in verifier works for. */
    Optional<VerifierId> verifierOf(ActorId user);

    List<ConsultingLink> consultingLinks();

    // ------------------------------------------------------------------ reports

    /**
     * Saves the entity-year's draft (replacing an earlier draft of it) with its computed figures; the attachments'
     * bytes are stored once by hash. Returns the report id.
     */
    long saveDraft(AnnualReport report, List<NewAttachment> attachments, Figures figures, ActorId by, Instant at);

    /**
     * Seals a draft: records the seal, who and when, and marks earlier sealed reports of the entity-year
     * superseded. False if the report is not a draft (any more).
     */
    boolean seal(long reportId, Seal seal, ActorId by, Instant at);

    Optional<ReportView> report(long id);

    /** The newest sealed (SUBMITTED) report of the entity-year. */
    Optional<ReportView> currentSubmission(EntityId entity, int year);

    /** Reports, newest first; {@code entities} null for every entity. */
    List<ReportSummary> reports(List<EntityId> entities, Integer year, int limit);

    /** Byte content of an attachment by its hash. */
    Optional<byte[]> attachmentContent(String sha256);

    /** Ids of every sealed report (SUBMITTED or SUPERSEDED), oldest first: what the seal check re-reads. */
    List<Long> sealedReportIds();

    // ------------------------------------------------------------------ verification

    List<Assignment> assignments();

    /**
     * Records an assignment. False if the entity-year was assigned meanwhile (the database keeps one per
     * entity-year).
     */
    boolean assign(Assignment assignment, ActorId by, Instant at);

    Optional<VerificationView> verification(EntityId entity, int year);

    /** Verifications, newest first; filtered by verifier and/or entities when not null. */
    List<VerificationView> verifications(VerifierId verifier, List<EntityId> entities, int limit);

    /** Records the statement of an assigned, not yet stated verification, over the sealed report it vouches for. */
    boolean recordStatement(EntityId entity, int year, Statement statement, long reportId, String reportSeal);

    /** Records the approval and figures version 1. */
    boolean approve(EntityId entity, int year, FiguresVersion first);

    /** Appends a later figures version (never edits an earlier one). */
    void appendFiguresVersion(EntityId entity, int year, FiguresVersion version);
}
