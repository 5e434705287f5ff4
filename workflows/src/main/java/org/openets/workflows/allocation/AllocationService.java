package org.openets.workflows.allocation;

import org.openets.allocation.Allocation;
import org.openets.allocation.AllocationException;
import org.openets.allocation.Allocator;
import org.openets.allocation.Comparison;
import org.openets.allocation.Deduction;
import org.openets.allocation.DeductionPort;
import org.openets.allocation.EntityAllocation;
import org.openets.allocation.PopulationReader;
import org.openets.allocation.Ruleset;
import org.openets.allocation.RulesetFormatException;
import org.openets.allocation.Stage;
import org.openets.allocation.TrueUp;
import org.openets.allocation.UnitInput;
import org.openets.allocation.WhatIf;
import org.openets.kernel.CanonicalText;
import org.openets.workflows.allocation.AllocationViews.ComparisonRecord;
import org.openets.workflows.allocation.AllocationViews.DeductionView;
import org.openets.workflows.allocation.AllocationViews.IssuanceRecord;
import org.openets.workflows.allocation.AllocationViews.Kind;
import org.openets.workflows.allocation.AllocationViews.NewRun;
import org.openets.workflows.allocation.AllocationViews.RunEntity;
import org.openets.workflows.allocation.AllocationViews.RunRecord;
import org.openets.workflows.allocation.spi.AllocationStore;
import org.openets.workflows.allocation.spi.RegistryPort;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The allocation use cases (issue 4): run a ruleset (bundled, or a draft file) over a population file for a year and
 * stage, or as a what-if against verified emissions at given prices; compare two what-ifs; record next-year
 * deductions; and issue a run into the registry as ONE batch (pre-allocation: ALLOCATE the free parts; final: the
 * true-up against the pre-allocation run — ALLOCATE or RETURN_OF_EXCESS per entity — after the pending deductions;
 * the paid parts to the auction account), which the registry's own 4-eyes approval then completes or rejects.
 *
 * <p>A run keeps its inputs exactly (ruleset text and population file, with their SHA-256) and is recomputed when
 * viewed: the figures shown are always those the rules give. A run resting on [U] rows can only be issued with an
 * explicit acknowledgement naming them. Who may call what is the web layer's check.
 */
public final class AllocationService implements DeductionPort {
    private final AllocationStore store;
    private final RegistryPort registry;
    private final Clock clock;

    public AllocationService(AllocationStore store, RegistryPort registry, Clock clock) {
        this.store = store;
        this.registry = registry;
        this.clock = clock;
    }

    /** A run and its recomputed result: an allocation, or a what-if (which carries its allocation). */
    public record Computed(RunRecord run, Allocation allocation, WhatIf.Result whatIf, Optional<IssuanceRecord> issuance) { }

    /** The ruleset by bundled id, or read from an uploaded file (then {@code name} is the file's name). */
    public Ruleset ruleset(String bundledId, String name, String text) {
        if (text != null && !text.isBlank()) {
            Ruleset r;
            try {
                r = Ruleset.parse(name == null || name.isBlank() ? "uploaded.tsv" : name, text);
            } catch (RulesetFormatException e) {
                throw new AllocationRefused("INVALID_RULESET", e.getMessage(), List.of(), e.problems());
            }
            // a draft is told apart from the plan it starts from: it may not carry a bundled ruleset's id with other rows
            if (Ruleset.BUNDLED.contains(r.id()) && !Ruleset.bundled(r.id()).text().equals(r.text()))
                throw new AllocationRefused("INVALID_RULESET", "a changed ruleset needs an id of its own (@id), not the bundled " + r.id(), List.of(),
                        List.of("@id " + r.id() + " is a bundled ruleset's id; name the draft, e.g. " + r.id() + "-DRAFT-1"));
            return r;
        }
        if (bundledId == null || !Ruleset.BUNDLED.contains(bundledId))
            throw new AllocationRefused("UNKNOWN_RULESET", "no bundled ruleset " + bundledId + " (bundled: " + String.join(", ", Ruleset.BUNDLED) + ")");
        return Ruleset.bundled(bundledId);
    }

    public List<Ruleset> bundled() { return Ruleset.BUNDLED.stream().map(Ruleset::bundled).toList(); }

