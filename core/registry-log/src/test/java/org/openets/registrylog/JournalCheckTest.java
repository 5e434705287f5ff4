package org.openets.registrylog;

import org.junit.jupiter.api.Test;
import org.openets.kernel.SerialRange;
import org.openets.registrylog.spi.JournalRow;
import org.openets.registrylog.spi.LogState;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.openets.registrylog.FindingCode.*;

/** The re-check of each entry: the chain, the text, and the entry against the log's own books. */
class JournalCheckTest extends LogFixture {

    @Test
    void a_clean_journal_passes_and_its_balances_match_the_registry() {
        TestJournal j = cleanJournal();
        CheckReport r = run(j, cleanHoldings());

        assertThat(r.findings()).isEmpty();
        assertThat(r.discrepancies()).isEmpty();
        assertThat(r.clean()).isTrue();
        assertThat(r.entriesChecked()).isEqualTo(9);
        assertThat(r.fromSeq()).isEqualTo(-1);
        assertThat(r.throughSeq()).isEqualTo(8);
        assertThat(r.headHash()).isEqualTo(j.head());
        assertThat(stops).isEmpty();
        assertThat(r.stoppedAccounts()).isEmpty();
    }

    @Test
    void an_entry_whose_text_was_edited_is_a_bad_hash_at_exactly_that_seq() {
        TestJournal j = cleanJournal();
        j.editText(3, t -> t.replace("|TRANSFER|10|11|", "|TRANSFER|10|12|"));
        CheckReport r = run(j, cleanHoldings());

        assertThat(r.findings(BAD_HASH)).singleElement().satisfies(f -> {
            assertThat(f.seq()).isEqualTo(3);
            assertThat(f.transactionId()).isEqualTo(103);
            assertThat(f.accountIds()).containsExactly(A, C);
        });
        assertThat(r.findings(BROKEN_CHAIN)).isEmpty();
        assertThat(r.findings(SEQ_GAP)).isEmpty();
        // the books followed the edited text, so the registry's real holdings of B and C no longer match
        assertThat(r.discrepancies()).extracting(Discrepancy::accountId).containsExactly(B, C);
    }

    @Test
    void an_edited_and_rehashed_entry_breaks_the_chain_at_the_next_seq() {
        TestJournal j = cleanJournal();
        j.editText(3, t -> t.replace("|TRANSFER|10|11|", "|TRANSFER|10|12|"));
        String forged = TestJournal.sha256(j.rows.get(2).hash() + "\n" + j.rows.get(3).canonical());
        j.rows.set(3, new JournalRow(3, j.rows.get(3).canonical(), j.rows.get(3).prevHash(), forged));
        CheckReport r = run(j, cleanHoldings());

        assertThat(r.findings(BAD_HASH)).isEmpty();
        assertThat(r.findings(BROKEN_CHAIN)).extracting(Finding::seq).containsExactly(4L);
    }

    @Test
    void a_deleted_entry_is_a_gap_at_its_seq_and_a_broken_link_at_the_next() {
        TestJournal j = cleanJournal();
        j.delete(6);
        CheckReport r = run(j, cleanHoldings());

        assertThat(r.findings(SEQ_GAP)).singleElement().satisfies(f -> {
            assertThat(f.seq()).isEqualTo(6);
            assertThat(f.detail()).contains("entry 6 is missing");
        });
        assertThat(r.findings(BROKEN_CHAIN)).extracting(Finding::seq).containsExactly(7L);
        assertThat(r.findings(BAD_HASH)).isEmpty();
        // without the unfreeze the log still has 100 t frozen in A, the registry 60 t
        assertThat(r.discrepancies()).singleElement().satisfies(d -> {
            assertThat(d.accountId()).isEqualTo(A);
            assertThat(d.logFrozen()).isEqualTo(100);
            assertThat(d.registryFrozen()).isEqualTo(60);
        });
    }

