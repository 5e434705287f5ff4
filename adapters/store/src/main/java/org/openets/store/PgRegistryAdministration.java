package org.openets.store;

import org.openets.kernel.ActorId;
import org.openets.kernel.Jurisdiction;
import org.openets.registry.Account;
import org.openets.registry.AccountStatus;
import org.openets.registry.AccountType;
import org.openets.registry.HolderKind;
import org.openets.registry.Role;
import org.openets.workflows.registry.RegistryViews.CapProposalView;
import org.openets.workflows.registry.spi.RegistryAdministration;
import org.openets.workflows.registry.spi.RegistryAdministration.EntityHasAccount;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * Accounts, representatives, administrators, caps and proposed cap changes in PostgreSQL. Account numbers are
 * {@code <jurisdiction>-<type code>-<id, 6 digits>}, e.g. {@code GD-120-001042}.
 */
public final class PgRegistryAdministration implements RegistryAdministration {
    private final DataSource ds;

    public PgRegistryAdministration(DataSource ds) { this.ds = ds; }

    private <T> T tx(Function<Connection, T> work) { return Sql.inTransaction(ds, "registry administration", work); }

    /** The numeric part of an account number names the account type, as registries print it. */
    static int typeCode(AccountType t) {
        return switch (t) {
            case TOTAL_QUANTITY -> 100;
            case ALLOCATION -> 101;
            case AUCTION -> 102;
            case NEW_ENTRANT_RESERVE -> 103;
            case SURRENDER -> 110;
            case CANCELLATION -> 111;
            case RETIREMENT -> 112;
            case COVERED_ENTITY_HOLDING -> 120;
            case TRADING_HOLDING -> 121;
            case EXCHANGE_CLEARING -> 130;
            case AUCTION_DELIVERY -> 131;
        };
    }

    @Override public Account openAccount(Jurisdiction j, AccountType type, String holder, String entityCode) {
        return openAccount(j, type, holder, entityCode, null);
    }

    @Override public Account openAccount(Jurisdiction j, AccountType type, String holder, String entityCode, ActorId openedBy) {
        return openAccount(j, type, holder, RegistryAdministration.impliedKind(type), entityCode, openedBy, null);
    }

    @Override public Account openAccount(Jurisdiction j, AccountType type, String holder, HolderKind kind, String entityCode, ActorId openedBy, String commandId) {
        if (holder == null || holder.isBlank()) throw new IllegalArgumentException("holder required");
        Opening o = new Opening(j, type, holder, kind, entityCode);
        if (commandId != null) {
            Optional<Account> done = openedUnder(commandId, openedBy, o);
            if (done.isPresent()) return done.get();
        }
        try {
            return open(o, openedBy, commandId);
        } catch (EntityHasAccount e) {
            // the same holder's open sent twice at once: the second waited for the first, whose account it is
            if (commandId == null) throw e;
            return openedUnder(commandId, openedBy, o).orElseThrow(() -> e);
        } catch (Sql.Failure e) {
            // the same id sent twice at once: the second insert meets the first's unique key, and answers with its account
            if (commandId != null && e.getCause() instanceof java.sql.SQLException s && "23505".equals(s.getSQLState())
                    && String.valueOf(s.getMessage()).contains("account_command_id_by_opener"))
                return openedUnder(commandId, openedBy, o).orElseThrow(() -> e);
            throw e;
        }
    }

    /** What an opening asks for. */
    private record Opening(Jurisdiction j, AccountType type, String holder, HolderKind kind, String entityCode) {
        /** Whether the holder may have only one open account of this type in the jurisdiction, and so is looked for first. */
        boolean oneOnly() {
            return entityCode != null && (type == AccountType.COVERED_ENTITY_HOLDING || type == AccountType.TRADING_HOLDING && kind != null);
        }
    }

    /** The account a command id opened, if it did; {@link CommandIdUsed} when it opened one with other details. */
    private Optional<Account> openedUnder(String commandId, ActorId openedBy, Opening o) {
        // the opener's own ids (V34): someone else's use of the same id is no business of theirs
        return tx(c -> Sql.one(c, "SELECT " + PgLedgerSession.ACCOUNT_COLUMNS + " FROM account WHERE command_id = ? AND coalesce(opened_by, '') = ?",
                PgLedgerSession::account, commandId, openedBy == null ? "" : openedBy.value())).map(a -> {
            if (!a.jurisdiction().equals(o.j()) || a.type() != o.type() || !a.holder().equals(o.holder()) || a.holderKind() != o.kind()
                    || !java.util.Objects.equals(a.entityCode(), o.entityCode()))
                throw new CommandIdUsed(commandId, a.number());
            return a;
        });
    }

