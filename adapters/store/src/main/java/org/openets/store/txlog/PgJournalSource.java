package org.openets.store.txlog;

import org.openets.registrylog.spi.JournalRow;
import org.openets.registrylog.spi.JournalSource;
import org.openets.store.Sql;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The registry's journal for the transaction log, read only: the four fields the log reads ({@code seq},
 * {@code canonical}, {@code prev_hash}, {@code hash}) as stored, in ascending seq, through a server-side cursor so a
 * long journal is never held in memory. The stream holds a read-only connection until the log closes it.
 */
public final class PgJournalSource implements JournalSource {
    private static final int FETCH = 2_000;

    private final DataSource ds;

    public PgJournalSource(DataSource ds) { this.ds = ds; }

    @Override public Stream<JournalRow> entriesAfter(long seq) {
        Connection c = null;
        PreparedStatement ps = null;
        ResultSet rs;
        try {
            c = ds.getConnection();
            c.setAutoCommit(false);          // a cursor needs a transaction
            c.setReadOnly(true);
            ps = c.prepareStatement("SELECT seq, canonical, prev_hash, hash FROM journal WHERE seq > ? ORDER BY seq");
            ps.setFetchSize(FETCH);
            ps.setLong(1, seq);
            rs = ps.executeQuery();
        } catch (SQLException e) {
            release(c, ps);
            throw new Sql.Failure("transaction log: read the journal", e);
        }
        Connection conn = c;
        PreparedStatement stmt = ps;
        ResultSet rows = rs;
        Spliterator<JournalRow> it = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
            @Override public boolean tryAdvance(Consumer<? super JournalRow> action) {
                try {
                    if (!rows.next()) return false;
                    action.accept(new JournalRow(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4)));
                    return true;
                } catch (SQLException e) {
                    throw new Sql.Failure("transaction log: read the journal", e);
                }
            }
        };
        return StreamSupport.stream(it, false).onClose(() -> release(conn, stmt));
    }

    private static void release(Connection c, PreparedStatement ps) {
        try {
            if (ps != null) ps.close();
        } catch (SQLException ignored) {
            // closing the connection below closes it too
        }
        if (c == null) return;
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // read only: nothing to undo
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing more to release
        }
    }
}
