package org.openets.registrylog;

import org.junit.jupiter.api.Test;
import org.openets.registrylog.spi.JournalRow;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.openets.registrylog.FindingCode.*;

/** Runs continue from the checkpoint; the journal head comes with the holdings snapshot; audits re-walk it all. */
class IncrementalRunTest extends LogFixture {

    @Test
    void later_runs_check_only_the_new_entries() {
        TestJournal j = new TestJournal();
        j.issue(TOTAL, 1, "1-1000");
        j.move("ALLOCATE", TOTAL, A, 1, "1-600");
        j.move("TRANSFER", A, B, 1, "1-200");
        CheckReport first = run(j, row(TOTAL, 1, 400, 0), row(A, 1, 400, 0), row(B, 1, 200, 0));
        assertThat(first.entriesChecked()).isEqualTo(4);
        assertThat(first.clean()).isTrue();

        j.freeze(A, 1, PLEDGEE, "201-300");
        j.move("SURRENDER", B, SURRENDER, 1, "1-50");
        // a new log over the same store: nothing is kept in the log object between runs
        TransactionLog later = new TransactionLog(store, id -> id == SURRENDER ? "SURRENDER" : null);
        CheckReport second = later.run(j, holdings(5, row(TOTAL, 1, 400, 0), row(A, 1, 400, 100), row(B, 1, 150, 0),
                row(SURRENDER, 1, 50, 0)), stopper, NOW);
        assertThat(second.fromSeq()).isEqualTo(3);
        assertThat(second.entriesChecked()).isEqualTo(2);
        assertThat(second.throughSeq()).isEqualTo(5);
        assertThat(second.clean()).isTrue();
        assertThat(j.askedAfter).containsExactly(-1L, 3L);

        CheckReport third = later.run(j, holdings(5, row(TOTAL, 1, 400, 0), row(A, 1, 400, 100), row(B, 1, 150, 0),
                row(SURRENDER, 1, 50, 0)), stopper, NOW);
        assertThat(third.entriesChecked()).isZero();
        assertThat(third.clean()).isTrue();
        assertThat(stops).isEmpty();
    }

    @Test
    void an_entry_that_breaks_the_chain_in_a_later_run_is_found_against_the_checkpoint() {
        TestJournal j = cleanJournal();
        run(j, cleanHoldings());
        j.editText(8, t -> t.replace("offset 2024", "offset 2025"));
        j.rehashFrom(8);                                 // history rewritten, then a new entry on top of it
        j.move("TRANSFER", A, C, 1, "301-310");
        CheckReport r = run(j, row(TOTAL, 1, 400, 0), row(A, 1, 390, 60), row(B, 1, 190, 0), row(C, 1, 10, 0), row(RETIREMENT, 1, 10, 0));

        assertThat(r.entriesChecked()).isEqualTo(1);
        assertThat(codes(r)).containsExactly(BROKEN_CHAIN);
        assertThat(r.findings().getFirst().seq()).isEqualTo(9);
    }

    @Test
    void entries_after_the_snapshot_head_wait_for_the_next_run() {
        TestJournal j = cleanJournal();
        CheckReport r = log.run(j, holdings(3, row(TOTAL, 1, 400, 0), row(A, 1, 400, 0), row(B, 1, 200, 0)), stopper, NOW);
        assertThat(r.throughSeq()).isEqualTo(3);
        assertThat(r.entriesChecked()).isEqualTo(4);
        assertThat(r.clean()).isTrue();

        CheckReport rest = run(j, cleanHoldings());
        assertThat(rest.entriesChecked()).isEqualTo(5);
        assertThat(rest.clean()).isTrue();
    }

    @Test
    void a_journal_that_ends_before_the_registrys_head_has_lost_its_last_entries() {
        TestJournal j = cleanJournal();
        j.delete(8);
        CheckReport r = log.run(j, holdings(8, cleanHoldings()), stopper, NOW);

        assertThat(r.findings(SEQ_GAP)).singleElement().satisfies(f -> {
            assertThat(f.seq()).isEqualTo(8);
            assertThat(f.detail()).contains("head is seq 8");
        });
        assertThat(r.discrepancies()).extracting(Discrepancy::accountId).containsExactly(B, RETIREMENT);
    }

    @Test
    void a_registry_head_behind_the_checkpoint_means_checked_entries_are_gone() {
        TestJournal j = cleanJournal();
        run(j, cleanHoldings());
        CheckReport r = log.run(j, holdings(6, cleanHoldings()), stopper, NOW);

        assertThat(codes(r)).containsExactly(JOURNAL_TRUNCATED);
        assertThat(r.findings().getFirst().seq()).isEqualTo(7);
        assertThat(r.throughSeq()).isEqualTo(8);
    }

    @Test
    void an_audit_finds_history_edited_after_it_was_checked() {
        TestJournal j = cleanJournal();
        run(j, cleanHoldings());
        assertThat(log.audit(j, NOW).findings()).isEmpty();

        j.editText(5, t -> t.replace("|1-50|", "|1-49|"));
        assertThat(run(j, cleanHoldings()).clean()).isTrue();      // a run reads only new entries

        CheckReport audit = log.audit(j, NOW);
        assertThat(audit.entriesChecked()).isEqualTo(9);
        assertThat(audit.findings()).extracting(Finding::code, Finding::seq)
                .containsExactly(tuple(BAD_HASH, 5L));
        assertThat(store.findings()).extracting(Finding::code).containsExactly(BAD_HASH);
        assertThat(stops).isEmpty();
    }

    @Test
    void an_audit_finds_history_rewritten_with_a_consistent_chain() {
        TestJournal j = cleanJournal();
        run(j, cleanHoldings());
        j.editText(8, t -> t.replace("offset 2024", "offset 2025"));
        j.rehashFrom(8);

        CheckReport audit = log.audit(j, NOW);
        assertThat(audit.findings()).extracting(Finding::code).containsExactly(REWRITTEN_ENTRY, REWRITTEN_ENTRY);
        assertThat(audit.findings()).extracting(Finding::seq).containsExactly(8L, 8L);
        assertThat(audit.findings().getFirst().accountIds()).containsExactly(B, RETIREMENT);
    }

    @Test
    void an_audit_finds_checked_entries_that_have_gone() {
        TestJournal j = cleanJournal();
        run(j, cleanHoldings());
        j.delete(8);
        j.delete(7);

        assertThat(log.audit(j, NOW).findings()).extracting(Finding::code, Finding::seq)
                .containsExactly(tuple(JOURNAL_TRUNCATED, 7L));
    }

    @Test
    void the_first_run_must_start_at_genesis() {
        TestJournal j = cleanJournal();
        j.rows.removeFirst();
        CheckReport r = run(j, cleanHoldings());

        assertThat(r.findings(SEQ_GAP)).singleElement().satisfies(f -> assertThat(f.seq()).isZero());
        assertThat(r.findings(BROKEN_CHAIN)).extracting(Finding::seq).containsExactly(1L);
    }

    @Test
    void null_fields_in_a_row_are_findings_not_errors() {
        TestJournal j = new TestJournal();
        j.issue(TOTAL, 1, "1-10");
        j.rows.add(new JournalRow(2, null, null, null));
        CheckReport r = check(j);
        assertThat(entryFindings(r)).extracting(Finding::code).containsExactly(BROKEN_CHAIN, BAD_HASH, MALFORMED_ENTRY);
        assertThat(r.findings()).allMatch(f -> f.seq() == 2);
        assertThat(List.of(r.throughSeq())).containsExactly(2L);
    }
}
