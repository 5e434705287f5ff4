package org.openets.web.ui;

import org.openets.web.desk.FourEyesDesk;
import org.openets.web.security.Permissions;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.function.Function;

/**
 * The forms that decide a 4-eyes proposal (a cap, the controls, a calendar: {@link FourEyesDesk}), alike on every page
 * and in the approval inbox. Who is refused how is the same everywhere: someone who is not an administrator who may
 * write gets the 403 page (the desk's first question, recorded), never sent back to a page they may not open; an
 * administrator whose decision is refused (their own proposal, another jurisdiction's, one that changed or lapsed
 * meanwhile) is sent back to the page they came from with the refusal shown there in its language, recorded as ever.
 */
final class FourEyesForms {
    private FourEyesForms() {}

    /** Whether the person's refusals come back to the page they acted on: an administrator who may write. */
    static boolean refusedOnThePage(Permissions p) { return p.isAdministrator() && p.mayWrite(); }

    /** Approves the proposal; {@code done} says what came of it. */
    static <V, D> String approve(FourEyesDesk<V, D> desk, Permissions p, long id, RedirectAttributes ra, String back, Function<D, PageSupport.Flash> done) {
        if (!refusedOnThePage(p)) desk.authoriseApproval(p, id);
        return PageSupport.act(ra, back, () -> done.apply(desk.approve(p, id)));
    }

    /** Declines the proposal, saying why; refused (no reason, too long), the form ({@code form}-decline-id) comes back open with the text as typed. */
    static <V, D> String decline(FourEyesDesk<V, D> desk, Permissions p, long id, String reason, String form, RedirectAttributes ra, String back,
                                 Function<D, PageSupport.Flash> done) {
        if (!refusedOnThePage(p)) desk.authoriseDecline(p, id);
        return PageSupport.act(ra, back, PageSupport.sent(form + "-decline-" + id, "reason", reason), () -> done.apply(desk.decline(p, id, reason)));
    }

    /** Its proposer withdraws the proposal, saying why; the form ({@code form}-withdraw-id) comes back as typed when refused. */
    static <V, D> String withdraw(FourEyesDesk<V, D> desk, Permissions p, long id, String reason, String form, RedirectAttributes ra, String back,
                                  Function<D, PageSupport.Flash> done) {
        if (!refusedOnThePage(p)) desk.authoriseWithdrawal(p, id);
        return PageSupport.act(ra, back, PageSupport.sent(form + "-withdraw-" + id, "reason", reason), () -> done.apply(desk.withdraw(p, id, reason)));
    }
}
