package org.openets.registry;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openets.kernel.ActorId;
import org.openets.kernel.CommandId;
import org.openets.kernel.Jurisdiction;
import org.openets.kernel.SerialRange;
import org.openets.kernel.UnitKind;
import org.openets.kernel.UnitType;
import org.openets.kernel.Vintage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openets.registry.RegistryFixture.*;

/** Example tables for the registry: one lifecycle, every rejection code, precedence, and each rule on its own. */
class RegistryScenarioTest {
    static final Instant T0 = at("2024-09-23T10:00"); // a Monday, no holiday near

    RegistryFixture f = new RegistryFixture();

    static TransactionRequest transfer(RegistryFixture f, ActorId by, long from, long to, long q) {
        return TransactionRequest.transfer(f.id(), by, from, to, CEA_2024, q);
    }

    static Rejection codeOf(Outcome o) {
        assertThat(o).as("outcome").isInstanceOf(Outcome.Rejected.class);
        return ((Outcome.Rejected) o).code();
    }

    // ------------------------------------------------------------------------------------------ lifecycle

    @Test
    void lifecycleIssueAllocateTransferSurrenderReverse() {
        f.controls(AccountType.COVERED_ENTITY_HOLDING, new Controls(true, 72, 2, Controls.UntrustedPolicy.DELAY, 10, 0));
        Instant t = at("2024-09-30T10:00"); // the Monday before National Day

        // issuance: admin1 proposes, nobody approves their own, admin2 approves
        Outcome proposed = f.propose(TransactionRequest.issue(f.id(), ADMIN1, CEA_2024, 1000, null), t);
        Transaction issue = assertAccepted(proposed, TransactionStatus.AWAITING_APPROVAL);
        assertThat(issue.expiresAt()).isEqualTo(t.plus(Duration.ofHours(72)));
        assertThat(f.held(TQ, CEA_2024)).isZero();
        assertThat(codeOf(f.registry.approve(f.ledger, issue.id(), ADMIN1, t))).isEqualTo(Rejection.SELF_APPROVAL);
        assertThat(codeOf(f.registry.approve(f.ledger, issue.id(), ALICE, t))).isEqualTo(Rejection.NOT_AUTHORISED);
        issue = assertAccepted(f.registry.approve(f.ledger, issue.id(), ADMIN2, t), TransactionStatus.COMPLETED);
        assertThat(issue.approvedBy()).isEqualTo(ADMIN2);
        assertThat(issue.ranges()).containsExactly(new SerialRange(1, 1000));
        assertThat(f.held(TQ, CEA_2024)).isEqualTo(1000);

        // allocation from the total-quantity account: government controls are none, completes at once
        Transaction alloc = f.allocate(A, CEA_2024, 600, t);
        assertThat(alloc.ranges()).as("the highest serials of the block").containsExactly(new SerialRange(401, 1000));
        assertThat(f.blocks(TQ, CEA_2024)).containsExactly(new SerialRange(1, 400));
        assertThat(f.blocks(A, CEA_2024)).containsExactly(new SerialRange(401, 1000));

        // transfer: 4-eyes, then 10 business hours of delay across the National Day holidays
        Instant afternoon = at("2024-09-30T15:00");
        Transaction tr = assertAccepted(f.propose(transfer(f, ALICE, A, B, 100), afternoon), TransactionStatus.AWAITING_APPROVAL);
        tr = assertAccepted(f.registry.approve(f.ledger, tr.id(), BOB, afternoon), TransactionStatus.DELAYED);
        assertThat(tr.executesAt()).isEqualTo(at("2024-10-08T17:00")); // 2 h on 09-30, 8 h on 10-08
        assertThat(f.registry.completeDue(f.ledger, at("2024-10-08T16:59"))).isEmpty();
        assertThat(f.held(B, CEA_2024)).isZero();
        List<Outcome> done = f.registry.completeDue(f.ledger, at("2024-10-08T17:00"));
        assertThat(done).hasSize(1);
        tr = assertAccepted(done.getFirst(), TransactionStatus.COMPLETED);
        assertThat(tr.ranges()).containsExactly(new SerialRange(901, 1000));
        assertThat(f.held(A, CEA_2024)).isEqualTo(500);
        assertThat(f.held(B, CEA_2024)).isEqualTo(100);

        // surrender (清缴), approved by the account's approver
        Instant later = at("2024-10-09T10:00");
        Transaction sur = assertAccepted(f.propose(TransactionRequest.of(f.id(), TransactionType.SURRENDER, ALICE, A, 0, CEA_2024, 200), later),
                TransactionStatus.AWAITING_APPROVAL);
        sur = assertAccepted(f.registry.approve(f.ledger, sur.id(), BOB, later), TransactionStatus.COMPLETED);
        assertThat(sur.to()).isEqualTo(SURR);
        assertThat(sur.ranges()).containsExactly(new SerialRange(701, 900));
        assertThat(f.held(A, CEA_2024)).isEqualTo(300);
        assertThat(f.held(SURR, CEA_2024)).isEqualTo(200);
        assertThat(f.blocks(A, CEA_2024)).containsExactly(new SerialRange(401, 700));

        // reversal: always a second administrator
        Transaction rev = assertAccepted(f.propose(TransactionRequest.reversal(f.id(), ADMIN1, sur.id()), later), TransactionStatus.AWAITING_APPROVAL);
        assertThat(codeOf(f.registry.approve(f.ledger, rev.id(), BOB, later))).isEqualTo(Rejection.NOT_AUTHORISED);
        rev = assertAccepted(f.registry.approve(f.ledger, rev.id(), ADMIN2, later), TransactionStatus.COMPLETED);
        assertThat(rev.from()).isEqualTo(SURR);
        assertThat(rev.to()).isEqualTo(A);
        assertThat(rev.quantity()).isEqualTo(200);
        assertThat(rev.ranges()).isEqualTo(sur.ranges());
        assertThat(f.held(SURR, CEA_2024)).isZero();
        assertThat(f.held(A, CEA_2024)).isEqualTo(500);
        assertThat(f.blocks(A, CEA_2024)).as("the returned units merge back into one block").containsExactly(new SerialRange(401, 900));
        // a reversed transaction is not reversed twice, nor is a reversal reversed
        assertThat(codeOf(f.propose(TransactionRequest.reversal(f.id(), ADMIN1, sur.id()), later))).isEqualTo(Rejection.NOT_REVERSIBLE);
        assertThat(codeOf(f.propose(TransactionRequest.reversal(f.id(), ADMIN1, rev.id()), later))).isEqualTo(Rejection.NOT_REVERSIBLE);

        // the journal has the six completed transactions (the allocation went through the allocation account), in order, hash-chained
        List<String> journal = f.ledger.journal(), hashes = f.ledger.journalHashes();
        assertThat(journal).hasSize(7).first().isEqualTo(JournalEntry.GENESIS_CANONICAL);
        List<Long> journaled = journal.stream().skip(1).map(JournalEntry::parse).map(JournalEntry::transactionId).toList();
        assertThat(journaled).hasSize(6).containsSubsequence(issue.id(), alloc.id(), tr.id(), sur.id(), rev.id());
        assertThat(JournalEntry.parse(journal.get(2)).type()).isEqualTo(TransactionType.TRANSFER);
        assertThat(JournalEntry.parse(journal.get(2)).to()).isEqualTo(ALLOC);
        String previous = JournalEntry.GENESIS_PREVIOUS;
        for (int i = 0; i < journal.size(); i++) {
            previous = JournalEntry.chain(previous, journal.get(i));
            assertThat(hashes.get(i)).isEqualTo(previous);
        }
    }

    // ------------------------------------------------------------------------------------------ every code

    /** One minimal case per rejection code. */
    static Stream<Arguments> everyRejection() {
        List<Arguments> cases = new ArrayList<>();
        add(cases, Rejection.DUPLICATE_ID_DIFFERENT_BODY, f -> {
            f.fund(A, CEA_2024, 100, T0);
            CommandId id = f.id();
            f.propose(TransactionRequest.transfer(id, ALICE, A, B, CEA_2024, 10), T0);
            return f.propose(TransactionRequest.transfer(id, ALICE, A, B, CEA_2024, 11), T0);
        });
        add(cases, Rejection.INVALID_REQUEST, f -> {
            f.fund(A, CEA_2024, 100, T0);
            return f.propose(TransactionRequest.retire(f.id(), ALICE, A, CEA_2024, 10, null, "voluntary"), T0);
        });
        add(cases, Rejection.INVALID_QUANTITY, f -> {
            f.fund(A, CEA_2024, 100, T0);
            return f.propose(transfer(f, ALICE, A, B, 0), T0);
        });
        add(cases, Rejection.UNKNOWN_ACCOUNT, f -> {
            f.fund(A, CEA_2024, 100, T0);
            return f.propose(transfer(f, ALICE, A, 999, 10), T0);
        });
        add(cases, Rejection.UNKNOWN_UNIT_TYPE, f -> {
            f.fund(A, CEA_2024, 100, T0);
            UnitType hubei = new UnitType("HBEA", UnitKind.ALLOWANCE, CN);
            return f.propose(TransactionRequest.transfer(f.id(), ALICE, A, B, new SeriesKey(hubei, Vintage.of(2024), null), 10), T0);
        });
        add(cases, Rejection.UNKNOWN_TRANSACTION, f -> f.propose(TransactionRequest.reversal(f.id(), ADMIN1, 999), T0));
        add(cases, Rejection.NOT_AUTHORISED, f -> {
            f.fund(A, CEA_2024, 100, T0);
            return f.propose(transfer(f, BEA, A, B, 10), T0);
        });
        add(cases, Rejection.SELF_APPROVAL, f -> {
            Outcome o = f.propose(TransactionRequest.issue(f.id(), ADMIN1, CEA_2024, 100, null), T0);
            return f.registry.approve(f.ledger, o.transaction().id(), ADMIN1, T0);
        });
        add(cases, Rejection.INVALID_STATE, f -> {
            Transaction t = f.issue(CEA_2024, 100, T0);
            return f.registry.approve(f.ledger, t.id(), ADMIN2, T0);
        });
        add(cases, Rejection.APPROVAL_EXPIRED, f -> {
            Outcome o = f.propose(TransactionRequest.issue(f.id(), ADMIN1, CEA_2024, 100, null), T0);
            return f.registry.approve(f.ledger, o.transaction().id(), ADMIN2, T0.plus(Duration.ofHours(73)));
        });
        add(cases, Rejection.SAME_ACCOUNT, f -> {
            f.fund(A, CEA_2024, 100, T0);
            return f.propose(transfer(f, ALICE, A, A, 10), T0);
        });
        add(cases, Rejection.TERMINAL_ACCOUNT, f -> {
            f.fund(A, CEA_2024, 100, T0);
            f.propose(TransactionRequest.of(f.id(), TransactionType.SURRENDER, ALICE, A, 0, CEA_2024, 10), T0);
            return f.propose(transfer(f, ADMIN1, SURR, A, 10), T0);
        });
        add(cases, Rejection.ROUTE_NOT_ALLOWED, f -> {
            f.fund(A, CEA_2024, 100, T0);
            return f.propose(transfer(f, ALICE, A, RET, 10), T0);
        });
        add(cases, Rejection.NOT_REVERSIBLE, f -> {
            Transaction t = f.issue(CEA_2024, 100, T0);
            return f.propose(TransactionRequest.reversal(f.id(), ADMIN1, t.id()), T0);
        });
        add(cases, Rejection.ACCOUNT_NOT_OPEN, f -> {
            f.fund(A, CEA_2024, 100, T0);
            f.ledger.saveAccount(f.ledger.account(A).orElseThrow().withStatus(AccountStatus.SUSPENDED));
            return f.propose(transfer(f, ALICE, A, B, 10), T0);
        });
        add(cases, Rejection.UNIT_TYPE_NOT_ALLOWED, f -> {
            f.fund(A, CEA_2024, 100, T0);
            return f.propose(transfer(f, ALICE, A, X, 10), T0);
        });
        add(cases, Rejection.BATCH_CONFLICT, f -> {
            f.issue(CEA_2024, 100, T0);
            f.allocate(A, CEA_2024, 50, T0);
            f.propose(TransactionRequest.transfer(f.id(), ADMIN1, TQ, ALLOC, CEA_2024, 50), T0);
            return batch(f, ADMIN1, List.of(
                    TransactionRequest.of(f.id(), TransactionType.ALLOCATE, ADMIN1, ALLOC, A, CEA_2024, 1),
                    TransactionRequest.of(f.id(), TransactionType.RETURN_OF_EXCESS, ADMIN1, A, 0, CEA_2024, 1)));
        });
        add(cases, Rejection.INSUFFICIENT_HOLDINGS, f -> {
            f.fund(A, CEA_2024, 100, T0);
            return f.propose(transfer(f, ALICE, A, B, 101), T0);
        });
        add(cases, Rejection.HOLDINGS_FROZEN, f -> {
            f.fund(A, CEA_2024, 100, T0);
            f.freeze(A, C, CEA_2024, 1, T0);
            return f.propose(transfer(f, ALICE, A, B, 100), T0);
        });
        add(cases, Rejection.INSUFFICIENT_PLEDGED, f -> {
            f.fund(A, CEA_2024, 100, T0);
            f.freeze(A, C, CEA_2024, 10, T0);
            return f.propose(TransactionRequest.pledge(f.id(), TransactionType.UNFREEZE, ADMIN1, A, C, CEA_2024, 11), T0);
        });
        add(cases, Rejection.ACCOUNT_NOT_ON_TRUSTED_LIST, f -> {
            f.controls(AccountType.COVERED_ENTITY_HOLDING, new Controls(false, 72, 0, Controls.UntrustedPolicy.REFUSE, 0, 0));
            f.fund(A, CEA_2024, 100, T0);
            return f.propose(transfer(f, ALICE, A, B, 10), T0);
        });
        add(cases, Rejection.EXCEEDS_CAP, f -> f.propose(TransactionRequest.issue(f.id(), ADMIN1, CEA_2025, 501, null), T0));
        add(cases, Rejection.DECLINED, f -> {
            Outcome o = f.propose(TransactionRequest.issue(f.id(), ADMIN1, CEA_2024, 100, null), T0);
            return f.registry.decline(f.ledger, o.transaction().id(), ADMIN2, "wrong quantity", T0);
        });
        return cases.stream();
    }

