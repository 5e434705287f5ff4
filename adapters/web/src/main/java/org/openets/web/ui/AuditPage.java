package org.openets.web.ui;

import org.openets.web.desk.RegistryDesk;
import org.openets.web.security.Access;
import org.openets.web.security.Permissions;
import org.openets.web.security.RefusalLog;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** For auditors: every refused request. */
@Controller
public class AuditPage {
    private final RefusalLog log;
    private final Access access;
    private final RegistryDesk desk;

    public AuditPage(RefusalLog log, Access access, RegistryDesk desk) {
        this.log = log;
        this.access = access;
        this.desk = desk;
    }

    public record RefusalRow(long id, String at, String actor, String action, String target, String code, String detail) {}

    @GetMapping("/audit")
    String refusals(@RequestParam(required = false) String actor, Model model) {
        Permissions p = access.current();
        if (!p.auditor()) throw desk.refuse(p, "READ refusals", null, "NOT_AUTHORISED", "only auditors read the refusal record").say("detail.deny.refusals");
        String who = actor == null || actor.isBlank() ? null : actor.strip();
        model.addAttribute("actor", who == null ? "" : who);
        model.addAttribute("refusals", log.recent(who, 500).stream()
                .map(r -> new RefusalRow(r.id(), PageViews.time(r.at()), r.actor(), r.action(), r.target(), r.code(), r.detail())).toList());
        return "audit";
    }
}
