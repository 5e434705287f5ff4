package org.openets.web.desk;

import org.openets.web.Problem;
import org.openets.web.security.Permissions;
import org.openets.web.security.RefusalLog;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What auditors read for the API and the pages: the refusal record a page at a time, filtered (who, code, action, time,
 * and whether to leave out anonymous requests and failed sign-ins), and the journal's verification run on request.
 * Auditors read the refusal record; auditors and registry administrators verify the journal and read its runs (the
 * problems' details, which name accounts and quantities of every jurisdiction, are the auditors'). Anyone else is
 * refused (403 NOT_AUTHORISED), and the refusal is recorded.
 */
@Component
public class AuditDesk {
    /** The zone a time typed without one is read in: the registry's (China Standard Time), as the pages show times. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    public static final int MAX_PAGE = 5000, RUNS_SHOWN = 20;
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    private final RefusalLog log;
    private final JournalChecks journal;
    private final RegistryDesk desk;

    public AuditDesk(RefusalLog log, JournalChecks journal, RegistryDesk desk) {
        this.log = log;
        this.journal = journal;
        this.desk = desk;
    }

    /** One page of refusals: {@code next} is where the next (older) page starts, when {@code more}. */
    public record Page(List<RefusalLog.Refusal> rows, boolean more, long next) {}

    /** Who the rows are of: {@code signed-in} people only (no anonymous requests, no failed sign-ins), or {@code all}. */
    public static final String SIGNED_IN = "signed-in", ALL = "all";

    /**
     * The filter as typed; blank parts filter nothing. 400 VALIDATION_FAILED for a code that is not one (letters, digits,
     * _), an action longer than 200 characters, a time that is not one ({@link #time}), {@code who} other than
     * {@code signed-in} or {@code all}, or a time range that ends before it starts.
     */
    public static RefusalLog.Query query(String actor, String code, String action, String from, String to, String who, String defaultWho) {
        String a = blank(actor) ? null : actor.strip();
        String c = blank(code) ? null : code.strip().toUpperCase(Locale.ROOT);
        if (c != null && !CODE.matcher(c).matches())
            throw Problem.badRequest("VALIDATION_FAILED", "code is a refusal's code, such as NOT_AUTHORISED").say("detail.audit.code");
        String act = blank(action) ? null : action.strip().replaceAll("\\s+", " ");
        if (act != null && act.length() > 200) throw Problem.badRequest("VALIDATION_FAILED", "an action has at most 200 characters").say("detail.audit.action", 200);
        if (act != null) {
            // the verb as recorded (upper case); what follows as typed
            int space = act.indexOf(' ');
            act = space < 0 ? act.toUpperCase(Locale.ROOT) : act.substring(0, space).toUpperCase(Locale.ROOT) + act.substring(space);
        }
        Instant f = time(from, false), t = time(to, true);
        if (f != null && t != null && !t.isAfter(f))
            throw Problem.badRequest("VALIDATION_FAILED", "the time range ends before it starts").say("detail.audit.range");
        String w = blank(who) ? defaultWho : who.strip().toLowerCase(Locale.ROOT);
        if (!w.equals(SIGNED_IN) && !w.equals(ALL))
            throw Problem.badRequest("VALIDATION_FAILED", "who is signed-in or all").say("detail.audit.who");
        return new RefusalLog.Query(a, c, act == null ? null : List.of(act), f, t, w.equals(SIGNED_IN));
    }

