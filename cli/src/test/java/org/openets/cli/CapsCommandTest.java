package org.openets.cli;

import org.junit.jupiter.api.Test;
import org.openets.cli.CliTesting.Run;
import org.openets.kernel.ActorId;
import org.openets.kernel.CommandId;
import org.openets.kernel.Jurisdiction;
import org.openets.kernel.UnitKind;
import org.openets.kernel.UnitType;
import org.openets.kernel.Vintage;
import org.openets.registry.AccountType;
import org.openets.registry.SeriesKey;
import org.openets.registry.TransactionRequest;
import org.openets.registry.TransactionStatus;
import org.openets.store.GroupCommitLedger;
import org.openets.store.PgRegistryAdministration;
import org.openets.store.TestDatabases;
import org.openets.workflows.registry.RegistryService;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code openets caps}: the operator sets a cap directly as an administrator of the issuer, recorded as the operator's
 * (route OPERATOR); every version and the changes awaiting approval are listed; every refusal writes nothing.
 */
class CapsCommandTest {
    static final Jurisdiction CN = Jurisdiction.of("CN"), GD = Jurisdiction.of("GD");

    @Test void theIssuersAdministratorSetsACapTheLedgerUsesItAndTheHistoryListsEveryVersion() throws Exception {
        try (TestDatabases.TestDatabase db = TestDatabases.create(TestDatabases.Target.SERVICE);
             GroupCommitLedger ledger = new GroupCommitLedger(db.dataSource(), 16)) {
            PgRegistryAdministration admin = new PgRegistryAdministration(db.dataSource());
            admin.addAdministrator(ActorId.of("a1"), CN);
            admin.addAdministrator(ActorId.of("a2"), CN);
            admin.addAdministrator(ActorId.of("g1"), GD);
            admin.openAccount(CN, AccountType.TOTAL_QUANTITY, "MEE", null);
            RegistryService registry = new RegistryService(ledger, Clock.systemUTC());
            SeriesKey cea = new SeriesKey(new UnitType("CEA", UnitKind.ALLOWANCE, CN), Vintage.of(2030), null);
            assertThat(registry.propose(TransactionRequest.issue(CommandId.of("i0"), ActorId.of("a1"), cea, 600, null)))
                    .isInstanceOfSatisfying(org.openets.registry.Outcome.Rejected.class, r -> assertThat(r.code()).isEqualTo(org.openets.registry.Rejection.EXCEEDS_CAP));

            Run set = CliTesting.run("caps", "set", "--url", db.url(), "--unit-type", "cea", "--vintage", "2030", "--quantity", "1,000",
                    "--source", "生态环境部公告 2030 年第 1 号", "--as", "a1");
            assertThat(set.exit()).as(set.err()).isZero();
            assertThat(set.out()).contains("cap of CEA 2030 set to 1,000 t (was none)");
            var issued = registry.propose(TransactionRequest.issue(CommandId.of("i1"), ActorId.of("a1"), cea, 600, null));
            assertThat(registry.approve(issued.transaction().id(), ActorId.of("a2")).transaction().status()).isEqualTo(TransactionStatus.COMPLETED);

            Run below = CliTesting.run("caps", "set", "--url", db.url(), "--unit-type", "CEA", "--vintage", "2030", "--quantity", "599", "--source", "n2", "--as", "a2");
            assertThat(below.exit()).isEqualTo(1);
            assertThat(below.err()).contains("CAP_BELOW_ISSUED").contains("600 t").contains("nothing written");

            assertThat(CliTesting.run("caps", "set", "--url", db.url(), "--unit-type", "CEA", "--vintage", "2030", "--quantity", "2000", "--source", "n2", "--as", "a2").exit())
                    .isZero();
            assertThat(registry.propose(TransactionRequest.issue(CommandId.of("i2"), ActorId.of("a1"), cea, 1_400, null)).transaction().status())
                    .isEqualTo(TransactionStatus.AWAITING_APPROVAL);

            // a change proposed in the pages (4-eyes) stays pending when the operator sets the same cap directly, and is named
            long pending = admin.proposeIssuanceLimit("ui-1", "CEA", 2030, 3_000, "n3", ActorId.of("a1"), java.time.Instant.now()).proposal().id();
            Run again = CliTesting.run("caps", "set", "--url", db.url(), "--unit-type", "CEA", "--vintage", "2030", "--quantity", "2500", "--source", "n4", "--as", "a2");
            assertThat(again.exit()).as(again.err()).isZero();
            assertThat(again.out()).contains("note: change #" + pending + " of this cap to 3,000 t, proposed by a1, still awaits approval; it was proposed "
                    + "against 2,000 t, so its approval is now refused (CAP_CHANGED): decline or withdraw it");

            Run list = CliTesting.run("caps", "list", "--url", db.url(), "--history");
            assertThat(list.exit()).as(list.err()).isZero();
            assertThat(list.out()).contains("2,500").contains("1,400").contains("n2").contains("生态环境部公告 2030 年第 1 号");
            assertThat(list.out().lines().filter(l -> l.contains("#" + pending) && l.contains("3,000") && l.contains(" a1 "))).as(list.out()).hasSize(1);
            // every version the operator set is recorded as the operator's, named by who it acted as
            assertThat(list.out().lines().filter(l -> l.contains("CEA") && l.contains("2030") && l.contains("OPERATOR") && (l.contains(" a1 ") || l.contains(" a2 ")))).hasSize(3);
            assertThat(UsersCommandTest.one(db, "SELECT string_agg(DISTINCT route, ',') FROM issuance_limit_change WHERE vintage = 2030")).isEqualTo("OPERATOR");
        }
    }

