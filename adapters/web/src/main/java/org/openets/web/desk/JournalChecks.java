package org.openets.web.desk;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: the journal's verification as the CLI's {@code openets journal verify} runs it (the hash chain from genesis,
 * then every balance from the journal alone against the registry's holdings, blocks and transactions), run on
 * request one at a time, each run recorded. Implemented by the server's wiring over the store's verifier.
 */
public interface JournalChecks {
    /** One problem: {@code seq} the journal entry it concerns, or -1 for the registry's holdings. */
    record Problem(long seq, String code, String detail) {}

    /** A recorded run: {@code problems} the first ones kept (at most 100), {@code problemCount} all of them. */
    record Run(long id, String by, Instant startedAt, long millis, long entries, String headHash, int problemCount, List<Problem> problems) {
        public boolean intact() { return problemCount == 0; }

        /** Where the hash chain breaks: the first problem with an entry, or null when the chain holds. */
        public Problem chainBreak() {
            return problems.stream().filter(p -> p.seq() >= 0 && CHAIN_CODES.contains(p.code())).findFirst().orElse(null);
        }
    }

    /** The problems that break the hash chain itself (the others are entries' content and the holdings). */
    List<String> CHAIN_CODES = List.of("SEQUENCE_GAP", "BAD_GENESIS", "BROKEN_LINK", "BAD_HASH", "OUT_OF_ORDER");

    /** A run asked for within the cooldown after the last one ({@code openets.audit.journal-verification-cooldown}): {@code wait} until it has passed. */
    final class TooSoon extends RuntimeException {
        private final java.time.Duration wait, cooldown;

        public TooSoon(java.time.Duration wait, java.time.Duration cooldown) {
            super(null, null, false, false);
            this.wait = wait;
            this.cooldown = cooldown;
        }

        public java.time.Duration waitFor() { return wait; }

        public java.time.Duration cooldown() { return cooldown; }
    }

    /**
     * Verifies the journal and records the run as {@code by}'s; empty when a run is under way already, {@link TooSoon}
     * within the cooldown after the last run (nothing done either way).
     */
    Optional<Run> run(String by);

    /** The newest {@code limit} runs, newest first. */
    List<Run> recent(int limit);
}
