package org.openets.registrylog.internal;

import org.openets.kernel.SerialRange;
import org.openets.registrylog.EntryType;
import org.openets.registrylog.Finding;
import org.openets.registrylog.FindingCode;
import org.openets.registrylog.spi.AccountDirectory;
import org.openets.registrylog.spi.JournalRow;
import org.openets.registrylog.spi.RecordedTransaction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Re-checks journal entries one by one against the log's own books (the re-check: 复核), then applies them.
 *
 * <p>Every entry that parses is applied as written, whatever was found: the books follow the journal, so a single
 * bad entry is reported once rather than again at every later entry that depends on it, and the reconciliation
 * then shows exactly which holdings the registry has that the journal cannot justify. Only an entry that cannot
 * be read, or that lacks the accounts its type needs, is left out of the books.
 */
public final class EntryVerifier {
    private final Books books;
    private final AccountDirectory directory;
    private final LongFunction<Optional<RecordedTransaction>> stored;
    private final Instant now;
    private final ChainLink link;
    private final List<Finding> findings = new ArrayList<>();
    private final Map<Long, RecordedTransaction> recorded = new LinkedHashMap<>();
    private int checked;

    /**
     * @param stored the log's records of transactions checked in earlier runs, by transaction id
     * @param lastSeq the checkpoint: the last seq checked, and its stored hash
     */
    public EntryVerifier(Books books, AccountDirectory directory, LongFunction<Optional<RecordedTransaction>> stored, Instant now,
                         long lastSeq, String lastHash) {
        this.books = books;
        this.directory = directory;
        this.stored = stored;
        this.now = now;
        this.link = new ChainLink(lastSeq, lastHash);
    }

    public long lastSeq() { return link.lastSeq(); }

    public String lastHash() { return link.lastHash(); }

    public int checked() { return checked; }

    public List<Finding> findings() { return List.copyOf(findings); }

    /** The records this run adds or changes, for the store. */
    public List<RecordedTransaction> recorded() { return List.copyOf(recorded.values()); }

    public void report(Finding f) { findings.add(f); }

    public void check(JournalRow row) {
        checked++;
        Reading r = Reading.of(row);
        link.follow(row, r, now, findings);
        if (r.malformed() != null) {
            findings.add(ChainLink.finding(row, r, FindingCode.MALFORMED_ENTRY, r.malformed(), now));
            return;
        }
        if (!r.genesis()) entry(row, r.entry());
    }

    private void entry(JournalRow row, ParsedEntry e) {
        Optional<RecordedTransaction> earlier = lookup(e.transactionId());
        earlier.ifPresent(t -> add(row, e, FindingCode.DUPLICATE_TRANSACTION, "transaction " + e.transactionId() + " was journalled before, at seq " + t.seq()));
        if (earlier.isEmpty() && e.transactionId() > 0)
            recorded.put(e.transactionId(), new RecordedTransaction(e.transactionId(), row.seq(), row.hash(), e.type(), e.from(), e.to(),
                    e.seriesId(), e.ranges(), 0));
        String shape = shape(e);
        if (shape != null) {
            add(row, e, FindingCode.MALFORMED_ENTRY, shape);
            return;
        }
        quantity(row, e);
        series(row, e);
        serials(row, e);
        RecordedTransaction reversed = e.type() == EntryType.REVERSAL ? reversal(row, e) : null;
        if (e.type() != EntryType.ISSUE && directory.isTerminal(e.from()) && reversed == null)
            add(row, e, FindingCode.TERMINAL_DEBIT, "account " + e.from() + " is terminal: units leave it only by a valid reversal, and are not pledged");
        String kind = e.type().movesUnits() ? directory.terminalKind(e.to()) : null;
        if (kind != null && !entersBy(kind, e.type()))
            add(row, e, FindingCode.TERMINAL_CREDIT, "account " + e.to() + " is a " + kind + " account: units enter it only by "
                    + switch (kind) { case "SURRENDER" -> "SURRENDER or FORCED_DEDUCTION"; case "RETIREMENT" -> "RETIRE"; default -> "CANCEL"; }
                    + ", not by " + e.type());
        if (e.type().movesUnits() && e.from() == e.to())
            add(row, e, FindingCode.SAME_ACCOUNT, "a " + e.type() + " from account " + e.from() + " to itself");
        cover(row, e);
        apply(e);
        if (reversed != null) recorded.put(reversed.transactionId(), reversed.reversedBy(e.transactionId()));
    }

