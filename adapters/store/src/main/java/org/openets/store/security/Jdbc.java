package org.openets.store.security;

import org.openets.store.Sql;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;

/** One auto-committed connection per call: security data is written one row at a time. */
final class Jdbc {
    private final DataSource ds;

    Jdbc(DataSource ds) { this.ds = ds; }

    <T> T with(String what, Function<Connection, T> work) {
        try (Connection c = ds.getConnection()) {
            return work.apply(c);
        } catch (SQLException e) {
            throw new Sql.Failure(what, e);
        }
    }
}
