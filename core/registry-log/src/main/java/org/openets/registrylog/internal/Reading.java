package org.openets.registrylog.internal;

import org.openets.registrylog.spi.JournalRow;

import java.util.List;

/**
 * A journal row read as far as it can be: the parsed entry, or the genesis, or why it is malformed, together
 * with the transaction id and accounts a finding about it should name (best effort when it does not parse).
 */
public record Reading(ParsedEntry entry, boolean genesis, String malformed, long transactionId, List<Long> accounts, long seriesId) {

    public static Reading of(JournalRow row) {
        String c = row.canonical();
        if (ParsedEntry.isGenesis(c))
            return row.seq() == 0 ? new Reading(null, true, null, 0, List.of(), 0)
                    : malformed("the genesis text is stored at seq " + row.seq(), c);
        if (row.seq() == 0) return malformed("entry 0 must be the genesis entry '" + JournalRow.GENESIS_CANONICAL + "'", c);
        ParsedEntry e;
        try {
            e = ParsedEntry.parse(c);
        } catch (IllegalArgumentException x) {
            return malformed(x.getMessage(), c);
        }
        if (e.seq() != row.seq())
            return new Reading(null, false, "the text says seq " + e.seq() + " but it is stored at seq " + row.seq(), e.transactionId(), e.accounts(), e.seriesId());
        return new Reading(e, false, null, e.transactionId(), e.accounts(), e.seriesId());
    }

    private static Reading malformed(String why, String canonical) {
        return new Reading(null, false, why, ParsedEntry.transactionIdOf(canonical), ParsedEntry.accountsOf(canonical), 0);
    }
}
