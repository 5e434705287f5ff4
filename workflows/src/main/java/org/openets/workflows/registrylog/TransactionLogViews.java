package org.openets.workflows.registrylog;

import java.time.Instant;
import java.util.List;

/**
 * The independent transaction log's report (独立交易日志报告) as auditors and registry administrators read it: the
 * log's checkpoint against the registry's journal head, the last runs, the balance discrepancies still open, the
 * findings (newest first) and the accounts the log has stopped. Account ids come with the account numbers and
 * holders the registry has for them today (null when the registry has no such account).
 */
public final class TransactionLogViews {
    private TransactionLogViews() {}

    /**
     * One committed run ({@code RUN}) or audit ({@code AUDIT}): the journal seqs it covered (after {@code fromSeq},
     * through {@code throughSeq}), how many entries it checked, how many findings it added, how many discrepancies were
     * open after it, every account it handed to the stopper and those of them it newly suspended.
     */
    public record RunView(long id, String kind, Instant startedAt, Instant finishedAt, long fromSeq, long throughSeq, String headHash,
                          int entriesChecked, int findings, int discrepancies, List<Long> stoppedAccounts, List<Long> newlySuspended) {
        public RunView {
            stoppedAccounts = List.copyOf(stoppedAccounts);
            newlySuspended = List.copyOf(newlySuspended);
        }

        public boolean clean() { return findings == 0 && discrepancies == 0; }
    }

    /** A holding on which the log's books and the registry disagree, open since {@code openedAt} (run {@code openedRun}). */
    public record DiscrepancyView(long accountId, String accountNumber, String holder, long seriesId, String seriesCode,
                                  long logQuantity, long logFrozen, long registryQuantity, long registryFrozen,
                                  Instant openedAt, long openedRun) {}

    /** One finding as the log persisted it; {@code code} is a {@code FindingCode} name. */
    public record FindingView(long id, long runId, long seq, long transactionId, String code, List<Long> accountIds,
                              List<String> accountNumbers, long seriesId, String seriesCode, String detail, Instant detectedAt) {
        public FindingView {
            accountIds = List.copyOf(accountIds);
            accountNumbers = List.copyOf(accountNumbers);
        }
    }

    /**
     * An account the log has handed to the stopper, first and last at these times, with its status in the registry
     * now (an administrator may have reopened it after looking) and whether a discrepancy of it is still open.
     */
    public record StoppedAccountView(long accountId, String accountNumber, String holder, String status, String statusReason,
                                     Instant firstStoppedAt, Instant lastStoppedAt, boolean discrepancyOpen) {}

    /**
     * The whole report. {@code checkpointSeq} is the last journal seq the log has checked (-1 before its first run),
     * {@code journalHead} the registry's last seq now; {@code findings} are the newest {@code findings.size()} of
     * {@code findingsTotal}.
     */
    public record Report(long checkpointSeq, String checkpointHash, Instant checkpointAt, long journalHead, RunView lastRun,
                         List<RunView> recentRuns, List<DiscrepancyView> discrepancies, long findingsTotal, List<FindingView> findings,
                         List<StoppedAccountView> stoppedAccounts) {
        public Report {
            recentRuns = List.copyOf(recentRuns);
            discrepancies = List.copyOf(discrepancies);
            findings = List.copyOf(findings);
            stoppedAccounts = List.copyOf(stoppedAccounts);
        }
    }
}
