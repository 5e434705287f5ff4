package org.openets.store.txlog;

import org.openets.registry.AccountType;
import org.openets.registrylog.spi.AccountDirectory;
import org.openets.store.Sql;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Which accounts are terminal (surrender 清缴, retirement 自愿注销, cancellation 注销), from the registry's account
 * table. An account's type never changes, so the ids are read once, on first use; use one directory per run, so a
 * run sees accounts opened since the last one.
 */
public final class PgAccountDirectory implements AccountDirectory {
    private final DataSource ds;
    private Set<Long> terminal;

    public PgAccountDirectory(DataSource ds) { this.ds = ds; }

    @Override public synchronized boolean isTerminal(long accountId) {
        if (terminal == null) terminal = load();
        return terminal.contains(accountId);
    }

    private Set<Long> load() {
        String[] types = Arrays.stream(AccountType.values()).filter(AccountType::isTerminal).map(Enum::name).toArray(String[]::new);
        try (Connection c = ds.getConnection()) {
            return new HashSet<>(Sql.list(c, "SELECT id FROM account WHERE type = ANY (?)", rs -> rs.getLong(1), c.createArrayOf("text", types)));
        } catch (SQLException e) {
            throw new Sql.Failure("transaction log: terminal accounts", e);
        }
    }
}
