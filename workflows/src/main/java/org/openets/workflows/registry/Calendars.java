package org.openets.workflows.registry;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of a jurisdiction's calendar of public holidays and make-up workdays (调休), the same for the pages, the
 * API and {@code openets calendar import}. A change of the calendar changes how many business hours a transfer delay
 * or a trusted-list activation counts, so:
 * <ul>
 * <li>only days after today in the jurisdiction's time zone change ({@code CALENDAR_DAY_PAST}): a past day's business
 * hours, and today's, have been counted already;</li>
 * <li>a day has at most one entry, so it is never both kinds ({@code CALENDAR_DAY_EXISTS}: remove it first; the same
 * kind and note again is no change);</li>
 * <li>a make-up workday is a Saturday or a Sunday ({@code CALENDAR_MAKE_UP_NOT_WEEKEND}); a holiday may fall on any
 * day (a notice lists a holiday's weekend days too; they change nothing);</li>
 * <li>a day is named once in one request ({@code CALENDAR_DAY_REPEATED}); a removed day must have an entry
 * ({@code CALENDAR_DAY_NOT_FOUND});</li>
 * <li>a change has a note (the holiday's name and the notice, or why it is removed), at most {@value #MAX_NOTE}
 * characters; a request has at most {@value #MAX_LINES} days; days from {@value #FIRST_YEAR} to {@value #LAST_YEAR}
 * ({@code VALIDATION_FAILED}).</li>
 * </ul>
 * A request is applied all or nothing.
 */
public final class Calendars {
    public static final String HOLIDAY = "HOLIDAY", MAKE_UP_WORKDAY = "MAKE_UP_WORKDAY";
    public static final int MAX_NOTE = 200, MAX_LINES = 400, FIRST_YEAR = 2000, LAST_YEAR = 2100;

    private Calendars() {}

    /** A day of the calendar: {@code kind} HOLIDAY or MAKE_UP_WORKDAY. */
    public record Day(LocalDate day, String kind, String note) {}

    /** One requested change, on line {@code line} of the request (1 for a single change): {@code kind} null removes the day's entry. */
    public record Entry(int line, LocalDate day, String kind, String note) {
        public boolean removes() { return kind == null; }
    }

    /** Why a line is refused: a stable code, an English detail, and the message key and arguments a page says it with. */
    public record Error(int line, String code, String detail, String key, List<Object> args) {}

    /** What a request's lines say, and what in them could not be read. */
    public record Parsed(List<Entry> entries, List<Error> errors) {}

    /**
     * A change of the calendar as kept (V44, V45): before and after (kind null: no entry), the note it was made with, its
     * route (PAGE, API, CLI), who made it (null: the platform; for an approved proposal its proposer) and when; an
     * approved proposal's change names its approver and the proposal (both null for the CLI's direct changes).
     */
    public record ChangeView(long id, String jurisdiction, LocalDate day, String beforeKind, String beforeNote, String afterKind, String afterNote,
                             String note, String route, String changedBy, Instant at, String approvedBy, Long proposalId) {}

    /**
     * A proposed change of a jurisdiction's calendar (V45): its day changes ({@code entries}, in the order proposed),
     * why, by which route, who proposed it and when, until when it may be approved, and its outcome.
     */
    public record ProposalView(long id, String jurisdiction, List<Entry> entries, String reason, String route, String proposedBy, Instant proposedAt,
                               Instant expiresAt, String status, String decidedBy, Instant decidedAt, String decisionReason) {
        public boolean pending() { return "PENDING".equals(status); }
    }

    /** What a proposal came to: PROPOSED, else why not ({@code errors} for REFUSED, the pending one for PENDING_EXISTS). */
    public record Proposed(Result result, ProposalView proposal, List<Error> errors) {
        public enum Result { PROPOSED, REFUSED, UNCHANGED, PENDING_EXISTS, NOT_AUTHORISED }
    }

    /** What a decision came to: {@code written} the changes an approval wrote, {@code errors} the day rules it failed (RULES_FAILED). */
    public record Decision(Result result, ProposalView proposal, List<ChangeView> written, List<Error> errors) {
        public enum Result { APPROVED, DECLINED, WITHDRAWN, UNKNOWN, NOT_AUTHORISED, SELF_APPROVAL, NOT_PENDING, EXPIRED, PROPOSER_NOT_AUTHORISED, RULES_FAILED }
    }

    /** What a request changed: the changes written (none when it was refused), and the refusals (none when it was applied). */
    public record Outcome(List<ChangeView> written, List<Error> errors, LocalDate today) {
        public boolean refused() { return !errors.isEmpty(); }
    }

    public static boolean isKind(String k) { return HOLIDAY.equals(k) || MAKE_UP_WORKDAY.equals(k); }

    /** Lines "YYYY-MM-DD&lt;TAB&gt;HOLIDAY|MAKE_UP_WORKDAY&lt;TAB&gt;note" (blank lines and lines starting with # skipped), numbered from 1. */
    public static Parsed parse(String text) {
        List<Entry> entries = new ArrayList<>();
        List<Error> errors = new ArrayList<>();
        String[] lines = (text == null ? "" : text).split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int n = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] f = line.split("\t", 3);
            if (f.length < 3) {
                errors.add(new Error(n, "VALIDATION_FAILED", "a line is YYYY-MM-DD<TAB>HOLIDAY|MAKE_UP_WORKDAY<TAB>note", "detail.calendar.line", List.of()));
                continue;
            }
            LocalDate day = date(f[0].strip());
            String kind = f[1].strip().toUpperCase(java.util.Locale.ROOT);
            if (day == null) errors.add(new Error(n, "VALIDATION_FAILED", "not a date (YYYY-MM-DD): " + f[0].strip(), "detail.calendar.date", List.of(f[0].strip())));
            else if (!isKind(kind)) errors.add(new Error(n, "VALIDATION_FAILED", "the kind is HOLIDAY or MAKE_UP_WORKDAY, not " + f[1].strip(), "detail.calendar.kind", List.of(f[1].strip())));
            else entries.add(new Entry(n, day, kind, f[2].strip()));
        }
        if (entries.isEmpty() && errors.isEmpty())
            errors.add(new Error(0, "VALIDATION_FAILED", "no days: each line is YYYY-MM-DD<TAB>HOLIDAY|MAKE_UP_WORKDAY<TAB>note", "detail.calendar.empty", List.of()));
        return new Parsed(entries, errors);
    }

    /** A date as YYYY-MM-DD, or null. */
    public static LocalDate date(String s) {
        if (s == null || !s.strip().matches("\\d{4}-\\d{2}-\\d{2}")) return null;
        try {
            return LocalDate.parse(s.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The refusals of the entries against the calendar's current entries of their days and today in the jurisdiction; empty: all may be applied. */
    public static List<Error> check(List<Entry> entries, Map<LocalDate, Day> current, LocalDate today) {
        List<Error> errors = new ArrayList<>();
        if (entries.size() > MAX_LINES)
            errors.add(new Error(0, "VALIDATION_FAILED", "at most " + MAX_LINES + " days at once", "detail.calendar.tooMany", List.of(MAX_LINES)));
        Set<LocalDate> seen = new HashSet<>();
        for (Entry e : entries) {
            int n = e.line();
            String note = e.note() == null ? "" : e.note().strip();
            if (e.day().getYear() < FIRST_YEAR || e.day().getYear() > LAST_YEAR)
                errors.add(new Error(n, "VALIDATION_FAILED", "a day from " + FIRST_YEAR + " to " + LAST_YEAR, "detail.calendar.year", List.of(FIRST_YEAR, LAST_YEAR)));
            else if (!seen.add(e.day()))
                errors.add(new Error(n, "CALENDAR_DAY_REPEATED", e.day() + " is named twice", "detail.calendar.repeated", List.of(e.day().toString())));
            else if (note.isEmpty())
                errors.add(new Error(n, "VALIDATION_FAILED", "a change of the calendar has a note (the holiday and the notice, or why it is removed)", "detail.calendar.note", List.of()));
            else if (note.length() > MAX_NOTE)
                errors.add(new Error(n, "VALIDATION_FAILED", "a note has at most " + MAX_NOTE + " characters", "detail.calendar.noteLong", List.of(MAX_NOTE)));
            else if (!e.day().isAfter(today))
                errors.add(new Error(n, "CALENDAR_DAY_PAST", e.day() + " is not after today (" + today + "): its business hours have been counted already",
                        "detail.calendar.past", List.of(e.day().toString(), today.toString())));
            else if (e.removes()) {
                if (!current.containsKey(e.day()))
                    errors.add(new Error(n, "CALENDAR_DAY_NOT_FOUND", e.day() + " has no entry to remove", "detail.calendar.notFound", List.of(e.day().toString())));
            } else if (current.get(e.day()) != null && !(current.get(e.day()).kind().equals(e.kind()) && note.equals(current.get(e.day()).note()))) {
                Day now = current.get(e.day());
                errors.add(new Error(n, "CALENDAR_DAY_EXISTS", e.day() + " is already a " + now.kind() + " (" + now.note() + "): remove it first",
                        "detail.calendar.exists", List.of(e.day().toString(), now.kind())));
            } else if (MAKE_UP_WORKDAY.equals(e.kind()) && !weekend(e.day()))
                errors.add(new Error(n, "CALENDAR_MAKE_UP_NOT_WEEKEND", e.day() + " is a " + e.day().getDayOfWeek() + ": a make-up workday is a Saturday or a Sunday",
                        "detail.calendar.makeUpWeekday", List.of(e.day().toString())));
        }
        return errors;
    }

    /** Whether an entry changes nothing: the day's current entry is already of its kind and note. */
    public static boolean noChange(Entry e, Map<LocalDate, Day> current) {
        Day now = current.get(e.day());
        return !e.removes() && now != null && now.kind().equals(e.kind()) && now.note().equals(e.note() == null ? "" : e.note().strip());
    }

    public static boolean weekend(LocalDate d) { return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY; }
}
