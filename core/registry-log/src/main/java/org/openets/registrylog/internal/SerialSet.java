package org.openets.registrylog.internal;

import org.openets.kernel.SerialRange;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A set of serial numbers as disjoint runs, merged when they touch, so "contains the whole range" is one lookup.
 * Used for the serials each series has issued: an issuance must not touch it, every other entry must lie inside it.
 */
public final class SerialSet {
    private final TreeMap<Long, Long> runs = new TreeMap<>();

    public SerialSet() {}

    public SerialSet(Collection<SerialRange> ranges) { ranges.forEach(this::add); }

    public boolean overlaps(SerialRange r) {
        Map.Entry<Long, Long> e = runs.floorEntry(r.last());
        return e != null && e.getValue() >= r.first();
    }

    public boolean containsAll(SerialRange r) {
        Map.Entry<Long, Long> e = runs.floorEntry(r.first());
        return e != null && e.getValue() >= r.last();
    }

    public void add(SerialRange r) {
        long first = r.first(), last = r.last();
        Map.Entry<Long, Long> before = runs.floorEntry(first);
        if (before != null && before.getValue() >= first - 1) {
            first = before.getKey();
            last = Math.max(last, before.getValue());
            runs.remove(before.getKey());
        }
        for (Map.Entry<Long, Long> next = runs.ceilingEntry(first); next != null && next.getKey() <= last + 1; next = runs.ceilingEntry(first)) {
            last = Math.max(last, next.getValue());
            runs.remove(next.getKey());
        }
        runs.put(first, last);
    }

    /** The runs, ascending. */
    public List<SerialRange> ranges() {
        List<SerialRange> out = new ArrayList<>(runs.size());
        runs.forEach((f, l) -> out.add(new SerialRange(f, l)));
        return out;
    }

    /** The same serials as {@code ranges}, as merged ascending runs: the normal form two range lists are compared in. */
    public static List<SerialRange> normalise(Collection<SerialRange> ranges) { return new SerialSet(ranges).ranges(); }
}
