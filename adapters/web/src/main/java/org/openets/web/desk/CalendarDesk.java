package org.openets.web.desk;

import org.openets.web.Problem;
import org.openets.web.security.Permissions;
import org.openets.workflows.registry.Calendars;
import org.openets.workflows.registry.Calendars.ChangeView;
import org.openets.workflows.registry.Calendars.Day;
import org.openets.workflows.registry.Calendars.Entry;
import org.openets.workflows.registry.Calendars.Decision;
import org.openets.workflows.registry.Calendars.ProposalView;
import org.openets.workflows.registry.Calendars.Proposed;
import org.springframework.http.HttpStatus;
import org.openets.workflows.registry.spi.CalendarStore;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The calendars of public holidays and make-up workdays (调休) on which transfer delays and trusted-list activations
 * count business hours. Administrators read the calendars of the jurisdictions they administer and change them;
 * auditors read every calendar; anyone else is refused (403 NOT_AUTHORISED, recorded). The rules of a change are
 * {@link Calendars}': only days after today in the jurisdiction's zone, all or nothing, every change kept
 * (calendar_day_change, append-only). A change is 4-eyes, as a change of the controls is ({@link ControlsDesk}): an
 * administrator of the jurisdiction proposes a set of day changes with a reason; nothing changes until a different
 * administrator of it approves them (the day rules checked again then; all written or none); the proposer may withdraw
 * and another administrator decline, each saying why; nobody deciding, the proposal lapses when the jurisdiction's
 * approval window closes. One proposal per jurisdiction is pending at a time. The CLI's import stays the operator's
 * direct change (route CLI).
 */
@Component
public class CalendarDesk extends FourEyesDesk<ProposalView, Decision> {
    public static final int HISTORY = 200;
    static final String READ = "READ calendar", CHANGE = "PROPOSE calendar change", APPROVE = "APPROVE calendar change", DECLINE = "DECLINE calendar change",
            WITHDRAW = "WITHDRAW calendar change";

    private final CalendarStore store;

