package org.openets.registry.spi;

import org.openets.kernel.ActorId;
import org.openets.kernel.BusinessCalendar;
import org.openets.kernel.CommandId;
import org.openets.kernel.Jurisdiction;
import org.openets.kernel.SerialRange;
import org.openets.kernel.UnitType;
import org.openets.kernel.Vintage;
import org.openets.registry.Account;
import org.openets.registry.AccountType;
import org.openets.registry.Controls;
import org.openets.registry.Holding;
import org.openets.registry.OffsetAttributes;
import org.openets.registry.Role;
import org.openets.registry.SeriesKey;
import org.openets.registry.Transaction;
import org.openets.registry.TrustedAccount;
import org.openets.registry.UnitBlock;
import org.openets.registry.UnitSeries;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The registry's view of its state during one unit of work (a database transaction in production, a map in
 * tests). Everything the registry reads or writes goes through here; an implementation makes the work atomic
 * and isolated, and its writes visible to its own later reads.
 */
public interface LedgerSession {
    // ---- reference data and configuration
    Optional<Account> account(long id);

    Optional<Account> governmentAccount(Jurisdiction jurisdiction, AccountType type);

    Set<Role> roles(long accountId, ActorId actor);

    boolean isAdministrator(ActorId actor, Jurisdiction jurisdiction);

    /** Whether the actor administers any jurisdiction's registry (for a transaction whose accounts name no jurisdiction). */
    boolean isAdministratorAnywhere(ActorId actor);

    Optional<TrustedAccount> trusted(long accountId, long trustedAccountId);

    Controls controls(Jurisdiction jurisdiction, AccountType type);

    boolean mayHold(Jurisdiction jurisdiction, AccountType type, String unitTypeCode);

    Optional<UnitType> unitType(String code);

    BusinessCalendar calendar(Jurisdiction jurisdiction);

    /** The cap for a unit type and vintage, if one is configured. */
    OptionalLong issuanceLimit(String unitTypeCode, Vintage vintage);

    // ---- series
    Optional<UnitSeries> series(SeriesKey key);

    Optional<UnitSeries> series(long id);

    UnitSeries createSeries(SeriesKey key, OffsetAttributes offset);

    /**
     * Replaces the offset attributes of a series of which nothing was ever issued (a declined or lapsed first issuance
     * left it with attributes nobody confirmed); the caller checked that nothing is issued and no issuance is pending.
     */
    UnitSeries correctOffsetAttributes(long seriesId, OffsetAttributes offset);

    /** The units of issuances of the unit type and vintage that wait for approval or their delay (not yet issued). */
    long pendingIssuance(String unitTypeCode, Vintage vintage);

    /** Whether an issuance of the series is waiting for approval or its delay (PROPOSED, AWAITING_APPROVAL, DELAYED). */
    boolean issuancePending(long seriesId);

    /** Units issued so far, over every series of the unit type and vintage. */
    long issued(String unitTypeCode, Vintage vintage);

    /** The next serial number never issued in the series (1 for a new series). */
    long nextSerial(long seriesId);

    /** Records that {@code range} was issued: the series' next serial moves past it. */
    void recordIssued(long seriesId, SerialRange range);

    // ---- holdings and blocks
    Holding holding(long accountId, long seriesId);

    void adjustHolding(long accountId, long seriesId, long deltaQuantity, long deltaFrozen);

    /**
     * Blocks of the account and series with the given pledgee (0 = free), lowest serial first, as few as cover
     * {@code quantity} (all of them when they hold less).
     */
    List<UnitBlock> blocksCovering(long accountId, long seriesId, long pledgee, long quantity);

    /**
     * The smallest block of the account and series with the given pledgee that alone holds {@code quantity} (of equal
     * sizes, the lowest serial), if any.
     */
    Optional<UnitBlock> smallestBlockHolding(long accountId, long seriesId, long pledgee, long quantity);

    /** Blocks of the account and series that overlap {@code range}, any pledgee. */
    List<UnitBlock> blocksOverlapping(long accountId, long seriesId, SerialRange range);

    /** Blocks of the account and series with the given pledgee that end right before or start right after {@code range}. */
    List<UnitBlock> blocksAdjacent(long accountId, long seriesId, long pledgee, SerialRange range);

    void addBlock(UnitBlock block);

    void removeBlock(UnitBlock block);

    // ---- transactions and journal
    long nextTransactionId();

    Optional<Transaction> transaction(long id);

    Optional<Transaction> transactionByCommand(CommandId commandId);

    List<Transaction> batch(String batchId);

    /**
     * The lines of a batch whose id a new proposal carries, to answer a retry with the first result. A store may
     * answer from what it knows when it also guards the lines' command ids (a line of an earlier batch with this id
     * has the command id {@code batchId:1}), as for {@link #transactionByCommand}.
     */
    default List<Transaction> batchProposed(String batchId) { return batch(batchId); }

    /** A REVERSAL of the transaction that is not rejected or cancelled, if any. */
    Optional<Transaction> reversalOf(long transactionId);

    /** Delayed transactions whose time has come, and approvals that have lapsed, oldest first. */
    List<Transaction> due(Instant now);

    /** Inserts or updates. */
    void save(Transaction transaction);

    /** Records why a pending transaction was declined, in the same unit of work as the decline. */
    void saveDeclineReason(long transactionId, String reason);

    /** Appends the completed transaction to the journal, chained to the previous entry. */
    void journal(Transaction completed, String seriesCode);

    // ---- administration
    void saveAccount(Account account);

    void saveTrusted(TrustedAccount entry);

    /** As above, recording who added the entry (null: unknown). */
    default void saveTrusted(TrustedAccount entry, org.openets.kernel.ActorId addedBy) { saveTrusted(entry); }

    // ---- pending additions to trusted lists (4-eyes)
    /** The addition of this entry awaiting approval (lapsed or not: the caller compares expiresAt), if any. */
    Optional<org.openets.registry.TrustedAddition> pendingTrusted(long accountId, long trustedAccountId);

    /** Records a new pending addition (one whose window closed is marked lapsed first); returns it with its id. */
    org.openets.registry.TrustedAddition savePendingTrusted(org.openets.registry.TrustedAddition addition);

    /**
     * Approves the pending addition and writes {@code entry} (added by its proposer) in the same transaction; false,
     * nothing written, when it is no longer pending or its window closed at {@code now}.
     */
    boolean approvePendingTrusted(org.openets.registry.TrustedAddition addition, TrustedAccount entry, org.openets.kernel.ActorId approver, Instant now);

    /** Ends the pending addition as declined or withdrawn, with who and why; false when it is no longer pending. */
    boolean endPendingTrusted(org.openets.registry.TrustedAddition addition, org.openets.registry.TrustedAddition.End how,
                              org.openets.kernel.ActorId by, String reason, Instant now);
}