    /** Whether units enter a terminal account of this kind by this type (a retirement names who and why; a surrender is one). */
    private static boolean entersBy(String kind, EntryType type) {
        return switch (kind) {
            case "SURRENDER" -> type == EntryType.SURRENDER || type == EntryType.FORCED_DEDUCTION;
            case "RETIREMENT" -> type == EntryType.RETIRE;
            default -> type == EntryType.CANCEL;
        };
    }

    /** The accounts and fields each type needs; without them the entry cannot be applied. */
    private static String shape(ParsedEntry e) {
        if (e.transactionId() == 0) return "transaction id 0";
        if (e.seriesId() == 0) return "series id 0";
        if (e.type() != EntryType.REVERSAL && e.reverses() != 0) return "only a reversal names a transaction it reverses";
        boolean pledge = e.type() == EntryType.FREEZE || e.type() == EntryType.UNFREEZE;
        if (!pledge && e.pledgee() != 0) return "only a pledge names a pledgee";
        return switch (e.type()) {
            case ISSUE -> e.from() != 0 || e.to() == 0 ? "an issuance has from 0 and names the account it issues into" : null;
            case FREEZE, UNFREEZE -> e.from() == 0 || e.from() != e.to() || e.pledgee() == 0
                    ? "a pledge has from = to = the account, and names the pledgee" : null;
            case REVERSAL -> e.reverses() == 0 || e.from() == 0 || e.to() == 0 ? "a reversal names both accounts and the transaction it reverses" : null;
            default -> e.from() == 0 || e.to() == 0 ? "a " + e.type() + " names both accounts" : null;
        };
    }

    private void quantity(JournalRow row, ParsedEntry e) {
        long sum = 0;
        boolean overflow = false;
        for (SerialRange r : e.ranges()) {
            try {
                sum = Math.addExact(sum, r.size());
            } catch (ArithmeticException x) {
                overflow = true;
            }
        }
        if (e.quantity() <= 0 || overflow || sum != e.quantity())
            add(row, e, FindingCode.QUANTITY_MISMATCH, "quantity " + e.quantity() + " t, the ranges hold " + (overflow ? "more than a long" : sum + " t"));
        List<SerialRange> sorted = e.ranges().stream().sorted(Comparator.comparingLong(SerialRange::first)).toList();
        for (int i = 1; i < sorted.size(); i++)
            if (sorted.get(i).overlaps(sorted.get(i - 1))) {
                add(row, e, FindingCode.OVERLAPPING_RANGES, "ranges " + sorted.get(i - 1) + " and " + sorted.get(i) + " overlap");
                return;
            }
    }

    private void series(JournalRow row, ParsedEntry e) {
        String code = books.seriesCode(e.seriesId());
        Long id = books.seriesIdOf(e.seriesCode());
        if (code != null && !code.equals(e.seriesCode()))
            add(row, e, FindingCode.SERIES_MISMATCH, "series " + e.seriesId() + " was issued as " + code + ", this entry calls it " + e.seriesCode());
        else if (id != null && id != e.seriesId())
            add(row, e, FindingCode.SERIES_MISMATCH, "series code " + e.seriesCode() + " was issued as series " + id + ", this entry says " + e.seriesId());
    }

    private void serials(JournalRow row, ParsedEntry e) {
        SerialSet issued = books.issued(e.seriesId());
        if (e.type() == EntryType.ISSUE) {
            List<SerialRange> again = e.ranges().stream().filter(issued::overlaps).toList();
            if (!again.isEmpty()) add(row, e, FindingCode.REISSUED_SERIALS, "serials " + again + " of series " + e.seriesId() + " were issued before");
        } else {
            List<SerialRange> unknown = e.ranges().stream().filter(r -> !issued.containsAll(r)).toList();
            if (!unknown.isEmpty()) add(row, e, FindingCode.UNISSUED_SERIALS, "serials " + unknown + " of series " + e.seriesId() + " were never issued");
        }
    }