    @Test
    void entries_delivered_out_of_order_are_found_at_their_seqs() {
        TestJournal j = cleanJournal();
        j.swap(3, 4);
        CheckReport r = run(j, cleanHoldings());

        assertThat(r.findings().getFirst()).satisfies(f -> {
            assertThat(f.code()).isEqualTo(SEQ_GAP);
            assertThat(f.seq()).isEqualTo(3);
        });
        assertThat(r.findings(SEQ_GAP)).extracting(Finding::seq).containsExactly(3L, 3L);
        assertThat(r.findings(SEQ_GAP).get(1).detail()).contains("out of order");
        assertThat(r.findings(BROKEN_CHAIN)).extracting(Finding::seq).containsExactly(4L, 3L, 5L);
        assertThat(r.findings(BAD_HASH)).isEmpty();
    }

    @Test
    void transactions_reordered_and_rehashed_by_a_forger_are_caught_by_the_books() {
        TestJournal j = new TestJournal();
        j.issue(TOTAL, 1, "1-1000");
        j.move("ALLOCATE", TOTAL, A, 1, "1-100");
        j.move("TRANSFER", A, B, 1, "1-50");
        // swap the allocation (seq 2) and the transfer (seq 3), renumber, and rebuild the chain
        String allocate = j.rows.get(2).canonical(), transfer = j.rows.get(3).canonical();
        j.rows.set(2, new JournalRow(2, transfer.replaceFirst("^v1\\|3\\|", "v1|2|"), "", ""));
        j.rows.set(3, new JournalRow(3, allocate.replaceFirst("^v1\\|2\\|", "v1|3|"), "", ""));
        j.rehashFrom(2);
        CheckReport r = run(j, row(TOTAL, 1, 900, 0), row(A, 1, 50, 0), row(B, 1, 50, 0));

        assertThat(codes(r)).containsExactly(NEGATIVE_BALANCE);
        assertThat(r.findings().getFirst().seq()).isEqualTo(2);
        assertThat(r.findings().getFirst().accountIds()).containsExactly(A, B);
    }

    @Test
    void an_overdraft_is_a_negative_balance_and_frozen_units_are_not_free() {
        TestJournal j = new TestJournal();
        j.issue(TOTAL, 1, "1-100");
        j.move("ALLOCATE", TOTAL, A, 1, "1-100");
        j.move("TRANSFER", A, B, 1, "1-60");
        j.move("TRANSFER", B, C, 1, "1-70");        // seq 4: B holds 60
        j.freeze(A, 1, PLEDGEE, "61-90");           // seq 5: A holds 40, freezes 30
        j.move("TRANSFER", A, C, 1, "91-100");      // seq 6: 10 free, fine
        j.move("TRANSFER", A, C, 1, "61-65");       // seq 7: nothing free left
        CheckReport r = check(j);

        assertThat(entryFindings(r)).extracting(Finding::code, Finding::seq)
                .containsExactly(tuple(NEGATIVE_BALANCE, 4L), tuple(NEGATIVE_BALANCE, 7L));
        assertThat(r.findings(NEGATIVE_BALANCE).getFirst().accountIds()).containsExactly(B, C);
        assertThat(r.findings(NEGATIVE_BALANCE).get(1).detail()).contains("30 t frozen");
        // the books follow the journal: B is 10 t short
        assertThat(store.load().balances()).contains(new LogState.Balance(B, 1, -10, 0));
    }