    private Account open(Opening o, ActorId openedBy, String commandId) {
        return tx(c -> {
            if (o.oneOnly()) {
                // one open covered-entity account per entity, one open trading account per holder, in a jurisdiction: opens of
                // the same holder wait for each other
                Sql.one(c, "SELECT pg_advisory_xact_lock(hashtext('open " + o.type() + " account'), hashtext(? || '/' || ?))", rs -> true,
                        o.j().code(), o.entityCode());
                Optional<String> existing = Sql.one(c, "SELECT number FROM account WHERE jurisdiction = ? AND entity_code = ? AND type = ? "
                        + "AND status <> 'CLOSED'" + (o.type() == AccountType.TRADING_HOLDING ? " AND holder_kind IS NOT NULL" : "") + " ORDER BY id LIMIT 1",
                        rs -> rs.getString(1), o.j().code(), o.entityCode(), o.type().name());
                if (existing.isPresent()) throw new EntityHasAccount(o.entityCode(), existing.get(), o.type());
            }
            long id = Sql.longValue(c, "SELECT nextval('account_id')");
            String number = "%s-%d-%06d".formatted(o.j().code(), typeCode(o.type()), id);
            Sql.update(c, "INSERT INTO account (id, number, jurisdiction, type, holder, holder_kind, entity_code, status, opened_by, command_id) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?)",
                    id, number, o.j().code(), o.type().name(), o.holder(), o.kind() == null ? null : o.kind().name(), o.entityCode(),
                    openedBy == null ? null : openedBy.value(), commandId);
            return new Account(id, number, o.j(), o.type(), o.holder(), o.kind(), o.entityCode(), AccountStatus.OPEN);
        });
    }

    @Override public boolean grantRole(long accountId, ActorId actor, Role role, ActorId by) {
        return changeRole("INSERT INTO representative (account_id, actor, role) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", "GRANTED", accountId, actor, role, by);
    }

    @Override public boolean revokeRole(long accountId, ActorId actor, Role role, ActorId by) {
        return changeRole("DELETE FROM representative WHERE account_id = ? AND actor = ? AND role = ?", "REVOKED", accountId, actor, role, by);
    }

    /** Runs the change of the representative row and, when it changed anything, its history row, in one transaction. */
    private boolean changeRole(String sql, String change, long accountId, ActorId actor, Role role, ActorId by) {
        return tx(c -> {
            int n = Sql.update(c, sql, accountId, actor.value(), role.name());
            if (n == 1) Sql.update(c, "INSERT INTO representative_change (account_id, actor, role, change, changed_by) VALUES (?, ?, ?, ?, ?)",
                    accountId, actor.value(), role.name(), change, by.value());
            return n == 1;
        });
    }

    @Override public void addRepresentative(long accountId, ActorId actor, Role role) {
        tx(c -> Sql.update(c, "INSERT INTO representative (account_id, actor, role) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", accountId, actor.value(), role.name()));
    }

    @Override public void addAdministrator(ActorId actor, Jurisdiction j) {
        tx(c -> Sql.update(c, "INSERT INTO registry_administrator (actor, jurisdiction) VALUES (?, ?) ON CONFLICT DO NOTHING", actor.value(), j.code()));
    }

    @Override public void setIssuanceLimit(String unitType, int vintage, long quantity, String source) {
        tx(c -> {
            Sql.one(c, "SELECT pg_advisory_xact_lock(?)", rs -> 1, GroupCommitLedger.LEDGER_LOCK);
            return writeLimit(c, unitType, vintage, quantity, source, current(c, unitType, vintage), null, "PLATFORM", null, null);
        });
    }

    @Override public CapChange changeIssuanceLimit(String unitType, int vintage, long quantity, String source, ActorId by) {
        if (quantity < 1) throw new IllegalArgumentException("a cap is at least 1 t");
        if (source == null || source.isBlank()) throw new IllegalArgumentException("a cap names its source");
        return tx(c -> {
            // the ledger's lock first (the order every ledger writer takes): no issuance completes or is proposed in between,
            // so what is issued and awaits approval below is what the ledger will count against the new cap
            Sql.one(c, "SELECT pg_advisory_xact_lock(?)", rs -> 1, GroupCommitLedger.LEDGER_LOCK);
            if (Sql.one(c, "SELECT 1 FROM unit_type WHERE code = ?", rs -> 1, unitType).isEmpty())
                return new CapChange(CapChange.Result.UNKNOWN_UNIT_TYPE, null, 0, 0);
            Long previous = current(c, unitType, vintage);
            long[] floor = floor(c, unitType, vintage);
            if (quantity < Math.addExact(floor[0], floor[1])) return new CapChange(CapChange.Result.BELOW_ISSUED, previous, floor[0], floor[1]);
            writeLimit(c, unitType, vintage, quantity, source.strip(), previous, by, "OPERATOR", null, null);
            return new CapChange(CapChange.Result.SET, previous, floor[0], floor[1]);
        });
    }

