package org.openets.web.ui;

import org.openets.web.desk.AuditDesk;
import org.openets.web.desk.PeopleDesk;
import org.openets.web.security.Access;
import org.openets.web.security.Permissions;
import java.util.List;
import org.openets.web.security.People;
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
    /** The sign-ins shown a page (by login); the API's page is larger (PeopleApi). */
    static final int PEOPLE_ROWS = 100;

    private final PeopleDesk people;
    private final Access access;

    public PeoplePages(PeopleDesk people, Access access) {
        this.people = people;
        this.access = access;
    }

    @GetMapping("/admin/people")
    String people(@RequestParam(required = false) String before, @RequestParam(required = false) String after, Model model) {
        Permissions p = access.current();
        long from = AuditDesk.before(before);
        // a national registry has thousands of sign-ins: the page reads and shows them 100 at a time, by login, from after the one given
        String start = after == null ? "" : after.strip();
        PeopleDesk.PeoplePage page = people.people(p, start, PEOPLE_ROWS);
        List<People.Person> shown = page.rows();
        model.addAttribute("people", shown);
        model.addAttribute("peopleTotal", page.total());
        model.addAttribute("peopleRows", PEOPLE_ROWS);
        model.addAttribute("peopleMore", page.more());
        model.addAttribute("peopleNext", page.next());
        model.addAttribute("peoplePaged", !start.isEmpty());
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