    private static void add(List<Arguments> cases, Rejection code, Function<RegistryFixture, Object> action) {
        cases.add(Arguments.of(code, Named.of(code.name(), action)));
    }

    private static Outcome batch(RegistryFixture f, ActorId by, List<TransactionRequest> lines) {
        Outcome.Batch b = f.registry.proposeBatch(f.ledger, new BatchRequest(f.id(), by, lines), T0);
        return b.isRejected() ? new Outcome.Rejected(b.code(), b.detail(), b.lines().isEmpty() ? null : b.lines().getFirst())
                : new Outcome.Accepted(b.lines().getFirst());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyRejection")
    void everyRejectionHasAMinimalCase(Rejection expected, Function<RegistryFixture, Object> action) {
        RegistryFixture fx = new RegistryFixture();
        Object o = action.apply(fx);
        assertThat(codeOf((Outcome) o)).isEqualTo(expected);
        // and no rejection ever moved a unit: every series' holdings still add up to what was issued
        for (UnitSeries s : fx.ledger.allSeries()) {
            long held = fx.ledger.holdings().stream().filter(h -> h.seriesId() == s.id()).mapToLong(Holding::quantity).sum();
            assertThat(held).isEqualTo(fx.ledger.nextSerial(s.id()) - 1);
        }
    }

    @Test
    void theTableCoversEveryCode() {
        Set<Rejection> covered = everyRejection().map(a -> (Rejection) a.get()[0]).collect(Collectors.toCollection(() -> EnumSet.noneOf(Rejection.class)));
        assertThat(covered).containsExactlyInAnyOrder(Rejection.values());
    }

    // ------------------------------------------------------------------------------------------ precedence

    @Test
    void precedenceEarliestCodeWins() {
        f.fund(A, CEA_2024, 100, T0);
        f.freeze(A, C, CEA_2024, 30, T0);
        assertThat(f.holding(A, CEA_2024).frozen()).isEqualTo(30);

        record Row(String why, TransactionRequest request, Rejection expected) {}
        List<Row> table = List.of(
                new Row("invalid quantity beats unknown account", transfer(f, ALICE, A, 999, 0), Rejection.INVALID_QUANTITY),
                new Row("unknown account beats insufficient holdings", transfer(f, ALICE, A, 999, 1000), Rejection.UNKNOWN_ACCOUNT),
                new Row("unknown account beats not authorised", transfer(f, BEA, A, 999, 10), Rejection.UNKNOWN_ACCOUNT),
                new Row("not authorised beats same account", transfer(f, BEA, A, A, 10), Rejection.NOT_AUTHORISED),
                new Row("not authorised beats insufficient holdings", transfer(f, BEA, A, B, 1000), Rejection.NOT_AUTHORISED),
                new Row("same account beats insufficient holdings", transfer(f, ALICE, A, A, 1000), Rejection.SAME_ACCOUNT),
                new Row("terminal account beats insufficient holdings", transfer(f, ADMIN1, SURR, A, 1000), Rejection.TERMINAL_ACCOUNT),
                new Row("unit type not allowed beats insufficient holdings", transfer(f, ALICE, A, X, 1000), Rejection.UNIT_TYPE_NOT_ALLOWED),
                new Row("more than held in total: insufficient, not frozen", transfer(f, ALICE, A, B, 101), Rejection.INSUFFICIENT_HOLDINGS),
                new Row("enough held, but frozen", transfer(f, ALICE, A, B, 71), Rejection.HOLDINGS_FROZEN),
                new Row("not authorised beats exceeds cap", TransactionRequest.issue(f.id(), ALICE, CEA_2025, 10_000, null), Rejection.NOT_AUTHORISED));
        for (Row row : table) assertThat(codeOf(f.propose(row.request, T0))).as(row.why).isEqualTo(row.expected);
        assertThat(f.held(A, CEA_2024)).isEqualTo(100);
        assertThat(f.propose(transfer(f, ALICE, A, B, 70), T0)).isInstanceOf(Outcome.Accepted.class);
    }

    @Test
    void precedenceTrustedListComesAfterHoldings() {
        f.controls(AccountType.COVERED_ENTITY_HOLDING, new Controls(false, 72, 0, Controls.UntrustedPolicy.REFUSE, 0, 0));
        f.fund(A, CEA_2024, 100, T0);
        f.freeze(A, C, CEA_2024, 30, T0);
        assertThat(codeOf(f.propose(transfer(f, ALICE, A, B, 101), T0))).isEqualTo(Rejection.INSUFFICIENT_HOLDINGS);
        assertThat(codeOf(f.propose(transfer(f, ALICE, A, B, 71), T0))).isEqualTo(Rejection.HOLDINGS_FROZEN);
        assertThat(codeOf(f.propose(transfer(f, ALICE, A, B, 70), T0))).isEqualTo(Rejection.ACCOUNT_NOT_ON_TRUSTED_LIST);
    }

    @Test
    void aGovernmentAccountMayTakeUnitsBackAfterGivingThemOutInOneBatch() {
        f.issue(CEA_2024, 1000, T0);
        Outcome toAlloc = f.propose(TransactionRequest.transfer(f.id(), ADMIN1, TQ, ALLOC, CEA_2024, 500), T0);
        if (toAlloc.transaction().status() == TransactionStatus.AWAITING_APPROVAL) f.registry.approve(f.ledger, toAlloc.transaction().id(), ADMIN2, T0);
        f.allocate(A, CEA_2024, 100, T0);
        assertThat(f.held(ALLOC, CEA_2024)).isEqualTo(500);

        // a true-up: B gets 50 more, A returns 30 — the allocation account gives first, takes back last
        Outcome.Batch ok = f.registry.proposeBatch(f.ledger, new BatchRequest(f.id(), ADMIN1, List.of(
                TransactionRequest.of(f.id(), TransactionType.ALLOCATE, ADMIN1, ALLOC, B, CEA_2024, 50),
                TransactionRequest.of(f.id(), TransactionType.RETURN_OF_EXCESS, ADMIN1, A, 0, CEA_2024, 30))), T0);
        assertThat(ok.isRejected()).as(ok.detail()).isFalse();
        if (ok.lines().getFirst().status() == TransactionStatus.AWAITING_APPROVAL) // 4-eyes when the controls ask for it
            assertAccepted(f.registry.approve(f.ledger, ok.lines().getFirst().id(), ADMIN2, T0), TransactionStatus.COMPLETED);
        assertThat(f.held(ALLOC, CEA_2024)).isEqualTo(480);
        assertThat(f.held(A, CEA_2024)).isEqualTo(70);
        assertThat(f.held(B, CEA_2024)).isEqualTo(50);

        // taking back first and giving after would let the batch hand out what it takes back: refused
        Outcome.Batch reversed = f.registry.proposeBatch(f.ledger, new BatchRequest(f.id(), ADMIN1, List.of(
                TransactionRequest.of(f.id(), TransactionType.RETURN_OF_EXCESS, ADMIN1, A, 0, CEA_2024, 30),
                TransactionRequest.of(f.id(), TransactionType.ALLOCATE, ADMIN1, ALLOC, B, CEA_2024, 50))), T0);
        assertThat(reversed.code()).isEqualTo(Rejection.BATCH_CONFLICT);
        // and a holding account is never both, in any order (see the BATCH_CONFLICT case above)
    }

    @Test
    void precedenceInABatchIsOverAllLines() {
        f.fund(A, CEA_2024, 100, T0);
        Outcome.Batch b = f.registry.proposeBatch(f.ledger, new BatchRequest(f.id(), ALICE, List.of(
                transfer(f, ALICE, A, B, 1000), transfer(f, ALICE, A, 999, 10))), T0);
        assertThat(b.code()).isEqualTo(Rejection.UNKNOWN_ACCOUNT);
        assertThat(b.detail()).startsWith("line 2");
        // BATCH_CONFLICT comes before INSUFFICIENT_HOLDINGS, whichever line fails which
        Outcome.Batch conflict = f.registry.proposeBatch(f.ledger, new BatchRequest(f.id(), ADMIN1, List.of(
                TransactionRequest.of(f.id(), TransactionType.RETURN_OF_EXCESS, ADMIN1, A, 0, CEA_2024, 1000),
                TransactionRequest.of(f.id(), TransactionType.ALLOCATE, ADMIN1, ALLOC, A, CEA_2024, 1))), T0);
        assertThat(conflict.code()).isEqualTo(Rejection.BATCH_CONFLICT);
        // ... but after NOT_AUTHORISED
        Outcome.Batch unauthorised = f.registry.proposeBatch(f.ledger, new BatchRequest(f.id(), ALICE, List.of(
                TransactionRequest.of(f.id(), TransactionType.ALLOCATE, ALICE, A, B, CEA_2024, 1),
                TransactionRequest.of(f.id(), TransactionType.ALLOCATE, ALICE, B, A, CEA_2024, 1))), T0);
        assertThat(unauthorised.code()).isEqualTo(Rejection.NOT_AUTHORISED);
        assertThat(f.held(A, CEA_2024)).isEqualTo(100);
    }

    // ------------------------------------------------------------------------------------------ idempotency

    @Test
    void retrySameIdSameBodyReturnsTheSameTransactionAndMovesNothingTwice() {
        f.fund(A, CEA_2024, 100, T0);
        CommandId id = f.id();
        Transaction first = assertAccepted(f.propose(TransactionRequest.transfer(id, ALICE, A, B, CEA_2024, 30), T0), TransactionStatus.COMPLETED);
        int transactions = f.ledger.transactions().size(), journal = f.ledger.journal().size();
        Outcome retry = f.propose(TransactionRequest.transfer(id, ALICE, A, B, CEA_2024, 30), T0.plusSeconds(60));
        assertThat(retry).isEqualTo(new Outcome.Accepted(first));
        assertThat(f.held(A, CEA_2024)).isEqualTo(70);
        assertThat(f.held(B, CEA_2024)).isEqualTo(30);
        assertThat(f.ledger.transactions()).hasSize(transactions);
        assertThat(f.ledger.journal()).hasSize(journal);

        Outcome different = f.propose(TransactionRequest.transfer(id, ALICE, A, C, CEA_2024, 30), T0);
        assertThat(codeOf(different)).isEqualTo(Rejection.DUPLICATE_ID_DIFFERENT_BODY);
        assertThat(different.transaction()).isNull();
        assertThat(f.held(C, CEA_2024)).isZero();
        assertThat(f.ledger.transactions()).hasSize(transactions);
    }

    @Test
    void retryOfARejectionIsTheSameRejectionEvenWhenItWouldNowPass() {
        f.fund(A, CEA_2024, 100, T0);
        CommandId id = f.id();
        Outcome first = f.propose(TransactionRequest.transfer(id, ALICE, A, B, CEA_2024, 150), T0);
        assertThat(codeOf(first)).isEqualTo(Rejection.INSUFFICIENT_HOLDINGS);
        f.fund(A, CEA_2024, 100, T0);
        Outcome retry = f.propose(TransactionRequest.transfer(id, ALICE, A, B, CEA_2024, 150), T0);
        assertThat(codeOf(retry)).isEqualTo(Rejection.INSUFFICIENT_HOLDINGS);
        assertThat(retry.transaction().id()).isEqualTo(first.transaction().id());
        assertThat(f.held(A, CEA_2024)).isEqualTo(200);
        assertThat(f.held(B, CEA_2024)).isZero();
    }

    @Test
    void retryOfAPendingTransactionReturnsItsCurrentState() {
        f.controls(AccountType.COVERED_ENTITY_HOLDING, new Controls(true, 72, 0, Controls.UntrustedPolicy.DELAY, 0, 0));
        f.fund(A, CEA_2024, 100, T0);
        CommandId id = f.id();
        Transaction t = assertAccepted(f.propose(TransactionRequest.transfer(id, ALICE, A, B, CEA_2024, 30), T0), TransactionStatus.AWAITING_APPROVAL);
        assertThat(f.propose(TransactionRequest.transfer(id, ALICE, A, B, CEA_2024, 30), T0)).isEqualTo(new Outcome.Accepted(t));
        Transaction done = assertAccepted(f.registry.approve(f.ledger, t.id(), BOB, T0), TransactionStatus.COMPLETED);
        assertThat(f.propose(TransactionRequest.transfer(id, ALICE, A, B, CEA_2024, 30), T0)).isEqualTo(new Outcome.Accepted(done));
        assertThat(f.held(B, CEA_2024)).isEqualTo(30);
    }

    @Test
    void batchIdempotency() {
        f.fund(A, CEA_2024, 100, T0);
        CommandId id = f.id();
        List<TransactionRequest> lines = List.of(transfer(f, ALICE, A, B, 10), transfer(f, ALICE, A, C, 20));
        Outcome.Batch first = f.registry.proposeBatch(f.ledger, new BatchRequest(id, ALICE, lines), T0);
        assertThat(first.isRejected()).isFalse();
        assertThat(first.lines()).extracting(Transaction::commandId).containsExactly(id.child("1"), id.child("2"));
        Outcome.Batch again = f.registry.proposeBatch(f.ledger, new BatchRequest(id, ALICE, lines), T0);
        assertThat(again).isEqualTo(first);
        assertThat(f.held(A, CEA_2024)).isEqualTo(70);
        Outcome.Batch other = f.registry.proposeBatch(f.ledger, new BatchRequest(id, ALICE, List.of(transfer(f, ALICE, A, B, 11))), T0);
        assertThat(other.code()).isEqualTo(Rejection.DUPLICATE_ID_DIFFERENT_BODY);
        // a single command may not reuse a batch line's id
        assertThat(codeOf(f.propose(TransactionRequest.transfer(id.child("1"), ALICE, A, B, CEA_2024, 10), T0)))
                .isEqualTo(Rejection.DUPLICATE_ID_DIFFERENT_BODY);
        assertThat(f.held(A, CEA_2024)).isEqualTo(70);
    }

    // ------------------------------------------------------------------------------------------ approvals

    @Test
    void nobodyApprovesTheirOwnTransactionEvenWithBothRoles() {
        f.controls(AccountType.COVERED_ENTITY_HOLDING, new Controls(true, 72, 0, Controls.UntrustedPolicy.DELAY, 0, 0));
        f.fund(A, CEA_2024, 100, T0);
        Transaction t = assertAccepted(f.propose(transfer(f, DUAL, A, B, 10), T0), TransactionStatus.AWAITING_APPROVAL);
        assertThat(codeOf(f.registry.approve(f.ledger, t.id(), DUAL, T0))).isEqualTo(Rejection.SELF_APPROVAL);
        assertThat(codeOf(f.registry.approve(f.ledger, t.id(), BEA, T0))).as("no role on A").isEqualTo(Rejection.NOT_AUTHORISED);
        assertThat(f.ledger.transaction(t.id()).orElseThrow().status()).isEqualTo(TransactionStatus.AWAITING_APPROVAL);
        assertThat(f.held(B, CEA_2024)).isZero();
        // another person with the approver role may (an administrator only where the controls allow it: below)
        assertAccepted(f.registry.approve(f.ledger, t.id(), BOB, T0), TransactionStatus.COMPLETED);
        Transaction u = assertAccepted(f.propose(transfer(f, ALICE, A, B, 10), T0), TransactionStatus.AWAITING_APPROVAL);
        assertAccepted(f.registry.approve(f.ledger, u.id(), DUAL, T0), TransactionStatus.COMPLETED);
        assertThat(f.held(B, CEA_2024)).isEqualTo(20);
    }

    @Test
    void administrativeWorkNeedsAnAdministratorToApprove() {
        f.controls(AccountType.COVERED_ENTITY_HOLDING, new Controls(true, 72, 0, Controls.UntrustedPolicy.DELAY, 0, 0));
        f.fund(A, CEA_2024, 100, T0);
        Transaction freeze = assertAccepted(f.propose(TransactionRequest.pledge(f.id(), TransactionType.FREEZE, ADMIN1, A, C, CEA_2024, 10), T0),
                TransactionStatus.AWAITING_APPROVAL);
        assertThat(codeOf(f.registry.approve(f.ledger, freeze.id(), BOB, T0))).isEqualTo(Rejection.NOT_AUTHORISED);
        assertAccepted(f.registry.approve(f.ledger, freeze.id(), ADMIN2, T0), TransactionStatus.COMPLETED);
        assertThat(codeOf(f.registry.approve(f.ledger, 999, ADMIN2, T0))).isEqualTo(Rejection.UNKNOWN_TRANSACTION);
    }

    @Test
    void approvalExpires() {
        f.controls(AccountType.COVERED_ENTITY_HOLDING, new Controls(true, 24, 0, Controls.UntrustedPolicy.DELAY, 0, 0));
        f.fund(A, CEA_2024, 100, T0);
        Transaction onTime = assertAccepted(f.propose(transfer(f, ALICE, A, B, 10), T0), TransactionStatus.AWAITING_APPROVAL);
        Transaction late = assertAccepted(f.propose(transfer(f, ALICE, A, B, 20), T0), TransactionStatus.AWAITING_APPROVAL);
        Transaction lapsed = assertAccepted(f.propose(transfer(f, ALICE, A, B, 30), T0), TransactionStatus.AWAITING_APPROVAL);
        assertThat(onTime.expiresAt()).isEqualTo(T0.plus(Duration.ofHours(24)));
        // the last instant of the window still counts
        assertAccepted(f.registry.approve(f.ledger, onTime.id(), BOB, T0.plus(Duration.ofHours(24))), TransactionStatus.COMPLETED);
        Outcome o = f.registry.approve(f.ledger, late.id(), BOB, T0.plus(Duration.ofHours(24)).plusSeconds(1));
        assertThat(codeOf(o)).isEqualTo(Rejection.APPROVAL_EXPIRED);
        assertThat(f.ledger.transaction(late.id()).orElseThrow().status()).isEqualTo(TransactionStatus.REJECTED);
        // completeDue lapses what nobody approved
        List<Outcome> due = f.registry.completeDue(f.ledger, T0.plus(Duration.ofHours(25)));
        assertThat(due).hasSize(1);
        assertThat(codeOf(due.getFirst())).isEqualTo(Rejection.APPROVAL_EXPIRED);
        assertThat(due.getFirst().transaction().id()).isEqualTo(lapsed.id());
        assertThat(f.held(A, CEA_2024)).isEqualTo(90);
        assertThat(f.held(B, CEA_2024)).isEqualTo(10);
        assertThat(codeOf(f.registry.approve(f.ledger, lapsed.id(), BOB, T0))).isEqualTo(Rejection.INVALID_STATE);
    }

    @Test
    void declineAndWithdraw() {
        f.controls(AccountType.COVERED_ENTITY_HOLDING, new Controls(true, 72, 0, Controls.UntrustedPolicy.DELAY, 8, 0));
        f.fund(A, CEA_2024, 100, T0);
        Transaction t1 = assertAccepted(f.propose(transfer(f, ALICE, A, B, 10), T0), TransactionStatus.AWAITING_APPROVAL);
        assertThat(codeOf(f.registry.decline(f.ledger, t1.id(), BEA, "not mine", T0))).isEqualTo(Rejection.NOT_AUTHORISED);
        // a decline says why: without a reason, or with one too long, nothing changes
        assertThat(codeOf(f.registry.decline(f.ledger, t1.id(), BOB, "  ", T0))).isEqualTo(Rejection.INVALID_REQUEST);
        assertThat(codeOf(f.registry.decline(f.ledger, t1.id(), BOB, null, T0))).isEqualTo(Rejection.INVALID_REQUEST);
        assertThat(codeOf(f.registry.decline(f.ledger, t1.id(), BOB, "x".repeat(Registry.MAX_DECLINE_REASON + 1), T0))).isEqualTo(Rejection.INVALID_REQUEST);
        assertThat(f.ledger.transaction(t1.id()).orElseThrow().status()).isEqualTo(TransactionStatus.AWAITING_APPROVAL);
        assertThat(f.ledger.declineReason(t1.id())).isEmpty();
        Outcome declined = f.registry.decline(f.ledger, t1.id(), BOB, " wrong account ", T0);
        assertThat(f.ledger.declineReason(t1.id())).contains("wrong account");
        assertThat(codeOf(declined)).isEqualTo(Rejection.DECLINED);
        // who declined and when are kept on the transaction, as an approval's are
        assertThat(declined.transaction().approvedBy()).isEqualTo(BOB);
        assertThat(declined.transaction().approvedAt()).isEqualTo(T0);
        assertThat(declined.transaction().status()).isEqualTo(TransactionStatus.REJECTED);
        Transaction t2 = assertAccepted(f.propose(transfer(f, ALICE, A, B, 10), T0), TransactionStatus.AWAITING_APPROVAL);
        assertAccepted(f.registry.approve(f.ledger, t2.id(), BOB, T0), TransactionStatus.DELAYED);
        assertThat(codeOf(f.registry.cancel(f.ledger, t2.id(), BEA, T0))).isEqualTo(Rejection.NOT_AUTHORISED);
        assertAccepted(f.registry.cancel(f.ledger, t2.id(), ALICE, T0), TransactionStatus.CANCELLED);
        assertThat(f.registry.completeDue(f.ledger, T0.plus(Duration.ofDays(30)))).isEmpty();
        assertThat(codeOf(f.registry.cancel(f.ledger, t2.id(), ALICE, T0))).isEqualTo(Rejection.INVALID_STATE);
        assertThat(f.held(A, CEA_2024)).isEqualTo(100);
    }

    // ------------------------------------------------------------------------------------------ terminal accounts

    @Test
    void terminalAccountsSendOnlyByReversal() {
        f.fund(A, CEA_2024, 100, T0);
        Transaction sur = assertAccepted(f.propose(TransactionRequest.of(f.id(), TransactionType.SURRENDER, ALICE, A, 0, CEA_2024, 10), T0), TransactionStatus.COMPLETED);
        Transaction ret = assertAccepted(f.propose(TransactionRequest.retire(f.id(), ALICE, A, CEA_2024, 10, "Hangzhou Asian Games", "carbon-neutral event"), T0), TransactionStatus.COMPLETED);
        Transaction can = assertAccepted(f.propose(TransactionRequest.of(f.id(), TransactionType.CANCEL, ALICE, A, 0, CEA_2024, 10), T0), TransactionStatus.COMPLETED);
        assertThat(List.of(sur.to(), ret.to(), can.to())).containsExactly(SURR, RET, CANC);
        for (long terminal : List.of(SURR, RET, CANC)) {
            assertThat(f.held(terminal, CEA_2024)).isEqualTo(10);
            for (TransactionType type : List.of(TransactionType.TRANSFER, TransactionType.ALLOCATE, TransactionType.RETURN_OF_EXCESS))
                assertThat(codeOf(f.propose(TransactionRequest.of(f.id(), type, ADMIN1, terminal, type == TransactionType.RETURN_OF_EXCESS ? 0 : A, CEA_2024, 1), T0)))
                        .as(type + " from " + terminal).isEqualTo(Rejection.TERMINAL_ACCOUNT);
            assertThat(codeOf(f.propose(TransactionRequest.of(f.id(), TransactionType.SURRENDER, ADMIN1, terminal, 0, CEA_2024, 1), T0)))
                    .isIn(Rejection.TERMINAL_ACCOUNT, Rejection.SAME_ACCOUNT);
            assertThat(codeOf(f.propose(TransactionRequest.pledge(f.id(), TransactionType.FREEZE, ADMIN1, terminal, C, CEA_2024, 1), T0)))
                    .isEqualTo(Rejection.TERMINAL_ACCOUNT);
            // holders hold no role on government accounts
            assertThat(codeOf(f.propose(transfer(f, ALICE, terminal, A, 1), T0))).isEqualTo(Rejection.NOT_AUTHORISED);
        }
        for (Transaction t : List.of(sur, ret, can)) {
            Transaction rev = assertAccepted(f.propose(TransactionRequest.reversal(f.id(), ADMIN1, t.id()), T0), TransactionStatus.AWAITING_APPROVAL);
            assertAccepted(f.registry.approve(f.ledger, rev.id(), ADMIN2, T0), TransactionStatus.COMPLETED);
            assertThat(f.held(t.to(), CEA_2024)).isZero();
        }
        assertThat(f.held(A, CEA_2024)).isEqualTo(100);
        assertThat(f.blocks(A, CEA_2024)).containsExactly(new SerialRange(1, 100));
    }

    @Test
    void retirementNeedsBeneficiaryAndPurpose() {
        f.fund(A, CEA_2024, 100, T0);
        record Row(String beneficiary, String purpose, boolean ok) {}
        List<Row> table = List.of(new Row(null, "purpose", false), new Row("beneficiary", null, false), new Row(" ", "purpose", false),
                new Row("beneficiary", "", false), new Row("x".repeat(501), "purpose", false), new Row("B", "P", true));
        for (Row row : table) {
            Outcome o = f.propose(TransactionRequest.retire(f.id(), ALICE, A, CEA_2024, 1, row.beneficiary, row.purpose), T0);
            if (row.ok) assertAccepted(o, TransactionStatus.COMPLETED);
            else assertThat(codeOf(o)).as(row.toString()).isEqualTo(Rejection.INVALID_REQUEST);
        }
        // other types may not name a beneficiary
        assertThat(codeOf(f.propose(new TransactionRequest(f.id(), TransactionType.SURRENDER, ALICE, A, 0, CEA_2024, 1, "B", "P", 0, 0, null), T0)))
                .isEqualTo(Rejection.INVALID_REQUEST);
        // free text survives the journal's encoding
        Transaction t = assertAccepted(f.propose(TransactionRequest.retire(f.id(), ALICE, A, CEA_2024, 5, "Li | Wei 100%", "line1\nline2 %7C"), T0),
                TransactionStatus.COMPLETED);
        String line = f.ledger.journal().getLast();
        JournalEntry e = JournalEntry.parse(line);
        assertThat(e.transactionId()).isEqualTo(t.id());
        assertThat(e.beneficiary()).isEqualTo("Li | Wei 100%");
        assertThat(e.purpose()).isEqualTo("line1\nline2 %7C");
        assertThat(e.canonical()).isEqualTo(line);
        assertThat(f.held(RET, CEA_2024)).isEqualTo(6);
    }

    // ------------------------------------------------------------------------------------------ freeze

    @Test
    void frozenUnitsCannotMove() {
        f.fund(A, CEA_2024, 100, T0);
        Transaction fr = f.freeze(A, C, CEA_2024, 40, T0);
        assertThat(fr.ranges()).containsExactly(new SerialRange(61, 100));
        assertThat(f.holding(A, CEA_2024)).isEqualTo(new Holding(A, f.ledger.series(CEA_2024).orElseThrow().id(), 100, 40));
        assertThat(codeOf(f.propose(transfer(f, ALICE, A, B, 61), T0))).isEqualTo(Rejection.HOLDINGS_FROZEN);
        assertThat(codeOf(f.propose(TransactionRequest.of(f.id(), TransactionType.SURRENDER, ALICE, A, 0, CEA_2024, 61), T0))).isEqualTo(Rejection.HOLDINGS_FROZEN);
        assertThat(codeOf(f.propose(TransactionRequest.pledge(f.id(), TransactionType.FREEZE, ADMIN1, A, B, CEA_2024, 61), T0))).isEqualTo(Rejection.HOLDINGS_FROZEN);
        Transaction moved = assertAccepted(f.propose(transfer(f, ALICE, A, B, 60), T0), TransactionStatus.COMPLETED);
        assertThat(moved.ranges()).as("free units only").containsExactly(new SerialRange(1, 60));
        assertThat(f.holding(A, CEA_2024).free()).isZero();
        // the pledge is to C: unfreezing for another pledgee finds nothing
        assertThat(codeOf(f.propose(TransactionRequest.pledge(f.id(), TransactionType.UNFREEZE, ADMIN1, A, B, CEA_2024, 1), T0))).isEqualTo(Rejection.INSUFFICIENT_PLEDGED);
        assertThat(codeOf(f.propose(TransactionRequest.pledge(f.id(), TransactionType.UNFREEZE, ADMIN1, A, C, CEA_2024, 41), T0))).isEqualTo(Rejection.INSUFFICIENT_PLEDGED);
        assertThat(codeOf(f.propose(TransactionRequest.pledge(f.id(), TransactionType.UNFREEZE, ALICE, A, C, CEA_2024, 40), T0))).isEqualTo(Rejection.NOT_AUTHORISED);
        Transaction un = f.unfreeze(A, C, CEA_2024, 15, T0);
        assertThat(un.ranges()).containsExactly(new SerialRange(86, 100));
        assertThat(f.holding(A, CEA_2024).frozen()).isEqualTo(25);
        assertAccepted(f.propose(transfer(f, ALICE, A, B, 15), T0), TransactionStatus.COMPLETED);
        assertThat(codeOf(f.propose(transfer(f, ALICE, A, B, 1), T0))).isEqualTo(Rejection.HOLDINGS_FROZEN);
        assertThat(f.held(B, CEA_2024)).isEqualTo(75);
        // a pledge is not reversed: it is undone by UNFREEZE
        assertThat(codeOf(f.propose(TransactionRequest.reversal(f.id(), ADMIN1, fr.id()), T0))).isEqualTo(Rejection.NOT_REVERSIBLE);
        assertThat(codeOf(f.propose(TransactionRequest.reversal(f.id(), ADMIN1, un.id()), T0))).isEqualTo(Rejection.NOT_REVERSIBLE);
    }

    @Test
    void reversalOfUnitsSinceFrozenOrMovedOnIsRefused() {
        f.fund(A, CEA_2024, 100, T0);
        Transaction t1 = assertAccepted(f.propose(transfer(f, ALICE, A, B, 10), T0), TransactionStatus.COMPLETED);
        Transaction t2 = assertAccepted(f.propose(transfer(f, ALICE, A, B, 10), T0), TransactionStatus.COMPLETED);
        f.freeze(B, C, CEA_2024, 5, T0);
        assertThat(codeOf(f.propose(TransactionRequest.reversal(f.id(), ADMIN1, t1.id()), T0))).isEqualTo(Rejection.HOLDINGS_FROZEN);
        assertAccepted(f.propose(transfer(f, BEA, B, C, 15), T0), TransactionStatus.COMPLETED); // 81..95 leave B
        assertThat(codeOf(f.propose(TransactionRequest.reversal(f.id(), ADMIN1, t2.id()), T0))).isEqualTo(Rejection.INSUFFICIENT_HOLDINGS);
        assertThat(f.held(B, CEA_2024)).isEqualTo(5);
    }

    @Test
    void anAdministratorsOperationCarriesItsReasonAndOnlyARetirementABeneficiary() {
        f.fund(A, CEA_2024, 100, T0);
        Transaction fd = assertAccepted(f.propose(new TransactionRequest(f.id(), TransactionType.FORCED_DEDUCTION, ADMIN1, A, 0, CEA_2024, 10, null,
                "penalty decision 2026-9", 0, 0, null), T0), TransactionStatus.AWAITING_APPROVAL);
        assertThat(fd.purpose()).isEqualTo("penalty decision 2026-9");
        fd = assertAccepted(f.registry.approve(f.ledger, fd.id(), ADMIN2, T0), TransactionStatus.COMPLETED);
        // the reason is part of the journal's record of it
        assertThat(f.ledger.journal().getLast()).contains("penalty decision 2026-9");
        assertThat(codeOf(f.propose(new TransactionRequest(f.id(), TransactionType.FORCED_DEDUCTION, ADMIN1, A, 0, CEA_2024, 1, "someone",
                "why", 0, 0, null), T0))).isEqualTo(Rejection.INVALID_REQUEST);
        assertThat(codeOf(f.propose(new TransactionRequest(f.id(), TransactionType.FORCED_DEDUCTION, ADMIN1, A, 0, CEA_2024, 1, null,
                "x".repeat(501), 0, 0, null), T0))).isEqualTo(Rejection.INVALID_REQUEST);
        // a holder's transfer carries no free text to its counterparty
        assertThat(codeOf(f.propose(new TransactionRequest(f.id(), TransactionType.TRANSFER, ALICE, A, B, CEA_2024, 1, null,
                "call me at …", 0, 0, null), T0))).isEqualTo(Rejection.INVALID_REQUEST);
        // a reversal says why, and names no beneficiary
        Transaction t = assertAccepted(f.propose(transfer(f, ALICE, A, B, 5), T0), TransactionStatus.COMPLETED);
        Transaction rev = assertAccepted(f.propose(new TransactionRequest(f.id(), TransactionType.REVERSAL, ADMIN1, 0, 0, null, 0, null,
                "sent to the wrong account", 0, t.id(), null), T0), TransactionStatus.AWAITING_APPROVAL);
        assertThat(rev.purpose()).isEqualTo("sent to the wrong account");
        assertThat(codeOf(f.propose(new TransactionRequest(f.id(), TransactionType.REVERSAL, ADMIN1, 0, 0, null, 0, "someone",
                null, 0, t.id(), null), T0))).isEqualTo(Rejection.INVALID_REQUEST);
    }

    @Test
    void reversalOfARejectedTransactionIsRefused() {
        f.fund(A, CEA_2024, 100, T0);
        List<Outcome> rejected = List.of(
                f.propose(transfer(f, ALICE, A, 999, 10), T0),                                     // unknown destination
                f.propose(new TransactionRequest(f.id(), TransactionType.TRANSFER, ALICE, A, 0, CEA_2024, 10, null, null, 0, 0, null), T0), // no destination
                f.propose(TransactionRequest.issue(f.id(), ADMIN1, CEA_2025, 0, null), T0),        // never resolved
                f.propose(transfer(f, ALICE, A, B, 1000), T0));                                     // insufficient
        for (Outcome o : rejected) {
            assertThat(o).isInstanceOf(Outcome.Rejected.class);
            assertThat(codeOf(f.propose(TransactionRequest.reversal(f.id(), ADMIN1, o.transaction().id()), T0)))
                    .as(o.toString()).isEqualTo(Rejection.NOT_REVERSIBLE);
            // a holder learns nothing of what the transaction moved: whether it resolved or not, a reversal is not theirs
            assertThat(codeOf(f.propose(TransactionRequest.reversal(f.id(), ALICE, o.transaction().id()), T0)))
                    .as(o.toString()).isEqualTo(Rejection.NOT_AUTHORISED);
        }
    }

    // ------------------------------------------------------------------------------------------ batches

    @Test
    void batchIsAllOrNothing() {
        f.fund(A, CEA_2024, 100, T0);
        int journal = f.ledger.journal().size();
        record Row(String why, List<TransactionRequest> lines, Rejection expected) {}
        List<Row> table = List.of(
                new Row("lines together draw more than held", List.of(transfer(f, ALICE, A, B, 30), transfer(f, ALICE, A, C, 30), transfer(f, ALICE, A, B, 50)), Rejection.INSUFFICIENT_HOLDINGS),
                new Row("one unknown account", List.of(transfer(f, ALICE, A, B, 10), transfer(f, ALICE, A, 999, 10)), Rejection.UNKNOWN_ACCOUNT),
                new Row("one bad quantity", List.of(transfer(f, ALICE, A, B, 10), transfer(f, ALICE, A, C, -1)), Rejection.INVALID_QUANTITY),
                new Row("another initiator", List.of(transfer(f, ALICE, A, B, 10), transfer(f, BEA, B, C, 1)), Rejection.INVALID_REQUEST),
                new Row("empty", List.of(), Rejection.INVALID_REQUEST));
        for (Row row : table) {
            Outcome.Batch b = f.registry.proposeBatch(f.ledger, new BatchRequest(f.id(), ALICE, row.lines), T0);
            assertThat(b.code()).as(row.why).isEqualTo(row.expected);
            assertThat(b.lines()).allSatisfy(t -> assertThat(t.status()).isEqualTo(TransactionStatus.REJECTED));
        }
        assertThat(f.held(A, CEA_2024)).isEqualTo(100);
        assertThat(f.ledger.journal()).hasSize(journal);

        Outcome.Batch ok = f.registry.proposeBatch(f.ledger, new BatchRequest(f.id(), ALICE, List.of(transfer(f, ALICE, A, B, 30), transfer(f, ALICE, A, C, 70))), T0);
        assertThat(ok.isRejected()).isFalse();
        assertThat(ok.lines()).extracting(Transaction::status).containsOnly(TransactionStatus.COMPLETED);
        assertThat(f.held(A, CEA_2024)).isZero();
        assertThat(f.held(C, CEA_2024)).isEqualTo(70);
    }

    @Test
    void approvingOneLineApprovesTheBatchAndCompletionIsAllOrNothing() {
        f.controls(AccountType.COVERED_ENTITY_HOLDING, new Controls(true, 72, 0, Controls.UntrustedPolicy.DELAY, 0, 0));
        f.fund(A, CEA_2024, 100, T0);
        Outcome.Batch b = f.registry.proposeBatch(f.ledger, new BatchRequest(f.id(), ALICE, List.of(transfer(f, ALICE, A, B, 30), transfer(f, ALICE, A, C, 20))), T0);
        assertThat(b.lines()).extracting(Transaction::status).containsOnly(TransactionStatus.AWAITING_APPROVAL);
        Outcome o = f.registry.approve(f.ledger, b.lines().get(1).id(), BOB, T0);
        assertThat(o.transaction().id()).isEqualTo(b.lines().get(1).id());
        assertThat(f.ledger.batch(b.lines().getFirst().batchId())).extracting(Transaction::status).containsOnly(TransactionStatus.COMPLETED);
        assertThat(f.held(B, CEA_2024)).isEqualTo(30);
        assertThat(f.held(C, CEA_2024)).isEqualTo(20);

        // state changes while a batch waits: at approval one line no longer fits, and no line moves
        Outcome.Batch c = f.registry.proposeBatch(f.ledger, new BatchRequest(f.id(), ALICE, List.of(transfer(f, ALICE, A, B, 10), transfer(f, ALICE, A, C, 40))), T0);
        assertThat(c.isRejected()).isFalse();
        Transaction freeze = assertAccepted(f.propose(TransactionRequest.pledge(f.id(), TransactionType.FREEZE, ADMIN1, A, C, CEA_2024, 10), T0), TransactionStatus.AWAITING_APPROVAL);
        assertAccepted(f.registry.approve(f.ledger, freeze.id(), ADMIN2, T0), TransactionStatus.COMPLETED);
        assertThat(codeOf(f.registry.approve(f.ledger, c.lines().getFirst().id(), BOB, T0))).isEqualTo(Rejection.HOLDINGS_FROZEN);
        assertThat(f.ledger.batch(c.lines().getFirst().batchId())).extracting(Transaction::status).containsOnly(TransactionStatus.REJECTED);
        assertThat(f.held(A, CEA_2024)).isEqualTo(50);
        assertThat(f.held(B, CEA_2024)).isEqualTo(30);
    }

    @Test
    void aReversalIsNotBatchedWithOtherLines() {
        f.fund(A, CEA_2024, 100, T0);
        Transaction t1 = assertAccepted(f.propose(transfer(f, ALICE, A, B, 10), T0), TransactionStatus.COMPLETED); // 91..100 to B
        assertAccepted(f.propose(transfer(f, ALICE, A, B, 20), T0), TransactionStatus.COMPLETED);                  // 71..90 to B: B holds 71..100
        // the same transaction twice, or next to a line that takes B's highest serials (the very units to reverse):
        // either would find its serials gone at completion
        List<List<TransactionRequest>> batches = List.of(
                List.of(TransactionRequest.reversal(f.id(), ADMIN1, t1.id()), TransactionRequest.reversal(f.id(), ADMIN1, t1.id())),
                List.of(TransactionRequest.of(f.id(), TransactionType.FORCED_DEDUCTION, ADMIN1, B, 0, CEA_2024, 10),
                        TransactionRequest.reversal(f.id(), ADMIN1, t1.id())));
        for (List<TransactionRequest> lines : batches) {
            Outcome.Batch b = f.registry.proposeBatch(f.ledger, new BatchRequest(f.id(), ADMIN1, lines), T0);
            assertThat(b.code()).isEqualTo(Rejection.INVALID_REQUEST);
        }
        assertThat(f.held(B, CEA_2024)).isEqualTo(30);
        // on its own (also as a one-line batch) it is fine
        Outcome.Batch alone = f.registry.proposeBatch(f.ledger, new BatchRequest(f.id(), ADMIN1, List.of(TransactionRequest.reversal(f.id(), ADMIN1, t1.id()))), T0);
        assertThat(alone.isRejected()).isFalse();
        assertAccepted(f.registry.approve(f.ledger, alone.lines().getFirst().id(), ADMIN2, T0), TransactionStatus.COMPLETED);
        assertThat(f.blocks(B, CEA_2024)).containsExactly(new SerialRange(71, 90));
        assertThat(f.blocks(A, CEA_2024)).containsExactly(new SerialRange(1, 70), new SerialRange(91, 100));
    }

    // ------------------------------------------------------------------------------------------ cap

    @Test
    void issuanceStaysWithinTheCap() {
        Instant t = T0;
        assertThat(f.issue(CEA_2025, 300, t).ranges()).containsExactly(new SerialRange(1, 300));
        assertThat(codeOf(f.propose(TransactionRequest.issue(f.id(), ADMIN1, CEA_2025, 201, null), t))).isEqualTo(Rejection.EXCEEDS_CAP);
        // two issuances that each fit, but not together: the second is refused when it is proposed, the first one's units
        // awaiting approval counting against the cap
        Transaction p1 = assertAccepted(f.propose(TransactionRequest.issue(f.id(), ADMIN1, CEA_2025, 150, null), t), TransactionStatus.AWAITING_APPROVAL);
        Outcome second = f.propose(TransactionRequest.issue(f.id(), ADMIN1, CEA_2025, 100, null), t);
        assertThat(codeOf(second)).isEqualTo(Rejection.EXCEEDS_CAP);
        assertThat(((Outcome.Rejected) second).detail()).contains("150 t awaiting approval");
        Transaction p2 = assertAccepted(f.propose(TransactionRequest.issue(f.id(), ADMIN1, CEA_2025, 50, null), t), TransactionStatus.AWAITING_APPROVAL);
        // the cap is checked again at completion: lowered meanwhile, the second no longer fits
        f.ledger.cap("CEA", 2025, 460);
        assertThat(assertAccepted(f.registry.approve(f.ledger, p1.id(), ADMIN2, t), TransactionStatus.COMPLETED).ranges())
                .containsExactly(new SerialRange(301, 450));
        assertThat(codeOf(f.registry.approve(f.ledger, p2.id(), ADMIN2, t))).isEqualTo(Rejection.EXCEEDS_CAP);
        f.ledger.cap("CEA", 2025, 500);
        assertThat(f.issue(CEA_2025, 50, t).ranges()).containsExactly(new SerialRange(451, 500));
        assertThat(codeOf(f.propose(TransactionRequest.issue(f.id(), ADMIN1, CEA_2025, 1, null), t))).isEqualTo(Rejection.EXCEEDS_CAP);
        assertThat(f.held(TQ, CEA_2025)).isEqualTo(500);
        // an allowance without a cap is never issued; an offset without one is
        SeriesKey uncapped = new SeriesKey(CEA, Vintage.of(2030), null);
        assertThat(codeOf(f.propose(TransactionRequest.issue(f.id(), ADMIN1, uncapped, 1, null), t))).isEqualTo(Rejection.EXCEEDS_CAP);
        assertThat(f.issue(CCER_P1, 1_000_000, t).ranges()).containsExactly(new SerialRange(1, 1_000_000));
        // a batch's issuing lines count together
        Outcome.Batch b = f.registry.proposeBatch(f.ledger, new BatchRequest(f.id(), ADMIN1, List.of(
                TransactionRequest.issue(f.id(), ADMIN1, CEA_2024, 6000, null), TransactionRequest.issue(f.id(), ADMIN1, CEA_2024, 5000, null))), t);
        assertThat(b.code()).isEqualTo(Rejection.EXCEEDS_CAP);
    }

    // ------------------------------------------------------------------------------------------ trusted list

    @Test
    void untrustedTransferRefusedWhenControlsSaySo() {
        f.controls(AccountType.COVERED_ENTITY_HOLDING, new Controls(false, 72, 0, Controls.UntrustedPolicy.REFUSE, 0, 4));
        f.fund(A, CEA_2024, 100, T0);
        Instant t = at("2024-09-30T15:00");
        assertThat(codeOf(f.propose(transfer(f, ALICE, A, B, 10), t))).isEqualTo(Rejection.ACCOUNT_NOT_ON_TRUSTED_LIST);
        TrustedAccount entry = f.registry.trust(f.ledger, A, B, t);
        // 4 business hours: 2 on 09-30, then the holidays, then 2 on 10-08
        assertThat(entry.activatesAt()).isEqualTo(at("2024-10-08T11:00"));
        // adding it again never moves its activation: the entry is returned as it is
        assertThat(f.registry.trust(f.ledger, A, B, at("2024-10-08T10:00")).activatesAt()).isEqualTo(at("2024-10-08T11:00"));
        Outcome early = f.propose(transfer(f, ALICE, A, B, 10), at("2024-10-08T10:59"));
        assertThat(codeOf(early)).isEqualTo(Rejection.ACCOUNT_NOT_ON_TRUSTED_LIST);
        // on the list, not active yet: it says when, in the jurisdiction's time
        assertThat(((Outcome.Rejected) early).detail()).contains("is on the trusted list", "from 2024-10-08 11:00 on");
        assertAccepted(f.propose(transfer(f, ALICE, A, B, 10), at("2024-10-08T11:00")), TransactionStatus.COMPLETED);
        // the list is one-way and per account
        assertThat(codeOf(f.propose(transfer(f, ALICE, A, C, 10), at("2024-10-08T11:00")))).isEqualTo(Rejection.ACCOUNT_NOT_ON_TRUSTED_LIST);
        // government accounts are not subject to it
        f.issue(CEA_2024, 1, T0);
        f.allocate(C, CEA_2024, 1, T0);
    }

    @Test
    void aTransferWhoseDestinationLeftTheTrustedListWhileItWaitedDoesNotComplete() {
        f.controls(AccountType.COVERED_ENTITY_HOLDING, new Controls(true, 72, 0, Controls.UntrustedPolicy.REFUSE, 0, 0));
        f.fund(A, CEA_2024, 100, T0);
        f.registry.trust(f.ledger, A, B, T0);
        Transaction waiting = assertAccepted(f.propose(transfer(f, ALICE, A, B, 10), T0), TransactionStatus.AWAITING_APPROVAL);
        Transaction other = assertAccepted(f.propose(transfer(f, ALICE, A, B, 5), T0), TransactionStatus.AWAITING_APPROVAL);
        assertAccepted(f.registry.approve(f.ledger, other.id(), BOB, T0), TransactionStatus.COMPLETED);
        // the holder takes B off the list (a phishing attempt found out): what still waits does not go
        f.ledger.removeTrusted(A, B);
        assertThat(codeOf(f.registry.approve(f.ledger, waiting.id(), BOB, T0))).isEqualTo(Rejection.ACCOUNT_NOT_ON_TRUSTED_LIST);
        assertThat(f.held(B, CEA_2024)).isEqualTo(5);
        assertThat(f.held(A, CEA_2024)).isEqualTo(95);
    }

    @Test
    void untrustedTransferDelayedWhenControlsSaySo() {
        f.controls(AccountType.COVERED_ENTITY_HOLDING, new Controls(false, 72, 0, Controls.UntrustedPolicy.DELAY, 24, 0));
        f.fund(A, CEA_2024, 100, T0);
        Instant t = at("2024-09-27T16:00"); // Friday before the make-up Sunday
        f.registry.trust(f.ledger, A, B, at("2024-09-27T10:00"));
        assertAccepted(f.propose(transfer(f, ALICE, A, B, 10), t), TransactionStatus.COMPLETED);
        Transaction d = assertAccepted(f.propose(transfer(f, ALICE, A, C, 10), t), TransactionStatus.DELAYED);
        // 1 h Friday, 8 h make-up Sunday 09-29, 8 h Monday 09-30, holidays, 7 h on 10-08
        assertThat(d.executesAt()).isEqualTo(at("2024-10-08T16:00"));
        assertThat(f.registry.completeDue(f.ledger, at("2024-10-08T15:00"))).isEmpty();
        assertThat(f.registry.completeDue(f.ledger, at("2024-10-08T16:00"))).hasSize(1);
        assertThat(f.held(C, CEA_2024)).isEqualTo(10);
    }

    @Test
    void zeroActivationDelayMeansTrustedAtOnceEvenAtNight() {
        f.controls(AccountType.COVERED_ENTITY_HOLDING, new Controls(false, 72, 0, Controls.UntrustedPolicy.REFUSE, 0, 0));
        f.fund(A, CEA_2024, 100, T0);
        Instant saturdayNight = at("2024-09-28T22:00");
        assertThat(f.registry.trust(f.ledger, A, B, saturdayNight).activatesAt()).isEqualTo(saturdayNight);
        assertAccepted(f.propose(transfer(f, ALICE, A, B, 10), saturdayNight.plusSeconds(60)), TransactionStatus.COMPLETED);
    }

    @Test
    void underFourEyesAnAdditionWaitsForASecondPersonAndItsDelayCountsFromTheApproval() {
        // 4-eyes, a 24 h approval window, 4 business hours' activation
        f.controls(AccountType.COVERED_ENTITY_HOLDING, new Controls(true, 24, 0, Controls.UntrustedPolicy.REFUSE, 0, 4));
        f.fund(A, CEA_2024, 100, T0);
        Instant t = at("2024-09-26T09:00"); // a Thursday
        TrustedAddition.Added added = f.registry.addTrusted(f.ledger, A, B, ALICE, t);
        assertThat(added.isPending()).isTrue();
        assertThat(added.pending().expiresAt()).isEqualTo(t.plus(java.time.Duration.ofHours(24)));
        // pending is not trusted: a transfer to B is one to an account not on the list, and says so
        Outcome before = f.propose(transfer(f, ALICE, A, B, 10), at("2024-09-26T15:00"));
        assertThat(codeOf(before)).isEqualTo(Rejection.ACCOUNT_NOT_ON_TRUSTED_LIST);
        assertThat(((Outcome.Rejected) before).detail()).contains("is not on the trusted list");
        // adding it again returns the pending addition; the proposer never approves their own
        assertThat(f.registry.addTrusted(f.ledger, A, B, ALICE, at("2024-09-26T10:00")).pending().id()).isEqualTo(added.pending().id());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.registry.approveTrusted(f.ledger, A, B, ALICE, at("2024-09-26T10:00"))).isInstanceOf(IllegalArgumentException.class);
        // approved by a second person at 14:00: active 4 business hours after the approval (3 on Thursday, 1 on Friday),
        // not after the proposal (that would have been Thursday 13:00)
        TrustedAccount entry = f.registry.approveTrusted(f.ledger, A, B, BOB, at("2024-09-26T14:00")).orElseThrow();
        assertThat(entry.activatesAt()).isEqualTo(at("2024-09-27T10:00"));
        assertThat(f.registry.approveTrusted(f.ledger, A, B, BOB, at("2024-09-26T14:00"))).as("approved once").isEmpty();
        assertThat(codeOf(f.propose(transfer(f, ALICE, A, B, 10), at("2024-09-27T09:59")))).isEqualTo(Rejection.ACCOUNT_NOT_ON_TRUSTED_LIST);
        assertAccepted(f.propose(transfer(f, ALICE, A, B, 10), at("2024-09-27T10:00")), TransactionStatus.AWAITING_APPROVAL);
        // on the list: adding it again returns the entry, nothing pending
        assertThat(f.registry.addTrusted(f.ledger, A, B, ALICE, at("2024-09-27T11:00")).entry()).isEqualTo(entry);
    }

