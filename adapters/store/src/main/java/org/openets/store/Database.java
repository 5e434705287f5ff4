package org.openets.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;

/** A connection pool to the system of record, migrated to the current schema on open. */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;

    private Database(HikariDataSource ds) { this.dataSource = ds; }

    public static Database open(String jdbcUrl, String user, String password, int poolSize) {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(jdbcUrl);
        cfg.setUsername(user);
        cfg.setPassword(password);
        cfg.setMaximumPoolSize(poolSize);
        cfg.setPoolName("openets");
        // the ledger's lock-then-check design needs a fresh snapshot per statement (ADR 0006); a role or database default must not change it
        cfg.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        HikariDataSource ds = new HikariDataSource(cfg);
        migrate(ds);
        return new Database(ds);
    }

    public static void migrate(DataSource ds) {
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    }

    public DataSource dataSource() { return dataSource; }

    @Override public void close() { dataSource.close(); }
}
