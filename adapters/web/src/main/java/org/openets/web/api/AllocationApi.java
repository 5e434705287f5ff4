package org.openets.web.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.openets.allocation.EntityAllocation;
import org.openets.allocation.Param;
import org.openets.allocation.Ruleset;
import org.openets.allocation.Stage;
import org.openets.allocation.TraceStep;
import org.openets.allocation.UnitAllocation;
import org.openets.allocation.WhatIf;
import org.openets.web.Problem;
import org.openets.web.desk.AllocationDesk;
import org.openets.web.security.Access;
import org.openets.web.sheets.AllocationSheets;
import org.openets.workflows.allocation.AllocationService;
import org.openets.workflows.allocation.AllocationViews.DeductionView;
import org.openets.workflows.allocation.AllocationViews.IssuanceRecord;
import org.openets.workflows.allocation.AllocationViews.RunRecord;
import org.springframework.http.HttpHeaders;
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
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Allocation (issue 4): rulesets, runs, what-if, comparisons, deductions, issuance. See docs/reference/allocation-api.md. */
@RestController
@RequestMapping("/api/v1/allocation")
@Tag(name = "Allocation", description = "Rulesets as data, allocation runs with their trace, what-if and comparison, next-year deductions, issuance as one 4-eyes batch")
public class AllocationApi {
    /** The most carbon prices a what-if runs at. */
    static final int MAX_PRICES = 10;

    private final AllocationDesk desk;
    private final Access access;
    private final org.openets.web.ui.AllocationTexts allocationTexts;

    public AllocationApi(AllocationDesk desk, Access access, org.openets.web.ui.AllocationTexts allocationTexts) {
        this.desk = desk;
        this.access = access;
        this.allocationTexts = allocationTexts;
    }

    public record RulesetJson(String id, String title, String jurisdiction, int fromYear, int toYear, boolean draft, List<String> categories,
                              int unconfirmedRows) {
        static RulesetJson of(Ruleset r) {
            return new RulesetJson(r.id(), r.title(), r.jurisdiction().code(), r.fromYear(), r.toYear(), r.draft(), r.categoryCodes(), r.unconfirmed().size());
        }
    }

    @GetMapping("/rulesets")
    @Operation(summary = "The bundled rulesets")
    public List<RulesetJson> rulesets() {
        requireSignedIn();
        return desk.service().bundled().stream().map(RulesetJson::of).toList();
    }

