package org.openets.web.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.openets.emissions.FuelUse;
import org.openets.emissions.ProductOutput;
import org.openets.emissions.RawReport;
import org.openets.emissions.UnitActivity;
import org.openets.emissions.evidence.Attachment;
import org.openets.web.BodyLimitFilter;
import org.openets.web.Problem;
import org.openets.web.desk.EmissionsDesk;
import org.openets.web.security.Access;
import org.openets.web.security.Permissions;
import org.openets.web.sheets.ReportSheets;
import org.openets.workflows.emissions.EmissionsViews.FiguresVersionView;
import org.openets.workflows.emissions.EmissionsViews.FindingView;
import org.openets.workflows.emissions.EmissionsViews.Integrity;
import org.openets.workflows.emissions.EmissionsViews.NewAttachment;
import org.openets.workflows.emissions.EmissionsViews.ReportSummary;
import org.openets.workflows.emissions.EmissionsViews.ReportView;
import org.openets.workflows.emissions.EmissionsViews.SealCheck;
import org.openets.workflows.emissions.EmissionsViews.VerificationView;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Emissions MRV (issue 3): annual reports, their computed figures and trace, verification. See docs/reference/emissions-api.md. */
@RestController
@RequestMapping("/api/v1/emissions")
@Tag(name = "Emissions", description = "Annual emissions reports, computed figures with their trace, verification and final figures")
public class EmissionsApi {
    private final EmissionsDesk desk;
    private final Access access;

    public EmissionsApi(EmissionsDesk desk, Access access) {
        this.desk = desk;
        this.access = access;
    }

    // ---------------------------------------------------------------------------------------------- JSON

    public record AttachmentIn(String fileName, String mediaType, String content) {}

    /** A report as sheet rows: each row an object of column → text or number, exactly as typed. */
    public record ReportIn(String entity, Integer year, List<Map<String, Object>> fuels, List<Map<String, Object>> activity,
                           List<Map<String, Object>> outputs, List<AttachmentIn> attachments, Boolean submit, String reason) {}

    /** Why a submission replaces the entity-year's earlier one (required then). */
    public record SubmitIn(String reason) {}

    public record SealJson(String encoding, String sha256) {}

    public record FiguresJson(String ruleset, String fuelTonnes, String electricityTonnes, String processTonnes, String exactTonnes, long totalTonnes,
                              boolean restsOnUnconfirmedValues, List<String> substitutions, List<String> trace) {}

    public record FuelJson(String unit, int month, String fuel, String quantity, String ncv, String carbonContent, String carbonArPercent,
                           String oxidationRate) {}

    public record ActivityJson(String unit, int month, String generationMwh, String supplyMwh, String heatSuppliedGj, String purchasedElectricityMwh) {}

    public record OutputJson(String installation, int month, String product, String tonnes) {}

    public record AttachmentJson(String sha256, String fileName, String mediaType, long size) {}

    @io.swagger.v3.oas.annotations.media.Schema(name = "EmissionsProblemJson")

    public record ProblemJson(String code, String detail) {}

    /**
     * Whether the report is still what it was sealed as, judged when it was read: UNSEALED (a draft), INTACT or
     * TAMPERED, with what was found (SEAL_MISMATCH, ATTACHMENT_ALTERED, ATTACHMENT_MISSING, CONTENT_UNREADABLE).
     */
    public record IntegrityJson(String state, boolean tampered, List<ProblemJson> problems) {
        static IntegrityJson of(Integrity i) {
            return new IntegrityJson(i.state().name(), i.tampered(), i.problems().stream().map(m -> new ProblemJson(m.code(), m.detail())).toList());
        }
    }

    /** A report; when tampered, the rows that no longer read are left out of fuels, activity, outputs and attachments. */
    public record ReportJson(long id, String entity, String jurisdiction, int year, String status, String savedBy, Instant savedAt, String submittedBy,
                             Instant submittedAt, SealJson seal, String correctionReason, IntegrityJson integrity, FiguresJson figures, List<FuelJson> fuels,
                             List<ActivityJson> activity, List<OutputJson> outputs, List<AttachmentJson> attachments) {
        static ReportJson of(ReportView r, Integrity integrity) {
            var f = r.figures();
            return new ReportJson(r.id(), r.entity().value(), r.jurisdiction().code(), r.year(), r.status().name(), r.savedBy().value(), r.savedAt(),
                    r.submittedBy() == null ? null : r.submittedBy().value(), r.submittedAt(),
                    r.seal() == null ? null : new SealJson(r.seal().encoding(), r.seal().sha256()), r.correctionReason(), IntegrityJson.of(integrity),
                    new FiguresJson(f.ruleset(), plain(f.fuelTonnes()), plain(f.electricityTonnes()), plain(f.processTonnes()), plain(f.exactTonnes()),
                            f.totalTonnes(), f.restsOnUnconfirmedValues(), f.substitutions(), f.trace()),
                    r.report().fuels().stream().map(EmissionsApi::fuel).toList(), r.report().activity().stream().map(EmissionsApi::activity).toList(),
                    r.report().outputs().stream().map(EmissionsApi::output).toList(),
                    r.attachments().stream().map(a -> new AttachmentJson(a.sha256(), a.fileName(), a.mediaType(), a.size())).toList());
        }
    }

