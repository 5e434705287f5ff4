package org.openets.workflows.registry.spi;

import org.openets.kernel.ActorId;
import org.openets.kernel.Jurisdiction;
import org.openets.registry.Account;
import org.openets.registry.AccountStatus;
import org.openets.registry.AccountType;
import org.openets.registry.Role;

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
     * Sets the cap of a unit type and vintage on an administrator's decision, unless it would be below what is issued
     * plus the issuances awaiting approval (BELOW_ISSUED, nothing written) or the unit type is unknown. Checked under
     * the ledger's lock (no issuance completes or is proposed in between); the current value is replaced and the new
     * version, with who, when and its source, is added to the cap's history in the same transaction.
     */
    CapChange changeIssuanceLimit(String unitType, int vintage, long quantity, String source, ActorId by);

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