    @Test
    void aPendingAdditionDeclinedWithdrawnOrLapsedNeverBecomesTrusted() {
        f.controls(AccountType.COVERED_ENTITY_HOLDING, new Controls(true, 24, 0, Controls.UntrustedPolicy.REFUSE, 0, 0));
        Instant t = at("2024-09-26T09:00");
        f.registry.addTrusted(f.ledger, A, B, ALICE, t);
        assertThat(f.registry.endTrusted(f.ledger, A, B, TrustedAddition.End.DECLINED, BOB, "unknown counterparty", t)).isTrue();
        assertThat(f.registry.approveTrusted(f.ledger, A, B, BOB, t)).isEmpty();
        assertThat(f.ledger.trusted(A, B)).isEmpty();
        f.registry.addTrusted(f.ledger, A, B, ALICE, t);
        assertThat(f.registry.endTrusted(f.ledger, A, B, TrustedAddition.End.WITHDRAWN, ALICE, null, t)).isTrue();
        assertThat(f.registry.endTrusted(f.ledger, A, B, TrustedAddition.End.WITHDRAWN, ALICE, null, t)).as("ended once").isFalse();
        // lapsed after the window: nothing to approve; a new addition starts a new window
        TrustedAddition first = f.registry.addTrusted(f.ledger, A, B, ALICE, t).pending();
        assertThat(f.registry.approveTrusted(f.ledger, A, B, BOB, t.plus(java.time.Duration.ofHours(24)))).isEmpty();
        assertThat(f.ledger.trusted(A, B)).isEmpty();
        TrustedAddition again = f.registry.addTrusted(f.ledger, A, B, ALICE, t.plus(java.time.Duration.ofHours(25))).pending();
        assertThat(again.id()).isNotEqualTo(first.id());
        // without 4-eyes an addition is on the list at once, as before
        f.controls(AccountType.COVERED_ENTITY_HOLDING, new Controls(false, 24, 0, Controls.UntrustedPolicy.REFUSE, 0, 0));
        assertThat(f.registry.addTrusted(f.ledger, A, C, ALICE, t).isPending()).isFalse();
        assertThat(f.ledger.trusted(A, C)).isPresent();
    }

