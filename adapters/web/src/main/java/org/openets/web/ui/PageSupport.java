package org.openets.web.ui;

import jakarta.servlet.http.HttpServletRequest;
import org.openets.web.Problem;
import org.openets.web.desk.RegistryDesk;
import org.openets.web.security.Access;
import org.openets.web.security.Permissions;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.UUID;
import java.util.function.Supplier;

/** What every page needs (who is signed in, the language), and how a refused action comes back to the page. */
@ControllerAdvice(basePackages = "org.openets.web.ui", assignableTypes = org.openets.web.ErrorPages.class)
public class PageSupport {
    private final Access access;
    private final RegistryDesk desk;
    private final org.openets.web.desk.CapDesk caps;
    private final org.openets.web.desk.ControlsDesk controls;
    private final org.openets.web.desk.CalendarDesk calendars;
    private final org.openets.web.desk.AccountAdministrationDesk accounts;

    public PageSupport(Access access, RegistryDesk desk, org.openets.web.desk.CapDesk caps, org.openets.web.desk.ControlsDesk controls,
                       org.openets.web.desk.CalendarDesk calendars, org.openets.web.desk.AccountAdministrationDesk accounts) {
        this.access = access;
        this.desk = desk;
        this.caps = caps;
        this.controls = controls;
        this.calendars = calendars;
        this.accounts = accounts;
    }

    /** The signed-in person as the page header shows them. */
    /** {@code mayApprove}: whether anything could wait for this person's approval (the approvals menu entry). */
    public record Me(boolean signedIn, String login, String displayName, boolean administrator, boolean auditor, int inbox, boolean verifier, boolean mayApprove) {}

    @ModelAttribute
    void common(Model model, HttpServletRequest request) {
        Permissions p = access.current();
        int inbox = 0;
        try {
            // decisions waiting: a batch is one, however many lines it has; a cap change is one, a control change is one, a calendar change is one,
            // an addition to a trusted list the person may approve is one
            if (p.mayWrite()) inbox = (int) (p.isAdministrator() ? desk.forRegulators(desk.inbox(p)) : desk.inbox(p)).stream()
                    .map(t -> t.batchId() == null ? "#" + t.id() : "b:" + t.batchId()).distinct().count() + caps.awaiting(p).size()
                    + controls.awaiting(p).size() + calendars.awaiting(p).size()
                    + (int) accounts.pendingTrustedInbox(p).stream().filter(org.openets.web.desk.AccountAdministrationDesk.PendingTrustedRow::mayDecide).count();
        } catch (RuntimeException e) {
            // the header's count is a convenience; the page (or the error page) still renders without it
        }
        model.addAttribute("me", new Me(p.signedIn(), p.login(), p.displayName(), p.isAdministrator(), p.auditor(), inbox, p.isVerifier(), p.mayApproveAnything()));
        model.addAttribute("lang", LocaleContextHolder.getLocale().getLanguage());
        model.addAttribute("path", request.getRequestURI());
        model.addAttribute("langQuery", langQuery(request.getQueryString()));
        // a form sent after its session ended, given back filled in (org.openets.web.security.UnsentForms): the page says so
        if (Boolean.TRUE.equals(model.asMap().get("formResumed")) && !model.containsAttribute("flash"))
            model.addAttribute("flash", new Flash("notice", "FORM_RESUMED", null, null, null));
    }

    /** The page's own query without its {@code lang} parameter, ready for {@code lang=…}: switching language keeps the page's state. */
    static String langQuery(String query) {
        if (query == null || query.isBlank()) return "?";
        StringBuilder kept = new StringBuilder();
        for (String part : query.split("&")) {
            if (part.isEmpty() || part.equals("lang") || part.startsWith("lang=")) continue;
            kept.append(part).append('&');
        }
        return "?" + kept;
    }

    /** A refused page view: an error page with the code. */
    @ExceptionHandler(Problem.class)
    String refused(Problem e, Model model, HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response) {
        // an exception handler's model does not pass through the @ModelAttribute methods: the error page still gets its header
        common(model, request);
        response.setStatus(e.status().value());
        model.addAttribute("status", e.status().value());
        model.addAttribute("code", e.code());
        refusedAction(model, request, e.status().value());
        model.addAttribute("detail", e.detail());
        // what the detail says, for a page in another language (as a refused form's flash says it)
        model.addAttribute("messageKey", e.messageKey());
        model.addAttribute("messageArgs", e.messageArgs().toArray());
        return "error";
    }

