package org.openets.emissions.verification;

import org.openets.emissions.EntityId;
import org.openets.kernel.ActorId;
import org.openets.kernel.Jurisdiction;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The verification of one entity-year (核查), an immutable value: each step returns a new one, or a rejection.
 *
 * <p>Lifecycle: a verifier is <b>assigned</b>, if the {@link ConflictOfInterest} rule allows it; it raises
 * <b>findings</b>; the entity answers each with <b>corrections</b> (each may point at its resubmitted, re-sealed
 * report), and the verifier <b>closes</b> a finding once an answer satisfies it; it issues a <b>statement</b>
 * (qualified, qualified with remarks, or not qualified) with the figures it vouches for, once every finding is
 * closed (a not-qualified statement may leave findings unclosed: that is why it is not qualified); the regulator
 * <b>approves</b> a qualified statement, which makes its figures final as version 1.
 * After that nothing is edited: a later correction is an <b>amendment</b>, a new version with its reason.
 */
public record Verification(Assignment assignment, Jurisdiction jurisdiction, List<Finding> findings, Statement statement, ActorId approvedBy,
                           Instant approvedAt, List<FiguresVersion> versions) {
    public Verification {
        Objects.requireNonNull(assignment, "assignment");
        Objects.requireNonNull(jurisdiction, "jurisdiction");
        findings = List.copyOf(findings);
        versions = List.copyOf(versions);
    }

    public enum Status { ASSIGNED, STATEMENT_ISSUED, APPROVED }

    public Status status() {
        if (approvedBy != null) return Status.APPROVED;
        return statement != null ? Status.STATEMENT_ISSUED : Status.ASSIGNED;
    }

    /**
     * Assigns a verifier to an entity-year. {@code zone} is the jurisdiction's, to judge accreditation on the day
     * of {@code at}.
     */
    public static Outcome assign(ConflictOfInterest rule, Verifier verifier, EntityId entity, Jurisdiction jurisdiction, int year,
                                 Collection<Assignment> earlier, Collection<ConsultingLink> links, Instant at, ZoneId zone) {
        LocalDate on = at.atZone(zone).toLocalDate();
        Optional<Conflict> conflict = rule.check(verifier, entity, jurisdiction, year, on, earlier, links);
        if (conflict.isPresent()) return new Outcome.Rejected(VerificationRejection.CONFLICT_OF_INTEREST, conflict.get().toString());
        return ok(new Verification(new Assignment(verifier.id(), entity, year), jurisdiction, List.of(), null, null, null, List.of()));
    }

    /** The verifier raises a finding, numbered after the last one. */
    public Outcome raiseFinding(String text, ActorId by, Instant at) {
        if (status() != Status.ASSIGNED) return reject(VerificationRejection.INVALID_STATE, "findings are raised before the statement");
        List<Finding> next = new ArrayList<>(findings);
        next.add(Finding.raised(findings.size() + 1, text, by, at));
        return ok(new Verification(assignment, jurisdiction, next, null, null, null, List.of()));
    }

    /**
     * The entity answers a finding: what it changed and, if it resubmitted, the corrected report's seal. A finding
     * not yet closed may be answered again; each answer is kept.
     */
    public Outcome correct(int finding, String description, String correctedReportSeal, ActorId by, Instant at) {
        if (status() != Status.ASSIGNED) return reject(VerificationRejection.INVALID_STATE, "corrections are made before the statement");
        if (finding < 1 || finding > findings.size()) return reject(VerificationRejection.UNKNOWN_FINDING, "no finding " + finding);
        Finding f = findings.get(finding - 1);
        if (f.isClosed()) return reject(VerificationRejection.FINDING_CLOSED, "finding " + finding + " was closed at " + f.closure().at());
        List<Finding> next = new ArrayList<>(findings);
        next.set(finding - 1, f.answered(new Finding.Correction(description, correctedReportSeal, by, at)));
        return ok(new Verification(assignment, jurisdiction, next, null, null, null, List.of()));
    }

    /** The verifier closes an answered finding: the answer satisfies it. */
    public Outcome close(int finding, String note, ActorId by, Instant at) {
        if (status() != Status.ASSIGNED) return reject(VerificationRejection.INVALID_STATE, "findings are closed before the statement");
        if (finding < 1 || finding > findings.size()) return reject(VerificationRejection.UNKNOWN_FINDING, "no finding " + finding);
        Finding f = findings.get(finding - 1);
        if (f.isClosed()) return reject(VerificationRejection.FINDING_CLOSED, "finding " + finding + " was closed at " + f.closure().at());
        if (f.corrections().isEmpty()) return reject(VerificationRejection.FINDING_NOT_ANSWERED, "finding " + finding + " has no answer from the entity yet");
        List<Finding> next = new ArrayList<>(findings);
        next.set(finding - 1, f.closed(new Finding.Closure(note, by, at)));
        return ok(new Verification(assignment, jurisdiction, next, null, null, null, List.of()));
    }

    public Outcome issueStatement(Opinion opinion, VerifiedFigures figures, String remarks, ActorId by, Instant at) {
        if (status() != Status.ASSIGNED) return reject(VerificationRejection.INVALID_STATE, "the statement was already issued");
        long open = findings.stream().filter(f -> !f.isClosed()).count();
        if (open > 0 && opinion != Opinion.NOT_QUALIFIED)
            return reject(VerificationRejection.OPEN_FINDINGS, open + " finding(s) not closed; close them or state NOT_QUALIFIED");
        if (opinion != Opinion.QUALIFIED && (remarks == null || remarks.isBlank()))
            return reject(VerificationRejection.REMARKS_REQUIRED, opinion + " needs remarks");
        return ok(new Verification(assignment, jurisdiction, findings, new Statement(opinion, figures, remarks, by, at), null, null, List.of()));
    }

    /** The regulator approves the statement; its figures become final as version 1. */
    public Outcome approve(ActorId regulator, Instant at) {
        if (status() != Status.STATEMENT_ISSUED) return reject(VerificationRejection.INVALID_STATE, "only an issued, unapproved statement is approved");
        if (statement.opinion() == Opinion.NOT_QUALIFIED) return reject(VerificationRejection.NOT_QUALIFIED, "a not-qualified statement cannot be final");
        FiguresVersion v1 = new FiguresVersion(1, statement.figures(), "approved " + statement.opinion() + " statement", regulator, at);
        return ok(new Verification(assignment, jurisdiction, findings, statement, regulator, at, List.of(v1)));
    }

    /** A correction of final figures: a new version with its reason; the earlier versions stay. */
    public Outcome amend(VerifiedFigures figures, String reason, ActorId by, Instant at) {
        if (status() != Status.APPROVED) return reject(VerificationRejection.INVALID_STATE, "only final figures are amended");
        if (reason == null || reason.isBlank()) return reject(VerificationRejection.REASON_REQUIRED, "an amendment needs a reason");
        List<FiguresVersion> next = new ArrayList<>(versions);
        next.add(new FiguresVersion(versions.size() + 1, figures, reason, by, at));
        return ok(new Verification(assignment, jurisdiction, findings, statement, approvedBy, approvedAt, next));
    }

    /** The final figures as they stand now: the last version; empty before approval. */
    public Optional<FiguresVersion> current() {
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.getLast());
    }

    private static Outcome ok(Verification v) { return new Outcome.Accepted(v); }

    private static Outcome reject(VerificationRejection code, String detail) { return new Outcome.Rejected(code, detail); }
}