    // ------------------------------------------------------------------------------------------ serial blocks

    @Test
    void partialTransferSplitsOneBlockAndAdjacentBlocksMergeBack() {
        f.fund(A, CEA_2024, 100, T0);
        Transaction out = assertAccepted(f.propose(transfer(f, ALICE, A, B, 30), T0), TransactionStatus.COMPLETED);
        assertThat(out.ranges()).as("the highest serials of the block").containsExactly(new SerialRange(71, 100));
        assertThat(f.blocks(A, CEA_2024)).containsExactly(new SerialRange(1, 70));
        assertThat(f.blocks(B, CEA_2024)).containsExactly(new SerialRange(71, 100));
        Transaction back = assertAccepted(f.propose(transfer(f, BEA, B, A, 30), T0), TransactionStatus.COMPLETED);
        assertThat(back.ranges()).containsExactly(new SerialRange(71, 100));
        assertThat(f.blocks(A, CEA_2024)).containsExactly(new SerialRange(1, 100));
        assertThat(f.blocks(B, CEA_2024)).isEmpty();
        assertThat(f.held(B, CEA_2024)).isZero();

        // the smallest block that holds the whole quantity (its highest serials), else lowest serials first; only the
        // last block taken is split
        assertAccepted(f.propose(transfer(f, ALICE, A, B, 10), T0), TransactionStatus.COMPLETED);   // B 91..100
        assertAccepted(f.propose(transfer(f, ALICE, A, C, 10), T0), TransactionStatus.COMPLETED);   // C 81..90
        assertAccepted(f.propose(transfer(f, BEA, B, A, 10), T0), TransactionStatus.COMPLETED);     // A 1..80, 91..100
        assertThat(f.blocks(A, CEA_2024)).containsExactly(new SerialRange(1, 80), new SerialRange(91, 100));
        Transaction one = assertAccepted(f.propose(transfer(f, ALICE, A, B, 15), T0), TransactionStatus.COMPLETED);
        assertThat(one.ranges()).as("91..100 is too small on its own: one range from 1..80").containsExactly(new SerialRange(66, 80));
        assertThat(f.blocks(A, CEA_2024)).containsExactly(new SerialRange(1, 65), new SerialRange(91, 100));
        Transaction small = assertAccepted(f.propose(transfer(f, ALICE, A, C, 4), T0), TransactionStatus.COMPLETED);
        assertThat(small.ranges()).as("the smallest block that holds 4").containsExactly(new SerialRange(97, 100));
        assertThat(f.blocks(C, CEA_2024)).containsExactly(new SerialRange(81, 90), new SerialRange(97, 100));
        assertAccepted(f.propose(transfer(f, CARL, C, A, 14), T0), TransactionStatus.COMPLETED);     // back to A: 81..90, 97..100
        assertThat(f.blocks(A, CEA_2024)).containsExactly(new SerialRange(1, 65), new SerialRange(81, 100));
        assertAccepted(f.propose(transfer(f, ALICE, A, C, 60), T0), TransactionStatus.COMPLETED);    // 6..65: C 6..65
        assertThat(f.blocks(A, CEA_2024)).containsExactly(new SerialRange(1, 5), new SerialRange(81, 100));
        Transaction two = assertAccepted(f.propose(transfer(f, ALICE, A, C, 22), T0), TransactionStatus.COMPLETED);
        assertThat(two.ranges()).as("no block holds 22: lowest serials first, the last block split")
                .containsExactly(new SerialRange(1, 5), new SerialRange(81, 97));
        assertThat(f.blocks(A, CEA_2024)).containsExactly(new SerialRange(98, 100));
        assertThat(f.blocks(C, CEA_2024)).as("1..5 merges with 6..65; 81..97 stays apart")
                .containsExactly(new SerialRange(1, 65), new SerialRange(81, 97));
        Transaction gap = assertAccepted(f.propose(transfer(f, BEA, B, C, 15), T0), TransactionStatus.COMPLETED);
        assertThat(gap.ranges()).containsExactly(new SerialRange(66, 80));
        assertThat(f.blocks(C, CEA_2024)).as("66..80 fills the gap").containsExactly(new SerialRange(1, 97));

        // of the blocks that hold the quantity, the smallest goes first, even when a larger one has lower serials
        assertAccepted(f.propose(transfer(f, CARL, C, B, 50), T0), TransactionStatus.COMPLETED);    // C 1..47, B 48..97
        assertAccepted(f.propose(transfer(f, CARL, C, A, 20), T0), TransactionStatus.COMPLETED);    // C 1..27, A 28..47, 98..100
        assertThat(f.blocks(A, CEA_2024)).containsExactly(new SerialRange(28, 47), new SerialRange(98, 100));
        Transaction fit = assertAccepted(f.propose(transfer(f, ALICE, A, B, 3), T0), TransactionStatus.COMPLETED);
        assertThat(fit.ranges()).as("98..100 holds exactly 3; 28..47 is larger").containsExactly(new SerialRange(98, 100));
        assertThat(f.blocks(A, CEA_2024)).containsExactly(new SerialRange(28, 47));
    }

