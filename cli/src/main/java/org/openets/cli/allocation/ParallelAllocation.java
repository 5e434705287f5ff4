package org.openets.cli.allocation;

import org.openets.allocation.Allocation;
import org.openets.allocation.AllocationException;
import org.openets.allocation.Allocator;
import org.openets.allocation.EntityAllocation;
import org.openets.allocation.Problem;
import org.openets.allocation.Stage;
import org.openets.allocation.UnitAllocation;
import org.openets.allocation.UnitInput;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@link Allocator#allocate} on several threads, with the same result as one call over the whole population: the
 * population is split by entity (an entity's units, and so its totals and its rounding, stay in one part), each part is
 * allocated on its own, and the parts are put back in population order: unit lines as in the file, entity lines by
 * their first unit. What the allocator checks across the whole population is checked here first: a unit id seen
 * before is a DUPLICATE_UNIT problem and its line is left out, as the allocator does. Problems come in line order.
 */
public final class ParallelAllocation {
    private ParallelAllocation() {}

    public static Allocation allocate(Allocator allocator, int year, Stage stage, List<UnitInput> population, int threads) {
        if (threads <= 1 || population.size() < 2 || !allocator.ruleset().covers(year)) return allocator.allocate(year, stage, population);
        List<Problem> problems = new ArrayList<>();
        int partCount = Math.min(threads * 4, population.size());
        List<List<UnitInput>> parts = new ArrayList<>(partCount);
        for (int i = 0; i < partCount; i++) parts.add(new ArrayList<>(population.size() / partCount + 16));
        Set<String> ids = new HashSet<>(population.size() * 2);
        Map<UnitInput, Integer> index = new IdentityHashMap<>(population.size() * 2);
        for (int i = 0; i < population.size(); i++) {
            UnitInput u = population.get(i);
            if (!ids.add(u.unitId())) {
                problems.add(new Problem(u.line(), u.unitId(), "unit_id", Problem.Code.DUPLICATE_UNIT, "the unit appears twice"));
                continue;
            }
            index.put(u, i);
            parts.get(Math.floorMod(u.entityId().hashCode(), partCount)).add(u);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "allocate");
            t.setDaemon(true);
            return t;
        });
        List<Allocation> done = new ArrayList<>(partCount);
        try {
            List<Future<Allocation>> futures = new ArrayList<>(partCount);
            for (List<UnitInput> part : parts) futures.add(pool.submit(() -> part.isEmpty() ? null : allocator.allocate(year, stage, part)));
            for (Future<Allocation> f : futures) {
                try {
                    Allocation a = f.get();
                    if (a != null) done.add(a);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof AllocationException ae) problems.addAll(ae.problems());
                    else if (e.getCause() instanceof RuntimeException r) throw r;
                    else throw new IllegalStateException(e.getCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparingInt(Problem::line)); // stable: a line's problems keep their order
            throw new AllocationException(problems);
        }
        UnitAllocation[] units = new UnitAllocation[population.size()];
        List<EntityAllocation> entities = new ArrayList<>();
        for (Allocation a : done) {
            for (UnitAllocation u : a.units()) units[index.get(u.unit())] = u;
            entities.addAll(a.entities());
        }
        entities.sort(Comparator.comparingInt(e -> index.get(e.units().get(0).unit())));
        List<UnitAllocation> lines = Arrays.stream(units).filter(java.util.Objects::nonNull).toList();
        return new Allocation(allocator.ruleset().id(), year, stage, allocator.ruleset().roundingPoint(year), lines, entities);
    }
}
