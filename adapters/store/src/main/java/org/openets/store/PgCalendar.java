package org.openets.store;

import org.openets.workflows.registry.Calendars;
import org.openets.workflows.registry.Calendars.ChangeView;
import org.openets.workflows.registry.Calendars.Day;
import org.openets.workflows.registry.Calendars.Entry;
import org.openets.workflows.registry.Calendars.Outcome;
import org.openets.workflows.registry.spi.CalendarStore;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
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
        return read(c -> Sql.list(c, "SELECT id, jurisdiction, day, before_kind, before_note, after_kind, after_note, note, route, changed_by, changed_at "
                + "FROM calendar_day_change WHERE jurisdiction = ? ORDER BY id DESC LIMIT ?", PgCalendar::change, jurisdiction, limit));
    }

    @Override public Outcome apply(String jurisdiction, List<Entry> entries, String actor, String route, Instant now) {
        return Sql.inTransaction(ds, "change the calendar of " + jurisdiction, c -> {
            ZoneId zone = Sql.one(c, "SELECT zone FROM jurisdiction WHERE code = ? FOR NO KEY UPDATE", rs -> ZoneId.of(rs.getString(1)), jurisdiction)
                    .orElseThrow(() -> new IllegalArgumentException("no jurisdiction " + jurisdiction));
            LocalDate today = now.atZone(zone).toLocalDate();
            Map<LocalDate, Day> current = new HashMap<>();
            if (!entries.isEmpty()) {
                LocalDate from = entries.stream().map(Entry::day).min(LocalDate::compareTo).orElseThrow(),
                        to = entries.stream().map(Entry::day).max(LocalDate::compareTo).orElseThrow();
                for (Day d : Sql.list(c, "SELECT day, kind, note FROM calendar_day WHERE jurisdiction = ? AND day BETWEEN ? AND ?", PgCalendar::day, jurisdiction, from, to))
                    current.put(d.day(), d);
            }
            List<Calendars.Error> errors = Calendars.check(entries, current, today);
            if (!errors.isEmpty()) return new Outcome(List.of(), errors, today);
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
                written.add(Sql.one(c, "INSERT INTO calendar_day_change (jurisdiction, day, before_kind, before_note, after_kind, after_note, note, route, changed_by, changed_at) "
                                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id, jurisdiction, day, before_kind, before_note, after_kind, after_note, note, route, changed_by, changed_at",
                        PgCalendar::change, jurisdiction, e.day(), before == null ? null : before.kind(), before == null ? null : before.note(),
                        e.kind(), e.removes() ? null : note, note, route, actor, now).orElseThrow());
            }
            return new Outcome(written, List.of(), today);
        });
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
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), Sql.instant(rs, "changed_at"));
    }
}
