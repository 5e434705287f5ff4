package org.openets.workflows.emissions.spi;

import org.openets.emissions.AnnualReport;
import org.openets.emissions.CoveredEntity;
import org.openets.emissions.EntityId;
import org.openets.emissions.FacilityId;
import org.openets.emissions.Installation;
import org.openets.emissions.InstallationId;
import org.openets.emissions.InstallationVersion;
import org.openets.emissions.evidence.Seal;
import org.openets.emissions.verification.Assignment;
import org.openets.emissions.verification.ConsultingLink;
import org.openets.emissions.verification.FiguresVersion;
import org.openets.emissions.verification.Finding;
import org.openets.emissions.verification.Statement;
import org.openets.emissions.verification.Verifier;
import org.openets.emissions.verification.VerifierId;
import org.openets.kernel.ActorId;
import org.openets.kernel.Jurisdiction;
import org.openets.workflows.emissions.EmissionsViews.ConsultingLinkView;
import org.openets.workflows.emissions.EmissionsViews.EntityRecords;
import org.openets.workflows.emissions.EmissionsViews.EntityView;
import org.openets.workflows.emissions.EmissionsViews.Figures;
import org.openets.workflows.emissions.EmissionsViews.NewAttachment;
import org.openets.workflows.emissions.EmissionsViews.ReportSummary;
import org.openets.workflows.emissions.EmissionsViews.ReportView;
import org.openets.workflows.emissions.EmissionsViews.StoredDigest;
import org.openets.workflows.emissions.EmissionsViews.VerificationView;
import org.openets.workflows.emissions.EmissionsViews.VerifierView;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Port: the MRV books. The register of entities, installations (versions appended, never edited) and verifiers; reports (drafts replaced, sealed ones never edited), attachments by content hash, verifiers,
 * assignments, findings with the entity's corrections, statements and the append-only versions of final figures.
 * Each write is one transaction. Reading a report never fails on rows changed behind the platform's back: what no
 * longer reads is named in {@link ReportView#unreadable()}.
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

    // ------------------------------------------------------------------ the register (名录)

    /**
     * Records a covered entity, without facilities yet, linked to the registry account {@code entity.accountId()}.
     * False, and nothing written, if the id is taken or the account is linked to another entity already.
     */
    boolean defineEntity(EntityView entity, ActorId by, Instant at);

    /** Adds a facility to an entity. False, and nothing written, if the entity has a facility of that id. */
    boolean addFacility(EntityId entity, FacilityId facility, String name, ActorId by, Instant at);

    /**
     * Adds an installation with its versions under a facility of the entity, in one transaction. False, and nothing
     * written, if the entity has an installation of that id (in any facility).
     */
    boolean addInstallation(EntityId entity, FacilityId facility, Installation installation, ActorId by, Instant at);

    /**
     * Appends a version to an installation if it starts after the installation's last version, checked under a lock on
     * the installation so two appends never both pass. False, and nothing written, otherwise. Earlier versions are
     * never changed.
     */
    boolean appendVersion(EntityId entity, InstallationId installation, InstallationVersion version, ActorId by, Instant at);

    /** Who recorded the entity and each of its parts, and when; empty for an unknown entity. */
    Optional<EntityRecords> records(EntityId entity);

    /** Records a verifier organisation. False, and nothing written, if the id is taken. */
    boolean addVerifier(Verifier verifier, ActorId by, Instant at);

    /** Every verifier organisation, by id. */
    List<VerifierView> verifiers();

    /** Records a consulting link; returns its number. */
    long addConsultingLink(ConsultingLink link, ActorId by, Instant at);

    /** Every consulting link in the order recorded, with its number and who recorded it. */
    List<ConsultingLinkView> consultingLinkViews();

    // ------------------------------------------------------------------ reports

    /**
     * Saves the entity-year's draft (replacing an earlier draft of it) with its computed figures; the attachments'
     * bytes are stored once by hash. Returns the report id.
     */
    long saveDraft(AnnualReport report, List<NewAttachment> attachments, Figures figures, ActorId by, Instant at);

    /**
     * Seals a draft: records the seal, who and when, and marks earlier sealed reports of the entity-year
     * superseded; {@code correctionReason} says why it replaces them (null for a first submission). False if the
     * report is not a draft (any more).
     */
    boolean seal(long reportId, Seal seal, String correctionReason, ActorId by, Instant at);

    Optional<ReportView> report(long id);

    /** The newest sealed (SUBMITTED) report of the entity-year. */
    Optional<ReportView> currentSubmission(EntityId entity, int year);

    /** Reports, newest first; {@code entities} null for every entity. */
    List<ReportSummary> reports(List<EntityId> entities, Integer year, int limit);

    /** Byte content of an attachment by its hash. */
    Optional<byte[]> attachmentContent(String sha256);

    /**
     * The SHA-256 and size of an attachment's stored bytes, computed where they are stored (so a seal check need not
     * fetch them); empty when the bytes are gone.
     */
    Optional<StoredDigest> attachmentDigest(String sha256);

    /**
     * Ids of every sealed report (SUBMITTED or SUPERSEDED), oldest first: what the seal check re-reads. Only the
     * reports of entities in {@code jurisdictions} (the entity's jurisdiction, not the report row's); null for all.
     */
    List<Long> sealedReportIds(Collection<Jurisdiction> jurisdictions);

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

    /**
     * Records the statement of an assigned, not yet stated verification, over the sealed report it vouches for.
     * False if it was stated meanwhile, or (unless NOT_QUALIFIED) a finding not closed was raised meanwhile.
     */
    boolean recordStatement(EntityId entity, int year, Statement statement, long reportId, String reportSeal);

    /** Records a finding of a verification not yet stated, under its number. False if stated meanwhile or the number is taken. */
    boolean raiseFinding(EntityId entity, int year, Finding finding);

    /**
     * Appends the entity's answer to a finding not closed, of a verification not yet stated; {@code reportId} is the
     * corrected report (or null). False if the finding was closed or the verification stated meanwhile.
     */
    boolean addCorrection(EntityId entity, int year, int finding, Finding.Correction correction, Long reportId);

    /** Closes an answered finding of a verification not yet stated. False if closed or stated meanwhile. */
    boolean closeFinding(EntityId entity, int year, int finding, Finding.Closure closure);

    /** Records the approval and figures version 1. */
    boolean approve(EntityId entity, int year, FiguresVersion first);

    /** Appends a later figures version (never edits an earlier one). */
    void appendFiguresVersion(EntityId entity, int year, FiguresVersion version);
}
