package org.openets.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Small JDBC helpers: bind parameters in order, map rows, turn SQLException into an unchecked one. */
public final class Sql {
    private Sql() {}

    @FunctionalInterface
    public interface Row<T> { T map(ResultSet rs) throws SQLException; }

    public static final class Failure extends RuntimeException {
        public Failure(String message, SQLException cause) { super(message + ": " + cause.getMessage(), cause); }
    }

    /** Runs {@code work} in one transaction on a connection of {@code ds}: committed when it returns, rolled back when it throws. */
    public static <T> T inTransaction(javax.sql.DataSource ds, String what, java.util.function.Function<Connection, T> work) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                T out = work.apply(c);
                c.commit();
                return out;
            } catch (RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new Failure(what, e);
        }
    }

    public static <T> List<T> list(Connection c, String sql, Row<T> row, Object... args) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) out.add(row.map(rs));
                return out;
            }
        } catch (SQLException e) {
            throw new Failure(sql, e);
        }
    }

    public static <T> Optional<T> one(Connection c, String sql, Row<T> row, Object... args) {
        List<T> l = list(c, sql, row, args);
        if (l.size() > 1) throw new IllegalStateException("more than one row: " + sql);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.getFirst());
    }

    public static int update(Connection c, String sql, Object... args) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new Failure(sql, e);
        }
    }

    public static long longValue(Connection c, String sql, Object... args) {
        return one(c, sql, rs -> rs.getLong(1), args).orElseThrow();
    }

    static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof Instant t) ps.setTimestamp(i + 1, Timestamp.from(t));
            else if (a instanceof java.time.LocalDate d) ps.setObject(i + 1, d);
            else ps.setObject(i + 1, a);
        }
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
