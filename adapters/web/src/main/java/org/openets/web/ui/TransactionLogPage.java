package org.openets.web.ui;

import org.openets.web.desk.TransactionLogDesk;
import org.openets.web.security.Access;
import org.openets.web.security.Permissions;
import org.openets.workflows.registrylog.TransactionLogViews.Report;
import org.openets.workflows.registrylog.TransactionLogViews.RunView;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The independent transaction log's report (独立交易日志) for auditors and registry administrators: the last run,
 * the open balance discrepancies, the accounts it stopped and its findings; administrators can run it now.
 */
@Controller
public class TransactionLogPage {
    static final int FINDINGS = 200;

    private final TransactionLogDesk log;
    private final Access access;

    public TransactionLogPage(TransactionLogDesk log, Access access) {
        this.log = log;
        this.access = access;
    }

    public record RunRow(long id, String kind, String startedAt, String finishedAt, long fromSeq, long throughSeq, int entriesChecked,
                         int findings, int discrepancies, int stopped, int newlySuspended, boolean clean) {
        static RunRow of(RunView r) {
            return new RunRow(r.id(), r.kind(), PageViews.time(r.startedAt()), PageViews.time(r.finishedAt()), r.fromSeq(), r.throughSeq(),
                    r.entriesChecked(), r.findings(), r.discrepancies(), r.stoppedAccounts().size(), r.newlySuspended().size(), r.clean());
        }
    }

    public record DiscrepancyRow(String account, String holder, String series, long logQuantity, long logFrozen, long registryQuantity,
                                 long registryFrozen, String openedAt, long openedRun) {}

    public record FindingRow(long id, long runId, String detectedAt, long seq, String code, String accounts, String series, long transactionId,
                             String detail) {}

    public record StoppedRow(String account, String holder, String status, String reason, String firstStoppedAt, String lastStoppedAt,
                             boolean discrepancyOpen) {}

    @GetMapping("/transaction-log")
    String report(Model model) {
        Permissions p = access.current();
        Report r = log.report(p, FINDINGS);
        model.addAttribute("mayRun", TransactionLogDesk.mayRun(p));
        model.addAttribute("checkpointSeq", r.checkpointSeq());
        model.addAttribute("journalHead", r.journalHead());
        model.addAttribute("checkpointAt", PageViews.time(r.checkpointAt()));
        model.addAttribute("lastRun", r.lastRun() == null ? null : RunRow.of(r.lastRun()));
        model.addAttribute("runs", r.recentRuns().stream().map(RunRow::of).toList());
        model.addAttribute("discrepancies", r.discrepancies().stream().map(d -> new DiscrepancyRow(
                d.accountNumber() == null ? Long.toString(d.accountId()) : d.accountNumber(), d.holder(),
                d.seriesCode() == null ? "#" + d.seriesId() : d.seriesCode(), d.logQuantity(), d.logFrozen(), d.registryQuantity(),
                d.registryFrozen(), PageViews.time(d.openedAt()), d.openedRun())).toList());
        model.addAttribute("findingsTotal", r.findingsTotal());
        model.addAttribute("findings", r.findings().stream().map(f -> new FindingRow(f.id(), f.runId(), PageViews.time(f.detectedAt()), f.seq(),
                f.code(), String.join(", ", f.accountNumbers()), f.seriesId() == 0 ? "" : f.seriesCode() == null ? "#" + f.seriesId() : f.seriesCode(),
                f.transactionId(), f.detail())).toList());
        model.addAttribute("stopped", r.stoppedAccounts().stream().map(s -> new StoppedRow(
                s.accountNumber() == null ? Long.toString(s.accountId()) : s.accountNumber(), s.holder(), s.status(), s.statusReason(),
                PageViews.time(s.firstStoppedAt()), PageViews.time(s.lastStoppedAt()), s.discrepancyOpen())).toList());
        return "transaction-log";
    }

    @PostMapping("/transaction-log/runs")
    String runNow(RedirectAttributes ra) {
        RunView r = log.runNow(access.current());
        ra.addFlashAttribute("ran", RunRow.of(r));
        return "redirect:/transaction-log";
    }
}
