package org.openets.workflows.emissions;

import org.openets.emissions.Accounting;
import org.openets.emissions.AnnualReport;
import org.openets.emissions.CoveredEntity;
import org.openets.emissions.EmissionsAccount;
import org.openets.emissions.EntityId;
import org.openets.emissions.RawReport;
import org.openets.emissions.ReportCoverage;
import org.openets.emissions.ReportReader;
import org.openets.emissions.Ruleset;
import org.openets.emissions.Substitution;
import org.openets.emissions.UnitActivity;
import org.openets.emissions.ProductOutput;
import org.openets.emissions.Validation;
import org.openets.emissions.evidence.Attachment;
import org.openets.emissions.evidence.ReportSeal;
import org.openets.emissions.evidence.Seal;
import org.openets.emissions.verification.Assignment;
import org.openets.emissions.verification.ConflictOfInterest;
import org.openets.emissions.verification.ConflictPolicy;
import org.openets.emissions.verification.ConsultingLink;
import org.openets.emissions.verification.FiguresVersion;
import org.openets.emissions.verification.Finding;
import org.openets.emissions.verification.Opinion;
import org.openets.emissions.verification.Outcome;
import org.openets.emissions.verification.OutputMetric;
import org.openets.emissions.verification.Statement;
import org.openets.emissions.verification.Verification;
import org.openets.emissions.verification.VerifiedFigures;
import org.openets.emissions.verification.Verifier;
import org.openets.emissions.verification.VerifierId;
import org.openets.kernel.ActorId;
import org.openets.kernel.Jurisdiction;
import org.openets.kernel.Quantity;
import org.openets.workflows.emissions.EmissionsViews.Figures;
import org.openets.workflows.emissions.EmissionsViews.FiguresVersionView;
import org.openets.workflows.emissions.EmissionsViews.NewAttachment;
import org.openets.workflows.emissions.EmissionsViews.ReportStatus;
import org.openets.workflows.emissions.EmissionsViews.ReportView;
import org.openets.workflows.emissions.EmissionsViews.VerificationView;
import org.openets.workflows.emissions.spi.EmissionsStore;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The MRV use cases (issue 3): save a report (read and checked by {@link ReportReader}, computed by
 * {@link Accounting}; on any problem nothing is saved), submit it (sealed by {@link ReportSeal}; a submission that
 * replaces an earlier one is a correction and needs a reason), judge a stored report against its seal
 * ({@link #integrity}), assign a verifier (the {@link ConflictOfInterest} rule decides), the verifier's findings, the
 * entity's answers and the verifier's closing of them, the verifier's statement (every finding closed, unless
 * NOT_QUALIFIED), and the regulator's approval, which makes the figures final as version 1; later corrections are
 * new versions.
 *
 * <p>Who may do each step is the caller's check (the web layer knows the signed-in person); this class checks the
 * state. Refusal codes: {@code UNKNOWN_ENTITY}, {@code UNKNOWN_REPORT}, {@code UNKNOWN_VERIFIER}, {@code NO_RULESET},
 * {@code NOT_A_DRAFT}, {@code NO_SUBMITTED_REPORT}, {@code NOT_ASSIGNED}, {@code TOO_MANY_ATTACHMENTS},
 * {@code REASON_REQUIRED} (a resubmission without a reason), {@code NOT_CURRENT_SUBMISSION} (an answer pointing at a
 * report that is not the entity-year's current submission), {@code REPORT_TAMPERED} (a statement or approval over a
 * report that no longer matches its seal), and the {@link org.openets.emissions.verification.VerificationRejection}
 * names ({@code CONFLICT_OF_INTEREST} with the {@link org.openets.emissions.verification.ConflictCode} in the detail,
 * {@code INVALID_STATE}, {@code UNKNOWN_FINDING}, {@code FINDING_CLOSED}, {@code FINDING_NOT_ANSWERED},
 * {@code OPEN_FINDINGS}, ...). A report without rows, or one to be sealed that does not cover every installation and
 * month the register says ({@link ReportCoverage}), is answered {@link EmissionsResult.Incomplete}; nothing is saved.
 */
public final class EmissionsService {
    private final EmissionsStore store;
    private final Function<Jurisdiction, Ruleset> rules;
    private final ConflictOfInterest conflicts;
    private final Clock clock;
    private final ZoneId zone;

    public EmissionsService(EmissionsStore store, Function<Jurisdiction, Ruleset> rules, ConflictPolicy policy, Clock clock, ZoneId zone) {
        this.store = store;
        this.rules = rules;
        this.conflicts = new ConflictOfInterest(policy);
        this.clock = clock;
        this.zone = zone;
    }

    public EmissionsStore store() { return store; }

    // ------------------------------------------------------------------------------------------ reports

    /**
     * Reads, checks and computes the report; saves it as the entity-year's draft and, with {@code submit}, seals it.
     * Any problem in the sheets or a parameter the rules lack: every problem is answered and nothing is saved. A
     * report without rows is never saved ({@link EmissionsResult.Incomplete}, empty): it would replace the year's
     * draft with nothing. A report to be sealed must cover every installation and month the register says
     * ({@link ReportCoverage}); a draft may be incomplete.
     */
    public EmissionsResult<ReportView> save(EntityId entityId, int year, RawReport raw, List<NewAttachment> attachments, boolean submit, ActorId by) {
        return save(entityId, year, raw, attachments, submit, null, by);
    }

    /**
     * As {@link #save(EntityId, int, RawReport, List, boolean, ActorId)}; {@code reason} says why a submission
     * replaces the entity-year's earlier one, and is required then ({@code REASON_REQUIRED}, checked after the sheets
     * and before anything is saved).
     */
    public EmissionsResult<ReportView> save(EntityId entityId, int year, RawReport raw, List<NewAttachment> attachments, boolean submit, String reason,
                                            ActorId by) {
        Optional<CoveredEntity> entity = store.entity(entityId);
        if (entity.isEmpty()) return EmissionsResult.refused("UNKNOWN_ENTITY", "no covered entity " + entityId);
        if (year < 2005 || year > 2100) return EmissionsResult.refused("VALIDATION_FAILED", "year must be 2005..2100");
        if (attachments.size() > 50) return EmissionsResult.refused("TOO_MANY_ATTACHMENTS", "at most 50 attachments a report");
        Ruleset ruleset;
        try {
            ruleset = rules.apply(entity.get().jurisdiction());
        } catch (RuntimeException e) {
            return EmissionsResult.refused("NO_RULESET", "no MRV ruleset for " + entity.get().jurisdiction() + ": " + e.getMessage());
        }
        Validation<AnnualReport> read = new ReportReader(entity.get(), year, ruleset).read(raw);
        if (!read.isValid()) return new EmissionsResult.Invalid<>(read.problems());
        // an empty upload never replaces the year's draft: refused, naming what the report has to cover
        if (ReportCoverage.isEmpty(read.value())) return new EmissionsResult.Incomplete<>(true, year, ReportCoverage.gaps(entity.get(), read.value()));
        Validation<EmissionsAccount> account = new Accounting(ruleset).account(read.value());
        if (!account.isValid()) return new EmissionsResult.Invalid<>(account.problems());
        if (submit) {
            // the sheets' problems first, then what the seal needs covered, then the reason; all before anything is saved
            List<ReportCoverage.Gap> gaps = ReportCoverage.gaps(entity.get(), read.value());
            if (!gaps.isEmpty()) return new EmissionsResult.Incomplete<>(false, year, gaps);
            Optional<EmissionsResult<ReportView>> noReason = needsReason(entityId, year, reason);
            if (noReason.isPresent()) return noReason.get();
        }
        Instant at = clock.instant();
        long id = store.saveDraft(read.value(), attachments, figures(account.value()), by, at);
        if (submit) return submit(id, reason, by);
        return new EmissionsResult.Done<>(store.report(id).orElseThrow());
    }

    public EmissionsResult<ReportView> submit(long reportId, ActorId by) { return submit(reportId, null, by); }

    /**
     * Seals a draft: from now on it is never edited, and {@link #checkSeals} watches it. The draft must cover every
     * installation and month the register says ({@link ReportCoverage}; else {@link EmissionsResult.Incomplete}).
     * When the entity-year already has a submission, this one replaces it (the earlier one stays, SUPERSEDED): a
     * correction, which needs a {@code reason} ({@code REASON_REQUIRED}). A reason given for a first submission is not kept.
     */
    public EmissionsResult<ReportView> submit(long reportId, String reason, ActorId by) {
        Optional<ReportView> draft = store.report(reportId);
        if (draft.isEmpty()) return EmissionsResult.refused("UNKNOWN_REPORT", "no report " + reportId);
        if (draft.get().status() != ReportStatus.DRAFT) return EmissionsResult.refused("NOT_A_DRAFT", "report " + reportId + " is " + draft.get().status());
        Optional<CoveredEntity> entity = store.entity(draft.get().entity());
        if (entity.isEmpty()) return EmissionsResult.refused("UNKNOWN_ENTITY", "no covered entity " + draft.get().entity());
        AnnualReport report = draft.get().report();
        List<ReportCoverage.Gap> gaps = ReportCoverage.gaps(entity.get(), report);
        if (ReportCoverage.isEmpty(report) || !gaps.isEmpty())
            return new EmissionsResult.Incomplete<>(ReportCoverage.isEmpty(report), report.year(), gaps);
        Optional<EmissionsResult<ReportView>> noReason = needsReason(draft.get().entity(), draft.get().year(), reason);
        if (noReason.isPresent()) return noReason.get();
        boolean replaces = store.currentSubmission(draft.get().entity(), draft.get().year()).isPresent();
        String why = replaces && reason != null && !reason.isBlank() ? reason.strip() : null;
        Seal seal = ReportSeal.seal(draft.get().report(), draft.get().attachments());
        if (!store.seal(reportId, seal, why, by, clock.instant()))
            return EmissionsResult.refused("NOT_A_DRAFT", "report " + reportId + " was sealed meanwhile");
        return new EmissionsResult.Done<>(store.report(reportId).orElseThrow());
    }

    private Optional<EmissionsResult<ReportView>> needsReason(EntityId entity, int year, String reason) {
        if (reason != null && !reason.isBlank()) return Optional.empty();
        return store.currentSubmission(entity, year).map(current -> EmissionsResult.refused("REASON_REQUIRED", entity + " " + year
                + " was submitted as report " + current.id() + ": a corrected submission replaces it and needs a reason"));
    }

    /**
     * Judges a stored report against its seal, from what is stored now: every row that no longer reads
     * ({@code CONTENT_UNREADABLE}); for a sealed report also each attachment whose stored bytes no longer hash to its
     * key or size ({@code ATTACHMENT_ALTERED}) or are gone ({@code ATTACHMENT_MISSING}), and content that no longer
     * seals to the recorded hash ({@code SEAL_MISMATCH}, also for a seal of an unknown encoding). A draft has no
     * seal: it is UNSEALED unless a row no longer reads. Finds changes made behind the platform's back, directly in
     * the database; never fails on them.
     */
    public EmissionsViews.Integrity integrity(ReportView r) {
        List<EmissionsViews.SealMismatch> found = new ArrayList<>();
        for (String row : r.unreadable())
            found.add(new EmissionsViews.SealMismatch(r.id(), r.entity(), r.year(), "CONTENT_UNREADABLE", "no longer reads: " + row));
        if (r.seal() == null)
            return found.isEmpty() ? new EmissionsViews.Integrity(EmissionsViews.IntegrityState.UNSEALED, List.of())
                    : new EmissionsViews.Integrity(EmissionsViews.IntegrityState.TAMPERED, found);
        for (Attachment a : r.attachments()) {
            Optional<EmissionsViews.StoredDigest> stored = store.attachmentDigest(a.sha256());
            if (stored.isEmpty())
                found.add(new EmissionsViews.SealMismatch(r.id(), r.entity(), r.year(), "ATTACHMENT_MISSING", a.fileName() + " (" + a.sha256() + ") is gone"));
            else if (!stored.get().sha256().equals(a.sha256()) || stored.get().size() != a.size())
                found.add(new EmissionsViews.SealMismatch(r.id(), r.entity(), r.year(), "ATTACHMENT_ALTERED",
                        a.fileName() + ": the stored bytes (" + stored.get().size() + " bytes) no longer hash to " + a.sha256() + " (" + a.size() + " bytes)"));
        }
        if (!ReportSeal.ENCODING.equals(r.seal().encoding()))
            found.add(new EmissionsViews.SealMismatch(r.id(), r.entity(), r.year(), "SEAL_MISMATCH", "sealed with an unknown encoding '" + r.seal().encoding() + "'"));
        else {
            Seal now = ReportSeal.seal(r.report(), r.attachments());
            if (!now.sha256().equals(r.seal().sha256()))
                found.add(new EmissionsViews.SealMismatch(r.id(), r.entity(), r.year(), "SEAL_MISMATCH",
                        "sealed " + r.seal().sha256() + ", the stored content now seals to " + now.sha256()));
        }
        return new EmissionsViews.Integrity(found.isEmpty() ? EmissionsViews.IntegrityState.INTACT : EmissionsViews.IntegrityState.TAMPERED, found);
    }

    /** The seal check over every jurisdiction's reports. */
    public EmissionsViews.SealCheck checkSeals() { return checkSeals(null); }

    /**
     * Re-reads every sealed report of entities in {@code jurisdictions} (null: all) from the store and judges it
     * against its seal ({@link #integrity}): the list of every sealed report that no longer matches, and why.
     */
    public EmissionsViews.SealCheck checkSeals(java.util.Collection<Jurisdiction> jurisdictions) {
        List<EmissionsViews.SealMismatch> found = new ArrayList<>();
        int reports = 0, attachments = 0;
        for (long id : store.sealedReportIds(jurisdictions)) {
            Optional<ReportView> r;
            try {
                r = store.report(id);
            } catch (RuntimeException e) {
                // the store reads tolerantly; this is the last line, so one broken report does not hide the others
                reports++;
                found.add(new EmissionsViews.SealMismatch(id, null, 0, "CONTENT_UNREADABLE", "report " + id + " cannot be read back: " + e.getMessage()));
                continue;
            }
            if (r.isEmpty()) continue;
            reports++;
            attachments += r.get().attachments().size();
            found.addAll(integrity(r.get()).problems());
        }
        return new EmissionsViews.SealCheck(reports, attachments, found);
    }

    static Figures figures(EmissionsAccount a) {
        return new Figures(a.ruleset(), a.fuelTonnes(), a.electricityTonnes(), a.processTonnes(), a.exactTonnes(), a.total().tonnes(),
                a.trace().restsOnUnconfirmedValues(), a.trace().substitutions().stream().map(Substitution::toString).toList(), a.trace().lines());
    }

    // ------------------------------------------------------------------------------------------ verification

    /** The regulator assigns a verifier to an entity-year, if the independence rule allows it. */
    public EmissionsResult<VerificationView> assign(EntityId entityId, int year, VerifierId verifierId, ActorId by) {
        Optional<CoveredEntity> entity = store.entity(entityId);
        if (entity.isEmpty()) return EmissionsResult.refused("UNKNOWN_ENTITY", "no covered entity " + entityId);
        Optional<Verifier> verifier = store.verifier(verifierId);
        if (verifier.isEmpty()) return EmissionsResult.refused("UNKNOWN_VERIFIER", "no verifier " + verifierId);
        Instant at = clock.instant();
        Outcome o = Verification.assign(conflicts, verifier.get(), entityId, entity.get().jurisdiction(), year, store.assignments(),
                store.consultingLinks(), at, zone);
        if (o instanceof Outcome.Rejected r) return EmissionsResult.refused(r.code().name(), r.detail());
        Assignment a = ((Outcome.Accepted) o).verification().assignment();
        if (!store.assign(a, by, at))
            return EmissionsResult.refused("CONFLICT_OF_INTEREST", "ALREADY_ASSIGNED: " + entityId + " " + year + " was assigned meanwhile");
        return new EmissionsResult.Done<>(store.verification(entityId, year).orElseThrow());
    }

    /**
     * The assigned verifier's statement over the entity-year's current sealed report. {@code emissions} null takes
     * the report's computed total. The independence rule is checked again: a consulting link recorded after the
     * assignment stops the statement.
     */
    public EmissionsResult<VerificationView> issueStatement(EntityId entityId, int year, VerifierId verifierId, Opinion opinion, Long emissions,
                                                           String remarks, ActorId by) {
        Optional<VerificationView> current = store.verification(entityId, year);
        if (current.isEmpty() || !current.get().verifier().equals(verifierId))
            return EmissionsResult.refused("NOT_ASSIGNED", verifierId + " is not assigned to verify " + entityId + " " + year);
        Optional<Verifier> verifier = store.verifier(verifierId);
        Instant at = clock.instant();
        for (ConsultingLink l : store.consultingLinks())
            if (l.verifier().equals(verifierId) && l.entity().equals(entityId)
                    && conflicts.check(verifier.orElseThrow(), entityId, current.get().jurisdiction(), year, at.atZone(zone).toLocalDate(), List.of(), List.of(l)).isPresent())
                return EmissionsResult.refused("CONFLICT_OF_INTEREST", "CONSULTING_LINK: " + verifierId + " consulted for " + entityId + " (" + l.nature() + ")");
        Optional<ReportView> report = store.currentSubmission(entityId, year);
        if (report.isEmpty()) return EmissionsResult.refused("NO_SUBMITTED_REPORT", entityId + " has not submitted a report for " + year);
        EmissionsViews.Integrity integrity = integrity(report.get());
        if (integrity.tampered())
            return EmissionsResult.refused("REPORT_TAMPERED", "report " + report.get().id() + " no longer matches its seal: " + integrity.problems().getFirst().code());
        if (emissions != null && emissions < 0) return EmissionsResult.refused("VALIDATION_FAILED", "emissions must not be negative");
        VerifiedFigures figures = new VerifiedFigures(Quantity.of(emissions != null ? emissions : report.get().figures().totalTonnes()),
                outputs(report.get().report()));
        Outcome o = domain(current.get()).issueStatement(opinion, figures, remarks, by, at);
        if (o instanceof Outcome.Rejected r) return EmissionsResult.refused(r.code().name(), r.detail());
        Statement s = ((Outcome.Accepted) o).verification().statement();
        if (!store.recordStatement(entityId, year, s, report.get().id(), report.get().seal().sha256()))
            return EmissionsResult.refused("INVALID_STATE", "the statement was already issued, or a finding was raised meanwhile");
        return new EmissionsResult.Done<>(store.verification(entityId, year).orElseThrow());
    }

    /** The assigned verifier raises a finding on the entity-year, numbered after the last one. */
    public EmissionsResult<VerificationView> raiseFinding(EntityId entityId, int year, VerifierId verifierId, String text, ActorId by) {
        Optional<VerificationView> current = store.verification(entityId, year);
        if (current.isEmpty() || !current.get().verifier().equals(verifierId))
            return EmissionsResult.refused("NOT_ASSIGNED", verifierId + " is not assigned to verify " + entityId + " " + year);
        if (text == null || text.isBlank()) return EmissionsResult.refused("VALIDATION_FAILED", "a finding needs a text");
        Outcome o = domain(current.get()).raiseFinding(text.strip(), by, clock.instant());
        if (o instanceof Outcome.Rejected r) return EmissionsResult.refused(r.code().name(), r.detail());
        Finding f = ((Outcome.Accepted) o).verification().findings().getLast();
        if (!store.raiseFinding(entityId, year, f))
            return EmissionsResult.refused("INVALID_STATE", "the verification changed meanwhile (a statement, or another finding numbered " + f.number() + ")");
        return new EmissionsResult.Done<>(store.verification(entityId, year).orElseThrow());
    }

    /**
     * The entity answers a finding not closed: what it changed and, with {@code reportId}, the corrected report it
     * resubmitted, which must be the entity-year's current submission ({@code NOT_CURRENT_SUBMISSION}); another
     * entity-year's report, or none, is {@code UNKNOWN_REPORT}.
     */
    public EmissionsResult<VerificationView> answerFinding(EntityId entityId, int year, int finding, String description, Long reportId, ActorId by) {
        Optional<VerificationView> current = store.verification(entityId, year);
        if (current.isEmpty()) return EmissionsResult.refused("NOT_ASSIGNED", entityId + " " + year + " has no verification");
        if (description == null || description.isBlank()) return EmissionsResult.refused("VALIDATION_FAILED", "an answer needs a description");
        Instant at = clock.instant();
        Verification v = domain(current.get());
        // the state of the verification and the finding first, then the report it points at
        Outcome o = v.correct(finding, description.strip(), null, by, at);
        if (o instanceof Outcome.Rejected r) return EmissionsResult.refused(r.code().name(), r.detail());
        String seal = null;
        if (reportId != null) {
            Optional<ReportView> r = store.report(reportId);
            if (r.isEmpty() || !r.get().entity().equals(entityId) || r.get().year() != year)
                return EmissionsResult.refused("UNKNOWN_REPORT", "no report " + reportId + " of " + entityId + " " + year);
            if (r.get().status() != ReportStatus.SUBMITTED)
                return EmissionsResult.refused("NOT_CURRENT_SUBMISSION", "report " + reportId + " is " + r.get().status() + ", not the current submission");
            seal = r.get().seal().sha256();
            o = v.correct(finding, description.strip(), seal, by, at);
        }
        Finding.Correction c = ((Outcome.Accepted) o).verification().findings().get(finding - 1).corrections().getLast();
        if (!store.addCorrection(entityId, year, finding, c, reportId))
            return EmissionsResult.refused("INVALID_STATE", "finding " + finding + " was closed, or the statement issued, meanwhile");
        return new EmissionsResult.Done<>(store.verification(entityId, year).orElseThrow());
    }

    /** The assigned verifier closes an answered finding, with an optional note. */
    public EmissionsResult<VerificationView> closeFinding(EntityId entityId, int year, int finding, VerifierId verifierId, String note, ActorId by) {
        Optional<VerificationView> current = store.verification(entityId, year);
        if (current.isEmpty() || !current.get().verifier().equals(verifierId))
            return EmissionsResult.refused("NOT_ASSIGNED", verifierId + " is not assigned to verify " + entityId + " " + year);
        Outcome o = domain(current.get()).close(finding, note == null ? "" : note.strip(), by, clock.instant());
        if (o instanceof Outcome.Rejected r) return EmissionsResult.refused(r.code().name(), r.detail());
        Finding.Closure closure = ((Outcome.Accepted) o).verification().findings().get(finding - 1).closure();
        if (!store.closeFinding(entityId, year, finding, closure))
            return EmissionsResult.refused("INVALID_STATE", "finding " + finding + " was closed, or the statement issued, meanwhile");
        return new EmissionsResult.Done<>(store.verification(entityId, year).orElseThrow());
    }

    /** The regulator approves a qualified statement: its figures become final, version 1. */
    public EmissionsResult<VerificationView> approve(EntityId entityId, int year, ActorId by) {
        Optional<VerificationView> current = store.verification(entityId, year);
        if (current.isEmpty()) return EmissionsResult.refused("NOT_ASSIGNED", entityId + " " + year + " has no verification");
        Outcome o = domain(current.get()).approve(by, clock.instant());
        if (o instanceof Outcome.Rejected r) return EmissionsResult.refused(r.code().name(), r.detail());
        Optional<ReportView> stated = current.get().reportId() == null ? Optional.empty() : store.report(current.get().reportId());
        if (stated.isPresent() && integrity(stated.get()).tampered())
            return EmissionsResult.refused("REPORT_TAMPERED", "report " + stated.get().id() + ", which the statement is over, no longer matches its seal");
        if (!store.approve(entityId, year, ((Outcome.Accepted) o).verification().versions().getFirst()))
            return EmissionsResult.refused("INVALID_STATE", "approved meanwhile");
        return new EmissionsResult.Done<>(store.verification(entityId, year).orElseThrow());
    }

    /** A correction of final figures: a new version with its reason; the earlier versions stay as they were. */
    public EmissionsResult<VerificationView> amend(EntityId entityId, int year, long emissions, String reason, ActorId by) {
        Optional<VerificationView> current = store.verification(entityId, year);
        if (current.isEmpty()) return EmissionsResult.refused("NOT_ASSIGNED", entityId + " " + year + " has no verification");
        if (emissions < 0) return EmissionsResult.refused("VALIDATION_FAILED", "emissions must not be negative");
        Verification v = domain(current.get());
        Map<OutputMetric, BigDecimal> outputs = v.current().map(f -> f.figures().outputs()).orElse(Map.of());
        Outcome o = v.amend(new VerifiedFigures(Quantity.of(emissions), outputs), reason, by, clock.instant());
        if (o instanceof Outcome.Rejected r) return EmissionsResult.refused(r.code().name(), r.detail());
        store.appendFiguresVersion(entityId, year, ((Outcome.Accepted) o).verification().current().orElseThrow());
        return new EmissionsResult.Done<>(store.verification(entityId, year).orElseThrow());
    }

    /** The domain value of a stored verification, findings included. */
    static Verification domain(VerificationView v) {
        Statement s = v.opinion() == null ? null : new Statement(v.opinion(),
                new VerifiedFigures(Quantity.of(v.statedEmissions().longValueExact()), v.statedOutputs()), v.remarks(), v.issuedBy(), v.issuedAt());
        List<FiguresVersion> versions = new ArrayList<>();
        for (FiguresVersionView f : v.versions())
            versions.add(new FiguresVersion(f.version(), new VerifiedFigures(Quantity.of(f.emissionsTonnes()), f.outputs()), f.reason(), f.by(), f.at()));
        List<Finding> findings = new ArrayList<>();
        for (EmissionsViews.FindingView f : v.findings())
            findings.add(new Finding(f.number(), f.text(), f.raisedBy(), f.raisedAt(), f.corrections().stream()
                    .map(c -> new Finding.Correction(c.description(), c.reportSeal(), c.by(), c.at())).toList(),
                    f.closedBy() == null ? null : new Finding.Closure(f.closingNote(), f.closedBy(), f.closedAt())));
        return new Verification(new Assignment(v.verifier(), v.entity(), v.year()), v.jurisdiction(), findings, s, v.approvedBy(), v.approvedAt(), versions);
    }

    /** The year's outputs allocation reads, summed from the report's months. */
    static Map<OutputMetric, BigDecimal> outputs(AnnualReport r) {
        Map<OutputMetric, BigDecimal> m = new EnumMap<>(OutputMetric.class);
        for (UnitActivity a : r.activity()) {
            m.merge(OutputMetric.GENERATION_MWH, a.generationMwh(), BigDecimal::add);
            m.merge(OutputMetric.SUPPLY_MWH, a.supplyMwh(), BigDecimal::add);
            m.merge(OutputMetric.HEAT_SUPPLIED_GJ, a.heatSuppliedGj(), BigDecimal::add);
        }
        for (ProductOutput o : r.outputs())
            m.merge(switch (o.product()) {
                case CLINKER -> OutputMetric.CLINKER_TONNES;
                case LIQUID_ALUMINIUM -> OutputMetric.LIQUID_ALUMINIUM_TONNES;
            }, o.tonnes(), BigDecimal::add);
        return m;
    }

    /** Attachments as the seal covers them. */
    public static Attachment attachment(NewAttachment a) { return Attachment.of(a.fileName(), a.mediaType(), a.content()); }
}
