package org.openets.store.txlog;

import org.openets.registrylog.spi.RegistryHoldings;
import org.openets.store.Sql;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The registry's holdings for reconciliation (对账), with the journal head they correspond to: {@code max(seq)} of the
 * journal and every holding row, read in one REPEATABLE READ, read-only transaction, so both come from the same
 * snapshot. The ledger writes a transaction's journal entry and its holdings in one database transaction, so the
 * rows include exactly the effects of the entries through that seq.
 */
public final class PgRegistryHoldings implements RegistryHoldings {
    private final DataSource ds;

    public PgRegistryHoldings(DataSource ds) { this.ds = ds; }

    @Override public Snapshot snapshot() {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                long head = Sql.longValue(c, "SELECT coalesce(max(seq), -1) FROM journal");
                List<Row> rows = Sql.list(c, "SELECT account_id, series_id, quantity, frozen FROM holding ORDER BY account_id, series_id",
                        rs -> new Row(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                return new Snapshot(head, rows);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new Sql.Failure("transaction log: snapshot the holdings", e);
        }
    }
}