    ReportJson json(ReportView r) { return ReportJson.of(r, desk.integrity(r)); }

    public record ReportSummaryJson(long id, String entity, String jurisdiction, int year, String status, long totalTonnes, Instant savedAt,
                                    Instant submittedAt, String sealSha256) {
        static ReportSummaryJson of(ReportSummary s) {
            return new ReportSummaryJson(s.id(), s.entity().value(), s.jurisdiction().code(), s.year(), s.status().name(), s.totalTonnes(), s.savedAt(),
                    s.submittedAt(), s.sealSha256());
        }
    }

    public record AssignIn(String entity, Integer year, String verifier) {}

    public record StatementIn(String opinion, Long emissions, String remarks) {}

    public record AmendIn(Long emissions, String reason) {}

    @io.swagger.v3.oas.annotations.media.Schema(name = "EmissionsVersionJson")

    public record VersionJson(int version, long emissions, Map<String, String> outputs, String reason, String by, Instant at) {}

    public record FindingIn(String text) {}

    /** The entity's answer to a finding; {@code reportId} names the corrected report (the entity-year's current submission), if any. */
    public record CorrectionIn(String description, Long reportId) {}

    public record CloseIn(String note) {}

    public record CorrectionJson(int seq, String description, Long reportId, String reportSeal, String by, Instant at) {}

    public record FindingJson(int number, String text, String state, String raisedBy, Instant raisedAt, List<CorrectionJson> corrections,
                              String closingNote, String closedBy, Instant closedAt) {
        static FindingJson of(FindingView f) {
            return new FindingJson(f.number(), f.text(), f.state().name(), f.raisedBy().value(), f.raisedAt(), f.corrections().stream()
                    .map(c -> new CorrectionJson(c.seq(), c.description(), c.reportId(), c.reportSeal(), c.by().value(), c.at())).toList(),
                    f.closingNote(), f.closedBy() == null ? null : f.closedBy().value(), f.closedAt());
        }
    }

    @io.swagger.v3.oas.annotations.media.Schema(name = "EmissionsVerificationJson")

    public record VerificationJson(String entity, String jurisdiction, int year, String status, String verifier, String assignedBy, Instant assignedAt,
                                   String opinion, Long statedEmissions, Map<String, String> statedOutputs, String remarks, Long reportId,
                                   String reportSeal, String issuedBy, Instant issuedAt, String approvedBy, Instant approvedAt,
                                   List<VersionJson> versions, Long currentEmissions, List<FindingJson> findings, long unclosedFindings) {
        static VerificationJson of(VerificationView v) {
            List<VersionJson> versions = v.versions().stream().map(EmissionsApi::version).toList();
            return new VerificationJson(v.entity().value(), v.jurisdiction().code(), v.year(), v.status(), v.verifier().value(), v.assignedBy().value(),
                    v.assignedAt(), v.opinion() == null ? null : v.opinion().name(), v.statedEmissions() == null ? null : v.statedEmissions().longValue(),
                    outputs(v.statedOutputs()), v.remarks(), v.reportId(), v.reportSeal(), v.issuedBy() == null ? null : v.issuedBy().value(), v.issuedAt(),
                    v.approvedBy() == null ? null : v.approvedBy().value(), v.approvedAt(), versions,
                    versions.isEmpty() ? null : versions.getLast().emissions(), v.findings().stream().map(FindingJson::of).toList(), v.unclosedFindings());
        }
    }

    public record MismatchJson(long reportId, String entity, int year, String code, String detail) {}

