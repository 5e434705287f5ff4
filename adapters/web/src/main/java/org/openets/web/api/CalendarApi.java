package org.openets.web.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.openets.web.Problem;
import org.openets.web.desk.CalendarDesk;
import org.openets.web.security.Access;

import org.openets.workflows.registry.Calendars.ChangeView;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.List;

@RestController
@RequestMapping("/api/v1/calendar")
@Tag(name = "Calendar", description = "A jurisdiction's public holidays and make-up workdays (调休), on which transfer delays and trusted-list activations count "
        + "business hours. Administrators of the jurisdiction read and change it (days after today only, all or nothing, every change kept); auditors read "
        + "every calendar. See docs/reference/calendar.md")
public class CalendarApi {
    private final CalendarDesk desk;
    private final Access access;

    public CalendarApi(CalendarDesk desk, Access access) {
        this.desk = desk;
        this.access = access;
    }

    /** A day to add: {@code day} YYYY-MM-DD, {@code kind} HOLIDAY or MAKE_UP_WORKDAY, {@code note} the holiday and the notice. */
    public record DayRequest(String day, String kind, String note) {}

    /** Why a day is removed. */
    public record NoteRequest(String note) {}

    /** A year's notice as lines "YYYY-MM-DD&lt;TAB&gt;HOLIDAY|MAKE_UP_WORKDAY&lt;TAB&gt;note". */
    public record ImportRequest(String lines) {}

    public record DayJson(LocalDate day, String kind, String note) {}

    /** One year: {@code today} in the jurisdiction's zone; {@code nextYearEmpty}: the year after today's has no entries at all. */
    public record YearJson(String jurisdiction, int year, LocalDate today, List<DayJson> days, int nextYear, boolean nextYearEmpty) {}

    /** A change: before and after (kind null: no entry), the note, route (PAGE, API, CLI), who (null: the platform) and when. */
    public record ChangeJson(long id, String jurisdiction, LocalDate day, String beforeKind, String beforeNote, String afterKind, String afterNote, String note,
                             String route, String changedBy, java.time.Instant changedAt) {
        static ChangeJson of(ChangeView c) {
            return new ChangeJson(c.id(), c.jurisdiction(), c.day(), c.beforeKind(), c.beforeNote(), c.afterKind(), c.afterNote(), c.note(), c.route(), c.changedBy(), c.at());
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
    @Operation(summary = "Add a holiday or a make-up workday after today; the jurisdiction's administrators",
            description = "201 with the change (an empty list: the same day, kind and note were there already). 422 CALENDAR_DAY_PAST for today or before, "
                    + "CALENDAR_DAY_EXISTS for a day already entered (remove it first), CALENDAR_MAKE_UP_NOT_WEEKEND for a make-up workday on Monday to Friday; "
                    + "400 VALIDATION_FAILED without a note")
    public ResponseEntity<List<ChangeJson>> add(@PathVariable String jurisdiction, @RequestBody(required = false) DayRequest request) {
        desk.authoriseChange(access.current(), jurisdiction);
        if (request == null) throw Problem.badRequest("VALIDATION_FAILED", "send {\"day\": ..., \"kind\": ..., \"note\": ...}").say("detail.jsonFields", "day, kind, note");
        List<ChangeView> w = desk.add(access.current(), jurisdiction, request.day(), request.kind(), request.note(), "API");
        return ResponseEntity.status(201).body(w.stream().map(ChangeJson::of).toList());
    }

    @DeleteMapping("/{jurisdiction}/days/{day}")
    @Operation(summary = "Remove a day's entry after today, saying why ({\"note\": ...}); the jurisdiction's administrators",
            description = "404 CALENDAR_DAY_NOT_FOUND for a day without an entry; 422 CALENDAR_DAY_PAST for today or before")
    public List<ChangeJson> remove(@PathVariable String jurisdiction, @PathVariable String day, @RequestBody(required = false) NoteRequest request) {
        desk.authoriseChange(access.current(), jurisdiction);
        return desk.remove(access.current(), jurisdiction, day, request == null ? null : request.note(), "API").stream().map(ChangeJson::of).toList();
    }

    @PostMapping("/{jurisdiction}/import")
    @Operation(summary = "Add a year's notice, all or nothing: {\"lines\": \"YYYY-MM-DD\\tHOLIDAY|MAKE_UP_WORKDAY\\tnote\\n...\"}; the jurisdiction's administrators",
            description = "A refusal names its first refused line (detail 'line N: ...') and lists every one in 'errors' (line, code, detail); nothing is written")
    public ResponseEntity<List<ChangeJson>> importLines(@PathVariable String jurisdiction, @RequestBody(required = false) ImportRequest request) {
        desk.authoriseChange(access.current(), jurisdiction);
        List<ChangeView> w = desk.importLines(access.current(), jurisdiction, request == null ? null : request.lines(), "API");
        return ResponseEntity.status(201).body(w.stream().map(ChangeJson::of).toList());
    }

}