    static List<UnitInput> population(String text) {
        try {
            return PopulationReader.read(text == null ? "" : text);
        } catch (AllocationException e) {
            throw new AllocationRefused("INVALID_POPULATION", "the population file has " + e.problems().size() + " problem(s)", e.problems(), List.of());
        }
    }

    public RunRecord allocate(String by, Ruleset ruleset, int year, Stage stage, String populationName, String populationText, Long preRunId, String title) {
        List<UnitInput> units = population(populationText);
        if (preRunId != null) {
            RunRecord pre = store.run(preRunId).orElseThrow(() -> new AllocationRefused("UNKNOWN_RUN", "no run " + preRunId));
            if (stage != Stage.FINAL || pre.kind() != Kind.ALLOCATION || !pre.stage().equals(Stage.PRE_ALLOCATION.name()) || pre.year() != year
                    || !pre.jurisdiction().equals(ruleset.jurisdiction().code()))
                throw new AllocationRefused("PRE_RUN_MISMATCH", "run " + preRunId + " is not a pre-allocation of " + ruleset.jurisdiction() + " " + year);
        }
        Allocation a = compute(ruleset, year, stage, units);
        return save(Kind.ALLOCATION, by, ruleset, year, stage, null, List.of(), populationName, populationText, preRunId, title, a, null);
    }

    public RunRecord whatIf(String by, Ruleset ruleset, int year, WhatIf.Basis basis, List<Long> pricesFen, String populationName, String populationText, String title) {
        List<UnitInput> units = population(populationText);
        for (Long p : pricesFen) if (p == null || p < 0) throw new AllocationRefused("INVALID_PRICE", "prices are non-negative amounts per tonne");
        WhatIf.Result w;
        try {
            w = WhatIf.run(ruleset, year, units, basis, pricesFen);
        } catch (AllocationException e) {
            throw new AllocationRefused("INVALID_POPULATION", "the run has " + e.problems().size() + " problem(s)", e.problems(), List.of());
        } catch (ArithmeticException e) {
            throw tooLarge(e);
        }
        return save(Kind.WHAT_IF, by, ruleset, year, Stage.FINAL, basis.name(), pricesFen, populationName, populationText, null, title, w.allocation(), w.total().emissions());
    }

    private static Allocation compute(Ruleset ruleset, int year, Stage stage, List<UnitInput> units) {
        try {
            return new Allocator(ruleset).allocate(year, stage, units);
        } catch (AllocationException e) {
            throw new AllocationRefused("INVALID_POPULATION", "the run has " + e.problems().size() + " problem(s)", e.problems(), List.of());
        } catch (ArithmeticException e) {
            throw tooLarge(e);
        }
    }

    /** A figure beyond whole tonnes in a long (or a cost beyond fen in a long): a mistyped input, refused as such. */
    static AllocationRefused tooLarge(ArithmeticException e) {
        return new AllocationRefused("FIGURES_TOO_LARGE", "a figure of the run is too large to be a quantity in tonnes or an amount in fen ("
                + e.getMessage() + "): check the outputs, emissions and prices");
    }

    private RunRecord save(Kind kind, String by, Ruleset r, int year, Stage stage, String basis, List<Long> prices, String popName, String popText,
                           Long preRunId, String title, Allocation a, Long emissions) {
        Map<String, long[]> byEntity = new LinkedHashMap<>();
        for (EntityAllocation e : a.entities()) {
            long[] t = byEntity.computeIfAbsent(e.entityId(), k -> new long[2]);
            t[0] += e.total();
            t[1] += e.free();
        }
        List<RunEntity> entities = new ArrayList<>();
        String j = r.jurisdiction().code();
        for (var e : byEntity.entrySet())
            entities.add(new RunEntity(e.getKey(), registry.holdingAccount(e.getKey(), j).orElse(null), e.getValue()[0], e.getValue()[1]));
        String t = title == null || title.isBlank() ? r.id() + " " + year + " " + (kind == Kind.WHAT_IF ? "what-if" : stage.name()) : title.strip();
        if (t.length() > 200) throw new AllocationRefused("VALIDATION_FAILED", "a title is at most 200 characters");
        long id = store.saveRun(new NewRun(kind, j, r.id(), r.name(), r.text(), sha(r.text()), year, stage.name(), basis, prices,
                popName == null || popName.isBlank() ? "population.csv" : popName, popText, sha(popText), preRunId, t, a.units().size(), a.total(),
                a.free(), a.paid(), emissions, new ArrayList<>(a.unconfirmed()), entities, by, clock.instant()));
        return store.run(id).orElseThrow();
    }

