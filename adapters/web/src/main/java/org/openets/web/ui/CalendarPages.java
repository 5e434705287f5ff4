package org.openets.web.ui;

import org.openets.web.desk.CalendarDesk;
import org.openets.web.security.Access;
import org.openets.web.security.Permissions;
import org.openets.workflows.registry.Calendars.ChangeView;
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
 * the jurisdictions they administer (one day, or a year's notice pasted as lines); auditors read every calendar;
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
        return "admin-calendar";
    }

    private static String back(String jurisdiction, String year) {
        return "/admin/calendar?jurisdiction=" + encode(jurisdiction) + (year == null || year.isBlank() ? "" : "&year=" + encode(year));
    }

    private static String encode(String s) { return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8); }

    @PostMapping("/admin/calendar/days")
    String add(@RequestParam(required = false) String jurisdiction, @RequestParam(required = false) String day, @RequestParam(required = false) String kind,
               @RequestParam(required = false) String note, @RequestParam(required = false) String year, RedirectAttributes ra) {
        Permissions p = access.current();
        String j = calendars.authoriseChange(p, jurisdiction);
        return PageSupport.act(ra, back(j, year), PageSupport.sent("calendar-add", "day", day, "kind", kind, "note", note), () -> {
            List<ChangeView> w = calendars.add(p, jurisdiction, day, kind, note, "PAGE");
            return new PageSupport.Flash("done", "CALENDAR_CHANGED", String.valueOf(w.size()), null, null);
        });
    }

    @PostMapping("/admin/calendar/days/remove")
    String remove(@RequestParam(required = false) String jurisdiction, @RequestParam(required = false) String day, @RequestParam(required = false) String note,
                  @RequestParam(required = false) String year, RedirectAttributes ra) {
        Permissions p = access.current();
        String j = calendars.authoriseChange(p, jurisdiction);
        return PageSupport.act(ra, back(j, year), PageSupport.sent("calendar-remove-" + day, "note", note), () -> {
            List<ChangeView> w = calendars.remove(p, jurisdiction, day, note, "PAGE");
            return new PageSupport.Flash("done", "CALENDAR_CHANGED", String.valueOf(w.size()), null, null);
        });
    }

    @PostMapping("/admin/calendar/import")
    String importLines(@RequestParam(required = false) String jurisdiction, @RequestParam(required = false) String lines, @RequestParam(required = false) String year,
                       RedirectAttributes ra) {
        Permissions p = access.current();
        String j = calendars.authoriseChange(p, jurisdiction);
        return PageSupport.act(ra, back(j, year), PageSupport.sent("calendar-import", "lines", lines), () -> {
            List<ChangeView> w = calendars.importLines(p, jurisdiction, lines, "PAGE");
            return new PageSupport.Flash("done", "CALENDAR_CHANGED", String.valueOf(w.size()), null, null);
        });
    }
}
