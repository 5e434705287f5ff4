package org.openets.store;

import org.openets.kernel.ActorId;
import org.openets.registry.Controls;
import org.openets.workflows.registry.spi.ControlsAdministration;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** The controls, their 4-eyes proposals (V43) and their history in PostgreSQL. */
public final class PgControlsAdministration implements ControlsAdministration {
    static final String VALUES = "four_eyes, approval_expiry_hours, trusted_delay_hours, untrusted_policy, untrusted_delay_hours, trusted_activation_hours, "
            + "administrators_approve_holders";
    static final String PROPOSAL_COLUMNS = "id, jurisdiction, account_type, " + VALUES + ", " + prefixed("base_")
            + ", reason, command_id, proposed_by, proposed_at, expires_at, status, decided_by, decided_at, decision_reason";
    static final String CHANGE_COLUMNS = "id, jurisdiction, account_type, " + prefixed("old_") + ", " + VALUES + ", reason, proposed_by, approved_by, proposal_id, changed_at";

    private final DataSource ds;

    public PgControlsAdministration(DataSource ds) { this.ds = ds; }

    private <T> T tx(Function<Connection, T> work) { return Sql.inTransaction(ds, "controls administration", work); }

    private static String prefixed(String prefix) {
        return String.join(", ", java.util.Arrays.stream(VALUES.split(", ")).map(c -> prefix + c).toList());
    }

    private static Controls controls(ResultSet rs, String prefix) throws SQLException {
        return new Controls(rs.getBoolean(prefix + "four_eyes"), rs.getInt(prefix + "approval_expiry_hours"), rs.getInt(prefix + "trusted_delay_hours"),
                Controls.UntrustedPolicy.valueOf(rs.getString(prefix + "untrusted_policy")), rs.getInt(prefix + "untrusted_delay_hours"),
                rs.getInt(prefix + "trusted_activation_hours"), rs.getBoolean(prefix + "administrators_approve_holders"));
    }

    private static Object[] values(Controls c) {
        return new Object[]{c.fourEyes(), c.approvalExpiryHours(), c.trustedDelayHours(), c.untrusted().name(), c.untrustedDelayHours(),
                c.trustedActivationHours(), c.administratorsApproveHolders()};
    }

    static ControlProposalView proposal(ResultSet rs) throws SQLException {
        return new ControlProposalView(rs.getLong("id"), rs.getString("jurisdiction"), rs.getString("account_type"), controls(rs, ""), controls(rs, "base_"),
                rs.getString("reason"), rs.getString("command_id"), rs.getString("proposed_by"), Sql.instant(rs, "proposed_at"), Sql.instant(rs, "expires_at"),
                rs.getString("status"), rs.getString("decided_by"), Sql.instant(rs, "decided_at"), rs.getString("decision_reason"));
    }

    static ControlChangeView change(ResultSet rs) throws SQLException {
        return new ControlChangeView(rs.getLong("id"), rs.getString("jurisdiction"), rs.getString("account_type"), controls(rs, "old_"), controls(rs, ""),
                rs.getString("reason"), rs.getString("proposed_by"), rs.getString("approved_by"), rs.getLong("proposal_id"), Sql.instant(rs, "changed_at"));
    }

    @Override public List<ControlSettingView> settings() {
        return tx(c -> Sql.list(c, "SELECT jurisdiction, account_type, " + VALUES + " FROM control_setting ORDER BY jurisdiction, account_type",
                rs -> new ControlSettingView(rs.getString("jurisdiction"), rs.getString("account_type"), controls(rs, ""))));
    }

    @Override public List<ControlProposalView> proposals(String status, int limit) {
        return tx(c -> status == null
                ? Sql.list(c, "SELECT " + PROPOSAL_COLUMNS + " FROM control_setting_proposal ORDER BY id DESC LIMIT ?", PgControlsAdministration::proposal, limit)
                : Sql.list(c, "SELECT " + PROPOSAL_COLUMNS + " FROM control_setting_proposal WHERE status = ? ORDER BY id DESC LIMIT ?",
                PgControlsAdministration::proposal, status, limit));
    }

    @Override public Optional<ControlProposalView> proposal(long id) {
        return tx(c -> Sql.one(c, "SELECT " + PROPOSAL_COLUMNS + " FROM control_setting_proposal WHERE id = ?", PgControlsAdministration::proposal, id));
    }

    @Override public List<ControlChangeView> changes(int limit) {
        return tx(c -> Sql.list(c, "SELECT " + CHANGE_COLUMNS + " FROM control_setting_change ORDER BY id DESC LIMIT ?", PgControlsAdministration::change, limit));
    }

    private static Optional<Controls> current(Connection c, String jurisdiction, String accountType, boolean lock) {
        return Sql.one(c, "SELECT " + VALUES + " FROM control_setting WHERE jurisdiction = ? AND account_type = ?" + (lock ? " FOR UPDATE" : ""),
                rs -> controls(rs, ""), jurisdiction, accountType);
    }

