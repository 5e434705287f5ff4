package org.openets.web.desk;

import org.openets.emissions.EntityId;
import org.openets.emissions.RawReport;
import org.openets.emissions.RawRow;
import org.openets.emissions.verification.Opinion;
import org.openets.emissions.verification.VerifierId;
import org.openets.kernel.Jurisdiction;
import org.openets.registry.Role;
import org.openets.web.Problem;
import org.openets.web.security.Permissions;
import org.openets.web.security.Refusals;
import org.openets.web.sheets.ReportSheets;
import org.openets.workflows.emissions.EmissionsResult;
import org.openets.workflows.emissions.EmissionsService;
import org.openets.workflows.emissions.EmissionsViews.EntityView;
import org.openets.workflows.emissions.EmissionsViews.FiguresVersionView;
import org.openets.workflows.emissions.EmissionsViews.Integrity;
import org.openets.workflows.emissions.EmissionsViews.NewAttachment;
import org.openets.workflows.emissions.EmissionsViews.ReportSummary;
import org.openets.workflows.emissions.EmissionsViews.ReportView;
import org.openets.workflows.emissions.EmissionsViews.SealCheck;
import org.openets.workflows.emissions.EmissionsViews.VerificationView;
import org.openets.workflows.emissions.spi.EmissionsStore;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The MRV desk: who may see and do what on reports and verifications, before {@link EmissionsService} acts.
 * <ul>
 * <li>an entity's representatives (of the registry account the entity is linked to) read its reports; those with
 * the initiator role save and submit them;</li>
 * <li>a verifier (platform user of kind VERIFIER) reads the reports and verifications of the entity-years its
 * organisation is assigned, raises and closes findings on them, and states on them;</li>
 * <li>the entity's representatives with the initiator or approver role answer the findings;</li>
 * <li>the regulator (the administrators of the entity's jurisdiction) reads its jurisdiction's, assigns verifiers,
 * approves and amends; auditors read everything and change nothing.</li>
 * </ul>
 * Refusals are 403 (or 409 for a conflict of interest) with a stable code, recorded for the auditors.
 */
@Component
public class EmissionsDesk {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-]{0,39}");

    private final EmissionsService service;
    private final EmissionsStore store;
    private final Refusals refusals;

    public EmissionsDesk(EmissionsService service, Refusals refusals, org.openets.workflows.registry.spi.RegistryReadModel registry) {
        this.service = service;
        this.store = service.store();
        this.refusals = refusals;
        this.registry = registry;
    }

    private final org.openets.workflows.registry.spi.RegistryReadModel registry;

    // ---------------------------------------------------------------------------------------------- who may

    boolean represents(Permissions p, EntityView e) { return e.accountId() != null && p.represented().containsKey(e.accountId()); }

    boolean regulates(Permissions p, EntityView e) { return p.administers(e.jurisdiction()); }

    Optional<VerifierId> verifier(Permissions p) {
        return p.isVerifier() && ID.matcher(p.verifier()).matches() ? Optional.of(VerifierId.of(p.verifier())) : Optional.empty();
    }

    boolean assignedTo(Permissions p, EntityId entity, int year) {
        Optional<VerifierId> v = verifier(p);
        return v.isPresent() && store.verification(entity, year).map(x -> x.verifier().equals(v.get())).orElse(false);
    }

    boolean mayRead(Permissions p, EntityView e, int year) {
        return p.signedIn() && (p.auditor() || regulates(p, e) || represents(p, e) || assignedTo(p, e.id(), year));
    }

    /** The entities whose reports the person may list; null for every entity (auditors). */
    List<EntityId> visibleEntities(Permissions p) {
        if (!p.signedIn()) return List.of();
        if (p.auditor()) return null;
        List<EntityId> out = new ArrayList<>();
        for (EntityView e : store.entities()) if (regulates(p, e) || represents(p, e)) out.add(e.id());
        verifier(p).ifPresent(v -> store.verifications(v, null, 10_000).forEach(x -> { if (!out.contains(x.entity())) out.add(x.entity()); }));
        return out;
    }

    public Problem refuse(Permissions p, String action, String target, String code, String detail) {
        refusals.record(p.login(), action, target, code, detail);
        return Problem.forbidden(code, detail);
    }

    EntityView entity(String id) {
        if (id == null || !ID.matcher(id).matches()) throw Problem.badRequest("VALIDATION_FAILED", "entity must be 1-40 characters of A-Z a-z 0-9 . _ -").say("detail.idFormat.entity");
        return store.entityView(EntityId.of(id)).orElseThrow(() -> Problem.notFound("UNKNOWN_ENTITY", "no covered entity " + id).say("detail.unknownEntity", id));
    }

    static int year(Integer year) {
        if (year == null) throw Problem.badRequest("VALIDATION_FAILED", "year is required").with("field", "year").say("detail.year.required");
        if (year < 2005 || year > 2100)
            throw Problem.badRequest("VALIDATION_FAILED", "year must be 2005..2100").with("field", "year").say("detail.year.range", 2005, 2100);
        return year;
    }

    // ---------------------------------------------------------------------------------------------- reports

    /** Saves (and with {@code submit}, seals) a report: only an initiator of the entity's account may. */
    public ReportView save(Permissions p, String entityId, Integer yearValue, RawReport raw, List<NewAttachment> attachments, boolean submit) {
        return save(p, entityId, yearValue, raw, attachments, submit, null);
    }

    /** As above; {@code reason} says why a submission replaces the entity-year's earlier one (required then). */
    public ReportView save(Permissions p, String entityId, Integer yearValue, RawReport raw, List<NewAttachment> attachments, boolean submit,
                           String reason) {
        EntityView e = mayReport(p, entityId, yearValue, submit);
        int year = year(yearValue);
        String action = submit ? "SUBMIT emissions report" : "SAVE emissions report";
        return answer(p, action, e.id() + "/" + year, service.save(e.id(), year, raw, attachments, submit, reason(reason), p.actor()));
    }

    static String reason(String reason) {
        if (reason != null && reason.length() > 2000) throw Problem.badRequest("VALIDATION_FAILED", "reason: at most 2000 characters").say("detail.reasonLength", 2000);
        return reason == null || reason.isBlank() ? null : reason.strip();
    }

    /** Whether the person may save (or submit) the entity-year's report: the entity, or 404/400/403 (recorded). */
    public EntityView mayReport(Permissions p, String entityId, Integer yearValue, boolean submit) {
        EntityView e = entity(entityId);
        int year = year(yearValue);
        String action = submit ? "SUBMIT emissions report" : "SAVE emissions report";
        if (!p.mayWrite() || e.accountId() == null || !p.roles(e.accountId()).contains(Role.INITIATOR))
            throw refuse(p, action, e.id() + "/" + year, "NOT_AUTHORISED", p.login() + " may not report for " + e.id()).say("detail.deny.report", e.id());
        return e;
    }

    public ReportView submit(Permissions p, long reportId) { return submit(p, reportId, null); }

    /** Seals a draft; {@code reason} is required when it replaces an earlier submission. */
    public ReportView submit(Permissions p, long reportId, String reason) {
        ReportView r = report(p, reportId);
        EntityView e = store.entityView(r.entity()).orElseThrow();
        if (!p.mayWrite() || e.accountId() == null || !p.roles(e.accountId()).contains(Role.INITIATOR))
            throw refuse(p, "SUBMIT emissions report", Long.toString(reportId), "NOT_AUTHORISED", p.login() + " may not report for " + e.id()).say("detail.deny.report", e.id());
        return answer(p, "SUBMIT emissions report", Long.toString(reportId), service.submit(reportId, reason(reason), p.actor()));
    }

    /** Whether the report still matches its seal, judged now from what is stored (never fails on a tampered report). */
    public Integrity integrity(ReportView r) { return service.integrity(r); }

    /** A report the person may read: 404 UNKNOWN_REPORT, 403 NOT_AUTHORISED (recorded). */
    public ReportView report(Permissions p, long id) {
        ReportView r = store.report(id).orElseThrow(() -> Problem.notFound("UNKNOWN_REPORT", "no report " + id).say("detail.unknownReport", id));
        EntityView e = store.entityView(r.entity()).orElseThrow();
        if (!mayRead(p, e, r.year()))
            throw refuse(p, "READ emissions report", Long.toString(id), "NOT_AUTHORISED", p.login() + " may not see the reports of " + e.id()).say("detail.deny.reports", e.id());
        return r;
    }

    public byte[] attachment(Permissions p, long reportId, String sha256) {
        ReportView r = report(p, reportId);
        if (r.attachments().stream().noneMatch(a -> a.sha256().equals(sha256)))
            throw Problem.notFound("UNKNOWN_ATTACHMENT", "report " + reportId + " has no attachment " + sha256).say("detail.unknownAttachment", reportId, sha256);
        return store.attachmentContent(sha256).orElseThrow(() -> Problem.notFound("UNKNOWN_ATTACHMENT", "the bytes of " + sha256 + " are gone").say("detail.attachmentGone", sha256));
    }

    public List<ReportSummary> reports(Permissions p, String entityId, Integer year, int limit) {
        List<EntityId> visible = visibleEntities(p);
        if (entityId != null) {
            EntityView e = entity(entityId);
            boolean allowed = visible == null || visible.contains(e.id());
            if (!allowed) throw refuse(p, "LIST emissions reports", e.id().value(), "NOT_AUTHORISED", p.login() + " may not see the reports of " + e.id()).say("detail.deny.reports", e.id());
            visible = List.of(e.id());
        }
        List<ReportSummary> all = store.reports(visible, year, Math.clamp(limit, 1, 1000));
        // a verifier sees only the years it is assigned, not every year of the entity
        if (p.isVerifier() && !p.auditor()) all = all.stream().filter(s -> assignedTo(p, s.entity(), s.year())).toList();
        return all;
    }

    // ---------------------------------------------------------------------------------------------- verification

    public List<VerificationView> verifications(Permissions p, int limit) {
        int n = Math.clamp(limit, 1, 1000);
        if (!p.signedIn()) return List.of();
        if (p.auditor()) return store.verifications(null, null, n);
        if (p.isVerifier()) return verifier(p).map(v -> store.verifications(v, null, n)).orElse(List.of());
        List<EntityId> visible = visibleEntities(p);
        return store.verifications(null, visible, n);
    }

    public VerificationView verification(Permissions p, String entityId, Integer yearValue) {
        EntityView e = entity(entityId);
        int year = year(yearValue);
        if (!mayRead(p, e, year))
            throw refuse(p, "READ verification", e.id() + "/" + year, "NOT_AUTHORISED", p.login() + " may not see the verification of " + e.id()).say("detail.deny.verification", e.id());
        return store.verification(e.id(), year).orElseThrow(() -> Problem.notFound("NOT_ASSIGNED", e.id() + " " + year + " has no verification").say("detail.noVerification", e.id(), year));
    }

    public VerificationView assign(Permissions p, String entityId, Integer yearValue, String verifierId) {
        EntityView e = entity(entityId);
        int year = year(yearValue);
        String target = e.id() + "/" + year;
        if (!p.mayWrite() || !regulates(p, e))
            throw refuse(p, "ASSIGN verifier", target, "NOT_AUTHORISED", p.login() + " does not regulate " + e.jurisdiction()).say("detail.deny.notRegulator", e.jurisdiction());
        if (verifierId == null || !ID.matcher(verifierId).matches()) throw Problem.badRequest("VALIDATION_FAILED", "verifier is required").say("detail.verifier.required");
        return answer(p, "ASSIGN verifier " + verifierId, target, service.assign(e.id(), year, VerifierId.of(verifierId), p.actor()));
    }

    public VerificationView statement(Permissions p, String entityId, Integer yearValue, String opinion, Long emissions, String remarks) {
        EntityView e = entity(entityId);
        int year = year(yearValue);
        String target = e.id() + "/" + year;
        Optional<VerifierId> v = verifier(p);
        if (v.isEmpty()) throw refuse(p, "STATE verification", target, "NOT_AUTHORISED", p.login() + " is not a verifier").say("detail.deny.notVerifier");
        Opinion o;
        try {
            o = Opinion.valueOf(opinion == null ? "" : opinion);
        } catch (IllegalArgumentException x) {
            throw Problem.badRequest("VALIDATION_FAILED", "opinion must be one of QUALIFIED, QUALIFIED_WITH_REMARKS, NOT_QUALIFIED").say("detail.opinion.choose");
        }
        if (remarks != null && remarks.length() > 4000) throw Problem.badRequest("VALIDATION_FAILED", "remarks: at most 4000 characters").say("detail.remarksLength", 4000);
        return answer(p, "STATE verification", target, service.issueStatement(e.id(), year, v.get(), o, emissions, remarks, p.actor()));
    }

    // ---------------------------------------------------------------------------------------------- findings

    static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) throw Problem.badRequest("VALIDATION_FAILED", field + " is required").say("detail.required." + field);
        if (value.length() > max) throw Problem.badRequest("VALIDATION_FAILED", field + ": at most " + max + " characters").say("detail.length." + field, max);
        return value.strip();
    }

    static int finding(Integer number) {
        if (number == null || number < 1) throw Problem.badRequest("VALIDATION_FAILED", "finding numbers count from 1").say("detail.finding.number");
        return number;
    }

    /** The assigned verifier raises a finding: another verifier is 403 NOT_ASSIGNED, anyone else 403 NOT_AUTHORISED (both recorded). */
    public VerificationView raiseFinding(Permissions p, String entityId, Integer yearValue, String text) {
        EntityView e = entity(entityId);
        int year = year(yearValue);
        String target = e.id() + "/" + year;
        Optional<VerifierId> v = verifier(p);
        if (v.isEmpty() || !p.mayWrite()) throw refuse(p, "RAISE finding", target, "NOT_AUTHORISED", p.login() + " is not a verifier").say("detail.deny.notVerifier");
        return answer(p, "RAISE finding", target, service.raiseFinding(e.id(), year, v.get(), text("text", text, 4000), p.actor()));
    }

    /**
     * The entity answers a finding: only its representatives with the initiator or approver role (others 403
     * NOT_AUTHORISED, recorded); {@code reportId}, if given, names the corrected report (the current submission).
     */
    public VerificationView answerFinding(Permissions p, String entityId, Integer yearValue, Integer number, String description, Long reportId) {
        EntityView e = entity(entityId);
        int year = year(yearValue);
        String target = e.id() + "/" + year + "#" + number;
        if (!mayAnswer(p, e))
            throw refuse(p, "ANSWER finding", target, "NOT_AUTHORISED", p.login() + " does not represent " + e.id()).say("detail.deny.notRepresentative", e.id());
        return answer(p, "ANSWER finding", target, service.answerFinding(e.id(), year, finding(number), text("description", description, 4000), reportId,
                p.actor()));
    }

    /** Whether the person answers findings for the entity: a representative with the initiator or approver role. */
    public boolean mayAnswer(Permissions p, EntityView e) {
        if (!p.mayWrite() || e.accountId() == null) return false;
        var roles = p.roles(e.accountId());
        return roles.contains(Role.INITIATOR) || roles.contains(Role.APPROVER);
    }

    /** The assigned verifier closes an answered finding. */
    public VerificationView closeFinding(Permissions p, String entityId, Integer yearValue, Integer number, String note) {
        EntityView e = entity(entityId);
        int year = year(yearValue);
        String target = e.id() + "/" + year + "#" + number;
        Optional<VerifierId> v = verifier(p);
        if (v.isEmpty() || !p.mayWrite()) throw refuse(p, "CLOSE finding", target, "NOT_AUTHORISED", p.login() + " is not a verifier").say("detail.deny.notVerifier");
        if (note != null && note.length() > 4000) throw Problem.badRequest("VALIDATION_FAILED", "note: at most 4000 characters").say("detail.noteLength", 4000);
        return answer(p, "CLOSE finding", target, service.closeFinding(e.id(), year, finding(number), v.get(), note, p.actor()));
    }

    public VerificationView approve(Permissions p, String entityId, Integer yearValue) {
        EntityView e = entity(entityId);
        int year = year(yearValue);
        String target = e.id() + "/" + year;
        if (!p.mayWrite() || !regulates(p, e))
            throw refuse(p, "APPROVE verification", target, "NOT_AUTHORISED", p.login() + " does not regulate " + e.jurisdiction()).say("detail.deny.notRegulator", e.jurisdiction());
        return answer(p, "APPROVE verification", target, service.approve(e.id(), year, p.actor()));
    }

    public VerificationView amend(Permissions p, String entityId, Integer yearValue, Long emissions, String reason) {
        EntityView e = entity(entityId);
        int year = year(yearValue);
        String target = e.id() + "/" + year;
        if (!p.mayWrite() || !regulates(p, e))
            throw refuse(p, "AMEND verified figures", target, "NOT_AUTHORISED", p.login() + " does not regulate " + e.jurisdiction()).say("detail.deny.notRegulator", e.jurisdiction());
        if (emissions == null) throw Problem.badRequest("VALIDATION_FAILED", "emissions is required").say("detail.emissions.required");
        return answer(p, "AMEND verified figures", target, service.amend(e.id(), year, emissions, reason, p.actor()));
    }

    /**
     * The seal check: every sealed report that no longer matches its seal. Auditors check every jurisdiction's
     * reports, a regulator its own jurisdictions' (by the entity's jurisdiction); anyone else is refused (recorded).
     */
    public SealCheck checkSeals(Permissions p) {
        if (!p.signedIn() || (!p.auditor() && !p.isAdministrator()))
            throw refuse(p, "CHECK seals", "emissions", "NOT_AUTHORISED", p.login() + " may not run the seal check").say("detail.deny.sealCheck");
        if (p.auditor()) return service.checkSeals(null);
        return service.checkSeals(p.administered().stream().map(Jurisdiction::of).toList());
    }

    /** One row of the verified-emissions table: an entity-year with approved figures, at their current version. */
    /** {@code account}: the number of the registry account the entity is linked to (as every page and export names accounts). */
    public record VerifiedRow(String entity, String entityName, String account, String jurisdiction, int year, String verifier, long emissionsTonnes,
                              Map<String, BigDecimal> outputs, int figuresVersion, Instant approvedAt, String approvedBy, Instant versionAt,
                              String versionReason) {}

    /**
     * The verified-emissions table of a jurisdiction-year, by entity: regulators of the jurisdiction and auditors
     * only (others: 403 NOT_AUTHORISED, recorded). A jurisdiction the registry does not have is 404 UNKNOWN_JURISDICTION.
     */
    public List<VerifiedRow> verified(Permissions p, String jurisdictionCode, Integer yearValue) {
        Jurisdiction j;
        try {
            j = Jurisdiction.of(jurisdictionCode == null ? "" : jurisdictionCode.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest("VALIDATION_FAILED", "jurisdiction must be 2-8 letters").say("detail.jurisdiction.letters");
        }
        int year = year(yearValue);
        // an unknown jurisdiction is an unknown reference (404), not an empty table: the jurisdictions are reference data
        if (!registry.jurisdictionNames().containsKey(j.code()))
            throw Problem.notFound("UNKNOWN_JURISDICTION", "no jurisdiction " + j.code()).say("detail.unknownJurisdiction", j.code());
        if (!p.signedIn() || !(p.auditor() || p.administers(j)))
            throw refuse(p, "EXPORT verified emissions", j.code() + "/" + year, "NOT_AUTHORISED",
                    p.login() + " may not export the verified emissions of " + j.code()).say("detail.deny.exportVerified", j.code());
        Map<EntityId, EntityView> entities = new LinkedHashMap<>();
        for (EntityView e : store.entities()) if (e.jurisdiction().equals(j)) entities.put(e.id(), e);
        if (entities.isEmpty()) return List.of();
        List<VerifiedRow> out = new ArrayList<>();
        // the covered-entity accounts of the jurisdiction, read once (not one query per row)
        Map<Long, String> numbers = new java.util.HashMap<>();
        for (org.openets.registry.Account a : registry.accounts(j.code(), org.openets.registry.AccountType.COVERED_ENTITY_HOLDING)) numbers.put(a.id(), a.number());
        for (VerificationView v : store.verifications(null, new ArrayList<>(entities.keySet()), 100_000)) {
            if (v.year() != year || v.versions().isEmpty()) continue;
            EntityView e = entities.get(v.entity());
            FiguresVersionView current = v.versions().getLast();
            Map<String, BigDecimal> outputs = new java.util.TreeMap<>();
            current.outputs().forEach((k, x) -> outputs.put(k.name(), x));
            String account = e == null || e.accountId() == null ? null
                    : numbers.computeIfAbsent(e.accountId(), id -> registry.account(id).map(a -> a.number()).orElse(null));
            out.add(new VerifiedRow(v.entity().value(), e == null ? null : e.name(), account, j.code(), year,
                    v.verifier() == null ? null : v.verifier().value(), current.emissionsTonnes(), outputs, current.version(), v.approvedAt(),
                    v.approvedBy() == null ? null : v.approvedBy().value(), current.at(), current.reason()));
        }
        out.sort(java.util.Comparator.comparing(VerifiedRow::entity));
        return out;
    }

    // ---------------------------------------------------------------------------------------------- answers

    private <T> T answer(Permissions p, String action, String target, EmissionsResult<T> r) {
        return switch (r) {
            case EmissionsResult.Done<T> d -> d.value();
            case EmissionsResult.Invalid<T> i -> {
                List<Map<String, Object>> problems = new ArrayList<>();
                for (org.openets.emissions.Problem x : i.problems()) problems.add(problemMap(x));
                org.openets.emissions.Problem first = i.problems().getFirst();
                throw Problem.unprocessable("INVALID_REPORT", i.problems().size() + " problem(s), nothing saved; first: " + first)
                        .with("problems", problems).say("detail.report.problems", i.problems().size());
            }
            case EmissionsResult.Incomplete<T> i -> throw incomplete(i);
            case EmissionsResult.Refused<T> x -> throw refused(p, action, target, x.code(), x.detail());
        };
    }

    /**
     * A report that does not cover what the register says (422): {@code EMPTY_REPORT} when it has no rows (nothing
     * saved, the year's draft unchanged), else {@code INCOMPLETE_REPORT} (not sealed, nothing saved). {@code problems}
     * names each installation and sheet with its months: {@code {code, where, field, message, installation, sheet,
     * months, monthRanges}} (the empty report's own problem has no installation).
     */
    static Problem incomplete(EmissionsResult.Incomplete<?> i) {
        List<Map<String, Object>> problems = new ArrayList<>();
        if (i.empty()) problems.add(problemMap(org.openets.emissions.ReportCoverage.empty(i.year())));
        StringBuilder lacking = new StringBuilder();
        for (org.openets.emissions.ReportCoverage.Gap g : i.gaps()) {
            Map<String, Object> m = problemMap(g.problem());
            m.put("installation", g.installation().value());
            m.put("sheet", g.sheet());
            m.put("months", g.months());
            m.put("monthRanges", g.monthRanges());
            problems.add(m);
            lacking.append(lacking.isEmpty() ? "" : "; ").append(g.installation()).append(' ')
                    .append(g.code() == org.openets.emissions.ProblemCode.MISSING_INSTALLATION ? "not in the report" : g.sheet()).append(" (months ")
                    .append(g.monthRanges()).append(')');
        }
        if (i.empty())
            return Problem.unprocessable("EMPTY_REPORT", "the " + i.year() + " report has no rows: nothing saved, the year's draft is unchanged"
                    + (lacking.isEmpty() ? "" : "; it has to cover " + lacking)).with("problems", problems).say("detail.report.empty", i.year());
        return Problem.unprocessable("INCOMPLETE_REPORT", "the " + i.year() + " report does not cover every installation and month the register has: "
                + lacking + "; not sealed, nothing saved").with("problems", problems).say("detail.report.incomplete", i.year(), i.gaps().size());
    }

    private static Map<String, Object> problemMap(org.openets.emissions.Problem x) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", x.code().name());
        m.put("where", x.where());
        m.put("field", x.field());
        m.put("message", x.message());
        return m;
    }

    private Problem refused(Permissions p, String action, String target, String code, String detail) {
        return switch (code) {
            case "NOT_ASSIGNED" -> refuse(p, action, target, code, detail);
            case "CONFLICT_OF_INTEREST" -> {
                refusals.record(p.login(), action, target, code, detail);
                int colon = detail == null ? -1 : detail.indexOf(':');
                Problem pr = new Problem(HttpStatus.CONFLICT, code, detail);
                yield colon > 0 ? pr.with("conflict", detail.substring(0, colon)) : pr;
            }
            case "UNKNOWN_ENTITY", "UNKNOWN_REPORT", "UNKNOWN_FINDING" -> Problem.notFound(code, detail);
            case "UNKNOWN_VERIFIER", "VALIDATION_FAILED", "REMARKS_REQUIRED", "REASON_REQUIRED", "TOO_MANY_ATTACHMENTS" -> Problem.unprocessable(code, detail);
            default -> new Problem(HttpStatus.CONFLICT, code, detail);
        };
    }

    // ---------------------------------------------------------------------------------------------- input

    /** Sheet rows from JSON objects: numbers and text become the cell text as typed; row numbers count from 1. */
    public static List<RawRow> rows(String sheet, List<Map<String, Object>> rows) {
        if (rows == null) return List.of();
        if (rows.size() > 5000) throw Problem.badRequest("VALIDATION_FAILED", sheet + ": at most 5000 rows").say("detail.sheet.maxRows", sheet, 5000);
        List<RawRow> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> r = rows.get(i);
            if (r == null) throw Problem.badRequest("VALIDATION_FAILED", sheet + " row " + (i + 1) + " is empty").with("row", i + 1).say("detail.sheet.emptyRow", sheet, i + 1);
            Map<String, String> cells = new LinkedHashMap<>();
            r.forEach((k, v) -> {
                if (v == null) return;
                String text = v instanceof java.math.BigDecimal d ? d.toPlainString() : v instanceof Number || v instanceof String ? v.toString() : null;
                if (text == null) throw Problem.unprocessable("INVALID_REPORT", sheet + " row " + (rows.indexOf(r) + 1) + ", field " + k
                        + ": a cell is text or a number").with("problems", List.of(Map.of("code", "NOT_A_NUMBER", "where", sheet + " row " + (rows.indexOf(r) + 1),
                        "field", k, "message", "a cell is text or a number"))).say("detail.sheet.cell", sheet, rows.indexOf(r) + 1, k);
                cells.put(k, text);
            });
            out.add(new RawRow(i + 1, cells));
        }
        return out;
    }

    /**
     * Sheet rows from one CSV file: a header line, then rows; the column {@code sheet} (or 表) says which sheet a row
     * belongs to (fuels, activity, outputs, or 燃料, 生产数据, 产品产量). Headers may be the column names or the
     * Chinese headers of the template ({@link ReportSheets}). Empty cells are left out. Row numbers are the file's
     * line numbers.
     */
    public static RawReport csv(String text) {
        // a file saved as UTF-16 or UTF-32 (Excel's "Unicode text", Notepad's "Unicode") read as UTF-8: its byte-order
        // mark comes through as two replacement characters, and every other byte is a NUL
        if (text.startsWith("\uFFFD\uFFFD") || text.startsWith("\u00FF\u00FE") || text.startsWith("\u00FE\u00FF") || nulHeavy(text)) throw notUtf8Wide();
        // the same text rule as every other input (ControlCharacters): a NUL could not even be stored
        int bad = org.openets.web.ControlCharacters.find(text);
        if (bad >= 0) {
            long line = text.substring(0, bad).chars().filter(ch -> ch == '\n').count() + 1;
            String character = "U+%04X".formatted((int) text.charAt(bad));
            throw Problem.badRequest("VALIDATION_FAILED", "line " + line + " of the CSV file contains a control character (" + character + ")")
                    .say("detail.csv.control", line, character);
        }
        List<List<String>> lines = Csv.parse(text);
        if (lines.isEmpty()) throw Problem.badRequest("VALIDATION_FAILED", "the CSV file is empty").say("detail.csv.empty");
        List<String> header = lines.getFirst().stream().map(String::strip).toList();
        int sheetColumn = header.indexOf("sheet");
        if (sheetColumn < 0) sheetColumn = header.indexOf(ReportSheets.CSV_SHEET);
        if (sheetColumn < 0)
            throw Problem.badRequest("VALIDATION_FAILED", "the CSV header needs a column 'sheet' or '表' (fuels, activity or outputs)").say("detail.csv.sheetColumn");
        Map<ReportSheets.SheetSpec, List<RawRow>> sheets = new LinkedHashMap<>();
        for (ReportSheets.SheetSpec spec : ReportSheets.SHEETS) sheets.put(spec, new ArrayList<>());
        for (int n = 1; n < lines.size(); n++) {
            List<String> line = lines.get(n);
            if (line.stream().allMatch(String::isBlank)) continue;
            String sheet = sheetColumn < line.size() ? line.get(sheetColumn).strip() : "";
            ReportSheets.SheetSpec spec = ReportSheets.sheet(sheet);
            if (spec == null) throw Problem.unprocessable("INVALID_REPORT", "line " + (n + 1) + ": sheet must be fuels, activity or outputs, not '" + sheet + "'")
                    .with("problems", List.of(Map.of("code", "OUT_OF_RANGE", "where", "line " + (n + 1), "field", "sheet", "message",
                            "sheet must be fuels, activity or outputs (燃料, 生产数据, 产品产量)"))).say("detail.csv.sheet", n + 1, sheet);
            Map<String, String> cells = new LinkedHashMap<>();
            for (int c = 0; c < line.size() && c < header.size(); c++)
                if (c != sheetColumn && !line.get(c).isBlank()) cells.put(ReportSheets.column(spec, header.get(c)), line.get(c));
            sheets.get(spec).add(new RawRow(n + 1, cells));
        }
        return new RawReport(sheets.get(ReportSheets.FUELS), sheets.get(ReportSheets.ACTIVITY), sheets.get(ReportSheets.OUTPUTS));
    }

    /**
     * Sheet rows from the bytes of an uploaded CSV file, which must be UTF-8 (a byte-order mark allowed): a file in
     * UTF-16 or UTF-32 (by its byte-order mark, or mostly NUL bytes) or in another encoding (GBK, as Excel's plain
     * "CSV" saves Chinese) is refused with what to do: save it as "CSV UTF-8". Then as {@link #csv(String)}.
     */
    public static RawReport csv(byte[] bytes) {
        if (startsWith(bytes, 0xFF, 0xFE) || startsWith(bytes, 0xFE, 0xFF) || startsWith(bytes, 0x00, 0x00, 0xFE, 0xFF)) throw notUtf8Wide();
        int nuls = 0, n = Math.min(bytes.length, 4000);
        for (int i = 0; i < n; i++) if (bytes[i] == 0) nuls++;
        if (nuls > 1 && nuls * 4 >= n) throw notUtf8Wide();
        java.nio.charset.CharsetDecoder utf8 = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT).onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        String text;
        try {
            text = utf8.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            // the line of the first byte that is not UTF-8, for the person who opens the file
            int valid = validUtf8Prefix(bytes);
            long line = 1;
            for (int i = 0; i < valid; i++) if (bytes[i] == '\n') line++;
            throw Problem.badRequest("VALIDATION_FAILED", "line " + line + " of the CSV file is not UTF-8 text (perhaps GBK): save the file as “CSV UTF-8” and upload it again")
                    .say("detail.csv.encoding", line);
        }
        return csv(text);
    }

    private static Problem notUtf8Wide() {
        return Problem.badRequest("VALIDATION_FAILED", "the CSV file is UTF-16 or UTF-32 text (“Unicode”), not UTF-8: save it as “CSV UTF-8” and upload it again")
                .say("detail.csv.unicode");
    }

    /** At least a quarter of the first characters are NUL: wide text (UTF-16 or UTF-32) read a byte at a time, not one stray control character. */
    private static boolean nulHeavy(String text) {
        int n = Math.min(text.length(), 4000), nuls = 0;
        for (int i = 0; i < n; i++) if (text.charAt(i) == 0) nuls++;
        return nuls > 1 && nuls * 4 >= n;
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if ((b[i] & 0xFF) != prefix[i]) return false;
        return true;
    }

    /** How many leading bytes decode as UTF-8. */
    private static int validUtf8Prefix(byte[] bytes) {
        java.nio.charset.CharsetDecoder d = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT).onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
        d.decode(in, out, true);
        return in.position();
    }

    /** RFC 4180 CSV: commas, double-quoted fields with "" for a quote, CRLF or LF line ends. */
    static final class Csv {
        static List<List<String>> parse(String text) {
            List<List<String>> out = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false, any = false;
            String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                if (quoted) {
                    if (ch == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') { cell.append('"'); i++; }
                    else if (ch == '"') quoted = false;
                    else cell.append(ch);
                } else if (ch == '"') { quoted = true; any = true; }
                else if (ch == ',') { row.add(cell.toString()); cell.setLength(0); any = true; }
                else if (ch == '\n' || ch == '\r') {
                    if (ch == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') i++;
                    row.add(cell.toString());
                    out.add(row);
                    row = new ArrayList<>();
                    cell.setLength(0);
                    any = false;
                } else { cell.append(ch); any = true; }
            }
            if (quoted) throw Problem.badRequest("VALIDATION_FAILED", "the CSV file ends inside a quoted field").say("detail.csv.quote");
            if (any || cell.length() > 0) { row.add(cell.toString()); out.add(row); }
            return out;
        }
    }
}
