package org.openets.cli.allocation;

import org.openets.allocation.Param;
import org.openets.allocation.TraceStep;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The unconfirmed ([U]) ruleset rows one run rests on: for each line the set of rows its trace read (a badge and the
 * keys to list), and for the footer every such row with how many unit and entity lines used it. A run has few
 * distinct [U] rows, so a line's set is a bit set over them and its key list is worded once per distinct set.
 */
final class Unconfirmed {
    /** A [U] row used, and how many unit lines and entity lines rest on it. */
    record Row(Param param, int unitLines, int entityLines) {}

    private final Map<Param, Integer> index = new IdentityHashMap<>();
    private final List<Param> rows = new ArrayList<>();
    private final List<int[]> counts = new ArrayList<>();
    private final Map<BitSet, List<String>> keys = new HashMap<>();
    private final Map<BitSet, String> joined = new HashMap<>();
    static final BitSet NONE = new BitSet();

    /** The [U] rows a trace read; counts them for the footer as a unit line's (or, with {@code entity}, an entity line's). */
    BitSet of(List<TraceStep> trace, boolean entity) {
        BitSet set = null;
        for (TraceStep s : trace)
            for (Param p : s.params())
                if (p.isUnconfirmed()) {
                    Integer i = index.get(p);
                    if (i == null) {
                        i = rows.size();
                        index.put(p, i);
                        rows.add(p);
                        counts.add(new int[2]);
                    }
                    if (set == null) set = new BitSet();
                    set.set(i);
                }
        if (set == null) return NONE;
        for (int i = set.nextSetBit(0); i >= 0; i = set.nextSetBit(i + 1)) counts.get(i)[entity ? 1 : 0]++;
        return set;
    }

    /** The [U] rows of one trace step, not counted. */
    BitSet ofStep(TraceStep step) {
        if (!step.unconfirmed()) return NONE;
        BitSet set = new BitSet();
        for (Param p : step.params()) if (p.isUnconfirmed()) set.set(index.get(p));
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

    /** Every [U] row used, by key and then file line. */
    List<Row> rows() {
        List<Row> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) out.add(new Row(rows.get(i), counts.get(i)[0], counts.get(i)[1]));
        out.sort((a, b) -> {
            int c = a.param().key().compareTo(b.param().key());
            return c != 0 ? c : a.param().origin().compareTo(b.param().origin());
        });
        return out;
    }

    boolean isEmpty() { return rows.isEmpty(); }

    int size() { return rows.size(); }
}
