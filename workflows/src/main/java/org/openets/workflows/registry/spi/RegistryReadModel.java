package org.openets.workflows.registry.spi;

import org.openets.kernel.ActorId;
import org.openets.registry.Account;
import org.openets.registry.Role;
import org.openets.registry.Transaction;
import org.openets.workflows.registry.RegistryViews;
import org.openets.workflows.registry.RegistryViews.BlockView;
import org.openets.workflows.registry.RegistryViews.HoldingView;
import org.openets.workflows.registry.RegistryViews.SeriesView;
import org.openets.workflows.registry.RegistryViews.TraceStep;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What people read: accounts, holdings, blocks, transactions, approvals, serial traces and the public report. */
public interface RegistryReadModel {
    /** The unit types the registry knows: national first, then by issuer, kind and code. */
    List<RegistryViews.UnitTypeView> unitTypes();

    /** Every account, by jurisdiction, then by the type code its number carries (CN-101-…, CN-120-…), then as opened. */
    List<Account> accounts();

    /** The accounts of one type in one jurisdiction (e.g. its allocation account), by id. */
    List<Account> accounts(String jurisdiction, org.openets.registry.AccountType type);

    Optional<Account> account(long id);

    /** The accounts with these ids (unknown ids left out), by id: one read for a person's accounts, however many. */
    List<Account> accounts(java.util.Collection<Long> ids);

    /** The jurisdictions' names by code: {@code [name_zh, name_en]} (reference data). */
    java.util.Map<String, List<String>> jurisdictionNames();

    /** How the jurisdiction identifies covered entities ({@code CN-USCC}), if it says; empty for an unknown jurisdiction too. */
    Optional<org.openets.kernel.EntityCodeScheme> entityCodeScheme(String jurisdiction);

    /** How the jurisdiction identifies natural persons who hold accounts ({@code CN-RIC}), if it says; empty for an unknown jurisdiction too. */
    Optional<org.openets.kernel.PersonIdScheme> personIdScheme(String jurisdiction);

    /** The jurisdiction's time zone (reference data); empty for an unknown jurisdiction. */
    Optional<java.time.ZoneId> zone(String jurisdiction);

    Optional<Account> accountByNumber(String number);

    /** The accounts an actor represents, with the roles held on each. */
    Map<Long, Set<Role>> representedAccounts(ActorId actor);

    /** Jurisdiction codes the actor administers. */
    Set<String> administeredJurisdictions(ActorId actor);

    List<HoldingView> holdings(long accountId);

    /** The units pledged to an account (it is their pledgee), by pledging account and series: what its page shows its representatives. */
    List<RegistryViews.PledgedToView> pledgedTo(long pledgeeId);

    /**
     * What each of the accounts holds (quantity above zero), by account id, each account's holdings by series as
     * {@link #holdings(long)}; an account that holds nothing is absent. One read however many accounts: a list of
     * accounts shows their holdings without a query per account.
     */
    Map<Long, List<HoldingView>> holdings(java.util.Collection<Long> accountIds);

    /** The account's trusted list, oldest entry first (pending entries show their activation time). */
    List<RegistryViews.TrustedView> trustedAccounts(long accountId);

    /** The additions to the account's trusted list awaiting approval (not lapsed), oldest first. */
    List<RegistryViews.PendingTrustedView> pendingTrusted(long accountId);

    /**
     * The additions awaiting approval (not lapsed) that concern {@code actor}: those on accounts where the actor holds
     * the approver role, on holders' accounts of the jurisdictions the actor administers where their controls let
     * administrators approve holders' work, and the actor's own; oldest first.
     */
    List<RegistryViews.PendingTrustedView> pendingTrustedFor(String actor);

    /** The entries removed from the account's trusted list, newest removal first (removedBy null: removed by hand in SQL). */
    List<RegistryViews.TrustedRemovalView> trustedRemovals(long accountId);

    /** People's display names by login, for those of {@code logins} who have one (a login that is no person is left out). */
    java.util.Map<String, String> displayNames(java.util.Collection<String> logins);

    /** The account's representatives with their roles, by login. */
    List<RegistryViews.RepresentativeView> representatives(long accountId);

