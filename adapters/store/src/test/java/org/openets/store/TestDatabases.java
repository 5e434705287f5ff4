package org.openets.store;

import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Fresh, migrated databases for tests, on either PostgreSQL the platform supports: the embedded one it starts
 * itself (one server per test JVM) or the machine's service at 127.0.0.1:5432 (override with
 * {@code -Dopenets.test.service-url=jdbc:postgresql://host:port/}).
 */
public final class TestDatabases {
    private TestDatabases() {}

    public enum Target { EMBEDDED, SERVICE }

    private static EmbeddedDatabase embedded;

    private static synchronized String serverUrl(Target t) {
        if (t == Target.SERVICE) return System.getProperty("openets.test.service-url", "jdbc:postgresql://127.0.0.1:5432/");
        if (embedded == null) {
            try {
                embedded = EmbeddedDatabase.start(Files.createTempDirectory("openets-pg"), 0);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(embedded::close));
        }
        return "jdbc:postgresql://localhost:" + embedded.port() + "/";
    }

    /** A new empty database with the current schema; dropped by {@link TestDatabase#close()}. */
    public static TestDatabase create(Target target) {
        String server = serverUrl(target);
        String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(server + "postgres", "postgres", "");
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on " + server, e);
        }
        String url = server + name;
        Database db = Database.open(url, "postgres", "", 24);
        return new TestDatabase(target, server, name, url, db);
    }

    /**
     * A new database migrated up to {@code version} only (a database as an older release left it, for a migration's
     * test); its URL, dropped by {@link #drop}.
     */
    public static String createAt(Target target, String version) {
        String server = serverUrl(target);
        String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(server + "postgres", "postgres", "");
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on " + server, e);
        }
        String url = server + name;
        org.flywaydb.core.Flyway.configure().dataSource(simple(url)).locations("classpath:db/migration").target(version).load().migrate();
        return url;
    }

    /** Drops a database {@link #createAt} made. */
    public static void drop(String url) {
        String server = url.substring(0, url.lastIndexOf('/') + 1), name = url.substring(url.lastIndexOf('/') + 1);
        try (Connection c = DriverManager.getConnection(server + "postgres", "postgres", "");
             Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public record TestDatabase(Target target, String server, String name, String url, Database database) implements AutoCloseable {
        public DataSource dataSource() { return database.dataSource(); }

        @Override public void close() {
            database.close();
            try (Connection c = DriverManager.getConnection(server + "postgres", "postgres", "");
                 Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static DataSource simple(String url) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        ds.setUser("postgres");
        return ds;
    }
}
