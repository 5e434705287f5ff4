package org.openets.registrylog.internal;

import org.openets.kernel.CommandId;
import org.openets.kernel.SerialRange;
import org.openets.registrylog.EntryType;
import org.openets.registrylog.spi.JournalRow;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A v1 journal entry as the log parses it from its canonical text:
 * <pre>v1|seq|txId|commandId|TYPE|from|to|seriesId|seriesCode|quantity|ranges|pledgee|reverses|completedAtMillis|beneficiary|purpose</pre>
 * Parsing is strict: after reading the fields the parser renders them again and requires the same text, so
 * anything the registry could not have written (a {@code +5}, a leading zero, an unknown escape) is malformed
 * rather than quietly read. Whether the values make sense (quantities, accounts, serials) is for the checks.
 */
public record ParsedEntry(long seq, long transactionId, String commandId, EntryType type, long from, long to, long seriesId,
                          String seriesCode, long quantity, List<SerialRange> ranges, long pledgee, long reverses,
                          long completedAtMillis, String beneficiary, String purpose) {
    public static final int FIELDS = 16;
    /** The serial format has 12 digits. */
    public static final long MAX_SERIAL = 999_999_999_999L;
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]{1,19}");
    private static final Pattern RANGE = Pattern.compile("([0-9]{1,12})-([0-9]{1,12})");

    public ParsedEntry {
        ranges = List.copyOf(ranges);
    }

    /** Parses a non-genesis entry. Throws {@link IllegalArgumentException}, with what is wrong, when it is not one. */
    public static ParsedEntry parse(String canonical) {
        if (canonical == null) throw new IllegalArgumentException("no canonical text");
        String[] f = canonical.split("\\|", -1);
        if (f.length != FIELDS) throw new IllegalArgumentException("a v1 entry has " + FIELDS + " fields, this has " + f.length);
        if (!"v1".equals(f[0])) throw new IllegalArgumentException("unknown version '" + f[0] + "'");
        try {
            CommandId.of(f[3]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad command id '" + f[3] + "'");
        }
        EntryType type;
        try {
            type = EntryType.valueOf(f[4]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown transaction type '" + f[4] + "'");
        }
        if (f[8].isEmpty() || f[8].indexOf('\n') >= 0 || f[8].indexOf('\r') >= 0)
            throw new IllegalArgumentException("bad series code '" + f[8] + "'");
        ParsedEntry e = new ParsedEntry(number(f[1], "seq"), id(f[2], "transaction id"), f[3], type, id(f[5], "from"),
                id(f[6], "to"), id(f[7], "series id"), f[8], number(f[9], "quantity"), ranges(f[10]), id(f[11], "pledgee"),
                id(f[12], "reverses"), number(f[13], "completedAtMillis"), Canonical.decode(f[14]), Canonical.decode(f[15]));
        if (!e.canonical().equals(canonical)) throw new IllegalArgumentException("not in canonical form (re-encoded: " + e.canonical() + ")");
        return e;
    }

    /** The text this entry is journalled as. */
    public String canonical() {
        StringBuilder r = new StringBuilder();
        for (SerialRange range : ranges) {
            if (!r.isEmpty()) r.append(',');
            r.append(range.first()).append('-').append(range.last());
        }
        return String.join("|", "v1", Long.toString(seq), Long.toString(transactionId), commandId, type.name(),
                Long.toString(from), Long.toString(to), Long.toString(seriesId), seriesCode, Long.toString(quantity), r,
                Long.toString(pledgee), Long.toString(reverses), Long.toString(completedAtMillis),
                Canonical.encode(beneficiary), Canonical.encode(purpose));
    }

    public static boolean isGenesis(String canonical) { return JournalRow.GENESIS_CANONICAL.equals(canonical); }

    /** The accounts the entry names (from, to), without zeros and repeats. */
    public List<Long> accounts() { return accountsOf(from, to); }

    /** Best effort for an entry that does not parse: the transaction id, or 0. */
    public static long transactionIdOf(String canonical) {
        String[] f = canonical == null ? new String[0] : canonical.split("\\|", -1);
        return f.length > 2 ? quietly(f[2]) : 0;
    }

    /** Best effort for an entry that does not parse: the from and to accounts that can be read. */
    public static List<Long> accountsOf(String canonical) {
        String[] f = canonical == null ? new String[0] : canonical.split("\\|", -1);
        return f.length > 6 ? accountsOf(quietly(f[5]), quietly(f[6])) : List.of();
    }

    private static List<Long> accountsOf(long... ids) {
        Set<Long> out = new LinkedHashSet<>();
        for (long id : ids) if (id > 0) out.add(id);
        return List.copyOf(out);
    }

    private static long quietly(String s) {
        try {
            return NUMBER.matcher(s).matches() ? Math.max(0, Long.parseLong(s)) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static long number(String s, String name) {
        if (!NUMBER.matcher(s).matches()) throw new IllegalArgumentException(name + " '" + s + "' is not a number");
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + s + "' is out of range");
        }
    }

    /** Ids (transaction, accounts, series, pledgee, reversed transaction) are never negative; 0 means none. */
    private static long id(String s, String name) {
        long v = number(s, name);
        if (v < 0) throw new IllegalArgumentException(name + " " + v + " is negative");
        return v;
    }

    private static List<SerialRange> ranges(String s) {
        List<SerialRange> out = new ArrayList<>();
        if (s.isEmpty()) return out;
        for (String p : s.split(",", -1)) {
            var m = RANGE.matcher(p);
            if (!m.matches()) throw new IllegalArgumentException("range '" + p + "' is not first-last");
            long first = Long.parseLong(m.group(1)), last = Long.parseLong(m.group(2));
            if (first < 1 || last < first || last > MAX_SERIAL) throw new IllegalArgumentException("range '" + p + "' is not a valid serial range");
            out.add(new SerialRange(first, last));
        }
        return out;
    }
}
