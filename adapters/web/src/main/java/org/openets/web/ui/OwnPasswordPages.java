package org.openets.web.ui;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openets.web.desk.OwnPasswordDesk;
import org.openets.web.desk.PeopleDesk;
import org.openets.web.security.Access;
import org.openets.web.security.SessionRenewal;
import org.openets.web.security.SignedInUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * My password: the signed-in person changes their own (the current one, the new one twice). Someone whose password an
 * administrator set lands here after signing in and may go nowhere else until they have chosen their own. The session
 * the change is made in goes on; the person's other sessions end. A refused form never comes back with a password.
 */
@Controller
public class OwnPasswordPages {
    private final OwnPasswordDesk desk;

    public OwnPasswordPages(OwnPasswordDesk desk) { this.desk = desk; }

    @GetMapping("/me/password")
    String page(Model model) {
        SignedInUser me = Access.currentUser();
        model.addAttribute("required", me != null && me.passwordChangeRequired());
        model.addAttribute("minPassword", PeopleDesk.MIN_PASSWORD);
        return "me-password";
    }

    @PostMapping("/me/password")
    String change(@RequestParam(required = false) String current, @RequestParam(required = false) String password,
                  @RequestParam(required = false) String passwordAgain, HttpServletRequest request, HttpServletResponse response, RedirectAttributes ra) {
        SignedInUser[] changed = new SignedInUser[1];
        String back = PageSupport.act(ra, "/me/password", () -> {
            changed[0] = desk.change(Access.currentUser(), current, password, passwordAgain == null ? "" : passwordAgain);
            return new PageSupport.Flash("done", "PASSWORD_CHANGED", changed[0].login(), null, null);
        });
        if (changed[0] == null) return back;
        SessionRenewal.keep(changed[0], request, response);
        return "redirect:/accounts";
    }
}
