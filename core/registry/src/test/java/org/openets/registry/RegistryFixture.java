package org.openets.registry;

import org.openets.kernel.ActorId;
import org.openets.kernel.BusinessCalendar;
import org.openets.kernel.CommandId;
import org.openets.kernel.Jurisdiction;
import org.openets.kernel.SerialRange;
import org.openets.kernel.UnitKind;
import org.openets.kernel.UnitType;
import org.openets.kernel.Vintage;
import org.openets.registry.spi.InMemoryLedger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A small national market in memory: government accounts, three holders, two administrators. */
final class RegistryFixture {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Jurisdiction CN = Jurisdiction.of("CN");
    static final UnitType CEA = new UnitType("CEA", UnitKind.ALLOWANCE, CN);
    static final UnitType CCER = new UnitType("CCER", UnitKind.OFFSET, CN);
    static final SeriesKey CEA_2024 = new SeriesKey(CEA, Vintage.of(2024), null);
    static final SeriesKey CEA_2025 = new SeriesKey(CEA, Vintage.of(2025), null);
    static final SeriesKey CCER_P1 = new SeriesKey(CCER, Vintage.of(2020), "P1");
    static final OffsetAttributes P1 = new OffsetAttributes("P1", "forestry", "FJ", LocalDate.of(2020, 1, 1), LocalDate.of(2020, 12, 31), false);

    static final long TQ = 1, ALLOC = 2, SURR = 3, RET = 4, CANC = 5, AUC = 6, A = 10, B = 11, C = 12, X = 13;

    static final ActorId ADMIN1 = ActorId.of("admin1"), ADMIN2 = ActorId.of("admin2");
    /** alice initiates and bob approves for A; bea initiates for B; dual holds both roles on A; carl initiates for C. */
    static final ActorId ALICE = ActorId.of("alice"), BOB = ActorId.of("bob"), BEA = ActorId.of("bea"),
            DUAL = ActorId.of("dual"), CARL = ActorId.of("carl"), NOBODY = ActorId.of("nobody");

    final InMemoryLedger ledger = new InMemoryLedger();
    final Registry registry = new Registry();
    private int ids;

    RegistryFixture() {
        ledger.unitType(CEA).unitType(CCER)
                .cap("CEA", 2024, 10_000).cap("CEA", 2025, 500)
                .administrator(ADMIN1, CN).administrator(ADMIN2, CN)
                .calendar(CN, nationalDay2024());
        ledger.openAccount(TQ, "CN-100-000001", CN, AccountType.TOTAL_QUANTITY, "MEE");
        ledger.openAccount(ALLOC, "CN-110-000002", CN, AccountType.ALLOCATION, "MEE");
        ledger.openAccount(SURR, "CN-150-000003", CN, AccountType.SURRENDER, "MEE");
        ledger.openAccount(RET, "CN-160-000004", CN, AccountType.RETIREMENT, "MEE");
        ledger.openAccount(CANC, "CN-170-000005", CN, AccountType.CANCELLATION, "MEE");
        ledger.openAccount(AUC, "CN-102-000006", CN, AccountType.AUCTION, "MEE");
        ledger.openAccount(A, "CN-120-000010", CN, AccountType.COVERED_ENTITY_HOLDING, "Power Plant A");
        ledger.openAccount(B, "CN-120-000011", CN, AccountType.COVERED_ENTITY_HOLDING, "Steel Mill B");
        ledger.openAccount(C, "CN-130-000012", CN, AccountType.TRADING_HOLDING, "Trader C");
        ledger.openAccount(X, "CN-140-000013", CN, AccountType.EXCHANGE_CLEARING, "Exchange X");
        for (AccountType t : List.of(AccountType.TOTAL_QUANTITY, AccountType.ALLOCATION, AccountType.AUCTION, AccountType.SURRENDER, AccountType.RETIREMENT,
                AccountType.CANCELLATION, AccountType.COVERED_ENTITY_HOLDING, AccountType.TRADING_HOLDING)) {
            ledger.allowHolding(CN, t, "CEA");
            ledger.allowHolding(CN, t, "CCER");
        }
        // EXCHANGE_CLEARING may hold nothing: used for UNIT_TYPE_NOT_ALLOWED
        ledger.role(A, ALICE, Role.INITIATOR).role(A, BOB, Role.APPROVER).role(A, DUAL, Role.INITIATOR).role(A, DUAL, Role.APPROVER)
                .role(B, BEA, Role.INITIATOR).role(C, CARL, Role.INITIATOR);
    }

