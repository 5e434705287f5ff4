package org.openets.web.ui;

import jakarta.servlet.http.HttpServletResponse;
import org.openets.web.Problem;
import org.openets.web.desk.AuditDesk;
import org.openets.web.desk.JournalChecks;
import org.openets.web.security.Access;
import org.openets.web.security.Permissions;
import org.openets.web.security.RefusalLog;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * For auditors: every refused request, newest first, a page at a time, filtered by who, code, action and time, without
 * anonymous requests and failed sign-ins unless asked (every refusal stays recorded: those are evidence too), and the
 * filtered rows as CSV. For auditors and registry administrators: the journal's verification, run on request.
 */
@Controller
public class AuditPage {
    static final int PAGE_ROWS = 100;

    private final AuditDesk audit;
    private final Access access;
    private final ActionTexts actions;

    public AuditPage(AuditDesk audit, Access access, ActionTexts actions) {
        this.audit = audit;
        this.access = access;
        this.actions = actions;
    }

    public record RefusalRow(long id, String at, String actor, String action, String target, String code, String detail) {}

    /** The filter as the form shows it again (times as a datetime-local field takes them, in China Standard Time). */
    public record Filter(String actor, String code, String action, String from, String to, String who) {
        boolean any() { return !actor.isEmpty() || !code.isEmpty() || !action.isEmpty() || !from.isEmpty() || !to.isEmpty() || !who.equals(AuditDesk.SIGNED_IN); }
    }

    @GetMapping("/audit")
    String refusals(@RequestParam(required = false) String actor, @RequestParam(required = false) String code, @RequestParam(required = false) String action,
                    @RequestParam(required = false) String from, @RequestParam(required = false) String to, @RequestParam(required = false) String who,
                    @RequestParam(required = false) String before, Model model, HttpServletResponse response) {
        Permissions p = access.current();
        RefusalLog.Query q;
        long from0;
        try {
            // the page leaves out anonymous requests and failed sign-ins unless asked: a flood of them hides nothing
            q = query(actor, code, action, from, to, who);
            from0 = AuditDesk.before(before);
        } catch (Problem e) {
            if (e.status() != HttpStatus.BAD_REQUEST) throw e;
            // a filter that is not one: the page again, the refusal next to the filter, the filter as typed (an auditor's only)
            audit.refusals(p, RefusalLog.Query.ALL, Long.MAX_VALUE, 1);
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("filterProblem", PageSupport.Flash.of(e));
            model.addAttribute("filter", new Filter(typed(actor), typed(code), typed(action), typed(from), typed(to),
                    AuditDesk.ALL.equalsIgnoreCase(typed(who)) ? AuditDesk.ALL : AuditDesk.SIGNED_IN));
            model.addAttribute("filtered", true);
            model.addAttribute("paged", false);
            model.addAttribute("more", false);
            model.addAttribute("pageRows", PAGE_ROWS);
            model.addAttribute("refusals", List.of());
            return "audit";
        }
        AuditDesk.Page page = audit.refusals(p, q, from0, PAGE_ROWS);
        // the action as typed: the recorded verb (OPEN) or what a Chinese page shows (进入管理功能)
        String shownAction = action == null || action.isBlank() ? "" : action.strip().chars().allMatch(c -> c < 128) ? q.actions().getFirst() : action.strip();
        Filter f = new Filter(q.actor() == null ? "" : q.actor(), q.code() == null ? "" : q.code(), shownAction,
                field(q.from()), field(q.to()), q.signedInOnly() ? AuditDesk.SIGNED_IN : AuditDesk.ALL);
        model.addAttribute("filter", f);
        model.addAttribute("filtered", f.any());
        model.addAttribute("paged", from0 != Long.MAX_VALUE);
        model.addAttribute("more", page.more());
        model.addAttribute("next", page.next());
        model.addAttribute("pageRows", PAGE_ROWS);
        model.addAttribute("refusals", page.rows().stream()
                .map(r -> new RefusalRow(r.id(), PageViews.time(r.at()), r.actor(), r.action(), r.target(), r.code(), r.detail())).toList());
        return "audit";
    }