    @Test
    void a_terminal_account_is_credited_only_by_the_type_that_leads_there() {
        TestJournal j = new TestJournal();
        j.issue(TOTAL, 1, "1-100");
        j.move("ALLOCATE", TOTAL, A, 1, "1-100");
        j.move("SURRENDER", A, SURRENDER, 1, "1-10");                                                  // seq 3: fine
        j.move("FORCED_DEDUCTION", A, SURRENDER, 1, "11-20");                                          // seq 4: fine
        j.entry("RETIRE", A, RETIREMENT, 1, 10, "21-30", 0, 0, "ACME", "offset 2024");                // seq 5: fine
        j.move("TRANSFER", A, RETIREMENT, 1, "31-40");                                                 // seq 6: a retirement without who and why
        j.move("SURRENDER", A, RETIREMENT, 1, "41-50");                                                // seq 7: the wrong terminal account
        j.move("ALLOCATE", A, SURRENDER, 1, "51-60");                                                  // seq 8: a "surrender" that is not one
        CheckReport r = check(j);

        assertThat(r.findings(TERMINAL_CREDIT)).extracting(Finding::seq).containsExactly(6L, 7L, 8L);
        assertThat(r.findings(TERMINAL_CREDIT).getFirst().detail()).contains("RETIREMENT account", "only by RETIRE", "not by TRANSFER");
        assertThat(r.findings(TERMINAL_CREDIT).getFirst().accountIds()).contains(A, RETIREMENT);
        // the journal's own checks find nothing else (the reconciliation against no registry holdings is another matter)
        assertThat(r.findings().stream().filter(f -> f.code() != BALANCE_MISMATCH)).extracting(Finding::code).containsOnly(TERMINAL_CREDIT);
    }

    @Test
    void a_terminal_account_is_debited_only_by_a_valid_reversal() {
        TestJournal j = new TestJournal();
        j.issue(TOTAL, 1, "1-100");
        j.move("ALLOCATE", TOTAL, A, 1, "1-100");
        long surrender = j.move("SURRENDER", A, SURRENDER, 1, "1-40");   // seq 3
        j.move("TRANSFER", SURRENDER, B, 1, "1-10");                      // seq 4: out of a terminal account
        j.freeze(SURRENDER, 1, PLEDGEE, "11-20");                          // seq 5: a pledge on it
        j.reversal(surrender, SURRENDER, A, 1, "11-20");                   // seq 6: not the surrendered serials
        j.reversal(surrender, SURRENDER, A, 1, "1-40");                    // seq 7: the valid reversal (the books are short by now)
        j.reversal(surrender, SURRENDER, A, 1, "1-40");                    // seq 8: a second time
        j.reversal(999, SURRENDER, A, 1, "1-10");                          // seq 9: of nothing
        CheckReport r = check(j);

        assertThat(r.findings(TERMINAL_DEBIT)).extracting(Finding::seq).containsExactly(4L, 5L, 6L, 8L, 9L);
        assertThat(r.findings(BAD_REVERSAL)).extracting(Finding::seq).containsExactly(6L, 8L, 9L);
        assertThat(r.findings(BAD_REVERSAL).get(0).detail()).contains("moved serials [1..40]");
        assertThat(r.findings(BAD_REVERSAL).get(1).detail()).contains("already reversed by transaction 107");
        assertThat(r.findings(BAD_REVERSAL).get(2).detail()).contains("transaction 999 is not in the journal");
        assertThat(r.findings().stream().filter(f -> f.seq() == 7)).extracting(Finding::code).containsExactly(NEGATIVE_BALANCE);
        assertThat(store.recorded(surrender)).hasValueSatisfying(t -> assertThat(t.reversedBy()).isEqualTo(107));
    }

    @Test
    void serials_are_issued_once_and_moved_only_when_issued() {
        TestJournal j = new TestJournal();
        j.issue(TOTAL, 1, "1-100");
        j.issue(TOTAL, 2, "1-100");                      // another series: the same numbers are new there
        j.issue(TOTAL, 1, "101-200");                    // the next serials: fine
        j.issue(TOTAL, 1, "150-250");                    // seq 4: 150..200 again
        j.move("TRANSFER", TOTAL, A, 2, "90-110");       // seq 5: 101..110 never issued in series 2
        CheckReport r = check(j);

        assertThat(entryFindings(r)).extracting(Finding::code, Finding::seq).containsExactly(
                tuple(REISSUED_SERIALS, 4L), tuple(UNISSUED_SERIALS, 5L));
        assertThat(r.findings(REISSUED_SERIALS).getFirst().accountIds()).containsExactly(TOTAL);
    }

