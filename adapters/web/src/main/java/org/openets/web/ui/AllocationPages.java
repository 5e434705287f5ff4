package org.openets.web.ui;

import org.openets.allocation.Ruleset;
import org.openets.allocation.Stage;
import org.openets.allocation.WhatIf;
import org.openets.web.Problem;
import org.openets.web.api.AllocationApi;
import org.openets.web.desk.AllocationDesk;
import org.openets.web.security.Access;
import org.openets.web.security.Permissions;
import org.openets.workflows.allocation.AllocationViews.RunRecord;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Allocation pages: the regulator runs a ruleset (bundled or a draft file) over a population file, reviews every
 * line with its trace and the [U] values it rests on, runs what-ifs with gap charts, compares two plans, records
 * next-year deductions and issues a run (one batch for the registry's 4-eyes approval, after acknowledging each [U]
 * value); a representative sees its own entity's allocation with the trace.
 */
@Controller
public class AllocationPages {
    private final AllocationDesk desk;
    private final Access access;
    private final org.openets.web.desk.RegistryDesk registry;
    private final AllocationApi api;

    /** An unconfirmed [U] value the plan rests on, as its ruleset row states it: the value, its unit, source and note. */
    public record UnconfirmedRow(String key, String value, String unit, String source, String note) {}

    /** Each [U] key the plan rests on, with the row of the run's own ruleset (as stored with the run) valid for its year. */
    private static java.util.List<UnconfirmedRow> unconfirmedRows(RunRecord run, java.util.Collection<String> keys) {
        java.util.List<org.openets.allocation.Param> params;
        try {
            params = org.openets.allocation.Ruleset.parse(run.rulesetName(), run.rulesetText()).params();
        } catch (RuntimeException e) {
            params = java.util.List.of();
        }
        java.util.List<UnconfirmedRow> rows = new java.util.ArrayList<>();
        for (String k : keys) {
            var p = params.stream().filter(x -> x.key().equals(k) && x.validFrom() <= run.year())
                    .max(java.util.Comparator.comparingInt(org.openets.allocation.Param::validFrom));
            rows.add(p.map(x -> new UnconfirmedRow(k, x.value(), "-".equals(x.unit()) ? "" : x.unit(), x.source(), x.note()))
                    .orElse(new UnconfirmedRow(k, "", "", "", "")));
        }
        return rows;
    }

    /** An account the plan allocates from: what it holds free of the run's unit type and year, and what the plan draws. */
    public record PlanSource(String number, long free, long draws) {
        public boolean short_() { return free < draws; }
    }

    /** The accounts the plan's ALLOCATE lines draw on, each with what it holds free of the series the run issues. */
    private java.util.List<PlanSource> sources(java.util.List<org.openets.workflows.allocation.spi.RegistryPort.Line> lines, String unitType, int year) {
        java.util.Map<Long, Long> draws = new java.util.TreeMap<>();
        for (var l : lines) if ("ALLOCATE".equals(l.type())) draws.merge(l.from(), l.quantity(), Long::sum);
        java.util.List<PlanSource> out = new java.util.ArrayList<>();
        draws.forEach((from, q) -> {
            long free = registry.readModel().holdings(from).stream()
                    .filter(h -> h.unitType().equals(unitType) && h.vintage() == year && (h.projectId() == null || h.projectId().isEmpty()))
                    .mapToLong(h -> h.quantity() - h.frozen()).sum();
            out.add(new PlanSource(registry.readModel().account(from).map(org.openets.registry.Account::number).orElse("#" + from), free, q));
        });
        return out;
    }

    public AllocationPages(AllocationDesk desk, Access access, org.openets.web.desk.RegistryDesk registry, AllocationApi api) {
        this.desk = desk;
        this.access = access;
        this.registry = registry;
        this.api = api;
    }

    /** A line of the issuance plan as the regulator reads it: account numbers and holders, not internal ids. */
    public record PlanRow(String type, String from, String fromHolder, String to, String toHolder, long quantity, String purpose, String entity) {}

    List<PlanRow> planRows(List<org.openets.workflows.allocation.spi.RegistryPort.Line> lines) {
        var numbers = registry.accountNumbers();
        List<PlanRow> rows = new ArrayList<>(lines.size());
        for (var l : lines) {
            var from = numbers.account(l.from());
            var to = numbers.account(l.to());
            rows.add(new PlanRow(l.type(), from.map(a -> a.number()).orElse(""), from.map(a -> a.holder()).orElse(""),
                    to.map(a -> a.number()).orElse(""), to.map(a -> a.holder()).orElse(""), l.quantity(), l.purpose(), l.entity()));
        }
        return rows;
    }

    private Permissions signedIn() {
        Permissions p = access.current();
        if (!p.signedIn()) throw new Problem(org.springframework.http.HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "sign in first").say("detail.signIn");
        return p;
    }

