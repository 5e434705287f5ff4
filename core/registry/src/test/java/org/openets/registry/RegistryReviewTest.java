package org.openets.registry;

import org.junit.jupiter.api.Test;
import org.openets.kernel.ActorId;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openets.registry.RegistryFixture.*;

/**
 * {@link Registry#review}: what a proposal would come to now, by the checks {@link Registry#propose} runs in their order,
 * with nothing written; where it passes, the route (approval, delay, earliest execution on the business calendar).
 */
class RegistryReviewTest {
    static final Instant T0 = at("2024-09-23T10:00"); // a Monday, no holiday near

    final RegistryFixture f = new RegistryFixture();

    TransactionRequest transfer(ActorId by, long from, long to, long q) {
        return TransactionRequest.transfer(f.id(), by, from, to, CEA_2024, q);
    }

    /** The ledger's state as a review must leave it: transactions, journal, holdings, blocks. */
    List<Object> state() {
        return List.of(f.ledger.transactions(), f.ledger.journal(), f.ledger.holdings(), f.ledger.blocks());
    }

    /** Reviews {@code r} at {@code t}, checks that nothing changed, and that a proposal at the same time meets the same code. */
    Review.Refused refused(TransactionRequest r, Instant t, Rejection expected) {
        List<Object> before = state();
        Review review = f.registry.review(f.ledger, r, t);
        assertThat(state()).as("a review writes nothing").isEqualTo(before);
        assertThat(review).isInstanceOf(Review.Refused.class);
        Review.Refused x = (Review.Refused) review;
        assertThat(x.code()).isEqualTo(expected);
        Outcome proposed = f.propose(r, t);
        assertThat(proposed).isInstanceOf(Outcome.Rejected.class);
        Outcome.Rejected rj = (Outcome.Rejected) proposed;
        assertThat(rj.code()).as("the proposal meets the same check").isEqualTo(expected);
        assertThat(rj.detail()).isEqualTo(x.detail());
        assertThat(rj.detailKey()).isEqualTo(x.detailKey());
        assertThat(rj.detailArgs()).isEqualTo(x.detailArgs());
        return x;
    }

    Review.Passes passes(TransactionRequest r, Instant t) {
        List<Object> before = state();
        Review review = f.registry.review(f.ledger, r, t);
        assertThat(state()).as("a review writes nothing").isEqualTo(before);
        assertThat(review).as(review.toString()).isInstanceOf(Review.Passes.class);
        return (Review.Passes) review;
    }

    @Test
    void aTransferToAnAccountOffTheListIsRefusedWhereTheControlsRefuseIt() {
        f.controls(AccountType.COVERED_ENTITY_HOLDING, new Controls(false, 72, 0, Controls.UntrustedPolicy.REFUSE, 0, 4));
        f.fund(A, CEA_2024, 100, T0);
        Review.Refused x = refused(transfer(ALICE, A, B, 10), T0, Rejection.ACCOUNT_NOT_ON_TRUSTED_LIST);
        assertThat(x.detailKey()).isEqualTo("reject.notTrusted");
        assertThat(x.holding().quantity()).isEqualTo(100);
        // on the list but not active yet: says from when
        f.registry.trust(f.ledger, A, B, T0);
        Review.Refused early = refused(transfer(ALICE, A, B, 10), T0, Rejection.ACCOUNT_NOT_ON_TRUSTED_LIST);
        assertThat(early.detailKey()).isEqualTo("reject.notTrustedYet");
        assertThat(early.detailArgs()).contains("2024-09-23 14:00");
        // active: passes, completes at once (no approval, no delay)
        Review.Passes ok = passes(transfer(ALICE, A, B, 10), at("2024-09-23T14:00"));
        assertThat(ok.needsApproval()).isFalse();
        assertThat(ok.delayHours()).isZero();
        assertThat(ok.destinationTrusted()).isTrue();
        assertThat(ok.executesAt()).isNull();
    }