    @Test
    void traceASerialNumberThroughTransactions() {
        f.fund(A, CEA_2024, 100, T0);
        f.propose(transfer(f, ALICE, A, B, 50), T0);                                                      // 51..100 to B
        f.propose(transfer(f, BEA, B, C, 30), T0);                                                        // 71..100 to C
        Transaction sur = f.propose(TransactionRequest.of(f.id(), TransactionType.SURRENDER, BEA, B, 0, CEA_2024, 20), T0).transaction(); // 51..70
        Transaction rev = f.propose(TransactionRequest.reversal(f.id(), ADMIN1, sur.id()), T0).transaction();
        f.registry.approve(f.ledger, rev.id(), ADMIN2, T0);
        f.propose(transfer(f, ALICE, A, C, 5), T0);                                                        // 46..50 to C

        long serial = 60, seriesId = f.ledger.series(CEA_2024).orElseThrow().id();
        assertThat(CEA_2024.serial(serial)).isEqualTo("CN-CEA-2024-000000000060");
        List<String> history = f.ledger.transactions().stream()
                .filter(t -> t.status() == TransactionStatus.COMPLETED && t.seriesId() == seriesId)
                .filter(t -> t.ranges().stream().anyMatch(r -> r.contains(serial)))
                .sorted((a, b) -> a.completedAt().equals(b.completedAt()) ? Long.compare(a.id(), b.id()) : a.completedAt().compareTo(b.completedAt()))
                .map(t -> t.type() + " " + t.from() + "->" + t.to()).toList();
        assertThat(history).containsExactly("ISSUE 0->" + TQ, "TRANSFER " + TQ + "->" + ALLOC, "ALLOCATE " + ALLOC + "->" + A, "TRANSFER " + A + "->" + B,
                "SURRENDER " + B + "->" + SURR, "REVERSAL " + SURR + "->" + B);
        // the journal tells the same story
        List<String> journalHistory = f.ledger.journal().stream().skip(1).map(JournalEntry::parse)
                .filter(e -> e.seriesId() == seriesId && e.ranges().stream().anyMatch(r -> r.contains(serial)))
                .map(e -> e.type() + " " + e.from() + "->" + e.to()).toList();
        assertThat(journalHistory).isEqualTo(history);
        // and the last destination holds it now
        assertThat(f.ledger.blocks().stream().filter(b -> b.seriesId() == seriesId && b.range().contains(serial)))
                .singleElement().extracting(UnitBlock::accountId).isEqualTo(B);
    }