    /**
     * The page's filter: as the API's ({@link AuditDesk#query}), signed-in people by default, and an action typed as a
     * Chinese page shows it finds the recorded actions it reads as ({@link ActionTexts#recorded}).
     */
    RefusalLog.Query query(String actor, String code, String action, String from, String to, String who) {
        RefusalLog.Query q = AuditDesk.query(actor, code, action, from, to, who, AuditDesk.SIGNED_IN);
        return q.orActions(actions.recorded(action));
    }

    private static String typed(String s) {
        if (s == null) return "";
        String t = s.strip();
        return t.length() > 200 ? t.substring(0, 200) : t;
    }

    /** A time as the form's datetime-local field shows it, in China Standard Time. */
    static String field(Instant t) {
        return t == null ? "" : LocalDateTime.ofInstant(t.truncatedTo(ChronoUnit.MINUTES), AuditDesk.ZONE).toString();
    }

    /**
     * The refusals the same filter finds (all of them, not a page), as CSV: UTF-8 with a byte-order mark, CRLF, RFC 4180
     * quoting, text that a spreadsheet would read as a formula guarded ({@link PublicReportPage#cell}); times in UTC.
     */
    @GetMapping("/audit/refusals.csv")
    void csv(@RequestParam(required = false) String actor, @RequestParam(required = false) String code, @RequestParam(required = false) String action,
             @RequestParam(required = false) String from, @RequestParam(required = false) String to, @RequestParam(required = false) String who,
             HttpServletResponse response) throws IOException {
        Permissions p = access.current();
        RefusalLog.Query q = query(actor, code, action, from, to, who);
        Writer[] out = new Writer[1];
        // refused before anything is written: the refusal is an error page, not half a file
        audit.export(p, q, () -> {
            response.setContentType("text/csv;charset=UTF-8");
            response.setHeader("Content-Disposition", "attachment; filename=\"openets-refusals.csv\"");
            response.setHeader("Cache-Control", "no-store");
            write(() -> {
                out[0] = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
                out[0].write(org.openets.web.CsvFiles.BOM + "id,at,actor,action,target,code,detail\r\n");
            });
        }, r -> write(() -> out[0].write(org.openets.web.CsvFiles.line(r.id(), r.at().toString(), r.actor(), r.action(), r.target(), r.code(), r.detail()))));
        out[0].flush();
    }

    private interface Io { void run() throws IOException; }

    private static void write(Io io) {
        try {
            io.run();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A run as the journal page shows it. */
    public record RunRow(long id, String by, String at, long millis, long entries, String headHash, boolean intact, int problemCount,
                         JournalChecks.Problem chainBreak, List<JournalChecks.Problem> problems) {
        static RunRow of(JournalChecks.Run r) {
            return new RunRow(r.id(), r.by(), PageViews.time(r.startedAt()), r.millis(), r.entries(), r.headHash(), r.intact(), r.problemCount(),
                    r.chainBreak(), r.problems());
        }
    }

    @GetMapping("/audit/journal")
    String journal(Model model) {
        Permissions p = access.current();
        List<RunRow> runs = audit.journalRuns(p).stream().map(RunRow::of).toList();
        model.addAttribute("runs", runs);
        model.addAttribute("details", p.auditor());
        return "audit-journal";
    }

    /** Verifies the journal now (one run at a time: a second press while one runs is told so, and nothing is run). */
    @PostMapping("/audit/journal")
    String verify(RedirectAttributes ra) {
        Permissions p = access.current();
        return PageSupport.act(ra, "/audit/journal", () -> {
            JournalChecks.Run r = audit.verifyJournal(p);
            return new PageSupport.Flash("done", r.intact() ? "JOURNAL_INTACT" : "JOURNAL_BROKEN", Long.toString(r.entries()), null, null);
        });
    }
}
