package org.openets.workflows.registrylog.spi;

import org.openets.workflows.registrylog.TransactionLogViews.RunView;

/**
 * Port: runs the independent transaction log now, as its schedule would: checks the journal entries after the
 * checkpoint, reconciles with the registry's holdings, stops the affected accounts and records the run. Runs never
 * interleave: a second caller waits for the first run to commit.
 */
public interface TransactionLogRuns {
    RunView runNow();
}