    /**
     * A time of the range: an instant with its offset ({@code 2024-05-01T02:30:00Z}), a date and time in China Standard
     * Time ({@code 2024-05-01T10:30}, as a page's field sends it, or with a space), or a date: from its start, or for
     * the range's end ({@code end}) to the end of that day. Null for blank.
     */
    public static Instant time(String text, boolean end) {
        if (blank(text)) return null;
        String s = text.strip();
        try {
            if (s.length() == 10) {
                LocalDate d = LocalDate.parse(s);
                return (end ? d.plusDays(1) : d).atStartOfDay(ZONE).toInstant();
            }
            String iso = s.replace(' ', 'T');
            if (iso.endsWith("Z") || iso.substring(10).matches(".*[+-][0-9]{2}:?[0-9]{2}$")) return OffsetDateTime.parse(iso).toInstant();
            return LocalDateTime.parse(iso).atZone(ZONE).toInstant();
        } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
            String shown = s.length() > 40 ? s.substring(0, 40) + "…" : s;
            throw Problem.badRequest("VALIDATION_FAILED", "a time is a date (2024-05-01), a date and time in China Standard Time (2024-05-01T10:30) or an instant (2024-05-01T02:30:00Z): " + shown)
                    .say("detail.audit.time", shown);
        }
    }

    /** A page's cursor as typed: the number of the last row of the newer page (400 VALIDATION_FAILED otherwise); blank for the newest. */
    public static long before(String text) {
        if (blank(text)) return Long.MAX_VALUE;
        String s = text.strip();
        if (!s.matches("[0-9]{1,18}")) throw Problem.badRequest("VALIDATION_FAILED", "before is the number of the last row of the newer page").say("detail.audit.before");
        return Long.parseLong(s);
    }

    /** Refusals {@code q} asks for, below {@code before}, newest first, at most {@code limit} (1 to 5,000). */
    public Page refusals(Permissions p, RefusalLog.Query q, long before, int limit) {
        mayReadRefusals(p, "READ refusals");
        int n = Math.clamp(limit, 1, MAX_PAGE);
        List<RefusalLog.Refusal> rows = log.find(q, before, n + 1);
        boolean more = rows.size() > n;
        List<RefusalLog.Refusal> page = more ? rows.subList(0, n) : rows;
        return new Page(List.copyOf(page), more, page.isEmpty() ? before : page.getLast().id());
    }

    /**
     * Every refusal {@code q} asks for, newest first, handed to {@code row} (read a thousand at a time, for an export),
     * after {@code start} (the file's header) once the person may read them; the same refusal as {@link #refusals},
     * recorded as {@code EXPORT refusals}, before anything is written.
     */
    public void export(Permissions p, RefusalLog.Query q, Runnable start, java.util.function.Consumer<RefusalLog.Refusal> row) {
        mayReadRefusals(p, "EXPORT refusals");
        start.run();
        long before = Long.MAX_VALUE;
        while (true) {
            List<RefusalLog.Refusal> rows = log.find(q, before, 1000);
            rows.forEach(row);
            if (rows.size() < 1000) return;
            before = rows.getLast().id();
        }
    }

    private void mayReadRefusals(Permissions p, String action) {
        if (!p.auditor()) throw desk.refuse(p, action, null, "NOT_AUTHORISED", "only auditors read the refusal record").say("detail.deny.refusals");
    }

    /** Who may verify the journal and read its runs: auditors and registry administrators. */
    public static boolean mayVerifyJournal(Permissions p) { return p.auditor() || p.isAdministrator(); }

    /**
     * Verifies the journal now, as {@code p}. 403 NOT_AUTHORISED (recorded as RUN journal verification) for anyone but an
     * auditor or an administrator; 409 VERIFICATION_RUNNING, with nothing done, while another run is under way; 429
     * VERIFICATION_COOLDOWN with {@code retryAfterSeconds}, with nothing done, within the cooldown after the last run.
     */
    public JournalChecks.Run verifyJournal(Permissions p) {
        mayVerify(p, "RUN journal verification");
        JournalChecks.Run r;
        try {
            r = journal.run(p.login()).orElseThrow(() -> new Problem(HttpStatus.CONFLICT, "VERIFICATION_RUNNING",
                    "the journal is being verified already: see its result in a moment").say("detail.journal.running"));
        } catch (JournalChecks.TooSoon e) {
            long cooldown = e.cooldown().toSeconds(), wait = Math.max(1, (e.waitFor().toMillis() + 999) / 1000);
            throw new Problem(HttpStatus.TOO_MANY_REQUESTS, "VERIFICATION_COOLDOWN", "the journal was verified less than " + cooldown
                    + " s ago (each run reads the whole journal): verify it again in " + wait + " s").with("retryAfterSeconds", wait)
                    .say("detail.journal.cooldown", cooldown, wait);
        }
        return shown(p, r);
    }

    /** The newest runs (at most {@link #RUNS_SHOWN}); the same refusal as {@link #verifyJournal} (recorded as READ journal verifications). */
    public List<JournalChecks.Run> journalRuns(Permissions p) {
        mayVerify(p, "READ journal verifications");
        return journal.recent(RUNS_SHOWN).stream().map(r -> shown(p, r)).toList();
    }

    private void mayVerify(Permissions p, String action) {
        if (!mayVerifyJournal(p))
            throw desk.refuse(p, action, null, "NOT_AUTHORISED", "only auditors and registry administrators verify the journal").say("detail.deny.journal");
    }

    /** A run as {@code p} reads it: an administrator reads each problem's entry and code, not its detail (which names any jurisdiction's accounts). */
    static JournalChecks.Run shown(Permissions p, JournalChecks.Run r) {
        if (p.auditor()) return r;
        return new JournalChecks.Run(r.id(), r.by(), r.startedAt(), r.millis(), r.entries(), r.headHash(), r.problemCount(),
                r.problems().stream().map(x -> new JournalChecks.Problem(x.seq(), x.code(), null)).toList());
    }

    private static boolean blank(String s) { return s == null || s.isBlank(); }
}