    static String sha(String text) { return CanonicalText.sha256(text.getBytes(StandardCharsets.UTF_8)); }

    /**
     * The run's issuance, if it still stands: one whose batch the registry ended without completing it (declined,
     * expired, rejected at completion) is given back — the reservation and the deductions it applied — so the run can
     * be issued again, under a new batch id.
     */
    Optional<IssuanceRecord> standingIssuance(long runId) {
        Optional<IssuanceRecord> i = store.issuance(runId);
        if (i.isEmpty()) return i;
        Optional<String> status = registry.batchStatus(i.get().batchId());
        if (status.isPresent() && (status.get().equals("REJECTED") || status.get().equals("CANCELLED"))) {
            store.releaseIssuance(runId);
            return Optional.empty();
        }
        return i;
    }

    /** The run recomputed from its stored inputs. */
    public Computed view(long runId) {
        RunRecord run = store.run(runId).orElseThrow(() -> new AllocationRefused("UNKNOWN_RUN", "no run " + runId));
        Ruleset r = Ruleset.parse(run.rulesetName(), run.rulesetText());
        List<UnitInput> units = PopulationReader.read(run.populationText());
        if (run.kind() == Kind.WHAT_IF) {
            WhatIf.Result w = WhatIf.run(r, run.year(), units, WhatIf.Basis.valueOf(run.basis()), run.pricesFen());
            return new Computed(run, w.allocation(), w, Optional.empty());
        }
        return new Computed(run, new Allocator(r).allocate(run.year(), Stage.valueOf(run.stage()), units), null, standingIssuance(runId));
    }

    public List<RunRecord> runs(List<String> jurisdictions, List<Long> accountIds, int limit) { return store.runs(jurisdictions, accountIds, limit); }

    public Optional<RunRecord> run(long id) { return store.run(id); }

    /** The run's recorded issuance (who proposed it and which [U] rows they acknowledged), as it stands. */
    public Optional<IssuanceRecord> issuanceOf(long runId) { return store.issuance(runId); }

    public long compare(String by, long runA, long runB, String title) {
        Computed a = view(runA), b = view(runB);
        if (a.whatIf() == null || b.whatIf() == null) throw new AllocationRefused("NOT_A_WHAT_IF", "a comparison is of two what-if runs");
        if (!a.run().populationSha256().equals(b.run().populationSha256()))
            throw new AllocationRefused("POPULATION_DIFFERS", "a comparison is of two runs over the same population file (SHA-256 "
                    + a.run().populationSha256().substring(0, 12) + " vs " + b.run().populationSha256().substring(0, 12) + ")");
        try {
            Comparison.compare(a.whatIf(), b.whatIf());
        } catch (IllegalArgumentException e) {
            throw new AllocationRefused(e.getMessage().contains("basis") ? "BASIS_DIFFERS" : "POPULATION_DIFFERS", e.getMessage());
        }
        String t = title == null || title.isBlank() ? a.run().rulesetId() + " vs " + b.run().rulesetId() : title.strip();
        return store.saveComparison(runA, runB, t, by, clock.instant());
    }

    public record ComparisonView(ComparisonRecord record, Computed a, Computed b, Comparison.Result result) { }

    public ComparisonView comparison(long id) {
        ComparisonRecord c = store.comparison(id).orElseThrow(() -> new AllocationRefused("UNKNOWN_RUN", "no comparison " + id));
        Computed a = view(c.runA()), b = view(c.runB());
        return new ComparisonView(c, a, b, Comparison.compare(a.whatIf(), b.whatIf()));
    }

    public List<ComparisonRecord> comparisons(List<String> jurisdictions, int limit) { return store.comparisons(jurisdictions, limit); }

    // ------------------------------------------------------------------ deductions (the port)

    public long addDeduction(String by, String entityId, String jurisdiction, int year, long quantity, String reason, String sourceRef) {
        try {
            new Deduction(entityId, jurisdiction, year, quantity, reason, sourceRef);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new AllocationRefused("INVALID_DEDUCTION", e.getMessage());
        }
        if (year < 2005 || year > 2100) throw new AllocationRefused("INVALID_DEDUCTION", "year out of range: " + year);
        if (registry.holdingAccount(entityId, jurisdiction).isEmpty())
            throw new AllocationRefused("NO_ACCOUNT", "entity " + entityId + " has no holding account in " + jurisdiction);
        return store.addDeduction(entityId, jurisdiction, year, quantity, reason.strip(), sourceRef.strip(), by, clock.instant());
    }

