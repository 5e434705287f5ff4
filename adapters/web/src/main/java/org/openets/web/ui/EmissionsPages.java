package org.openets.web.ui;

import org.openets.emissions.Accounting;
import org.openets.emissions.CoveredEntity;
import org.openets.emissions.Deadline;
import org.openets.emissions.DeadlineKind;
import org.openets.emissions.DeadlineStatus;
import org.openets.emissions.EmissionsAccount;
import org.openets.emissions.EntityId;
import org.openets.emissions.FuelUse;
import org.openets.emissions.Installation;
import org.openets.emissions.InstallationSpec;
import org.openets.emissions.InstallationTotal;
import org.openets.emissions.Parameter;
import org.openets.emissions.ReportCoverage;
import org.openets.emissions.Ruleset;
import org.openets.emissions.Substitution;
import org.openets.emissions.Validation;
import org.openets.kernel.Jurisdiction;
import org.openets.registry.Role;
import org.openets.web.Problem;
import org.openets.web.desk.EmissionsDesk;
import org.openets.web.security.Access;
import org.openets.web.security.Permissions;
import org.openets.workflows.emissions.EmissionsService;
import org.openets.workflows.emissions.EmissionsViews.EntityView;
import org.openets.workflows.emissions.EmissionsViews.Integrity;
import org.openets.workflows.emissions.EmissionsViews.ReportStatus;
import org.openets.workflows.emissions.EmissionsViews.ReportSummary;
import org.openets.workflows.emissions.EmissionsViews.ReportView;
import org.openets.workflows.emissions.EmissionsViews.SealCheck;
import org.openets.workflows.emissions.EmissionsViews.VerificationView;
import org.openets.workflows.emissions.spi.EmissionsStore;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The MRV pages (issue 3): an entity's reports, one report with its computed figures, substitutions and trace, the
 * CSV upload and the seal (submit); a verifier's review queue and statement; the regulator's overview by status,
 * sector and region with the overdue list, assignment and approval. Who may do what is {@link EmissionsDesk}'s rule.
 */
@Controller
public class EmissionsPages {
    private final EmissionsDesk desk;
    private final EmissionsStore store;
    private final Access access;
    private final Clock clock;
    private final Map<Jurisdiction, Optional<Ruleset>> rulesets = new ConcurrentHashMap<>();

    public EmissionsPages(EmissionsDesk desk, EmissionsService service, Access access, Clock clock) {
        this.desk = desk;
        this.store = service.store();
        this.access = access;
        this.clock = clock;
    }

