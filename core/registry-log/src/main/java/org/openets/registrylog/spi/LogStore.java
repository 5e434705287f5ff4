package org.openets.registrylog.spi;

import java.util.Optional;

/**
 * Where the log keeps its books between runs, apart from the registry's tables: the log must not be able to
 * change the registry's data, nor the registry the log's. Runs are serial: the adapter holds a lock (for example
 * on the checkpoint row) from {@link #load()} to {@link #commit(LogCommit)}, so two runs never interleave.
 */
public interface LogStore {
    /** The state the last commit left, or {@link LogState#initial()} before the first run. */
    LogState load();

    /** The log's record of a transaction it checked in an earlier run, looked up by transaction id. */
    Optional<RecordedTransaction> recorded(long transactionId);

    /** Saves one run, all or nothing. A failed commit leaves the previous state, and the next run repeats the work. */
    void commit(LogCommit commit);
}