    public List<DeductionView> deductions(String jurisdiction, Integer year, boolean pendingOnly) { return store.deductions(jurisdiction, year, pendingOnly); }

    @Override public List<Deduction> pending(String jurisdiction, int year) {
        return store.deductions(jurisdiction, year, true).stream()
                .map(d -> new Deduction(d.entityId(), d.jurisdiction(), d.year(), d.quantity(), d.reason(), d.sourceRef())).toList();
    }

    // ------------------------------------------------------------------ issuance

    /** What issuing a run would propose, before it is proposed: the true-up lines and the [U] rows it rests on. */
    public record IssuePlan(Computed run, Computed pre, TrueUp.Result trueUp, List<RegistryPort.Line> lines, String unitType, Set<String> unconfirmed,
                            List<String> unresolved, List<DeductionView> deductions, Map<Long, String> deductionEntities) { }

    public IssuePlan plan(long runId) {
        Computed c = view(runId);
        RunRecord run = c.run();
        if (run.kind() != Kind.ALLOCATION) throw new AllocationRefused("NOT_AN_ALLOCATION", "a what-if run is not issued; run the allocation itself");
        String j = run.jurisdiction();
        Computed pre = null;
        TrueUp.Result t;
        java.util.Set<String> entities = new java.util.HashSet<>();
        for (EntityAllocation e : c.allocation().entities()) entities.add(e.entityId());
        // deductions of this run's entities only: another sector's run of the same year takes its own
        // a deduction entered under an entity's MRV id applies to the run's line naming its account number, and the
        // other way round: each is matched to the run's entity by name, else by the holding account both resolve to
        Map<Long, String> byAccount = new java.util.HashMap<>();
        for (var re : run.entities()) if (re.accountId() != null) byAccount.putIfAbsent(re.accountId(), re.entityId());
        Map<Long, String> deductionEntity = new java.util.HashMap<>();
        List<DeductionView> pending = new ArrayList<>();
        for (DeductionView d : store.deductions(j, run.year(), true)) {
            String e = entities.contains(d.entityId()) ? d.entityId() : registry.holdingAccount(d.entityId(), j).map(byAccount::get).orElse(null);
            if (e == null) continue;
            deductionEntity.put(d.id(), e);
            pending.add(d);
        }
        if (run.stage().equals(Stage.PRE_ALLOCATION.name())) {
            t = null;
        } else {
            // the true-up is measured against what was pre-allocated and delivered: the pre-run named must have been
            // issued and its batch completed, and no entity of this run may have been pre-allocated by another run
            Map<Long, AllocationStore.IssuedRun> delivered = new LinkedHashMap<>();
            for (AllocationStore.IssuedRun ir : store.issuedRuns(j, run.year(), Stage.PRE_ALLOCATION.name()))
                if (registry.batchStatus(ir.batchId()).map("COMPLETED"::equals).orElse(false)) delivered.put(ir.runId(), ir);
            if (run.preRunId() != null && !delivered.containsKey(run.preRunId()))
                throw new AllocationRefused("PRE_RUN_NOT_DELIVERED", "pre-allocation run " + run.preRunId()
                        + " has not been issued and completed in the registry: the true-up would subtract units nobody received");
            // the same entity may be named by its MRV id in one run and by its account number in another: compare both
            java.util.Set<Long> accounts = new java.util.HashSet<>();
            for (var re : run.entities()) if (re.accountId() != null) accounts.add(re.accountId());
            List<String> elsewhere = new ArrayList<>();
            for (AllocationStore.IssuedRun ir : delivered.values()) {
                if (java.util.Objects.equals(ir.runId(), run.preRunId())) continue;
                for (String e : ir.entities()) if (entities.contains(e)) elsewhere.add(e + " (run " + ir.runId() + ")");
                for (Long a : ir.accounts()) if (accounts.contains(a) && elsewhere.stream().noneMatch(x -> x.endsWith("(run " + ir.runId() + ")")))
                    elsewhere.add("account " + a + " (run " + ir.runId() + ")");
            }
            if (!elsewhere.isEmpty())
                throw new AllocationRefused("PRE_ALLOCATION_NOT_ACCOUNTED", "pre-allocated by a run this one does not true up against: "
                        + String.join(", ", elsewhere), List.of(), elsewhere);
            if (run.preRunId() != null) pre = view(run.preRunId());
            List<Deduction> ds = pending.stream().map(d -> new Deduction(deductionEntity.get(d.id()), d.jurisdiction(), d.year(), d.quantity(), d.reason(), d.sourceRef())).toList();
            t = TrueUp.compute(j, pre == null ? null : pre.allocation(), c.allocation(), ds);
        }
        long allocationAccount = registry.governmentAccount(j, "ALLOCATION").orElseThrow(() -> new AllocationRefused("NO_ACCOUNT", j + " has no allocation account"));
        Optional<Long> auction = registry.governmentAccount(j, "AUCTION");
        String unitType = registry.allowanceType(j).orElseThrow(() -> new AllocationRefused("NO_ACCOUNT", j + " has no allowance unit type"));
        List<RegistryPort.Line> lines = new ArrayList<>();
        List<String> unresolved = new ArrayList<>();
        if (t == null) {
            Map<String, Long> free = new LinkedHashMap<>();
            for (EntityAllocation e : c.allocation().entities()) free.merge(e.entityId(), e.free(), Long::sum);
            for (var e : free.entrySet()) {
                if (e.getValue() == 0) continue;
                Optional<Long> acct = registry.holdingAccount(e.getKey(), j);
                if (acct.isEmpty()) { unresolved.add(e.getKey()); continue; }
                lines.add(new RegistryPort.Line("ALLOCATE", allocationAccount, acct.get(), e.getValue(), "PRE_ALLOCATION", e.getKey()));
            }
            if (c.allocation().paid() > 0)
                lines.add(new RegistryPort.Line("TRANSFER", allocationAccount, auction.orElseThrow(() -> new AllocationRefused("NO_ACCOUNT", j + " has no auction account")),
                        c.allocation().paid(), "PAID_TO_AUCTION", ""));
        } else {
            for (TrueUp.Line l : t.lines()) {
                if (l.delta() == 0) continue;
                Optional<Long> acct = registry.holdingAccount(l.entityId(), j);
                if (acct.isEmpty()) { unresolved.add(l.entityId()); continue; }
                if (l.delta() > 0) lines.add(new RegistryPort.Line("ALLOCATE", allocationAccount, acct.get(), l.delta(), "TRUE_UP", l.entityId()));
                else lines.add(new RegistryPort.Line("RETURN_OF_EXCESS", acct.get(), 0, -l.delta(), "RETURN_OF_EXCESS", l.entityId()));
            }
            long paid = t.paidDelta();
            if (paid != 0) {
                long auctionAccount = auction.orElseThrow(() -> new AllocationRefused("NO_ACCOUNT", j + " has no auction account"));
                lines.add(paid > 0 ? new RegistryPort.Line("TRANSFER", allocationAccount, auctionAccount, paid, "PAID_TO_AUCTION", "")
                        : new RegistryPort.Line("TRANSFER", auctionAccount, allocationAccount, -paid, "PAID_BACK_FROM_AUCTION", ""));
            }
        }
        Set<String> unconfirmed = new TreeSet<>(c.allocation().unconfirmed());
        if (pre != null) unconfirmed.addAll(pre.allocation().unconfirmed());
        return new IssuePlan(c, pre, t, lines, unitType, unconfirmed, unresolved, t == null ? List.of() : pending, deductionEntity);
    }

