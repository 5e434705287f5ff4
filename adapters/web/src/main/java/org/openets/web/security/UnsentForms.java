package org.openets.web.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.SessionFlashMapManager;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A form sent after its session ended (timed out, or signed out meanwhile): it is never carried out — its CSRF token
 * belongs to a session that is gone — but what the person typed is not lost. The fields the form's page shows again
 * are kept in a new session, with the login the form was filled in as (the form's hidden {@value #SIGNED_IN_AS} field);
 * the person is sent to sign in ({@code /login?unsent}); once signed in as that same login, they land on the form's page
 * with the fields filled in again (the page's {@code form} flash attribute, as after a refused form) and a message to
 * check them and send again ({@code formResumed}). Whoever else signs in on that browser lands as usual and the kept
 * fields are dropped. A form sent with a token not of the live session of the same person (signed out and in again in
 * another tab) goes back to its page filled in, the same way.
 *
 * <p>Kept only: for the forms listed here (a page of our own, its address built from the form's own path, never from
 * the request), sent from a page of this site (Origin, or Referer), with their listed fields (never a password, token or
 * CSRF token), each at most {@value #MAX_FIELD} characters and {@value #MAX_TOTAL} in all; for {@link #KEEP} at most,
 * and once: taken out of the session at sign-in, and the page's flash attribute is read once.
 */
public final class UnsentForms {
    /** The hidden field of a form that names the login it was filled in as. */
    public static final String SIGNED_IN_AS = "signedInAs";
    static final String KEPT = UnsentForms.class.getName() + ".KEPT";
    static final int MAX_FIELD = 2_000, MAX_TOTAL = 8_000;
    static final Duration KEEP = Duration.ofMinutes(30);

    private UnsentForms() {}

    /** A form kept for its person: the page to go back to, and the fields as that page's {@code form} attribute reads them. */
    record Kept(String login, String page, LinkedHashMap<String, String> form, Instant at) implements Serializable {}

    /**
     * A form that can be given back: what it is posted to ({@code post}, one path segment per group), the page it is on,
     * its {@code formId} as the page reads it (null: not one to keep), and the fields kept.
     */
    private record Form(Pattern post, java.util.function.BiFunction<Matcher, HttpServletRequest, String> page, Function<HttpServletRequest, String> formId,
                        List<String> fields) {}

    /** An account number or id as a path segment: letters, digits and hyphens only. */
    private static final String REF = "([A-Za-z0-9-]{1,64})";
    private static final Pattern CODE = Pattern.compile("[A-Z_]{1,40}");
    private static final List<String> OPERATIONS = List.of("CANCEL", "FORCED_DEDUCTION", "RETURN_OF_EXCESS", "FREEZE", "UNFREEZE");

    private static final List<Form> FORMS = List.of(
            new Form(Pattern.compile("/accounts/" + REF + "/transfer"), (m, r) -> "/accounts/" + m.group(1), r -> "TRANSFER", List.of("to", "series", "quantity")),
            new Form(Pattern.compile("/accounts/" + REF + "/surrender"), (m, r) -> "/accounts/" + m.group(1), r -> "SURRENDER", List.of("series", "quantity")),
            new Form(Pattern.compile("/accounts/" + REF + "/retire"), (m, r) -> "/accounts/" + m.group(1), r -> "RETIRE",
                    List.of("series", "quantity", "beneficiary", "purpose")),
            new Form(Pattern.compile("/accounts/" + REF + "/operation"), (m, r) -> "/accounts/" + m.group(1),
                    r -> OPERATIONS.contains(r.getParameter("type")) ? r.getParameter("type") : null, List.of("to", "pledgee", "series", "quantity", "reason")),
            new Form(Pattern.compile("/accounts"), (m, r) -> "/accounts", r -> "open", List.of("jurisdiction", "type", "holder", "holderKind", "entityCode")),
            new Form(Pattern.compile("/admin/issuance"), (m, r) -> "/admin/issuance", r -> "issuance",
                    List.of("unitType", "vintage", "quantity", "projectId", "projectType", "originRegion", "reductionFrom", "reductionTo")),
            new Form(Pattern.compile("/admin/issuance/cap"), (m, r) -> "/admin/issuance", r -> "cap", List.of("unitType", "vintage", "quantity", "source")),
            new Form(Pattern.compile("/admin/controls/proposals"), (m, r) -> "/admin/controls", UnsentForms::controlsId,
                    List.of("fourEyes", "approvalExpiryHours", "trustedDelayHours", "untrustedPolicy", "untrustedDelayHours", "trustedActivationHours",
                            "administratorsApproveHolders", "reason")),
            // a calendar's page is the jurisdiction's and year's the form was on (both checked, never taken as sent)
            new Form(Pattern.compile("/admin/calendar/days"), (m, r) -> calendarPage(r), r -> "calendar-add", List.of("day", "kind", "note", "reason")),
            new Form(Pattern.compile("/admin/calendar/import"), (m, r) -> calendarPage(r), r -> "calendar-import", List.of("lines", "reason")),
            // a new person's login and name (their password is never kept)
            new Form(Pattern.compile("/admin/people"), (m, r) -> "/admin/people", r -> "add", List.of("login", "displayName")));

    /** The calendar page a calendar form was on: its jurisdiction and year when they are a code and a year, else the person's own. */
    private static String calendarPage(HttpServletRequest r) {
        String j = r.getParameter("jurisdiction"), y = r.getParameter("year");
        if (j == null || !CODE.matcher(j).matches()) return "/admin/calendar";
        return "/admin/calendar?jurisdiction=" + j + (y != null && y.matches("[0-9]{4}") ? "&year=" + y : "");
    }


    private static String controlsId(HttpServletRequest r) {
        String j = r.getParameter("jurisdiction"), t = r.getParameter("accountType");
        return j != null && t != null && CODE.matcher(j).matches() && CODE.matcher(t).matches() ? "controls-" + j + "-" + t : null;
    }

    /**
     * Keeps the fields of the form {@code request} sent, refused for its CSRF token, when it is a form listed here sent
     * from this site and filled in as a login: in the request's session when {@code signedIn} (the live session's
     * person) is that login; with nobody signed in, in the browser's session (a new one when its session ended), until
     * someone signs in; a session of someone else is left alone (nothing is kept). Returns where to send the person: the form's page (their session is live), {@code /login?unsent},
     * or empty (nothing kept).
     */
    static Optional<String> keep(HttpServletRequest request, HttpServletResponse response, SignedInUser signedIn) {
        if (!"POST".equals(request.getMethod())) return Optional.empty();
        // a form not listed here is not read at all (its body may be an upload)
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (FORMS.stream().noneMatch(f -> f.post().matcher(path).matches())) return Optional.empty();
        String source = request.getHeader("Origin") != null ? request.getHeader("Origin") : request.getHeader("Referer");
        // a form another site sent (its page can post here, but cannot forge Origin or Referer) plants nothing
        if (source != null && !OriginCheckFilter.own(request).equals(OriginCheckFilter.origin(source))) return Optional.empty();
        String login = request.getParameter(SIGNED_IN_AS);
        if (login == null || login.isBlank() || login.length() > 64) return Optional.empty();
        Optional<Kept> kept = read(request, login.strip());
        if (kept.isEmpty()) return Optional.empty();
        if (signedIn != null) {
            // a live session: only its own person's form comes back, right away
            if (!signedIn.login().equals(kept.get().login())) return Optional.empty();
            flash(kept.get(), request, response);
            return Optional.of(kept.get().page());
        }
        // the session the browser has now (none, when its session ended): it signs nobody in, and signing in gives it a new id
        request.getSession(true).setAttribute(KEPT, kept.get());
        return Optional.of("/login?unsent");
    }

    /** The form's page and the fields it keeps, when the request is a listed form within the limits. */
    private static Optional<Kept> read(HttpServletRequest request, String login) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        for (Form f : FORMS) {
            Matcher m = f.post().matcher(path);
            if (!m.matches()) continue;
            String formId = f.formId().apply(request);
            if (formId == null) return Optional.empty();
            LinkedHashMap<String, String> fields = new LinkedHashMap<>();
            fields.put("formId", formId);
            int total = 0;
            for (String name : f.fields()) {
                String[] values = request.getParameterValues(name);
                if (values == null) continue;
                // a checkbox after its hidden "false" sends two values: the last one counts, as the page reads it
                String v = values[values.length - 1];
                if (v.length() > MAX_FIELD) return Optional.empty();
                total += v.length();
                fields.put(name, v);
            }
            if (total > MAX_TOTAL) return Optional.empty();
            return Optional.of(new Kept(login, f.page().apply(m, request), fields, Instant.now()));
        }
        return Optional.empty();
    }

    /**
     * At sign-in: the form kept in the session is taken out of it, whoever signs in; when it was filled in as the login
     * that signed in (and not kept longer than {@link #KEEP}), its fields go to its page, and the page's address is
     * returned.
     */
    static Optional<String> resume(HttpServletRequest request, HttpServletResponse response, String login) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(KEPT) instanceof Kept kept)) return Optional.empty();
        session.removeAttribute(KEPT);
        if (!kept.login().equals(login) || kept.at().plus(KEEP).isBefore(Instant.now())) return Optional.empty();
        flash(kept, request, response);
        return Optional.of(kept.page());
    }

    /** The fields and the message for the page's next view (read once, by the page's address, as a redirect's flash attributes are). */
    private static void flash(Kept kept, HttpServletRequest request, HttpServletResponse response) {
        FlashMap flash = new FlashMap();
        flash.put("form", new LinkedHashMap<>(kept.form()));
        flash.put("formResumed", Boolean.TRUE);
        // the page's path (a calendar's page has its jurisdiction and year in the query, which the flash does not match on)
        String page = kept.page();
        flash.setTargetRequestPath(request.getContextPath() + (page.contains("?") ? page.substring(0, page.indexOf('?')) : page));
        new SessionFlashMapManager().saveOutputFlashMap(flash, request, response);
    }
}
