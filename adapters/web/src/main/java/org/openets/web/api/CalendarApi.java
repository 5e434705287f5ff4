package org.openets.web.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.openets.web.Problem;
import org.openets.web.desk.CalendarDesk;
import org.openets.web.security.Access;

import org.openets.workflows.registry.Calendars;
import org.openets.workflows.registry.Calendars.ChangeView;
import org.openets.workflows.registry.Calendars.ProposalView;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

@RestController
@RequestMapping("/api/v1/calendar")
@Tag(name = "Calendar", description = "A jurisdiction's public holidays and make-up workdays (调休), on which transfer delays and trusted-list activations count "
        + "business hours. Administrators of the jurisdiction read it and propose changes, which a second administrator of it approves (days after today only, "
        + "all or nothing, every change kept); auditors read "
        + "every calendar. See docs/reference/calendar.md")
public class CalendarApi extends FourEyesApi<ProposalView, Calendars.Decision, CalendarApi.ProposalJson, CalendarApi.DecisionJson> {
    private final CalendarDesk desk;

    public CalendarApi(CalendarDesk desk, Access access) {
        super(desk, access);
        this.desk = desk;
    }

    @Override protected java.util.function.Function<ProposalView, ProposalJson> proposalJson() { return ProposalJson::of; }

    /** A decision answers with the proposal as it ended and the changes an approval wrote. */
    @Override protected DecisionJson decisionJson(Calendars.Decision d) { return DecisionJson.of(d); }

    /** A day to add: {@code day} YYYY-MM-DD, {@code kind} HOLIDAY or MAKE_UP_WORKDAY, {@code note} the holiday and the notice. */
    public record DayRequest(String day, String kind, String note, String reason) {}

    /** Why a day is removed (and the proposal's reason, defaulting to the note). */
    public record NoteRequest(String note, String reason) {}

    /** A year's notice as lines "YYYY-MM-DD&lt;TAB&gt;HOLIDAY|MAKE_UP_WORKDAY&lt;TAB&gt;note", and why. */
    public record ImportRequest(String lines, String reason) {}

    @io.swagger.v3.oas.annotations.media.Schema(name = "CalendarReasonRequest")

    public record ReasonRequest(String reason) {}

    /** A day change a proposal makes: kind null removes the day's entry. */
    public record ProposedDayJson(int line, LocalDate day, String kind, String note) {}

    /** A calendar proposal: its day changes, why, its route, who proposed it, until when it may be approved, and its outcome. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "CalendarProposalJson")
    public record ProposalJson(long id, String jurisdiction, List<ProposedDayJson> days, String reason, String route, String proposedBy, java.time.Instant proposedAt,
                               java.time.Instant expiresAt, String status, String decidedBy, java.time.Instant decidedAt, String decisionReason) {
        static ProposalJson of(ProposalView x) {
            return new ProposalJson(x.id(), x.jurisdiction(), x.entries().stream().map(e -> new ProposedDayJson(e.line(), e.day(), e.kind(), e.note())).toList(),
                    x.reason(), x.route(), x.proposedBy(), x.proposedAt(), x.expiresAt(), x.status(), x.decidedBy(), x.decidedAt(), x.decisionReason());
        }
    }

    /** A decision: the proposal as it ended, and the changes an approval wrote. */
    public record DecisionJson(ProposalJson proposal, List<ChangeJson> written) {
        static DecisionJson of(Calendars.Decision d) {
            return new DecisionJson(ProposalJson.of(d.proposal()), d.written().stream().map(ChangeJson::of).toList());
        }
    }

    public record DayJson(LocalDate day, String kind, String note) {}

    /** One year: {@code today} in the jurisdiction's zone; {@code nextYearEmpty}: the year after today's has no entries at all. */
    public record YearJson(String jurisdiction, int year, LocalDate today, List<DayJson> days, int nextYear, boolean nextYearEmpty) {}

