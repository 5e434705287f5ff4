package org.openets.workflows.emissions;

import org.openets.emissions.Accounting;
import org.openets.emissions.AnnualReport;
import org.openets.emissions.CoveredEntity;
import org.openets.emissions.EmissionsAccount;
import org.openets.emissions.EntityId;
import org.openets.emissions.RawReport;
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
 * {@link Accounting}; on any problem nothing is saved), submit it (sealed by {@link ReportSeal}), assign a verifier
 * (the {@link ConflictOfInterest} rule decides), record the verifier's statement, and the regulator's approval, which
 * makes the figures final as version 1; later corrections are new versions.
 *
 * <p>Who may do each step is the caller's check (the web layer knows the signed-in person); this class checks the
 * state. Refusal codes: {@code UNKNOWN_ENTITY}, {@code UNKNOWN_REPORT}, {@code UNKNOWN_VERIFIER}, {@code NO_RULESET},
 * {@code NOT_A_DRAFT}, {@code NO_SUBMITTED_REPORT}, {@code NOT_ASSIGNED}, {@code TOO_MANY_ATTACHMENTS}, and the
 * {@link org.openets.emissions.verification.VerificationRejection} names ({@code CONFLICT_OF_INTEREST} with the
 * {@link org.openets.emissions.verification.ConflictCode} in the detail, {@code INVALID_STATE}, ...).
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
     * Any problem in the sheets or a parameter the rules lack: every problem is answered and nothing is saved.
     */
    public EmissionsResult<ReportView> save(EntityId entityId, int year, RawReport raw, List<NewAttachment> attachments, boolean submit, ActorId by) {
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
        Validation<EmissionsAccount> account = new Accounting(ruleset).account(read.value());
        if (!account.isValid()) return new EmissionsResult.Invalid<>(account.problems());
        Instant at = clock.instant();
        long id = store.saveDraft(read.value(), attachments, figures(account.value()), by, at);
        if (submit) return submit(id, by);
        return new EmissionsResult.Done<>(store.report(id).orElseThrow());
    }

    /** Seals a draft: from now on it is never edited, and {@link EmissionsStore#checkSeals()} watches it. */
    public EmissionsResult<ReportView> submit(long reportId, ActorId by) {
        Optional<ReportView> draft = store.report(reportId);
        if (draft.isEmpty()) return EmissionsResult.refused("UNKNOWN_REPORT", "no report " + reportId);
        if (draft.get().status() != ReportStatus.DRAFT) return EmissionsResult.refused("NOT_A_DRAFT", "report " + reportId + " is " + draft.get().status());
        Seal seal = ReportSeal.seal(draft.get().report(), draft.get().attachments());
        if (!store.seal(reportId, seal, by, clock.instant())) return EmissionsResult.refused("NOT_A_DRAFT", "report " + reportId + " was sealed meanwhile");
        return new EmissionsResult.Done<>(store.report(reportId).orElseThrow());
    }

    /**
     * Re-reads every sealed report from the store (its rows and its attachments' bytes) and recomputes its seal: an
     * attachment whose bytes no longer hash to its key ({@code ATTACHMENT_ALTERED}) or are gone
     * ({@code ATTACHMENT_MISSING}), content that no longer seals to the recorded hash ({@code SEAL_MISMATCH}), or
     * rows that no longer make a report at all ({@code CONTENT_UNREADABLE}). Finds changes made behind the
     * platform's back, directly in the database.
     */
    public EmissionsViews.SealCheck checkSeals() {
        List<EmissionsViews.SealMismatch> found = new ArrayList<>();
        int reports = 0, attachments = 0;
        for (long id : store.sealedReportIds()) {
            reports++;
            ReportView r;
            try {
                r = store.report(id).orElseThrow();
            } catch (RuntimeException e) {
                found.add(new EmissionsViews.SealMismatch(id, null, 0, "CONTENT_UNREADABLE", "report " + id + " cannot be read back: " + e.getMessage()));
                continue;
            }
            for (Attachment a : r.attachments()) {
                attachments++;
                Optional<byte[]> bytes = store.attachmentContent(a.sha256());
                if (bytes.isEmpty())
                    found.add(new EmissionsViews.SealMismatch(id, r.entity(), r.year(), "ATTACHMENT_MISSING", a.fileName() + " (" + a.sha256() + ") is gone"));
                else if (!a.matches(bytes.get()))
                    found.add(new EmissionsViews.SealMismatch(id, r.entity(), r.year(), "ATTACHMENT_ALTERED",
                            a.fileName() + ": the stored bytes no longer hash to " + a.sha256()));
            }
            Seal now = ReportSeal.seal(r.report(), r.attachments());
            if (!now.sha256().equals(r.seal().sha256()))
                found.add(new EmissionsViews.SealMismatch(id, r.entity(), r.year(), "SEAL_MISMATCH",
                        "sealed " + r.seal().sha256() + ", the stored content now seals to " + now.sha256()));
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
        if (emissions != null && emissions < 0) return EmissionsResult.refused("VALIDATION_FAILED", "emissions must not be negative");
        VerifiedFigures figures = new VerifiedFigures(Quantity.of(emissions != null ? emissions : report.get().figures().totalTonnes()),
                outputs(report.get().report()));
        Outcome o = domain(current.get()).issueStatement(opinion, figures, remarks, by, at);
        if (o instanceof Outcome.Rejected r) return EmissionsResult.refused(r.code().name(), r.detail());
        Statement s = ((Outcome.Accepted) o).verification().statement();
        if (!store.recordStatement(entityId, year, s, report.get().id(), report.get().seal().sha256()))
            return EmissionsResult.refused("INVALID_STATE", "the statement was already issued");
        return new EmissionsResult.Done<>(store.verification(entityId, year).orElseThrow());
    }

    /** The regulator approves a qualified statement: its figures become final, version 1. */
    public EmissionsResult<VerificationView> approve(EntityId entityId, int year, ActorId by) {
        Optional<VerificationView> current = store.verification(entityId, year);
        if (current.isEmpty()) return EmissionsResult.refused("NOT_ASSIGNED", entityId + " " + year + " has no verification");
        Outcome o = domain(current.get()).approve(by, clock.instant());
        if (o instanceof Outcome.Rejected r) return EmissionsResult.refused(r.code().name(), r.detail());
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

    /** The domain value of a stored verification (findings are not stored yet). */
    static Verification domain(VerificationView v) {
        Statement s = v.opinion() == null ? null : new Statement(v.opinion(),
                new VerifiedFigures(Quantity.of(v.statedEmissions().longValueExact()), v.statedOutputs()), v.remarks(), v.issuedBy(), v.issuedAt());
        List<FiguresVersion> versions = new ArrayList<>();
        for (FiguresVersionView f : v.versions())
            versions.add(new FiguresVersion(f.version(), new VerifiedFigures(Quantity.of(f.emissionsTonnes()), f.outputs()), f.reason(), f.by(), f.at()));
        return new Verification(new Assignment(v.verifier(), v.entity(), v.year()), v.jurisdiction(), List.of(), s, v.approvedBy(), v.approvedAt(), versions);
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
