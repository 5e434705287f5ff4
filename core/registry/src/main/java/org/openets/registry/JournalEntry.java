package org.openets.registry;

import org.openets.kernel.CommandId;
import org.openets.kernel.SerialRange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One completed transaction as the journal records it. The journal is the tamper-evident history of every
 * holding change, one hash chain over all entries in commit order. The canonical encoding (version 1) is a
 * single UTF-8 line of {@code |}-separated fields, documented in {@code docs/reference/journal.md}:
 * <pre>v1|seq|txId|commandId|TYPE|from|to|seriesId|seriesCode|quantity|ranges|pledgee|reverses|completedAtMillis|beneficiary|purpose</pre>
 * {@code ranges} is {@code first-last} pairs joined by {@code ,}; free text is percent-encoded for {@code %},
 * {@code |} and line breaks. {@code hash = hex(SHA-256(prevHash + "\n" + canonical))}; the genesis entry has
 * sequence 0, canonical text {@code v1|0|genesis} and the previous hash of 64 zeros.
 */
public record JournalEntry(long seq, long transactionId, CommandId commandId, TransactionType type, long from, long to,
                           long seriesId, String seriesCode, long quantity, List<SerialRange> ranges, long pledgee,
                           long reverses, Instant completedAt, String beneficiary, String purpose) {
    public static final String GENESIS_PREVIOUS = "0".repeat(64);
    public static final String GENESIS_CANONICAL = "v1|0|genesis";

    public JournalEntry {
        ranges = List.copyOf(ranges);
    }

    public static JournalEntry of(long seq, Transaction t, String seriesCode) {
        return new JournalEntry(seq, t.id(), t.commandId(), t.type(), t.from(), t.to(), t.seriesId(), seriesCode, t.quantity(),
                t.ranges(), t.pledgee(), t.reverses(), t.completedAt(), t.beneficiary(), t.purpose());
    }

    public String canonical() {
        StringBuilder r = new StringBuilder();
        for (SerialRange range : ranges) {
            if (!r.isEmpty()) r.append(',');
            r.append(range.first()).append('-').append(range.last());
        }
        return String.join("|", "v1", Long.toString(seq), Long.toString(transactionId), commandId.value(), type.name(),
                Long.toString(from), Long.toString(to), Long.toString(seriesId), seriesCode, Long.toString(quantity), r,
                Long.toString(pledgee), Long.toString(reverses), Long.toString(completedAt.toEpochMilli()),
                Canonical.text(beneficiary), Canonical.text(purpose));
    }

    public static String chain(String previousHash, String canonical) {
        return Canonical.sha256(previousHash + "\n" + canonical);
    }

    /** Parses a version-1 canonical line. Throws {@link IllegalArgumentException} when it is not one. */
    public static JournalEntry parse(String canonical) {
        String[] f = canonical.split("\\|", -1);
        if (f.length != 16 || !"v1".equals(f[0])) throw new IllegalArgumentException("not a v1 journal entry: " + canonical);
        List<SerialRange> ranges = new ArrayList<>();
        if (!f[10].isEmpty()) for (String p : f[10].split(",")) {
            int dash = p.indexOf('-');
            ranges.add(new SerialRange(Long.parseLong(p.substring(0, dash)), Long.parseLong(p.substring(dash + 1))));
        }
        return new JournalEntry(Long.parseLong(f[1]), Long.parseLong(f[2]), CommandId.of(f[3]), TransactionType.valueOf(f[4]),
                Long.parseLong(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7]), f[8], Long.parseLong(f[9]), ranges,
                Long.parseLong(f[11]), Long.parseLong(f[12]), Instant.ofEpochMilli(Long.parseLong(f[13])), decode(f[14]), decode(f[15]));
    }

    private static String decode(String s) {
        if (s.isEmpty()) return null;
        return s.replace("%7C", "|").replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%");
    }
}
