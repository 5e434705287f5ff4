package org.openets.registrylog.internal;

import org.openets.registrylog.Finding;
import org.openets.registrylog.FindingCode;
import org.openets.registrylog.spi.JournalRow;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Follows the hash chain row by row: the seq must be the next one, the previous hash must be the hash of the
 * row before, and the row's hash must be SHA-256 of its previous hash and text. It moves on to each row's stored
 * hash whatever it found, so one edited entry is reported once, at its own seq, and not again at every later one.
 */
public final class ChainLink {
    private long lastSeq;
    private String lastHash;

    public ChainLink(long lastSeq, String lastHash) {
        this.lastSeq = lastSeq;
        this.lastHash = lastHash;
    }

    public long lastSeq() { return lastSeq; }

    public String lastHash() { return lastHash; }

    /** Adds what is wrong with the row's place in the chain to {@code out}, and moves on to it. */
    public void follow(JournalRow row, Reading r, Instant now, List<Finding> out) {
        long expected = lastSeq + 1;
        if (row.seq() > expected)
            out.add(new Finding(expected, 0, FindingCode.SEQ_GAP, List.of(), 0, (row.seq() - 1 == expected ? "entry " + expected + " is"
                    : "entries " + expected + ".." + (row.seq() - 1) + " are") + " missing: the next entry found is " + row.seq(), now));
        else if (row.seq() < expected)
            out.add(finding(row, r, FindingCode.SEQ_GAP, "it comes after entry " + lastSeq + ": repeated or out of order", now));
        if (!lastHash.equals(row.prevHash()))
            out.add(finding(row, r, FindingCode.BROKEN_CHAIN, "its previous hash " + brief(row.prevHash()) + " is not the hash of the entry before it ("
                    + (lastSeq < 0 ? "64 zeros for genesis" : "seq " + lastSeq + ": " + brief(lastHash)) + ")", now));
        String computed = row.prevHash() == null || row.canonical() == null ? null : Canonical.chain(row.prevHash(), row.canonical());
        if (computed == null || !computed.equals(row.hash()))
            out.add(finding(row, r, FindingCode.BAD_HASH, "its stored hash " + brief(row.hash()) + " is not SHA-256 of its previous hash and text ("
                    + brief(computed) + "): the text or the hash was changed", now));
        lastSeq = Math.max(lastSeq, row.seq());
        lastHash = Objects.requireNonNullElse(row.hash(), "");
    }

    static Finding finding(JournalRow row, Reading r, FindingCode code, String detail, Instant now) {
        return new Finding(row.seq(), r.transactionId(), code, r.accounts(), r.seriesId(), "entry " + row.seq() + ": " + detail, now);
    }

    private static String brief(String hash) {
        if (hash == null) return "(none)";
        return hash.length() > 16 ? hash.substring(0, 16) + "…" : "'" + hash + "'";
    }
}