    /**
     * A 403 for a form that was sent (a POST, not a page view): the person may well see the page, it is the action that is
     * refused, and the error page says so ({@code error.403.action}) rather than {@code error.403}.
     */
    public static void refusedAction(Model model, HttpServletRequest request, int status) {
        if (status == 403 && !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod()))
            model.addAttribute("explanation", "error.403.action");
    }

    /**
     * An address or a form value that is not of its type ({@code /transactions/abc}): the error page says what was
     * expected, a transaction number or a number, in the page's language, rather than only 请检查填写内容。
     */
    @ExceptionHandler(org.springframework.web.method.annotation.MethodArgumentTypeMismatchException.class)
    String mismatched(org.springframework.web.method.annotation.MethodArgumentTypeMismatchException e, Model model, HttpServletRequest request,
                      jakarta.servlet.http.HttpServletResponse response) {
        String value = String.valueOf(e.getValue());
        String shown = value.length() <= 40 ? value : value.substring(0, 40) + "…";
        Class<?> type = e.getRequiredType();
        boolean number = type != null && (Number.class.isAssignableFrom(type) || type == long.class || type == int.class);
        boolean inPath = e.getParameter().hasParameterAnnotation(org.springframework.web.bind.annotation.PathVariable.class);
        Problem p;
        if (number && inPath && request.getRequestURI().startsWith(request.getContextPath() + "/transactions/"))
            p = Problem.badRequest("VALIDATION_FAILED", "a transaction number is a number, not “" + shown + "”").say("detail.path.transactionNumber", shown);
        else if (number && inPath)
            p = Problem.badRequest("VALIDATION_FAILED", "the number in the address is a number, not “" + shown + "”").say("detail.path.number", shown);
        else if (number)
            p = Problem.badRequest("VALIDATION_FAILED", e.getName() + " is a number, not “" + shown + "”").say("detail.form.number", shown);
        else
            p = Problem.badRequest("VALIDATION_FAILED", e.getName() + " has the wrong format: “" + shown + "”").say("detail.form.format", shown);
        return refused(p, model, request, response);
    }

    /** The result shown after a form was sent. */
    /**
     * A result or a refusal shown at the top of a page. {@code messageKey} and {@code messageArgs}: what a refusal's
     * detail says in the UI's messages ({@link Problem#say}), shown instead of the English detail where the page's
     * language has it.
     */
    public record Flash(String kind, String code, String detail, Long transactionId, String status, String messageKey, java.util.List<?> messageArgs,
                        Integer messageLine) {
        public Flash(String kind, String code, String detail, Long transactionId, String status) {
            this(kind, code, detail, transactionId, status, null, java.util.List.of(), null);
        }

        /**
         * A result that names what it was done to ({2} of {@code flash.<code>}) as a term the page resolves in its
         * language when it is drawn (a jurisdiction, an account type, a label with its value).
         */
        public static Flash done(String code, Object said) {
            return new Flash("done", code, null, null, null, null, java.util.List.of(said), null);
        }

        /** A refusal as the page shows it. */
        public static Flash of(Problem e) {
            Object id = e.properties().get("transactionId");
            return new Flash("problem", e.code(), e.detail(), id instanceof Long l ? l : null, null, e.messageKey(), e.messageArgs(), e.messageLine());
        }
    }

    /** Runs an action from a form and redirects back with its result or its refusal. */
    static String act(RedirectAttributes ra, String back, Supplier<Flash> action) {
        return act(ra, back, null, action);
    }

    /**
     * The same, and when the action is refused the form comes back filled in as it was sent ({@code form}: the
     * form's name under {@code formId} and its fields), so that the person corrects it instead of typing it again.
     */
    static String act(RedirectAttributes ra, String back, java.util.Map<String, String> form, Supplier<Flash> action) {
        try {
            ra.addFlashAttribute("flash", action.get());
        } catch (Problem e) {
            ra.addFlashAttribute("flash", Flash.of(e));
            if (form != null) ra.addFlashAttribute("form", form);
        }
        return "redirect:" + back;
    }

    /** A form's fields as sent, for {@link #act(RedirectAttributes, String, java.util.Map, Supplier)}: names and values in pairs, nulls as empty. */
    static java.util.Map<String, String> sent(String formId, String... namesAndValues) {
        java.util.Map<String, String> m = new java.util.HashMap<>();
        m.put("formId", formId);
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) m.put(namesAndValues[i], namesAndValues[i + 1] == null ? "" : namesAndValues[i + 1]);
        return m;
    }

    static String newCommandId() { return "ui-" + UUID.randomUUID(); }
}
