package org.openets.web.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.openets.web.desk.TransactionLogDesk;
import org.openets.web.security.Access;
import org.openets.workflows.registrylog.TransactionLogViews.Report;
import org.openets.workflows.registrylog.TransactionLogViews.RunView;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

@RestController
@Tag(name = "Transaction log", description = "The independent transaction log (独立交易日志): its report, and running it now")
public class TransactionLogApi {
    private final TransactionLogDesk log;
    private final Access access;

    public TransactionLogApi(TransactionLogDesk log, Access access) {
        this.log = log;
        this.access = access;
    }

    @GetMapping("/api/v1/transaction-log/report")
    @Operation(summary = "The log's report: checkpoint, last runs, open discrepancies, newest findings, stopped accounts (auditors and administrators)")
    public Report report(@RequestParam(defaultValue = "200") int findings) {
        return log.report(access.current(), Math.clamp(findings, 0, 5000));
    }

    @GetMapping("/api/v1/transaction-log/runs/{id}")
    @Operation(summary = "One run of the log (auditors and administrators)")
    public RunView run(@PathVariable long id) {
        return log.run(access.current(), id);
    }

    @PostMapping("/api/v1/transaction-log/runs")
    @Operation(summary = "Run the log now (registry administrators)",
            description = "Checks the journal entries after the checkpoint, reconciles with the holdings, stops the affected accounts and records "
                    + "the run, as the schedule does. Waits while another run is in progress.")
    public ResponseEntity<RunView> runNow() {
        RunView r = log.runNow(access.current());
        return ResponseEntity.created(URI.create("/api/v1/transaction-log/runs/" + r.id())).body(r);
    }
}