    @Test
    void statusRestrictsWhatAnAccountMaySend() {
        f.fund(A, CEA_2024, 100, T0);
        f.ledger.saveAccount(f.ledger.account(A).orElseThrow().withStatus(AccountStatus.RESTRICTED));
        assertThat(codeOf(f.propose(transfer(f, ALICE, A, B, 10), T0))).isEqualTo(Rejection.ACCOUNT_NOT_OPEN);
        assertAccepted(f.propose(TransactionRequest.of(f.id(), TransactionType.SURRENDER, ALICE, A, 0, CEA_2024, 10), T0), TransactionStatus.COMPLETED);
        f.ledger.saveAccount(f.ledger.account(B).orElseThrow().withStatus(AccountStatus.CLOSED));
        f.ledger.saveAccount(f.ledger.account(A).orElseThrow().withStatus(AccountStatus.OPEN));
        assertThat(codeOf(f.propose(transfer(f, ALICE, A, B, 10), T0))).isEqualTo(Rejection.ACCOUNT_NOT_OPEN);
        assertThat(Arrays.stream(AccountStatus.values()).filter(AccountStatus::mayReceive).toList())
                .containsExactly(AccountStatus.OPEN, AccountStatus.RESTRICTED, AccountStatus.BLOCKED_NON_COMPLIANCE);
    }

    // ------------------------------------------------------------------------------------------ routes (review of 2026-11-25)

    @Test
    void unitsEnterATerminalAccountOnlyByTheTypeThatLeadsThere() {
        f.fund(A, CEA_2024, 100, T0);
        for (long terminal : List.of(SURR, RET, CANC))
            assertThat(codeOf(f.propose(transfer(f, ALICE, A, terminal, 10), T0))).as("holder TRANSFER into " + terminal).isEqualTo(Rejection.ROUTE_NOT_ALLOWED);
        // nor an administrator's, out of a government account
        f.issue(CEA_2024, 50, T0);
        assertThat(codeOf(f.propose(TransactionRequest.transfer(f.id(), ADMIN1, TQ, RET, CEA_2024, 10), T0))).isEqualTo(Rejection.ROUTE_NOT_ALLOWED);
        assertThat(codeOf(f.propose(TransactionRequest.of(f.id(), TransactionType.ALLOCATE, ADMIN1, ALLOC, SURR, CEA_2024, 1), T0))).isEqualTo(Rejection.ROUTE_NOT_ALLOWED);
        // a holder does not hand units back to the registry by TRANSFER
        assertThat(codeOf(f.propose(transfer(f, ALICE, A, TQ, 10), T0))).isEqualTo(Rejection.ROUTE_NOT_ALLOWED);
        assertThat(codeOf(f.propose(transfer(f, ALICE, A, ALLOC, 10), T0))).isEqualTo(Rejection.ROUTE_NOT_ALLOWED);
        // the ways that lead there still do, and a retirement names its beneficiary and purpose
        assertAccepted(f.propose(TransactionRequest.retire(f.id(), ALICE, A, CEA_2024, 10, "Hangzhou Asian Games", "carbon-neutral event"), T0), TransactionStatus.COMPLETED);
        assertThat(f.held(RET, CEA_2024)).isEqualTo(10);
        assertThat(f.held(SURR, CEA_2024) + f.held(CANC, CEA_2024)).isZero();
        assertThat(f.held(A, CEA_2024)).isEqualTo(90);
    }

    @Test
    void administratorsMoveUnitsBetweenTheRegistryAndAHolderNeverFromHolderToHolder() {
        f.controls(AccountType.COVERED_ENTITY_HOLDING, new Controls(false, 72, 0, Controls.UntrustedPolicy.REFUSE, 0, 0));
        f.fund(A, CEA_2024, 100, T0);
        // B is not on A's trusted list: an "allocation" or a "return of excess" from A to B would pass by the list
        assertThat(codeOf(f.propose(transfer(f, ALICE, A, B, 10), T0))).isEqualTo(Rejection.ACCOUNT_NOT_ON_TRUSTED_LIST);
        assertThat(codeOf(f.propose(TransactionRequest.of(f.id(), TransactionType.ALLOCATE, ADMIN1, A, B, CEA_2024, 10), T0))).isEqualTo(Rejection.ROUTE_NOT_ALLOWED);
        assertThat(codeOf(f.propose(TransactionRequest.of(f.id(), TransactionType.RETURN_OF_EXCESS, ADMIN1, A, B, CEA_2024, 10), T0))).isEqualTo(Rejection.ROUTE_NOT_ALLOWED);
        // an allocation comes out of the allocation account (not the total quantity), a return of excess goes back to it
        f.issue(CEA_2024, 20, T0);
        assertThat(codeOf(f.propose(TransactionRequest.of(f.id(), TransactionType.ALLOCATE, ADMIN1, TQ, B, CEA_2024, 10), T0))).isEqualTo(Rejection.ROUTE_NOT_ALLOWED);
        assertThat(codeOf(f.propose(TransactionRequest.of(f.id(), TransactionType.RETURN_OF_EXCESS, ADMIN1, A, TQ, CEA_2024, 10), T0))).isEqualTo(Rejection.ROUTE_NOT_ALLOWED);
        Transaction back = f.propose(TransactionRequest.of(f.id(), TransactionType.RETURN_OF_EXCESS, ADMIN1, A, 0, CEA_2024, 10), T0).transaction();
        assertAccepted(f.registry.approve(f.ledger, back.id(), ADMIN2, T0), TransactionStatus.COMPLETED);
        assertThat(back.to()).isEqualTo(ALLOC);
        assertThat(f.held(ALLOC, CEA_2024)).isEqualTo(10);
        assertThat(f.held(B, CEA_2024)).isZero();
    }

