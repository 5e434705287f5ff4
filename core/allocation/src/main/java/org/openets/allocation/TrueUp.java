package org.openets.allocation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 多退少补: the difference between an entity's final free allocation (after next-year deductions) and what it was
 * pre-allocated. A positive difference is allocated (ALLOCATE), a negative one returned (RETURN_OF_EXCESS). The paid
 * parts move between the allocation and the auction account the same way, as one line for the jurisdiction.
 *
 * <p>Deductions subtract from the final free allocation, never below zero; what they cannot take is carried forward
 * to the next year. By construction {@code preAllocated + delta = finalAfterDeductions}.
 */
public final class TrueUp {
    /** One entity's true-up. */
    public record Line(String entityId, String entityName, long preAllocated, long finalAllocation, long deducted, long carriedForward,
                       long finalAfterDeductions, long delta, List<Deduction> deductions) {
        public Line {
            deductions = List.copyOf(deductions);
            if (preAllocated + delta != finalAfterDeductions) throw new IllegalStateException("true-up does not add up for " + entityId);
        }
    }

    /** All entities, and the paid part that moves to (positive) or from (negative) the auction account. */
    public record Result(String jurisdiction, int year, List<Line> lines, long prePaid, long finalPaid) {
        public Result { lines = List.copyOf(lines); }

        public long paidDelta() { return finalPaid - prePaid; }

        public long allocated() { return lines.stream().mapToLong(l -> Math.max(0, l.delta())).sum(); }

        public long returned() { return lines.stream().mapToLong(l -> Math.max(0, -l.delta())).sum(); }
    }

    private TrueUp() { }

    /**
     * @param pre the pre-allocation of the year, or null when there was none (the whole final allocation is then
     *            allocated)
     */
    public static Result compute(String jurisdiction, Allocation pre, Allocation fin, List<Deduction> deductions) {
        if (fin.stage() != Stage.FINAL) throw new IllegalArgumentException("the true-up needs a final allocation");
        if (pre != null && (pre.stage() != Stage.PRE_ALLOCATION || pre.year() != fin.year()))
            throw new IllegalArgumentException("the pre-allocation must be of the same year");
        Map<String, long[]> byEntity = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        if (pre != null) for (EntityAllocation e : pre.entities()) { byEntity.computeIfAbsent(e.entityId(), k -> new long[2])[0] += e.free(); names.putIfAbsent(e.entityId(), e.entityName()); }
        for (EntityAllocation e : fin.entities()) { byEntity.computeIfAbsent(e.entityId(), k -> new long[2])[1] += e.free(); names.put(e.entityId(), e.entityName()); }
        Map<String, List<Deduction>> ded = new LinkedHashMap<>();
        for (Deduction d : deductions) {
            if (!d.jurisdiction().equals(jurisdiction) || d.year() != fin.year()) throw new IllegalArgumentException("deduction for another jurisdiction or year: " + d);
            ded.computeIfAbsent(d.entityId(), k -> new ArrayList<>()).add(d);
        }
        for (String id : ded.keySet()) byEntity.computeIfAbsent(id, k -> new long[2]);
        List<Line> lines = new ArrayList<>();
        for (var e : byEntity.entrySet()) {
            long preFree = e.getValue()[0], finFree = e.getValue()[1];
            List<Deduction> ds = ded.getOrDefault(e.getKey(), List.of());
            long want = 0;
            for (Deduction d : ds) want = Math.addExact(want, d.quantity());
            long deducted = Math.min(want, finFree);
            long after = finFree - deducted;
            lines.add(new Line(e.getKey(), names.getOrDefault(e.getKey(), ""), preFree, finFree, deducted, want - deducted, after, after - preFree, ds));
        }
        long prePaid = pre == null ? 0 : pre.paid();
        return new Result(jurisdiction, fin.year(), lines, prePaid, fin.paid());
    }
}
