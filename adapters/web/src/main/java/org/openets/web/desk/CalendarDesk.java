package org.openets.web.desk;

import org.openets.web.Problem;
import org.openets.web.security.Permissions;
import org.openets.workflows.registry.Calendars;
import org.openets.workflows.registry.Calendars.ChangeView;
import org.openets.workflows.registry.Calendars.Day;
import org.openets.workflows.registry.Calendars.Entry;
import org.openets.workflows.registry.Calendars.Outcome;
import org.openets.workflows.registry.spi.CalendarStore;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The calendars of public holidays and make-up workdays (调休) on which transfer delays and trusted-list activations
 * count business hours. Administrators read the calendars of the jurisdictions they administer and change them;
 * auditors read every calendar; anyone else is refused (403 NOT_AUTHORISED, recorded). The rules of a change are
 * {@link Calendars}': only days after today in the jurisdiction's zone, all or nothing, every change kept
 * (calendar_day_change, append-only). A change is one administrator's: adding a holiday lengthens delays, and the
 * changes that shorten them (a make-up workday, a removed holiday) are shown with who made them on the page, in the
 * API's history and in the jurisdiction's other administrators' view; the same rules for the pages, the API and the CLI.
 */
@Component
public class CalendarDesk {
    public static final int HISTORY = 200;
    static final String READ = "READ calendar", CHANGE = "SET calendar";

    private final RegistryDesk desk;
    private final CalendarStore store;
    private final Clock clock;

    public CalendarDesk(RegistryDesk desk, CalendarStore store, Clock clock) {
        this.desk = desk;
        this.store = store;
        this.clock = clock;
    }

    /** One year of a jurisdiction's calendar, with today there and whether the next year has no entries at all. */
    public record Year(String jurisdiction, int year, LocalDate today, List<Day> days, boolean nextYearEmpty, int nextYear, boolean mayChange) {}

    /** The jurisdictions whose calendar the person reads: an auditor every one, an administrator theirs. */
    public Set<String> readable(Permissions p) {
        if (p.auditor()) return new TreeSet<>(desk.readModel().jurisdictionNames().keySet());
        return new TreeSet<>(p.administered());
    }

    public boolean mayChange(Permissions p, String jurisdiction) { return p.mayWrite() && p.administered().contains(jurisdiction); }

    /** The jurisdiction as sent, upper case; 404 UNKNOWN_JURISDICTION after the authority check. */
    private String code(String jurisdiction) { return jurisdiction == null ? "" : jurisdiction.strip().toUpperCase(Locale.ROOT); }

    private ZoneId zone(String j) {
        return store.zone(j).orElseThrow(() -> Problem.notFound("UNKNOWN_JURISDICTION", "no jurisdiction " + j).say("detail.calendar.unknownJurisdiction", j));
    }

    /** Who may read the calendar (403 NOT_AUTHORISED, recorded); returns the jurisdiction's code. */
    public String authoriseRead(Permissions p, String jurisdiction) {
        String j = code(jurisdiction);
        if (!p.auditor() && !p.isAdministrator())
            throw desk.refuse(p, READ, j, "NOT_AUTHORISED", p.login() + " may not read the calendars: administrators and auditors do").say("detail.deny.readCalendar");
        if (!p.auditor() && !p.administered().contains(j))
            throw desk.refuse(p, READ, j, "NOT_AUTHORISED", p.login() + " may not read the calendar of " + j + ": its administrators do")
                    .say("detail.deny.calendarOf", j);
        zone(j);
        return j;
    }

    /** Who may change the calendar: an administrator of the jurisdiction (403 NOT_AUTHORISED, recorded); returns the code. */
    public String authoriseChange(Permissions p, String jurisdiction) {
        String j = code(jurisdiction);
        if (!p.mayWrite() || !p.isAdministrator())
            throw desk.refuse(p, CHANGE, j, "NOT_AUTHORISED", p.login() + " may not change the calendars: the jurisdiction's administrators do").say("detail.deny.changeCalendar");
        if (!p.administered().contains(j))
            throw desk.refuse(p, CHANGE, j, "NOT_AUTHORISED", p.login() + " may not change the calendar of " + j + ": its administrators do")
                    .say("detail.deny.calendarOf", j);
        zone(j);
        return j;
    }