    public record SealCheckJson(int reportsChecked, int attachmentsChecked, boolean clean, List<MismatchJson> mismatches) {
        static SealCheckJson of(SealCheck c) {
            return new SealCheckJson(c.reportsChecked(), c.attachmentsChecked(), c.clean(), c.mismatches().stream()
                    .map(m -> new MismatchJson(m.reportId(), m.entity() == null ? null : m.entity().value(), m.year(), m.code(), m.detail())).toList());
        }
    }

    static String plain(BigDecimal d) { return d == null ? null : d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString(); }

    static FuelJson fuel(FuelUse f) {
        return new FuelJson(f.unit().value(), f.month(), f.fuel().code(), plain(f.quantity()), plain(f.ncv()), plain(f.carbonContent()),
                plain(f.carbonArPercent()), plain(f.oxidationRate()));
    }

    static ActivityJson activity(UnitActivity a) {
        return new ActivityJson(a.unit().value(), a.month(), plain(a.generationMwh()), plain(a.supplyMwh()), plain(a.heatSuppliedGj()),
                plain(a.purchasedElectricityMwh()));
    }

    static OutputJson output(ProductOutput o) { return new OutputJson(o.installation().value(), o.month(), o.product().name(), plain(o.tonnes())); }

    static Map<String, String> outputs(Map<? extends Enum<?>, BigDecimal> m) {
        Map<String, String> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k.name(), plain(v)));
        return out;
    }

    static VersionJson version(FiguresVersionView v) {
        return new VersionJson(v.version(), v.emissionsTonnes(), outputs(v.outputs()), v.reason(), v.by().value(), v.at());
    }

    static List<NewAttachment> attachments(List<AttachmentIn> in) {
        if (in == null) return List.of();
        List<NewAttachment> out = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            AttachmentIn a = in.get(i);
            if (a == null || a.fileName() == null || a.fileName().isBlank() || a.fileName().length() > 200)
                throw Problem.badRequest("VALIDATION_FAILED", "attachment " + (i + 1) + ": fileName is required (at most 200 characters)").with("attachment", i + 1)
                        .say("detail.attachment.fileName", i + 1, 200);
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(a.content() == null ? "" : a.content());
            } catch (IllegalArgumentException e) {
                throw Problem.badRequest("VALIDATION_FAILED", "attachment " + (i + 1) + ": content must be base64").with("attachment", i + 1).say("detail.attachment.encoding", i + 1);
            }
            String media = a.mediaType() == null || a.mediaType().isBlank() ? "application/octet-stream" : a.mediaType();
            out.add(new NewAttachment(a.fileName(), media, bytes));
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------- reports

    @PostMapping(value = "/reports", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Save a report as sheet rows (an initiator of the entity's account); with submit=true it is sealed at once. "
            + "Any problem: 422 INVALID_REPORT listing every problem with sheet, row and field, and nothing is saved")
    public ResponseEntity<ReportJson> save(@RequestBody ReportIn in) {
        if (in == null) throw Problem.badRequest("VALIDATION_FAILED", "the body must be a JSON object").say("detail.jsonObject");
        Permissions p = access.current();
        // who may report is checked before the rows are read, so an outsider learns nothing from their problems
        desk.mayReport(p, in.entity(), in.year(), Boolean.TRUE.equals(in.submit()));
        RawReport raw = new RawReport(EmissionsDesk.rows("fuels", in.fuels()), EmissionsDesk.rows("activity", in.activity()),
                EmissionsDesk.rows("outputs", in.outputs()));
        ReportView r = desk.save(p, in.entity(), in.year(), raw, attachments(in.attachments()), Boolean.TRUE.equals(in.submit()), in.reason());
        return ResponseEntity.status(HttpStatus.CREATED).body(json(r));
    }

    @PostMapping(value = "/reports", consumes = "text/csv")
    @Operation(summary = "Save a report from one CSV file: a header, a column 'sheet' (fuels, activity, outputs) and the sheets' columns")
    public ResponseEntity<ReportJson> saveCsv(@RequestParam String entity, @RequestParam Integer year, @RequestParam(defaultValue = "false") boolean submit,
                                              @RequestParam(required = false) String reason, @RequestBody String csv) {
        Permissions p = access.current();
        // who may report is checked before the file is read, so an outsider learns nothing from its problems
        desk.mayReport(p, entity, year, submit);
        ReportView r = desk.save(p, entity, year, EmissionsDesk.csv(csv == null ? "" : csv), List.of(), submit, reason);
        return ResponseEntity.status(HttpStatus.CREATED).body(json(r));
    }

    @PostMapping(value = "/reports", consumes = BodyLimitFilter.XLSX)
    @Operation(summary = "Save a report from an xlsx workbook (sheets 燃料, 生产数据, 产品产量; Chinese or English column headers). "
            + "Problems name the sheet, the row as Excel shows it and the field; a missing sheet is MISSING_SHEET; nothing is saved on any problem")
    public ResponseEntity<ReportJson> saveXlsx(@RequestParam String entity, @RequestParam Integer year, @RequestParam(defaultValue = "false") boolean submit,
                                               @RequestParam(required = false) String reason, @RequestBody byte[] xlsx) {
        return saveWorkbook(entity, year, submit, reason, xlsx);
    }

    @PostMapping(value = "/reports/{entity}/{year}", consumes = BodyLimitFilter.XLSX)
    @Operation(summary = "Save a report from an xlsx workbook: the same as POST /reports?entity=&year= with the workbook")
    public ResponseEntity<ReportJson> saveXlsxAt(@PathVariable String entity, @PathVariable Integer year,
                                                 @RequestParam(defaultValue = "false") boolean submit, @RequestParam(required = false) String reason,
                                                 @RequestBody byte[] xlsx) {
        return saveWorkbook(entity, year, submit, reason, xlsx);
    }

    @PostMapping(value = "/reports/{entity}/{year}", consumes = "text/csv")
    @Operation(summary = "Save a report from one CSV file: the same as POST /reports?entity=&year= with the file")
    public ResponseEntity<ReportJson> saveCsvAt(@PathVariable String entity, @PathVariable Integer year,
                                                @RequestParam(defaultValue = "false") boolean submit, @RequestParam(required = false) String reason,
                                                @RequestBody String csv) {
        return saveCsv(entity, year, submit, reason, csv);
    }

    private ResponseEntity<ReportJson> saveWorkbook(String entity, Integer year, boolean submit, String reason, byte[] xlsx) {
        Permissions p = access.current();
        // who may report is checked before the workbook is read, so an outsider learns nothing from its problems
        desk.mayReport(p, entity, year, submit);
        try {
            ReportView r = desk.save(p, entity, year, ReportSheets.read(xlsx), List.of(), submit, reason);
            return ResponseEntity.status(HttpStatus.CREATED).body(json(r));
        } catch (Problem e) {
            throw ReportSheets.withSheets(e);
        }
    }

    static final MediaType XLSX = MediaType.parseMediaType(BodyLimitFilter.XLSX);

    static <T> ResponseEntity<T> download(MediaType type, String fileName, T body) {
        return ResponseEntity.ok().contentType(type).header("Content-Disposition", "attachment; filename=\"" + fileName + "\"").body(body);
    }

    @GetMapping("/templates/report.xlsx")
    @Operation(summary = "The empty report workbook: sheets 燃料, 生产数据, 产品产量 with their Chinese column headers")
    public ResponseEntity<byte[]> templateXlsx() {
        return download(XLSX, "report.xlsx", ReportSheets.template());
    }

    @GetMapping("/templates/report.csv")
    @Operation(summary = "The empty report CSV (UTF-8 with a byte-order mark): the column 表 (the sheet) and every sheet's Chinese column headers")
    public ResponseEntity<String> templateCsv() {
        return org.openets.web.CsvFiles.download("report.csv", ReportSheets.templateCsv());
    }

    static final List<String> VERIFIED_HEADER = List.of("entity", "entity_name", "account", "jurisdiction", "year", "verifier", "verified_emissions_t",
            "verified_outputs", "figures_version", "approved_at", "approved_by", "version_at", "version_reason");

    static List<List<Object>> verifiedRows(List<EmissionsDesk.VerifiedRow> rows) {
        List<List<Object>> out = new ArrayList<>();
        for (EmissionsDesk.VerifiedRow r : rows) {
            StringBuilder outputs = new StringBuilder();
            r.outputs().forEach((k, v) -> outputs.append(outputs.isEmpty() ? "" : "; ").append(k).append('=').append(plain(v)));
            out.add(java.util.Arrays.asList(r.entity(), r.entityName(), r.account(), r.jurisdiction(), r.year(), r.verifier(), r.emissionsTonnes(),
                    outputs.toString(), r.figuresVersion(), r.approvedAt() == null ? null : r.approvedAt().toString(), r.approvedBy(),
                    r.versionAt() == null ? null : r.versionAt().toString(), r.versionReason()));
        }
        return out;
    }

    @GetMapping("/verified/{jurisdiction}/{year}.xlsx")
    @Operation(summary = "The verified-emissions table of a jurisdiction-year as xlsx: each entity's approved figures at their current version "
            + "(regulators of the jurisdiction, auditors)")
    public ResponseEntity<byte[]> verifiedXlsx(@PathVariable String jurisdiction, @PathVariable Integer year) {
        List<EmissionsDesk.VerifiedRow> rows = desk.verified(access.current(), jurisdiction, year);
        String name = "verified-" + rows.stream().map(EmissionsDesk.VerifiedRow::jurisdiction).findFirst().orElse(jurisdiction.toUpperCase(java.util.Locale.ROOT))
                + "-" + year;
        return download(XLSX, name + ".xlsx", ReportSheets.table("verified " + year, VERIFIED_HEADER, verifiedRows(rows)));
    }

    @GetMapping("/verified/{jurisdiction}/{year}.csv")
    @Operation(summary = "The verified-emissions table of a jurisdiction-year as CSV, UTF-8 with a byte-order mark (regulators of the jurisdiction, "
            + "auditors); an unknown jurisdiction is 404 UNKNOWN_JURISDICTION")
    public ResponseEntity<String> verifiedCsv(@PathVariable String jurisdiction, @PathVariable Integer year) {
        List<EmissionsDesk.VerifiedRow> rows = desk.verified(access.current(), jurisdiction, year);
        return org.openets.web.CsvFiles.download("verified-" + jurisdiction.toUpperCase(java.util.Locale.ROOT) + "-" + year + ".csv",
                ReportSheets.tableCsv(VERIFIED_HEADER, verifiedRows(rows)));
    }

    @PostMapping("/reports/{id}/submit")
    @Operation(summary = "Seal a draft report; from then on it is never edited. When it replaces an earlier submission of the entity-year "
            + "(a correction), the body {\"reason\": ...} says why: without it 422 REASON_REQUIRED",
            description = "The body is optional: without one, a first submission of the entity-year is sealed; a correction is refused 422 REASON_REQUIRED")
    public ReportJson submit(@PathVariable long id, @RequestBody(required = false) SubmitIn in) {
        return json(desk.submit(access.current(), id, in == null ? null : in.reason()));
    }

    @GetMapping("/reports")
    @Operation(summary = "Reports you may see, newest first: your entity's; a verifier its assignments'; regulators their jurisdiction's; auditors all")
    public List<ReportSummaryJson> reports(@RequestParam(required = false) String entity, @RequestParam(required = false) Integer year,
                                           @RequestParam(defaultValue = "100") int limit) {
        return desk.reports(access.current(), entity, year, limit).stream().map(ReportSummaryJson::of).toList();
    }

    @GetMapping("/reports/{id}")
    @Operation(summary = "One report with its rows, attachments, seal, computed figures and trace, and its integrity: whether it still matches "
            + "its seal (INTACT), or was changed after sealing (TAMPERED, with what was found); never an error for a tampered report")
    public ReportJson report(@PathVariable long id) { return json(desk.report(access.current(), id)); }

    @GetMapping("/reports/{id}/attachments/{sha256}")
    @Operation(summary = "The bytes of one attachment of the report")
    public ResponseEntity<byte[]> attachment(@PathVariable long id, @PathVariable String sha256) {
        Permissions p = access.current();
        byte[] bytes = desk.attachment(p, id, sha256);
        Attachment a = desk.report(p, id).attachments().stream().filter(x -> x.sha256().equals(sha256)).findFirst().orElseThrow();
        MediaType type;
        try {
            type = MediaType.parseMediaType(a.mediaType());
        } catch (RuntimeException e) {
            type = MediaType.APPLICATION_OCTET_STREAM;
        }
        return ResponseEntity.ok().contentType(type).header("Content-Disposition", "attachment").body(bytes);
    }

    @GetMapping("/seal-check")
    @Operation(summary = "Recompute every sealed report's seal from the stored rows and attachment bytes; list what no longer matches (regulators, auditors)")
    public SealCheckJson sealCheck() { return SealCheckJson.of(desk.checkSeals(access.current())); }

    // ---------------------------------------------------------------------------------------------- verification

    @GetMapping("/verifications")
    @Operation(summary = "Verifications you may see: a verifier its organisation's assignments; regulators their jurisdiction's; auditors all")
    public List<VerificationJson> verifications(@RequestParam(defaultValue = "100") int limit) {
        return desk.verifications(access.current(), limit).stream().map(VerificationJson::of).toList();
    }

    @PostMapping("/verifications")
    @Operation(summary = "Assign a verifier to an entity-year (the regulator); 409 CONFLICT_OF_INTEREST when the independence rule forbids it")
    public ResponseEntity<VerificationJson> assign(@RequestBody AssignIn in) {
        if (in == null) throw Problem.badRequest("VALIDATION_FAILED", "the body must be a JSON object").say("detail.jsonObject");
        VerificationView v = desk.assign(access.current(), in.entity(), in.year(), in.verifier());
        return ResponseEntity.status(HttpStatus.CREATED).body(VerificationJson.of(v));
    }

    @GetMapping("/verifications/{entity}/{year}")
    @Operation(summary = "The verification of an entity-year")
    public VerificationJson verification(@PathVariable String entity, @PathVariable Integer year) {
        return VerificationJson.of(desk.verification(access.current(), entity, year));
    }

    @PostMapping("/verifications/{entity}/{year}/statement")
    @Operation(summary = "The assigned verifier's statement over the current sealed report (emissions default to its computed total)")
    public VerificationJson statement(@PathVariable String entity, @PathVariable Integer year, @RequestBody StatementIn in) {
        if (in == null) throw Problem.badRequest("VALIDATION_FAILED", "the body must be a JSON object").say("detail.jsonObject");
        return VerificationJson.of(desk.statement(access.current(), entity, year, in.opinion(), in.emissions(), in.remarks()));
    }

    @PostMapping("/verifications/{entity}/{year}/findings")
    @Operation(summary = "The assigned verifier raises a finding (不符合项) on the entity-year before its statement; numbered from 1. "
            + "Another verifier: 403 NOT_ASSIGNED; anyone else: 403 NOT_AUTHORISED")
    public ResponseEntity<VerificationJson> raiseFinding(@PathVariable String entity, @PathVariable Integer year, @RequestBody FindingIn in) {
        if (in == null) throw Problem.badRequest("VALIDATION_FAILED", "the body must be a JSON object").say("detail.jsonObject");
        VerificationView v = desk.raiseFinding(access.current(), entity, year, in.text());
        return ResponseEntity.status(HttpStatus.CREATED).body(VerificationJson.of(v));
    }

    @PostMapping("/verifications/{entity}/{year}/findings/{number}/corrections")
    @Operation(summary = "The entity's representative (initiator or approver) answers a finding not closed: what was changed and, with reportId, "
            + "the corrected report, which must be the current submission (a resubmission with its reason). Answers are appended")
    public ResponseEntity<VerificationJson> answerFinding(@PathVariable String entity, @PathVariable Integer year, @PathVariable Integer number,
                                                          @RequestBody CorrectionIn in) {
        if (in == null) throw Problem.badRequest("VALIDATION_FAILED", "the body must be a JSON object").say("detail.jsonObject");
        VerificationView v = desk.answerFinding(access.current(), entity, year, number, in.description(), in.reportId());
        return ResponseEntity.status(HttpStatus.CREATED).body(VerificationJson.of(v));
    }

    @PostMapping("/verifications/{entity}/{year}/findings/{number}/close")
    @Operation(summary = "The assigned verifier closes an answered finding (optional note). A statement other than NOT_QUALIFIED needs every "
            + "finding closed: 409 OPEN_FINDINGS",
            description = "The body ({\"note\": ...}) is optional: without one, the finding is closed without a note")
    public VerificationJson closeFinding(@PathVariable String entity, @PathVariable Integer year, @PathVariable Integer number,
                                         @RequestBody(required = false) CloseIn in) {
        return VerificationJson.of(desk.closeFinding(access.current(), entity, year, number, in == null ? null : in.note()));
    }

    @PostMapping("/verifications/{entity}/{year}/approve")
    @Operation(summary = "The regulator approves a qualified statement: its figures become final, version 1")
    public VerificationJson approve(@PathVariable String entity, @PathVariable Integer year) {
        return VerificationJson.of(desk.approve(access.current(), entity, year));
    }

    @PostMapping("/verifications/{entity}/{year}/amend")
    @Operation(summary = "The regulator corrects final figures: a new version with its reason; earlier versions stay")
    public VerificationJson amend(@PathVariable String entity, @PathVariable Integer year, @RequestBody AmendIn in) {
        if (in == null) throw Problem.badRequest("VALIDATION_FAILED", "the body must be a JSON object").say("detail.jsonObject");
        return VerificationJson.of(desk.amend(access.current(), entity, year, in.emissions(), in.reason()));
    }
}