    public CalendarDesk(RegistryDesk desk, CalendarStore store, Clock clock) {
        super(desk, clock, new Words("calendar change", APPROVE, DECLINE, WITHDRAW, "detail.calendarProposal.self", "detail.calendarProposal.declineOwn",
                "detail.calendarProposal.withdrawOthers", "detail.calendarProposal.expired", "detail.calendarProposal.proposerNotAuthorised", "detail.calendarProposal.notPending"),
                new Parts<>(ProposalView::id, ProposalView::proposedBy, ProposalView::expiresAt, ProposalView::status,
                        Decision::result, Decision::proposal));
        this.store = store;
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

    /** Proposes adding one day; the reason defaults to the day's note. */
    public ProposalView add(Permissions p, String jurisdiction, String day, String kind, String note, String reason, String route) {
        String j = authoriseChange(p, jurisdiction);
        LocalDate d = Calendars.date(day);
        if (d == null) throw Problem.badRequest("VALIDATION_FAILED", "day is a date YYYY-MM-DD").say("detail.calendar.date", day == null ? "" : day);
        String k = kind == null ? "" : kind.strip().toUpperCase(Locale.ROOT);
        if (!Calendars.isKind(k)) throw Problem.badRequest("VALIDATION_FAILED", "kind is HOLIDAY or MAKE_UP_WORKDAY").say("detail.calendar.kind", kind == null ? "" : kind);
        return propose(p, j, List.of(new Entry(1, d, k, note)), blank(reason) ? note : reason, route, false);
    }

    /** Proposes removing one day's entry, saying why (the note; the reason defaults to it). */
    public ProposalView remove(Permissions p, String jurisdiction, String day, String note, String reason, String route) {
        String j = authoriseChange(p, jurisdiction);
        LocalDate d = Calendars.date(day);
        if (d == null) throw Problem.badRequest("VALIDATION_FAILED", "day is a date YYYY-MM-DD").say("detail.calendar.date", day == null ? "" : day);
        String n = blank(note) ? reason : note;
        return propose(p, j, List.of(new Entry(1, d, null, n)), blank(reason) ? n : reason, route, false);
    }

    /** Proposes the lines of a year's notice as one change, saying why; a refusal names the first refused line and lists every one ({@code errors}). */
    public ProposalView importLines(Permissions p, String jurisdiction, String text, String reason, String route) {
        String j = authoriseChange(p, jurisdiction);
        Calendars.Parsed parsed = Calendars.parse(text);
        if (!parsed.errors().isEmpty()) throw refusal(parsed.errors(), true, null);
        return propose(p, j, parsed.entries(), reason, route, true);
    }

    private static boolean blank(String s) { return s == null || s.isBlank(); }

    private ProposalView propose(Permissions p, String j, List<Entry> entries, String reasonText, String route, boolean lines) {
        String reason = reason(reasonText, "detail.calendarProposal.reason");
        Proposed r = store.propose(j, entries, reason, p.login(), route, clock.instant());
        return switch (r.result()) {
            case PROPOSED -> r.proposal();
            case REFUSED -> throw refusal(r.errors(), lines, null);
            case UNCHANGED -> throw Problem.unprocessable("CALENDAR_UNCHANGED", "the calendar of " + j + " has these entries already: nothing to change")
                    .say("detail.calendarProposal.unchanged", Problem.jurisdiction(j));
            case PENDING_EXISTS -> throw new Problem(HttpStatus.CONFLICT, "CALENDAR_PROPOSAL_PENDING", "a change of the calendar of " + j + ", proposed by "
                    + r.proposal().proposedBy() + ", awaits approval: it is approved, declined, withdrawn or lapses first")
                    .with("proposalId", r.proposal().id()).say("detail.calendarProposal.pending", Problem.jurisdiction(j), r.proposal().proposedBy());
            case NOT_AUTHORISED -> throw desk.refuse(p, CHANGE, j, "NOT_AUTHORISED", p.login() + " may not change the calendar of " + j + ": its administrators do")
                    .say("detail.deny.calendarOf", j);
        };
    }

    /** The calendar proposals of the jurisdiction, newest first (pending and decided), for those who read its calendar. */
    public List<ProposalView> proposals(Permissions p, String jurisdiction, String status) {
        String j = authoriseRead(p, jurisdiction);
        return store.proposals(j, status(status), PROPOSALS);
    }

    /** One proposal, for an administrator of its jurisdiction or an auditor; 404 UNKNOWN_CALENDAR_PROPOSAL (also for another jurisdiction's). */
    @Override
    public ProposalView proposal(Permissions p, long id) {
        if (!p.auditor() && !p.isAdministrator())
            throw desk.refuse(p, READ, "#" + id, "NOT_AUTHORISED", p.login() + " may not read the calendars: administrators and auditors do").say("detail.deny.readCalendar");
        return visible(p, id).orElseThrow(() -> unknownProposal(id));
    }

    /** The proposal, if the person reads its jurisdiction's calendar (empty: none, or not theirs); nothing recorded. */
    public Optional<ProposalView> visible(Permissions p, long id) {
        return store.proposal(id).filter(x -> p.auditor() || p.administered().contains(x.jurisdiction()));
    }

    // ------------------------------------------------------------------------------------------ the 4-eyes flow's words for calendars

    @Override protected Optional<ProposalView> stored(long id) { return store.proposal(id); }

    @Override protected List<ProposalView> pendingProposals() { return store.proposals(null, "PENDING", PROPOSALS); }

    @Override protected boolean administers(Permissions p, ProposalView x) { return mayChange(p, x.jurisdiction()); }

    @Override protected String jurisdiction(ProposalView x) { return x.jurisdiction(); }

    @Override protected Deciders deciders(ProposalView x) {
        return new Deciders("the calendar of " + x.jurisdiction() + ": its administrators do", "detail.calendarProposal.decideOf", Problem.jurisdiction(x.jurisdiction()));
    }

    /** How a refusal names a proposal in the refusal log: {@code CN #12}. */
    @Override protected String target(ProposalView x) { return x.jurisdiction() + " #" + x.id(); }

    @Override protected Object named(ProposalView x) { return Problem.jurisdiction(x.jurisdiction()); }

    @Override protected Problem unknownProposal(long id) {
        return Problem.notFound("UNKNOWN_CALENDAR_PROPOSAL", "no calendar change " + id).say("detail.calendarProposal.unknown", id);
    }

    @Override protected Decision storeApprove(long id, Permissions p, Instant now) { return store.approve(id, p.login(), now); }

    @Override protected Decision storeDecline(long id, Permissions p, String reason, Instant now) { return store.decline(id, p.login(), reason, now); }

    @Override protected Decision storeWithdraw(long id, Permissions p, String reason, Instant now) { return store.withdraw(id, p.login(), reason, now); }

    /**
     * 409 with the day rule's code (CALENDAR_DAY_PAST, CALENDAR_DAY_EXISTS, CALENDAR_DAY_NOT_FOUND, ...) when a day no
     * longer passes it at approval, nothing written; it stays pending, to be declined or withdrawn.
     */
    @Override protected Problem refusedOwn(Permissions p, String action, ProposalView x, Decision d) {
        if (d.result() != Decision.Result.RULES_FAILED) throw new IllegalStateException("not a refusal of its own: " + d.result());
        return refusal(d.errors(), x.entries().size() > 1, HttpStatus.CONFLICT).with("proposalId", x.id());
    }

    /** A refusal by the day rules: {@code at} the status to refuse with (an approval's: 409), else by the first refusal's code. */
    private static Problem refusal(List<Calendars.Error> errors, boolean lines, HttpStatus at) {
        Calendars.Error first = errors.getFirst();
        org.springframework.http.HttpStatus status = at != null ? at : first.code().equals("VALIDATION_FAILED") ? org.springframework.http.HttpStatus.BAD_REQUEST
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
