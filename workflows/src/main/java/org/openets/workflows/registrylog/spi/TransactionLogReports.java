package org.openets.workflows.registrylog.spi;

import org.openets.workflows.registrylog.TransactionLogViews.Report;
import org.openets.workflows.registrylog.TransactionLogViews.RunView;

import java.util.Optional;

/** Port: reads the independent transaction log's report from the log's own store (read only). */
public interface TransactionLogReports {
    /** The report with the newest {@code findingsLimit} findings. */
    Report report(int findingsLimit);

    Optional<RunView> run(long runId);
}
