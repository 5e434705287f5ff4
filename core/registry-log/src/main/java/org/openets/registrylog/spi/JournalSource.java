package org.openets.registrylog.spi;

import java.util.stream.Stream;

/**
 * Reads the registry's journal for the log. In production a read-only query over the journal table; in tests a
 * list. The source delivers rows as stored and does no checking of its own.
 */
public interface JournalSource {
    /**
     * Entries with a seq greater than {@code seq}, in ascending seq order ({@code -1} gives the whole journal,
     * genesis first). The log closes the stream, so an implementation may keep a cursor open behind it. The log
     * stops reading at the head seq of the {@link RegistryHoldings.Snapshot} it reconciles against.
     */
    Stream<JournalRow> entriesAfter(long seq);
}