    @GetMapping(value = "/rulesets/{id}", produces = "text/tab-separated-values;charset=UTF-8")
    @Operation(summary = "A bundled ruleset's file (to edit into a draft)")
    public ResponseEntity<String> rulesetFile(@PathVariable String id) {
        requireSignedIn();
        Ruleset r = desk.ruleset(id, null, null);
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + r.name() + "\"")
                .contentType(MediaType.parseMediaType("text/tab-separated-values;charset=UTF-8")).body(r.text());
    }

    /** The years a population from MRV data may be asked for. */
    public static final int POPULATION_FIRST_YEAR = 2005, POPULATION_LAST_YEAR = 2100;

    @GetMapping(value = "/population", produces = "text/csv;charset=UTF-8")
    @Operation(summary = "A population file built from the platform's MRV data for a jurisdiction and year (load factor and heat ratio left to fill in)")
    public ResponseEntity<String> population(@RequestParam(required = false) String jurisdiction,
                                             @io.swagger.v3.oas.annotations.Parameter(schema = @io.swagger.v3.oas.annotations.media.Schema(type = "integer", minimum = "2005", maximum = "2100"))
                                             @RequestParam(required = false) String year) {
        // the year is read as text and judged after who may: someone refused is refused (and recorded) whatever they sent
        desk.authoriseAnyMrvPopulation(access.current(), jurisdiction, year);
        int y = year != null && year.matches("[0-9]{4}") ? Integer.parseInt(year) : -1;
        if (jurisdiction == null || !jurisdiction.matches("[A-Z]{2,8}") || y < POPULATION_FIRST_YEAR || y > POPULATION_LAST_YEAR)
            throw Problem.badRequest("VALIDATION_FAILED", "jurisdiction (e.g. CN) and year (2005-2100) are required")
                    .say("detail.population.params", POPULATION_FIRST_YEAR, POPULATION_LAST_YEAR);
        var built = desk.mrvPopulation(access.current(), jurisdiction, y);
        // UTF-8 with a byte-order mark, as every CSV download: the entity names are Chinese (a run reads the file back as it is)
        return org.openets.web.CsvFiles.download("population-" + jurisdiction + "-" + y + ".csv")
                .header("X-Population-Units", String.valueOf(built.units())).header("X-Population-Entities", String.valueOf(built.entities()))
                .header("X-Population-Verified-Entities", String.valueOf(built.verifiedEntities()))
                .body(org.openets.web.CsvFiles.withBom(built.csv()));
    }

    /** A run request: a bundled ruleset id or a draft ruleset's text; the population CSV; what-if options. */
    public record RunIn(String ruleset, String rulesetText, String rulesetName, Integer year, String stage, String population, String populationName,
                        Long preRunId, String title, Boolean whatIf, String basis, List<String> pricesYuan) {}

    public record RunSummaryJson(long id, String kind, String jurisdiction, String ruleset, String rulesetSha256, int year, String stage, String basis,
                                 String title, int units, long total, long free, long paid, Long emissions, List<String> unconfirmed, Long preRunId,
                                 String createdBy, Instant createdAt) {
        static RunSummaryJson of(RunRecord r) {
            return new RunSummaryJson(r.id(), r.kind().name(), r.jurisdiction(), r.rulesetId(), r.rulesetSha256(), r.year(), r.stage(), r.basis(), r.title(),
                    r.units(), r.total(), r.free(), r.paid(), r.emissions(), r.unconfirmed(), r.preRunId(), r.by(), r.at());
        }
    }

    @PostMapping(value = "/runs", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Run a ruleset over a population (allocation or what-if); 422 lists every problem with its line and field")
    public ResponseEntity<RunSummaryJson> run(@RequestBody RunIn in) {
        var p = access.current();
        if (in == null) throw Problem.badRequest("VALIDATION_FAILED", "a body is required").say("detail.jsonObject");
        // who may run is checked before the ruleset or the population is read, so an outsider learns nothing from their problems
        desk.mayRun(p, Boolean.TRUE.equals(in.whatIf()), in.ruleset() != null ? in.ruleset() : in.rulesetName());
        if (in.year() == null) throw Problem.badRequest("VALIDATION_FAILED", "year is required").say("detail.year.required");
        if (in.population() == null || in.population().isBlank()) throw Problem.badRequest("VALIDATION_FAILED", "population (CSV text) is required").say("detail.choosePopulation");
        Ruleset r = desk.ruleset(in.ruleset(), in.rulesetName(), in.rulesetText());
        RunRecord run;
        if (Boolean.TRUE.equals(in.whatIf())) {
            WhatIf.Basis basis = parseBasis(in.basis());
            run = desk.whatIf(p, r, in.year(), basis, prices(in.pricesYuan()), in.populationName(), in.population(), in.title());
        } else {
            run = desk.allocate(p, r, in.year(), parseStage(in.stage()), in.populationName(), in.population(), in.preRunId(), in.title());
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(RunSummaryJson.of(run));
    }

    static Stage parseStage(String s) {
        if (s == null || s.isBlank()) return Stage.FINAL;
        return switch (s.strip().toUpperCase()) {
            case "FINAL" -> Stage.FINAL;
            case "PRE", "PRE_ALLOCATION" -> Stage.PRE_ALLOCATION;
            default -> throw Problem.badRequest("VALIDATION_FAILED", "stage is FINAL or PRE_ALLOCATION").say("detail.stage.choose");
        };
    }

    static WhatIf.Basis parseBasis(String s) {
        if (s == null || s.isBlank()) return WhatIf.Basis.TOTAL;
        try {
            return WhatIf.Basis.valueOf(s.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest("VALIDATION_FAILED", "basis is TOTAL or FREE").say("detail.basis.choose");
        }
    }

    /** Prices in yuan per tonne with at most 2 decimals → fen. */
    public static List<Long> prices(List<String> yuan) {
        List<Long> out = new ArrayList<>();
        if (yuan == null) return out;
        if (yuan.size() > MAX_PRICES) throw Problem.badRequest("VALIDATION_FAILED", "at most " + MAX_PRICES + " prices").say("detail.prices.max", MAX_PRICES);
        for (String y : yuan) {
            if (y == null || !y.strip().matches("[0-9]{1,7}(\\.[0-9]{1,2})?")) throw Problem.badRequest("VALIDATION_FAILED", "a price is yuan per tonne like 58.50: " + y)
                    .say("detail.price.format", y);
            out.add(new BigDecimal(y.strip()).movePointRight(2).longValueExact());
        }
        return out;
    }

    @GetMapping("/runs")
    @Operation(summary = "Runs the caller may read, newest first (a representative: its own entities' totals only)")
    public List<RunSummaryJson> runs() {
        var p = access.current();
        return desk.runs(p).stream().map(r -> desk.readsInFull(p, r) ? RunSummaryJson.of(r) : own(r, desk.ownEntities(p, r))).toList();
    }

    /** A run's summary as a representative sees it: the totals of its own entities, not of the whole population. */
    static RunSummaryJson own(RunRecord r, java.util.Set<String> entities) {
        long total = 0, free = 0;
        for (var e : r.entities()) if (entities.contains(e.entityId())) { total += e.total(); free += e.free(); }
        return new RunSummaryJson(r.id(), r.kind().name(), r.jurisdiction(), r.rulesetId(), r.rulesetSha256(), r.year(), r.stage(), r.basis(), r.title(),
                (int) r.entities().stream().filter(e -> entities.contains(e.entityId())).count(), total, free, total - free, null, r.unconfirmed(), r.preRunId(),
                r.by(), r.at());
    }

    public record StepJson(String rule, String text, String value, boolean unconfirmed, List<String> rows) {
        static StepJson of(TraceStep s) {
            return new StepJson(s.rule(), s.text(), s.value() == null ? null : s.value().toPlainString(), s.unconfirmed(), s.params().stream().map(Param::cite).toList());
        }
    }

    public record LineJson(int line, String unit, String entity, String sector, String region, String category, String method, String exact, Long rounded,
                           Long free, Long paid, boolean relief, List<String> unconfirmed, List<StepJson> trace) {
        static LineJson of(UnitAllocation u) {
            return new LineJson(u.unit().line(), u.unit().unitId(), u.unit().entityId(), u.sector(), u.unit().region(), u.category().code(), u.category().method().name(),
                    u.exact().toPlainString(), u.rounded(), u.free(), u.paid(), u.relief(), new ArrayList<>(u.unconfirmed()), u.trace().stream().map(StepJson::of).toList());
        }
    }

    @io.swagger.v3.oas.annotations.media.Schema(name = "AllocationEntityJson")

    public record EntityJson(String entity, String name, String sector, String exact, long total, long free, long paid, List<String> unconfirmed, List<StepJson> trace) {
        static EntityJson of(EntityAllocation e) {
            return new EntityJson(e.entityId(), e.entityName(), e.sector(), e.exact().toPlainString(), e.total(), e.free(), e.paid(), new ArrayList<>(e.unconfirmed()),
                    e.trace().stream().map(StepJson::of).toList());
        }
    }

    public record GapJson(String key, int units, long allowance, long emissions, long gap, String gapPercent, List<Long> costFen) {
        static GapJson of(WhatIf.Aggregate a) {
            return new GapJson(a.key(), a.units(), a.allowance(), a.emissions(), a.gap(), a.gapPercent() == null ? null : a.gapPercent().toPlainString(), a.costFen());
        }
    }

    public record WhatIfJson(String basis, List<Long> pricesFen, List<GapJson> byEntity, List<GapJson> bySector, List<GapJson> byRegion, GapJson total) {}

    public record RunJson(RunSummaryJson run, boolean full, List<EntityJson> entities, List<LineJson> lines, WhatIfJson whatIf, IssuanceRecord issuance) {}

    @GetMapping("/runs/{id}")
    @Operation(summary = "A run recomputed from its stored inputs, with every line's trace; a representative sees only its entity")
    public RunJson run(@PathVariable long id) {
        AllocationDesk.RunView v = desk.run(access.current(), id);
        var w = v.computed().whatIf();
        WhatIfJson wj = w == null || !v.full() ? null : new WhatIfJson(w.basis().name(), w.pricesFen(), w.byEntity().stream().map(GapJson::of).toList(),
                w.bySector().stream().map(GapJson::of).toList(), w.byRegion().stream().map(GapJson::of).toList(), GapJson.of(w.total()));
        return new RunJson(v.full() ? RunSummaryJson.of(v.computed().run()) : own(v.computed().run(), v.entities()), v.full(), v.entityLines().stream().map(EntityJson::of).toList(),
                v.units().stream().map(LineJson::of).toList(), wj, v.computed().issuance().orElse(null));
    }

    @GetMapping(value = "/runs/{id}.xlsx", produces = AllocationSheets.XLSX)
    @Operation(summary = "A run as a workbook: lines with trace ([U] badged); for a what-if also the gaps by entity, sector and region")
    public ResponseEntity<byte[]> runXlsx(@PathVariable long id) {
        AllocationDesk.RunView v = desk.run(access.current(), id);
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"allocation-run-" + id + ".xlsx\"")
                .contentType(MediaType.parseMediaType(AllocationSheets.XLSX)).body(AllocationSheets.run(v, step -> allocationTexts.line(step, java.util.Locale.SIMPLIFIED_CHINESE)));
    }

    public record CompareIn(Long runA, Long runB, String title) {}

    public record ComparisonLineJson(String unit, String entity, String category, long allowanceA, long allowanceB, long difference, String ratio,
                                     String perGenerationA, String perGenerationB, String perSupplyA, String perSupplyB, long emissions, long gapA, long gapB,
                                     boolean unconfirmedA, boolean unconfirmedB) {}

    public record ComparisonJson(long id, String title, String statedBasis, long runA, long runB, long totalA, long totalB, long difference, String ratio,
                                 List<ComparisonLineJson> lines) {}

    @PostMapping(value = "/comparisons", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Compare two what-if runs over the same population on the same basis")
    public ResponseEntity<ComparisonJson> compare(@RequestBody CompareIn in) {
        if (in == null || in.runA() == null || in.runB() == null) throw Problem.badRequest("VALIDATION_FAILED", "runA and runB are required").say("detail.chooseTwoRuns");
        long id = desk.compare(access.current(), in.runA(), in.runB(), in.title());
        return ResponseEntity.status(HttpStatus.CREATED).body(comparison(id));
    }

    static String plain(BigDecimal v) { return v == null ? null : v.toPlainString(); }

    @GetMapping("/comparisons/{id}")
    @Operation(summary = "A comparison, side by side, with the basis stated")
    public ComparisonJson comparison(@PathVariable long id) {
        var c = desk.comparison(access.current(), id);
        var r = c.result();
        return new ComparisonJson(id, c.record().title(), r.statedBasis(), c.record().runA(), c.record().runB(), r.totalA(), r.totalB(), r.difference(),
                plain(r.ratio()), r.lines().stream().map(l -> new ComparisonLineJson(l.unitId(), l.entityId(), l.category(), l.allowanceA(), l.allowanceB(),
                l.difference(), plain(l.ratio()), plain(l.perGenerationA()), plain(l.perGenerationB()), plain(l.perSupplyA()), plain(l.perSupplyB()),
                l.emissions(), l.gapA(), l.gapB(), l.unconfirmedA(), l.unconfirmedB())).toList());
    }

    @GetMapping(value = "/comparisons/{id}.xlsx", produces = AllocationSheets.XLSX)
    @Operation(summary = "A comparison as a workbook")
    public ResponseEntity<byte[]> comparisonXlsx(@PathVariable long id) {
        var c = desk.comparison(access.current(), id);
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"allocation-comparison-" + id + ".xlsx\"")
                .contentType(MediaType.parseMediaType(AllocationSheets.XLSX)).body(AllocationSheets.comparison(c));
    }

    public record DeductionIn(String entity, String jurisdiction, Integer year, Long quantity, String reason, String sourceRef) {}

    @PostMapping(value = "/deductions", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Record a next-year deduction (the regulator's entry, until compliance feeds them)")
    public ResponseEntity<DeductionView> addDeduction(@RequestBody DeductionIn in) {
        if (in == null || in.year() == null || in.quantity() == null) throw Problem.badRequest("VALIDATION_FAILED", "entity, jurisdiction, year, quantity, reason and sourceRef are required")
                .say("detail.deduction.required");
        var p = access.current();
        long id = desk.addDeduction(p, in.entity(), in.jurisdiction(), in.year(), in.quantity(), in.reason(), in.sourceRef());
        return ResponseEntity.status(HttpStatus.CREATED).body(desk.deductions(p, in.jurisdiction()).stream().filter(d -> d.id() == id).findFirst().orElseThrow());
    }

    @GetMapping("/deductions")
    @Operation(summary = "Deductions, pending and applied")
    public List<DeductionView> deductions(@RequestParam(required = false) String jurisdiction) {
        return desk.deductions(access.current(), jurisdiction);
    }

    public record PlanLineJson(String type, long from, long to, long quantity, String note) {}

    public record PlanJson(long run, String unitType, int vintage, List<PlanLineJson> lines, List<String> unconfirmed, List<String> unresolved) {}

    @GetMapping("/runs/{id}/issuance-plan")
    @Operation(summary = "What issuing the run would propose: the batch lines and the [U] rows to acknowledge")
    public PlanJson plan(@PathVariable long id) {
        AllocationService.IssuePlan plan = desk.plan(access.current(), id);
        return new PlanJson(id, plan.unitType(), plan.run().run().year(), plan.lines().stream().map(l -> new PlanLineJson(l.type(), l.from(), l.to(), l.quantity(), l.note())).toList(),
                new ArrayList<>(plan.unconfirmed()), plan.unresolved());
    }

    public record IssueIn(List<String> acknowledgeUnconfirmed) {}

    @PostMapping(value = "/runs/{id}/issuance", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Propose the run as one registry batch (a second administrator approves it); every [U] row must be acknowledged",
            description = "The body ({\"acknowledgeUnconfirmed\": [...]}) is optional: without one nothing is acknowledged, which is enough for a run "
                    + "whose figures use no [U] value; otherwise 409 UNCONFIRMED_NOT_ACKNOWLEDGED names the values to acknowledge")
    public ResponseEntity<IssuanceRecord> issue(@PathVariable long id, @RequestBody(required = false) IssueIn in) {
        IssuanceRecord r = desk.issue(access.current(), id, in == null || in.acknowledgeUnconfirmed() == null ? List.of() : in.acknowledgeUnconfirmed());
        return ResponseEntity.status(HttpStatus.CREATED).body(r);
    }

    private void requireSignedIn() {
        if (!access.current().signedIn()) throw new Problem(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "sign in first").say("detail.signIn");
    }

    static BigDecimal yuan(long fen) { return BigDecimal.valueOf(fen).movePointLeft(2).setScale(2, RoundingMode.UNNECESSARY); }
}
