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
import org.openets.registry.Registry;
import org.springframework.http.HttpStatus;
import org.openets.workflows.registry.spi.CalendarStore;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
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
public class CalendarDesk {
    public static final int HISTORY = 200;
    static final int PROPOSALS = 200;
    static final Set<String> STATUSES = Set.of("PENDING", "APPROVED", "DECLINED", "WITHDRAWN", "EXPIRED");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Shanghai"));
    static final String READ = "READ calendar", CHANGE = "PROPOSE calendar change", APPROVE = "APPROVE calendar change", DECLINE = "DECLINE calendar change",
            WITHDRAW = "WITHDRAW calendar change";

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
                    .say("detail.calendarProposal.unchanged", j);
            case PENDING_EXISTS -> throw new Problem(HttpStatus.CONFLICT, "CALENDAR_PROPOSAL_PENDING", "a change of the calendar of " + j + ", proposed by "
                    + r.proposal().proposedBy() + ", awaits approval: it is approved, declined, withdrawn or lapses first")
                    .with("proposalId", r.proposal().id()).say("detail.calendarProposal.pending", j, r.proposal().proposedBy());
            case NOT_AUTHORISED -> throw desk.refuse(p, CHANGE, j, "NOT_AUTHORISED", p.login() + " may not change the calendar of " + j + ": its administrators do")
                    .say("detail.deny.calendarOf", j);
        };
    }

    /** The calendar proposals of the jurisdiction, newest first (pending and decided), for those who read its calendar. */
    public List<ProposalView> proposals(Permissions p, String jurisdiction, String status) {
        String j = authoriseRead(p, jurisdiction);
        String s = blank(status) ? null : status.strip().toUpperCase(Locale.ROOT);
        if (s != null && !STATUSES.contains(s))
            throw Problem.badRequest("VALIDATION_FAILED", "status is one of PENDING, APPROVED, DECLINED, WITHDRAWN, EXPIRED").say("detail.capProposal.status");
        return store.proposals(j, s, PROPOSALS);
    }

    /** One proposal, for an administrator of its jurisdiction or an auditor; 404 UNKNOWN_CALENDAR_PROPOSAL (also for another jurisdiction's). */
    public ProposalView proposal(Permissions p, long id) {
        if (!p.auditor() && !p.isAdministrator())
            throw desk.refuse(p, READ, "#" + id, "NOT_AUTHORISED", p.login() + " may not read the calendars: administrators and auditors do").say("detail.deny.readCalendar");
        return store.proposal(id).filter(x -> p.auditor() || p.administered().contains(x.jurisdiction())).orElseThrow(() -> unknownProposal(id));
    }

    public boolean mayDecide(Permissions p, ProposalView x) { return !x.proposedBy().equals(p.login()) && mayChange(p, x.jurisdiction()); }

    public boolean mayWithdraw(Permissions p, ProposalView x) { return p.mayWrite() && x.proposedBy().equals(p.login()); }

    /** The pending calendar proposals the person may approve, oldest first. */
    public List<ProposalView> awaiting(Permissions p) {
        if (!p.mayWrite() || !p.isAdministrator()) return List.of();
        return store.proposals(null, "PENDING", PROPOSALS).reversed().stream().filter(x -> mayDecide(p, x)).toList();
    }

    /** The person's own pending calendar proposals, oldest first. */
    public List<ProposalView> ownPending(Permissions p) {
        if (!p.mayWrite() || !p.isAdministrator()) return List.of();
        return store.proposals(null, "PENDING", PROPOSALS).reversed().stream().filter(x -> mayWithdraw(p, x)).toList();
    }

    /**
     * A second administrator of the jurisdiction approves a pending proposal: all its days are written (or none) and
     * count for the next transaction. 404 UNKNOWN_CALENDAR_PROPOSAL; 403 NOT_AUTHORISED (recorded) for anyone but an
     * administrator of the jurisdiction; 403 SELF_APPROVAL (recorded) for its proposer; 422 INVALID_STATE when no longer
     * pending; 422 APPROVAL_EXPIRED after its window (it lapses); 403 PROPOSER_NOT_AUTHORISED (recorded) when its
     * proposer no longer administers the jurisdiction; 409 with the day rule's code (CALENDAR_DAY_PAST,
     * CALENDAR_DAY_EXISTS, CALENDAR_DAY_NOT_FOUND, ...) when a day no longer passes it, nothing written.
     */
    public Decision approve(Permissions p, long id) {
        ProposalView x = authoriseApproval(p, id);
        return decided(p, APPROVE, x, store.approve(id, p.login(), clock.instant()));
    }

    /** Another administrator of the jurisdiction declines a pending proposal, saying why; its proposer is refused (they withdraw it). */
    public Decision decline(Permissions p, long id, String reason) {
        ProposalView x = authoriseDecline(p, id);
        return decided(p, DECLINE, x, store.decline(id, p.login(), reason(reason, "detail.capProposal.reason"), clock.instant()));
    }

    /** The proposer withdraws their pending proposal, saying why; anyone else is refused (403 NOT_AUTHORISED, recorded). */
    public Decision withdraw(Permissions p, long id, String reason) {
        ProposalView x = authoriseWithdrawal(p, id);
        return decided(p, WITHDRAW, x, store.withdraw(id, p.login(), reason(reason, "detail.capProposal.reason"), clock.instant()));
    }

    public ProposalView authoriseApproval(Permissions p, long id) {
        ProposalView x = decidable(p, id, APPROVE);
        if (x.proposedBy().equals(p.login()))
            throw desk.refuse(p, APPROVE, target(x), "SELF_APPROVAL", "nobody approves their own calendar change: a second administrator does").say("detail.calendarProposal.self");
        return x;
    }

    public ProposalView authoriseDecline(Permissions p, long id) {
        ProposalView x = decidable(p, id, DECLINE);
        if (x.proposedBy().equals(p.login()))
            throw desk.refuse(p, DECLINE, target(x), "NOT_AUTHORISED", "the proposer withdraws their own calendar change; another administrator declines it")
                    .say("detail.calendarProposal.declineOwn");
        return x;
    }

    public ProposalView authoriseWithdrawal(Permissions p, long id) {
        ProposalView x = find(id);
        if (!mayWithdraw(p, x))
            throw desk.refuse(p, WITHDRAW, target(x), "NOT_AUTHORISED", p.login() + " may not withdraw a calendar change " + x.proposedBy() + " proposed: its proposer does")
                    .say("detail.calendarProposal.withdrawOthers", x.proposedBy());
        return x;
    }

    private ProposalView decidable(Permissions p, long id, String action) {
        ProposalView x = find(id);
        if (!mayChange(p, x.jurisdiction()))
            throw desk.refuse(p, action, target(x), "NOT_AUTHORISED", p.login() + " may not decide changes of the calendar of " + x.jurisdiction() + ": its administrators do")
                    .say("detail.calendarProposal.decideOf", x.jurisdiction());
        return x;
    }

    private Decision decided(Permissions p, String action, ProposalView x, Decision d) {
        return switch (d.result()) {
            case APPROVED, DECLINED, WITHDRAWN -> d;
            case UNKNOWN -> throw unknownProposal(x.id());
            case NOT_AUTHORISED -> throw desk.refuse(p, action, target(x), "NOT_AUTHORISED", p.login() + " may not decide this calendar change")
                    .say("detail.calendarProposal.decideOf", x.jurisdiction());
            case SELF_APPROVAL -> throw desk.refuse(p, action, target(x), "SELF_APPROVAL", "nobody approves their own calendar change: a second administrator does")
                    .say("detail.calendarProposal.self");
            case NOT_PENDING -> throw Problem.unprocessable("INVALID_STATE", "this calendar change is no longer pending: it is " + d.proposal().status())
                    .with("proposalId", x.id()).with("proposalStatus", d.proposal().status()).say("detail.calendarProposal.notPending", d.proposal().status());
            case EXPIRED -> throw Problem.unprocessable("APPROVAL_EXPIRED", "the approval window of this calendar change closed at " + TIME.format(x.expiresAt()) + " (UTC+8)")
                    .with("proposalId", x.id()).say("detail.calendarProposal.expired", x.jurisdiction(), TIME.format(x.expiresAt()));
            case PROPOSER_NOT_AUTHORISED -> throw desk.refuse(p, action, target(x), "PROPOSER_NOT_AUTHORISED", x.proposedBy() + ", who proposed this calendar change, "
                    + "no longer administers " + x.jurisdiction() + ": it cannot be approved; decline it").with("proposalId", x.id())
                    .say("detail.calendarProposal.proposerNotAuthorised", x.proposedBy(), x.jurisdiction());
            case RULES_FAILED -> throw refusal(d.errors(), x.entries().size() > 1, HttpStatus.CONFLICT).with("proposalId", x.id());
        };
    }

    private ProposalView find(long id) { return store.proposal(id).orElseThrow(() -> unknownProposal(id)); }

    private static Problem unknownProposal(long id) {
        return Problem.notFound("UNKNOWN_CALENDAR_PROPOSAL", "no calendar change " + id).say("detail.calendarProposal.unknown", id);
    }

    /** How a refusal names a proposal in the refusal log: {@code CN #12}. */
    private static String target(ProposalView x) { return x.jurisdiction() + " #" + x.id(); }

    private static String reason(String text, String key) {
        String r = text == null ? "" : text.replace("\r\n", "\n").replace('\r', '\n').strip();
        if (r.isEmpty()) throw Problem.badRequest("VALIDATION_FAILED", "reason: say why").say(key);
        if (r.length() > Registry.MAX_DECLINE_REASON)
            throw Problem.badRequest("VALIDATION_FAILED", "reason: at most " + Registry.MAX_DECLINE_REASON + " characters").say("detail.declineReasonLength", Registry.MAX_DECLINE_REASON);
        return r;
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
