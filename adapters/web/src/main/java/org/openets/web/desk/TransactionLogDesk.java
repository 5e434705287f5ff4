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
            throw desk.refuse(p, "READ transaction log", null, "NOT_AUTHORISED", "only auditors and registry administrators read the transaction log");
        Report r = reports.report(findingsLimit);
        return p.auditor() ? r : scoped(p, r);
    }

    /** The report as an administrator sees it: what concerns accounts of other jurisdictions is left out. */
    Report scoped(Permissions p, Report r) {
        java.util.Map<Long, Boolean> own = new java.util.HashMap<>();
        java.util.function.LongPredicate mine = id -> own.computeIfAbsent(id, k -> desk.readModel().account(k).map(a -> p.administers(a.jurisdiction())).orElse(false));
        var discrepancies = r.discrepancies().stream().filter(d -> mine.test(d.accountId())).toList();
        var findings = r.findings().stream().filter(f -> f.accountIds().stream().anyMatch(mine::test)).toList();
        var stopped = r.stoppedAccounts().stream().filter(s -> mine.test(s.accountId())).toList();
        return new Report(r.checkpointSeq(), r.checkpointHash(), r.checkpointAt(), r.journalHead(), r.lastRun(), r.recentRuns(), discrepancies,
                r.findingsTotal(), findings, stopped);
    }

    public RunView run(Permissions p, long id) {
        if (!mayRead(p))
            throw desk.refuse(p, "READ transaction log run", Long.toString(id), "NOT_AUTHORISED", "only auditors and registry administrators read the transaction log");
        return reports.run(id).orElseThrow(() -> Problem.notFound("UNKNOWN_RUN", "no transaction log run " + id));
    }

    public RunView runNow(Permissions p) {
        if (!mayRun(p))
            throw desk.refuse(p, "RUN transaction log", null, "NOT_AUTHORISED", "only registry administrators run the transaction log");
        return runs.runNow();
    }
}
