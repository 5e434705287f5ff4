package org.openets.server;

import org.openets.store.Database;
import org.openets.store.EmbeddedDatabase;
import org.openets.store.GroupCommitLedger;
import org.openets.store.PgRegistryAdministration;
import org.openets.store.PgRegistryReadModel;
import org.openets.workflows.registry.RegistryService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Clock;

/** The registry on PostgreSQL: the database (embedded or external), the single-writer ledger, the use cases. */
@Configuration
public class RegistryWiring {
    private static final Logger log = LoggerFactory.getLogger(RegistryWiring.class);

    /** Holds the embedded PostgreSQL when there is one, so it stops after the pool that uses it. */
    public record EmbeddedServer(EmbeddedDatabase database) implements AutoCloseable {
        @Override public void close() {
            if (database != null) database.close();
        }
    }

    @Bean
    public Clock clock() { return Clock.systemUTC(); }

    @Bean(destroyMethod = "close")
    public EmbeddedServer embeddedServer(DatabaseSettings settings) {
        if (!settings.embedded()) return new EmbeddedServer(null);
        Path dir = Path.of(settings.dataDir()).toAbsolutePath().normalize();
        log.info("starting the embedded PostgreSQL with its data in {}", dir);
        return new EmbeddedServer(EmbeddedDatabase.start(dir, settings.embeddedPort()));
    }

    @Bean(destroyMethod = "close")
    public Database database(DatabaseSettings settings, EmbeddedServer embedded) {
        if (embedded.database() != null) {
            log.info("embedded PostgreSQL on port {}", embedded.database().port());
            return Database.open(embedded.database().jdbcUrl(), "postgres", "", settings.poolSize());
        }
        if (settings.url() == null || settings.url().isBlank())
            throw new IllegalStateException("openets.database.mode=external needs openets.database.url");
        return Database.open(settings.url(), settings.user(), settings.password(), settings.poolSize());
    }

    @Bean
    public DataSource dataSource(Database database) { return database.dataSource(); }

    @Bean(destroyMethod = "close")
    public GroupCommitLedger ledger(Database database) { return new GroupCommitLedger(database.dataSource(), 256); }

    @Bean
    public RegistryService registryService(GroupCommitLedger ledger, ObjectProvider<Clock> clock) {
        return new RegistryService(ledger, clock.getObject());
    }

    @Bean
    public PgRegistryAdministration registryAdministration(DataSource dataSource) { return new PgRegistryAdministration(dataSource); }

    @Bean
    public org.openets.store.PgCalendar calendarStore(DataSource dataSource) { return new org.openets.store.PgCalendar(dataSource); }

    @Bean
    public org.openets.store.PgControlsAdministration controlsAdministration(DataSource dataSource) { return new org.openets.store.PgControlsAdministration(dataSource); }

    @Bean
    public PgRegistryReadModel registryReadModel(DataSource dataSource) { return new PgRegistryReadModel(dataSource); }
}
