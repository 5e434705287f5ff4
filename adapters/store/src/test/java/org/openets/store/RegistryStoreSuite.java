package org.openets.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openets.kernel.ActorId;
import org.openets.kernel.CommandId;
import org.openets.kernel.Jurisdiction;
import org.openets.kernel.UnitKind;
import org.openets.kernel.SerialRange;
import org.openets.kernel.UnitType;
import org.openets.kernel.Vintage;
import org.openets.registry.Account;
import org.openets.registry.AccountType;
import org.openets.registry.BatchRequest;
import org.openets.registry.Transaction;
import org.openets.registry.Outcome;
import org.openets.registry.Rejection;
import org.openets.registry.SeriesKey;
import org.openets.registry.TransactionRequest;
import org.openets.registry.TransactionStatus;
import org.openets.registry.TransactionType;
import org.openets.workflows.registry.RegistryService;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One store test suite, run against every PostgreSQL the platform supports (the embedded one and the
 * machine's service): the registry's behaviour must not depend on which one holds the data.
 */
abstract class RegistryStoreSuite {
    static final Jurisdiction CN = Jurisdiction.of("CN");
    static final UnitType CEA = new UnitType("CEA", UnitKind.ALLOWANCE, CN);
    static final SeriesKey CEA_2024 = new SeriesKey(CEA, Vintage.of(2024), null);
    static final ActorId ADMIN = ActorId.of("admin-cn"), ADMIN2 = ActorId.of("admin2-cn");

    abstract TestDatabases.Target target();

    TestDatabases.TestDatabase db;
    GroupCommitLedger ledger;
    RegistryService registry;
    PgRegistryAdministration admin;
    Map<AccountType, Account> gov = new java.util.EnumMap<>(AccountType.class);

    @BeforeEach void open() {
        db = TestDatabases.create(target());
        ledger = new GroupCommitLedger(db.dataSource(), 256);
        registry = new RegistryService(ledger, Clock.systemUTC());
        admin = new PgRegistryAdministration(db.dataSource());
        admin.addAdministrator(ADMIN, CN);
        admin.addAdministrator(ADMIN2, CN);
        for (AccountType t : List.of(AccountType.TOTAL_QUANTITY, AccountType.ALLOCATION, AccountType.SURRENDER, AccountType.CANCELLATION, AccountType.RETIREMENT))
            gov.put(t, admin.openAccount(CN, t, "生态环境部 " + t, null));
        admin.setIssuanceLimit("CEA", 2024, 10_000_000, "test cap");
    }

    @AfterEach void close() {
        ledger.close();
        db.close();
    }

    void sql(String statement) {
        try (Connection c = db.dataSource().getConnection()) {
            c.createStatement().execute(statement);
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

    /** Issues {@code q} CEA 2024 with 4-eyes and moves it to the allocation account. */
    void issueToAllocation(long q) {
        Outcome o = registry.propose(TransactionRequest.issue(CommandId.of("issue-" + q), ADMIN, CEA_2024, q, null));
        assertThat(o.transaction().status()).isEqualTo(TransactionStatus.AWAITING_APPROVAL);
        assertThat(registry.approve(o.transaction().id(), ADMIN2).transaction().status()).isEqualTo(TransactionStatus.COMPLETED);
        Outcome t = registry.propose(TransactionRequest.of(CommandId.of("to-alloc-" + q), TransactionType.TRANSFER, ADMIN,
                gov.get(AccountType.TOTAL_QUANTITY).id(), gov.get(AccountType.ALLOCATION).id(), CEA_2024, q));
        assertThat(registry.approve(t.transaction().id(), ADMIN2).transaction().status()).isEqualTo(TransactionStatus.COMPLETED);
    }

    List<Account> entities(int n) {
        List<Account> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(admin.openAccount(CN, AccountType.COVERED_ENTITY_HOLDING, "发电企业 " + i, "91" + i));
        return out;
    }

    void noControlsOnHoldings() {
        sql("UPDATE control_setting SET four_eyes = false, untrusted_policy = 'DELAY', untrusted_delay_hours = 0 WHERE account_type = 'COVERED_ENTITY_HOLDING'");
    }

    @Test void lifecycleFromIssuanceToSurrenderIsJournaledAndVerifies() {
        issueToAllocation(1_000_000);
        List<Account> e = entities(3);
        List<TransactionRequest> lines = new ArrayList<>();
        for (Account a : e) lines.add(TransactionRequest.of(CommandId.of("x"), TransactionType.ALLOCATE, ADMIN, gov.get(AccountType.ALLOCATION).id(), a.id(), CEA_2024, 100_000));
        Outcome.Batch batch = registry.proposeBatch(new BatchRequest(CommandId.of("alloc-2024"), ADMIN, lines));
        assertThat(batch.isRejected()).isFalse();
        assertThat(batch.lines()).allMatch(t -> t.status() == TransactionStatus.AWAITING_APPROVAL);
        registry.approve(batch.lines().get(1).id(), ADMIN2);
        assertThat(count("SELECT count(*) FROM registry_transaction WHERE batch_id = 'alloc-2024' AND status = 'COMPLETED'")).isEqualTo(3);

        noControlsOnHoldings();
        for (Account a : e) admin.addRepresentative(a.id(), ActorId.of("rep-" + a.id()), org.openets.registry.Role.INITIATOR);
        ActorId rep0 = ActorId.of("rep-" + e.get(0).id());
        Outcome tr = registry.propose(TransactionRequest.transfer(CommandId.of("t1"), rep0, e.get(0).id(), e.get(1).id(), CEA_2024, 30_000));
        assertThat(tr.transaction().status()).isEqualTo(TransactionStatus.COMPLETED);
        Outcome sur = registry.propose(TransactionRequest.of(CommandId.of("s1"), TransactionType.SURRENDER, rep0, e.get(0).id(), 0, CEA_2024, 70_000));
        assertThat(sur.transaction().status()).isEqualTo(TransactionStatus.COMPLETED);
        Outcome over = registry.propose(TransactionRequest.of(CommandId.of("s2"), TransactionType.SURRENDER, rep0, e.get(0).id(), 0, CEA_2024, 1));
        assertThat(over).isInstanceOfSatisfying(Outcome.Rejected.class, r -> assertThat(r.code()).isEqualTo(Rejection.INSUFFICIENT_HOLDINGS));

        assertThat(count("SELECT quantity FROM holding WHERE account_id = " + e.get(1).id())).isEqualTo(130_000);
        assertThat(count("SELECT quantity FROM holding WHERE account_id = " + gov.get(AccountType.SURRENDER).id())).isEqualTo(70_000);
        JournalVerifier.Report report = new JournalVerifier(db.dataSource()).verify();
        assertThat(report.problems()).isEmpty();
        assertThat(report.entries()).isEqualTo(1 + 2 + 3 + 2);
    }

    @Test void retriesReturnTheFirstResultAndADifferentBodyIsRefused() {
        issueToAllocation(1000);
        Account a = entities(1).getFirst();
        TransactionRequest alloc = TransactionRequest.of(CommandId.of("a-1"), TransactionType.ALLOCATE, ADMIN, gov.get(AccountType.ALLOCATION).id(), a.id(), CEA_2024, 10);
        Outcome first = registry.propose(alloc);
        Outcome again = registry.propose(alloc);
        assertThat(again.transaction().id()).isEqualTo(first.transaction().id());
        Outcome different = registry.propose(TransactionRequest.of(CommandId.of("a-1"), TransactionType.ALLOCATE, ADMIN, gov.get(AccountType.ALLOCATION).id(), a.id(), CEA_2024, 11));
        assertThat(different).isInstanceOfSatisfying(Outcome.Rejected.class, r -> assertThat(r.code()).isEqualTo(Rejection.DUPLICATE_ID_DIFFERENT_BODY));
        assertThat(count("SELECT count(*) FROM registry_transaction WHERE command_id = 'a-1'")).isEqualTo(1);
    }

    @Test void aBatchRetriedReturnsItsFirstResultAlsoAfterARestartAndADifferentBodyIsRefused() {
        List<Account> e = funded(3, 100);
        java.util.function.IntFunction<BatchRequest> batch = q -> new BatchRequest(CommandId.of("retry-batch"), ADMIN, List.of(
                TransactionRequest.of(CommandId.of("x"), TransactionType.FORCED_DEDUCTION, ADMIN, e.get(0).id(), 0, CEA_2024, q),
                TransactionRequest.of(CommandId.of("x"), TransactionType.FORCED_DEDUCTION, ADMIN, e.get(1).id(), 0, CEA_2024, q)));
        Outcome.Batch first = registry.proposeBatch(batch.apply(5));
        assertThat(first.isRejected()).isFalse();
        List<Long> ids = first.lines().stream().map(Transaction::id).toList();
        assertThat(registry.proposeBatch(batch.apply(5)).lines()).extracting(Transaction::id).isEqualTo(ids);
        // a fresh writer knows no batch: it takes the id to be new, the lines' command ids say otherwise, and it asks
        ledger.close();
        ledger = new GroupCommitLedger(db.dataSource(), 256);
        registry = new RegistryService(ledger, Clock.systemUTC());
        assertThat(registry.proposeBatch(batch.apply(5)).lines()).extracting(Transaction::id).isEqualTo(ids);
        ledger.close();
        ledger = new GroupCommitLedger(db.dataSource(), 256);
        registry = new RegistryService(ledger, Clock.systemUTC());
        assertThat(registry.proposeBatch(batch.apply(6)).code()).isEqualTo(Rejection.DUPLICATE_ID_DIFFERENT_BODY);
        assertThat(count("SELECT count(*) FROM registry_transaction WHERE batch_id = 'retry-batch'")).isEqualTo(2);
        assertThat(new JournalVerifier(db.dataSource()).verify().problems()).isEmpty();
    }

    @Test void aBatchWithOneBadLineMovesNothing() {
        issueToAllocation(1000);
        List<Account> e = entities(2);
        long before = count("SELECT count(*) FROM journal");
        Outcome.Batch b = registry.proposeBatch(new BatchRequest(CommandId.of("bad-batch"), ADMIN, List.of(
                TransactionRequest.of(CommandId.of("x"), TransactionType.ALLOCATE, ADMIN, gov.get(AccountType.ALLOCATION).id(), e.get(0).id(), CEA_2024, 600),
                TransactionRequest.of(CommandId.of("x"), TransactionType.ALLOCATE, ADMIN, gov.get(AccountType.ALLOCATION).id(), e.get(1).id(), CEA_2024, 600))));
        assertThat(b.code()).isEqualTo(Rejection.INSUFFICIENT_HOLDINGS);
        assertThat(count("SELECT count(*) FROM journal")).isEqualTo(before);
        assertThat(count("SELECT coalesce(sum(quantity), 0) FROM holding WHERE account_id IN (" + e.get(0).id() + "," + e.get(1).id() + ")")).isZero();
    }

    @Test void sixteenClientsOfRandomTransfersWithRetriesConserveUnits() throws Exception {
        sixteenClientsOfRandomTransfers();
    }

    @Test void sixteenClientsOfRandomTransfersWithRetriesConserveUnitsAlsoWithEveryGroupOverlapped() throws Exception {
        overlapAlways();
        sixteenClientsOfRandomTransfers();
        assertThat(ledger.pipelineCounts()[0]).as("groups that overlapped the one in flight").isPositive();
    }

    void sixteenClientsOfRandomTransfers() throws Exception {
        int accounts = 100, threads = 16, perThread = 60;
        issueToAllocation(10_000_000);
        List<Account> e = entities(accounts);
        List<TransactionRequest> lines = new ArrayList<>();
        for (Account a : e) lines.add(TransactionRequest.of(CommandId.of("x"), TransactionType.ALLOCATE, ADMIN, gov.get(AccountType.ALLOCATION).id(), a.id(), CEA_2024, 1_000));
        registry.approve(registry.proposeBatch(new BatchRequest(CommandId.of("fund"), ADMIN, lines)).lines().getFirst().id(), ADMIN2);
        noControlsOnHoldings();
        for (Account a : e) admin.addRepresentative(a.id(), ActorId.of("rep"), org.openets.registry.Role.INITIATOR);

        Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        Set<String> completed = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                SplittableRandom rnd = new SplittableRandom(42 + thread);
                for (int i = 0; i < perThread; i++) {
                    int from = rnd.nextInt(accounts), to = (from + 1 + rnd.nextInt(accounts - 1)) % accounts;
                    // ids shared between pairs of threads, so concurrent retries of one command happen too
                    String id = "c-" + (thread / 2) + "-" + i;
                    SplittableRandom shared = new SplittableRandom(id.hashCode());
                    from = shared.nextInt(accounts);
                    to = (from + 1 + shared.nextInt(accounts - 1)) % accounts;
                    long q = 1 + shared.nextInt(400);
                    TransactionRequest r = TransactionRequest.transfer(CommandId.of(id), ActorId.of("rep"), e.get(from).id(), e.get(to).id(), CEA_2024, q);
                    int tries = 1 + rnd.nextInt(3);
                    Long firstId = null;
                    for (int k = 0; k < tries; k++) {
                        Outcome o = registry.propose(r);
                        assertThat(o.transaction()).isNotNull();
                        if (firstId == null) firstId = o.transaction().id();
                        assertThat(o.transaction().id()).isEqualTo(firstId);
                        if (o.transaction().status() == TransactionStatus.COMPLETED) completed.add(id);
                        else assertThat(o).isInstanceOfSatisfying(Outcome.Rejected.class, x -> assertThat(x.code()).isEqualTo(Rejection.INSUFFICIENT_HOLDINGS));
                    }
                    Long prev = acknowledged.putIfAbsent(id, firstId);
                    if (prev != null) assertThat(prev).isEqualTo(firstId);
                }
                return null;
            }));
        }
        for (Future<?> f : futures) f.get();
        pool.shutdown();

        assertThat(count("SELECT count(*) FROM holding WHERE quantity < 0 OR frozen < 0")).isZero();
        assertThat(count("SELECT sum(quantity) FROM holding")).isEqualTo(10_000_000);
        assertThat(count("SELECT count(*) FROM registry_transaction WHERE command_id LIKE 'c-%'")).isEqualTo(acknowledged.size());
        assertThat(count("SELECT count(*) FROM registry_transaction WHERE command_id LIKE 'c-%' AND status = 'COMPLETED'")).isEqualTo(completed.size());
        assertThat(count("SELECT count(*) FROM journal j JOIN registry_transaction t ON t.id = j.transaction_id WHERE t.command_id LIKE 'c-%'")).isEqualTo(completed.size());
        JournalVerifier.Report report = new JournalVerifier(db.dataSource()).verify();
        assertThat(report.problems()).isEmpty();
    }

    @Test void verifyNamesTheEntryWhereAnEditDeletionOrReorderingBreaksTheChain() {
        issueToAllocation(1000);
        List<Account> e = entities(1);
        for (int i = 0; i < 4; i++)
            registry.approve(registry.propose(TransactionRequest.of(CommandId.of("al-" + i), TransactionType.ALLOCATE, ADMIN,
                    gov.get(AccountType.ALLOCATION).id(), e.getFirst().id(), CEA_2024, 10 + i)).transaction().id(), ADMIN2);
        JournalVerifier v = new JournalVerifier(db.dataSource());
        assertThat(v.verify().problems()).isEmpty();

        sql("UPDATE journal SET canonical = replace(canonical, '|11|', '|91|') WHERE seq = 4");
        assertThat(v.verify().problems().getFirst()).satisfies(p -> {
            assertThat(p.seq()).isEqualTo(4);
            assertThat(p.code()).isEqualTo("BAD_HASH");
        });
        sql("UPDATE journal SET canonical = replace(canonical, '|91|', '|11|') WHERE seq = 4");
        assertThat(v.verify().problems()).isEmpty();

        sql("CREATE TABLE journal_backup AS SELECT * FROM journal");
        sql("DELETE FROM journal WHERE seq = 3");
        assertThat(v.verify().problems().getFirst()).satisfies(p -> {
            assertThat(p.seq()).isEqualTo(3);
            assertThat(p.code()).isEqualTo("SEQUENCE_GAP");
        });
        sql("INSERT INTO journal SELECT * FROM journal_backup WHERE seq = 3");
        assertThat(v.verify().problems()).isEmpty();

        // reorder: entries 4 and 5 swap places (content and hashes move together)
        sql("UPDATE journal SET seq = -1 WHERE seq = 4");
        sql("UPDATE journal SET seq = 4 WHERE seq = 5");
        sql("UPDATE journal SET seq = 5 WHERE seq = -1");
        assertThat(v.verify().problems().getFirst()).satisfies(p -> {
            assertThat(p.seq()).isEqualTo(4);
            assertThat(p.code()).isEqualTo("BROKEN_LINK");
        });
    }

    @Test void aBalanceChangedBehindTheRegistrysBackIsFound() {
        issueToAllocation(1000);
        sql("UPDATE holding SET quantity = quantity + 5 WHERE account_id = " + gov.get(AccountType.ALLOCATION).id());
        assertThat(new JournalVerifier(db.dataSource()).verify().problems()).extracting(JournalVerifier.Problem::code)
                .contains("BALANCE_MISMATCH", "BLOCKS_MISMATCH", "CONSERVATION");
    }

    // ---------------------------------------------------------------------------------------- the writer's cache (ADR 0003)

    /** Funds {@code n} holding accounts with {@code each} t apiece, controls off, one initiator each; returns them. */
    List<Account> funded(int n, long each) {
        issueToAllocation(n * each);
        List<Account> e = entities(n);
        List<TransactionRequest> lines = new ArrayList<>();
        for (Account a : e) lines.add(TransactionRequest.of(CommandId.of("x"), TransactionType.ALLOCATE, ADMIN, gov.get(AccountType.ALLOCATION).id(), a.id(), CEA_2024, each));
        Outcome.Batch batch = registry.proposeBatch(new BatchRequest(CommandId.of("fund"), ADMIN, lines));
        registry.approve(batch.lines().getFirst().id(), ADMIN2);
        noControlsOnHoldings();
        for (Account a : e) admin.addRepresentative(a.id(), ActorId.of("rep-" + a.id()), org.openets.registry.Role.INITIATOR);
        return e;
    }

    static TransactionRequest move(String id, Account from, Account to, long q) {
        return TransactionRequest.transfer(CommandId.of(id), ActorId.of("rep-" + from.id()), from.id(), to.id(), CEA_2024, q);
    }

    @Test void twoWritersOnOneDatabaseSeeEachOthersCommits() {
        List<Account> e = funded(3, 100);
        Account a = e.get(0), b = e.get(1), c = e.get(2);
        assertThat(registry.propose(move("w1-1", a, b, 10)).transaction().status()).isEqualTo(TransactionStatus.COMPLETED); // writer 1 now caches A = 90
        try (GroupCommitLedger other = new GroupCommitLedger(db.dataSource(), 16)) {
            RegistryService second = new RegistryService(other, Clock.systemUTC());
            assertThat(second.propose(move("w2-1", a, c, 80)).transaction().status()).isEqualTo(TransactionStatus.COMPLETED); // A = 10
            // writer 1's cache still says 90: the other writer's commit must make it drop that
            assertThat(registry.propose(move("w1-2", a, b, 50))).isInstanceOfSatisfying(Outcome.Rejected.class,
                    r -> assertThat(r.code()).isEqualTo(Rejection.INSUFFICIENT_HOLDINGS));
            assertThat(registry.propose(move("w1-3", a, b, 10)).transaction().status()).isEqualTo(TransactionStatus.COMPLETED);
            // and the other way round, interleaved
            for (int i = 0; i < 20; i++) {
                RegistryService r = i % 2 == 0 ? registry : second;
                assertThat(r.propose(move("w-" + i, i % 4 < 2 ? b : c, i % 4 < 2 ? c : b, 3)).transaction().status()).isEqualTo(TransactionStatus.COMPLETED);
            }
            // a retry through the other writer returns the first result, not a second transfer
            Outcome retry = second.propose(move("w1-3", a, b, 10));
            assertThat(retry.transaction().status()).isEqualTo(TransactionStatus.COMPLETED);
            assertThat(count("SELECT count(*) FROM registry_transaction WHERE command_id = 'w1-3'")).isEqualTo(1);
        }
        assertThat(count("SELECT quantity FROM holding WHERE account_id = " + a.id())).isZero();
        assertThat(count("SELECT sum(quantity) FROM holding WHERE account_id IN (" + b.id() + ", " + c.id() + ")")).isEqualTo(300);
        assertThat(new JournalVerifier(db.dataSource()).verify().problems()).isEmpty();
    }

    @Test void aCheckedStatusChangeIsMadeOnlyOnWhatItWasCheckedAgainstAndRecordedWithIt() {
        List<Account> e = funded(2, 100);
        Account a = e.get(0), b = e.get(1);
        var who = org.openets.kernel.ActorId.of("admin-x");
        // someone else changed it in between: nothing written
        admin.setStatus(a.id(), org.openets.registry.AccountStatus.RESTRICTED, "first");
        long rows = count("SELECT count(*) FROM account_status_change WHERE account_id = " + a.id());
        assertThat(admin.changeStatus(a.id(), org.openets.registry.AccountStatus.OPEN, org.openets.registry.AccountStatus.SUSPENDED, "late", who))
                .isEqualTo(org.openets.workflows.registry.spi.RegistryAdministration.StatusChange.STALE);
        assertThat(count("SELECT count(*) FROM account_status_change WHERE account_id = " + a.id())).isEqualTo(rows);
        // closing an account that holds units: nothing written
        assertThat(admin.changeStatus(b.id(), org.openets.registry.AccountStatus.OPEN, org.openets.registry.AccountStatus.CLOSED, "close", who))
                .isEqualTo(org.openets.workflows.registry.spi.RegistryAdministration.StatusChange.NOT_EMPTY);
        assertThat(count("SELECT count(*) FROM account WHERE status = 'CLOSED' AND id = " + b.id())).isZero();
        // on what it was checked against: changed, with its history row (old status, who) in the same transaction
        assertThat(admin.changeStatus(a.id(), org.openets.registry.AccountStatus.RESTRICTED, org.openets.registry.AccountStatus.SUSPENDED, "court order", who))
                .isEqualTo(org.openets.workflows.registry.spi.RegistryAdministration.StatusChange.CHANGED);
        assertThat(count("SELECT count(*) FROM account_status_change WHERE account_id = " + a.id()
                + " AND old_status = 'RESTRICTED' AND status = 'SUSPENDED' AND actor = 'admin-x' AND reason = 'court order'")).isEqualTo(1);
        // and the ledger's writer sees it
        assertThat(registry.propose(move("cs-1", a, b, 1))).isInstanceOfSatisfying(Outcome.Rejected.class,
                r -> assertThat(r.code()).isEqualTo(Rejection.ACCOUNT_NOT_OPEN));
    }

    @Test void referenceDataChangedOutsideTheWriterIsSeenAtOnce() {
        List<Account> e = funded(2, 100);
        Account a = e.get(0), b = e.get(1);
        assertThat(registry.propose(move("r-1", a, b, 1)).transaction().status()).isEqualTo(TransactionStatus.COMPLETED); // A cached as OPEN
        admin.setStatus(a.id(), org.openets.registry.AccountStatus.SUSPENDED, "test");
        assertThat(registry.propose(move("r-2", a, b, 1))).isInstanceOfSatisfying(Outcome.Rejected.class,
                r -> assertThat(r.code()).isEqualTo(Rejection.ACCOUNT_NOT_OPEN));
        admin.setStatus(a.id(), org.openets.registry.AccountStatus.OPEN, "test");
        assertThat(registry.propose(move("r-3", a, b, 1)).transaction().status()).isEqualTo(TransactionStatus.COMPLETED);
        // by hand in SQL, bypassing the platform: the triggers still move the reference generation
        sql("UPDATE account SET status = 'BLOCKED_NON_COMPLIANCE' WHERE id = " + a.id());
        assertThat(registry.propose(move("r-4", a, b, 1))).isInstanceOfSatisfying(Outcome.Rejected.class,
                r -> assertThat(r.code()).isEqualTo(Rejection.ACCOUNT_NOT_OPEN));
        sql("DELETE FROM representative WHERE account_id = " + b.id());
        sql("UPDATE account SET status = 'OPEN' WHERE id = " + a.id());
        assertThat(registry.propose(move("r-5", b, a, 1))).isInstanceOfSatisfying(Outcome.Rejected.class,
                r -> assertThat(r.code()).isEqualTo(Rejection.NOT_AUTHORISED));
    }

    /**
     * Holidays entered after the writer cached its calendar (the calendar page, API and CLI insert into calendar_day as
     * this does) count for the very next delayed transfer: its time moves past them.
     */
    @Test void holidaysEnteredAreCountedByTheNextDelayedTransfer() {
        List<Account> e = funded(2, 100);
        Account a = e.get(0), b = e.get(1);
        sql("UPDATE control_setting SET untrusted_delay_hours = 24 WHERE account_type = 'COVERED_ENTITY_HOLDING'");
        Transaction first = registry.propose(move("cal-1", a, b, 1)).transaction();
        assertThat(first.status()).isEqualTo(TransactionStatus.DELAYED);
        // the next fifteen days in the jurisdiction's time zone become holidays
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        StringBuilder days = new StringBuilder();
        for (int i = 1; i <= 15; i++) days.append(i == 1 ? "" : ", ").append("('CN', DATE '").append(today.plusDays(i)).append("', 'HOLIDAY', 'test')");
        sql("DELETE FROM calendar_day WHERE jurisdiction = 'CN' AND day > DATE '" + today + "' AND day <= DATE '" + today.plusDays(15) + "'");
        sql("INSERT INTO calendar_day (jurisdiction, day, kind, note) VALUES " + days);
        Transaction second = registry.propose(move("cal-2", a, b, 1)).transaction();
        assertThat(second.status()).isEqualTo(TransactionStatus.DELAYED);
        assertThat(second.executesAt()).as("past the fifteen holidays").isAfter(first.executesAt().plus(java.time.Duration.ofDays(10)))
                .isAfter(today.plusDays(15).atStartOfDay(java.time.ZoneId.of("Asia/Shanghai")).toInstant());
    }

    @Test void aTrustedAccountRemovedIsUntrustedForTheNextTransferOfAWriterThatHadTheListCached() {
        trustedRemovalTakesEffectAtOnce("tr");
    }

    @Test void aTrustedAccountRemovedIsUntrustedAlsoForAGroupWrittenInOneTrip() {
        overlapNever();
        trustedRemovalTakesEffectAtOnce("tr1");
    }

    /** Covered entities may transfer only to active trusted accounts; a removal reaches a writer that cached the list. */
    void trustedRemovalTakesEffectAtOnce(String p) {
        List<Account> e = funded(2, 100);
        Account a = e.get(0), b = e.get(1);
        sql("UPDATE control_setting SET untrusted_policy = 'REFUSE', trusted_activation_hours = 0 WHERE account_type = 'COVERED_ENTITY_HOLDING'");
        ActorId who = ActorId.of("rep-" + a.id());
        registry.trust(a.id(), b.id(), who);
        // the writer reads and caches A's list with this transfer (and B's entry in it)
        assertThat(registry.propose(move(p + "-1", a, b, 1)).transaction().status()).isEqualTo(TransactionStatus.COMPLETED);
        assertThat(registry.propose(move(p + "-2", a, b, 1)).transaction().status()).isEqualTo(TransactionStatus.COMPLETED);

        long generation = count("SELECT value FROM ledger_generation WHERE name = 'reference'");
        assertThat(admin.removeTrusted(a.id(), b.id(), ActorId.of("admin-x"))).isTrue();
        assertThat(count("SELECT value FROM ledger_generation WHERE name = 'reference'")).as("the reference generation moved").isGreaterThan(generation);
        assertThat(registry.propose(move(p + "-3", a, b, 1))).isInstanceOfSatisfying(Outcome.Rejected.class,
                r -> assertThat(r.code()).isEqualTo(Rejection.ACCOUNT_NOT_ON_TRUSTED_LIST));
        // the entry as it was is kept with who removed it; removing it again writes nothing
        assertThat(count("SELECT count(*) FROM trusted_account_removal WHERE account_id = " + a.id() + " AND trusted_account_id = " + b.id()
                + " AND added_by = '" + who.value() + "' AND removed_by = 'admin-x' AND removed_at IS NOT NULL")).isEqualTo(1);
        assertThat(admin.removeTrusted(a.id(), b.id(), ActorId.of("admin-x"))).isFalse();
        assertThat(count("SELECT count(*) FROM trusted_account_removal WHERE account_id = " + a.id())).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM trusted_account WHERE account_id = " + a.id())).isZero();

        // added again: a new entry, active after the activation delay like any other (here none)
        registry.trust(a.id(), b.id(), who);
        assertThat(registry.propose(move(p + "-4", a, b, 1)).transaction().status()).isEqualTo(TransactionStatus.COMPLETED);
        // removed by hand in SQL: the writer sees that too, and the entry is still kept (remover unknown)
        sql("DELETE FROM trusted_account WHERE account_id = " + a.id());
        assertThat(registry.propose(move(p + "-5", a, b, 1))).isInstanceOfSatisfying(Outcome.Rejected.class,
                r -> assertThat(r.code()).isEqualTo(Rejection.ACCOUNT_NOT_ON_TRUSTED_LIST));
        assertThat(count("SELECT count(*) FROM trusted_account_removal WHERE account_id = " + a.id() + " AND removed_by IS NULL")).isEqualTo(1);
        assertThat(count("SELECT quantity FROM holding WHERE account_id = " + b.id())).isEqualTo(103);
    }

    /**
     * Under 4-eyes an addition to the trusted list is pending, not trusted, until a second person approves it; the
     * approval, made through another writer (another instance of the server), reaches the writer that had the list cached.
     */
    @Test void aTrustedAdditionApprovedElsewhereIsTrustedForTheNextTransferOfAWriterThatHadTheListCached() {
        List<Account> e = funded(2, 100);
        Account a = e.get(0), b = e.get(1);
        sql("UPDATE control_setting SET four_eyes = true, untrusted_policy = 'REFUSE', trusted_activation_hours = 0, approval_expiry_hours = 72 "
                + "WHERE account_type = 'COVERED_ENTITY_HOLDING'");
        ActorId proposer = ActorId.of("init-" + a.id()), approver = ActorId.of("appr-" + a.id());
        org.openets.registry.TrustedAddition.Added added = registry.addTrusted(a.id(), b.id(), proposer);
        assertThat(added.isPending()).isTrue();
        assertThat(count("SELECT count(*) FROM trusted_account WHERE account_id = " + a.id())).as("pending is not on the list").isZero();
        // the writer reads and caches A's list (without B) with this transfer: pending is not trusted
        assertThat(registry.propose(move("ta-1", a, b, 1))).isInstanceOfSatisfying(Outcome.Rejected.class,
                r -> assertThat(r.code()).isEqualTo(Rejection.ACCOUNT_NOT_ON_TRUSTED_LIST));

        long generation = count("SELECT value FROM ledger_generation WHERE name = 'reference'");
        GroupCommitLedger other = new GroupCommitLedger(db.dataSource(), 256);
        try {
            RegistryService elsewhere = new RegistryService(other, Clock.systemUTC());
            assertThat(elsewhere.approveTrusted(a.id(), b.id(), approver)).isPresent();
            assertThat(elsewhere.approveTrusted(a.id(), b.id(), approver)).as("approved once").isEmpty();
        } finally {
            other.close();
        }
        assertThat(count("SELECT value FROM ledger_generation WHERE name = 'reference'")).as("the reference generation moved").isGreaterThan(generation);
        assertThat(registry.propose(move("ta-2", a, b, 1)).transaction().status()).isEqualTo(TransactionStatus.AWAITING_APPROVAL);
        assertThat(count("SELECT count(*) FROM trusted_account WHERE account_id = " + a.id() + " AND added_by = '" + proposer.value() + "'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM trusted_account_addition WHERE account_id = " + a.id() + " AND status = 'APPROVED' AND decided_by = '"
                + approver.value() + "'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM trusted_account_addition WHERE status = 'PENDING' AND account_id = " + a.id())).isZero();
    }

    /** A declined, withdrawn or lapsed addition is never trusted; each is kept with its outcome, none deleted. */
    @Test void aTrustedAdditionDeclinedWithdrawnOrLapsedIsKeptAndNeverTrusted() {
        List<Account> e = funded(2, 100);
        Account a = e.get(0), b = e.get(1);
        sql("UPDATE control_setting SET four_eyes = true, untrusted_policy = 'REFUSE', trusted_activation_hours = 0 WHERE account_type = 'COVERED_ENTITY_HOLDING'");
        ActorId proposer = ActorId.of("init-" + a.id()), other = ActorId.of("appr-" + a.id());
        registry.addTrusted(a.id(), b.id(), proposer);
        assertThat(registry.endTrusted(a.id(), b.id(), org.openets.registry.TrustedAddition.End.DECLINED, other, "unknown counterparty")).isTrue();
        registry.addTrusted(a.id(), b.id(), proposer);
        assertThat(registry.endTrusted(a.id(), b.id(), org.openets.registry.TrustedAddition.End.WITHDRAWN, proposer, "typo")).isTrue();
        registry.addTrusted(a.id(), b.id(), proposer);
        // its window closed (moved back by hand: the proposal and its window as of three days ago)
        sql("ALTER TABLE trusted_account_addition DISABLE TRIGGER trusted_account_addition_decided_once");
        sql("UPDATE trusted_account_addition SET proposed_at = now() - interval '3 days', expires_at = now() - interval '1 hour' WHERE account_id = "
                + a.id() + " AND status = 'PENDING'");
        sql("ALTER TABLE trusted_account_addition ENABLE TRIGGER trusted_account_addition_decided_once");
        assertThat(registry.approveTrusted(a.id(), b.id(), other)).isEmpty();
        // a new addition lapses the old one first
        assertThat(registry.addTrusted(a.id(), b.id(), proposer).isPending()).isTrue();
        assertThat(count("SELECT count(*) FROM trusted_account WHERE account_id = " + a.id())).isZero();
        assertThat(count("SELECT CASE WHEN string_agg(status, ',' ORDER BY id) = 'DECLINED,WITHDRAWN,EXPIRED,PENDING' THEN 1 ELSE 0 END "
                + "FROM trusted_account_addition WHERE account_id = " + a.id())).isEqualTo(1);
        assertThatThrownBy(() -> sql("DELETE FROM trusted_account_addition WHERE account_id = " + a.id())).hasMessageContaining("none is deleted");
    }

    @Test void aCommandIdFromBeforeARestartIsRecognisedNotReapplied() {
        List<Account> e = funded(2, 100);
        Account a = e.get(0), b = e.get(1);
        Outcome first = registry.propose(move("restart-1", a, b, 40));
        ledger.close();
        ledger = new GroupCommitLedger(db.dataSource(), 256); // a fresh writer knows no command ids: it assumes them new
        registry = new RegistryService(ledger, Clock.systemUTC());
        List<java.util.concurrent.Future<Outcome>> results = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            // the retry lands in one group with new commands: the group runs again, and only the retry changes its answer
            for (int i = 0; i < 8; i++) {
                int n = i;
                results.add(pool.submit(() -> registry.propose(n == 3 ? move("restart-1", a, b, 40) : move("new-" + n, b, a, 1))));
            }
        }
        Outcome again = registry.propose(move("restart-1", a, b, 40));
        assertThat(again.transaction().id()).isEqualTo(first.transaction().id());
        for (int i = 0; i < 8; i++) {
            Outcome o = results.get(i).resultNow();
            if (i == 3) assertThat(o.transaction().id()).isEqualTo(first.transaction().id());
            else assertThat(o.transaction().status()).isEqualTo(TransactionStatus.COMPLETED);
        }
        assertThat(registry.propose(move("restart-1", a, b, 41))).isInstanceOfSatisfying(Outcome.Rejected.class,
                r -> assertThat(r.code()).isEqualTo(Rejection.DUPLICATE_ID_DIFFERENT_BODY));
        assertThat(count("SELECT count(*) FROM registry_transaction WHERE command_id = 'restart-1'")).isEqualTo(1);
        assertThat(count("SELECT quantity FROM holding WHERE account_id = " + a.id())).isEqualTo(60 + 7);
        assertThat(new JournalVerifier(db.dataSource()).verify().problems()).isEmpty();
    }

    @Test void aHoldingChangedBehindTheWritersBackFailsTheFlushInsteadOfBeingOverwritten() {
        List<Account> e = funded(2, 100);
        Account a = e.get(0), b = e.get(1);
        assertThat(registry.propose(move("h-1", a, b, 10)).transaction().status()).isEqualTo(TransactionStatus.COMPLETED); // A's blocks cached
        // someone moves A's serial block by hand: the writer's cached block no longer matches the row
        sql("UPDATE unit_block SET account_id = " + b.id() + " WHERE account_id = " + a.id());
        assertThatThrownBy(() -> registry.propose(move("h-2", a, b, 10))).hasMessageContaining("does not hold what the ledger's cache believes");
        assertThat(count("SELECT count(*) FROM registry_transaction WHERE command_id = 'h-2'")).as("nothing half-written").isZero();
        // the failure dropped the cache: the writer now works from what the database holds
        assertThat(registry.propose(move("h-3", b, a, 5)).transaction().status()).isEqualTo(TransactionStatus.COMPLETED);
    }

    @Test void aBlockBelongsToAHoldingOnRecordAndAWholeBlockMovesToAnAccountThatHeldNothingOfItsSeries() {
        List<Account> e = funded(2, 100);
        Account a = e.get(0), b = e.get(1);
        Account c = admin.openAccount(CN, AccountType.COVERED_ENTITY_HOLDING, "发电企业 丙", "919");
        long series = count("SELECT series_id FROM holding WHERE account_id = " + a.id());
        // by hand, a block cannot go to an account with no holding of its series, nor a holding with blocks be deleted (V47)
        assertThatThrownBy(() -> sql("UPDATE unit_block SET account_id = " + c.id() + " WHERE account_id = " + a.id()))
                .hasMessageContaining("unit_block_holding_fkey");
        assertThatThrownBy(() -> sql("DELETE FROM holding WHERE account_id = " + a.id())).hasMessageContaining("unit_block_holding_fkey");
        // the ledger moves A's whole block to C: the block's row changes account and C's holding is written in the same statement
        assertThat(count("SELECT count(*) FROM unit_block WHERE account_id = " + a.id())).isEqualTo(1);
        assertThat(registry.propose(move("whole-1", a, c, 100)).transaction().status()).isEqualTo(TransactionStatus.COMPLETED);
        assertThat(count("SELECT count(*) FROM unit_block WHERE account_id = " + c.id() + " AND series_id = " + series)).isEqualTo(1);
        assertThat(count("SELECT quantity FROM holding WHERE account_id = " + c.id())).isEqualTo(100);
        assertThat(count("SELECT quantity FROM holding WHERE account_id = " + a.id())).isZero();
        assertThat(registry.propose(move("whole-2", b, c, 30)).transaction().status()).isEqualTo(TransactionStatus.COMPLETED);
        assertThat(new JournalVerifier(db.dataSource()).verify().problems()).isEmpty();
    }
    // ---------------------------------------------------------------------------------------- the pipeline (ADR 0005)

    /** A writer that overlaps every group with the one in flight, however short the work (by default only long work is). */
    void overlapAlways() {
        ledger.close();
        ledger = new GroupCommitLedger(db.dataSource(), 256, GroupCommitLedger.Overlap.ALWAYS);
        registry = new RegistryService(ledger, Clock.systemUTC());
    }

    /** A connection that holds the ledger's generation row, so a group's flush cannot finish until it lets go. */
    Connection holdTheLedger() throws SQLException {
        Connection c = db.dataSource().getConnection();
        c.setAutoCommit(false);
        c.createStatement().execute("SELECT value FROM ledger_generation WHERE name = 'ledger' FOR UPDATE");
        return c;
    }

    /** Waits until a ledger flush waits for a lock; returns its backend's pid. */
    long awaitFlushWaiting() throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            long pid = count("SELECT coalesce(max(pid), 0) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'SELECT ledger_write(%'");
            if (pid != 0) return pid;
            Thread.sleep(10);
        }
        throw new AssertionError("no ledger flush waits for the lock");
    }

    void awaitNextGroupsWorkDone() throws InterruptedException {
        for (int i = 0; i < 1000 && !ledger.waitingWithWorkDone(); i++) Thread.sleep(10);
        assertThat(ledger.waitingWithWorkDone()).as("the writer ran the next group's work while the group before was in flight").isTrue();
    }

    @Test void aGroupWhoseWorkOverlappedAFailedGroupRunsAgainOnWhatTheDatabaseHolds() throws Exception {
        overlapAlways();
        List<Account> e = funded(2, 100);
        Account a = e.get(0), b = e.get(1);
        assertThat(registry.propose(move("p-0", a, b, 1)).transaction().status()).isEqualTo(TransactionStatus.COMPLETED); // A = 99, cached
        long rerunBefore = ledger.pipelineCounts()[1];
        try (ExecutorService pool = Executors.newFixedThreadPool(2); Connection hold = holdTheLedger()) {
            Future<Outcome> first = pool.submit(() -> registry.propose(move("p-1", a, b, 10)));
            long pid = awaitFlushWaiting();
            // the second group's work runs on the cache as the first group left it (A = 89)
            Future<Outcome> second = pool.submit(() -> registry.propose(move("p-2", a, b, 89)));
            awaitNextGroupsWorkDone();
            // the first group's flush dies: it never commits, and the second group's work was built on it
            assertThat(count("SELECT count(*) FROM (SELECT pg_terminate_backend(" + pid + ")) x")).isEqualTo(1);
            hold.rollback();
            assertThatThrownBy(first::get).hasRootCauseInstanceOf(SQLException.class);
            // run again on what the database holds (A = 99), the second transfer completes by itself
            assertThat(second.get().transaction().status()).isEqualTo(TransactionStatus.COMPLETED);
        }
        assertThat(ledger.pipelineCounts()[1]).isGreaterThan(rerunBefore);
        assertThat(count("SELECT count(*) FROM registry_transaction WHERE command_id = 'p-1'")).as("nothing of the failed group").isZero();
        assertThat(count("SELECT quantity FROM holding WHERE account_id = " + a.id())).isEqualTo(10);
        // the caller of the failed group retries under the same id: it completes, once
        assertThat(registry.propose(move("p-1", a, b, 10)).transaction().status()).isEqualTo(TransactionStatus.COMPLETED);
        assertThat(count("SELECT quantity FROM holding WHERE account_id = " + a.id())).isZero();
        assertThat(count("SELECT sum(quantity) FROM holding WHERE account_id = " + b.id())).isEqualTo(200);
        assertThat(new JournalVerifier(db.dataSource()).verify().problems()).isEmpty();
    }

    @Test void aGroupWhoseWorkSawReferenceDataThatChangedBeforeItsCommitRunsAgain() throws Exception {
        overlapAlways();
        List<Account> e = funded(2, 100);
        Account a = e.get(0), b = e.get(1);
        assertThat(registry.propose(move("q-0", a, b, 1)).transaction().status()).isEqualTo(TransactionStatus.COMPLETED); // A cached as OPEN
        try (ExecutorService pool = Executors.newFixedThreadPool(2); Connection hold = holdTheLedger()) {
            Future<Outcome> first = pool.submit(() -> registry.propose(move("q-1", a, b, 10)));
            awaitFlushWaiting();
            Future<Outcome> second = pool.submit(() -> registry.propose(move("q-2", a, b, 5)));
            awaitNextGroupsWorkDone(); // the second transfer passed its checks with A open
            admin.setStatus(a.id(), org.openets.registry.AccountStatus.SUSPENDED, "test"); // committed before the second group takes the lock
            hold.rollback();
            assertThat(first.get().transaction().status()).isEqualTo(TransactionStatus.COMPLETED);
            assertThat(second.get()).isInstanceOfSatisfying(Outcome.Rejected.class, r -> assertThat(r.code()).isEqualTo(Rejection.ACCOUNT_NOT_OPEN));
        }
        assertThat(count("SELECT quantity FROM holding WHERE account_id = " + a.id())).isEqualTo(89);
        assertThat(count("SELECT count(*) FROM registry_transaction WHERE command_id = 'q-2' AND status = 'COMPLETED'")).isZero();
        assertThat(new JournalVerifier(db.dataSource()).verify().problems()).isEmpty();
    }

    @Test void aGroupSeesTheTransactionsOfTheGroupStillInFlight() throws Exception {
        overlapAlways();
        List<Account> e = funded(2, 100);
        Account a = e.get(0), b = e.get(1);
        sql("UPDATE control_setting SET four_eyes = true WHERE account_type = 'COVERED_ENTITY_HOLDING'");
        sql("INSERT INTO representative (account_id, actor, role) VALUES (" + a.id() + ", 'approver-a', 'APPROVER')");
        assertThat(registry.propose(move("s-0", a, b, 1)).transaction().status()).isEqualTo(TransactionStatus.AWAITING_APPROVAL);
        long rerunBefore = ledger.pipelineCounts()[1];
        try (ExecutorService pool = Executors.newFixedThreadPool(2); Connection hold = holdTheLedger()) {
            Future<Outcome> proposed = pool.submit(() -> registry.propose(move("s-1", a, b, 10)));
            awaitFlushWaiting();
            // in flight, not in the database: the next group finds it by command id (a retry) and by id (its approval)
            Future<Outcome> retried = pool.submit(() -> registry.propose(move("s-1", a, b, 10)));
            awaitNextGroupsWorkDone();
            hold.rollback();
            Outcome p = proposed.get();
            assertThat(p.transaction().status()).isEqualTo(TransactionStatus.AWAITING_APPROVAL);
            assertThat(retried.get().transaction().id()).isEqualTo(p.transaction().id());
        }
        assertThat(ledger.pipelineCounts()[1]).as("found without running a group again").isEqualTo(rerunBefore);
        assertThat(count("SELECT count(*) FROM registry_transaction WHERE command_id = 's-1'")).isEqualTo(1);
        assertThat(new JournalVerifier(db.dataSource()).verify().problems()).isEmpty();
    }

    // ---------------------------------------------------------------------------------------- one round trip (ADR 0006)

    /** A writer that never overlaps groups, so every group on a current cache is written in one trip. */
    void overlapNever() {
        ledger.close();
        ledger = new GroupCommitLedger(db.dataSource(), 256, GroupCommitLedger.Overlap.NEVER);
        registry = new RegistryService(ledger, Clock.systemUTC());
    }

    @Test void aGroupWrittenInOneTripIsCheckedUnderTheLockAgainstEverythingCommittedSinceTheWritersLastCommit() {
        overlapNever();
        List<Account> e = funded(3, 100);
        Account a = e.get(0), b = e.get(1), c = e.get(2);
        assertThat(registry.propose(move("o-0", a, b, 1)).transaction().status()).isEqualTo(TransactionStatus.COMPLETED);
        long[] before = ledger.pipelineCounts();
        assertThat(registry.propose(move("o-1", a, b, 1)).transaction().status()).isEqualTo(TransactionStatus.COMPLETED);
        assertThat(ledger.pipelineCounts()[2]).as("a group on a current cache writes in one trip").isEqualTo(before[2] + 1);
        // reference data changed by hand since the writer's last commit: the one-trip write finds it, writes nothing, and the
        // group runs again on what the database holds
        sql("UPDATE account SET status = 'SUSPENDED' WHERE id = " + a.id());
        assertThat(registry.propose(move("o-2", a, b, 1))).isInstanceOfSatisfying(Outcome.Rejected.class,
                r -> assertThat(r.code()).isEqualTo(Rejection.ACCOUNT_NOT_OPEN));
        assertThat(ledger.pipelineCounts()[1]).as("run again").isEqualTo(before[1] + 1);
        sql("UPDATE account SET status = 'OPEN' WHERE id = " + a.id());
        assertThat(registry.propose(move("o-3", a, b, 1)).transaction().status()).isEqualTo(TransactionStatus.COMPLETED); // A = 97, cached
        assertThat(ledger.pipelineCounts()[1]).as("run again: the account was opened again by hand").isEqualTo(before[1] + 2);
        // another writer's commit since this writer's last: the same
        try (GroupCommitLedger other = new GroupCommitLedger(db.dataSource(), 16)) {
            assertThat(new RegistryService(other, Clock.systemUTC()).propose(move("o-4", a, c, 90)).transaction().status()).isEqualTo(TransactionStatus.COMPLETED);
        }
        assertThat(registry.propose(move("o-5", a, b, 50))).isInstanceOfSatisfying(Outcome.Rejected.class,
                r -> assertThat(r.code()).isEqualTo(Rejection.INSUFFICIENT_HOLDINGS));
        assertThat(ledger.pipelineCounts()[1]).isEqualTo(before[1] + 3);
        assertThat(count("SELECT quantity FROM holding WHERE account_id = " + a.id())).isEqualTo(7);
        assertThat(count("SELECT count(*) FROM registry_transaction WHERE command_id IN ('o-2', 'o-5') AND status = 'COMPLETED'")).isZero();
        assertThat(new JournalVerifier(db.dataSource()).verify().problems()).isEmpty();
    }

    @Test void aOneTripWriteRefusedByTheServerWritesNothingAndARetryCompletesOnce() throws Exception {
        overlapNever();
        List<Account> e = funded(2, 100);
        Account a = e.get(0), b = e.get(1);
        assertThat(registry.propose(move("u-0", a, b, 1)).transaction().status()).isEqualTo(TransactionStatus.COMPLETED);
        long oneTrip = ledger.pipelineCounts()[2];
        try (ExecutorService pool = Executors.newFixedThreadPool(1); Connection hold = holdTheLedger()) {
            Future<Outcome> first = pool.submit(() -> registry.propose(move("u-1", a, b, 10)));
            long pid = awaitFlushWaiting();
            // the backend is terminated inside the call: the server says so, and the call's transaction is rolled back
            assertThat(count("SELECT count(*) FROM (SELECT pg_terminate_backend(" + pid + ")) x")).isEqualTo(1);
            hold.rollback();
            assertThatThrownBy(first::get).hasMessageContaining("terminating connection").hasRootCauseInstanceOf(SQLException.class);
        }
        assertThat(ledger.pipelineCounts()[2]).as("no one-trip write completed").isEqualTo(oneTrip);
        assertThat(count("SELECT count(*) FROM registry_transaction WHERE command_id = 'u-1'")).as("nothing written").isZero();
        // the caller retries under the same id: it completes, once
        assertThat(registry.propose(move("u-1", a, b, 10)).transaction().status()).isEqualTo(TransactionStatus.COMPLETED);
        assertThat(registry.propose(move("u-1", a, b, 10)).transaction().status()).isEqualTo(TransactionStatus.COMPLETED);
        assertThat(count("SELECT count(*) FROM registry_transaction WHERE command_id = 'u-1'")).isEqualTo(1);
        assertThat(count("SELECT quantity FROM holding WHERE account_id = " + a.id())).isEqualTo(89);
        assertThat(new JournalVerifier(db.dataSource()).verify().problems()).isEmpty();
    }

    @Test void aOneTripWriteWhoseAnswerIsLostIsReportedAsUnknownAndItsRetryReturnsWhatCommitted() throws Exception {
        // a writer whose connections give up waiting for an answer after one second (pgjdbc's socketTimeout)
        ledger.close();
        try (Database impatient = Database.open(db.url() + "?socketTimeout=1", "postgres", "", 4)) {
            ledger = new GroupCommitLedger(impatient.dataSource(), 256, GroupCommitLedger.Overlap.NEVER);
            registry = new RegistryService(ledger, Clock.systemUTC());
            List<Account> e = funded(2, 100);
            Account a = e.get(0), b = e.get(1);
            assertThat(registry.propose(move("v-0", a, b, 1)).transaction().status()).isEqualTo(TransactionStatus.COMPLETED);
            long oneTrip = ledger.pipelineCounts()[2];
            try (ExecutorService pool = Executors.newFixedThreadPool(1); Connection hold = holdTheLedger()) {
                Future<Outcome> first = pool.submit(() -> registry.propose(move("v-1", a, b, 10)));
                awaitFlushWaiting();
                // the writer stops waiting while the call still waits for the lock: it cannot know whether the call will commit
                assertThatThrownBy(() -> first.get(10, java.util.concurrent.TimeUnit.SECONDS)).hasMessageContaining("ledger commit failed");
                assertThat(count("SELECT count(*) FROM registry_transaction WHERE command_id = 'v-1'")).isZero();
                hold.rollback(); // the call goes on without its client, and commits
            }
            for (int i = 0; i < 500 && count("SELECT count(*) FROM registry_transaction WHERE command_id = 'v-1'") == 0; i++) Thread.sleep(10);
            assertThat(count("SELECT count(*) FROM registry_transaction WHERE command_id = 'v-1' AND status = 'COMPLETED'")).isEqualTo(1);
            assertThat(ledger.pipelineCounts()[2]).as("the writer did not count it as written").isEqualTo(oneTrip);
            // the caller retries under the same id: the writer finds what committed and returns it, nothing moves twice
            Outcome retry = registry.propose(move("v-1", a, b, 10));
            assertThat(retry.transaction().status()).isEqualTo(TransactionStatus.COMPLETED);
            assertThat(retry.transaction().id()).isEqualTo(count("SELECT id FROM registry_transaction WHERE command_id = 'v-1'"));
            assertThat(count("SELECT count(*) FROM registry_transaction WHERE command_id = 'v-1'")).isEqualTo(1);
            assertThat(count("SELECT quantity FROM holding WHERE account_id = " + a.id())).isEqualTo(89);
            assertThat(registry.propose(move("v-2", a, b, 89)).transaction().status()).isEqualTo(TransactionStatus.COMPLETED);
            ledger.close();
        }
        ledger = new GroupCommitLedger(db.dataSource(), 256); // for close()
        assertThat(count("SELECT sum(quantity) FROM holding WHERE account_id IN (SELECT id FROM account WHERE type = 'COVERED_ENTITY_HOLDING')")).isEqualTo(200);
        assertThat(new JournalVerifier(db.dataSource()).verify().problems()).isEmpty();
    }

    @Test void aDirectWriteOnTheOneTripPathTakesTheLedgersLockBeforeAnyRowLock() throws Exception {
        overlapNever();
        List<Account> e = funded(2, 100);
        Account a = e.get(0), b = e.get(1);
        sql("UPDATE control_setting SET four_eyes = true WHERE account_type = 'COVERED_ENTITY_HOLDING'");
        sql("INSERT INTO representative (account_id, actor, role) VALUES (" + a.id() + ", 'approver-a', 'APPROVER')");
        Outcome proposed = registry.propose(move("d-1", a, b, 10));
        assertThat(proposed.transaction().status()).isEqualTo(TransactionStatus.AWAITING_APPROVAL);
        // every ledger writer takes the ledger's lock before any row lock; someone else holds it now
        try (ExecutorService pool = Executors.newFixedThreadPool(1); Connection holder = db.dataSource().getConnection()) {
            holder.createStatement().execute("SELECT pg_advisory_lock(" + GroupCommitLedger.LEDGER_LOCK + ")");
            Future<Outcome> declined;
            try {
                // a decline writes its reason at once (a direct write): it must wait for the lock before writing it
                declined = pool.submit(() -> registry.decline(proposed.transaction().id(), ActorId.of("approver-a"), "wrong account"));
                long pid = 0;
                for (int i = 0; i < 1000 && pid == 0; i++) {
                    pid = count("SELECT coalesce(max(pid), 0) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND wait_event = 'advisory'");
                    if (pid == 0) Thread.sleep(10);
                }
                assertThat(pid).as("the writer waits for the ledger's lock").isNotZero();
                assertThat(count("SELECT count(*) FROM pg_locks WHERE pid = " + pid + " AND mode = 'RowExclusiveLock'"))
                        .as("having written nothing while it waits").isZero();
            } finally {
                holder.createStatement().execute("SELECT pg_advisory_unlock(" + GroupCommitLedger.LEDGER_LOCK + ")");
            }
            assertThat(declined.get(10, java.util.concurrent.TimeUnit.SECONDS)).isInstanceOfSatisfying(Outcome.Rejected.class,
                    r -> assertThat(r.code()).isEqualTo(Rejection.DECLINED));
        }
        assertThat(count("SELECT count(*) FROM transaction_decline WHERE reason = 'wrong account' AND transaction_id = " + proposed.transaction().id())).isEqualTo(1);
    }

    @Test void aGroupWhoseJournalWouldNotContinueTheDatabasesChainWritesNothing() {
        List<Account> e = funded(2, 100);
        Account a = e.get(0), b = e.get(1);
        assertThat(registry.propose(move("j-1", a, b, 1)).transaction().status()).isEqualTo(TransactionStatus.COMPLETED); // the writer knows the head
        // the database's journal no longer ends where the writer believes (its last entry removed behind its back)
        long head = count("SELECT max(seq) FROM journal");
        sql("DELETE FROM journal WHERE seq = " + head);
        assertThatThrownBy(() -> registry.propose(move("j-2", a, b, 1))).hasMessageContaining("the journal ends at entry " + (head - 1));
        assertThat(count("SELECT count(*) FROM registry_transaction WHERE command_id = 'j-2'")).as("nothing written").isZero();
        assertThat(count("SELECT max(seq) FROM journal")).as("no gap, no fork").isEqualTo(head - 1);
    }

    @Test void aTransferTakesTheSmallestBlockThatHoldsItAsTheDomainModelDoes() {
        List<Account> e = funded(3, 100);
        Account a = e.get(0), b = e.get(1), c = e.get(2);
        // the allocation batch takes the highest serials of the allocation account's block first: A 201..300, B 101..200, C 1..100
        assertThat(registry.propose(move("f-1", a, b, 80)).transaction().ranges()).as("the highest serials of the block")
                .containsExactly(new SerialRange(221, 300));                                                                     // A 201..220; B 101..200, 221..300
        assertThat(registry.propose(move("f-2", b, a, 30)).transaction().ranges()).as("B's smallest block that holds 30: 221..300")
                .containsExactly(new SerialRange(271, 300));                                                                     // A 201..220, 271..300
        assertThat(registry.propose(move("f-3", c, a, 60)).transaction().ranges()).containsExactly(new SerialRange(41, 100));    // A 41..100, 201..220, 271..300
        assertThat(registry.propose(move("f-4", a, c, 15)).transaction().ranges()).as("A's smallest block that holds 15 is 201..220 (20), not 271..300 (30)")
                .containsExactly(new SerialRange(206, 220));                                                                     // A 41..100, 201..205, 271..300
        assertThat(registry.propose(move("f-5", a, c, 40)).transaction().ranges()).as("only 41..100 holds 40")
                .containsExactly(new SerialRange(61, 100));                                                                      // A 41..60, 201..205, 271..300
        assertThat(registry.propose(move("f-6", a, c, 50)).transaction().ranges()).as("no block holds 50: lowest serials first, the last one split")
                .containsExactly(new SerialRange(41, 60), new SerialRange(201, 205), new SerialRange(271, 295));
        assertThat(new JournalVerifier(db.dataSource()).verify().problems()).isEmpty();
    }

    /**
     * The serial trace names exactly the completed transactions whose ranges hold the serial (checked against every
     * transaction of the series, read here in full), and finds them through the index of spans, not by reading the series.
     */
    @Test void theSerialTraceFindsTheTransactionsThatMovedASerialThroughTheIndexOfSpans() throws SQLException {
        List<Account> e = funded(6, 500);
        // another series with the same serial numbers moved about: the trace of one series never reads the other's
        SeriesKey cea2025 = new SeriesKey(CEA, Vintage.of(2025), null);
        admin.setIssuanceLimit("CEA", 2025, 10_000, "test cap");
        Outcome other = registry.propose(TransactionRequest.issue(CommandId.of("issue-2025"), ADMIN, cea2025, 3_000, null));
        registry.approve(other.transaction().id(), ADMIN2);
        for (int i = 0; i < 30; i++)
            assertThat(registry.approve(registry.propose(TransactionRequest.transfer(CommandId.of("o-" + i), ADMIN, gov.get(AccountType.TOTAL_QUANTITY).id(),
                    gov.get(AccountType.ALLOCATION).id(), cea2025, 1 + i)).transaction().id(), ADMIN2).transaction().status()).isEqualTo(TransactionStatus.COMPLETED);
        SplittableRandom rnd = new SplittableRandom(7);
        int completed = 0;
        for (int i = 0; i < 400; i++) {
            Account from = e.get(rnd.nextInt(6)), to = e.get(rnd.nextInt(6));
            if (from.equals(to)) continue;
            Outcome o = registry.propose(move("t-" + i, from, to, 1 + rnd.nextInt(120)));
            if (o.transaction().status() == TransactionStatus.COMPLETED) completed++;
        }
        assertThat(completed).isGreaterThan(200);
        long series = count("SELECT id FROM unit_series WHERE unit_type = 'CEA' AND vintage = 2024");
        List<Transaction> all = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection()) {
            all.addAll(Sql.list(c, "SELECT " + PgLedgerSession.TX_COLUMNS + " FROM registry_transaction WHERE series_id = ? AND status = 'COMPLETED' "
                    + "ORDER BY completed_at, id", PgLedgerSession::transaction, series));
        }
        assertThat(all.stream().filter(t -> t.ranges().size() > 1)).as("some transactions moved more than one range").isNotEmpty();
        PgRegistryReadModel read = new PgRegistryReadModel(db.dataSource());
        int withGaps = 0;
        for (long serial = 1; serial <= 3_000; serial += 7) {
            long s = serial;
            List<Long> expected = all.stream().filter(t -> t.ranges().stream().anyMatch(r -> r.contains(s))).map(Transaction::id).toList();
            assertThat(read.trace(series, serial)).as("serial " + serial).extracting(x -> x.transactionId()).containsExactlyElementsOf(expected);
            withGaps += (int) all.stream().filter(t -> t.ranges().size() > 1 && t.ranges().getFirst().first() < s && t.ranges().getLast().last() > s
                    && t.ranges().stream().noneMatch(r -> r.contains(s))).count();
        }
        assertThat(withGaps).as("serials between a transaction's ranges were asked for, and left out").isPositive();

        sql("ANALYZE registry_transaction");
        try (Connection c = db.dataSource().getConnection();
             java.sql.PreparedStatement st = c.prepareStatement("EXPLAIN (ANALYZE, FORMAT JSON) " + PgRegistryReadModel.TRACE)) {
            st.setLong(1, series);
            st.setLong(2, 5);
            st.setLong(3, series);
            try (java.sql.ResultSet rs = st.executeQuery()) {
                rs.next();
                String plan = rs.getString(1);
                assertThat(plan).contains("registry_transaction_serials").doesNotContain("Seq Scan");
                // the index hands over only this series' transactions: nothing of the other series is read and dropped
                java.util.regex.Matcher removed = java.util.regex.Pattern.compile("\"Rows Removed by Filter\": (\\d+)").matcher(plan);
                while (removed.find()) assertThat(Long.parseLong(removed.group(1))).as(plan).isZero();
            }
        }
    }

    /**
     * A single transaction and a batch never share a command id, also when the writer takes an id it has not seen to be
     * new (a fresh writer, or another writer's id): the database's index refuses the second use and the group runs again
     * asking, so the answer is DUPLICATE_ID_DIFFERENT_BODY and nothing is written twice.
     */
    @Test void aCommandIdNamesEitherOneTransactionOrOneBatchAlsoForAWriterThatHasNotSeenIt() {
        List<Account> e = funded(2, 100);
        Account a = e.get(0), b = e.get(1);
        assertThat(registry.propose(move("same-1", a, b, 1)).transaction().status()).isEqualTo(TransactionStatus.COMPLETED);
        assertThat(registry.proposeBatch(new BatchRequest(CommandId.of("same-2"), ActorId.of("rep-" + a.id()), List.of(move("l", a, b, 2)))).isRejected()).isFalse();
        try (GroupCommitLedger other = new GroupCommitLedger(db.dataSource(), 16)) {
            RegistryService fresh = new RegistryService(other, Clock.systemUTC());
            Outcome.Batch asBatch = fresh.proposeBatch(new BatchRequest(CommandId.of("same-1"), ActorId.of("rep-" + a.id()), List.of(move("l", a, b, 3))));
            assertThat(asBatch.code()).isEqualTo(Rejection.DUPLICATE_ID_DIFFERENT_BODY);
            Outcome asSingle = fresh.propose(move("same-2", a, b, 4));
            assertThat(asSingle).isInstanceOfSatisfying(Outcome.Rejected.class, r -> assertThat(r.code()).isEqualTo(Rejection.DUPLICATE_ID_DIFFERENT_BODY));
        }
        assertThat(count("SELECT coalesce(sum(quantity), 0) FROM registry_transaction WHERE status = 'COMPLETED' AND (command_id LIKE 'same-%')")).isEqualTo(3);
        assertThat(count("SELECT quantity FROM holding h JOIN unit_series s ON s.id = h.series_id WHERE h.account_id = " + b.id())).isEqualTo(103);
        // and the database refuses it even from a writer that does not ask
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> sql("INSERT INTO registry_transaction (id, command_id, body_hash, type, status, initiator, quantity, proposed_at) "
                + "VALUES (nextval('registry_transaction_id'), 'same-2', 'x', 'TRANSFER', 'REJECTED', 'x', 1, now())"))).hasMessageContaining("registry_transaction_command_id_or_batch");
        assertThat(new JournalVerifier(db.dataSource()).verify().problems()).isEmpty();
    }

    /** A series whose first issuance was declined takes the attributes of the next one, in the database too, for every writer. */
    @Test void aSeriesWithNothingIssuedTakesTheAttributesOfTheNextIssuance() {
        UnitType ccer = new UnitType("CCER", UnitKind.OFFSET, CN);
        SeriesKey p1 = new SeriesKey(ccer, Vintage.of(2020), "P1");
        org.openets.registry.OffsetAttributes wrong = new org.openets.registry.OffsetAttributes("P1", "forestry", "GD",
                java.time.LocalDate.of(2020, 1, 1), java.time.LocalDate.of(2020, 12, 31), false);
        org.openets.registry.OffsetAttributes right = new org.openets.registry.OffsetAttributes("P1", "forestry", "FJ",
                java.time.LocalDate.of(2020, 1, 1), java.time.LocalDate.of(2020, 12, 31), false);
        Outcome first = registry.propose(TransactionRequest.issue(CommandId.of("p1-wrong"), ADMIN, p1, 100, wrong));
        assertThat(first.transaction().status()).isEqualTo(TransactionStatus.AWAITING_APPROVAL);
        assertThat(registry.decline(first.transaction().id(), ADMIN2, "origin region is FJ").transaction().status()).isEqualTo(TransactionStatus.REJECTED);
        Outcome second = registry.propose(TransactionRequest.issue(CommandId.of("p1-right"), ADMIN, p1, 100, right));
        assertThat(second.transaction().status()).isEqualTo(TransactionStatus.AWAITING_APPROVAL);
        try (Connection c = db.dataSource().getConnection()) {
            assertThat(Sql.one(c, "SELECT origin_region FROM unit_series WHERE unit_type = 'CCER' AND project_id = 'P1'", rs -> rs.getString(1))).contains("FJ");
            // what the series claimed before is kept, not edited away
            assertThat(Sql.list(c, "SELECT h.origin_region || ' ' || h.project_type || ' ' || h.reduction_to FROM unit_series_attributes_superseded h "
                    + "JOIN unit_series s ON s.id = h.series_id WHERE s.unit_type = 'CCER' AND s.project_id = 'P1' ORDER BY h.id", rs -> rs.getString(1)))
                    .containsExactly("GD forestry 2020-12-31");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        // another writer approves it, and sees what the series now says
        try (GroupCommitLedger other = new GroupCommitLedger(db.dataSource(), 16)) {
            Outcome done = new RegistryService(other, Clock.systemUTC()).approve(second.transaction().id(), ADMIN2);
            assertThat(done.transaction().status()).isEqualTo(TransactionStatus.COMPLETED);
        }
        assertThat(registry.propose(TransactionRequest.issue(CommandId.of("p1-again"), ADMIN, p1, 1, wrong))).isInstanceOfSatisfying(Outcome.Rejected.class,
                r -> assertThat(r.code()).isEqualTo(Rejection.INVALID_REQUEST));
        // issuing moved the series' next serial; that is not an attribute change
        try (Connection c = db.dataSource().getConnection()) {
            assertThat(Sql.longValue(c, "SELECT count(*) FROM unit_series_attributes_superseded")).isEqualTo(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        assertThat(new JournalVerifier(db.dataSource()).verify().problems()).isEmpty();
    }

    /** Issuances awaiting approval count against the cap when the next one is proposed, in this writer and another. */
    @Test void issuancesAwaitingApprovalCountAgainstTheCapAtProposal() {
        Outcome first = registry.propose(TransactionRequest.issue(CommandId.of("cap-1"), ADMIN, CEA_2024, 6_000_000, null));
        assertThat(first.transaction().status()).isEqualTo(TransactionStatus.AWAITING_APPROVAL);
        assertThat(registry.propose(TransactionRequest.issue(CommandId.of("cap-2"), ADMIN, CEA_2024, 5_000_000, null)))
                .isInstanceOfSatisfying(Outcome.Rejected.class, r -> assertThat(r.detail()).contains("6,000,000 t awaiting approval"));
        try (GroupCommitLedger other = new GroupCommitLedger(db.dataSource(), 16)) {
            assertThat(new RegistryService(other, Clock.systemUTC()).propose(TransactionRequest.issue(CommandId.of("cap-3"), ADMIN, CEA_2024, 4_000_001, null)))
                    .isInstanceOfSatisfying(Outcome.Rejected.class, r -> assertThat(r.code()).isEqualTo(Rejection.EXCEEDS_CAP));
            assertThat(new RegistryService(other, Clock.systemUTC()).propose(TransactionRequest.issue(CommandId.of("cap-4"), ADMIN, CEA_2024, 4_000_000, null))
                    .transaction().status()).isEqualTo(TransactionStatus.AWAITING_APPROVAL);
        }
        assertThat(registry.approve(first.transaction().id(), ADMIN2).transaction().status()).isEqualTo(TransactionStatus.COMPLETED);
        assertThat(count("SELECT coalesce(sum(next_serial - 1), 0) FROM unit_series")).isEqualTo(6_000_000);
    }

    /**
     * A cap set directly (the operator's {@code openets caps set}, acting as an administrator): never below what is issued
     * plus what awaits approval (nothing written), every version kept with who, on which source and by which route, and
     * the ledger's writer counts against the new value at once.
     */
    @Test void anAdministratorRaisesACapWithItsSourceTheHistoryKeepsEveryVersionAndTheLedgerSeesItAtOnce() {
        SeriesKey cea2030 = new SeriesKey(CEA, Vintage.of(2030), null);
        PgRegistryReadModel read = new PgRegistryReadModel(db.dataSource());
        assertThat(registry.propose(TransactionRequest.issue(CommandId.of("c30-0"), ADMIN, cea2030, 1, null)))
                .isInstanceOfSatisfying(Outcome.Rejected.class, r -> assertThat(r.code()).isEqualTo(Rejection.EXCEEDS_CAP));
        var set = admin.changeIssuanceLimit("CEA", 2030, 5_000, "生态环境部公告 2030-1", ADMIN);
        assertThat(set.result()).isEqualTo(PgRegistryAdministration.CapChange.Result.SET);
        assertThat(set.previous()).isNull();
        assertThat(registry.approve(registry.propose(TransactionRequest.issue(CommandId.of("c30-1"), ADMIN, cea2030, 3_000, null)).transaction().id(), ADMIN2)
                .transaction().status()).isEqualTo(TransactionStatus.COMPLETED);
        Outcome waiting = registry.propose(TransactionRequest.issue(CommandId.of("c30-2"), ADMIN, cea2030, 1_500, null));
        assertThat(waiting.transaction().status()).isEqualTo(TransactionStatus.AWAITING_APPROVAL);
        // beyond the cap as it is: refused, and the writer now holds the cap of 5,000 in its cache
        assertThat(registry.propose(TransactionRequest.issue(CommandId.of("c30-3"), ADMIN, cea2030, 2_000, null)))
                .isInstanceOfSatisfying(Outcome.Rejected.class, r -> assertThat(r.code()).isEqualTo(Rejection.EXCEEDS_CAP));

        // below issued (3,000) + awaiting approval (1,500): refused, nothing written
        var below = admin.changeIssuanceLimit("CEA", 2030, 4_499, "notice 2", ADMIN2);
        assertThat(below.result()).isEqualTo(PgRegistryAdministration.CapChange.Result.BELOW_ISSUED);
        assertThat(below.issued()).isEqualTo(3_000);
        assertThat(below.pending()).isEqualTo(1_500);
        assertThat(count("SELECT quantity FROM issuance_limit WHERE unit_type = 'CEA' AND vintage = 2030")).isEqualTo(5_000);
        assertThat(read.capChanges("CEA", 2030, 10)).hasSize(1);
        assertThat(admin.changeIssuanceLimit("NOPE", 2030, 10, "x", ADMIN).result()).isEqualTo(PgRegistryAdministration.CapChange.Result.UNKNOWN_UNIT_TYPE);

        // exactly issued + pending is allowed; then raised, and the issuance beyond the old cap goes through the same writer
        assertThat(admin.changeIssuanceLimit("CEA", 2030, 4_500, "notice 2", ADMIN2).result()).isEqualTo(PgRegistryAdministration.CapChange.Result.SET);
        assertThat(admin.changeIssuanceLimit("CEA", 2030, 7_000, "notice 3", ADMIN).previous()).isEqualTo(4_500L);
        Outcome beyond = registry.propose(TransactionRequest.issue(CommandId.of("c30-4"), ADMIN, cea2030, 2_000, null));
        assertThat(beyond.transaction().status()).as("%s", beyond).isEqualTo(TransactionStatus.AWAITING_APPROVAL);
        assertThat(registry.approve(beyond.transaction().id(), ADMIN2).transaction().status()).isEqualTo(TransactionStatus.COMPLETED);
        assertThat(registry.approve(waiting.transaction().id(), ADMIN2).transaction().status()).isEqualTo(TransactionStatus.COMPLETED);
        assertThat(count("SELECT coalesce(sum(next_serial - 1), 0) FROM unit_series WHERE vintage = 2030")).isEqualTo(6_500);

        var history = read.capChanges("CEA", 2030, 10);
        assertThat(history).extracting(h -> h.quantity()).containsExactly(7_000L, 4_500L, 5_000L);
        assertThat(history).extracting(h -> h.previous()).containsExactly(4_500L, 5_000L, null);
        assertThat(history).extracting(h -> h.setBy()).containsExactly("admin-cn", "admin2-cn", "admin-cn");
        assertThat(history).extracting(h -> h.source()).containsExactly("notice 3", "notice 2", "生态环境部公告 2030-1");
        assertThat(history).extracting(h -> h.route()).containsOnly("OPERATOR");
        assertThat(history).extracting(h -> h.proposedBy()).containsOnlyNulls();
        assertThat(read.caps()).filteredOn(c -> c.vintage() == 2030).singleElement()
                .satisfies(c -> assertThat(c.cap()).isEqualTo(7_000), c -> assertThat(c.issued()).isEqualTo(6_500), c -> assertThat(c.source()).isEqualTo("notice 3"));
        // the platform's own caps are versions too (setBy null); and a version is never edited
        assertThat(read.capChanges(null, null, 100)).anySatisfy(h -> {
            assertThat(h.vintage()).isEqualTo(2024);
            assertThat(h.setBy()).isNull();
            assertThat(h.route()).isEqualTo("PLATFORM");
        });
        assertThatThrownBy(() -> sql("UPDATE issuance_limit_change SET quantity = 1")).hasStackTraceContaining("only ever added");
        assertThatThrownBy(() -> sql("DELETE FROM issuance_limit_change")).hasStackTraceContaining("only ever added");
        assertThat(new JournalVerifier(db.dataSource()).verify().problems()).isEmpty();
    }

    // ---------------------------------------------------------------------------------------- cap changes, 4-eyes (V35)

    static final ActorId ADMIN_GD = ActorId.of("admin-gd");
    static final java.time.Instant T0 = java.time.Instant.parse("2030-03-02T02:00:00Z");

    static TransactionRequest issue(String id, int vintage, long q) {
        return TransactionRequest.issue(CommandId.of(id), ADMIN, new SeriesKey(CEA, Vintage.of(vintage), null), q, null);
    }

    long cap(int vintage) {
        return count("SELECT coalesce(max(quantity), -1) FROM issuance_limit WHERE unit_type = 'CEA' AND vintage = " + vintage);
    }

    /** What is issued plus what awaits approval of CEA of a vintage: the least its cap may be. */
    long floor(int vintage) {
        return count("SELECT coalesce(sum(next_serial - 1), 0) FROM unit_series WHERE unit_type = 'CEA' AND vintage = " + vintage)
                + count("SELECT coalesce(sum(t.quantity), 0) FROM registry_transaction t JOIN unit_series s ON s.id = t.series_id "
                + "WHERE t.type = 'ISSUE' AND t.status IN ('AWAITING_APPROVAL', 'DELAYED') AND s.unit_type = 'CEA' AND s.vintage = " + vintage);
    }

    /**
     * A proposed cap changes nothing; its proposer never approves it, nor an administrator of another jurisdiction; a
     * second administrator of the issuer does, and the version names both. One pending proposal per cap; the proposer's
     * command id answers with its proposal; a cap below what is issued and awaits approval is refused when proposed and
     * again when approved (the proposal stays pending).
     */
    @Test void aCapChangeTakesEffectOnlyWhenASecondAdministratorOfTheIssuerApprovesIt() {
        admin.addAdministrator(ADMIN_GD, Jurisdiction.of("GD"));
        PgRegistryReadModel read = new PgRegistryReadModel(db.dataSource());
        var proposed = admin.proposeIssuanceLimit("p-1", "CEA", 2030, 5_000, " 生态环境部公告 2030-1 ", ADMIN, T0);
        assertThat(proposed.result()).isEqualTo(PgRegistryAdministration.CapProposal.Result.PROPOSED);
        var p = proposed.proposal();
        assertThat(p.status()).isEqualTo("PENDING");
        assertThat(p.source()).isEqualTo("生态环境部公告 2030-1");
        // the window of an issuance of CEA: CN's total-quantity account's approval_expiry_hours (72 in the reference data)
        assertThat(p.expiresAt()).isEqualTo(T0.plus(java.time.Duration.ofHours(72)));
        assertThat(cap(2030)).as("a proposal changes nothing").isEqualTo(-1);
        assertThat(read.capChanges("CEA", 2030, 10)).isEmpty();
        assertThat(registry.propose(issue("p30-0", 2030, 1))).isInstanceOfSatisfying(Outcome.Rejected.class, r -> assertThat(r.code()).isEqualTo(Rejection.EXCEEDS_CAP));

        // the same command id: the same proposal; with something else: refused; another proposal of the same cap: refused
        var again = admin.proposeIssuanceLimit("p-1", "CEA", 2030, 5_000, "生态环境部公告 2030-1", ADMIN, T0.plusSeconds(5));
        assertThat(again.result()).isEqualTo(PgRegistryAdministration.CapProposal.Result.REPEATED);
        assertThat(again.proposal().id()).isEqualTo(p.id());
        assertThat(admin.proposeIssuanceLimit("p-1", "CEA", 2030, 6_000, "x", ADMIN, T0).result()).isEqualTo(PgRegistryAdministration.CapProposal.Result.COMMAND_ID_USED);
        var second = admin.proposeIssuanceLimit("p-2", "CEA", 2030, 6_000, "x", ADMIN2, T0);
        assertThat(second.result()).isEqualTo(PgRegistryAdministration.CapProposal.Result.PENDING_EXISTS);
        assertThat(second.proposal().id()).isEqualTo(p.id());
        assertThat(admin.proposeIssuanceLimit("p-3", "CEA", 2031, 6_000, "x", ADMIN_GD, T0).result()).isEqualTo(PgRegistryAdministration.CapProposal.Result.NOT_AUTHORISED);
        assertThat(admin.proposeIssuanceLimit("p-4", "NOPE", 2031, 6_000, "x", ADMIN, T0).result()).isEqualTo(PgRegistryAdministration.CapProposal.Result.UNKNOWN_UNIT_TYPE);
        assertThat(count("SELECT count(*) FROM issuance_limit_proposal")).isEqualTo(1);

        // nobody approves their own proposal; another jurisdiction's administrator does not approve it either; nothing written
        assertThat(admin.approveIssuanceLimit(p.id(), ADMIN, T0).result()).isEqualTo(PgRegistryAdministration.CapDecision.Result.SELF_APPROVAL);
        assertThat(admin.approveIssuanceLimit(p.id(), ADMIN_GD, T0).result()).isEqualTo(PgRegistryAdministration.CapDecision.Result.NOT_AUTHORISED);
        assertThat(admin.declineIssuanceLimit(p.id(), ADMIN, "mine", T0).result()).as("the proposer withdraws, never declines")
                .isEqualTo(PgRegistryAdministration.CapDecision.Result.NOT_AUTHORISED);
        assertThat(admin.withdrawIssuanceLimit(p.id(), ADMIN2, "not mine", T0).result()).isEqualTo(PgRegistryAdministration.CapDecision.Result.NOT_AUTHORISED);
        assertThat(admin.approveIssuanceLimit(p.id() + 1000, ADMIN2, T0).result()).isEqualTo(PgRegistryAdministration.CapDecision.Result.UNKNOWN);
        assertThat(cap(2030)).isEqualTo(-1);
        // and the table itself refuses a proposal approved by its proposer
        assertThatThrownBy(() -> sql("UPDATE issuance_limit_proposal SET status = 'APPROVED', decided_by = proposed_by, decided_at = now() WHERE id = " + p.id()))
                .hasStackTraceContaining("check constraint");

        var approved = admin.approveIssuanceLimit(p.id(), ADMIN2, T0.plusSeconds(60));
        assertThat(approved.result()).isEqualTo(PgRegistryAdministration.CapDecision.Result.APPROVED);
        assertThat(approved.previous()).isNull();
        assertThat(approved.proposal().status()).isEqualTo("APPROVED");
        assertThat(approved.proposal().decidedBy()).isEqualTo("admin2-cn");
        assertThat(cap(2030)).isEqualTo(5_000);
        assertThat(read.capChanges("CEA", 2030, 10)).singleElement().satisfies(v -> {
            assertThat(v.setBy()).isEqualTo("admin2-cn");
            assertThat(v.proposedBy()).isEqualTo("admin-cn");
            assertThat(v.route()).isEqualTo("FOUR_EYES");
            assertThat(v.proposalId()).isEqualTo(p.id());
            assertThat(v.source()).isEqualTo("生态环境部公告 2030-1");
        });
        // the ledger's writer counts against it at once; decided once: approving again changes nothing
        Outcome waiting = registry.propose(issue("p30-1", 2030, 3_000));
        assertThat(waiting.transaction().status()).isEqualTo(TransactionStatus.AWAITING_APPROVAL);
        assertThat(admin.approveIssuanceLimit(p.id(), ADMIN2, T0).result()).isEqualTo(PgRegistryAdministration.CapDecision.Result.NOT_PENDING);
        assertThatThrownBy(() -> sql("UPDATE issuance_limit_proposal SET quantity = 1 WHERE id = " + p.id())).hasStackTraceContaining("decided once");
        assertThatThrownBy(() -> sql("DELETE FROM issuance_limit_proposal")).hasStackTraceContaining("none is deleted");

        // below what awaits approval: refused when proposed
        var below = admin.proposeIssuanceLimit("p-5", "CEA", 2030, 2_999, "x", ADMIN, T0);
        assertThat(below.result()).isEqualTo(PgRegistryAdministration.CapProposal.Result.BELOW_ISSUED);
        assertThat(below.pending()).isEqualTo(3_000);
        // proposed while it was not below, below by the time it is approved: refused, nothing written, it stays pending
        var lower = admin.proposeIssuanceLimit("p-6", "CEA", 2030, 3_500, "notice 2", ADMIN, T0);
        assertThat(lower.result()).isEqualTo(PgRegistryAdministration.CapProposal.Result.PROPOSED);
        assertThat(registry.propose(issue("p30-2", 2030, 1_000)).transaction().status()).isEqualTo(TransactionStatus.AWAITING_APPROVAL);
        var refused = admin.approveIssuanceLimit(lower.proposal().id(), ADMIN2, T0);
        assertThat(refused.result()).isEqualTo(PgRegistryAdministration.CapDecision.Result.BELOW_ISSUED);
        assertThat(refused.issued() + refused.pending()).isEqualTo(4_000);
        assertThat(refused.proposal().status()).isEqualTo("PENDING");
        assertThat(cap(2030)).isEqualTo(5_000);
        assertThat(read.capChanges("CEA", 2030, 10)).hasSize(1);
        // the second administrator declines it, saying why
        var declined = admin.declineIssuanceLimit(lower.proposal().id(), ADMIN2, "below what awaits approval", T0);
        assertThat(declined.result()).isEqualTo(PgRegistryAdministration.CapDecision.Result.DECLINED);
        assertThat(read.capProposal(lower.proposal().id()).orElseThrow()).satisfies(x -> {
            assertThat(x.status()).isEqualTo("DECLINED");
            assertThat(x.decidedBy()).isEqualTo("admin2-cn");
            assertThat(x.reason()).isEqualTo("below what awaits approval");
        });
        // the proposer withdraws another
        var raise = admin.proposeIssuanceLimit("p-7", "CEA", 2030, 9_000, "notice 3", ADMIN2, T0);
        var withdrawn = admin.withdrawIssuanceLimit(raise.proposal().id(), ADMIN2, "wrong notice", T0);
        assertThat(withdrawn.result()).isEqualTo(PgRegistryAdministration.CapDecision.Result.WITHDRAWN);
        assertThat(withdrawn.proposal().reason()).isEqualTo("wrong notice");
        assertThat(read.capProposals("PENDING", 10)).isEmpty();
        assertThat(read.capProposals(null, 10)).extracting(x -> x.status()).containsExactly("WITHDRAWN", "DECLINED", "APPROVED");
        assertThat(cap(2030)).isEqualTo(5_000);
        assertThat(new JournalVerifier(db.dataSource()).verify().problems()).isEmpty();
    }

    /**
     * A proposal records the cap it was made against (V39) and is approved only over that cap: a cap the operator's CLI
     * changed meanwhile refuses the approval (CAP_CHANGED, nothing written, it stays pending to be declined or withdrawn);
     * so does a proposer who no longer administers the issuer (PROPOSER_NOT_AUTHORISED). What it was made against never
     * changes.
     */
    @Test void aCapChangeIsApprovedOnlyOverTheCapItWasProposedAgainstAndWhileItsProposerAdministersTheIssuer() {
        PgRegistryReadModel read = new PgRegistryReadModel(db.dataSource());
        // none then: proposed against no cap, and the operator sets one meanwhile
        var first = admin.proposeIssuanceLimit("b-1", "CEA", 2033, 5_000, "notice 1", ADMIN, T0).proposal();
        assertThat(first.baseQuantity()).isNull();
        assertThat(admin.changeIssuanceLimit("CEA", 2033, 8_000, "operator", ADMIN2).result()).isEqualTo(PgRegistryAdministration.CapChange.Result.SET);
        var changed = admin.approveIssuanceLimit(first.id(), ADMIN2, T0.plusSeconds(60));
        assertThat(changed.result()).isEqualTo(PgRegistryAdministration.CapDecision.Result.CAP_CHANGED);
        assertThat(changed.previous()).isEqualTo(8_000);
        assertThat(cap(2033)).isEqualTo(8_000);
        assertThat(read.capProposal(first.id()).orElseThrow().status()).isEqualTo("PENDING");
        assertThat(read.capChanges("CEA", 2033, 10)).hasSize(1);
        assertThat(admin.declineIssuanceLimit(first.id(), ADMIN2, "the cap changed", T0.plusSeconds(70)).result())
                .isEqualTo(PgRegistryAdministration.CapDecision.Result.DECLINED);

        // proposed against 8,000: approved while the cap is 8,000; what it was made against never changes
        var second = admin.proposeIssuanceLimit("b-2", "CEA", 2033, 9_000, "notice 2", ADMIN, T0).proposal();
        assertThat(second.baseQuantity()).isEqualTo(8_000);
        assertThatThrownBy(() -> sql("UPDATE issuance_limit_proposal SET base_quantity = 9000 WHERE id = " + second.id())).hasStackTraceContaining("decided once");
        // changed and changed back: the same cap, approved
        admin.changeIssuanceLimit("CEA", 2033, 7_000, "operator", ADMIN2);
        assertThat(admin.approveIssuanceLimit(second.id(), ADMIN2, T0).result()).isEqualTo(PgRegistryAdministration.CapDecision.Result.CAP_CHANGED);
        admin.changeIssuanceLimit("CEA", 2033, 8_000, "operator", ADMIN2);
        assertThat(admin.approveIssuanceLimit(second.id(), ADMIN2, T0).result()).isEqualTo(PgRegistryAdministration.CapDecision.Result.APPROVED);
        assertThat(cap(2033)).isEqualTo(9_000);

        // a proposer who no longer administers CN: not approved, it stays pending, declined
        var third = admin.proposeIssuanceLimit("b-3", "CEA", 2033, 10_000, "notice 3", ADMIN, T0).proposal();
        sql("DELETE FROM registry_administrator WHERE actor = 'admin-cn' AND jurisdiction = 'CN'");
        assertThat(admin.approveIssuanceLimit(third.id(), ADMIN2, T0).result()).isEqualTo(PgRegistryAdministration.CapDecision.Result.PROPOSER_NOT_AUTHORISED);
        assertThat(cap(2033)).isEqualTo(9_000);
        assertThat(read.capProposal(third.id()).orElseThrow().status()).isEqualTo("PENDING");
        assertThat(admin.declineIssuanceLimit(third.id(), ADMIN2, "proposer left", T0).result()).isEqualTo(PgRegistryAdministration.CapDecision.Result.DECLINED);
    }

    /**
     * A proposal nobody decided lapses when its window (the jurisdiction's approval_expiry_hours) closes: acting on it
     * then only lapses it, the scheduler lapses the others, and a lapsed one no longer holds its cap's place.
     */
    @Test void aCapChangeNobodyDecidedLapsesWhenItsWindowCloses() {
        sql("UPDATE control_setting SET approval_expiry_hours = 24 WHERE jurisdiction = 'CN' AND account_type = 'TOTAL_QUANTITY'");
        var p = admin.proposeIssuanceLimit("e-1", "CEA", 2032, 5_000, "x", ADMIN, T0).proposal();
        assertThat(p.expiresAt()).isEqualTo(T0.plus(java.time.Duration.ofHours(24)));
        java.time.Instant closed = p.expiresAt().plusSeconds(1);
        // at the last moment it still may be approved; after, acting on it lapses it and writes nothing else
        var lapsed = admin.approveIssuanceLimit(p.id(), ADMIN2, closed);
        assertThat(lapsed.result()).isEqualTo(PgRegistryAdministration.CapDecision.Result.EXPIRED);
        assertThat(lapsed.proposal().status()).isEqualTo("EXPIRED");
        assertThat(lapsed.proposal().decidedBy()).isNull();
        assertThat(cap(2032)).isEqualTo(-1);
        assertThat(admin.withdrawIssuanceLimit(p.id(), ADMIN, "late", closed).result()).isEqualTo(PgRegistryAdministration.CapDecision.Result.NOT_PENDING);

        var q = admin.proposeIssuanceLimit("e-2", "CEA", 2033, 5_000, "x", ADMIN, T0).proposal();
        var r = admin.proposeIssuanceLimit("e-3", "CEA", 2034, 5_000, "x", ADMIN, T0.plus(java.time.Duration.ofHours(20))).proposal();
        assertThat(admin.lapseIssuanceLimitProposals(q.expiresAt())).as("not yet: the window closes after its last moment").isZero();
        assertThat(admin.lapseIssuanceLimitProposals(q.expiresAt().plusSeconds(1))).isEqualTo(1);
        PgRegistryReadModel read = new PgRegistryReadModel(db.dataSource());
        assertThat(read.capProposal(q.id()).orElseThrow().status()).isEqualTo("EXPIRED");
        assertThat(read.capProposal(r.id()).orElseThrow().status()).isEqualTo("PENDING");
        // a pending proposal past its window does not block a new one: it lapses first
        var s = admin.proposeIssuanceLimit("e-4", "CEA", 2034, 6_000, "y", ADMIN2, r.expiresAt().plusSeconds(1));
        assertThat(s.result()).isEqualTo(PgRegistryAdministration.CapProposal.Result.PROPOSED);
        assertThat(read.capProposal(r.id()).orElseThrow().status()).isEqualTo("EXPIRED");
        assertThat(admin.approveIssuanceLimit(s.proposal().id(), ADMIN, r.expiresAt().plusSeconds(2)).result()).isEqualTo(PgRegistryAdministration.CapDecision.Result.APPROVED);
        assertThat(cap(2034)).isEqualTo(6_000);
    }

    /** Waits until a backend of this database waits for a lock of the kind given ({@code pg_stat_activity.wait_event}); returns its pid. */
    long awaitLockWait(String waitEvents) throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            long pid = count("SELECT coalesce(max(pid), 0) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' "
                    + "AND wait_event IN (" + waitEvents + ")");
            if (pid != 0) return pid;
            Thread.sleep(10);
        }
        throw new AssertionError("nothing waits for a lock of " + waitEvents);
    }

    /**
     * The race the ledger's lock prevents, made to happen every time: the approval of a lower cap has read what is issued
     * and awaits approval, written the cap, and waits at its commit (the test holds the reference generation's row,
     * which the cap's deferred trigger updates at commit) while an issuance is proposed that would fit under the old cap
     * but not the new one. The approval holds the ledger's lock to its commit, so the issuance waits for it and is then
     * checked against the new cap. (Without the lock the issuance is proposed on the old cap meanwhile, the approval
     * commits after it, and the cap ends below what awaits approval: this test fails.)
     */
    @Test void aCapLoweredWhileAnIssuanceIsProposedNeverEndsBelowWhatIsIssuedAndAwaitsApproval() throws Exception {
        admin.setIssuanceLimit("CEA", 2035, 10_000, "initial");
        // the writer holds the cap of 10,000 in its cache
        assertThat(registry.propose(issue("r-0", 2035, 10_001))).isInstanceOfSatisfying(Outcome.Rejected.class, r -> assertThat(r.code()).isEqualTo(Rejection.EXCEEDS_CAP));
        long lower = admin.proposeIssuanceLimit("lower", "CEA", 2035, 4_000, "notice", ADMIN, java.time.Instant.now()).proposal().id();
        try (ExecutorService pool = Executors.newFixedThreadPool(2); Connection hold = db.dataSource().getConnection()) {
            hold.setAutoCommit(false);
            hold.createStatement().execute("SELECT value FROM ledger_generation WHERE name = 'reference' FOR UPDATE");
            Future<PgRegistryAdministration.CapDecision> approval = pool.submit(() -> admin.approveIssuanceLimit(lower, ADMIN2, java.time.Instant.now()));
            awaitLockWait("'transactionid', 'tuple'"); // checked and written, waiting at its commit
            Future<Outcome> issuance = pool.submit(() -> registry.propose(issue("r-1", 2035, 5_000)));
            // the issuance waits for the ledger's lock (or, were the approval not holding it, is proposed meanwhile)
            for (int i = 0; i < 500 && !issuance.isDone(); i++) {
                if (count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'") > 0) break;
                Thread.sleep(10);
            }
            hold.rollback();
            var lowered = approval.get(10, java.util.concurrent.TimeUnit.SECONDS);
            Outcome proposed = issuance.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(floor(2035)).as("issued + awaiting approval under the cap").isLessThanOrEqualTo(cap(2035));
            assertThat(lowered.result()).isEqualTo(PgRegistryAdministration.CapDecision.Result.APPROVED);
            assertThat(proposed).isInstanceOfSatisfying(Outcome.Rejected.class, r -> assertThat(r.code()).isEqualTo(Rejection.EXCEEDS_CAP));
        }
        assertThat(cap(2035)).isEqualTo(4_000);
    }

    /**
     * The same race left to the threads, round after round: the approval of a lower cap and an issuance proposed and
     * approved at once on the same cap, started together (a barrier). Whoever goes first, one of them is refused, and
     * what is issued plus what awaits approval never passes the cap.
     */
    @Test void aCapLoweredAndAnIssuanceRacingRoundAfterRoundNeverEndAboveTheCap() throws Exception {
        int rounds = 12;
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            for (int round = 0; round < rounds; round++) {
                int vintage = 2040 + round;
                admin.setIssuanceLimit("CEA", vintage, 10_000, "initial");
                Outcome before = registry.propose(issue("b-" + round, vintage, 3_000));
                assertThat(before.transaction().status()).isEqualTo(TransactionStatus.AWAITING_APPROVAL);
                // 3,000 awaiting approval: the cap of 6,000 leaves no room for another 4,000
                long lower = admin.proposeIssuanceLimit("l-" + round, "CEA", vintage, 6_000, "notice", ADMIN, java.time.Instant.now()).proposal().id();
                java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
                Future<PgRegistryAdministration.CapDecision> approval = pool.submit(() -> {
                    start.await();
                    return admin.approveIssuanceLimit(lower, ADMIN2, java.time.Instant.now());
                });
                int r = round;
                Future<Outcome> issuance = pool.submit(() -> {
                    start.await();
                    Outcome o = registry.propose(issue("i-" + r, vintage, 4_000));
                    if (o.transaction() != null && o.transaction().status() == TransactionStatus.AWAITING_APPROVAL) {
                        Outcome approved = registry.approve(before.transaction().id(), ADMIN2);
                        assertThat(approved.transaction().status()).isEqualTo(TransactionStatus.COMPLETED);
                        return registry.approve(o.transaction().id(), ADMIN2);
                    }
                    return o;
                });
                boolean lowered = approval.get(30, java.util.concurrent.TimeUnit.SECONDS).result() == PgRegistryAdministration.CapDecision.Result.APPROVED;
                Outcome last = issuance.get(30, java.util.concurrent.TimeUnit.SECONDS);
                boolean issued = last.transaction() != null && last.transaction().status() == TransactionStatus.COMPLETED;
                assertThat(floor(vintage)).as("round %d: issued + awaiting approval under the cap", round).isLessThanOrEqualTo(cap(vintage));
                assertThat(lowered).as("round %d: the cap lowered xor the issuance", round).isNotEqualTo(issued);
            }
        }
        assertThat(new JournalVerifier(db.dataSource()).verify().problems()).isEmpty();
    }

    /** A change of a sign-in and its history row are one statement; the operator's changes are kept too (by null); rows are only added. */
    @Test void people_changes_are_kept_with_who_made_them() {
        var users = new org.openets.store.security.PgPlatformUsers(db.dataSource());
        assertThat(users.add("li.si", "{bcrypt}x", "李四", "PERSON", "admin-cn")).isTrue();
        assertThat(users.add("li.si", "{bcrypt}y", "李四 again", "PERSON", "admin2-cn")).as("an existing login").isFalse();
        assertThat(users.add("op.person", "{bcrypt}x", "运维添加", "PERSON")).isTrue();
        assertThat(users.disable("li.si", "admin2-cn")).isTrue();
        assertThat(users.setPassword("li.si", "{bcrypt}z", "admin-cn")).isTrue();
        assertThat(users.disable("nobody", "admin-cn")).isFalse();
        assertThat(users.setPassword("nobody", "{bcrypt}z", "admin-cn")).isFalse();
        assertThat(users.disable("op.person")).isTrue();

        var changes = users.changes(10);
        assertThat(changes).extracting(c -> c.login() + " " + c.change() + " " + c.by()).containsExactly(
                "op.person DISABLED null", "li.si PASSWORD_SET admin-cn", "li.si DISABLED admin2-cn", "op.person ADDED null", "li.si ADDED admin-cn");
        assertThat(changes.get(4).displayName()).isEqualTo("李四");
        assertThat(users.find("li.si").orElseThrow().passwordHash()).isEqualTo("{bcrypt}z");
        assertThat(users.find("li.si").orElseThrow().enabled()).isTrue();

        // people: persons only, with what the registry lets them do
        Account a = admin.openAccount(CN, AccountType.TRADING_HOLDING, "交易机构", null);
        admin.grantRole(a.id(), ActorId.of("li.si"), org.openets.registry.Role.READ_ONLY, ADMIN);
        users.save("an.auditor", "{bcrypt}x", "审计", "AUDITOR");
        users.save("admin-cn", "{bcrypt}x", "管理员", "PERSON");
        assertThat(users.people()).extracting(p -> p.login()).contains("li.si", "op.person", "admin-cn").doesNotContain("an.auditor");
        var li = users.person("li.si").orElseThrow();
        assertThat(li.roles()).containsExactly(new org.openets.store.security.PgPlatformUsers.HeldRole(a.number(), "CN", "READ_ONLY"));
        assertThat(li.administers()).isEmpty();
        assertThat(users.person("admin-cn").orElseThrow().administers()).containsExactly("CN");
        assertThat(users.person("an.auditor")).isEmpty();

        assertThatThrownBy(() -> sql("UPDATE person_change SET changed_by = 'someone'")).hasStackTraceContaining("only ever added");
        assertThatThrownBy(() -> sql("DELETE FROM person_change")).hasStackTraceContaining("only ever added");
    }
}