    @Test
    void freeAllocationGoesOnlyToCoveredEntitiesAndAuctionedUnitsToBuyers() {
        f.issue(CEA_2024, 1000, T0);
        long reserve = 7, delivery = 14;
        f.ledger.openAccount(reserve, "CN-103-000007", CN, AccountType.NEW_ENTRANT_RESERVE, "MEE");
        f.ledger.openAccount(delivery, "CN-131-000014", CN, AccountType.AUCTION_DELIVERY, "Auction platform");
        for (AccountType t : List.of(AccountType.NEW_ENTRANT_RESERVE, AccountType.AUCTION_DELIVERY, AccountType.EXCHANGE_CLEARING))
            f.ledger.allowHolding(CN, t, "CEA");
        for (long gov : List.of(ALLOC, AUC, reserve))
            assertAccepted(f.propose(TransactionRequest.transfer(f.id(), ADMIN1, TQ, gov, CEA_2024, 100), T0), TransactionStatus.COMPLETED);
        // out of the allocation or new entrant reserve account: a covered entity's account only
        for (long source : List.of(ALLOC, reserve))
            for (long to : List.of(C, X, delivery)) {
                Outcome o = f.propose(TransactionRequest.of(f.id(), TransactionType.ALLOCATE, ADMIN1, source, to, CEA_2024, 10), T0);
                assertThat(codeOf(o)).as("ALLOCATE " + source + " -> " + to).isEqualTo(Rejection.ROUTE_NOT_ALLOWED);
                assertThat(((Outcome.Rejected) o).detailKey()).isEqualTo("reject.route.allocateToCovered");
            }
        // the route comes before the holdings (1,000 t the allocation account does not hold) and after who may
        assertThat(codeOf(f.propose(TransactionRequest.of(f.id(), TransactionType.ALLOCATE, ADMIN1, ALLOC, C, CEA_2024, 1_000), T0))).isEqualTo(Rejection.ROUTE_NOT_ALLOWED);
        assertThat(codeOf(f.propose(TransactionRequest.of(f.id(), TransactionType.ALLOCATE, CARL, ALLOC, C, CEA_2024, 10), T0))).isEqualTo(Rejection.NOT_AUTHORISED);
        assertThat(f.held(C, CEA_2024) + f.held(X, CEA_2024) + f.held(delivery, CEA_2024)).isZero();
        assertAccepted(f.propose(TransactionRequest.of(f.id(), TransactionType.ALLOCATE, ADMIN1, ALLOC, A, CEA_2024, 10), T0), TransactionStatus.COMPLETED);
        assertAccepted(f.propose(TransactionRequest.of(f.id(), TransactionType.ALLOCATE, ADMIN1, reserve, B, CEA_2024, 10), T0), TransactionStatus.COMPLETED);
        // out of the auction account: to whoever buys at an auction (covered entities, trading accounts) or the auction delivery account
        for (long to : List.of(A, C, delivery))
            assertAccepted(f.propose(TransactionRequest.of(f.id(), TransactionType.ALLOCATE, ADMIN1, AUC, to, CEA_2024, 5), T0), TransactionStatus.COMPLETED);
        Outcome clearing = f.propose(TransactionRequest.of(f.id(), TransactionType.ALLOCATE, ADMIN1, AUC, X, CEA_2024, 5), T0);
        assertThat(codeOf(clearing)).isEqualTo(Rejection.ROUTE_NOT_ALLOWED);
        assertThat(((Outcome.Rejected) clearing).detailKey()).isEqualTo("reject.route.auctionTo");
        assertThat(f.held(C, CEA_2024)).isEqualTo(5);
        assertThat(f.held(AUC, CEA_2024)).isEqualTo(85);
        // a return of excess comes only out of a covered entity's account (what was allocated free goes back)
        Outcome back = f.propose(TransactionRequest.of(f.id(), TransactionType.RETURN_OF_EXCESS, ADMIN1, C, 0, CEA_2024, 1), T0);
        assertThat(codeOf(back)).isEqualTo(Rejection.ROUTE_NOT_ALLOWED);
        assertThat(((Outcome.Rejected) back).detailKey()).isEqualTo("reject.route.returnFromCovered");
        assertThat(codeOf(f.propose(TransactionRequest.of(f.id(), TransactionType.RETURN_OF_EXCESS, ADMIN1, delivery, reserve, CEA_2024, 1), T0)))
                .isEqualTo(Rejection.ROUTE_NOT_ALLOWED);
        assertThat(f.held(C, CEA_2024)).isEqualTo(5);
        assertAccepted(f.propose(TransactionRequest.of(f.id(), TransactionType.RETURN_OF_EXCESS, ADMIN1, B, reserve, CEA_2024, 1), T0), TransactionStatus.AWAITING_APPROVAL);
        // the review step says the same before anything is proposed
        assertThat(Registry.refusalByAccounts(TransactionType.ALLOCATE, f.ledger.account(ALLOC).orElseThrow(), f.ledger.account(C).orElseThrow()))
                .map(Outcome.Rejected::detailKey).contains("reject.route.allocateToCovered");
        assertThat(Registry.refusalByAccounts(TransactionType.ALLOCATE, f.ledger.account(AUC).orElseThrow(), f.ledger.account(C).orElseThrow())).isEmpty();
        // and what a page offers on an account follows the same rule
        assertThat(Registry.mayLeave(TransactionType.RETURN_OF_EXCESS, AccountType.COVERED_ENTITY_HOLDING)).isTrue();
        for (AccountType t : List.of(AccountType.TRADING_HOLDING, AccountType.EXCHANGE_CLEARING, AccountType.AUCTION_DELIVERY, AccountType.ALLOCATION))
            assertThat(Registry.mayLeave(TransactionType.RETURN_OF_EXCESS, t)).as(t.name()).isFalse();
        assertThat(Registry.mayLeave(TransactionType.CANCEL, AccountType.TRADING_HOLDING)).isTrue();
        // only a covered entity surrenders: it has the obligation; a trading account's surrender is refused, nothing moves
        Outcome traderSurrender = f.propose(TransactionRequest.of(f.id(), TransactionType.SURRENDER, CARL, C, 0, CEA_2024, 1), T0);
        assertThat(codeOf(traderSurrender)).isEqualTo(Rejection.ROUTE_NOT_ALLOWED);
        assertThat(((Outcome.Rejected) traderSurrender).detailKey()).isEqualTo("reject.route.surrenderFrom");
        assertThat(f.held(C, CEA_2024)).isEqualTo(5);
        assertThat(Registry.mayLeave(TransactionType.SURRENDER, AccountType.TRADING_HOLDING)).isFalse();
        assertThat(Registry.mayLeave(TransactionType.SURRENDER, AccountType.COVERED_ENTITY_HOLDING)).isTrue();
        assertThat(Registry.mayLeave(TransactionType.TRANSFER, AccountType.RETIREMENT)).isFalse();
        assertThat(Registry.mayLeave(TransactionType.FREEZE, AccountType.ALLOCATION)).isFalse();
    }

    @Test
    void aPledgeIsToAnotherHoldersAccountThatIsNotClosed() {
        f.fund(A, CEA_2024, 100, T0);
        assertThat(codeOf(f.propose(TransactionRequest.pledge(f.id(), TransactionType.FREEZE, ADMIN1, A, A, CEA_2024, 1), T0))).isEqualTo(Rejection.SAME_ACCOUNT);
        for (long government : List.of(TQ, ALLOC, RET))
            assertThat(codeOf(f.propose(TransactionRequest.pledge(f.id(), TransactionType.FREEZE, ADMIN1, A, government, CEA_2024, 1), T0)))
                    .as("pledgee " + government).isEqualTo(Rejection.ROUTE_NOT_ALLOWED);
        // nor are a registry account's units pledged
        f.issue(CEA_2024, 10, T0);
        assertThat(codeOf(f.propose(TransactionRequest.pledge(f.id(), TransactionType.FREEZE, ADMIN1, TQ, C, CEA_2024, 1), T0))).isEqualTo(Rejection.ROUTE_NOT_ALLOWED);
        // a pledge to itself is SAME_ACCOUNT before anything about the account's kind (#11 before #12)
        assertThat(codeOf(f.propose(TransactionRequest.pledge(f.id(), TransactionType.FREEZE, ADMIN1, SURR, SURR, CEA_2024, 1), T0))).isEqualTo(Rejection.SAME_ACCOUNT);
        f.ledger.saveAccount(f.ledger.account(C).orElseThrow().withStatus(AccountStatus.CLOSED));
        assertThat(codeOf(f.propose(TransactionRequest.pledge(f.id(), TransactionType.FREEZE, ADMIN1, A, C, CEA_2024, 1), T0))).isEqualTo(Rejection.ACCOUNT_NOT_OPEN);
        assertThat(f.holding(A, CEA_2024).frozen()).isZero();
    }

    // ------------------------------------------------------------------------------------------ a regulator's review of the rules

    @Test
    void anAdministratorDoesNotApproveAHoldersOwnTransactionUnlessTheControlsAllowIt() {
        Controls fourEyes = new Controls(true, 72, 0, Controls.UntrustedPolicy.DELAY, 0, 0);
        assertThat(fourEyes.administratorsApproveHolders()).as("off unless configured").isFalse();
        f.controls(AccountType.COVERED_ENTITY_HOLDING, fourEyes);
        f.fund(A, CEA_2024, 100, T0);
        Transaction t = assertAccepted(f.propose(transfer(f, ALICE, A, B, 10), T0), TransactionStatus.AWAITING_APPROVAL);
        // the regulator is not the holder's second person: neither approves nor declines
        assertThat(codeOf(f.registry.approve(f.ledger, t.id(), ADMIN1, T0))).isEqualTo(Rejection.NOT_AUTHORISED);
        assertThat(codeOf(f.registry.decline(f.ledger, t.id(), ADMIN1, "no", T0))).isEqualTo(Rejection.NOT_AUTHORISED);
        Transaction surrender = assertAccepted(f.propose(TransactionRequest.of(f.id(), TransactionType.SURRENDER, ALICE, A, 0, CEA_2024, 5), T0),
                TransactionStatus.AWAITING_APPROVAL);
        assertThat(codeOf(f.registry.approve(f.ledger, surrender.id(), ADMIN2, T0))).isEqualTo(Rejection.NOT_AUTHORISED);
        assertThat(f.ledger.transaction(t.id()).orElseThrow().status()).isEqualTo(TransactionStatus.AWAITING_APPROVAL);
        assertThat(f.held(B, CEA_2024)).isZero();
        // the holder's approver does
        assertAccepted(f.registry.approve(f.ledger, t.id(), BOB, T0), TransactionStatus.COMPLETED);
        // administrative work on the holder's account is still a second administrator's to approve
        Transaction back = assertAccepted(f.propose(TransactionRequest.of(f.id(), TransactionType.RETURN_OF_EXCESS, ADMIN1, A, 0, CEA_2024, 5), T0),
                TransactionStatus.AWAITING_APPROVAL);
        assertThat(codeOf(f.registry.approve(f.ledger, back.id(), BOB, T0))).isEqualTo(Rejection.NOT_AUTHORISED);
        assertAccepted(f.registry.approve(f.ledger, back.id(), ADMIN2, T0), TransactionStatus.COMPLETED);
        // a jurisdiction that lets administrators approve holders' own transactions of that account type
        f.controls(AccountType.COVERED_ENTITY_HOLDING, fourEyes.withAdministratorsApproveHolders(true));
        assertAccepted(f.registry.approve(f.ledger, surrender.id(), ADMIN2, T0), TransactionStatus.COMPLETED);
        // and only of that account type: C's (trading) controls do not allow it
        f.controls(AccountType.TRADING_HOLDING, fourEyes);
        f.ledger.role(C, BOB, Role.APPROVER);
        f.fund(C, CEA_2024, 10, T0);
        Transaction fromC = assertAccepted(f.propose(transfer(f, CARL, C, A, 1), T0), TransactionStatus.AWAITING_APPROVAL);
        assertThat(codeOf(f.registry.approve(f.ledger, fromC.id(), ADMIN1, T0))).isEqualTo(Rejection.NOT_AUTHORISED);
        assertAccepted(f.registry.approve(f.ledger, fromC.id(), BOB, T0), TransactionStatus.COMPLETED);
    }

    @Test
    void anAdministratorTransfersOnlyBetweenTheJurisdictionsOwnAccounts() {
        f.issue(CEA_2024, 100, T0);
        // out of the issuance account straight to a holder: no (units reach holders by ALLOCATE)
        Outcome direct = f.propose(TransactionRequest.transfer(f.id(), ADMIN1, TQ, A, CEA_2024, 10), T0);
        assertThat(codeOf(direct)).isEqualTo(Rejection.ROUTE_NOT_ALLOWED);
        assertThat(((Outcome.Rejected) direct).detailKey()).isEqualTo("reject.route.transferFromRegistry");
        assertThat(codeOf(f.propose(TransactionRequest.transfer(f.id(), ADMIN1, TQ, C, CEA_2024, 10), T0))).isEqualTo(Rejection.ROUTE_NOT_ALLOWED);
        // nor to another jurisdiction's government account
        Jurisdiction hb = Jurisdiction.of("HB");
        f.ledger.openAccount(90, "HB-110-000090", hb, AccountType.ALLOCATION, "HB DRC");
        f.ledger.allowHolding(hb, AccountType.ALLOCATION, "CEA");
        assertThat(codeOf(f.propose(TransactionRequest.transfer(f.id(), ADMIN1, TQ, 90, CEA_2024, 10), T0))).isEqualTo(Rejection.ROUTE_NOT_ALLOWED);
        // precedence: a transfer to itself is SAME_ACCOUNT, one by a non-administrator NOT_AUTHORISED, before the route
        assertThat(codeOf(f.propose(TransactionRequest.transfer(f.id(), ADMIN1, TQ, TQ, CEA_2024, 10), T0))).isEqualTo(Rejection.SAME_ACCOUNT);
        assertThat(codeOf(f.propose(TransactionRequest.transfer(f.id(), ALICE, TQ, A, CEA_2024, 10), T0))).isEqualTo(Rejection.NOT_AUTHORISED);
        // ... and the route before the holdings: 1,000 t the account does not hold are still ROUTE_NOT_ALLOWED
        assertThat(codeOf(f.propose(TransactionRequest.transfer(f.id(), ADMIN1, TQ, A, CEA_2024, 1_000), T0))).isEqualTo(Rejection.ROUTE_NOT_ALLOWED);
        assertThat(f.held(A, CEA_2024) + f.held(C, CEA_2024)).isZero();
        // issuance account -> allocation account -> holder stays
        f.allocate(A, CEA_2024, 10, T0);
        assertThat(f.held(A, CEA_2024)).isEqualTo(10);
        assertThat(f.held(TQ, CEA_2024)).isEqualTo(90);
    }

