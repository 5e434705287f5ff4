package org.openets.registry.internal;

import org.openets.kernel.SerialRange;
import org.openets.registry.SeriesKey;
import org.openets.registry.Transaction;
import org.openets.registry.UnitBlock;
import org.openets.registry.spi.LedgerSession;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Moves serial-numbered blocks. A line takes its units from the smallest block that holds them all (its highest
 * serials), else the lowest serials first, and splits at most one block; blocks
 * that arrive next to a block of the same series and pledge state merge with it, so a holding built from
 * contiguous serials stays one block. The checks have already passed: anything that does not add up here is
 * a bug, and throws.
 */
public final class Movements {
    private Movements() {}

    /** Executes a checked transaction and returns the serial ranges it moved (or froze, or issued). */
    public static List<SerialRange> execute(LedgerSession s, Transaction t, Checks.Resolved r) {
        long series = r.series().id();
        long q = t.quantity();
        switch (t.type()) {
            case ISSUE -> {
                long first = s.nextSerial(series);
                if (first + q - 1 > SeriesKey.MAX_SERIAL) throw new IllegalStateException("series " + r.seriesKey() + " is out of serial numbers");
                SerialRange range = SerialRange.ofSize(first, q);
                s.recordIssued(series, range);
                credit(s, t.to(), series, 0, range);
                s.adjustHolding(t.to(), series, q, 0);
                return List.of(range);
            }
            case REVERSAL -> {
                for (SerialRange range : r.reversed().ranges()) {
                    carve(s, t.from(), series, range);
                    credit(s, t.to(), series, 0, range);
                }
                s.adjustHolding(t.from(), series, -q, 0);
                s.adjustHolding(t.to(), series, q, 0);
                return r.reversed().ranges();
            }
            case FREEZE -> {
                List<SerialRange> taken = take(s, t.from(), series, 0, q);
                for (SerialRange range : taken) credit(s, t.from(), series, t.pledgee(), range);
                s.adjustHolding(t.from(), series, 0, q);
                return taken;
            }
            case UNFREEZE -> {
                List<SerialRange> taken = take(s, t.from(), series, t.pledgee(), q);
                for (SerialRange range : taken) credit(s, t.from(), series, 0, range);
                s.adjustHolding(t.from(), series, 0, -q);
                return taken;
            }
            default -> {
                List<SerialRange> taken = take(s, t.from(), series, 0, q);
                for (SerialRange range : taken) credit(s, t.to(), series, 0, range);
                s.adjustHolding(t.from(), series, -q, 0);
                s.adjustHolding(t.to(), series, q, 0);
                return taken;
            }
        }
    }

    /**
     * Removes {@code q} units from the pool: from the smallest block that alone holds them (of equal sizes the lowest
     * serial; its highest serials), else the lowest serials first; either way splitting at most the last block taken.
     * One block keeps a transaction to one serial range whenever the pool allows; the smallest one uses up the
     * fragments a holding collects from many small receipts instead of cutting ever more out of its large blocks.
     */
    static List<SerialRange> take(LedgerSession s, long account, long series, long pledgee, long q) {
        Optional<UnitBlock> one = s.smallestBlockHolding(account, series, pledgee, q);
        List<UnitBlock> blocks = one.isPresent() ? List.of(one.get()) : new ArrayList<>(s.blocksCovering(account, series, pledgee, q));
        if (one.isEmpty()) blocks.sort((a, b) -> a.range().compareTo(b.range()));
        List<SerialRange> taken = new ArrayList<>();
        long remaining = q;
        for (UnitBlock b : blocks) {
            if (remaining == 0) break;
            s.removeBlock(b);
            if (b.size() <= remaining) {
                taken.add(b.range());
                remaining -= b.size();
            } else if (one.isPresent()) {
                // the highest serials of the one block: what stays keeps its first serial, so the store updates that row
                // in place (ADR 0004) instead of deleting it and inserting what is left
                SerialRange kept = b.range().head(b.size() - remaining);
                taken.add(b.range().tailAfter(kept.size()));
                s.addBlock(b.withRange(kept));
                remaining = 0;
            } else {
                taken.add(b.range().head(remaining));
                s.addBlock(b.withRange(b.range().tailAfter(remaining)));
                remaining = 0;
            }
        }
        if (remaining != 0) throw new IllegalStateException("account " + account + " lacks " + remaining + " t after the checks passed");
        return taken;
    }

    /** Cuts exactly {@code range} out of the account's free blocks. */
    static void carve(LedgerSession s, long account, long series, SerialRange range) {
        long covered = 0;
        for (UnitBlock b : s.blocksOverlapping(account, series, range)) {
            if (b.isFrozen()) throw new IllegalStateException("frozen block in a reversal after the checks passed");
            s.removeBlock(b);
            if (b.range().first() < range.first()) s.addBlock(b.withRange(new SerialRange(b.range().first(), range.first() - 1)));
            if (b.range().last() > range.last()) s.addBlock(b.withRange(new SerialRange(range.last() + 1, b.range().last())));
            covered += Math.min(b.range().last(), range.last()) - Math.max(b.range().first(), range.first()) + 1;
        }
        if (covered != range.size()) throw new IllegalStateException("account " + account + " does not hold all of " + range);
    }

    /** Adds a range to an account, merged with the adjacent blocks of the same pledge state. */
    static void credit(LedgerSession s, long account, long series, long pledgee, SerialRange range) {
        SerialRange merged = range;
        for (UnitBlock n : s.blocksAdjacent(account, series, pledgee, range)) {
            s.removeBlock(n);
            merged = merged.union(n.range());
        }
        s.addBlock(new UnitBlock(series, merged, account, pledgee));
    }
}
