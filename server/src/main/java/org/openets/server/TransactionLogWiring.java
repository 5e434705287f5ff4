package org.openets.server;

import org.openets.store.Database;
import org.openets.store.txlog.PgTransactionLogReports;
import org.openets.store.txlog.TransactionLogRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * The independent transaction log over PostgreSQL: the runner (its books in schema {@code txlog}, the registry's
 * journal and holdings read only, stopped accounts suspended) and the report's read model. {@link TransactionLogJob}
 * runs it on its schedule.
 */
@Configuration
public class TransactionLogWiring {

    @Bean
    public TransactionLogRunner transactionLogRunner(Database database, Clock clock) {
        return new TransactionLogRunner(database.dataSource(), clock);
    }

    @Bean
    public PgTransactionLogReports transactionLogReports(Database database) {
        return new PgTransactionLogReports(database.dataSource());
    }
}
