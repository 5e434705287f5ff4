package org.openets.store;

import org.openets.workflows.registry.Calendars;
import org.openets.workflows.registry.Calendars.ChangeView;
import org.openets.workflows.registry.Calendars.Day;
import org.openets.workflows.registry.Calendars.Entry;
import org.openets.workflows.registry.Calendars.Decision;
import org.openets.workflows.registry.Calendars.Outcome;
import org.openets.workflows.registry.Calendars.ProposalView;
import org.openets.workflows.registry.Calendars.Proposed;
import org.openets.workflows.registry.spi.CalendarStore;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The calendars of public holidays and make-up workdays (calendar_day) and their changes (calendar_day_change, V44).
 * A change is one transaction: the jurisdiction's row is locked (FOR NO KEY UPDATE, which leaves foreign-key checks
 * of other tables alone) so two changes of one calendar are checked one after the other, the entries are checked
 * against the days as they are then, and every day written is recorded with its before and after. V12's trigger on
 * calendar_day moves the reference generation at commit: the ledger writer drops its cached calendars for its next
 * group commit.
 */
public final class PgCalendar implements CalendarStore {
    private final DataSource ds;

    public PgCalendar(DataSource ds) { this.ds = ds; }

    @Override public Optional<ZoneId> zone(String jurisdiction) {
        return read(c -> Sql.one(c, "SELECT zone FROM jurisdiction WHERE code = ?", rs -> ZoneId.of(rs.getString(1)), jurisdiction));
    }