    /** The record of the move this entry validly reverses, or null (after reporting why) when it is not a valid reversal. */
    private RecordedTransaction reversal(JournalRow row, ParsedEntry e) {
        Optional<RecordedTransaction> found = lookup(e.reverses());
        String problem;
        if (found.isEmpty()) problem = "transaction " + e.reverses() + " is not in the journal before it";
        else {
            RecordedTransaction o = found.get();
            if (!o.type().isReversible()) problem = o.type() + " transaction " + o.transactionId() + " cannot be reversed";
            else if (o.reversedBy() != 0) problem = "transaction " + o.transactionId() + " was already reversed by transaction " + o.reversedBy();
            else if (o.from() != e.to() || o.to() != e.from())
                problem = "transaction " + o.transactionId() + " moved units from " + o.from() + " to " + o.to() + ", the reversal moves from " + e.from() + " to " + e.to();
            else if (o.seriesId() != e.seriesId()) problem = "transaction " + o.transactionId() + " was in series " + o.seriesId() + ", the reversal in " + e.seriesId();
            else if (!SerialSet.normalise(o.ranges()).equals(SerialSet.normalise(e.ranges())))
                problem = "transaction " + o.transactionId() + " moved serials " + o.ranges() + ", the reversal moves " + e.ranges();
            else return o;
        }
        add(row, e, FindingCode.BAD_REVERSAL, problem);
        return null;
    }

    /** The debited pool must cover the quantity: free units for a move or a freeze, units pledged to the pledgee for an unfreeze. */
    private void cover(JournalRow row, ParsedEntry e) {
        long q = e.quantity(), s = e.seriesId(), a = e.from();
        switch (e.type()) {
            case ISSUE -> { }
            case UNFREEZE -> {
                long pledged = books.pledged(a, s, e.pledgee());
                if (pledged < q) add(row, e, FindingCode.UNFREEZE_EXCEEDS_PLEDGE, "account " + a + " has " + pledged + " t of series " + s
                        + " frozen to pledgee " + e.pledgee() + ", the entry releases " + q + " t");
            }
            default -> {
                if (books.free(a, s) < q) add(row, e, FindingCode.NEGATIVE_BALANCE, "account " + a + " holds " + books.quantity(a, s) + " t of series " + s
                        + " (" + books.frozen(a, s) + " t frozen) in the log's books, the entry takes " + q + " t free");
            }
        }
    }

    private void apply(ParsedEntry e) {
        long q = e.quantity(), s = e.seriesId();
        if (q <= 0 || q > ParsedEntry.MAX_SERIAL) return;   // no series has more units: QUANTITY_MISMATCH says so, the books skip it
        switch (e.type()) {
            case ISSUE -> {
                books.issue(s, e.seriesCode(), e.ranges());
                books.adjust(e.to(), s, q, 0);
            }
            case FREEZE -> {
                books.adjust(e.from(), s, 0, q);
                books.adjustPledge(e.from(), s, e.pledgee(), q);
            }
            case UNFREEZE -> {
                books.adjust(e.from(), s, 0, -q);
                books.adjustPledge(e.from(), s, e.pledgee(), -q);
            }
            default -> {
                books.adjust(e.from(), s, -q, 0);
                books.adjust(e.to(), s, q, 0);
            }
        }
    }

    private Optional<RecordedTransaction> lookup(long transactionId) {
        RecordedTransaction r = recorded.get(transactionId);
        return r != null ? Optional.of(r) : stored.apply(transactionId);
    }

    private void add(JournalRow row, ParsedEntry e, FindingCode code, String detail) {
        findings.add(new Finding(row.seq(), e.transactionId(), code, e.accounts(), e.seriesId(), "entry " + row.seq() + ": " + detail, now));
    }
}
