package org.openets.cli.allocation;

import org.openets.allocation.Param;
import org.openets.allocation.Ruleset;
import org.openets.allocation.TraceStep;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The unconfirmed ([U]) ruleset rows one run rests on: for each line the set of rows its trace read (a badge and the
 * keys to list), and for the footer every such row with how many unit and entity lines used it. The ruleset's [U]
 * rows are numbered once, so a line's set is a bit set over them and its key list is worded once per distinct set.
 * Safe to use from several threads (lines are formatted in parallel).
 */
final class Unconfirmed {
    /** A [U] row used, and how many unit lines and entity lines rest on it. */
    record Row(Param param, int unitLines, int entityLines) {}

    static final BitSet NONE = new BitSet();
    private final Map<Param, Integer> index = new IdentityHashMap<>();
    private final List<Param> rows = new ArrayList<>();
    private final AtomicIntegerArray counts;
    private final Map<BitSet, List<String>> keys = new ConcurrentHashMap<>();
    private final Map<BitSet, String> joined = new ConcurrentHashMap<>();

    Unconfirmed(Ruleset ruleset) {
        for (Param p : ruleset.params())
            if (p.isUnconfirmed()) {
                index.put(p, rows.size());
                rows.add(p);
            }
        counts = new AtomicIntegerArray(2 * rows.size());
    }

    private int indexOf(Param p) {
        Integer i = index.get(p);
        if (i == null) throw new IllegalStateException("a trace cites " + p.key() + " (" + p.origin() + "), which is not a row of this run's ruleset");
        return i;
    }

    /** The [U] rows a trace read; counts them for the footer as a unit line's (or, with {@code entity}, an entity line's). */
    /** The [U] rows each unit line of an entity rests on, and the entity's: its own trace's and all its units'. */
    record Marks(BitSet entity, BitSet[] units) {}

    Marks of(org.openets.allocation.EntityAllocation e) {
        BitSet[] sets = new BitSet[e.units().size()];
        BitSet es = (BitSet) of(e.trace(), true).clone();
        for (int i = 0; i < sets.length; i++) {
            sets[i] = of(e.units().get(i).trace(), false);
            es.or(sets[i]);
        }
        return new Marks(es, sets);
    }

    BitSet of(List<TraceStep> trace, boolean entity) {
        BitSet set = null;
        for (TraceStep s : trace)
            for (Param p : s.params())
                if (p.isUnconfirmed()) {
                    if (set == null) set = new BitSet(rows.size());
                    set.set(indexOf(p));
                }
        if (set == null) return NONE;
        for (int i = set.nextSetBit(0); i >= 0; i = set.nextSetBit(i + 1)) counts.incrementAndGet(2 * i + (entity ? 1 : 0));
        return set;
    }

    /** The [U] rows of one trace step, not counted. */
    BitSet ofStep(TraceStep step) {
        if (!step.unconfirmed()) return NONE;
        BitSet set = new BitSet(rows.size());
        for (Param p : step.params()) if (p.isUnconfirmed()) set.set(indexOf(p));
        return set;
    }

    /** The keys of a set, sorted and distinct: {@code cooling.factor[AIR]}, {@code rounding.mode}… */
    List<String> keys(BitSet set) {
        if (set.isEmpty()) return List.of();
        return keys.computeIfAbsent(set, s -> {
            TreeSet<String> k = new TreeSet<>();
            for (int i = s.nextSetBit(0); i >= 0; i = s.nextSetBit(i + 1)) k.add(rows.get(i).key());
            return List.copyOf(k);
        });
    }

    /** The keys joined with {@code ;}: the csv cell. */
    String joined(BitSet set) {
        if (set.isEmpty()) return "";
        return joined.computeIfAbsent(set, s -> String.join(";", keys(s)));
    }

    /** Every [U] row some line used. */
    BitSet used() {
        BitSet s = new BitSet(rows.size());
        for (int i = 0; i < rows.size(); i++) if (counts.get(2 * i) + counts.get(2 * i + 1) > 0) s.set(i);
        return s;
    }

    /** Every [U] row used, with its counts, by key and then file line. */
    List<Row> rows() {
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            int units = counts.get(2 * i), entities = counts.get(2 * i + 1);
            if (units + entities > 0) out.add(new Row(rows.get(i), units, entities));
        }
        out.sort((a, b) -> {
            int c = a.param().key().compareTo(b.param().key());
            return c != 0 ? c : a.param().origin().compareTo(b.param().origin());
        });
        return out;
    }

    boolean isEmpty() { return used().isEmpty(); }

    int size() { return used().cardinality(); }
}
