package org.openets.registrylog;

import org.openets.registrylog.spi.JournalRow;
import org.openets.registrylog.spi.JournalSource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A journal built by hand for tests: canonical lines written out field by field and hashed with MessageDigest,
 * independently of the log's own code. Rows can then be tampered with: edited, re-hashed, deleted, swapped.
 */
final class TestJournal implements JournalSource {
    static final String ZEROS = "0".repeat(64);
    static final String GENESIS = "v1|0|genesis";

    final List<JournalRow> rows = new ArrayList<>();
    final List<Long> askedAfter = new ArrayList<>();
    private long nextTx = 101;

    TestJournal() {
        rows.add(new JournalRow(0, GENESIS, ZEROS, sha256(ZEROS + "\n" + GENESIS)));
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String code(long series) { return "CEA/" + (2023 + series); }

    /** Quantity of a range list such as {@code 1-10,21-30}. */
    static long size(String ranges) {
        long q = 0;
        if (ranges.isEmpty()) return 0;
        for (String p : ranges.split(",")) {
            String[] b = p.split("-");
            q += Long.parseLong(b[1]) - Long.parseLong(b[0]) + 1;
        }
        return q;
    }

    long seq() { return rows.getLast().seq() + 1; }

    String head() { return rows.getLast().hash(); }

    long issue(long to, long series, String ranges) { return entry("ISSUE", 0, to, series, size(ranges), ranges, 0, 0, "", ""); }

    long move(String type, long from, long to, long series, String ranges) { return entry(type, from, to, series, size(ranges), ranges, 0, 0, "", ""); }

    long freeze(long account, long series, long pledgee, String ranges) { return entry("FREEZE", account, account, series, size(ranges), ranges, pledgee, 0, "", ""); }

    long unfreeze(long account, long series, long pledgee, String ranges) { return entry("UNFREEZE", account, account, series, size(ranges), ranges, pledgee, 0, "", ""); }

    long reversal(long reverses, long from, long to, long series, String ranges) { return entry("REVERSAL", from, to, series, size(ranges), ranges, 0, reverses, "", ""); }

    /** Appends a line with every field given; free text must already be percent-encoded. Returns the transaction id. */
    long entry(String type, long from, long to, long series, long quantity, String ranges, long pledgee, long reverses,
               String beneficiary, String purpose) {
        long tx = nextTx++;
        long seq = seq();
        append("v1|" + seq + "|" + tx + "|cmd-" + tx + "|" + type + "|" + from + "|" + to + "|" + series + "|" + code(series) + "|" + quantity
                + "|" + ranges + "|" + pledgee + "|" + reverses + "|" + (1_700_000_000_000L + seq * 1000) + "|" + beneficiary + "|" + purpose);
        return tx;
    }

    /** Appends any text at the next seq, correctly chained. */
    void append(String canonical) {
        String prev = head();
        rows.add(new JournalRow(seq(), canonical, prev, sha256(prev + "\n" + canonical)));
    }

    int index(long seq) {
        for (int i = 0; i < rows.size(); i++) if (rows.get(i).seq() == seq) return i;
        throw new IllegalArgumentException("no row " + seq);
    }

    /** Changes the text of an entry and leaves its hashes as they were. */
    void editText(long seq, UnaryOperator<String> edit) {
        int i = index(seq);
        JournalRow r = rows.get(i);
        rows.set(i, new JournalRow(r.seq(), edit.apply(r.canonical()), r.prevHash(), r.hash()));
    }

    /** Recomputes previous hashes and hashes from the row at {@code seq} to the end, as a careful forger would. */
    void rehashFrom(long seq) {
        for (int i = index(seq); i < rows.size(); i++) {
            JournalRow r = rows.get(i);
            String prev = rows.get(i - 1).hash();
            rows.set(i, new JournalRow(r.seq(), r.canonical(), prev, sha256(prev + "\n" + r.canonical())));
        }
    }

    void delete(long seq) { rows.remove(index(seq)); }

    void swap(long a, long b) {
        int i = index(a), j = index(b);
        JournalRow x = rows.get(i);
        rows.set(i, rows.get(j));
        rows.set(j, x);
    }

    @Override public Stream<JournalRow> entriesAfter(long seq) {
        askedAfter.add(seq);
        return List.copyOf(rows).stream().filter(r -> r.seq() > seq);
    }
}
