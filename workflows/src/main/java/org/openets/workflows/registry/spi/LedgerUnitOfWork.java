package org.openets.workflows.registry.spi;

import org.openets.registry.spi.LedgerSession;

import java.util.function.Function;

/**
 * Runs registry work atomically against the system of record. An implementation may group the work of many
 * callers into one database transaction (group commit); each caller still sees its own result only after
 * the commit that made it durable.
 */
public interface LedgerUnitOfWork {
    <T> T execute(Function<LedgerSession, T> work);
}