    @Test
    void aPledgeeIsOfThePledgingAccountsJurisdiction() {
        f.fund(A, CEA_2024, 100, T0);
        Jurisdiction hb = Jurisdiction.of("HB");
        f.ledger.openAccount(91, "HB-130-000091", hb, AccountType.TRADING_HOLDING, "Hubei trader");
        Outcome o = f.propose(TransactionRequest.pledge(f.id(), TransactionType.FREEZE, ADMIN1, A, 91, CEA_2024, 10), T0);
        assertThat(codeOf(o)).isEqualTo(Rejection.ROUTE_NOT_ALLOWED);
        assertThat(((Outcome.Rejected) o).detailKey()).isEqualTo("reject.route.pledgeeJurisdiction");
        // the earlier refusals keep their codes and their order: itself, then a government account
        assertThat(codeOf(f.propose(TransactionRequest.pledge(f.id(), TransactionType.FREEZE, ADMIN1, A, A, CEA_2024, 10), T0))).isEqualTo(Rejection.SAME_ACCOUNT);
        assertThat(codeOf(f.propose(TransactionRequest.pledge(f.id(), TransactionType.FREEZE, ADMIN1, A, ALLOC, CEA_2024, 10), T0))).isEqualTo(Rejection.ROUTE_NOT_ALLOWED);
        assertThat(f.holding(A, CEA_2024).frozen()).isZero();
        // a pledgee of the same jurisdiction is fine
        f.freeze(A, C, CEA_2024, 10, T0);
        assertThat(f.holding(A, CEA_2024).frozen()).isEqualTo(10);
    }

    @Test
    void aPledgeMadeToAnyAccountIsReleasedWhateverItWasMadeTo() {
        // a pledge to the allocation account, as the registry took it before pledgees were checked
        f.fund(A, CEA_2024, 100, T0);
        f.ledger.controls(CN, AccountType.COVERED_ENTITY_HOLDING, Controls.none());
        Transaction legacy = f.freeze(A, C, CEA_2024, 10, T0);
        long seriesId = f.ledger.series(CEA_2024).orElseThrow().id();
        for (UnitBlock b : f.ledger.blocks().stream().filter(x -> x.accountId() == A && x.pledgee() == C).toList()) {
            f.ledger.removeBlock(b);
            f.ledger.addBlock(new UnitBlock(seriesId, b.range(), A, ALLOC));
        }
        assertThat(legacy.ranges()).isNotEmpty();
        assertThat(f.unfreeze(A, ALLOC, CEA_2024, 10, T0).ranges()).containsExactlyElementsOf(legacy.ranges());
        assertThat(f.holding(A, CEA_2024).frozen()).isZero();
    }

    @Test
    void anAdministratorsWorkOnAHoldersAccountAlwaysWaitsForASecondAdministrator() {
        // the holders' own controls ask for no 4-eyes; that governs their transactions, not the administrators'
        f.controls(AccountType.COVERED_ENTITY_HOLDING, Controls.none());
        f.fund(A, CEA_2024, 100, T0);
        assertAccepted(f.propose(transfer(f, ALICE, A, B, 5), T0), TransactionStatus.COMPLETED);
        for (TransactionRequest r : List.of(
                TransactionRequest.pledge(f.id(), TransactionType.FREEZE, ADMIN1, A, C, CEA_2024, 5),
                TransactionRequest.of(f.id(), TransactionType.RETURN_OF_EXCESS, ADMIN1, A, 0, CEA_2024, 5))) {
            Transaction t = assertAccepted(f.propose(r, T0), TransactionStatus.AWAITING_APPROVAL);
            assertThat(codeOf(f.registry.approve(f.ledger, t.id(), ADMIN1, T0))).isEqualTo(Rejection.SELF_APPROVAL);
            assertThat(codeOf(f.registry.approve(f.ledger, t.id(), BOB, T0))).as("the holder's approver is no administrator").isEqualTo(Rejection.NOT_AUTHORISED);
            assertAccepted(f.registry.approve(f.ledger, t.id(), ADMIN2, T0), TransactionStatus.COMPLETED);
        }
        assertThat(f.holding(A, CEA_2024)).isEqualTo(new Holding(A, f.ledger.series(CEA_2024).orElseThrow().id(), 90, 5));
    }

    @Test
    void approvingDecliningAndCancellingCheckWhoThenWhoseThenTheStateThenTheWindow() {
        f.controls(AccountType.COVERED_ENTITY_HOLDING, new Controls(true, 72, 0, Controls.UntrustedPolicy.DELAY, 0, 0));
        f.fund(A, CEA_2024, 100, T0);
        Transaction done = f.issue(CEA_2024, 10, T0);
        // an outsider learns nothing of a transaction's state: refused for who they are
        assertThat(codeOf(f.registry.approve(f.ledger, done.id(), NOBODY, T0))).isEqualTo(Rejection.NOT_AUTHORISED);
        assertThat(codeOf(f.registry.decline(f.ledger, done.id(), NOBODY, "no", T0))).isEqualTo(Rejection.NOT_AUTHORISED);
        assertThat(codeOf(f.registry.cancel(f.ledger, done.id(), NOBODY, T0))).isEqualTo(Rejection.NOT_AUTHORISED);
        // whose it is comes before its state
        assertThat(codeOf(f.registry.approve(f.ledger, done.id(), done.initiator(), T0))).isEqualTo(Rejection.SELF_APPROVAL);
        assertThat(codeOf(f.registry.approve(f.ledger, done.id(), ADMIN2.equals(done.initiator()) ? ADMIN1 : ADMIN2, T0))).isEqualTo(Rejection.INVALID_STATE);
        // alice only initiates: approving her own transfer, she lacks the role first; dual holds both: it is their own
        Transaction mine = assertAccepted(f.propose(transfer(f, ALICE, A, B, 1), T0), TransactionStatus.AWAITING_APPROVAL);
        assertThat(codeOf(f.registry.approve(f.ledger, mine.id(), ALICE, T0))).isEqualTo(Rejection.NOT_AUTHORISED);
        Transaction dual = assertAccepted(f.propose(transfer(f, DUAL, A, B, 1), T0), TransactionStatus.AWAITING_APPROVAL);
        assertThat(codeOf(f.registry.approve(f.ledger, dual.id(), DUAL, T0))).isEqualTo(Rejection.SELF_APPROVAL);
        // after the window, declining or cancelling records the lapse, as approving does; a decline without a reason is a
        // bad request first, and records nothing
        Instant late = T0.plus(Duration.ofHours(73));
        assertThat(codeOf(f.registry.decline(f.ledger, mine.id(), BOB, " ", late))).isEqualTo(Rejection.INVALID_REQUEST);
        assertThat(f.ledger.transaction(mine.id()).orElseThrow().status()).isEqualTo(TransactionStatus.AWAITING_APPROVAL);
        Outcome declined = f.registry.decline(f.ledger, mine.id(), BOB, "too late", late);
        assertThat(codeOf(declined)).isEqualTo(Rejection.APPROVAL_EXPIRED);
        assertThat(declined.transaction().rejection()).isEqualTo(Rejection.APPROVAL_EXPIRED);
        Outcome cancelled = f.registry.cancel(f.ledger, dual.id(), DUAL, late);
        assertThat(codeOf(cancelled)).isEqualTo(Rejection.APPROVAL_EXPIRED);
        assertThat(f.ledger.transaction(dual.id()).orElseThrow().status()).isEqualTo(TransactionStatus.REJECTED);
        assertThat(f.held(B, CEA_2024)).isZero();
    }

    @Test
    void aCommandIdNamesEitherOneTransactionOrOneBatch() {
        f.fund(A, CEA_2024, 100, T0);
        CommandId single = CommandId.of("x1"), batch = CommandId.of("x2");
        assertAccepted(f.propose(TransactionRequest.transfer(single, ALICE, A, B, CEA_2024, 1), T0), TransactionStatus.COMPLETED);
        Outcome.Batch sameAsSingle = f.registry.proposeBatch(f.ledger, new BatchRequest(single, ALICE, List.of(
                TransactionRequest.transfer(CommandId.of("l"), ALICE, A, B, CEA_2024, 2))), T0);
        assertThat(sameAsSingle.code()).isEqualTo(Rejection.DUPLICATE_ID_DIFFERENT_BODY);
        assertThat(f.registry.proposeBatch(f.ledger, new BatchRequest(batch, ALICE, List.of(
                TransactionRequest.transfer(CommandId.of("l"), ALICE, A, B, CEA_2024, 3))), T0).isRejected()).isFalse();
        assertThat(codeOf(f.propose(TransactionRequest.transfer(batch, ALICE, A, B, CEA_2024, 3), T0))).isEqualTo(Rejection.DUPLICATE_ID_DIFFERENT_BODY);
        assertThat(f.held(B, CEA_2024)).isEqualTo(4);
        // a batch's id leaves room for its lines' ids
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> new BatchRequest(CommandId.of("b".repeat(79)), ALICE,
                List.of(transfer(f, ALICE, A, B, 1))))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSeriesWhoseFirstIssuanceWasDeclinedTakesTheAttributesOfTheNextUntilUnitsAreIssued() {
        OffsetAttributes wrong = new OffsetAttributes("P1", "forestry", "GD", P1.reductionFrom(), P1.reductionTo(), false);
        Transaction first = assertAccepted(f.propose(TransactionRequest.issue(f.id(), ADMIN1, CCER_P1, 100, wrong), T0), TransactionStatus.AWAITING_APPROVAL);
        // while it waits: a second issuance with other attributes is refused, and there are no units to move yet
        assertThat(codeOf(f.propose(TransactionRequest.issue(f.id(), ADMIN1, CCER_P1, 100, P1), T0))).isEqualTo(Rejection.INVALID_REQUEST);
        assertThat(codeOf(f.propose(TransactionRequest.transfer(f.id(), ADMIN1, TQ, ALLOC, CCER_P1, 1), T0))).isEqualTo(Rejection.UNKNOWN_UNIT_TYPE);
        assertThat(codeOf(f.registry.decline(f.ledger, first.id(), ADMIN2, "origin region is FJ, not GD", T0))).isEqualTo(Rejection.DECLINED);
        // declined: the series was never used, so the corrected issuance goes ahead and the series carries what it says
        Transaction second = assertAccepted(f.propose(TransactionRequest.issue(f.id(), ADMIN1, CCER_P1, 100, P1), T0), TransactionStatus.AWAITING_APPROVAL);
        assertThat(f.ledger.series(CCER_P1).orElseThrow().offset()).isEqualTo(P1);
        assertAccepted(f.registry.approve(f.ledger, second.id(), ADMIN2, T0), TransactionStatus.COMPLETED);
        assertThat(f.held(TQ, CCER_P1)).isEqualTo(100);
        // units issued: the attributes are what those units carry, and stay
        assertThat(codeOf(f.propose(TransactionRequest.issue(f.id(), ADMIN1, CCER_P1, 1, wrong), T0))).isEqualTo(Rejection.INVALID_REQUEST);
        assertThat(f.ledger.series(CCER_P1).orElseThrow().offset()).isEqualTo(P1);
        // nor may one batch name two sets of attributes for one series
        Outcome.Batch two = f.registry.proposeBatch(f.ledger, new BatchRequest(f.id(), ADMIN1, List.of(
                TransactionRequest.issue(f.id(), ADMIN1, new SeriesKey(CCER, Vintage.of(2021), "P1"), 1, P1),
                TransactionRequest.issue(f.id(), ADMIN1, new SeriesKey(CCER, Vintage.of(2021), "P1"), 1, wrong))), T0);
        assertThat(two.code()).isEqualTo(Rejection.INVALID_REQUEST);
    }

    @Test
    void everyAccountIsResolvedBeforeTheUnitType() {
        // a jurisdiction with no surrender account, and a unit type nobody knows: the missing account decides
        f.ledger.openAccount(77, "XX-120-000077", org.openets.kernel.Jurisdiction.of("XX"), AccountType.COVERED_ENTITY_HOLDING, "Elsewhere");
        f.ledger.administrator(ADMIN1, org.openets.kernel.Jurisdiction.of("XX"));
        SeriesKey unknown = new SeriesKey(new UnitType("ZZEA", UnitKind.ALLOWANCE, org.openets.kernel.Jurisdiction.of("XX")), Vintage.of(2024), null);
        assertThat(codeOf(f.propose(TransactionRequest.of(f.id(), TransactionType.SURRENDER, ADMIN1, 77, 0, unknown, 1), T0))).isEqualTo(Rejection.UNKNOWN_ACCOUNT);
        assertThat(codeOf(f.propose(TransactionRequest.of(f.id(), TransactionType.SURRENDER, ALICE, A, 0, unknown, 1), T0))).isEqualTo(Rejection.UNKNOWN_UNIT_TYPE);
    }
}
