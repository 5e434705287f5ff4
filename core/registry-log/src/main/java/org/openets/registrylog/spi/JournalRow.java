package org.openets.registrylog.spi;

/**
 * One journal entry as the registry stored it: its sequence number, its canonical v1 text, the hash of the entry
 * before it and its own hash. The log reads nothing else: every fact it checks comes from {@code canonical}, and
 * it recomputes {@code hash} itself. Fields are passed as stored, without cleaning: a null or odd value is a finding,
 * not an error.
 */
public record JournalRow(long seq, String canonical, String prevHash, String hash) {
    /** The previous hash of the genesis entry: 64 zeros. */
    public static final String GENESIS_PREVIOUS_HASH = "0".repeat(64);
    /** The canonical text of the genesis entry, seq 0. */
    public static final String GENESIS_CANONICAL = "v1|0|genesis";
}