    @Test
    void an_unfreeze_releases_only_what_is_frozen_to_that_pledgee() {
        TestJournal j = new TestJournal();
        j.issue(TOTAL, 1, "1-100");
        j.move("ALLOCATE", TOTAL, A, 1, "1-100");
        j.freeze(A, 1, PLEDGEE, "1-30");
        j.unfreeze(A, 1, PLEDGEE + 1, "1-10");           // seq 4: nothing is pledged to 51
        j.unfreeze(A, 1, PLEDGEE, "1-40");               // seq 5: 40 > 30
        j.unfreeze(A, 1, PLEDGEE, "1-30");               // seq 6: fine (the books counted seq 5 already: now -10)
        CheckReport r = check(j);

        assertThat(r.findings(UNFREEZE_EXCEEDS_PLEDGE)).extracting(Finding::seq).containsExactly(4L, 5L, 6L);
        assertThat(r.findings(UNFREEZE_EXCEEDS_PLEDGE).get(1).detail()).contains("30 t of series 1 frozen to pledgee 50");
    }

    @Test
    void quantities_ranges_series_and_accounts_must_add_up() {
        TestJournal j = new TestJournal();
        j.issue(TOTAL, 1, "1-1000");
        j.entry("ALLOCATE", TOTAL, A, 1, 10, "1-5", 0, 0, "", "");           // seq 2: 10 t named, 5 t of ranges
        j.entry("ALLOCATE", TOTAL, A, 1, 21, "1-10,5-15", 0, 0, "", "");     // seq 3: overlapping
        j.entry("ALLOCATE", TOTAL, A, 1, 0, "", 0, 0, "", "");               // seq 4: nothing
        j.move("TRANSFER", TOTAL, TOTAL, 1, "900-910");                       // seq 5: to itself
        j.append("v1|6|106|cmd-106|TRANSFER|1|10|1|CEA/2025|5|1-5|0|0|1700000006000||");   // series 1 under another code
        CheckReport r = check(j);

        assertThat(entryFindings(r)).extracting(Finding::code, Finding::seq).containsExactly(
                tuple(QUANTITY_MISMATCH, 2L), tuple(OVERLAPPING_RANGES, 3L),
                tuple(QUANTITY_MISMATCH, 4L), tuple(SAME_ACCOUNT, 5L),
                tuple(SERIES_MISMATCH, 6L));
    }

    @Test
    void malformed_entries_are_reported_and_left_out_of_the_books() {
        TestJournal j = new TestJournal();
        j.issue(TOTAL, 1, "1-100");
        j.append("v1|2|102|cmd-102|TRANSFER|1|10|1|CEA/2024|5|1-5|0|0|1700000002000|");             // 15 fields
        j.append("v1|3|103|cmd-103|TRANSFER|1|10|1|CEA/2024|+5|1-5|0|0|1700000003000||");          // not canonical
        j.append("v1|4|104|cmd-104|GIFT|1|10|1|CEA/2024|5|1-5|0|0|1700000004000||");               // unknown type
        j.append("v1|5|105|cmd-105|RETIRE|1|10|1|CEA/2024|5|1-5|0|0|1700000005000|ACME%41|x");     // bad escape
        j.append("v1|9|106|cmd-106|TRANSFER|1|10|1|CEA/2024|5|1-5|0|0|1700000006000||");           // says seq 9
        j.append("v1|7|107|cmd-107|TRANSFER|1|0|1|CEA/2024|5|1-5|0|0|1700000007000||");            // no destination
        j.append("v1|8|108|cmd-108|TRANSFER|1|10|1|CEA/2024|5|5-1|0|0|1700000008000||");           // backwards range
        j.append("v1|0|genesis");                                                                     // genesis again
        CheckReport r = check(j);

        assertThat(r.findings(MALFORMED_ENTRY)).extracting(Finding::seq).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(entryFindings(r)).extracting(Finding::code).containsOnly(MALFORMED_ENTRY);
        assertThat(r.findings(MALFORMED_ENTRY).get(1).accountIds()).containsExactly(TOTAL, A);
        assertThat(store.load().balances()).containsExactly(new LogState.Balance(TOTAL, 1, 100, 0));
    }

