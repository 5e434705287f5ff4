package org.openets.store.txlog;

import org.openets.registrylog.spi.AccountStopper;
import org.openets.store.GroupCommitLedger;
import org.openets.store.Sql;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Stops accounts for the transaction log: sets them SUSPENDED in the registry with the log's reason, so no
 * transaction can leave or enter them until an administrator has looked. Idempotent, and it never reopens anything:
 * only accounts that are not already SUSPENDED or CLOSED change (an account already suspended keeps the reason it
 * has), and nothing here ever sets an account back to OPEN. The update runs under the ledger's advisory lock, so it
 * falls between two ledger batches: every batch after it sees the account suspended.
 */
public final class PgAccountStopper implements AccountStopper {
    private final DataSource ds;
    private final Set<Long> newlySuspended = new TreeSet<>();

    public PgAccountStopper(DataSource ds) { this.ds = ds; }

    @Override public void stop(Set<Long> accountIds, String reason) {
        if (accountIds.isEmpty()) return;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (Statement st = c.createStatement()) {
                    st.execute("SELECT pg_advisory_xact_lock(" + GroupCommitLedger.LEDGER_LOCK + ")");
                }
                // each suspension is written to the account's status history in the same transaction (actor NULL: the platform)
                List<Long> changed = Sql.list(c, "WITH old AS (SELECT id, status FROM account WHERE id = ANY (?) AND status NOT IN ('SUSPENDED', 'CLOSED') FOR UPDATE), " +
                                "upd AS (UPDATE account a SET status = 'SUSPENDED', status_reason = ? FROM old WHERE a.id = old.id RETURNING a.id), " +
                                "hist AS (INSERT INTO account_status_change (account_id, old_status, status, reason, actor) " +
                                "SELECT old.id, old.status, 'SUSPENDED', ?, NULL FROM old) SELECT id FROM upd", rs -> rs.getLong(1),
                        c.createArrayOf("bigint", accountIds.toArray(Long[]::new)), reason, reason);
                c.commit();
                newlySuspended.addAll(changed);
            } catch (RuntimeException | SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new Sql.Failure("transaction log: stop accounts " + accountIds, e);
        }
    }

    /** The accounts this stopper has suspended that were not suspended (nor closed) before. */
    public Set<Long> newlySuspended() { return Set.copyOf(newlySuspended); }
}
