package org.openets.registrylog;

import org.openets.registrylog.internal.Books;
import org.openets.registrylog.internal.ChainLink;
import org.openets.registrylog.internal.EntryVerifier;
import org.openets.registrylog.internal.Reading;
import org.openets.registrylog.internal.Reconciliation;
import org.openets.registrylog.spi.AccountDirectory;
import org.openets.registrylog.spi.AccountStopper;
import org.openets.registrylog.spi.JournalRow;
import org.openets.registrylog.spi.JournalSource;
import org.openets.registrylog.spi.LogCommit;
import org.openets.registrylog.spi.LogState;
import org.openets.registrylog.spi.LogStore;
import org.openets.registrylog.spi.RecordedTransaction;
import org.openets.registrylog.spi.RegistryHoldings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The independent transaction log (独立交易日志), modelled on the EU and UK ETS transaction logs: a second
 * ledger that trusts nothing the registry computed. It reads the registry's hash-chained journal alone, re-checks
 * every completed transaction against books of its own (balances per account and series, pledges, the serials
 * each series has issued), and reconciles those books with the registry's holdings (对账). Whatever does not add
 * up becomes a {@link Finding}, and the accounts it affects are stopped.
 *
 * <p>Why a second ledger: the registry's checks, its holdings table and its journal are written by the same code
 * in the same transaction, so a bug or a direct edit of the database can make them agree with each other and still
 * be wrong. The log shares no code with the registry (it parses the journal and computes the hashes from the format
 * specification, {@code docs/reference/transaction-log.md}) and keeps its books in its own store.
 *
 * <p>Lifecycle: a scheduler calls {@link #run} periodically. Each run loads the books, takes a snapshot of the
 * registry's holdings with the journal head it corresponds to, checks the entries after its checkpoint up to that
 * head, reconciles, stops the affected accounts and saves the run as one commit. A run that fails part way saves
 * nothing, and the next run repeats it. {@link #audit} re-walks the whole journal on demand, to find history that
 * was rewritten after the log checked it. The log holds no state between calls, reads no clock and draws no random
 * numbers: time is passed in.
 */
public final class TransactionLog {
    private final LogStore store;
    private final AccountDirectory accounts;

    public TransactionLog(LogStore store, AccountDirectory accounts) {
        this.store = Objects.requireNonNull(store);
        this.accounts = Objects.requireNonNull(accounts);
    }

    /**
     * Checks the journal entries after the checkpoint, up to the journal head of the holdings snapshot, then
     * reconciles. The stopper is called once, before the commit, with the accounts of every new finding and of
     * every open discrepancy (an account stays stopped while its holding disagrees with the log).
     */
    public CheckReport run(JournalSource source, RegistryHoldings holdings, AccountStopper stopper, Instant now) {
        LogState state = store.load();
        Books books = Books.of(state);
        RegistryHoldings.Snapshot snapshot = holdings.snapshot();
        long head = snapshot.journalSeq();
        EntryVerifier verifier = new EntryVerifier(books, accounts, store::recorded, now, state.lastSeq(), state.lastHash());
        if (head < state.lastSeq()) {
            verifier.report(new Finding(head + 1, 0, FindingCode.JOURNAL_TRUNCATED, List.of(), 0, "the registry's journal ends at seq " + head
                    + ", but the log has already checked entries through seq " + state.lastSeq(), now));
        } else {
            try (Stream<JournalRow> rows = source.entriesAfter(state.lastSeq())) {
                for (Iterator<JournalRow> it = rows.iterator(); it.hasNext(); ) {
                    JournalRow row = it.next();
                    if (row.seq() > head) break;
                    verifier.check(row);
                }
            }
            if (verifier.lastSeq() < head)
                verifier.report(new Finding(verifier.lastSeq() + 1, 0, FindingCode.SEQ_GAP, List.of(), 0, "the registry's journal head is seq " + head
                        + ", but the journal yields nothing after seq " + verifier.lastSeq(), now));
        }

        List<Discrepancy> open = Reconciliation.compare(books, snapshot.rows());
        Set<Discrepancy> known = new HashSet<>(state.discrepancies());
        List<Finding> findings = new ArrayList<>(verifier.findings());
        for (Discrepancy d : open)
            if (!known.contains(d))
                findings.add(new Finding(verifier.lastSeq(), 0, FindingCode.BALANCE_MISMATCH, List.of(d.accountId()), d.seriesId(), d.describe(), now));
        Set<Long> stop = new TreeSet<>();
        for (Finding f : findings) stop.addAll(f.accountIds());
        for (Discrepancy d : open) if (d.accountId() != 0) stop.add(d.accountId());
        if (!stop.isEmpty()) stopper.stop(Set.copyOf(stop), reason(findings, open, verifier.lastSeq(), now));

        store.commit(new LogCommit(verifier.lastSeq(), verifier.lastHash(), books.changedBalances(), books.changedPledges(),
                books.changedSeries(), verifier.recorded(), open, findings));
        return new CheckReport(now, state.lastSeq(), verifier.lastSeq(), verifier.lastHash(), verifier.checked(), findings, open, stop);
    }

    /**
     * Re-walks the journal from genesis through the checkpoint and compares it with what the log checked: the chain
     * and hashes again, and each entry's hash with the one the log recorded when it checked it. A run only reads new
     * entries, so this is how an entry edited after it was checked is found. The audit changes no books and stops no
     * account (the balances did not change); its findings are appended to the store and returned.
     */
    public CheckReport audit(JournalSource source, Instant now) {
        LogState state = store.load();
        ChainLink link = new ChainLink(-1, JournalRow.GENESIS_PREVIOUS_HASH);
        List<Finding> found = new ArrayList<>();
        String hashAtCheckpoint = null;
        int walked = 0;
        try (Stream<JournalRow> rows = source.entriesAfter(-1)) {
            for (Iterator<JournalRow> it = rows.iterator(); it.hasNext(); ) {
                JournalRow row = it.next();
                if (row.seq() > state.lastSeq()) break;
                walked++;
                Reading r = Reading.of(row);
                link.follow(row, r, now, found);
                if (r.malformed() != null) found.add(finding(row, r, FindingCode.MALFORMED_ENTRY, r.malformed(), now));
                else if (!r.genesis()) {
                    Optional<RecordedTransaction> seen = store.recorded(r.transactionId());
                    if (seen.isEmpty())
                        found.add(finding(row, r, FindingCode.REWRITTEN_ENTRY, "the log never checked transaction " + r.transactionId(), now));
                    else if (seen.get().seq() == row.seq() && !Objects.equals(seen.get().hash(), row.hash()))
                        found.add(finding(row, r, FindingCode.REWRITTEN_ENTRY, "the log checked it with hash " + seen.get().hash()
                                + ", it now has hash " + row.hash(), now));
                }
                if (row.seq() == state.lastSeq()) hashAtCheckpoint = row.hash();
            }
        }
        if (link.lastSeq() < state.lastSeq())
            found.add(new Finding(link.lastSeq() + 1, 0, FindingCode.JOURNAL_TRUNCATED, List.of(), 0, "the log checked entries through seq "
                    + state.lastSeq() + ", the journal now ends at seq " + link.lastSeq(), now));
        else if (state.lastSeq() >= 0 && !Objects.equals(hashAtCheckpoint, state.lastHash()))
            found.add(new Finding(state.lastSeq(), 0, FindingCode.REWRITTEN_ENTRY, List.of(), 0, "entry " + state.lastSeq() + ": the log's checkpoint hash is "
                    + state.lastHash() + ", the entry now has hash " + hashAtCheckpoint, now));
        if (!found.isEmpty())
            store.commit(new LogCommit(state.lastSeq(), state.lastHash(), List.of(), List.of(), List.of(), List.of(), state.discrepancies(), found));
        return new CheckReport(now, -1, link.lastSeq(), link.lastHash(), walked, found, state.discrepancies(), Set.of());
    }

    private static Finding finding(JournalRow row, Reading r, FindingCode code, String detail, Instant now) {
        return new Finding(row.seq(), r.transactionId(), code, r.accounts(), r.seriesId(), "entry " + row.seq() + ": " + detail, now);
    }

    private static String reason(List<Finding> findings, List<Discrepancy> open, long seq, Instant now) {
        Map<FindingCode, Integer> counts = new TreeMap<>();
        for (Finding f : findings) if (!f.accountIds().isEmpty()) counts.merge(f.code(), 1, Integer::sum);
        StringBuilder sb = new StringBuilder("stopped by the independent transaction log at ").append(now)
                .append(", journal checked through seq ").append(seq).append(':');
        counts.forEach((code, n) -> sb.append(' ').append(code).append(" x").append(n).append(','));
        sb.append(' ').append(open.size()).append(" open balance discrepanc").append(open.size() == 1 ? "y" : "ies")
                .append("; the log's findings give the detail");
        return sb.toString();
    }
}
