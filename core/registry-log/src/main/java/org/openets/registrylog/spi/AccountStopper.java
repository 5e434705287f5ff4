package org.openets.registrylog.spi;

import java.util.Set;

/**
 * How the log stops accounts: the store adapter suspends them in the registry (status SUSPENDED, "stopped by the
 * independent transaction log"), so no further transaction can leave or enter them until an administrator has
 * looked. The log calls this at most once per run, before it saves the run, with the accounts of every new
 * finding and of every discrepancy still open, so a call may repeat accounts stopped earlier: it must be idempotent.
 */
public interface AccountStopper {
    void stop(Set<Long> accountIds, String reason);
}