    @Test
    void moreThanTheHoldingIsInsufficientAndBeforeTheTrustedList() {
        f.controls(AccountType.COVERED_ENTITY_HOLDING, new Controls(false, 72, 0, Controls.UntrustedPolicy.REFUSE, 0, 0));
        f.fund(A, CEA_2024, 100, T0);
        // off the list and too many: holdings come first in the order
        Review.Refused x = refused(transfer(ALICE, A, B, 101), T0, Rejection.INSUFFICIENT_HOLDINGS);
        assertThat(x.detailArgs()).containsExactly("CN-120-000010", "100", "CEA/2024", "101");
        assertThat(x.holding().quantity()).isEqualTo(100);
        assertThat(x.holding().free()).isEqualTo(100);
    }

    @Test
    void enoughHeldButSomePledgedIsFrozenAndSaysWhatMayMove() {
        f.controls(AccountType.COVERED_ENTITY_HOLDING, new Controls(false, 72, 0, Controls.UntrustedPolicy.DELAY, 0, 0));
        f.fund(A, CEA_2024, 100, T0);
        f.freeze(A, B, CEA_2024, 30, T0);
        Review.Refused x = refused(transfer(ALICE, A, B, 71), T0, Rejection.HOLDINGS_FROZEN);
        assertThat(x.detail()).contains("30 t are frozen", "70 t are free to move");
        assertThat(x.detailArgs()).containsExactly("CN-120-000010", "30", "70");
        assertThat(x.holding()).isEqualTo(new Holding(A, x.holding().seriesId(), 100, 30));
        // what is free passes
        assertThat(passes(transfer(ALICE, A, B, 70), T0).holding().free()).isEqualTo(70);
    }

    @Test
    void aSuspendedSourceIsSaidBeforeItsHoldings() {
        f.fund(A, CEA_2024, 100, T0);
        f.ledger.saveAccount(f.ledger.account(A).orElseThrow().withStatus(AccountStatus.SUSPENDED));
        assertThat(refused(transfer(ALICE, A, B, 1000), T0, Rejection.ACCOUNT_NOT_OPEN).detailKey()).isEqualTo("reject.notOpen.SUSPENDED");
    }

    @Test
    void whoMayNotInitiateIsRefusedAsAtTheProposal() {
        f.fund(A, CEA_2024, 100, T0);
        refused(transfer(BEA, A, B, 10), T0, Rejection.NOT_AUTHORISED);
    }

    @Test
    void aDelayedTransferSaysWhenItWouldBeCarriedOutCountedFromTheApproval() {
        // trading accounts: 4-eyes, off the list delayed 24 business hours
        f.controls(AccountType.TRADING_HOLDING, new Controls(true, 48, 0, Controls.UntrustedPolicy.DELAY, 24, 0));
        f.fund(C, CEA_2024, 100, T0);
        Instant friday = at("2024-09-27T16:00"); // before the make-up Sunday and the National Day holidays
        Review.Passes p = passes(transfer(CARL, C, A, 10), friday);
        assertThat(p.needsApproval()).isTrue();
        assertThat(p.approvalWindowHours()).isEqualTo(48);
        assertThat(p.delayHours()).isEqualTo(24);
        assertThat(p.destinationTrusted()).isFalse();
        // 1 h Friday, 8 h make-up Sunday 09-29, 8 h Monday 09-30, holidays, 7 h on 10-08
        assertThat(p.executesAt()).isEqualTo(at("2024-10-08T16:00"));

        // proposed and approved at that time, the registry gives it the same time
        f.ledger.role(C, BOB, Role.APPROVER);
        Transaction t = assertAccepted(f.propose(transfer(CARL, C, A, 10), friday), TransactionStatus.AWAITING_APPROVAL);
        Transaction d = assertAccepted(f.registry.approve(f.ledger, t.id(), BOB, friday), TransactionStatus.DELAYED);
        assertThat(d.executesAt()).isEqualTo(p.executesAt());

        // trusted: no delay for this type, completes when approved
        f.registry.trust(f.ledger, C, A, T0);
        Review.Passes trusted = passes(transfer(CARL, C, A, 10), friday);
        assertThat(trusted.destinationTrusted()).isTrue();
        assertThat(trusted.delayHours()).isZero();
        assertThat(trusted.executesAt()).isNull();
        assertThat(trusted.needsApproval()).isTrue();
    }
}
