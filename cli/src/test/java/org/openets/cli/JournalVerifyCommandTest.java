package org.openets.cli;

import org.junit.jupiter.api.Test;
import org.openets.kernel.ActorId;
import org.openets.kernel.CommandId;
import org.openets.kernel.Jurisdiction;
import org.openets.kernel.UnitKind;
import org.openets.kernel.UnitType;
import org.openets.kernel.Vintage;
import org.openets.registry.AccountType;
import org.openets.registry.SeriesKey;
import org.openets.registry.TransactionRequest;
import org.openets.store.GroupCommitLedger;
import org.openets.store.PgRegistryAdministration;
import org.openets.store.TestDatabases;
import org.openets.workflows.registry.RegistryService;
import picocli.CommandLine;
import org.openets.cli.CliTesting.Run;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

class JournalVerifyCommandTest {

    static Run run(String... args) { return CliTesting.run(args); }

    @Test void verifiesAnIntactJournalAndNamesTheEditedEntry() throws Exception {
        try (TestDatabases.TestDatabase db = TestDatabases.create(TestDatabases.Target.SERVICE);
             GroupCommitLedger ledger = new GroupCommitLedger(db.dataSource(), 16)) {
            Jurisdiction cn = Jurisdiction.of("CN");
            PgRegistryAdministration admin = new PgRegistryAdministration(db.dataSource());
            admin.addAdministrator(ActorId.of("a1"), cn);
            admin.addAdministrator(ActorId.of("a2"), cn);
            admin.openAccount(cn, AccountType.TOTAL_QUANTITY, "MEE", null);
            admin.setIssuanceLimit("CEA", 2024, 1000, "test");
            RegistryService registry = new RegistryService(ledger, Clock.systemUTC());
            SeriesKey cea = new SeriesKey(new UnitType("CEA", UnitKind.ALLOWANCE, cn), Vintage.of(2024), null);
            for (int i = 1; i <= 3; i++)
                registry.approve(registry.propose(TransactionRequest.issue(CommandId.of("i" + i), ActorId.of("a1"), cea, 10 * i, null)).transaction().id(), ActorId.of("a2"));

            Run ok = run("journal", "verify", "--url", db.url());
            assertThat(ok.exit()).as(ok.err()).isZero();
            assertThat(ok.out()).contains("journal entries: 4").contains("chain intact");

            try (Connection c = db.dataSource().getConnection()) {
                c.createStatement().execute("UPDATE journal SET canonical = replace(canonical, '|20|', '|25|') WHERE seq = 2");
            }
            Run broken = run("journal", "verify", "--url", db.url());
            assertThat(broken.exit()).isEqualTo(1);
            assertThat(broken.err()).contains("entry 2: BAD_HASH");
        }
    }

    @Test void anUnreachableDatabaseIsAClearErrorWithItsOwnExitCode() {
        Run r = run("journal", "verify", "--url", "jdbc:postgresql://127.0.0.1:1/none");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("cannot read the registry database");
    }
}