    @GetMapping("/allocation")
    String home(Model model) {
        Permissions p = signedIn();
        var runs = desk.runs(p);
        model.addAttribute("runs", runs);
        // the entities of the runs the person reads, to choose from in the deduction form
        model.addAttribute("runEntities", runs.stream().flatMap(r -> r.entities().stream()).map(e -> e.entityId()).distinct().sorted().toList());
        model.addAttribute("rulesets", desk.service().bundled());
        boolean regulator = !p.auditor() && !p.administered().isEmpty();
        model.addAttribute("regulator", regulator);
        model.addAttribute("jurisdictions", p.administered());
        if (regulator || p.auditor()) {
            model.addAttribute("comparisons", desk.service().comparisons(null, 100).stream().filter(c -> desk.service().run(c.runA()).map(r -> desk.readsInFull(p, r)).orElse(false)
                    && desk.service().run(c.runB()).map(r -> desk.readsInFull(p, r)).orElse(false)).toList());
            model.addAttribute("deductions", desk.deductions(p, null));
        } else {
            model.addAttribute("comparisons", List.of());
            model.addAttribute("deductions", List.of());
        }
        return "allocation";
    }

    /**
     * A population file to fill in: every column the reader takes ({@code PopulationReader.COLUMNS}), in order, and one
     * example line (a coal unit named by its category on supply, and a gas unit matched by fuel and capacity).
     */
    @GetMapping(value = "/allocation/population-template.csv", produces = "text/csv")
    org.springframework.http.ResponseEntity<String> populationTemplate() {
        signedIn();
        java.util.List<String> cols = org.openets.allocation.PopulationReader.COLUMNS;
        java.util.Map<String, String> coal = java.util.Map.of("unit_id", "U1", "entity_id", "CN-120-000001", "entity_name", "示例发电有限公司", "region", "GD",
                "category", "COAL_300_PLUS", "cooling", "WATER", "capacity_mw", "600", "supply_mwh", "3000000", "load_factor", "0.80", "verified_emissions_t", "2500000");
        java.util.Map<String, String> gas = java.util.Map.of("unit_id", "U2", "entity_id", "CN-120-000001", "entity_name", "示例发电有限公司", "region", "GD",
                "fuel", "GAS", "capacity_mw", "390", "generation_mwh", "1000000", "verified_emissions_t", "420000");
        StringBuilder b = new StringBuilder(String.join(",", cols)).append('\n');
        for (java.util.Map<String, String> row : java.util.List.of(coal, gas))
            b.append(String.join(",", cols.stream().map(c -> row.getOrDefault(c, "")).toList())).append('\n');
        // UTF-8 with a byte-order mark, as every CSV download: the example names are Chinese
        return org.openets.web.CsvFiles.download("population-template.csv", b.toString());
    }

    /**
     * The page's form for a population from MRV data: the year is checked here, so that a person who typed something
     * else than a year sees the allocation page saying so in its language, never the API's problem; the file itself is
     * the API's ({@code GET /api/v1/allocation/population}), and so is any other refusal, shown on the page the same way.
     */
    @GetMapping("/allocation/population.csv")
    org.springframework.http.ResponseEntity<String> mrvPopulation(@RequestParam(required = false) String jurisdiction, @RequestParam(required = false) String year,
                                                                  jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response) {
        Permissions p = signedIn();
        try {
            // who may, before what they typed (api-security.md): a refusal is recorded whatever the year
            desk.authoriseMrvPopulation(p, jurisdiction, year);
            String y = year == null ? "" : year.strip();
            int value = y.matches("[0-9]{4}") ? Integer.parseInt(y) : -1;
            if (value < AllocationApi.POPULATION_FIRST_YEAR || value > AllocationApi.POPULATION_LAST_YEAR)
                throw Problem.badRequest("VALIDATION_FAILED", "enter the year as four digits, from " + AllocationApi.POPULATION_FIRST_YEAR + " to "
                        + AllocationApi.POPULATION_LAST_YEAR + " (e.g. 2024)")
                        .say("detail.population.year", Integer.toString(AllocationApi.POPULATION_FIRST_YEAR), Integer.toString(AllocationApi.POPULATION_LAST_YEAR));
            return api.population(jurisdiction, Integer.toString(value));
        } catch (Problem e) {
            // back to the allocation page with the refusal, as the page's other forms are answered (a redirect's flash)
            var flash = org.springframework.web.servlet.support.RequestContextUtils.getOutputFlashMap(request);
            flash.put("flash", PageSupport.Flash.of(e));
            flash.put("form", Map.of("formId", "mrv-population-form", "jurisdiction", jurisdiction == null ? "" : jurisdiction, "year", year == null ? "" : year));
            String back = request.getContextPath() + "/allocation";
            org.springframework.web.servlet.support.RequestContextUtils.saveOutputFlashMap(back, request, response);
            return org.springframework.http.ResponseEntity.status(org.springframework.http.HttpStatus.FOUND).location(java.net.URI.create(back)).build();
        }
    }