    @Test void whatCannotBeDoneIsRefusedWithExitOneRecordedAndWritesNothing() throws Exception {
        try (TestDatabases.TestDatabase db = TestDatabases.create(TestDatabases.Target.SERVICE)) {
            PgRegistryAdministration admin = new PgRegistryAdministration(db.dataSource());
            admin.addAdministrator(ActorId.of("a1"), CN);
            admin.addAdministrator(ActorId.of("g1"), GD);
            String versions = UsersCommandTest.one(db, "SELECT count(*) FROM issuance_limit_change");

            Run other = CliTesting.run("caps", "set", "--url", db.url(), "--unit-type", "CEA", "--vintage", "2030", "--quantity", "10", "--source", "x", "--as", "g1");
            assertThat(other.exit()).isEqualTo(1);
            assertThat(other.err()).contains("NOT_AUTHORISED").contains("administrators of CN");
            assertThat(UsersCommandTest.one(db, "SELECT action || ' ' || target || ' ' || code FROM refusal WHERE actor = 'g1'"))
                    .isEqualTo("SET issuance limit CEA 2030 NOT_AUTHORISED");
            assertThat(CliTesting.run("caps", "set", "--url", db.url(), "--unit-type", "CEA", "--vintage", "2030", "--quantity", "10", "--source", "x", "--as", "nobody")
                    .exit()).isEqualTo(1);

            for (String[] bad : new String[][]{{"NOPE", "2030", "10", "x", "UNKNOWN_UNIT_TYPE"}, {"CEA", "2004", "10", "x", "VALIDATION_FAILED"},
                    {"CEA", "2030", "0", "x", "INVALID_QUANTITY"}, {"CEA", "2030", "1.5", "x", "INVALID_QUANTITY"}, {"CEA", "2030", "ten", "x", "INVALID_QUANTITY"},
                    {"CEA", "2030", "1.000", "x", "INVALID_QUANTITY"}, {"CEA", "2030", "2e3", "x", "INVALID_QUANTITY"},
                    {"CEA", "2030", "10", " ", "VALIDATION_FAILED"}}) {
                Run r = CliTesting.run("caps", "set", "--url", db.url(), "--unit-type", bad[0], "--vintage", bad[1], "--quantity", bad[2], "--source", bad[3], "--as", "a1");
                assertThat(r.exit()).as(String.join(" ", bad)).isEqualTo(1);
                assertThat(r.err()).contains(bad[4]).contains("nothing written");
            }
            assertThat(UsersCommandTest.one(db, "SELECT count(*) FROM issuance_limit_change")).isEqualTo(versions);
            assertThat(UsersCommandTest.one(db, "SELECT count(*) FROM issuance_limit WHERE vintage = 2030")).isEqualTo("0");
        }
    }
}