    /** One year of the calendar (a year from 2000 to 2100, else 400 VALIDATION_FAILED; none: this year there). */
    public Year year(Permissions p, String jurisdiction, String yearText) {
        String j = authoriseRead(p, jurisdiction);
        LocalDate today = LocalDate.now(clock.withZone(zone(j)));
        int year = today.getYear();
        if (yearText != null && !yearText.isBlank()) {
            try {
                year = Integer.parseInt(yearText.strip());
            } catch (NumberFormatException e) {
                year = -1;
            }
            if (year < Calendars.FIRST_YEAR || year > Calendars.LAST_YEAR)
                throw Problem.badRequest("VALIDATION_FAILED", "year is a year from " + Calendars.FIRST_YEAR + " to " + Calendars.LAST_YEAR)
                        .say("detail.calendar.year", Calendars.FIRST_YEAR, Calendars.LAST_YEAR);
        }
        int next = today.getYear() + 1;
        return new Year(j, year, today, store.days(j, year), store.days(j, next).isEmpty(), next, mayChange(p, j));
    }

    /** The newest changes of the calendar, newest first. */
    public List<ChangeView> history(Permissions p, String jurisdiction) {
        return store.changes(authoriseRead(p, jurisdiction), HISTORY);
    }

    /** Adds one day. */
    public List<ChangeView> add(Permissions p, String jurisdiction, String day, String kind, String note, String route) {
        String j = authoriseChange(p, jurisdiction);
        LocalDate d = Calendars.date(day);
        if (d == null) throw Problem.badRequest("VALIDATION_FAILED", "day is a date YYYY-MM-DD").say("detail.calendar.date", day == null ? "" : day);
        String k = kind == null ? "" : kind.strip().toUpperCase(Locale.ROOT);
        if (!Calendars.isKind(k)) throw Problem.badRequest("VALIDATION_FAILED", "kind is HOLIDAY or MAKE_UP_WORKDAY").say("detail.calendar.kind", kind == null ? "" : kind);
        return apply(p, j, List.of(new Entry(1, d, k, note)), route, false);
    }

    /** Removes one day's entry, saying why. */
    public List<ChangeView> remove(Permissions p, String jurisdiction, String day, String note, String route) {
        String j = authoriseChange(p, jurisdiction);
        LocalDate d = Calendars.date(day);
        if (d == null) throw Problem.badRequest("VALIDATION_FAILED", "day is a date YYYY-MM-DD").say("detail.calendar.date", day == null ? "" : day);
        return apply(p, j, List.of(new Entry(1, d, null, note)), route, false);
    }

    /** Adds the lines of a year's notice, all or nothing; a refusal names the first refused line and lists every one ({@code errors}). */
    public List<ChangeView> importLines(Permissions p, String jurisdiction, String text, String route) {
        String j = authoriseChange(p, jurisdiction);
        Calendars.Parsed parsed = Calendars.parse(text);
        if (!parsed.errors().isEmpty()) throw refusal(parsed.errors(), true);
        return apply(p, j, parsed.entries(), route, true);
    }

    private List<ChangeView> apply(Permissions p, String j, List<Entry> entries, String route, boolean lines) {
        Outcome o = store.apply(j, entries, p.login(), route, clock.instant());
        if (o.refused()) throw refusal(o.errors(), lines);
        return o.written();
    }

    private static Problem refusal(List<Calendars.Error> errors, boolean lines) {
        Calendars.Error first = errors.getFirst();
        org.springframework.http.HttpStatus status = first.code().equals("VALIDATION_FAILED") ? org.springframework.http.HttpStatus.BAD_REQUEST
                : first.code().equals("CALENDAR_DAY_NOT_FOUND") ? org.springframework.http.HttpStatus.NOT_FOUND : org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT;
        Problem x = new Problem(status, first.code(), detail(first, lines)).say(first.key(), first.args().toArray());
        if (lines) {
            if (first.line() > 0) x.onLine(first.line());
            x.with("errors", errors.stream().map(e -> java.util.Map.of("line", e.line(), "code", e.code(), "detail", e.detail())).toList());
        }
        return x;
    }

    private static String detail(Calendars.Error e, boolean lines) {
        return (lines && e.line() > 0 ? "line " + e.line() + ": " : "") + e.detail();
    }
}