    static String text(MultipartFile f, String typed) {
        if (f != null && !f.isEmpty()) {
            if (f.getSize() > 8 * 1024 * 1024) throw Problem.badRequest("VALIDATION_FAILED", "a file is at most 8 MiB").say("detail.fileTooLarge");
            try {
                return new String(f.getBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw Problem.badRequest("VALIDATION_FAILED", "the file could not be read").say("detail.fileUnreadable");
            }
        }
        return typed;
    }

    @PostMapping("/allocation/runs")
    String run(@RequestParam(required = false) String ruleset, @RequestParam(required = false) MultipartFile rulesetFile,
               @RequestParam(required = false) String year, @RequestParam(required = false) String stage,
               @RequestParam(required = false) MultipartFile populationFile, @RequestParam(required = false) String population,
               @RequestParam(required = false) String preRunId, @RequestParam(required = false) String title,
               @RequestParam(required = false) boolean whatIf, @RequestParam(required = false) String basis,
               @RequestParam(required = false) String prices, RedirectAttributes ra) {
        Permissions p = signedIn();
        try {
            // who may run comes first: nothing a person may not run is read or parsed (the refusal is recorded)
            desk.mayRun(p, whatIf, ruleset != null ? ruleset : rulesetFile == null ? null : rulesetFile.getOriginalFilename());
            if (year == null || !year.strip().matches("[0-9]{4}")) throw Problem.badRequest("VALIDATION_FAILED", "year is four digits").say("detail.yearFormat");
            String pop = text(populationFile, population);
            if (pop == null || pop.isBlank()) throw Problem.badRequest("VALIDATION_FAILED", "choose a population file or paste its CSV").say("detail.choosePopulation");
            String rulesetText = text(rulesetFile, null);
            Ruleset r = desk.ruleset(ruleset, rulesetFile == null ? null : rulesetFile.getOriginalFilename(), rulesetText);
            String popName = populationFile != null && !populationFile.isEmpty() ? populationFile.getOriginalFilename() : "pasted.csv";
            RunRecord run;
            if (whatIf) {
                List<String> ps = prices == null || prices.isBlank() ? List.of() : Arrays.stream(prices.split("[,;\\s]+")).filter(s -> !s.isBlank()).toList();
                run = desk.whatIf(p, r, Integer.parseInt(year.strip()), basis == null || basis.isBlank() ? WhatIf.Basis.TOTAL : WhatIf.Basis.valueOf(basis),
                        AllocationApi.prices(ps), popName, pop, title);
            } else {
                Long pre = preRunId == null || preRunId.isBlank() ? null : parseId(preRunId);
                run = desk.allocate(p, r, Integer.parseInt(year.strip()), "PRE_ALLOCATION".equals(stage) ? Stage.PRE_ALLOCATION : Stage.FINAL, popName, pop, pre, title);
            }
            ra.addFlashAttribute("flash", new PageSupport.Flash("done", "ALLOCATION_RUN_SAVED", null, null, null));
            return "redirect:/allocation/runs/" + run.id();
        } catch (Problem e) {
            refused(ra, e);
            return "redirect:/allocation";
        } catch (IllegalArgumentException e) {
            ra.addFlashAttribute("flash", new PageSupport.Flash("problem", "VALIDATION_FAILED", e.getMessage(), null, null));
            return "redirect:/allocation";
        }
    }

    static long parseId(String s) {
        try { return Long.parseLong(s.strip()); } catch (NumberFormatException e) { throw Problem.badRequest("VALIDATION_FAILED", "a run number is a whole number").say("detail.runNumber"); }
    }

    @SuppressWarnings("unchecked")
    static void refused(RedirectAttributes ra, Problem e) {
        ra.addFlashAttribute("flash", PageSupport.Flash.of(e));
        Object problems = e.properties().get("problems");
        if (problems instanceof List<?> l) ra.addFlashAttribute("problems", (List<Map<String, Object>>) l);
        Object details = e.properties().get("details");
        if (details instanceof List<?> l) ra.addFlashAttribute("details", l);
    }

    /** Unit lines shown on one page; the rest are reached by entity (the filter) or in the xlsx. */
    static final int LINES_SHOWN = 300;

    @GetMapping("/allocation/runs/{id}")
    String run(@PathVariable long id, @RequestParam(required = false) String entity, Model model) {
        Permissions p = signedIn();
        AllocationDesk.RunView v = desk.run(p, id);
        RunRecord r = v.computed().run();
        model.addAttribute("v", v);
        var units = v.units().stream().filter(u -> entity == null || entity.isBlank() || u.unit().entityId().equals(entity.strip())).toList();
        model.addAttribute("unitLines", units.size() > LINES_SHOWN ? units.subList(0, LINES_SHOWN) : units);
        model.addAttribute("unitCount", units.size());
        model.addAttribute("linesShown", LINES_SHOWN);
        model.addAttribute("entityFilter", entity == null ? "" : entity.strip());
        model.addAttribute("run", r);
        boolean regulator = desk.regulates(p, r.jurisdiction());
        model.addAttribute("regulator", regulator);
        if (v.computed().whatIf() != null && v.full()) model.addAttribute("chart", Charts.gapBars(v.computed().whatIf().byEntity()));
        if (regulator && r.kind() == org.openets.workflows.allocation.AllocationViews.Kind.ALLOCATION && v.computed().issuance().isEmpty()) {
            try {
                var plan = desk.plan(p, id);
                model.addAttribute("plan", plan);
                model.addAttribute("planRows", planRows(plan.lines()));
                model.addAttribute("planSources", sources(plan.lines(), plan.unitType(), r.year()));
                model.addAttribute("planSeries", plan.unitType() + "/" + r.year());
                model.addAttribute("unconfirmedRows", unconfirmedRows(r, plan.unconfirmed()));
            } catch (Problem e) {
                model.addAttribute("planProblem", e);
            }
            model.addAttribute("preRuns", desk.runs(p).stream().filter(x -> x.kind() == r.kind() && "PRE_ALLOCATION".equals(x.stage())
                    && x.year() == r.year() && x.jurisdiction().equals(r.jurisdiction())).toList());
        }
        return "allocation-run";
    }

    @PostMapping("/allocation/runs/{id}/issuance")
    String issue(@PathVariable long id, @RequestParam(required = false) List<String> acknowledge, RedirectAttributes ra) {
        Permissions p = signedIn();
        try {
            var rec = desk.issue(p, id, acknowledge == null ? List.of() : acknowledge);
            ra.addFlashAttribute("flash", new PageSupport.Flash("done", "ALLOCATION_ISSUED", rec.batchId(), null, null));
        } catch (Problem e) {
            refused(ra, e);
        }
        return "redirect:/allocation/runs/" + id;
    }

    @PostMapping("/allocation/comparisons")
    String compare(@RequestParam(required = false) String runA, @RequestParam(required = false) String runB, @RequestParam(required = false) String title,
                   RedirectAttributes ra) {
        Permissions p = signedIn();
        try {
            // who may compare is asked before what is compared (recorded)
            desk.authoriseCompare(p);
            if (runA == null || runB == null || runA.isBlank() || runB.isBlank()) throw Problem.badRequest("VALIDATION_FAILED", "choose two what-if runs").say("detail.chooseTwoRuns");
            long id = desk.compare(p, parseId(runA), parseId(runB), title);
            ra.addFlashAttribute("flash", new PageSupport.Flash("done", "COMPARISON_SAVED", null, null, null));
            return "redirect:/allocation/comparisons/" + id;
        } catch (Problem e) {
            refused(ra, e);
            return "redirect:/allocation";
        }
    }

    @GetMapping("/allocation/comparisons/{id}")
    String comparison(@PathVariable long id, Model model) {
        Permissions p = signedIn();
        var c = desk.comparison(p, id);
        model.addAttribute("c", c);
        model.addAttribute("chart", Charts.pairBars(c.result()));
        return "allocation-comparison";
    }

    @PostMapping("/allocation/deductions")
    String deduction(@RequestParam(required = false) String entity, @RequestParam(required = false) String jurisdiction,
                     @RequestParam(required = false) String year, @RequestParam(required = false) String quantity,
                     @RequestParam(required = false) String reason, @RequestParam(required = false) String sourceRef, RedirectAttributes ra) {
        Permissions p = signedIn();
        try {
            if (year == null || !year.strip().matches("[0-9]{4}")) throw Problem.badRequest("VALIDATION_FAILED", "year is four digits").say("detail.yearFormat");
            if (quantity == null || !quantity.strip().matches("[0-9]{1,15}")) throw Problem.badRequest("INVALID_QUANTITY", "a deduction is a whole number of tonnes")
                    .say("detail.deduction.quantity");
            desk.addDeduction(p, entity, jurisdiction, Integer.parseInt(year.strip()), Long.parseLong(quantity.strip()), reason, sourceRef);
            ra.addFlashAttribute("flash", new PageSupport.Flash("done", "DEDUCTION_SAVED", null, null, null));
        } catch (Problem e) {
            refused(ra, e);
        }
        return "redirect:/allocation";
    }
}
