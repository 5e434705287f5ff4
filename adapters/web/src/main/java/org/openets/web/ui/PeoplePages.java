package org.openets.web.ui;

import org.openets.web.desk.AuditDesk;
import org.openets.web.desk.PeopleDesk;
import org.openets.web.security.Access;
import org.openets.web.security.Permissions;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * People (registry administrators): the sign-ins of the people an administrator may manage, with their roles; adding a
 * person, disabling one (with a tick to confirm), setting a new password (typed twice); and who did what. A refused
 * form comes back with what was typed, never the passwords. Auditors read every person and the whole history, a page at
 * a time, with no form.
 */
@Controller
public class PeoplePages {
    private final PeopleDesk people;
    private final Access access;

    public PeoplePages(PeopleDesk people, Access access) {
        this.people = people;
        this.access = access;
    }

    @GetMapping("/admin/people")
    String people(@RequestParam(required = false) String before, Model model) {
        Permissions p = access.current();
        long from = AuditDesk.before(before);
        model.addAttribute("people", people.people(p));
        PeopleDesk.History history = people.history(p, from);
        model.addAttribute("changes", history.changes());
        model.addAttribute("changesMore", history.more());
        model.addAttribute("changesNext", history.next());
        model.addAttribute("changesPaged", from != Long.MAX_VALUE);
        // an auditor reads, and is offered nothing to change
        model.addAttribute("keeps", PeopleDesk.keepsPeople(p));
        model.addAttribute("minPassword", PeopleDesk.MIN_PASSWORD);
        return "people";
    }

    @PostMapping("/admin/people")
    String add(@RequestParam(required = false) String login, @RequestParam(required = false) String displayName,
               @RequestParam(required = false) String password, @RequestParam(required = false) String passwordAgain, RedirectAttributes ra) {
        Permissions p = access.current();
        // what was typed comes back on a refusal, but never a password
        var sent = PageSupport.sent("add", "login", login, "displayName", displayName);
        return PageSupport.act(ra, "/admin/people", sent, () -> {
            var added = people.add(p, login, displayName, password, passwordAgain == null ? "" : passwordAgain);
            return new PageSupport.Flash("done", "PERSON_ADDED", added.login(), null, null);
        });
    }

    @PostMapping("/admin/people/{login}/disable")
    String disable(@PathVariable String login, @RequestParam(required = false) boolean confirm, RedirectAttributes ra) {
        Permissions p = access.current();
        return PageSupport.act(ra, "/admin/people", PageSupport.sent("disable", "login", login), () -> {
            var x = people.disable(p, login, confirm);
            return new PageSupport.Flash("done", "PERSON_DISABLED", x.login(), null, null);
        });
    }

    @PostMapping("/admin/people/{login}/password")
    String password(@PathVariable String login, @RequestParam(required = false) String password, @RequestParam(required = false) String passwordAgain,
                    RedirectAttributes ra) {
        Permissions p = access.current();
        return PageSupport.act(ra, "/admin/people", PageSupport.sent("password", "login", login), () -> {
            var x = people.setPassword(p, login, password, passwordAgain == null ? "" : passwordAgain);
            return new PageSupport.Flash("done", "PERSON_PASSWORD_SET", x.login(), null, null);
        });
    }
}
