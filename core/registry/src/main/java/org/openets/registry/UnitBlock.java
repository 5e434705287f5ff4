package org.openets.registry;

import org.openets.kernel.SerialRange;

/**
 * A contiguous run of serial numbers of one series held in one account. {@code pledgee} is the account the
 * block is pledged to, or 0 when the block is free.
 */
public record UnitBlock(long seriesId, SerialRange range, long accountId, long pledgee) {
    public boolean isFrozen() { return pledgee != 0; }

    public long size() { return range.size(); }

    public UnitBlock withRange(SerialRange r) { return new UnitBlock(seriesId, r, accountId, pledgee); }
}