    static BusinessCalendar nationalDay2024() {
        Set<LocalDate> holidays = new HashSet<>();
        for (int d = 1; d <= 7; d++) holidays.add(LocalDate.of(2024, 10, d));
        return new BusinessCalendar(SHANGHAI, LocalTime.of(9, 0), LocalTime.of(17, 0), holidays,
                Set.of(LocalDate.of(2024, 9, 29), LocalDate.of(2024, 10, 12)));
    }

    static Instant at(String localDateTime) { return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant(); }

    CommandId id() { return CommandId.of("cmd-" + (++ids)); }

    RegistryFixture controls(AccountType t, Controls c) { ledger.controls(CN, t, c); return this; }

    Outcome propose(TransactionRequest r, Instant now) { return registry.propose(ledger, r, now); }

    /** Issues {@code q} of the series into the total-quantity account (admin1 proposes, admin2 approves). */
    Transaction issue(SeriesKey k, long q, Instant now) {
        Outcome o = propose(TransactionRequest.issue(id(), ADMIN1, k, q, k.unitType().isOffset() ? P1 : null), now);
        assertAccepted(o, TransactionStatus.AWAITING_APPROVAL);
        Outcome a = registry.approve(ledger, o.transaction().id(), ADMIN2, now);
        return assertAccepted(a, TransactionStatus.COMPLETED);
    }

    /**
     * Moves {@code q} from the total-quantity account to the allocation account, and allocates it to {@code to}; for an
     * account that is not a covered entity's (free allocation is for covered entities only), through the auction account.
     */
    Transaction allocate(long to, SeriesKey k, long q, Instant now) {
        long source = ledger.account(to).orElseThrow().type() == AccountType.COVERED_ENTITY_HOLDING ? ALLOC : AUC;
        assertAccepted(propose(TransactionRequest.transfer(id(), ADMIN1, TQ, source, k, q), now), TransactionStatus.COMPLETED);
        return assertAccepted(propose(TransactionRequest.of(id(), TransactionType.ALLOCATE, ADMIN1, source, to, k, q), now), TransactionStatus.COMPLETED);
    }

    /** Pledges {@code q} of {@code account} to {@code pledgee}: admin1 proposes, admin2 approves (always 4-eyes). */
    Transaction freeze(long account, long pledgee, SeriesKey k, long q, Instant now) {
        Outcome o = propose(TransactionRequest.pledge(id(), TransactionType.FREEZE, ADMIN1, account, pledgee, k, q), now);
        assertAccepted(o, TransactionStatus.AWAITING_APPROVAL);
        return assertAccepted(registry.approve(ledger, o.transaction().id(), ADMIN2, now), TransactionStatus.COMPLETED);
    }

    /** Releases {@code q} pledged to {@code pledgee}: admin1 proposes, admin2 approves. */
    Transaction unfreeze(long account, long pledgee, SeriesKey k, long q, Instant now) {
        Outcome o = propose(TransactionRequest.pledge(id(), TransactionType.UNFREEZE, ADMIN1, account, pledgee, k, q), now);
        assertAccepted(o, TransactionStatus.AWAITING_APPROVAL);
        return assertAccepted(registry.approve(ledger, o.transaction().id(), ADMIN2, now), TransactionStatus.COMPLETED);
    }

    /** Issues {@code q} and allocates all of it to {@code to}. */
    void fund(long to, SeriesKey k, long q, Instant now) {
        issue(k, q, now);
        allocate(to, k, q, now);
    }

    Holding holding(long account, SeriesKey k) {
        return ledger.series(k).map(s -> ledger.holding(account, s.id())).orElse(new Holding(account, 0, 0, 0));
    }

    long held(long account, SeriesKey k) { return holding(account, k).quantity(); }

    List<SerialRange> blocks(long account, SeriesKey k) {
        long sid = ledger.series(k).orElseThrow().id();
        return ledger.blocks().stream().filter(b -> b.accountId() == account && b.seriesId() == sid)
                .map(UnitBlock::range).sorted().toList();
    }

    static Transaction assertAccepted(Outcome o, TransactionStatus status) {
        if (!(o instanceof Outcome.Accepted a))
            throw new AssertionError("expected " + status + " but was " + o);
        if (a.transaction().status() != status) throw new AssertionError("expected " + status + " but was " + a.transaction());
        return a.transaction();
    }
}
