package org.openets.web.ui;

import org.openets.web.Problem;
import org.openets.web.desk.CalendarDesk;
import org.openets.web.security.Access;
import org.openets.web.security.Permissions;
import org.openets.workflows.registry.Calendars.ChangeView;
import org.openets.workflows.registry.Calendars.Decision;
import org.openets.workflows.registry.Calendars.ProposalView;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;
import java.util.Set;

/**
 * The calendar page: a jurisdiction's public holidays and make-up workdays of one year, its changes (who, when, before
 * and after, the note), and a warning when next year has no entries. Administrators read and change the calendars of
 * the jurisdictions they administer and propose changes (one day, or a year's notice pasted as lines), which a second
 * administrator of the jurisdiction approves or declines here or in the approval inbox; auditors read every calendar;
 * anyone else is refused (403, recorded).
 */
@Controller
public class CalendarPages {
    private final CalendarDesk calendars;
    private final Access access;

    public CalendarPages(CalendarDesk calendars, Access access) {
        this.calendars = calendars;
        this.access = access;
    }

    @GetMapping("/admin/calendar")
    String page(@RequestParam(required = false) String jurisdiction, @RequestParam(required = false) String year, Model model) {
        Permissions p = access.current();
        Set<String> readable = calendars.readable(p);
        String j = jurisdiction == null || jurisdiction.isBlank() ? (readable.isEmpty() ? "" : readable.contains("CN") ? "CN" : readable.iterator().next()) : jurisdiction;
        CalendarDesk.Year y = calendars.year(p, j, year);
        List<ChangeView> history = calendars.history(p, y.jurisdiction());
        model.addAttribute("jurisdictions", readable);
        model.addAttribute("cal", y);
        model.addAttribute("history", history);
        List<ProposalView> proposals = calendars.proposals(p, y.jurisdiction(), null);
        model.addAttribute("calendarProposals", proposals.stream().filter(ProposalView::pending)
                .map(x -> new ProposalRow(x, calendars.mayDecide(p, x), calendars.mayWithdraw(p, x))).toList());
        model.addAttribute("decidedProposals", proposals.stream().filter(x -> !x.pending()).limit(20).toList());
        return "admin-calendar";
    }

    private static String back(String jurisdiction, String year) {
        return "/admin/calendar?jurisdiction=" + encode(jurisdiction) + (year == null || year.isBlank() ? "" : "&year=" + encode(year));
    }

    /** Back to the calendar a change was proposed for, if the person reads it; else to their own (a refusal is shown there). */
    private String back(Permissions p, String jurisdiction, String year) {
        String j = jurisdiction == null ? "" : jurisdiction.strip().toUpperCase(java.util.Locale.ROOT);
        return calendars.readable(p).contains(j) ? back(j, year) : "/admin/calendar";
    }

    private static String encode(String s) { return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8); }

    /** A calendar proposal as a page lists it, with what the signed-in person may do with it. */
    public record ProposalRow(ProposalView proposal, boolean mayDecide, boolean mayWithdraw) {}

    private PageSupport.Flash proposed(ProposalView x) {
        return PageSupport.Flash.done("CALENDAR_PROPOSED", Problem.jurisdiction(x.jurisdiction()));
    }

    @PostMapping("/admin/calendar/days")
    String add(@RequestParam(required = false) String jurisdiction, @RequestParam(required = false) String day, @RequestParam(required = false) String kind,
               @RequestParam(required = false) String note, @RequestParam(required = false) String reason, @RequestParam(required = false) String year,
               RedirectAttributes ra) {
        Permissions p = access.current();
        if (!FourEyesForms.refusedOnThePage(p)) calendars.authoriseChange(p, jurisdiction);
        return PageSupport.act(ra, back(p, jurisdiction, year), PageSupport.sent("calendar-add", "day", day, "kind", kind, "note", note, "reason", reason),
                () -> proposed(calendars.add(p, jurisdiction, day, kind, note, reason, "PAGE")));
    }

    @PostMapping("/admin/calendar/days/remove")
    String remove(@RequestParam(required = false) String jurisdiction, @RequestParam(required = false) String day, @RequestParam(required = false) String note,
                  @RequestParam(required = false) String year, RedirectAttributes ra) {
        Permissions p = access.current();
        if (!FourEyesForms.refusedOnThePage(p)) calendars.authoriseChange(p, jurisdiction);
        return PageSupport.act(ra, back(p, jurisdiction, year), PageSupport.sent("calendar-remove-" + day, "note", note),
                () -> proposed(calendars.remove(p, jurisdiction, day, note, null, "PAGE")));
    }

    @PostMapping("/admin/calendar/import")
    String importLines(@RequestParam(required = false) String jurisdiction, @RequestParam(required = false) String lines, @RequestParam(required = false) String reason,
                       @RequestParam(required = false) String year, RedirectAttributes ra) {
        Permissions p = access.current();
        if (!FourEyesForms.refusedOnThePage(p)) calendars.authoriseChange(p, jurisdiction);
        return PageSupport.act(ra, back(p, jurisdiction, year), PageSupport.sent("calendar-import", "lines", lines, "reason", reason),
                () -> proposed(calendars.importLines(p, jurisdiction, lines, reason, "PAGE")));
    }

    @PostMapping("/admin/calendar/proposals/{id}/approve")
    String approve(@PathVariable long id, @RequestParam(required = false) String back, RedirectAttributes ra) {
        Permissions p = access.current();
        return FourEyesForms.approve(calendars, p, id, ra, back(back, p, id),
                d -> PageSupport.Flash.done("CALENDAR_APPROVED", Problem.parenthesised(Problem.jurisdiction(d.proposal().jurisdiction()), d.written().size())));
    }

    @PostMapping("/admin/calendar/proposals/{id}/decline")
    String decline(@PathVariable long id, @RequestParam(required = false) String back, @RequestParam(required = false) String reason, RedirectAttributes ra) {
        Permissions p = access.current();
        return FourEyesForms.decline(calendars, p, id, reason, "calendar", ra, back(back, p, id),
                d -> PageSupport.Flash.done("CALENDAR_DECLINED", Problem.jurisdiction(d.proposal().jurisdiction())));
    }

    @PostMapping("/admin/calendar/proposals/{id}/withdraw")
    String withdraw(@PathVariable long id, @RequestParam(required = false) String back, @RequestParam(required = false) String reason, RedirectAttributes ra) {
        Permissions p = access.current();
        return FourEyesForms.withdraw(calendars, p, id, reason, "calendar", ra, back(back, p, id),
                d -> PageSupport.Flash.done("CALENDAR_WITHDRAWN", Problem.jurisdiction(d.proposal().jurisdiction())));
    }

    /**
     * Back to the approval inbox or to the proposal's calendar (the year of its first day); never to another site, nor to
     * a calendar the person does not read (then to their own).
     */
    private String back(String back, Permissions p, long id) {
        if ("approvals".equals(back)) return "/approvals";
        return calendars.visible(p, id).map(x -> {
            int year = x.entries().isEmpty() ? 0 : x.entries().getFirst().day().getYear();
            return back(x.jurisdiction(), year == 0 ? null : String.valueOf(year));
        }).orElse("/admin/calendar");
    }
}
