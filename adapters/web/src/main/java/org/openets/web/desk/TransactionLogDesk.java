package org.openets.web.desk;

import org.openets.web.Problem;
import org.openets.web.security.Permissions;
import org.openets.workflows.registrylog.TransactionLogViews.Report;
import org.openets.workflows.registrylog.TransactionLogViews.RunView;
import org.openets.workflows.registrylog.spi.TransactionLogReports;
import org.openets.workflows.registrylog.spi.TransactionLogRuns;
import org.springframework.stereotype.Component;

/**
 * The independent transaction log (独立交易日志) for the API and the pages: auditors read its whole report; registry
 * administrators read its progress (checkpoint, runs) and the discrepancies, findings and stopped accounts of their
 * own jurisdictions' accounts; administrators may also run it at once instead of waiting for its schedule. Anyone
 * else is refused (403 NOT_AUTHORISED), and the refusal is recorded for the auditors.
 */
@Component
public class TransactionLogDesk {
    private final TransactionLogReports reports;
    private final TransactionLogRuns runs;
    private final RegistryDesk desk;

    public TransactionLogDesk(TransactionLogReports reports, TransactionLogRuns runs, RegistryDesk desk) {
        this.reports = reports;
        this.runs = runs;
        this.desk = desk;
    }

    public static boolean mayRead(Permissions p) { return p.auditor() || p.isAdministrator(); }

    public static boolean mayRun(Permissions p) { return p.isAdministrator() && p.mayWrite(); }

    public Report report(Permissions p, int findingsLimit) {
        if (!mayRead(p))
            throw desk.refuse(p, "READ transaction log", null, "NOT_AUTHORISED", "only auditors and registry administrators read the transaction log")
                    .say("detail.deny.transactionLog");
        Report r = reports.report(findingsLimit);
        return p.auditor() ? r : scoped(p, r);
    }

    /**
     * The report as an administrator sees it: what concerns accounts of other jurisdictions is left out (discrepancies,
     * findings, stopped accounts, and the accounts each run stopped or suspended).
     */
    Report scoped(Permissions p, Report r) {
        java.util.function.LongPredicate mine = mine(p);
        var discrepancies = r.discrepancies().stream().filter(d -> mine.test(d.accountId())).toList();
        var findings = r.findings().stream().filter(f -> f.accountIds().stream().anyMatch(mine::test)).toList();
        var stopped = r.stoppedAccounts().stream().filter(s -> mine.test(s.accountId())).toList();
        return new Report(r.checkpointSeq(), r.checkpointHash(), r.checkpointAt(), r.journalHead(), r.lastRun() == null ? null : scoped(r.lastRun(), mine),
                r.recentRuns().stream().map(x -> scoped(x, mine)).toList(), discrepancies, r.findingsTotal(), findings, stopped);
    }

    /** Whether an account is of a jurisdiction the person administers (looked up once per account). */
    private java.util.function.LongPredicate mine(Permissions p) {
        java.util.Map<Long, Boolean> own = new java.util.HashMap<>();
        return id -> own.computeIfAbsent(id, k -> desk.readModel().account(k).map(a -> p.administers(a.jurisdiction())).orElse(false));
    }

    /** A run as an administrator sees it: its counts for the whole registry, the accounts it stopped only of its own jurisdictions. */
    private static RunView scoped(RunView r, java.util.function.LongPredicate mine) {
        return new RunView(r.id(), r.kind(), r.startedAt(), r.finishedAt(), r.fromSeq(), r.throughSeq(), r.headHash(), r.entriesChecked(), r.findings(),
                r.discrepancies(), r.stoppedAccounts().stream().filter(mine::test).toList(), r.newlySuspended().stream().filter(mine::test).toList());
    }

    public RunView run(Permissions p, long id) {
        if (!mayRead(p))
            throw desk.refuse(p, "READ transaction log run", Long.toString(id), "NOT_AUTHORISED", "only auditors and registry administrators read the transaction log")
                    .say("detail.deny.transactionLog");
        RunView r = reports.run(id).orElseThrow(() -> Problem.notFound("UNKNOWN_RUN", "no transaction log run " + id).say("detail.unknownLogRun", id));
        return p.auditor() ? r : scoped(r, mine(p));
    }

    public RunView runNow(Permissions p) {
        if (!mayRun(p))
            throw desk.refuse(p, "RUN transaction log", null, "NOT_AUTHORISED", "only registry administrators run the transaction log").say("detail.deny.transactionLogRun");
        return scoped(runs.runNow(), mine(p));
    }
}