    private static boolean administers(Connection c, String actor, String jurisdiction) {
        return Sql.one(c, "SELECT 1 FROM registry_administrator WHERE actor = ? AND jurisdiction = ?", rs -> 1, actor, jurisdiction).isPresent();
    }

    @Override public ControlProposal propose(String commandId, String jurisdiction, String accountType, Controls controls, String reason, ActorId by, Instant now) {
        if (commandId == null || commandId.isBlank()) throw new IllegalArgumentException("a proposal carries its proposer's command id");
        if (reason == null || reason.isBlank()) throw new IllegalArgumentException("a proposal says why");
        String why = reason.strip();
        try {
            return tx(c -> propose(c, commandId, jurisdiction, accountType, controls, why, by, now));
        } catch (Sql.Failure e) {
            // the same id sent twice at once for two different changes: the second meets the first's unique key
            if (e.getCause() instanceof SQLException x && "23505".equals(x.getSQLState()) && String.valueOf(x.getMessage()).contains("control_setting_proposal_command_id"))
                return tx(c -> proposedUnder(c, commandId, jurisdiction, accountType, controls, why, by)).orElseThrow(() -> e);
            throw e;
        }
    }

    private ControlProposal propose(Connection c, String commandId, String jurisdiction, String accountType, Controls controls, String reason, ActorId by, Instant now) {
        // the proposals of one (jurisdiction, account type) wait for each other: one pending at a time
        Sql.one(c, "SELECT pg_advisory_xact_lock(hashtext('control setting proposal'), hashtext(? || '/' || ?))", rs -> true, jurisdiction, accountType);
        Optional<ControlProposal> repeated = proposedUnder(c, commandId, jurisdiction, accountType, controls, reason, by);
        if (repeated.isPresent()) return repeated.get();
        Optional<Controls> base = current(c, jurisdiction, accountType, false);
        if (base.isEmpty()) return new ControlProposal(ControlProposal.Result.UNKNOWN_SETTING, null);
        if (!administers(c, by.value(), jurisdiction)) return new ControlProposal(ControlProposal.Result.NOT_AUTHORISED, null);
        Sql.update(c, "UPDATE control_setting_proposal SET status = 'EXPIRED', decided_at = ? WHERE jurisdiction = ? AND account_type = ? AND status = 'PENDING' "
                + "AND expires_at < ?", now, jurisdiction, accountType, now);
        Optional<ControlProposalView> pending = Sql.one(c, "SELECT " + PROPOSAL_COLUMNS + " FROM control_setting_proposal WHERE jurisdiction = ? AND account_type = ? "
                + "AND status = 'PENDING'", PgControlsAdministration::proposal, jurisdiction, accountType);
        if (pending.isPresent()) return new ControlProposal(ControlProposal.Result.PENDING_EXISTS, pending.get());
        if (base.get().equals(controls)) return new ControlProposal(ControlProposal.Result.UNCHANGED, null);
        // the window a cap change of the jurisdiction gets: its total-quantity account's approval window
        int hours = Sql.one(c, "SELECT approval_expiry_hours FROM control_setting WHERE jurisdiction = ? AND account_type = 'TOTAL_QUANTITY'",
                rs -> rs.getInt(1), jurisdiction).orElseThrow(() -> new IllegalStateException("no controls configured for " + jurisdiction + " TOTAL_QUANTITY"));
        Object[] args = java.util.stream.Stream.of(new Object[]{jurisdiction, accountType}, values(controls), values(base.get()),
                new Object[]{reason, commandId, by.value(), now, now.plus(Duration.ofHours(hours))}).flatMap(java.util.Arrays::stream).toArray();
        ControlProposalView p = Sql.one(c, "INSERT INTO control_setting_proposal (jurisdiction, account_type, " + VALUES + ", " + prefixed("base_")
                + ", reason, command_id, proposed_by, proposed_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING "
                + PROPOSAL_COLUMNS, PgControlsAdministration::proposal, args).orElseThrow();
        return new ControlProposal(ControlProposal.Result.PROPOSED, p);
    }

    private static Optional<ControlProposal> proposedUnder(Connection c, String commandId, String jurisdiction, String accountType, Controls controls, String reason, ActorId by) {
        return Sql.one(c, "SELECT " + PROPOSAL_COLUMNS + " FROM control_setting_proposal WHERE proposed_by = ? AND command_id = ?", PgControlsAdministration::proposal,
                by.value(), commandId).map(p -> new ControlProposal(p.jurisdiction().equals(jurisdiction) && p.accountType().equals(accountType)
                && p.controls().equals(controls) && p.reason().equals(reason) ? ControlProposal.Result.REPEATED : ControlProposal.Result.COMMAND_ID_USED, p));
    }

    private enum Step { APPROVE, DECLINE, WITHDRAW }

    @Override public ControlDecision approve(long proposalId, ActorId by, Instant now) { return decide(proposalId, by, Step.APPROVE, null, now); }

    @Override public ControlDecision decline(long proposalId, ActorId by, String reason, Instant now) { return decide(proposalId, by, Step.DECLINE, reason, now); }

