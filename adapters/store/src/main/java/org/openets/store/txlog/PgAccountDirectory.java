package org.openets.store.txlog;

import org.openets.registry.AccountType;
import org.openets.registrylog.spi.AccountDirectory;
import org.openets.store.Sql;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Which accounts are terminal (surrender 清缴, retirement 自愿注销, cancellation 注销), from the registry's account
 * table. An account's type never changes, so the ids are read once, on first use; use one directory per run, so a
 * run sees accounts opened since the last one.
 */
public final class PgAccountDirectory implements AccountDirectory {
    private final DataSource ds;
    private Map<Long, String> terminal;

    public PgAccountDirectory(DataSource ds) { this.ds = ds; }

    @Override public synchronized String terminalKind(long accountId) {
        if (terminal == null) terminal = load();
        return terminal.get(accountId);
    }

    private Map<Long, String> load() {
        String[] types = Arrays.stream(AccountType.values()).filter(AccountType::isTerminal).map(Enum::name).toArray(String[]::new);
        try (Connection c = ds.getConnection()) {
            Map<Long, String> out = new HashMap<>();
            for (Object[] r : Sql.list(c, "SELECT id, type FROM account WHERE type = ANY (?)", rs -> new Object[]{rs.getLong(1), rs.getString(2)},
                    c.createArrayOf("text", types)))
                out.put((Long) r[0], (String) r[1]);
            return out;
        } catch (SQLException e) {
            throw new Sql.Failure("transaction log: terminal accounts", e);
        }
    }
}