    private boolean creditsAllocation(RegistryPort.Line l, IssuePlan plan) {
        return l.type().equals("RETURN_OF_EXCESS") || registry.governmentAccount(plan.run().run().jurisdiction(), "ALLOCATION").map(a -> a == l.to()).orElse(false);
    }

    /**
     * Proposes the run's batch to the registry, once. {@code acknowledged} must name every [U] row the run rests on
     * (the plan lists them); the deductions applied and the remainders carried forward are recorded with it.
     */
    public IssuanceRecord issue(String by, long runId, List<String> acknowledged) {
        if (standingIssuance(runId).isPresent()) throw new AllocationRefused("ALREADY_ISSUED", "run " + runId + " was issued already");
        IssuePlan plan = plan(runId);
        if (!plan.unresolved().isEmpty())
            throw new AllocationRefused("NO_ACCOUNT", "no holding account for " + String.join(", ", plan.unresolved()), List.of(), plan.unresolved());
        Set<String> missing = new TreeSet<>(plan.unconfirmed());
        missing.removeAll(acknowledged == null ? List.of() : acknowledged);
        if (!missing.isEmpty())
            throw new AllocationRefused("UNCONFIRMED_NOT_ACKNOWLEDGED", "the run rests on " + missing.size()
                    + " unconfirmed [U] value(s); acknowledge each to issue", List.of(), new ArrayList<>(missing));
        if (plan.lines().isEmpty()) throw new AllocationRefused("NOTHING_TO_ISSUE", "the run moves no units");
        RunRecord run = plan.run().run();
        // the deductions the plan took, exactly as it took them (one pending deduction after another, by entity)
        List<AllocationStore.AppliedDeduction> applied = new ArrayList<>();
        if (plan.trueUp() != null) {
            Map<String, Long> remaining = new LinkedHashMap<>();
            for (TrueUp.Line l : plan.trueUp().lines()) remaining.put(l.entityId(), l.deducted());
            for (DeductionView d : plan.deductions()) {
                String e = plan.deductionEntities().get(d.id());
                long left = remaining.getOrDefault(e, 0L);
                long take = Math.min(left, d.quantity());
                remaining.put(e, left - take);
                applied.add(new AllocationStore.AppliedDeduction(d.id(), take, d.quantity() - take, run.year() + 1));
            }
        }
        // a batch id the registry does not hold yet: after a declined or rejected attempt, the next one is "-retry-N"
        String batchId = "allocation-run-" + runId;
        for (int attempt = 1; registry.batchStatus(batchId).isPresent(); attempt++) batchId = "allocation-run-" + runId + "-retry-" + attempt;
        IssuanceRecord rec = new IssuanceRecord(runId, batchId, plan.lines().size(), new ArrayList<>(plan.unconfirmed()), by, clock.instant());
        // Reserved first, in one transaction: the run is issued once, no entity is allocated twice for a year and stage
        // by two runs, and the deductions are those the plan saw. Only then is the batch proposed; a rejected batch
        // gives the reservation back.
        // issuances of the same year and stage whose batch ended without completing no longer hold their entities
        for (AllocationStore.IssuedRun ir : store.issuedRuns(run.jurisdiction(), run.year(), run.stage())) standingIssuance(ir.runId());
        AllocationStore.Reservation reserved = store.reserveIssuance(rec, run.jurisdiction(), run.year(), run.stage(), applied);
        switch (reserved.outcome()) {
            case ALREADY_ISSUED -> throw new AllocationRefused("ALREADY_ISSUED", "run " + runId + " was issued already");
            case ENTITY_ALREADY_ALLOCATED -> throw new AllocationRefused("ENTITY_ALREADY_ALLOCATED", "run " + reserved.otherRun() + " already allocated "
                    + run.year() + " " + run.stage() + " to " + String.join(", ", reserved.entities()), List.of(), reserved.entities());
            case DEDUCTIONS_CHANGED -> throw new AllocationRefused("DEDUCTIONS_CHANGED", "the pending deductions changed while issuing; look at the plan again");
            case RESERVED -> { }
        }
        // One batch. The lines that give units out of the allocation account come first and those that take units back
        // into it last: the registry lets a government account take back after giving out in one batch (its debits draw
        // only on what it held before the batch), never the other way round.
        List<RegistryPort.Line> ordered = new ArrayList<>();
        for (RegistryPort.Line l : plan.lines()) if (!creditsAllocation(l, plan)) ordered.add(l);
        for (RegistryPort.Line l : plan.lines()) if (creditsAllocation(l, plan)) ordered.add(l);
        RegistryPort.Proposed p;
        try {
            p = registry.proposeBatch(batchId, by, plan.unitType(), run.year(), ordered);
        } catch (RuntimeException e) {
            store.releaseIssuance(runId);
            throw e;
        }
        if (p.rejected()) {
            store.releaseIssuance(runId);
            throw new AllocationRefused("REGISTRY_REJECTED", "the registry rejected the batch: " + p.code() + " " + p.detail(), List.of(), List.of(p.code()));
        }
        return rec;
    }
}
