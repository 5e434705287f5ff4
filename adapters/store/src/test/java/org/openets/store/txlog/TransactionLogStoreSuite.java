package org.openets.store.txlog;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openets.kernel.ActorId;
import org.openets.kernel.CommandId;
import org.openets.kernel.Jurisdiction;
import org.openets.kernel.UnitKind;
import org.openets.kernel.UnitType;
import org.openets.kernel.Vintage;
import org.openets.registry.Account;
import org.openets.registry.AccountType;
import org.openets.registry.BatchRequest;
import org.openets.registry.Outcome;
import org.openets.registry.Rejection;
import org.openets.registry.Role;
import org.openets.registry.SeriesKey;
import org.openets.registry.TransactionRequest;
import org.openets.registry.TransactionStatus;
import org.openets.registry.TransactionType;
import org.openets.registrylog.CheckReport;
import org.openets.registrylog.Finding;
import org.openets.registrylog.FindingCode;
import org.openets.store.GroupCommitLedger;
import org.openets.store.PgRegistryAdministration;
import org.openets.store.Sql;
import org.openets.store.TestDatabases;
import org.openets.workflows.registry.RegistryService;
import org.openets.workflows.registrylog.TransactionLogViews;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The independent transaction log over PostgreSQL, against a registry driven through its own use cases: clean runs
 * find nothing and move the checkpoint; later runs read only new entries; a holding or a journal row edited in SQL
 * behind the registry's back is found, reported, persisted and the accounts stopped, so the registry refuses them;
 * runs repeat without repeating findings, commit all or nothing and never interleave. Run on every PostgreSQL the
 * platform supports.
 */
abstract class TransactionLogStoreSuite {
    static final Jurisdiction CN = Jurisdiction.of("CN");
    static final UnitType CEA = new UnitType("CEA", UnitKind.ALLOWANCE, CN);
    static final SeriesKey CEA_2024 = new SeriesKey(CEA, Vintage.of(2024), null);
    static final ActorId ADMIN = ActorId.of("admin-cn"), ADMIN2 = ActorId.of("admin2-cn"), REP = ActorId.of("rep");
    static final String STOPPED = "stopped by the independent transaction log";

    abstract TestDatabases.Target target();

    TestDatabases.TestDatabase db;
    GroupCommitLedger ledger;
    RegistryService registry;
    PgRegistryAdministration admin;
    TransactionLogRunner log;
    Map<AccountType, Account> gov = new EnumMap<>(AccountType.class);
    List<Account> entities;
    int commands;