    @Test
    void the_genesis_entry_is_checked_too() {
        TestJournal j = new TestJournal();
        j.rows.set(0, new JournalRow(0, "v1|0|genesis", "1".repeat(64), TestJournal.sha256("1".repeat(64) + "\nv1|0|genesis")));
        j.issue(TOTAL, 1, "1-10");
        CheckReport r = run(j, row(TOTAL, 1, 10, 0));

        assertThat(codes(r)).containsExactly(BROKEN_CHAIN);
        assertThat(r.findings().getFirst().seq()).isZero();
    }

    @Test
    void a_transaction_id_is_journalled_once() {
        TestJournal j = new TestJournal();
        j.issue(TOTAL, 1, "1-10");
        j.append("v1|2|101|cmd-101|ISSUE|0|1|1|CEA/2024|10|11-20|0|0|1700000002000||");
        CheckReport r = run(j, row(TOTAL, 1, 20, 0));

        assertThat(codes(r)).containsExactly(DUPLICATE_TRANSACTION);
        assertThat(r.findings().getFirst().seq()).isEqualTo(2);
        assertThat(r.findings().getFirst().detail()).contains("at seq 1");
        assertThat(store.recorded(101)).hasValueSatisfying(t -> assertThat(t.seq()).isEqualTo(1));
    }

    @Test
    void every_account_an_entry_finding_names_is_stopped() {
        TestJournal j = cleanJournal();
        j.move("TRANSFER", SURRENDER, C, 1, "1-5");
        CheckReport r = run(j, row(TOTAL, 1, 400, 0), row(A, 1, 400, 60), row(B, 1, 190, 0), row(RETIREMENT, 1, 10, 0),
                row(SURRENDER, 1, -5, 0), row(C, 1, 5, 0));

        assertThat(codes(r)).containsExactly(TERMINAL_DEBIT, NEGATIVE_BALANCE);
        assertThat(r.discrepancies()).isEmpty();
        assertThat(stops).containsExactly(Set.of(SURRENDER, C));
        assertThat(reasons.getFirst()).contains("stopped by the independent transaction log at ", "TERMINAL_DEBIT x1", "NEGATIVE_BALANCE x1", "seq 9");
    }

    @Test
    void what_the_log_keeps_is_its_own_books() {
        run(cleanJournal(), cleanHoldings());
        var state = store.load();

        assertThat(state.lastSeq()).isEqualTo(8);
        assertThat(state.balances()).containsExactlyInAnyOrder(
                new LogState.Balance(TOTAL, 1, 400, 0), new LogState.Balance(A, 1, 400, 60),
                new LogState.Balance(B, 1, 190, 0), new LogState.Balance(RETIREMENT, 1, 10, 0));
        assertThat(state.pledges()).containsExactly(new LogState.Pledge(A, 1, PLEDGEE, 60));
        assertThat(state.series()).containsExactly(new LogState.Series(1, "CEA/2024",
                List.of(new SerialRange(1, 1000))));
        assertThat(store.recorded(105)).hasValueSatisfying(t -> {
            assertThat(t.type()).isEqualTo(EntryType.SURRENDER);
            assertThat(t.reversedBy()).isEqualTo(107);
        });
        assertThat(store.recorded(108)).isPresent();
    }
}
