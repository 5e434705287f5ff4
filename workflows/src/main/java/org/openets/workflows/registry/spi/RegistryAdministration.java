package org.openets.workflows.registry.spi;

import org.openets.kernel.ActorId;
import org.openets.kernel.Jurisdiction;
import org.openets.registry.Account;
import org.openets.registry.AccountStatus;
import org.openets.registry.AccountType;
import org.openets.registry.Role;
import org.openets.workflows.registry.RegistryViews.CapProposalView;

import java.time.Instant;

/** Opening accounts and managing who may act on them: the registry's reference data, kept by administrators. */
public interface RegistryAdministration {
    /**
     * A holder (by its identifier) already has an open account of the type in the jurisdiction: a covered entity its
     * covered-entity holding account, an organisation or a person its trading account.
     */
    final class EntityHasAccount extends RuntimeException {
        private final String entityCode, account;
        private final AccountType type;

        public EntityHasAccount(String entityCode, String account) { this(entityCode, account, AccountType.COVERED_ENTITY_HOLDING); }

        public EntityHasAccount(String entityCode, String account, AccountType type) {
            super(type == AccountType.COVERED_ENTITY_HOLDING ? "entity " + entityCode + " already has covered-entity holding account " + account
                    : "holder " + entityCode + " already has " + type.label() + " account " + account);
            this.entityCode = entityCode;
            this.account = account;
            this.type = type;
        }

        public String entityCode() { return entityCode; }

        public String account() { return account; }

        public AccountType type() { return type; }
    }

    /**
     * Opens an account; a second open covered-entity holding account for the same entity code is {@link EntityHasAccount}.
     * A covered entity's, an exchange's or an auction delivery account's holder is an organisation; a trading account's
     * kind of holder is left unknown (the desk's opening names it).
     */
    Account openAccount(Jurisdiction jurisdiction, AccountType type, String holder, String entityCode);

    void addRepresentative(long accountId, ActorId actor, Role role);

    /** Opens an account on a person's decision, recording who opened it. */
    Account openAccount(Jurisdiction jurisdiction, AccountType type, String holder, String entityCode, ActorId openedBy);

    /** A command id that opened an account was sent again with something else in it. */
    final class CommandIdUsed extends RuntimeException {
        public CommandIdUsed(String commandId, String account) {
            super("command id " + commandId + " opened account " + account + " with other details");
        }
    }

    /**
     * Opens an account on a person's decision under the client's command id: the same id again returns the account it
     * opened (nothing new is opened), the same id with other details is {@link CommandIdUsed}. A null id opens anew.
     * A second open trading account of the same holder (kind named, identifier given) is {@link EntityHasAccount}, as for
     * covered entities.
     */
    Account openAccount(Jurisdiction jurisdiction, AccountType type, String holder, org.openets.registry.HolderKind holderKind, String entityCode,
                        ActorId openedBy, String commandId);

    /** The kind of holder an account of the type has when nobody names it: an organisation, but for trading accounts (unknown). */
    static org.openets.registry.HolderKind impliedKind(AccountType type) {
        return switch (type) {
            case COVERED_ENTITY_HOLDING, EXCHANGE_CLEARING, AUCTION_DELIVERY -> org.openets.registry.HolderKind.ORGANISATION;
            default -> null;
        };
    }

    /** Grants a role on an account and records who did it; false when the actor had the role already (nothing written). */
    boolean grantRole(long accountId, ActorId actor, Role role, ActorId by);

    /** Revokes a role on an account and records who did it; false when the actor did not have it (nothing written). */
    boolean revokeRole(long accountId, ActorId actor, Role role, ActorId by);

    void addAdministrator(ActorId actor, Jurisdiction jurisdiction);

    /**
     * Sets a cap on the platform's own decision (demo data, tests, benchmarks: no person, no checks beyond the table's),
     * keeping the value it replaces in the cap's history ({@link #changeIssuanceLimit}).
     */
    void setIssuanceLimit(String unitType, int vintage, long quantity, String source);

    /** What a checked cap change came to: SET, or nothing written (UNKNOWN_UNIT_TYPE, BELOW_ISSUED with the figures). */
    record CapChange(Result result, Long previous, long issued, long pending) {
        public enum Result { SET, UNKNOWN_UNIT_TYPE, BELOW_ISSUED }
    }

    /**
     * Sets the cap of a unit type and vintage directly, on the platform operator's decision ({@code openets caps set} on
     * the server, acting as {@code by}), unless it would be below what is issued plus the issuances awaiting approval
     * (BELOW_ISSUED, nothing written) or the unit type is unknown. Checked under the ledger's lock (no issuance completes
     * or is proposed in between); the current value is replaced and the new version, with who, when, its source and
     * the route {@code OPERATOR}, is added to the cap's history in the same transaction. The pages and the API never
     * call it: there a cap change is proposed and approved by two administrators ({@link #proposeIssuanceLimit}).
     */
    CapChange changeIssuanceLimit(String unitType, int vintage, long quantity, String source, ActorId by);