    /** The current cap, its row locked (null: none yet). */
    private static Long current(Connection c, String unitType, int vintage) {
        return Sql.one(c, "SELECT quantity FROM issuance_limit WHERE unit_type = ? AND vintage = ? FOR UPDATE", rs -> rs.getLong(1), unitType, vintage).orElse(null);
    }

    /**
     * What is issued and what awaits approval of a unit type and vintage, as the ledger counts them (PgLedgerSession's
     * definitions), read in one statement so that both figures come from one snapshot: an issuance completing between
     * two reads would move its units from the second figure to the first unseen.
     */
    private static long[] floor(Connection c, String unitType, int vintage) {
        return Sql.one(c, "SELECT " + PgLedgerSession.issuedOf("?", "?") + ", " + PgLedgerSession.pendingIssuanceOf("?", "?"),
                rs -> new long[]{rs.getLong(1), rs.getLong(2)}, unitType, vintage, unitType, vintage).orElseThrow();
    }

    /**
     * Replaces the current cap (V12's trigger moves the reference generation at commit) and adds the new version to its
     * history with how it came to be (V35's route; the proposer and the proposal for a 4-eyes change).
     */
    private static int writeLimit(Connection c, String unitType, int vintage, long quantity, String source, Long previous, ActorId by,
                                  String route, String proposedBy, Long proposalId) {
        Sql.update(c, "INSERT INTO issuance_limit (unit_type, vintage, quantity, source) VALUES (?, ?, ?, ?) " +
                "ON CONFLICT (unit_type, vintage) DO UPDATE SET quantity = excluded.quantity, source = excluded.source", unitType, vintage, quantity, source);
        return Sql.update(c, "INSERT INTO issuance_limit_change (unit_type, vintage, previous, quantity, source, set_by, route, proposed_by, proposal_id) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                unitType, vintage, previous, quantity, source, by == null ? null : by.value(), route, proposedBy, proposalId);
    }

    // ---------------------------------------------------------------------------------------- cap changes, 4-eyes (V35)

    static final String PROPOSAL_COLUMNS = "id, unit_type, vintage, quantity, source, command_id, proposed_by, proposed_at, expires_at, status, decided_by, decided_at, reason, base_quantity";

    static CapProposalView proposal(ResultSet rs) throws SQLException {
        return new CapProposalView(rs.getLong("id"), rs.getString("unit_type"), rs.getInt("vintage"), rs.getLong("quantity"), rs.getString("source"),
                rs.getString("command_id"), rs.getString("proposed_by"), Sql.instant(rs, "proposed_at"), Sql.instant(rs, "expires_at"),
                rs.getString("status"), rs.getString("decided_by"), Sql.instant(rs, "decided_at"), rs.getString("reason"),
                rs.getObject("base_quantity") == null ? null : rs.getLong("base_quantity"));
    }

    @Override public CapProposal proposeIssuanceLimit(String commandId, String unitType, int vintage, long quantity, String source, ActorId by, Instant now) {
        if (commandId == null || commandId.isBlank()) throw new IllegalArgumentException("a proposal carries its proposer's command id");
        if (quantity < 1) throw new IllegalArgumentException("a cap is at least 1 t");
        if (source == null || source.isBlank()) throw new IllegalArgumentException("a cap names its source");
        String s = source.strip();
        try {
            return tx(c -> propose(c, commandId, unitType, vintage, quantity, s, by, now));
        } catch (Sql.Failure e) {
            // the same id sent twice at once for two different caps: the second meets the first's unique key
            if (e.getCause() instanceof SQLException x && "23505".equals(x.getSQLState()) && String.valueOf(x.getMessage()).contains("issuance_limit_proposal_command_id"))
                return tx(c -> proposedUnder(c, commandId, unitType, vintage, quantity, s, by)).orElseThrow(() -> e);
            throw e;
        }
    }

    private CapProposal propose(Connection c, String commandId, String unitType, int vintage, long quantity, String source, ActorId by, Instant now) {
        // the proposals of one cap wait for each other: one pending at a time, and a repeat of the same id finds the first
        Sql.one(c, "SELECT pg_advisory_xact_lock(hashtext('issuance limit proposal'), hashtext(? || '/' || ?::text))", rs -> true, unitType, vintage);
        Optional<CapProposal> repeated = proposedUnder(c, commandId, unitType, vintage, quantity, source, by);
        if (repeated.isPresent()) return repeated.get();
        Optional<String> issuer = Sql.one(c, "SELECT issuer FROM unit_type WHERE code = ?", rs -> rs.getString(1), unitType);
        if (issuer.isEmpty()) return new CapProposal(CapProposal.Result.UNKNOWN_UNIT_TYPE, null, 0, 0);
        if (!administers(c, by, issuer.get())) return new CapProposal(CapProposal.Result.NOT_AUTHORISED, null, 0, 0);
        // a pending proposal whose window has closed no longer holds the cap's place
        Sql.update(c, "UPDATE issuance_limit_proposal SET status = 'EXPIRED', decided_at = ? WHERE unit_type = ? AND vintage = ? AND status = 'PENDING' AND expires_at < ?",
                now, unitType, vintage, now);
        Optional<CapProposalView> pending = Sql.one(c, "SELECT " + PROPOSAL_COLUMNS + " FROM issuance_limit_proposal WHERE unit_type = ? AND vintage = ? AND status = 'PENDING'",
                PgRegistryAdministration::proposal, unitType, vintage);
        if (pending.isPresent()) return new CapProposal(CapProposal.Result.PENDING_EXISTS, pending.get(), 0, 0);
        long[] floor = floor(c, unitType, vintage);
        if (quantity < Math.addExact(floor[0], floor[1])) return new CapProposal(CapProposal.Result.BELOW_ISSUED, null, floor[0], floor[1]);
        // the window the jurisdiction gives an issuance of this unit type: its issuer's total-quantity account's controls
        int hours = Sql.one(c, "SELECT approval_expiry_hours FROM control_setting WHERE jurisdiction = ? AND account_type = 'TOTAL_QUANTITY'",
                rs -> rs.getInt(1), issuer.get()).orElseThrow(() -> new IllegalStateException("no controls configured for " + issuer.get() + " TOTAL_QUANTITY"));
        // the cap it is proposed against: approved only while the cap is still this one (V39)
        Long base = Sql.one(c, "SELECT quantity FROM issuance_limit WHERE unit_type = ? AND vintage = ?", rs -> rs.getLong(1), unitType, vintage).orElse(null);
        CapProposalView p = Sql.one(c, "INSERT INTO issuance_limit_proposal (unit_type, vintage, quantity, source, command_id, proposed_by, proposed_at, expires_at, base_quantity) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING " + PROPOSAL_COLUMNS, PgRegistryAdministration::proposal,
                unitType, vintage, quantity, source, commandId, by.value(), now, now.plus(Duration.ofHours(hours)), base).orElseThrow();
        return new CapProposal(CapProposal.Result.PROPOSED, p, floor[0], floor[1]);
    }

    /** The proposal the proposer's command id made, if it made one: REPEATED when it proposed the same, else COMMAND_ID_USED. */
    private static Optional<CapProposal> proposedUnder(Connection c, String commandId, String unitType, int vintage, long quantity, String source, ActorId by) {
        return Sql.one(c, "SELECT " + PROPOSAL_COLUMNS + " FROM issuance_limit_proposal WHERE proposed_by = ? AND command_id = ?", PgRegistryAdministration::proposal,
                by.value(), commandId).map(p -> new CapProposal(p.unitType().equals(unitType) && p.vintage() == vintage && p.quantity() == quantity
                && p.source().equals(source) ? CapProposal.Result.REPEATED : CapProposal.Result.COMMAND_ID_USED, p, 0, 0));
    }

    private static boolean administers(Connection c, ActorId actor, String jurisdiction) {
        return Sql.one(c, "SELECT 1 FROM registry_administrator WHERE actor = ? AND jurisdiction = ?", rs -> 1, actor.value(), jurisdiction).isPresent();
    }

    private enum Step { APPROVE, DECLINE, WITHDRAW }

    @Override public CapDecision approveIssuanceLimit(long proposalId, ActorId by, Instant now) {
        return decide(proposalId, by, Step.APPROVE, null, now);
    }

    @Override public CapDecision declineIssuanceLimit(long proposalId, ActorId by, String reason, Instant now) {
        return decide(proposalId, by, Step.DECLINE, reason, now);
    }

    @Override public CapDecision withdrawIssuanceLimit(long proposalId, ActorId by, String reason, Instant now) {
        return decide(proposalId, by, Step.WITHDRAW, reason, now);
    }

    /**
     * One step on a proposal, in a transaction's order: who may (an administrator of the issuer; for a withdrawal the
     * proposer; a decline never by the proposer), whose it is (the proposer never approves), its state, its window (an
     * expired one lapses, and only that is written); an approval then checks the cap against what is issued and awaits
     * approval, under the ledger's lock taken before any row lock, and writes the cap, its version and the outcome.
     * An approval also needs its proposer to administer the issuer still, and the cap to be the one it was proposed against.
     */
    private CapDecision decide(long proposalId, ActorId by, Step step, String reason, Instant now) {
        String why = reason == null ? null : reason.strip();
        if (step != Step.APPROVE && (why == null || why.isEmpty())) throw new IllegalArgumentException("a decline or a withdrawal says why");
        return tx(c -> {
            if (step == Step.APPROVE) Sql.one(c, "SELECT pg_advisory_xact_lock(?)", rs -> 1, GroupCommitLedger.LEDGER_LOCK);
            Optional<CapProposalView> found = Sql.one(c, "SELECT " + PROPOSAL_COLUMNS + " FROM issuance_limit_proposal WHERE id = ? FOR UPDATE",
                    PgRegistryAdministration::proposal, proposalId);
            if (found.isEmpty()) return new CapDecision(CapDecision.Result.UNKNOWN, null, null, 0, 0);
            CapProposalView p = found.get();
            boolean proposer = p.proposedBy().equals(by.value());
            String issuer = Sql.one(c, "SELECT issuer FROM unit_type WHERE code = ?", rs -> rs.getString(1), p.unitType()).orElseThrow();
            boolean allowed = switch (step) {
                case APPROVE -> administers(c, by, issuer);
                case DECLINE -> administers(c, by, issuer) && !proposer;
                case WITHDRAW -> proposer;
            };
            if (!allowed) return new CapDecision(CapDecision.Result.NOT_AUTHORISED, p, null, 0, 0);
            if (step == Step.APPROVE && proposer) return new CapDecision(CapDecision.Result.SELF_APPROVAL, p, null, 0, 0);
            if (!p.pending()) return new CapDecision(CapDecision.Result.NOT_PENDING, p, null, 0, 0);
            if (now.isAfter(p.expiresAt())) return new CapDecision(CapDecision.Result.EXPIRED, outcome(c, p.id(), "EXPIRED", null, null, now), null, 0, 0);
            // the proposer's authority is part of the 4-eyes: one who no longer administers the issuer has no proposal to approve
            if (step == Step.APPROVE && !administers(c, ActorId.of(p.proposedBy()), issuer))
                return new CapDecision(CapDecision.Result.PROPOSER_NOT_AUTHORISED, p, null, 0, 0);
            return switch (step) {
                case APPROVE -> {
                    Long previous = current(c, p.unitType(), p.vintage());
                    // approved against the cap it was proposed against: a cap changed meanwhile (the operator's CLI) is not silently replaced
                    if (!java.util.Objects.equals(previous, p.baseQuantity())) yield new CapDecision(CapDecision.Result.CAP_CHANGED, p, previous, 0, 0);
                    long[] floor = floor(c, p.unitType(), p.vintage());
                    if (p.quantity() < Math.addExact(floor[0], floor[1])) yield new CapDecision(CapDecision.Result.BELOW_ISSUED, p, previous, floor[0], floor[1]);
                    writeLimit(c, p.unitType(), p.vintage(), p.quantity(), p.source(), previous, by, "FOUR_EYES", p.proposedBy(), p.id());
                    yield new CapDecision(CapDecision.Result.APPROVED, outcome(c, p.id(), "APPROVED", by, null, now), previous, floor[0], floor[1]);
                }
                case DECLINE -> new CapDecision(CapDecision.Result.DECLINED, outcome(c, p.id(), "DECLINED", by, why, now), null, 0, 0);
                case WITHDRAW -> new CapDecision(CapDecision.Result.WITHDRAWN, outcome(c, p.id(), "WITHDRAWN", by, why, now), null, 0, 0);
            };
        });
    }

    /** Ends a pending proposal (by null: the platform, for a lapse) and returns it as it now stands. */
    private static CapProposalView outcome(Connection c, long id, String status, ActorId by, String reason, Instant now) {
        return Sql.one(c, "UPDATE issuance_limit_proposal SET status = ?, decided_by = ?, decided_at = ?, reason = ? WHERE id = ? AND status = 'PENDING' RETURNING "
                + PROPOSAL_COLUMNS, PgRegistryAdministration::proposal, status, by == null ? null : by.value(), now, reason, id).orElseThrow();
    }

    @Override public int lapseIssuanceLimitProposals(Instant now) {
        return tx(c -> Sql.update(c, "UPDATE issuance_limit_proposal SET status = 'EXPIRED', decided_at = ? WHERE status = 'PENDING' AND expires_at < ?", now, now));
    }

    @Override public void setStatus(long accountId, AccountStatus status, String reason) {
        if (reason == null || reason.isBlank()) throw new IllegalArgumentException("a status change records its reason");
        tx(c -> {
            // the row lock orders concurrent changes of one account, so the history's old status is always the one replaced
            AccountStatus old = Sql.one(c, "SELECT status FROM account WHERE id = ? FOR UPDATE", rs -> AccountStatus.valueOf(rs.getString(1)), accountId)
                    .orElseThrow(() -> new IllegalArgumentException("no account " + accountId));
            return record(c, accountId, old, status, reason, null);
        });
    }

    @Override public StatusChange changeStatus(long accountId, AccountStatus expected, AccountStatus status, String reason, ActorId actor) {
        if (reason == null || reason.isBlank()) throw new IllegalArgumentException("a status change records its reason");
        return tx(c -> {
            // closing: the ledger's lock first (the order every ledger writer takes), so no group moves units in between
            if (status == AccountStatus.CLOSED) Sql.one(c, "SELECT pg_advisory_xact_lock(?)", rs -> 1, GroupCommitLedger.LEDGER_LOCK);
            AccountStatus old = Sql.one(c, "SELECT status FROM account WHERE id = ? FOR UPDATE", rs -> AccountStatus.valueOf(rs.getString(1)), accountId)
                    .orElseThrow(() -> new IllegalArgumentException("no account " + accountId));
            if (old != expected) return StatusChange.STALE;
            if (status == AccountStatus.CLOSED && Sql.longValue(c, "SELECT coalesce(sum(quantity), 0) FROM holding WHERE account_id = ?", accountId) > 0)
                return StatusChange.NOT_EMPTY;
            return record(c, accountId, old, status, reason, actor);
        });
    }

    /** Sets the status and adds its history row (actor null: the platform itself). */
    private static StatusChange record(java.sql.Connection c, long accountId, AccountStatus old, AccountStatus status, String reason, ActorId actor) {
        Sql.update(c, "UPDATE account SET status = ?, status_reason = ? WHERE id = ?", status.name(), reason, accountId);
        Sql.update(c, "INSERT INTO account_status_change (account_id, old_status, status, reason, actor) VALUES (?, ?, ?, ?, ?)",
                accountId, old.name(), status.name(), reason, actor == null ? null : actor.value());
        return StatusChange.CHANGED;
    }

    /** Adds a trusted account that is active from {@code activatesAt} (demo data and migrations of existing lists). */
    public void addTrustedAccount(long accountId, long trustedAccountId, Instant activatesAt) {
        tx(c -> Sql.update(c, "INSERT INTO trusted_account (account_id, trusted_account_id, activates_at) VALUES (?, ?, ?) " +
                "ON CONFLICT (account_id, trusted_account_id) DO UPDATE SET activates_at = excluded.activates_at", accountId, trustedAccountId, activatesAt));
    }

    @Override public boolean removeTrusted(long accountId, long trustedAccountId, ActorId by) {
        return tx(c -> {
            // the ledger's lock first (ADR 0006, 7): no group is in flight on the list the writer cached; the deletion
            // moves the reference generation at commit, so the next group reads the list again
            Sql.one(c, "SELECT pg_advisory_xact_lock(?)", rs -> 1, GroupCommitLedger.LEDGER_LOCK);
            // the trigger of V31 keeps the entry, naming the remover read from this transaction's setting
            Sql.one(c, "SELECT set_config('openets.actor', ?, true)", rs -> 1, by.value());
            return Sql.update(c, "DELETE FROM trusted_account WHERE account_id = ? AND trusted_account_id = ?", accountId, trustedAccountId) == 1;
        });
    }
}
