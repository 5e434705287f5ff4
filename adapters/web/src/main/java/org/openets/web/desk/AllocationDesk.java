package org.openets.web.desk;

import org.openets.allocation.Allocation;
import org.openets.allocation.EntityAllocation;
import org.openets.allocation.Ruleset;
import org.openets.allocation.Stage;
import org.openets.allocation.UnitAllocation;
import org.openets.allocation.WhatIf;
import org.openets.kernel.Jurisdiction;
import org.openets.web.Problem;
import org.openets.web.security.Permissions;
import org.openets.web.security.Refusals;
import org.openets.workflows.allocation.AllocationRefused;
import org.openets.workflows.allocation.AllocationService;
import org.openets.workflows.allocation.AllocationService.Computed;
import org.openets.workflows.allocation.AllocationViews.DeductionView;
import org.openets.workflows.allocation.AllocationViews.IssuanceRecord;
import org.openets.workflows.allocation.AllocationViews.RunRecord;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The allocation desk: who may see and do what before {@link AllocationService} acts.
 * <ul>
 * <li>the regulator (administrators of a jurisdiction) runs, compares, records deductions and issues for its
 * jurisdiction; issuing proposes one registry batch that a second administrator approves (4-eyes, in the registry);</li>
 * <li>auditors read every run and change nothing;</li>
 * <li>an entity's representatives read the runs that cover their account, and only their own entity's lines;</li>
 * <li>everyone else is refused (403, recorded for the auditors).</li>
 * </ul>
 * Service refusals become 404 (unknown run), 409 (already issued, unacknowledged [U] values) or 422 (bad files, with
 * every problem's line and field).
 */
@Component
public class AllocationDesk {
    private final AllocationService service;
    private final org.openets.workflows.allocation.MrvPopulation mrv;
    private final Refusals refusals;

    public AllocationDesk(AllocationService service, org.openets.workflows.allocation.MrvPopulation mrv, Refusals refusals) {
        this.service = service;
        this.mrv = mrv;
        this.refusals = refusals;
    }

    /** The population of a jurisdiction-year built from the platform's MRV data: the regulator's and auditors'. */
    /** The refusal's target: what was asked, leaving out what was not sent (never the word "null"); none when nothing was. */
    static String populationTarget(String jurisdiction, String year) {
        String t = ((jurisdiction == null ? "" : jurisdiction.strip()) + " " + (year == null ? "" : year.strip())).strip();
        return t.isEmpty() ? null : t;
    }

    public org.openets.workflows.allocation.MrvPopulation.Built mrvPopulation(Permissions p, String jurisdiction, int year) {
        authoriseMrvPopulation(p, jurisdiction, Integer.toString(year));
        return mrv.build(jurisdiction, year);
    }

    /**
     * Before the request's parameters are read (api-security.md, "Who may, before what is asked"): someone who reads no
     * jurisdiction's MRV population at all (neither an auditor nor an administrator) is refused whatever they sent.
     */
    public void authoriseAnyMrvPopulation(Permissions p, String jurisdiction, String year) { authoriseMrvPopulation(p, jurisdiction, year, true); }

    /** Who may read a jurisdiction's MRV population: its administrators and the auditors; anyone else 403 NOT_REGULATOR (recorded). */
    public void authoriseMrvPopulation(Permissions p, String jurisdiction, String year) { authoriseMrvPopulation(p, jurisdiction, year, false); }

    private void authoriseMrvPopulation(Permissions p, String jurisdiction, String year, boolean anyJurisdiction) {
        if (!p.signedIn()) throw new Problem(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "sign in first").say("detail.signIn");
        boolean may = p.auditor() || (anyJurisdiction ? !p.administered().isEmpty() : jurisdiction != null && p.administered().contains(jurisdiction));
        if (!may)
            throw refuse(p, "READ_MRV_POPULATION", populationTarget(jurisdiction, year), "NOT_REGULATOR", "the MRV population is the regulator's").say("detail.deny.mrvPopulation");
    }

    public AllocationService service() { return service; }

    Problem refuse(Permissions p, String action, String target, String code, String detail) {
        refusals.record(p.login(), action, target, code, detail);
        return Problem.forbidden(code, detail);
    }

    public static Problem problem(AllocationRefused e) {
        HttpStatus status = switch (e.code()) {
            case "UNKNOWN_RUN" -> HttpStatus.NOT_FOUND;
            case "ALREADY_ISSUED", "UNCONFIRMED_NOT_ACKNOWLEDGED", "ENTITY_ALREADY_ALLOCATED", "DEDUCTIONS_CHANGED", "PRE_RUN_NOT_DELIVERED",
                 "PRE_ALLOCATION_NOT_ACCOUNTED" -> HttpStatus.CONFLICT;
            default -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
        Problem p = new Problem(status, e.code(), e.getMessage());
        if (!e.problems().isEmpty())
            p.with("problems", e.problems().stream().map(x -> java.util.Map.of("line", x.line(), "unit", x.unitId() == null ? "" : x.unitId(),
                    "field", x.field() == null ? "" : x.field(), "code", x.code().name(), "message", x.message())).toList());
        if (!e.details().isEmpty()) p.with("details", e.details());
        return p;
    }

    static <T> T call(Supplier<T> s) {
        try {
            return s.get();
        } catch (AllocationRefused e) {
            throw problem(e);
        }
    }

    // ---------------------------------------------------------------------------------------------- who may

    public boolean regulates(Permissions p, String jurisdiction) { return p.signedIn() && !p.auditor() && p.administered().contains(jurisdiction); }

    /**
     * Auditors read every run in full; the jurisdiction's regulator reads its allocation runs in full; a what-if
     * (analysis, never issued) is read in full only by the administrator who made it, whatever the ruleset's
     * jurisdiction: a province may test the national plan on its own population without the national regulator
     * reading that population.
     */
    public boolean readsInFull(Permissions p, RunRecord r) {
        if (p.auditor()) return true;
        if (r.kind() == org.openets.workflows.allocation.AllocationViews.Kind.WHAT_IF) return p.isAdministrator() && r.by().equals(p.login());
        return p.administered().contains(r.jurisdiction());
    }

    /**
     * Whether the person may ask for a run at all, checked before the request's ruleset or population is read (so
     * someone without the right learns nothing from their problems): administrators only. Which jurisdiction's
     * rulesets an administrator may run is checked once the ruleset is known ({@link #allocate}, {@link #whatIf}).
     */
    public void mayRun(Permissions p, boolean whatIf, String target) {
        if (!p.signedIn()) throw new Problem(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "sign in first").say("detail.signIn");
        if (p.auditor() || !p.isAdministrator())
            throw refuse(p, whatIf ? "RUN_WHAT_IF" : "RUN_ALLOCATION", target == null || target.isBlank() ? "-" : target, "NOT_REGULATOR",
                    whatIf ? "what-if runs are for regulators" : "only a regulator runs allocations").say(whatIf ? "detail.deny.whatIf" : "detail.deny.allocate");
    }

    /** The entities of the run the person represents (by their accounts). */
    public Set<String> ownEntities(Permissions p, RunRecord r) {
        Set<String> own = new java.util.TreeSet<>();
        for (var e : r.entities()) if (e.accountId() != null && p.represented().containsKey(e.accountId())) own.add(e.entityId());
        return own;
    }

    private void requireRegulator(Permissions p, String action, String jurisdiction) {
        if (!p.signedIn()) throw new Problem(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "sign in first").say("detail.signIn");
        if (!regulates(p, jurisdiction))
            throw refuse(p, action, jurisdiction, "NOT_REGULATOR", "only the regulator of " + jurisdiction + " may do this").say("detail.deny.regulator", jurisdiction);
    }

    // ---------------------------------------------------------------------------------------------- reads

    public List<RunRecord> runs(Permissions p) {
        if (p.auditor()) return service.runs(null, null, 200);
        List<RunRecord> out = new ArrayList<>(p.administered().isEmpty() ? List.of()
                : service.runs(null, null, 500).stream().filter(r -> readsInFull(p, r)).toList());
        if (!p.represented().isEmpty()) {
            Set<Long> seen = new java.util.HashSet<>();
            out.forEach(r -> seen.add(r.id()));
            // a representative sees the allocation runs covering its accounts (never what-ifs: they are the regulator's)
            for (RunRecord r : service.runs(null, new ArrayList<>(p.represented().keySet()), 200))
                if (r.kind() == org.openets.workflows.allocation.AllocationViews.Kind.ALLOCATION && seen.add(r.id())) out.add(r);
            out.sort((a, b) -> Long.compare(b.id(), a.id()));
        }
        return out;
    }

    /** A run the person may read: in full, or (a representative) only their entity's lines. */
    public record RunView(Computed computed, boolean full, Set<String> entities) {
        public List<UnitAllocation> units() {
            return computed.allocation().units().stream().filter(u -> full || entities.contains(u.unit().entityId())).toList();
        }

        public List<EntityAllocation> entityLines() {
            return computed.allocation().entities().stream().filter(e -> full || entities.contains(e.entityId())).toList();
        }

        public List<WhatIf.Line> whatIfLines() {
            return computed.whatIf() == null ? List.of() : computed.whatIf().lines().stream().filter(l -> full || entities.contains(l.entityId())).toList();
        }
    }

    public RunView run(Permissions p, long id) {
        if (!p.signedIn()) throw new Problem(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "sign in first").say("detail.signIn");
        RunRecord r = service.run(id).orElseThrow(() -> Problem.notFound("UNKNOWN_RUN", "no run " + id).say("detail.unknownRun", id));
        if (readsInFull(p, r)) return new RunView(call(() -> service.view(id)), true, Set.of());
        Set<String> own = ownEntities(p, r);
        boolean whatIf = r.kind() == org.openets.workflows.allocation.AllocationViews.Kind.WHAT_IF;
        if (own.isEmpty()) throw refuse(p, "READ_ALLOCATION", "run " + id, "NOT_YOURS", whatIf
                ? "a what-if run is read by the administrator who made it" : "this run does not cover an entity you represent")
                .say(whatIf ? "detail.deny.whatIfMaker" : "detail.deny.runNotYours", id);
        if (r.kind() != org.openets.workflows.allocation.AllocationViews.Kind.ALLOCATION)
            throw refuse(p, "READ_ALLOCATION", "run " + id, "NOT_YOURS", "what-if runs are the regulator's").say("detail.deny.whatIf");
        return new RunView(call(() -> service.view(id)), false, own);
    }

    public AllocationService.ComparisonView comparison(Permissions p, long id) {
        if (!p.signedIn()) throw new Problem(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "sign in first").say("detail.signIn");
        AllocationService.ComparisonView c = call(() -> service.comparison(id));
        if (!readsInFull(p, c.a().run()) || !readsInFull(p, c.b().run()))
            throw refuse(p, "READ_COMPARISON", "comparison " + id, "NOT_REGULATOR", "comparisons are the regulator's").say("detail.deny.comparison");
        return c;
    }

    public List<DeductionView> deductions(Permissions p, String jurisdiction) {
        if (!p.signedIn()) throw new Problem(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "sign in first").say("detail.signIn");
        if (jurisdiction == null) {
            if (!p.auditor() && p.administered().isEmpty())
                throw refuse(p, "READ_DEDUCTIONS", "-", "NOT_REGULATOR", "deductions are the regulator's").say("detail.deny.deductions");
            List<DeductionView> all = service.deductions(null, null, false);
            return p.auditor() ? all : all.stream().filter(d -> p.administered().contains(d.jurisdiction())).toList();
        }
        if (!p.auditor() && !p.administered().contains(jurisdiction))
            throw refuse(p, "READ_DEDUCTIONS", jurisdiction, "NOT_REGULATOR", "deductions are the regulator's").say("detail.deny.deductions");
        return service.deductions(jurisdiction, null, false);
    }

    // ---------------------------------------------------------------------------------------------- acts

    public Ruleset ruleset(String bundledId, String name, String text) { return call(() -> service.ruleset(bundledId, name, text)); }

    public RunRecord allocate(Permissions p, Ruleset r, int year, Stage stage, String popName, String popText, Long preRunId, String title) {
        requireRegulator(p, "RUN_ALLOCATION", r.jurisdiction().code());
        return call(() -> service.allocate(p.login(), r, year, stage, popName, popText, preRunId, title));
    }

    public RunRecord whatIf(Permissions p, Ruleset r, int year, WhatIf.Basis basis, List<Long> prices, String popName, String popText, String title) {
        if (!p.signedIn()) throw new Problem(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "sign in first").say("detail.signIn");
        if (p.auditor() || !p.isAdministrator()) throw refuse(p, "RUN_WHAT_IF", r.id(), "NOT_REGULATOR", "what-if runs are for regulators").say("detail.deny.whatIf");
        return call(() -> service.whatIf(p.login(), r, year, basis, prices, popName, popText, title));
    }

    /** Only administrators compare runs (an auditor reads them, and compares nothing): 401 signed out, else 403 NOT_REGULATOR, recorded. */
    public void authoriseCompare(Permissions p) {
        if (!p.signedIn()) throw new Problem(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "sign in first").say("detail.signIn");
        if (p.auditor() || !p.isAdministrator() || !p.mayWrite())
            throw refuse(p, "COMPARE", null, "NOT_REGULATOR", "only registry administrators compare runs").say("detail.deny.compare");
    }

    public long compare(Permissions p, long a, long b, String title) {
        authoriseCompare(p);
        RunRecord ra = service.run(a).orElseThrow(() -> Problem.notFound("UNKNOWN_RUN", "no run " + a).say("detail.unknownRun", a));
        RunRecord rb = service.run(b).orElseThrow(() -> Problem.notFound("UNKNOWN_RUN", "no run " + b).say("detail.unknownRun", b));
        if (!p.signedIn()) throw new Problem(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "sign in first").say("detail.signIn");
        if (p.auditor() || !readsInFull(p, ra) || !readsInFull(p, rb))
            throw refuse(p, "COMPARE", "runs " + a + ", " + b, "NOT_REGULATOR", "compare runs you may read in full").say("detail.deny.compare");
        return call(() -> service.compare(p.login(), a, b, title));
    }

    public long addDeduction(Permissions p, String entity, String jurisdiction, int year, long quantity, String reason, String sourceRef) {
        if (jurisdiction == null || jurisdiction.isBlank()) throw Problem.badRequest("VALIDATION_FAILED", "jurisdiction is required").say("detail.jurisdiction.required");
        try {
            Jurisdiction.of(jurisdiction);
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest("VALIDATION_FAILED", e.getMessage()).say("detail.jurisdiction.invalid", e.getMessage());
        }
        requireRegulator(p, "ADD_DEDUCTION", jurisdiction);
        return call(() -> service.addDeduction(p.login(), entity, jurisdiction, year, quantity, reason, sourceRef));
    }

    public AllocationService.IssuePlan plan(Permissions p, long runId) {
        RunRecord r = service.run(runId).orElseThrow(() -> Problem.notFound("UNKNOWN_RUN", "no run " + runId).say("detail.unknownRun", runId));
        if (!p.signedIn()) throw new Problem(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "sign in first").say("detail.signIn");
        if (!readsInFull(p, r)) throw refuse(p, "READ_ISSUANCE_PLAN", "run " + runId, "NOT_REGULATOR", "the issuance plan is the regulator's").say("detail.deny.plan");
        return call(() -> service.plan(runId));
    }

    public IssuanceRecord issue(Permissions p, long runId, List<String> acknowledged) {
        RunRecord r = service.run(runId).orElseThrow(() -> Problem.notFound("UNKNOWN_RUN", "no run " + runId).say("detail.unknownRun", runId));
        requireRegulator(p, "ISSUE_ALLOCATION", r.jurisdiction());
        return call(() -> service.issue(p.login(), runId, acknowledged));
    }

    public static boolean isFinal(RunRecord r) { return Stage.FINAL.name().equals(r.stage()); }

    public static Allocation allocation(RunView v) { return v.computed().allocation(); }
}