    @Override public ControlDecision withdraw(long proposalId, ActorId by, String reason, Instant now) { return decide(proposalId, by, Step.WITHDRAW, reason, now); }

    /**
     * One step on a proposal, as a cap change's: who may, whose it is, its state, its window; an approval then, under the
     * ledger's lock taken before any row lock (ADR 0003: no group is in flight on the controls the writer cached, and
     * control_setting's trigger moves the reference generation at commit, so the very next group reads them again),
     * checks that its proposer still administers the jurisdiction and the controls are still those it was proposed
     * against, writes them, keeps the change and the outcome.
     */
    private ControlDecision decide(long proposalId, ActorId by, Step step, String reason, Instant now) {
        String why = reason == null ? null : reason.strip();
        if (step != Step.APPROVE && (why == null || why.isEmpty())) throw new IllegalArgumentException("a decline or a withdrawal says why");
        return tx(c -> {
            if (step == Step.APPROVE) Sql.one(c, "SELECT pg_advisory_xact_lock(?)", rs -> 1, GroupCommitLedger.LEDGER_LOCK);
            Optional<ControlProposalView> found = Sql.one(c, "SELECT " + PROPOSAL_COLUMNS + " FROM control_setting_proposal WHERE id = ? FOR UPDATE",
                    PgControlsAdministration::proposal, proposalId);
            if (found.isEmpty()) return new ControlDecision(ControlDecision.Result.UNKNOWN, null, null);
            ControlProposalView p = found.get();
            boolean proposer = p.proposedBy().equals(by.value());
            boolean allowed = switch (step) {
                case APPROVE -> administers(c, by.value(), p.jurisdiction());
                case DECLINE -> administers(c, by.value(), p.jurisdiction()) && !proposer;
                case WITHDRAW -> proposer;
            };
            if (!allowed) return new ControlDecision(ControlDecision.Result.NOT_AUTHORISED, p, null);
            if (step == Step.APPROVE && proposer) return new ControlDecision(ControlDecision.Result.SELF_APPROVAL, p, null);
            if (!p.pending()) return new ControlDecision(ControlDecision.Result.NOT_PENDING, p, null);
            if (now.isAfter(p.expiresAt())) return new ControlDecision(ControlDecision.Result.EXPIRED, outcome(c, p.id(), "EXPIRED", null, null, now), null);
            if (step == Step.APPROVE && !administers(c, p.proposedBy(), p.jurisdiction()))
                return new ControlDecision(ControlDecision.Result.PROPOSER_NOT_AUTHORISED, p, null);
            return switch (step) {
                case APPROVE -> {
                    Controls now_ = current(c, p.jurisdiction(), p.accountType(), true).orElseThrow();
                    if (!Objects.equals(now_, p.base())) yield new ControlDecision(ControlDecision.Result.CONTROLS_CHANGED, p, now_);
                    Object[] set = java.util.stream.Stream.of(values(p.controls()), new Object[]{p.jurisdiction(), p.accountType()})
                            .flatMap(java.util.Arrays::stream).toArray();
                    Sql.update(c, "UPDATE control_setting SET four_eyes = ?, approval_expiry_hours = ?, trusted_delay_hours = ?, untrusted_policy = ?, "
                            + "untrusted_delay_hours = ?, trusted_activation_hours = ?, administrators_approve_holders = ? WHERE jurisdiction = ? AND account_type = ?", set);
                    Object[] row = java.util.stream.Stream.of(new Object[]{p.jurisdiction(), p.accountType()}, values(now_), values(p.controls()),
                            new Object[]{p.reason(), p.proposedBy(), by.value(), p.id(), now}).flatMap(java.util.Arrays::stream).toArray();
                    Sql.update(c, "INSERT INTO control_setting_change (jurisdiction, account_type, " + prefixed("old_") + ", " + VALUES
                            + ", reason, proposed_by, approved_by, proposal_id, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row);
                    yield new ControlDecision(ControlDecision.Result.APPROVED, outcome(c, p.id(), "APPROVED", by, null, now), now_);
                }
                case DECLINE -> new ControlDecision(ControlDecision.Result.DECLINED, outcome(c, p.id(), "DECLINED", by, why, now), null);
                case WITHDRAW -> new ControlDecision(ControlDecision.Result.WITHDRAWN, outcome(c, p.id(), "WITHDRAWN", by, why, now), null);
            };
        });
    }

    private static ControlProposalView outcome(Connection c, long id, String status, ActorId by, String reason, Instant now) {
        return Sql.one(c, "UPDATE control_setting_proposal SET status = ?, decided_by = ?, decided_at = ?, decision_reason = ? WHERE id = ? AND status = 'PENDING' "
                + "RETURNING " + PROPOSAL_COLUMNS, PgControlsAdministration::proposal, status, by == null ? null : by.value(), now, reason, id).orElseThrow();
    }

    @Override public int lapse(Instant now) {
        return tx(c -> Sql.update(c, "UPDATE control_setting_proposal SET status = 'EXPIRED', decided_at = ? WHERE status = 'PENDING' AND expires_at < ?", now, now));
    }
}