    @Override public List<Day> days(String jurisdiction, int year) {
        return read(c -> Sql.list(c, "SELECT day, kind, note FROM calendar_day WHERE jurisdiction = ? AND day >= ? AND day < ? ORDER BY day",
                PgCalendar::day, jurisdiction, LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1)));
    }

    @Override public List<ChangeView> changes(String jurisdiction, int limit) {
        return read(c -> Sql.list(c, "SELECT " + CHANGE_COLUMNS + " "
                + "FROM calendar_day_change WHERE jurisdiction = ? ORDER BY id DESC LIMIT ?", PgCalendar::change, jurisdiction, limit));
    }

    @Override public Outcome apply(String jurisdiction, List<Entry> entries, String actor, String route, Instant now) {
        return Sql.inTransaction(ds, "change the calendar of " + jurisdiction, c -> {
            LocalDate today = today(c, jurisdiction, now);
            Map<LocalDate, Day> current = current(c, jurisdiction, entries);
            List<Calendars.Error> errors = Calendars.check(entries, current, today);
            if (!errors.isEmpty()) return new Outcome(List.of(), errors, today);
            return new Outcome(write(c, jurisdiction, entries, current, actor, null, null, route, now), List.of(), today);
        });
    }

    /** Locks the jurisdiction's calendar (its row, FOR NO KEY UPDATE) and says what day it is there. */
    private static LocalDate today(Connection c, String jurisdiction, Instant now) {
        ZoneId zone = Sql.one(c, "SELECT zone FROM jurisdiction WHERE code = ? FOR NO KEY UPDATE", rs -> ZoneId.of(rs.getString(1)), jurisdiction)
                .orElseThrow(() -> new IllegalArgumentException("no jurisdiction " + jurisdiction));
        return now.atZone(zone).toLocalDate();
    }

    /** The current entries of the entries' days. */
    private static Map<LocalDate, Day> current(Connection c, String jurisdiction, List<Entry> entries) {
        Map<LocalDate, Day> current = new HashMap<>();
        if (!entries.isEmpty()) {
            LocalDate from = entries.stream().map(Entry::day).min(LocalDate::compareTo).orElseThrow(),
                    to = entries.stream().map(Entry::day).max(LocalDate::compareTo).orElseThrow();
            for (Day d : Sql.list(c, "SELECT day, kind, note FROM calendar_day WHERE jurisdiction = ? AND day BETWEEN ? AND ?", PgCalendar::day, jurisdiction, from, to))
                current.put(d.day(), d);
        }
        return current;
    }

    /** Writes checked entries, each change kept (an entry equal to the day's current one is no change). */
    private static List<ChangeView> write(Connection c, String jurisdiction, List<Entry> entries, Map<LocalDate, Day> current, String actor, String approvedBy,
                                          Long proposalId, String route, Instant now) {
        List<ChangeView> written = new ArrayList<>();
        for (Entry e : entries) {
            Day before = current.get(e.day());
            String note = e.note().strip();
            if (e.removes()) {
                Sql.update(c, "DELETE FROM calendar_day WHERE jurisdiction = ? AND day = ?", jurisdiction, e.day());
            } else {
                if (before != null) continue; // the same kind and note: no change
                Sql.update(c, "INSERT INTO calendar_day (jurisdiction, day, kind, note) VALUES (?, ?, ?, ?)", jurisdiction, e.day(), e.kind(), note);
            }
            written.add(Sql.one(c, "INSERT INTO calendar_day_change (jurisdiction, day, before_kind, before_note, after_kind, after_note, note, route, changed_by, changed_at, "
                            + "approved_by, proposal_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING " + CHANGE_COLUMNS,
                    PgCalendar::change, jurisdiction, e.day(), before == null ? null : before.kind(), before == null ? null : before.note(),
                    e.kind(), e.removes() ? null : note, note, route, actor, now, approvedBy, proposalId).orElseThrow());
        }
        return written;
    }

    private static boolean administers(Connection c, String actor, String jurisdiction) {
        return actor != null && Sql.one(c, "SELECT 1 FROM registry_administrator WHERE actor = ? AND jurisdiction = ?", rs -> 1, actor, jurisdiction).isPresent();
    }

    @Override public Proposed propose(String jurisdiction, List<Entry> entries, String reason, String actor, String route, Instant now) {
        if (reason == null || reason.isBlank()) throw new IllegalArgumentException("a proposal says why");
        return Sql.inTransaction(ds, "propose a change of the calendar of " + jurisdiction, c -> {
            LocalDate today = today(c, jurisdiction, now);
            if (!administers(c, actor, jurisdiction)) return new Proposed(Proposed.Result.NOT_AUTHORISED, null, List.of());
            Map<LocalDate, Day> current = current(c, jurisdiction, entries);
            List<Calendars.Error> errors = Calendars.check(entries, current, today);
            if (!errors.isEmpty()) return new Proposed(Proposed.Result.REFUSED, null, errors);
            Sql.update(c, "UPDATE calendar_proposal SET status = 'EXPIRED', decided_at = ? WHERE jurisdiction = ? AND status = 'PENDING' AND expires_at < ?",
                    now, jurisdiction, now);
            Optional<ProposalView> pending = Sql.one(c, "SELECT " + PROPOSAL_COLUMNS + " FROM calendar_proposal WHERE jurisdiction = ? AND status = 'PENDING'",
                    PgCalendar::proposalRow, jurisdiction).map(p -> withDays(c, p));
            if (pending.isPresent()) return new Proposed(Proposed.Result.PENDING_EXISTS, pending.get(), List.of());
            if (entries.stream().allMatch(e -> Calendars.noChange(e, current))) return new Proposed(Proposed.Result.UNCHANGED, null, List.of());
            // the window a control change of the jurisdiction gets: its total-quantity account's approval window
            int hours = Sql.one(c, "SELECT approval_expiry_hours FROM control_setting WHERE jurisdiction = ? AND account_type = 'TOTAL_QUANTITY'",
                    rs -> rs.getInt(1), jurisdiction).orElseThrow(() -> new IllegalStateException("no controls configured for " + jurisdiction + " TOTAL_QUANTITY"));
            ProposalView p = Sql.one(c, "INSERT INTO calendar_proposal (jurisdiction, reason, route, proposed_by, proposed_at, expires_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING "
                    + PROPOSAL_COLUMNS, PgCalendar::proposalRow, jurisdiction, reason.strip(), route, actor, now, now.plus(Duration.ofHours(hours))).orElseThrow();
            for (Entry e : entries)
                Sql.update(c, "INSERT INTO calendar_proposal_day (proposal_id, line, day, kind, note) VALUES (?, ?, ?, ?, ?)", p.id(), e.line(), e.day(), e.kind(), e.note().strip());
            return new Proposed(Proposed.Result.PROPOSED, withDays(c, p), List.of());
        });
    }

    @Override public List<ProposalView> proposals(String jurisdiction, String status, int limit) {
        return read(c -> Sql.list(c, "SELECT " + PROPOSAL_COLUMNS + " FROM calendar_proposal WHERE (?::text IS NULL OR jurisdiction = ?) AND (?::text IS NULL OR status = ?) "
                + "ORDER BY id DESC LIMIT ?", PgCalendar::proposalRow, jurisdiction, jurisdiction, status, status, limit).stream().map(p -> withDays(c, p)).toList());
    }

    @Override public Optional<ProposalView> proposal(long id) {
        return read(c -> Sql.one(c, "SELECT " + PROPOSAL_COLUMNS + " FROM calendar_proposal WHERE id = ?", PgCalendar::proposalRow, id).map(p -> withDays(c, p)));
    }

    private enum Step { APPROVE, DECLINE, WITHDRAW }

    @Override public Decision approve(long proposalId, String actor, Instant now) { return decide(proposalId, actor, Step.APPROVE, null, now); }

    @Override public Decision decline(long proposalId, String actor, String reason, Instant now) { return decide(proposalId, actor, Step.DECLINE, reason, now); }

    @Override public Decision withdraw(long proposalId, String actor, String reason, Instant now) { return decide(proposalId, actor, Step.WITHDRAW, reason, now); }

    /**
     * One step on a proposal, as a control change's: who may, whose it is, its state, its window; an approval then, under
     * the ledger's lock taken before any row lock (ADR 0003) and the calendar's, checks that its proposer still
     * administers the jurisdiction and that its entries still pass the day rules against the days and today as they are
     * now, writes all of them, keeps every change with proposer and approver, and ends the proposal.
     */
    private Decision decide(long proposalId, String actor, Step step, String reason, Instant now) {
        String why = reason == null ? null : reason.strip();
        if (step != Step.APPROVE && (why == null || why.isEmpty())) throw new IllegalArgumentException("a decline or a withdrawal says why");
        return Sql.inTransaction(ds, "decide calendar proposal " + proposalId, c -> {
            if (step == Step.APPROVE) Sql.one(c, "SELECT pg_advisory_xact_lock(?)", rs -> 1, GroupCommitLedger.LEDGER_LOCK);
            Optional<ProposalView> found = Sql.one(c, "SELECT " + PROPOSAL_COLUMNS + " FROM calendar_proposal WHERE id = ? FOR UPDATE", PgCalendar::proposalRow, proposalId)
                    .map(p -> withDays(c, p));
            if (found.isEmpty()) return new Decision(Decision.Result.UNKNOWN, null, List.of(), List.of());
            ProposalView p = found.get();
            boolean proposer = p.proposedBy().equals(actor);
            boolean allowed = switch (step) {
                case APPROVE -> administers(c, actor, p.jurisdiction());
                case DECLINE -> administers(c, actor, p.jurisdiction()) && !proposer;
                case WITHDRAW -> proposer;
            };
            if (!allowed) return new Decision(Decision.Result.NOT_AUTHORISED, p, List.of(), List.of());
            if (step == Step.APPROVE && proposer) return new Decision(Decision.Result.SELF_APPROVAL, p, List.of(), List.of());
            if (!p.pending()) return new Decision(Decision.Result.NOT_PENDING, p, List.of(), List.of());
            if (now.isAfter(p.expiresAt())) return new Decision(Decision.Result.EXPIRED, outcome(c, p.id(), "EXPIRED", null, null, now), List.of(), List.of());
            return switch (step) {
                case APPROVE -> {
                    if (!administers(c, p.proposedBy(), p.jurisdiction())) yield new Decision(Decision.Result.PROPOSER_NOT_AUTHORISED, p, List.of(), List.of());
                    LocalDate today = today(c, p.jurisdiction(), now);
                    Map<LocalDate, Day> current = current(c, p.jurisdiction(), p.entries());
                    List<Calendars.Error> errors = Calendars.check(p.entries(), current, today);
                    if (!errors.isEmpty()) yield new Decision(Decision.Result.RULES_FAILED, p, List.of(), errors);
                    List<ChangeView> written = write(c, p.jurisdiction(), p.entries(), current, p.proposedBy(), actor, p.id(), p.route(), now);
                    yield new Decision(Decision.Result.APPROVED, outcome(c, p.id(), "APPROVED", actor, null, now), written, List.of());
                }
                case DECLINE -> new Decision(Decision.Result.DECLINED, outcome(c, p.id(), "DECLINED", actor, why, now), List.of(), List.of());
                case WITHDRAW -> new Decision(Decision.Result.WITHDRAWN, outcome(c, p.id(), "WITHDRAWN", actor, why, now), List.of(), List.of());
            };
        });
    }

    private static ProposalView outcome(Connection c, long id, String status, String by, String reason, Instant now) {
        return Sql.one(c, "UPDATE calendar_proposal SET status = ?, decided_by = ?, decided_at = ?, decision_reason = ? WHERE id = ? AND status = 'PENDING' RETURNING "
                + PROPOSAL_COLUMNS, PgCalendar::proposalRow, status, by, now, reason, id).map(p -> withDays(c, p)).orElseThrow();
    }

    @Override public int lapse(Instant now) {
        return Sql.inTransaction(ds, "lapse calendar proposals",
                c -> Sql.update(c, "UPDATE calendar_proposal SET status = 'EXPIRED', decided_at = ? WHERE status = 'PENDING' AND expires_at < ?", now, now));
    }

    static final String PROPOSAL_COLUMNS = "id, jurisdiction, reason, route, proposed_by, proposed_at, expires_at, status, decided_by, decided_at, decision_reason";
    static final String CHANGE_COLUMNS = "id, jurisdiction, day, before_kind, before_note, after_kind, after_note, note, route, changed_by, changed_at, approved_by, proposal_id";

    private static ProposalView proposalRow(ResultSet rs) throws SQLException {
        return new ProposalView(rs.getLong("id"), rs.getString("jurisdiction"), List.of(), rs.getString("reason"), rs.getString("route"), rs.getString("proposed_by"),
                Sql.instant(rs, "proposed_at"), Sql.instant(rs, "expires_at"), rs.getString("status"), rs.getString("decided_by"), Sql.instant(rs, "decided_at"),
                rs.getString("decision_reason"));
    }

    private static ProposalView withDays(Connection c, ProposalView p) {
        List<Entry> days = Sql.list(c, "SELECT line, day, kind, note FROM calendar_proposal_day WHERE proposal_id = ? ORDER BY line, day",
                rs -> new Entry(rs.getInt(1), rs.getObject(2, LocalDate.class), rs.getString(3), rs.getString(4)), p.id());
        return new ProposalView(p.id(), p.jurisdiction(), days, p.reason(), p.route(), p.proposedBy(), p.proposedAt(), p.expiresAt(), p.status(), p.decidedBy(),
                p.decidedAt(), p.decisionReason());
    }

    private <T> T read(java.util.function.Function<Connection, T> work) {
        try (Connection c = ds.getConnection()) {
            return work.apply(c);
        } catch (SQLException e) {
            throw new Sql.Failure("read the calendar", e);
        }
    }

    private static Day day(ResultSet rs) throws SQLException {
        return new Day(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getString(3));
    }

    private static ChangeView change(ResultSet rs) throws SQLException {
        return new ChangeView(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), Sql.instant(rs, "changed_at"), rs.getString(12),
                rs.getObject(13) == null ? null : rs.getLong(13));
    }
}