    /** Every role granted or revoked on the account through the registry, newest first. */
    List<RegistryViews.RepresentativeChangeView> representativeChanges(long accountId);

    /** Every status change of the account, newest first. */
    List<RegistryViews.StatusChangeView> statusHistory(long accountId);

    /**
     * The security controls configured for an account type in a jurisdiction (how a holder's transfer to an account not
     * on its trusted list is treated: refused, or delayed by so many business hours); empty where none are configured.
     */
    Optional<org.openets.registry.Controls> controls(String jurisdiction, org.openets.registry.AccountType type);

    /** The first {@code limit} of an account's serial blocks (by series and first serial): a page shows some, not thousands. */
    default List<BlockView> blocks(long accountId, int limit) { return blocks(accountId, Long.MIN_VALUE, Long.MIN_VALUE, limit); }

    /**
     * Up to {@code limit} of an account's serial blocks after the block ({@code afterSeries}, {@code afterFirst}) —
     * (series id, first serial), the key of the last block of the page before — by series and first serial: a keyset
     * page, however many blocks the account holds.
     */
    List<BlockView> blocks(long accountId, long afterSeries, long afterFirst, int limit);

    /** How many serial blocks an account holds. */
    long blockCount(long accountId);

    /**
     * The account's transactions older than {@code beforeId} (exclusive), newest first, up to {@code limit}; of one type
     * and one status when those are given (null: any).
     */
    List<Transaction> transactionsOf(long accountId, long beforeId, String type, String status, int limit);

    List<Transaction> recentTransactions(int limit);

    Optional<Transaction> transaction(long id);

    /** Whether a command id is taken: by a single transaction, or as a batch's id (its first line is {@code id:1}). */
    boolean commandIdUsed(String commandId);

    /** A reversal of the transaction that is pending or completed, if any. */
    Optional<Transaction> reversalOf(long transactionId);

    /** Why the transaction was declined, if it was. */
    Optional<String> declineReason(long transactionId);

    /** The lines of a batch, in order. */
    List<Transaction> batch(String batchId);

    /** Transactions awaiting approval that the actor may approve (not their own). */
    List<Transaction> approvalInbox(ActorId actor);

    /** The actor's own transactions awaiting someone else's approval, or approved and delayed: oldest first. */
    List<Transaction> ownPending(ActorId actor);
    /**
     * Whether the controls of an account's jurisdiction and type let a registry administrator approve a holder's own
     * transaction from it (Controls.administratorsApproveHolders; false when none are configured).
     */
    default boolean administratorsApproveHolders(Account account) {
        return controls(account.jurisdiction().code(), account.type()).map(org.openets.registry.Controls::administratorsApproveHolders).orElse(false);
    }

    List<SeriesView> series();

    /** One series by id. */
    Optional<SeriesView> series(long id);

    /** Whether units of this unit type, vintage and project (null: none) were ever issued. */
    boolean seriesExists(String unitType, int vintage, String projectId);

    /** Every configured cap with what has been issued under it, by unit type and vintage. */
    List<RegistryViews.CapView> caps();

    /** The versions of the caps, newest first: of one unit type and vintage, or (both null) of every cap, at most {@code limit}. */
    List<RegistryViews.CapChangeView> capChanges(String unitType, Integer vintage, int limit);

    /**
     * Cap change proposals, newest first, at most {@code limit}: those of one status when given (null: any status). A
     * PENDING one whose window has closed stays PENDING until someone acts on it or the scheduler lapses it.
     */
    List<RegistryViews.CapProposalView> capProposals(String status, int limit);

    Optional<RegistryViews.CapProposalView> capProposal(long id);

    /** Every completed transaction that moved the serial, oldest first, and the account holding it now. */
    List<TraceStep> trace(long seriesId, long serial);

    /**
     * The public report in one snapshot: issued, surrendered, retired and cancelled totals by unit type and vintage,
     * holdings by account type, and what moved in each calendar year.
     */
    RegistryViews.PublicReport publicReport();

    /** Every account as the public may see it, by jurisdiction, then type, then number. */
    List<RegistryViews.PublicAccountRow> publicAccounts();
}