    /**
     * What proposing a cap change came to: PROPOSED (stored, pending, {@code proposal}); REPEATED (the proposer's command
     * id was used before with the same unit type, vintage, quantity and source: {@code proposal} is that one, as it is
     * now); or nothing written: COMMAND_ID_USED (that id proposed something else, {@code proposal}), PENDING_EXISTS
     * (another proposal of that unit type and vintage is pending, {@code proposal}), UNKNOWN_UNIT_TYPE, NOT_AUTHORISED
     * (not an administrator of the unit type's issuer), BELOW_ISSUED (with the figures).
     */
    record CapProposal(Result result, CapProposalView proposal, long issued, long pending) {
        public enum Result { PROPOSED, REPEATED, COMMAND_ID_USED, PENDING_EXISTS, UNKNOWN_UNIT_TYPE, NOT_AUTHORISED, BELOW_ISSUED }
    }

    /**
     * Proposes a cap change on an administrator's decision, under their command id; it changes nothing until a second
     * administrator approves it ({@link #approveIssuanceLimit}). Its window closes after the issuer's
     * {@code approval_expiry_hours} for its total-quantity account (the window an issuance of the unit type gets),
     * counted from {@code now}. A pending proposal of the same unit type and vintage whose window has closed lapses
     * (EXPIRED) first. A cap already below what is issued plus what awaits approval is refused at once (BELOW_ISSUED;
     * read without the ledger's lock: approval checks it again under the lock).
     */
    CapProposal proposeIssuanceLimit(String commandId, String unitType, int vintage, long quantity, String source, ActorId by, Instant now);

    /**
     * What deciding a proposal came to: APPROVED (the cap is set, {@code previous} the value it replaced), DECLINED,
     * WITHDRAWN; EXPIRED (its window had closed: it lapsed now, and that is all that was written); or nothing written:
     * UNKNOWN, NOT_AUTHORISED, SELF_APPROVAL (the proposer tried to approve), NOT_PENDING (decided already),
     * PROPOSER_NOT_AUTHORISED (its proposer no longer administers the issuer), CAP_CHANGED (the cap is no longer the one it
     * was proposed against, {@code previous} the cap now), BELOW_ISSUED (with the figures); these three leave it pending.
     * {@code proposal}: the proposal as it now stands (null when UNKNOWN).
     */
    record CapDecision(Result result, CapProposalView proposal, Long previous, long issued, long pending) {
        public enum Result { APPROVED, DECLINED, WITHDRAWN, EXPIRED, UNKNOWN, NOT_AUTHORISED, SELF_APPROVAL, NOT_PENDING, PROPOSER_NOT_AUTHORISED,
            CAP_CHANGED, BELOW_ISSUED }
    }

    /**
     * A second administrator approves a pending cap change: an administrator of the unit type's issuer who is not its
     * proposer. Checked in the order of a transaction's approval (who may, whose it is, its state, its window), then,
     * that its proposer still administers the issuer, under the ledger's lock taken first that the cap is still the one it
     * was proposed against and not below what is issued plus what awaits approval now; the
     * cap and its new version (route FOUR_EYES, approver and proposer both named) are written with the proposal's
     * outcome in the same transaction.
     */
    CapDecision approveIssuanceLimit(long proposalId, ActorId by, Instant now);

    /** Another administrator of the unit type's issuer (never its proposer) declines a pending cap change, saying why. */
    CapDecision declineIssuanceLimit(long proposalId, ActorId by, String reason, Instant now);

    /** The proposer withdraws their pending cap change, saying why. */
    CapDecision withdrawIssuanceLimit(long proposalId, ActorId by, String reason, Instant now);

    /** Lapses (EXPIRED) every pending cap change whose window closed before {@code now}; returns how many. Run by a scheduler. */
    int lapseIssuanceLimitProposals(Instant now);

    /**
     * Changes an account's status on the platform's own decision (no person: e.g. set up by data or tests) and records
     * it, with its reason, in the status history in the same transaction.
     */
    void setStatus(long accountId, AccountStatus status, String reason);

    /** What a checked status change came to. */
    enum StatusChange { CHANGED, STALE, NOT_EMPTY }

    /**
     * Changes the status only if the account still has {@code expected} (else STALE, nothing written) and, when
     * closing, holds nothing (else NOT_EMPTY), both checked under the account's row lock and, for a closing, the
     * ledger's lock (no units arrive in between); records the change in the status history in the same transaction.
     */
    StatusChange changeStatus(long accountId, AccountStatus expected, AccountStatus status, String reason, ActorId actor);

    /**
     * Removes an account from another's trusted list at once, on {@code by}'s decision, under the ledger's lock (taken
     * before any row lock, so no group commit is in flight with the entry); the entry as it was is kept in the list's
     * removal history with who removed it and when. False when it was not on the list (nothing written).
     */
    boolean removeTrusted(long accountId, long trustedAccountId, ActorId by);
}