    /** A change: before and after (kind null: no entry), the note, route (PAGE, API, CLI), who (null: the platform) and when. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "CalendarChangeJson")
    public record ChangeJson(long id, String jurisdiction, LocalDate day, String beforeKind, String beforeNote, String afterKind, String afterNote, String note,
                             String route, String changedBy, java.time.Instant changedAt, String approvedBy, Long proposalId) {
        static ChangeJson of(ChangeView c) {
            return new ChangeJson(c.id(), c.jurisdiction(), c.day(), c.beforeKind(), c.beforeNote(), c.afterKind(), c.afterNote(), c.note(), c.route(), c.changedBy(), c.at(),
                    c.approvedBy(), c.proposalId());
        }
    }

    @GetMapping("/{jurisdiction}")
    @Operation(summary = "The holidays and make-up workdays of one year (default: this year in the jurisdiction); its administrators and auditors")
    public YearJson year(@PathVariable String jurisdiction, @RequestParam(required = false) String year) {
        CalendarDesk.Year y = desk.year(access.current(), jurisdiction, year);
        return new YearJson(y.jurisdiction(), y.year(), y.today(), y.days().stream().map(d -> new DayJson(d.day(), d.kind(), d.note())).toList(),
                y.nextYear(), y.nextYearEmpty());
    }

    @GetMapping("/{jurisdiction}/history")
    @Operation(summary = "The newest changes of the calendar (at most 200), newest first; its administrators and auditors")
    public List<ChangeJson> history(@PathVariable String jurisdiction) {
        return desk.history(access.current(), jurisdiction).stream().map(ChangeJson::of).toList();
    }

    @PostMapping("/{jurisdiction}/days")
    @Operation(summary = "Propose adding a day after today: {\"day\", \"kind\", \"note\", \"reason\"} (reason defaults to the note); the jurisdiction's administrators",
            description = "Nothing changes until a different administrator of the jurisdiction approves it (POST /proposals/{id}/approve). 201 with the proposal, "
                    + "PENDING until its expiresAt. 422 CALENDAR_DAY_PAST for today or before, CALENDAR_DAY_EXISTS for a day already entered (remove it first), "
                    + "CALENDAR_MAKE_UP_NOT_WEEKEND for a make-up workday on Monday to Friday, CALENDAR_UNCHANGED for the day's entry as it is; 409 "
                    + "CALENDAR_PROPOSAL_PENDING (proposalId) while another change of the calendar awaits approval; 400 VALIDATION_FAILED without a note")
    public ResponseEntity<ProposalJson> add(@PathVariable String jurisdiction, @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true) @RequestBody(required = false) DayRequest request) {
        desk.authoriseChange(access.current(), jurisdiction);
        if (request == null) throw Problem.badRequest("VALIDATION_FAILED", "send {\"day\": ..., \"kind\": ..., \"note\": ...}").say("detail.jsonFields", "day, kind, note");
        return created(desk.add(access.current(), jurisdiction, request.day(), request.kind(), request.note(), request.reason(), "API"));
    }

    private static ResponseEntity<ProposalJson> created(ProposalView x) {
        return ResponseEntity.created(URI.create("/api/v1/calendar/proposals/" + x.id())).body(ProposalJson.of(x));
    }

    @DeleteMapping("/{jurisdiction}/days/{day}")
    @Operation(summary = "Propose removing a day's entry after today, saying why ({\"note\": ...}); the jurisdiction's administrators",
            description = "201 with the proposal. 404 CALENDAR_DAY_NOT_FOUND for a day without an entry; 422 CALENDAR_DAY_PAST for today or before; 409 CALENDAR_PROPOSAL_PENDING")
    public ResponseEntity<ProposalJson> remove(@PathVariable String jurisdiction, @PathVariable String day, @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true) @RequestBody(required = false) NoteRequest request) {
        desk.authoriseChange(access.current(), jurisdiction);
        return created(desk.remove(access.current(), jurisdiction, day, request == null ? null : request.note(), request == null ? null : request.reason(), "API"));
    }

    @PostMapping("/{jurisdiction}/import")
    @Operation(summary = "Propose a year's notice as one change, all or nothing: {\"lines\": \"YYYY-MM-DD\\tHOLIDAY|MAKE_UP_WORKDAY\\tnote\\n...\", \"reason\": ...}; "
            + "the jurisdiction's administrators",
            description = "201 with the proposal. A refusal names its first refused line (detail 'line N: ...') and lists every one in 'errors' (line, code, detail); "
                    + "nothing is proposed. 400 VALIDATION_FAILED without a reason")
    public ResponseEntity<ProposalJson> importLines(@PathVariable String jurisdiction, @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true) @RequestBody(required = false) ImportRequest request) {
        desk.authoriseChange(access.current(), jurisdiction);
        return created(desk.importLines(access.current(), jurisdiction, request == null ? null : request.lines(), request == null ? null : request.reason(), "API"));
    }

    @GetMapping("/{jurisdiction}/proposals")
    @Operation(summary = "The jurisdiction's calendar proposals, newest first, of one status when given; its administrators and auditors")
    public List<ProposalJson> proposals(@PathVariable String jurisdiction, @RequestParam(required = false) String status) {
        return desk.proposals(access.current(), jurisdiction, status).stream().map(ProposalJson::of).toList();
    }

    @GetMapping("/proposals/inbox")
    @Operation(summary = "The pending calendar proposals the caller may approve, oldest first")
    public List<ProposalJson> inbox() {
        return inboxJson();
    }

    @GetMapping("/proposals/{id}")
    @Operation(summary = "One calendar proposal; administrators of its jurisdiction and auditors (404 UNKNOWN_CALENDAR_PROPOSAL otherwise)")
    public ProposalJson proposal(@PathVariable long id) {
        return oneJson(id);
    }

    @PostMapping("/proposals/{id}/approve")
    @Operation(summary = "Approve a pending calendar proposal: a different administrator of its jurisdiction; all its days are written, or none",
            description = "200 with the proposal and the changes written. 403 NOT_AUTHORISED for anyone but the jurisdiction's administrators, 403 SELF_APPROVAL for "
                    + "its proposer (both recorded), 422 INVALID_STATE when no longer pending, 422 APPROVAL_EXPIRED after its window, 403 PROPOSER_NOT_AUTHORISED "
                    + "when its proposer no longer administers the jurisdiction; 409 with the day rule's code (CALENDAR_DAY_PAST, CALENDAR_DAY_EXISTS, "
                    + "CALENDAR_DAY_NOT_FOUND, ...) when a day no longer passes the rules, nothing written")
    public DecisionJson approve(@PathVariable long id) {
        return approved(id);
    }

    @PostMapping("/proposals/{id}/decline")
    @Operation(summary = "Decline a pending calendar proposal, saying why ({\"reason\"}): another administrator of its jurisdiction")
    public DecisionJson decline(@PathVariable long id, @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true) @RequestBody(required = false) ReasonRequest body) {
        return declined(id, body == null ? null : body.reason());
    }

    @PostMapping("/proposals/{id}/withdraw")
    @Operation(summary = "Withdraw one's own pending calendar proposal, saying why ({\"reason\"})")
    public DecisionJson withdraw(@PathVariable long id, @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true) @RequestBody(required = false) ReasonRequest body) {
        return withdrawn(id, body == null ? null : body.reason());
    }
}