    Optional<Ruleset> rules(Jurisdiction j) {
        return rulesets.computeIfAbsent(j, x -> {
            try {
                return Optional.of(Ruleset.bundled(x));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        });
    }

    LocalDate today() { return LocalDate.ofInstant(clock.instant(), PageViews.ZONE); }

    /**
     * The verifiers a regulator may choose from: accredited today for one of the given jurisdictions (the assignment
     * itself still checks accreditation for the report's jurisdiction and year, and conflicts of interest).
     */
    List<Choice> assignable(Set<Jurisdiction> jurisdictions) {
        LocalDate today = today();
        return store.verifiers().stream().map(v -> v.verifier())
                .filter(v -> !v.accreditedFrom().isAfter(today) && (v.accreditedUntil() == null || !v.accreditedUntil().isBefore(today)))
                .filter(v -> v.jurisdictions().stream().anyMatch(jurisdictions::contains))
                .map(v -> new Choice(v.id().value(), v.name())).toList();
    }

    // ---------------------------------------------------------------------------------------------- rows

    public record ReportRow(long id, String entity, String entityName, int year, String status, long totalTonnes, String savedAt, String submittedAt,
                            String seal) {}

    public record InstallationRow(String installation, String kind, String province, String fuelTonnes, String electricityTonnes, String processTonnes,
                                  String exactTonnes, Long roundedTonnes) {}

    public record SubstitutionRow(String unit, int month, String fuel, String factor, String origin, String value, List<String> rules, boolean unconfirmed,
                                  String why) {}

    public record VerificationRow(String entity, String entityName, int year, String status, String verifier, String assignedAt, String opinion,
                                  Long statedEmissions, String remarks, String issuedBy, String issuedAt, String approvedBy, String approvedAt,
                                  Long finalEmissions, Long reportId, boolean mayApprove, int findings, long unclosedFindings) {}

    public record CorrectionRow(int seq, String description, Long reportId, String reportSeal, String by, String at) {}

    public record FindingRow(int number, String text, String state, String raisedBy, String raisedAt, List<CorrectionRow> corrections,
                             String closingNote, String closedBy, String closedAt, boolean mayAnswer, boolean mayClose) {}

    public record Choice(String id, String name) {}

    public record GroupRow(String group, int reports, long tonnes) {}

    public record OverdueRow(String entity, String entityName, int year, String kind, String due, long daysLate, Long reportId) {}

    /** One problem the seal check found: a sealed report that no longer matches its seal, and why. */
    public record SealRow(long reportId, String entity, String entityName, int year, String code, String detail) {}

    static String plain(BigDecimal d) { return d == null ? "" : d.signum() == 0 ? "0" : d.setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString(); }

    String name(EntityId id) { return store.entityView(id).map(EntityView::name).orElse(id.value()); }

    ReportRow row(ReportSummary s) {
        return new ReportRow(s.id(), s.entity().value(), name(s.entity()), s.year(), s.status().name(), s.totalTonnes(), PageViews.time(s.savedAt()),
                PageViews.time(s.submittedAt()), s.sealSha256());
    }

    Long reportIdOf(VerificationView v) {
        if (v.reportId() != null) return v.reportId();
        return store.currentSubmission(v.entity(), v.year()).map(ReportView::id).orElse(null);
    }

    VerificationRow row(Permissions p, VerificationView v) {
        return new VerificationRow(v.entity().value(), name(v.entity()), v.year(), v.status(), v.verifier().value(), PageViews.time(v.assignedAt()),
                v.opinion() == null ? null : v.opinion().name(), v.statedEmissions() == null ? null : v.statedEmissions().longValue(), v.remarks(),
                v.issuedBy() == null ? null : v.issuedBy().value(), PageViews.time(v.issuedAt()), v.approvedBy() == null ? null : v.approvedBy().value(),
                PageViews.time(v.approvedAt()), v.versions().isEmpty() ? null : v.versions().getLast().emissionsTonnes(), reportIdOf(v),
                "STATEMENT_ISSUED".equals(v.status()) && p.mayWrite() && p.administers(v.jurisdiction()), v.findings().size(), v.unclosedFindings());
    }

    /** The entities this person may report for: initiators of the entity's linked account. */
    List<Choice> reportable(Permissions p) {
        if (!p.mayWrite()) return List.of();
        return store.entities().stream().filter(e -> e.accountId() != null && p.roles(e.accountId()).contains(Role.INITIATOR))
                .map(e -> new Choice(e.id().value(), e.name())).toList();
    }

    // ---------------------------------------------------------------------------------------------- entity

    @GetMapping("/emissions")
    String reports(Model model) {
        Permissions p = access.current();
        model.addAttribute("reports", desk.reports(p, null, null, 500).stream().map(this::row).toList());
        model.addAttribute("reportable", reportable(p));
        model.addAttribute("defaultYear", today().getYear() - 1);
        return "emissions";
    }

    /**
     * The year as typed in the upload form: null when blank (the desk says it is required); text that is not a whole
     * number (abc, 99999999999) is 400 VALIDATION_FAILED naming the field, so the form comes back with the error next
     * to the year and what was typed.
     */
    static Integer yearTyped(String year) {
        if (year == null || year.isBlank()) return null;
        String y = year.strip();
        if (!y.matches("[0-9]{1,9}"))
            throw Problem.badRequest("VALIDATION_FAILED", "year: “" + y + "” is not a year (a whole number from 2005 to 2100)").with("field", "year").say("detail.year.text", y, 2005, 2100);
        return Integer.parseInt(y);
    }

    @PostMapping("/emissions/upload")
    String upload(@RequestParam(required = false) String entity, @RequestParam(required = false) String year,
                  @RequestParam(required = false) MultipartFile file, @RequestParam(required = false) String rows,
                  @RequestParam(defaultValue = "false") boolean submit, @RequestParam(required = false) String reason, RedirectAttributes ra) {
        Permissions p = access.current();
        try {
            Integer y = yearTyped(year);
            // who may report for the entity, before reading what was sent: nobody else makes the server parse a workbook,
            // and their attempt is recorded as a refusal whatever the file holds (the API checks in this order too)
            desk.mayReport(p, entity, y, submit);
            // a workbook (the xlsx template), a CSV file, or the same rows typed or pasted into the form
            org.openets.emissions.RawReport raw;
            if (file != null && !file.isEmpty()) {
                byte[] bytes;
                try {
                    bytes = file.getBytes();
                } catch (IOException e) {
                    throw Problem.badRequest("VALIDATION_FAILED", "the file could not be read").say("detail.fileUnreadable");
                }
                String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename().toLowerCase(java.util.Locale.ROOT);
                boolean zip = bytes.length > 3 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
                raw = name.endsWith(".xlsx") || zip ? org.openets.web.sheets.ReportSheets.read(bytes) : EmissionsDesk.csv(bytes);
            } else if (rows != null && !rows.isBlank()) {
                raw = EmissionsDesk.csv(rows);
            } else {
                throw Problem.badRequest("VALIDATION_FAILED", "choose an xlsx or CSV file or enter the rows").say("detail.chooseReportFile");
            }
            ReportView r = desk.save(p, entity, y, raw, List.of(), submit, reason);
            ra.addFlashAttribute("flash", new PageSupport.Flash("done", submit ? "EMISSIONS_SUBMITTED" : "EMISSIONS_SAVED", null, null, null));
            return "redirect:/emissions/reports/" + r.id();
        } catch (Problem e) {
            ra.addFlashAttribute("flash", PageSupport.Flash.of(e));
            if (e.properties().get("problems") instanceof List<?> problems) ra.addFlashAttribute("uploadProblems", problemRows(problems, year));
            if ("year".equals(e.properties().get("field"))) ra.addFlashAttribute("yearProblem", PageSupport.Flash.of(e));
            // the form comes back as it was sent (a file cannot be sent back: it is chosen again)
            ra.addFlashAttribute("form", PageSupport.sent("upload", "entity", entity, "year", year, "rows", rows, "submit", Boolean.toString(submit),
                    "reason", reason));
            return "redirect:/emissions";
        }
    }

    /** One problem of an upload as the page lists it; a gap of the report is worded in the page's language ({@code key}, {@code args}). */
    public record UploadProblem(String code, String where, String field, String message, String key, List<String> args, String installation, String sheet) {}

    static List<UploadProblem> problemRows(List<?> problems, String year) {
        List<UploadProblem> out = new ArrayList<>();
        for (Object o : problems) {
            if (!(o instanceof Map<?, ?> m)) continue;
            String code = String.valueOf(m.get("code")), installation = m.get("installation") == null ? null : String.valueOf(m.get("installation"));
            String sheet = m.get("sheet") == null ? null : String.valueOf(m.get("sheet"));
            String key = "EMPTY_REPORT".equals(code) ? "emissions.gap.empty" : installation == null ? null : gapKey(code, sheet);
            List<String> args = installation == null ? List.of() : List.of(installation, String.valueOf(m.get("monthRanges")), year == null ? "" : year.strip());
            out.add(new UploadProblem(code, installation != null ? installation : key != null ? "" : String.valueOf(m.get("where")),
                    String.valueOf(m.get("field")), String.valueOf(m.get("message")), key, args, installation, sheet));
        }
        return out;
    }

    /** The message of a gap (what the register says the report has to cover) by its code and sheet. */
    static String gapKey(String code, String sheet) {
        boolean whole = "MISSING_INSTALLATION".equals(code);
        return switch (sheet == null ? "" : sheet) {
            case "activity" -> whole ? "emissions.gap.installation.activity" : "emissions.gap.months.activity";
            case "outputs" -> whole ? "emissions.gap.installation.outputs" : "emissions.gap.months.outputs";
            default -> "emissions.gap.months.fuels";
        };
    }

    /** What a draft still lacks before it may be sealed, one line per installation and sheet. */
    public record GapRow(String installation, String sheet, String code, String key, List<String> args) {}

    static List<GapRow> gapRows(List<ReportCoverage.Gap> gaps) {
        return gaps.stream().map(g -> new GapRow(g.installation().value(), g.sheet(), g.code().name(), gapKey(g.code().name(), g.sheet()),
                List.of(g.installation().value(), g.monthRanges(), Integer.toString(g.year())))).toList();
    }

    @PostMapping("/emissions/reports/{id}/submit")
    String submit(@PathVariable long id, @RequestParam(required = false) String reason, RedirectAttributes ra) {
        Permissions p = access.current();
        return PageSupport.act(ra, "/emissions/reports/" + id, () -> {
            desk.submit(p, id, reason);
            return new PageSupport.Flash("done", "EMISSIONS_SUBMITTED", null, null, null);
        });
    }

    @GetMapping("/emissions/reports/{id}")
    String report(@PathVariable long id, Model model) {
        Permissions p = access.current();
        ReportView r = desk.report(p, id);
        EntityView e = store.entityView(r.entity()).orElseThrow();
        model.addAttribute("report", r);
        model.addAttribute("entityName", e.name());
        model.addAttribute("savedAt", PageViews.time(r.savedAt()));
        model.addAttribute("submittedAt", PageViews.time(r.submittedAt()));
        model.addAttribute("figures", r.figures());
        model.addAttribute("fuelTonnes", plain(r.figures().fuelTonnes()));
        model.addAttribute("electricityTonnes", plain(r.figures().electricityTonnes()));
        model.addAttribute("processTonnes", plain(r.figures().processTonnes()));
        model.addAttribute("exactTonnes", plain(r.figures().exactTonnes()));

        // the per-installation figures and the structured substitutions: the same computation, read again from the stored rows
        List<InstallationRow> installations = new ArrayList<>();
        List<SubstitutionRow> substitutions = new ArrayList<>();
        Optional<CoveredEntity> covered = store.entity(r.entity());
        Optional<Ruleset> rules = rules(r.jurisdiction());
        Integrity integrity = desk.integrity(r);
        Validation<EmissionsAccount> account = null;
        try {
            if (rules.isPresent()) account = new Accounting(rules.get()).account(r.report());
        } catch (RuntimeException x) {
            // only rows changed behind the platform's back get here (every row was checked when saved): the tamper warning says so
        }
        if (account != null && account.isValid()) {
            for (InstallationTotal t : account.value().installations()) {
                Optional<InstallationSpec> spec = covered.flatMap(c -> c.installation(t.installation())).flatMap(i -> i.versionForYear(r.year()))
                        .map(v -> v.spec());
                installations.add(new InstallationRow(t.installation().value(), spec.map(s -> s.kind().name()).orElse(null),
                        spec.map(InstallationSpec::province).orElse(""), plain(t.fuelTonnes()), plain(t.electricityTonnes()), plain(t.processTonnes()),
                        plain(t.exactTonnes()), t.roundedTonnes()));
            }
            for (Substitution s : account.value().trace().substitutions())
                substitutions.add(new SubstitutionRow(s.unit().value(), s.month(), s.fuel().code(), s.factor(), s.origin().name(), s.value().toPlainString(),
                        s.rule().stream().map(Parameter::brief).toList(), s.rule().stream().anyMatch(Parameter::isUnconfirmed), s.why()));
        }
        model.addAttribute("installations", installations);
        model.addAttribute("substitutions", substitutions);
        model.addAttribute("integrity", integrity);
        model.addAttribute("correctionReason", r.correctionReason());

        Optional<VerificationView> v = store.verification(r.entity(), r.year());
        model.addAttribute("verification", v.map(x -> row(p, x)).orElse(null));
        // findings: the assigned verifier raises and closes them, the entity's representatives answer, while the statement is not issued
        boolean open = v.isPresent() && v.get().opinion() == null;
        boolean assignedVerifier = v.isPresent() && p.isVerifier() && p.mayWrite() && v.get().verifier().value().equals(p.verifier());
        boolean answers = open && desk.mayAnswer(p, e);
        model.addAttribute("findings", v.map(x -> x.findings().stream().map(f -> new FindingRow(f.number(), f.text(), f.state().name(), f.raisedBy().value(),
                PageViews.time(f.raisedAt()), f.corrections().stream().map(c -> new CorrectionRow(c.seq(), c.description(), c.reportId(), c.reportSeal(),
                        c.by().value(), PageViews.time(c.at()))).toList(), f.closingNote(), f.closedBy() == null ? null : f.closedBy().value(),
                PageViews.time(f.closedAt()), answers && f.closedBy() == null, open && assignedVerifier && "ANSWERED".equals(f.state().name()))).toList())
                .orElse(List.of()));
        model.addAttribute("mayRaise", open && assignedVerifier);
        // an answer may point at the corrected report: the entity-year's current submission
        model.addAttribute("currentSubmission", answers ? store.currentSubmission(r.entity(), r.year()).map(ReportView::id).orElse(null) : null);
        boolean initiator = p.mayWrite() && e.accountId() != null && p.roles(e.accountId()).contains(Role.INITIATOR);
        model.addAttribute("maySubmit", initiator && r.status() == ReportStatus.DRAFT);
        // a draft: what the register says it still has to cover before it may be sealed
        model.addAttribute("gaps", r.status() == ReportStatus.DRAFT ? covered.map(c -> gapRows(ReportCoverage.gaps(c, r.report()))).orElse(List.of()) : List.of());
        // sealing this draft would replace the submitted report: a correction, which needs its reason
        model.addAttribute("replaces", initiator && r.status() == ReportStatus.DRAFT
                ? store.currentSubmission(r.entity(), r.year()).map(ReportView::id).orElse(null) : null);
        model.addAttribute("mayState", r.status() == ReportStatus.SUBMITTED && p.isVerifier() && v.isPresent()
                && v.get().verifier().value().equals(p.verifier()) && v.get().opinion() == null);
        model.addAttribute("mayAssign", r.status() == ReportStatus.SUBMITTED && v.isEmpty() && p.mayWrite() && p.administers(r.jurisdiction()));
        model.addAttribute("verifiers", assignable(java.util.Set.of(r.jurisdiction())));
        return "emissions-report";
    }

    // ---------------------------------------------------------------------------------------------- verifier

    @GetMapping("/emissions/queue")
    String queue(Model model) {
        Permissions p = access.current();
        if (!p.isVerifier() && !p.auditor())
            throw desk.refuse(p, "READ verification queue", "emissions", "NOT_AUTHORISED", p.login() + " is not a verifier").say("detail.deny.notVerifier");
        model.addAttribute("queue", desk.verifications(p, 500).stream().map(v -> row(p, v)).toList());
        return "emissions-queue";
    }

    @PostMapping("/emissions/verifications/{entity}/{year}/statement")
    String statement(@PathVariable String entity, @PathVariable Integer year, @RequestParam(required = false) String opinion,
                     @RequestParam(required = false) String remarks, @RequestParam(required = false) Long back, RedirectAttributes ra) {
        Permissions p = access.current();
        String to = back == null ? "/emissions/queue" : "/emissions/reports/" + back;
        return PageSupport.act(ra, to, () -> {
            VerificationView v = desk.statement(p, entity, year, opinion, null, remarks == null || remarks.isBlank() ? null : remarks.strip());
            return new PageSupport.Flash("done", "STATEMENT_ISSUED", null, null, null);
        });
    }

    @PostMapping("/emissions/verifications/{entity}/{year}/findings")
    String raiseFinding(@PathVariable String entity, @PathVariable Integer year, @RequestParam(required = false) String text,
                        @RequestParam(required = false) Long back, RedirectAttributes ra) {
        Permissions p = access.current();
        return PageSupport.act(ra, back == null ? "/emissions/queue" : "/emissions/reports/" + back, () -> {
            desk.raiseFinding(p, entity, year, text);
            return new PageSupport.Flash("done", "FINDING_RAISED", null, null, null);
        });
    }

    @PostMapping("/emissions/verifications/{entity}/{year}/findings/{number}/corrections")
    String answerFinding(@PathVariable String entity, @PathVariable Integer year, @PathVariable Integer number,
                         @RequestParam(required = false) String text, @RequestParam(required = false) Long reportId,
                         @RequestParam(required = false) Long back, RedirectAttributes ra) {
        Permissions p = access.current();
        return PageSupport.act(ra, back == null ? "/emissions" : "/emissions/reports/" + back, () -> {
            desk.answerFinding(p, entity, year, number, text, reportId);
            return new PageSupport.Flash("done", "FINDING_ANSWERED", null, null, null);
        });
    }

    @PostMapping("/emissions/verifications/{entity}/{year}/findings/{number}/close")
    String closeFinding(@PathVariable String entity, @PathVariable Integer year, @PathVariable Integer number,
                        @RequestParam(required = false) String note, @RequestParam(required = false) Long back, RedirectAttributes ra) {
        Permissions p = access.current();
        return PageSupport.act(ra, back == null ? "/emissions/queue" : "/emissions/reports/" + back, () -> {
            desk.closeFinding(p, entity, year, number, note == null || note.isBlank() ? null : note.strip());
            return new PageSupport.Flash("done", "FINDING_CLOSED", null, null, null);
        });
    }

    // ---------------------------------------------------------------------------------------------- regulator

    @PostMapping("/emissions/verifications/{entity}/{year}/approve")
    String approve(@PathVariable String entity, @PathVariable Integer year, @RequestParam(required = false) Long back, RedirectAttributes ra) {
        Permissions p = access.current();
        String to = back == null ? "/emissions/overview" : "/emissions/reports/" + back;
        return PageSupport.act(ra, to, () -> {
            VerificationView v = desk.approve(p, entity, year);
            return new PageSupport.Flash("done", "VERIFICATION_APPROVED", null, null, null);
        });
    }

    @PostMapping("/emissions/verifications")
    String assign(@RequestParam(required = false) String entity, @RequestParam(required = false) Integer year,
                  @RequestParam(required = false) String verifier, @RequestParam(required = false) Long back, RedirectAttributes ra) {
        Permissions p = access.current();
        String to = back == null ? "/emissions/overview" : "/emissions/reports/" + back;
        return PageSupport.act(ra, to, () -> {
            VerificationView v = desk.assign(p, entity == null ? null : entity.strip(), year, verifier == null ? null : verifier.strip());
            return new PageSupport.Flash("done", "VERIFIER_ASSIGNED", null, null, null);
        });
    }

    @GetMapping("/emissions/overview")
    String overview(Model model) {
        Permissions p = access.current();
        if (!p.auditor() && !p.isAdministrator())
            throw desk.refuse(p, "READ emissions overview", "emissions", "NOT_AUTHORISED", p.login() + " neither regulates nor audits").say("detail.deny.overview");
        LocalDate today = today();
        List<EntityView> entities = store.entities().stream().filter(e -> p.auditor() || p.administers(e.jurisdiction())).toList();
        Set<EntityId> inScope = new java.util.HashSet<>();
        entities.forEach(e -> inScope.add(e.id()));
        List<ReportSummary> reports = desk.reports(p, null, null, 1000).stream().filter(s -> inScope.contains(s.entity())).toList();

        Map<String, Integer> byStatus = new LinkedHashMap<>();
        for (ReportStatus s : ReportStatus.values()) byStatus.put(s.name(), 0);
        reports.forEach(s -> byStatus.merge(s.status().name(), 1, Integer::sum));

        // the current report of each entity-year: the submitted one, else the draft
        Map<String, ReportSummary> current = new TreeMap<>();
        for (ReportSummary s : reports) {
            if (s.status() == ReportStatus.SUPERSEDED) continue;
            String key = s.entity().value() + "/" + s.year();
            ReportSummary had = current.get(key);
            if (had == null || (had.status() == ReportStatus.DRAFT && s.status() == ReportStatus.SUBMITTED)) current.put(key, s);
        }
        Map<String, int[]> kindCount = new TreeMap<>(), fuelCount = new TreeMap<>(), provinceCount = new TreeMap<>();
        Map<String, long[]> kindTonnes = new TreeMap<>(), fuelTonnes = new TreeMap<>(), provinceTonnes = new TreeMap<>();
        Map<String, Integer> verificationStatus = new LinkedHashMap<>();
        for (String s : List.of("UNASSIGNED", "ASSIGNED", "STATEMENT_ISSUED", "APPROVED")) verificationStatus.put(s, 0);
        for (ReportSummary s : current.values()) {
            Optional<CoveredEntity> c = store.entity(s.entity());
            Set<String> kinds = new TreeSet<>(), provinces = new TreeSet<>(), fuels = new TreeSet<>();
            c.ifPresent(x -> {
                for (Installation i : x.installations())
                    i.versionForYear(s.year()).ifPresent(v -> {
                        kinds.add(v.spec().kind().name());
                        provinces.add(v.spec().province());
                    });
            });
            store.report(s.id()).ifPresent(r -> r.report().fuels().stream().map(FuelUse::fuel).forEach(f -> fuels.add(f.code())));
            for (String k : kinds) add(kindCount, kindTonnes, k, s.totalTonnes());
            for (String f : fuels) add(fuelCount, fuelTonnes, f, s.totalTonnes());
            for (String pr : provinces) add(provinceCount, provinceTonnes, pr, s.totalTonnes());
            if (s.status() == ReportStatus.SUBMITTED)
                verificationStatus.merge(store.verification(s.entity(), s.year()).map(VerificationView::status).orElse("UNASSIGNED"), 1, Integer::sum);
        }
        model.addAttribute("byStatus", byStatus);
        model.addAttribute("byVerification", verificationStatus);
        model.addAttribute("byKind", groups(kindCount, kindTonnes));
        model.addAttribute("byFuel", groups(fuelCount, fuelTonnes));
        model.addAttribute("byProvince", groups(provinceCount, provinceTonnes));
        model.addAttribute("overdue", overdue(entities, reports, today));
        // the seal check, run now over the sealed reports of the jurisdictions in scope (all, for auditors)
        SealCheck seals = desk.checkSeals(p);
        model.addAttribute("sealCheck", seals);
        model.addAttribute("sealRows", seals.mismatches().stream().map(m -> new SealRow(m.reportId(), m.entity() == null ? "" : m.entity().value(),
                m.entity() == null ? "" : name(m.entity()), m.year(), m.code(), m.detail())).toList());
        model.addAttribute("sealTampered", seals.mismatches().stream().map(m -> m.reportId()).distinct().count());
        model.addAttribute("today", today.toString());
        model.addAttribute("reports", current.values().stream().map(this::row).toList());
        model.addAttribute("verifications", desk.verifications(p, 1000).stream().filter(v -> inScope.contains(v.entity())).map(v -> row(p, v)).toList());
        model.addAttribute("mayAssign", p.mayWrite() && p.isAdministrator());
        model.addAttribute("verifiers", assignable(p.administered().stream().map(Jurisdiction::of).collect(java.util.stream.Collectors.toSet())));
        model.addAttribute("entities", entities.stream().map(e -> new Choice(e.id().value(), e.name())).toList());
        model.addAttribute("defaultYear", today.getYear() - 1);
        return "emissions-overview";
    }

    private static void add(Map<String, int[]> counts, Map<String, long[]> tonnes, String key, long t) {
        counts.computeIfAbsent(key, k -> new int[1])[0]++;
        tonnes.computeIfAbsent(key, k -> new long[1])[0] += t;
    }

    private static List<GroupRow> groups(Map<String, int[]> counts, Map<String, long[]> tonnes) {
        return counts.keySet().stream().map(k -> new GroupRow(k, counts.get(k)[0], tonnes.get(k)[0])).toList();
    }

    /**
     * Entity-years past a deadline of the ruleset: no report sealed by the report deadline, or no approved
     * verification by the verification deadline. The years looked at are those with reports, and the last data year.
     */
    List<OverdueRow> overdue(List<EntityView> entities, List<ReportSummary> reports, LocalDate today) {
        List<OverdueRow> out = new ArrayList<>();
        for (EntityView e : entities) {
            Optional<Ruleset> rules = rules(e.jurisdiction());
            if (rules.isEmpty()) continue;
            Set<Integer> years = new TreeSet<>();
            years.add(today.getYear() - 1);
            reports.stream().filter(s -> s.entity().equals(e.id())).forEach(s -> years.add(s.year()));
            for (int year : years) {
                int y = year;
                List<ReportSummary> mine = reports.stream().filter(s -> s.entity().equals(e.id()) && s.year() == y).toList();
                LocalDate submitted = mine.stream().map(ReportSummary::submittedAt).filter(java.util.Objects::nonNull).min(Comparator.naturalOrder())
                        .map(this::day).orElse(null);
                Long reportId = mine.stream().filter(s -> s.status() != ReportStatus.SUPERSEDED).map(ReportSummary::id).findFirst().orElse(null);
                Validation<Deadline> report = Deadline.of(rules.get(), DeadlineKind.REPORT, year);
                if (report.isValid()) check(out, e, year, report.value(), submitted, today, reportId);
                Validation<Deadline> verification = Deadline.of(rules.get(), DeadlineKind.VERIFICATION, year);
                LocalDate approved = store.verification(e.id(), year).map(VerificationView::approvedAt).map(this::day).orElse(null);
                if (verification.isValid()) check(out, e, year, verification.value(), approved, today, reportId);
            }
        }
        out.sort(Comparator.comparing(OverdueRow::due).thenComparing(OverdueRow::entity));
        return out;
    }

    private LocalDate day(Instant t) { return LocalDate.ofInstant(t, PageViews.ZONE); }

    private static void check(List<OverdueRow> out, EntityView e, int year, Deadline d, LocalDate doneOn, LocalDate today, Long reportId) {
        LocalDate done = doneOn != null && doneOn.isAfter(today) ? today : doneOn;
        if (d.status(done, today) == DeadlineStatus.OVERDUE)
            out.add(new OverdueRow(e.id().value(), e.name(), year, d.kind().name(), d.due().toString(), ChronoUnit.DAYS.between(d.due(), today), reportId));
    }
}