    @BeforeEach void open() {
        db = TestDatabases.create(target());
        ledger = new GroupCommitLedger(db.dataSource(), 64);
        registry = new RegistryService(ledger, Clock.systemUTC());
        admin = new PgRegistryAdministration(db.dataSource());
        admin.addAdministrator(ADMIN, CN);
        admin.addAdministrator(ADMIN2, CN);
        for (AccountType t : List.of(AccountType.TOTAL_QUANTITY, AccountType.ALLOCATION, AccountType.SURRENDER, AccountType.CANCELLATION, AccountType.RETIREMENT))
            gov.put(t, admin.openAccount(CN, t, "生态环境部 " + t, null));
        admin.setIssuanceLimit("CEA", 2024, 10_000_000, "test cap");
        sql("UPDATE control_setting SET four_eyes = false, untrusted_policy = 'DELAY', untrusted_delay_hours = 0 WHERE account_type = 'COVERED_ENTITY_HOLDING'");
        entities = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Account a = admin.openAccount(CN, AccountType.COVERED_ENTITY_HOLDING, "发电企业 " + i, "91" + i);
            admin.addRepresentative(a.id(), REP, Role.INITIATOR);
            entities.add(a);
        }
        log = new TransactionLogRunner(db.dataSource(), Clock.systemUTC());
    }

    @AfterEach void close() {
        ledger.close();
        db.close();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    void sql(String statement) {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    long count(String query) {
        try (Connection c = db.dataSource().getConnection()) {
            return Sql.longValue(c, query);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    String text(String query) {
        try (Connection c = db.dataSource().getConnection()) {
            return Sql.one(c, query, rs -> rs.getString(1)).orElse(null);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    long journalHead() { return count("SELECT max(seq) FROM journal"); }

    /** Proposes and, where the controls ask for a second person, approves: the transaction must complete. */
    void complete(TransactionRequest r) {
        Outcome o = registry.propose(r);
        assertThat(o.transaction()).as("%s", o).isNotNull();
        if (o.transaction().status() == TransactionStatus.AWAITING_APPROVAL) o = registry.approve(o.transaction().id(), ADMIN2);
        assertThat(o.transaction().status()).as("%s", o).isEqualTo(TransactionStatus.COMPLETED);
    }

    CommandId next() { return CommandId.of("c-" + (++commands)); }

    /** Issues 10 000 CEA 2024, moves them to the allocation account and allocates 1 000 to each entity. */
    void fund() {
        complete(TransactionRequest.issue(next(), ADMIN, CEA_2024, 10_000, null));
        complete(TransactionRequest.of(next(), TransactionType.TRANSFER, ADMIN, gov.get(AccountType.TOTAL_QUANTITY).id(),
                gov.get(AccountType.ALLOCATION).id(), CEA_2024, 10_000));
        List<TransactionRequest> lines = new ArrayList<>();
        for (Account a : entities)
            lines.add(TransactionRequest.of(CommandId.of("x"), TransactionType.ALLOCATE, ADMIN, gov.get(AccountType.ALLOCATION).id(), a.id(), CEA_2024, 1_000));
        Outcome.Batch b = registry.proposeBatch(new BatchRequest(next(), ADMIN, lines));
        assertThat(b.isRejected()).isFalse();
        if (b.lines().getFirst().status() == TransactionStatus.AWAITING_APPROVAL) registry.approve(b.lines().getFirst().id(), ADMIN2);
        assertThat(count("SELECT count(*) FROM registry_transaction WHERE type = 'ALLOCATE' AND status = 'COMPLETED'")).isEqualTo(3);
    }

    void transfer(int from, int to, long q) {
        complete(TransactionRequest.transfer(next(), REP, entities.get(from).id(), entities.get(to).id(), CEA_2024, q));
    }

    String status(Account a) { return text("SELECT status FROM account WHERE id = " + a.id()); }

    List<FindingCode> codes(CheckReport r) { return r.findings().stream().map(Finding::code).toList(); }

    // ------------------------------------------------------------------------------------------------ tests

    @Test void aCleanRegistryGivesNoFindingsAndTheCheckpointAdvancesToTheJournalHead() {
        fund();
        transfer(0, 1, 300);
        complete(TransactionRequest.pledge(next(), TransactionType.FREEZE, ADMIN, entities.get(1).id(), entities.get(2).id(), CEA_2024, 200));
        complete(TransactionRequest.of(next(), TransactionType.SURRENDER, REP, entities.get(2).id(), 0, CEA_2024, 100));
        long head = journalHead();

        TransactionLogRunner.Result r = log.run();

        assertThat(r.report().clean()).as("%s", r.report().findings()).isTrue();
        assertThat(r.report().fromSeq()).isEqualTo(-1);
        assertThat(r.report().throughSeq()).isEqualTo(head);
        assertThat(r.report().entriesChecked()).isEqualTo(head + 1);   // genesis too
        assertThat(r.report().stoppedAccounts()).isEmpty();
        assertThat(count("SELECT last_seq FROM txlog.checkpoint")).isEqualTo(head);
        assertThat(text("SELECT last_hash FROM txlog.checkpoint")).isEqualTo(text("SELECT hash FROM journal WHERE seq = " + head));
        // the log's own books agree with the registry's holdings, row for row
        assertThat(count("SELECT count(*) FROM (SELECT account_id, series_id, quantity, frozen FROM holding WHERE quantity <> 0 " +
                "EXCEPT SELECT account_id, series_id, quantity, frozen FROM txlog.balance) x")).isZero();
        assertThat(count("SELECT count(*) FROM txlog.balance")).isEqualTo(count("SELECT count(*) FROM holding WHERE quantity <> 0"));
        assertThat(count("SELECT quantity FROM txlog.pledge WHERE account_id = " + entities.get(1).id())).isEqualTo(200);
        assertThat(count("SELECT count(*) FROM txlog.transaction_record")).isEqualTo(head);
        assertThat(count("SELECT last_serial FROM txlog.series_issued")).isEqualTo(10_000);
        assertThat(count("SELECT count(*) FROM txlog.finding")).isZero();
        assertThat(count("SELECT count(*) FROM txlog.discrepancy")).isZero();
        assertThat(count("SELECT count(*) FROM account WHERE status <> 'OPEN'")).isZero();

        TransactionLogViews.RunView run = new PgTransactionLogReports(db.dataSource()).run(r.runId()).orElseThrow();
        assertThat(run.kind()).isEqualTo("RUN");
        assertThat(run.fromSeq()).isEqualTo(-1);
        assertThat(run.throughSeq()).isEqualTo(head);
        assertThat(run.entriesChecked()).isEqualTo(head + 1);
        assertThat(run.clean()).isTrue();
        assertThat(run.stoppedAccounts()).isEmpty();
        assertThat(run.finishedAt()).isAfterOrEqualTo(run.startedAt());
    }

    @Test void laterRunsReadOnlyTheEntriesAfterTheCheckpoint() {
        fund();
        TransactionLogRunner.Result first = log.run();
        long firstHead = first.report().throughSeq();
        assertThat(first.report().clean()).isTrue();

        // an entry the log has already checked is edited (its hash left alone): a run does not read it again...
        sql("UPDATE journal SET canonical = replace(canonical, '|1000|', '|1001|') WHERE seq = " + firstHead);
        transfer(0, 1, 10);
        transfer(1, 2, 20);
        TransactionLogRunner.Result second = log.run();
        assertThat(second.report().fromSeq()).isEqualTo(firstHead);
        assertThat(second.report().throughSeq()).isEqualTo(firstHead + 2);
        assertThat(second.report().entriesChecked()).isEqualTo(2);
        assertThat(second.report().clean()).as("%s", second.report().findings()).isTrue();
        assertThat(new PgTransactionLogReports(db.dataSource()).run(second.runId()).orElseThrow().entriesChecked()).isEqualTo(2);

        TransactionLogRunner.Result third = log.run();
        assertThat(third.report().entriesChecked()).isZero();
        assertThat(third.report().fromSeq()).isEqualTo(firstHead + 2);
        assertThat(third.report().clean()).isTrue();

        // ...an audit re-walks the whole journal and finds it, without stopping anyone or changing the books
        TransactionLogRunner.Result audit = log.audit();
        assertThat(audit.report().findings()).extracting(Finding::code, Finding::seq).contains(org.assertj.core.groups.Tuple.tuple(FindingCode.BAD_HASH, firstHead));
        assertThat(count("SELECT count(*) FROM txlog.finding WHERE code = 'BAD_HASH' AND seq = " + firstHead)).isEqualTo(1);
        assertThat(text("SELECT kind FROM txlog.run WHERE id = " + audit.runId())).isEqualTo("AUDIT");
        assertThat(count("SELECT entries_checked FROM txlog.run WHERE id = " + audit.runId())).isEqualTo(firstHead + 3);
        assertThat(count("SELECT last_seq FROM txlog.checkpoint")).isEqualTo(firstHead + 2);
        assertThat(count("SELECT count(*) FROM account WHERE status <> 'OPEN'")).isZero();
        assertThat(count("SELECT count(*) FROM txlog.run")).isEqualTo(4);
    }

    @Test void aBalanceCorruptedInSqlStopsTheAccountIsReportedAndTheRegistryRefusesIt() {
        fund();
        transfer(0, 1, 100);
        assertThat(log.run().report().clean()).isTrue();
        Account forged = entities.get(1);

        sql("UPDATE holding SET quantity = quantity + 500 WHERE account_id = " + forged.id());
        TransactionLogRunner.Result r = log.run();

        assertThat(r.report().entriesChecked()).isZero();
        assertThat(codes(r.report())).containsExactly(FindingCode.BALANCE_MISMATCH);
        assertThat(r.report().findings().getFirst().accountIds()).containsExactly(forged.id());
        assertThat(r.report().discrepancies()).singleElement().satisfies(d -> {
            assertThat(d.accountId()).isEqualTo(forged.id());
            assertThat(d.logQuantity()).isEqualTo(1_100);
            assertThat(d.registryQuantity()).isEqualTo(1_600);
        });
        assertThat(r.report().stoppedAccounts()).containsExactly(forged.id());
        // stopped in the registry, with the log's reason; nobody else
        assertThat(status(forged)).isEqualTo("SUSPENDED");
        assertThat(text("SELECT status_reason FROM account WHERE id = " + forged.id())).startsWith(STOPPED).contains("BALANCE_MISMATCH x1");
        assertThat(count("SELECT count(*) FROM account WHERE status <> 'OPEN'")).isEqualTo(1);
        // persisted in the log's own tables
        assertThat(count("SELECT count(*) FROM txlog.finding WHERE code = 'BALANCE_MISMATCH' AND " + forged.id() + " = ANY (account_ids) AND run_id = " + r.runId())).isEqualTo(1);
        assertThat(count("SELECT registry_quantity FROM txlog.discrepancy WHERE account_id = " + forged.id())).isEqualTo(1_600);
        assertThat(text("SELECT stopped_accounts::text FROM txlog.run WHERE id = " + r.runId())).isEqualTo("{" + forged.id() + "}");
        assertThat(text("SELECT newly_suspended::text FROM txlog.run WHERE id = " + r.runId())).isEqualTo("{" + forged.id() + "}");

        // the report shows the discrepancy, the finding and the stopped account with its number
        TransactionLogViews.Report report = new PgTransactionLogReports(db.dataSource()).report(50);
        assertThat(report.lastRun().id()).isEqualTo(r.runId());
        assertThat(report.discrepancies()).singleElement().satisfies(d -> {
            assertThat(d.accountNumber()).isEqualTo(forged.number());
            assertThat(d.seriesCode()).contains("CEA");
            assertThat(d.openedRun()).isEqualTo(r.runId());
        });
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("BALANCE_MISMATCH");
            assertThat(f.accountNumbers()).containsExactly(forged.number());
        });
        assertThat(report.stoppedAccounts()).singleElement().satisfies(s -> {
            assertThat(s.accountNumber()).isEqualTo(forged.number());
            assertThat(s.status()).isEqualTo("SUSPENDED");
            assertThat(s.discrepancyOpen()).isTrue();
        });

        // the registry refuses to move units out of, or into, the stopped account
        Outcome out = registry.propose(TransactionRequest.transfer(next(), REP, forged.id(), entities.get(2).id(), CEA_2024, 1));
        assertThat(out).isInstanceOfSatisfying(Outcome.Rejected.class, x -> assertThat(x.code()).isEqualTo(Rejection.ACCOUNT_NOT_OPEN));
        Outcome in = registry.propose(TransactionRequest.transfer(next(), REP, entities.get(0).id(), forged.id(), CEA_2024, 1));
        assertThat(in).isInstanceOfSatisfying(Outcome.Rejected.class, x -> assertThat(x.code()).isEqualTo(Rejection.ACCOUNT_NOT_OPEN));

        // a second run: the same discrepancy is not reported again, the account stays stopped
        TransactionLogRunner.Result again = log.run();
        assertThat(again.report().findings()).isEmpty();
        assertThat(again.report().discrepancies()).hasSize(1);
        assertThat(again.report().stoppedAccounts()).containsExactly(forged.id());
        assertThat(count("SELECT count(*) FROM txlog.finding")).isEqualTo(1);
        assertThat(count("SELECT opened_run FROM txlog.discrepancy")).isEqualTo(r.runId());
        assertThat(text("SELECT newly_suspended::text FROM txlog.run WHERE id = " + again.runId())).isEqualTo("{}");

        // the forgery is undone: the discrepancy closes, but the log never reopens an account
        sql("UPDATE holding SET quantity = quantity - 500 WHERE account_id = " + forged.id());
        TransactionLogRunner.Result closed = log.run();
        assertThat(closed.report().clean()).isTrue();
        assertThat(count("SELECT count(*) FROM txlog.discrepancy")).isZero();
        assertThat(status(forged)).isEqualTo("SUSPENDED");
        assertThat(new PgTransactionLogReports(db.dataSource()).report(50).stoppedAccounts().getFirst().discrepancyOpen()).isFalse();
    }

    @Test void theStopperNeitherReopensNorOverwritesAccountsAnAdministratorHasAlreadyStopped() {
        fund();
        log.run();
        Account closed = entities.get(0), suspended = entities.get(1);
        admin.setStatus(closed.id(), org.openets.registry.AccountStatus.CLOSED, "closed by the administrator");
        admin.setStatus(suspended.id(), org.openets.registry.AccountStatus.SUSPENDED, "under investigation");
        sql("UPDATE holding SET quantity = quantity + 1 WHERE account_id IN (" + closed.id() + ", " + suspended.id() + ", " + entities.get(2).id() + ")");

        TransactionLogRunner.Result r = log.run();
        assertThat(r.report().stoppedAccounts()).containsExactlyInAnyOrder(closed.id(), suspended.id(), entities.get(2).id());
        assertThat(status(closed)).isEqualTo("CLOSED");
        assertThat(text("SELECT status_reason FROM account WHERE id = " + suspended.id())).isEqualTo("under investigation");
        assertThat(status(entities.get(2))).isEqualTo("SUSPENDED");
        assertThat(text("SELECT newly_suspended::text FROM txlog.run WHERE id = " + r.runId())).isEqualTo("{" + entities.get(2).id() + "}");
    }

    @Test void aJournalRowEditedInSqlIsFoundAtItsSeqAndItsAccountsAreStopped() {
        fund();
        assertThat(log.run().report().clean()).isTrue();
        transfer(0, 1, 30);
        long edited = journalHead();
        transfer(1, 2, 5);
        // a forger edits the text of an entry the log has not checked yet, and leaves the hash alone
        sql("UPDATE journal SET canonical = replace(canonical, '|TRANSFER|" + entities.get(0).id() + "|', '|TRANSFER|" + entities.get(2).id() + "|') WHERE seq = " + edited);
        assertThat(text("SELECT canonical FROM journal WHERE seq = " + edited)).contains("|TRANSFER|" + entities.get(2).id() + "|");

        TransactionLogRunner.Result r = log.run();

        assertThat(r.report().findings(FindingCode.BAD_HASH)).singleElement().satisfies(f -> {
            assertThat(f.seq()).isEqualTo(edited);
            assertThat(f.accountIds()).containsExactlyInAnyOrder(entities.get(2).id(), entities.get(1).id());
        });
        // the books follow the edited text, so the holdings of the real source and the forged one disagree
        assertThat(r.report().findings(FindingCode.BALANCE_MISMATCH)).extracting(f -> f.accountIds().getFirst())
                .containsExactlyInAnyOrder(entities.get(0).id(), entities.get(2).id());
        assertThat(count("SELECT count(*) FROM txlog.finding WHERE code = 'BAD_HASH' AND seq = " + edited)).isEqualTo(1);
        for (Account a : entities) assertThat(status(a)).isEqualTo("SUSPENDED");
        // the chain moved on to the stored hash, so the next entry is not reported again
        assertThat(r.report().findings(FindingCode.BROKEN_CHAIN)).isEmpty();
        assertThat(r.report().throughSeq()).isEqualTo(edited + 1);

        TransactionLogRunner.Result again = log.run();
        assertThat(again.report().findings()).isEmpty();
        assertThat(count("SELECT count(*) FROM txlog.finding WHERE code = 'BAD_HASH'")).isEqualTo(1);
    }

    @Test void aRunThatFailsWhileCommittingLeavesNothingAndTheNextRunRepeatsIt() {
        fund();
        sql("UPDATE holding SET quantity = quantity + 7 WHERE account_id = " + entities.get(0).id());
        // the last write of a commit (the findings) fails
        sql("CREATE FUNCTION fail_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$");
        sql("CREATE TRIGGER fail_findings BEFORE INSERT ON txlog.finding FOR EACH ROW EXECUTE FUNCTION fail_commit()");

        assertThatThrownBy(() -> log.run()).hasStackTraceContaining("disk full");
        assertThat(count("SELECT last_seq FROM txlog.checkpoint")).isEqualTo(-1);
        assertThat(count("SELECT count(*) FROM txlog.run")).isZero();
        assertThat(count("SELECT count(*) FROM txlog.balance")).isZero();
        assertThat(count("SELECT count(*) FROM txlog.transaction_record")).isZero();
        assertThat(count("SELECT count(*) FROM txlog.discrepancy")).isZero();
        // the stopper ran before the commit (idempotent), so the account is already stopped
        assertThat(status(entities.get(0))).isEqualTo("SUSPENDED");

        sql("DROP TRIGGER fail_findings ON txlog.finding");
        TransactionLogRunner.Result r = log.run();
        assertThat(r.report().fromSeq()).isEqualTo(-1);
        assertThat(codes(r.report())).containsExactly(FindingCode.BALANCE_MISMATCH);
        assertThat(count("SELECT count(*) FROM txlog.finding")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM txlog.run")).isEqualTo(1);
        assertThat(count("SELECT last_seq FROM txlog.checkpoint")).isEqualTo(journalHead());
    }

    @Test void findingsAreAppendOnly() {
        fund();
        sql("UPDATE holding SET quantity = quantity + 1 WHERE account_id = " + entities.get(0).id());
        log.run();
        assertThatThrownBy(() -> sql("DELETE FROM txlog.finding")).hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> sql("UPDATE txlog.finding SET detail = 'nothing'")).hasStackTraceContaining("append-only");
        assertThat(count("SELECT count(*) FROM txlog.finding")).isEqualTo(1);
    }

    @Test void aRunWaitsWhileAnotherHoldsTheLogAndThenContinuesFromItsCheckpoint() throws Exception {
        fund();
        try (Connection holder = db.dataSource().getConnection(); Statement st = holder.createStatement()) {
            st.execute("SELECT pg_advisory_lock(" + PgLogStore.LOG_LOCK + ")");
            CompletableFuture<TransactionLogRunner.Result> waiting = CompletableFuture.supplyAsync(log::run);
            Thread.sleep(700);
            assertThat(waiting).isNotDone();
            st.execute("SELECT pg_advisory_unlock(" + PgLogStore.LOG_LOCK + ")");
            assertThat(waiting.get(30, TimeUnit.SECONDS).report().clean()).isTrue();
        }

        transfer(0, 1, 1);
        transfer(1, 2, 1);
        // many runs at once: each continues where the one before it committed, none checks an entry twice
        List<CompletableFuture<TransactionLogRunner.Result>> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) runs.add(CompletableFuture.supplyAsync(log::run));
        long checked = 0;
        for (CompletableFuture<TransactionLogRunner.Result> f : runs) {
            CheckReport r = f.get(60, TimeUnit.SECONDS).report();
            assertThat(r.clean()).as("%s", r.findings()).isTrue();
            checked += r.entriesChecked();
        }
        assertThat(checked).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM txlog.run")).isEqualTo(5);
        assertThat(count("SELECT count(*) FROM txlog.run r1 JOIN txlog.run r2 ON r2.id > r1.id AND r2.from_seq < r1.through_seq")).isZero();
    }
}
