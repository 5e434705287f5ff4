package org.openets.registrylog;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openets.registrylog.FindingCode.BALANCE_MISMATCH;

/** 对账: the log's books against the registry's holdings, and which accounts are stopped. */
class ReconciliationTest extends LogFixture {

    @Test
    void holdings_that_differ_from_the_log_are_mismatches_and_exactly_those_accounts_are_stopped() {
        TestJournal j = cleanJournal();
        CheckReport r = run(j,
                row(TOTAL, 1, 400, 0),
                row(A, 1, 400, 70),          // frozen differs
                row(B, 1, 195, 0),           // quantity differs
                row(C, 1, 5, 0),             // a holding the journal never created
                row(SURRENDER, 1, 0, 0));    // RETIREMENT's 10 t are missing from the registry

        assertThat(r.findings(BALANCE_MISMATCH)).extracting(Finding::accountIds)
                .containsExactly(List.of(A), List.of(B), List.of(C), List.of(RETIREMENT));
        assertThat(r.findings()).allMatch(f -> f.code() == BALANCE_MISMATCH && f.seq() == 8 && f.seriesId() == 1);
        assertThat(r.discrepancies()).containsExactly(
                new Discrepancy(A, 1, 400, 60, 400, 70), new Discrepancy(B, 1, 190, 0, 195, 0),
                new Discrepancy(C, 1, 0, 0, 5, 0), new Discrepancy(RETIREMENT, 1, 10, 0, 0, 0));
        assertThat(stops).containsExactly(Set.of(A, B, C, RETIREMENT));
        assertThat(r.stoppedAccounts()).containsExactly(A, B, C, RETIREMENT);
        assertThat(reasons.getFirst()).contains("BALANCE_MISMATCH x4", "4 open balance discrepancies");
        assertThat(store.findings()).hasSize(4);
    }

    @Test
    void a_single_wrong_holding_stops_only_its_account() {
        TestJournal j = cleanJournal();
        var rows = cleanHoldings();
        rows[2] = row(B, 1, 189, 0);
        CheckReport r = run(j, rows);

        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(BALANCE_MISMATCH);
            assertThat(f.accountIds()).containsExactly(B);
            assertThat(f.detail()).contains("the log has 190 t", "the registry 189 t");
        });
        assertThat(stops).containsExactly(Set.of(B));
    }

    @Test
    void an_open_discrepancy_is_reported_once_keeps_its_account_stopped_and_closes_when_fixed() {
        TestJournal j = cleanJournal();
        var wrong = cleanHoldings();
        wrong[2] = row(B, 1, 189, 0);

        run(j, wrong);
        CheckReport again = run(j, wrong);
        assertThat(again.findings()).isEmpty();
        assertThat(again.discrepancies()).extracting(Discrepancy::accountId).containsExactly(B);
        assertThat(again.clean()).isFalse();
        assertThat(stops).containsExactly(Set.of(B), Set.of(B));
        assertThat(store.findings()).hasSize(1);

        wrong[2] = row(B, 1, 188, 0);                     // it changes: a new finding
        assertThat(run(j, wrong).findings(BALANCE_MISMATCH)).singleElement()
                .satisfies(f -> assertThat(f.detail()).contains("the registry 188 t"));

        CheckReport fixed = run(j, cleanHoldings());
        assertThat(fixed.clean()).isTrue();
        assertThat(stops).hasSize(3);
        assertThat(store.load().discrepancies()).isEmpty();
    }

    @Test
    void rows_of_zero_on_one_side_and_none_on_the_other_agree() {
        TestJournal j = cleanJournal();
        CheckReport r = run(j, row(TOTAL, 1, 400, 0), row(A, 1, 400, 60), row(B, 1, 190, 0), row(RETIREMENT, 1, 10, 0), row(C, 2, 0, 0));
        assertThat(r.clean()).isTrue();
    }
}
