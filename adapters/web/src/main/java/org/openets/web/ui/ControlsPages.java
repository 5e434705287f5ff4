package org.openets.web.ui;

import org.openets.web.desk.ControlsDesk;
import org.openets.web.security.Access;
import org.openets.web.security.Permissions;
import org.openets.workflows.registry.spi.ControlsAdministration.ControlProposalView;
import org.openets.workflows.registry.spi.ControlsAdministration.ControlSettingView;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The controls page (管控参数): the controls of each account type of the jurisdictions the person administers (auditors:
 * all, read only), each explained; an administrator proposes new values for one account type with a reason, a second
 * administrator of the jurisdiction approves or declines them here or in the approval inbox; every applied change shown.
 */
@Controller
public class ControlsPages {
    private final ControlsDesk controls;
    private final Access access;

    public ControlsPages(ControlsDesk controls, Access access) {
        this.controls = controls;
        this.access = access;
    }

    /** A control change as a page lists it, with what the signed-in person may do with it. */
    public record ProposalRow(ControlProposalView proposal, boolean mayDecide, boolean mayWithdraw) {}

    /** One account type's controls, whether the person may propose a change, and the change pending (null: none). */
    public record SettingRow(ControlSettingView setting, boolean mayPropose, ControlProposalView pending) {}

    @GetMapping("/admin/controls")
    String page(Model model) {
        Permissions p = access.current();
        List<ControlSettingView> settings = controls.settings(p);
        List<ControlProposalView> pending = controls.proposals(p, "PENDING");
        Map<String, List<SettingRow>> byJurisdiction = new LinkedHashMap<>();
        for (ControlSettingView s : settings)
            byJurisdiction.computeIfAbsent(s.jurisdiction(), k -> new java.util.ArrayList<>()).add(new SettingRow(s, controls.mayPropose(p, s.jurisdiction()),
                    pending.stream().filter(x -> x.jurisdiction().equals(s.jurisdiction()) && x.accountType().equals(s.accountType())).findFirst().orElse(null)));
        model.addAttribute("jurisdictions", byJurisdiction);
        model.addAttribute("proposals", pending.stream().map(x -> new ProposalRow(x, controls.mayDecide(p, x), controls.mayWithdraw(p, x))).toList());
        model.addAttribute("decided", controls.proposals(p, null).stream().filter(x -> !x.pending()).limit(20).toList());
        model.addAttribute("history", controls.history(p));
        model.addAttribute("maxHours", ControlsDesk.MAX_HOURS);
        model.addAttribute("commandId", PageSupport.newCommandId());
        return "admin-controls";
    }

    /**
     * Proposes new controls for one account type of a jurisdiction; anyone but an administrator gets a 403 page, another
     * jurisdiction's administrator the refusal on this page (both recorded).
     */
    @PostMapping("/admin/controls/proposals")
    String propose(@RequestParam(required = false) String commandId, @RequestParam(required = false) String jurisdiction,
                   @RequestParam(required = false) String accountType, @RequestParam(required = false) String fourEyes,
                   @RequestParam(required = false) String approvalExpiryHours, @RequestParam(required = false) String trustedDelayHours,
                   @RequestParam(required = false) String untrustedPolicy, @RequestParam(required = false) String untrustedDelayHours,
                   @RequestParam(required = false) String trustedActivationHours, @RequestParam(required = false) String administratorsApproveHolders,
                   @RequestParam(required = false) String reason, RedirectAttributes ra) {
        Permissions p = access.current();
        // who may is the desk's first question: anyone but an administrator who may write gets the 403 page, an administrator the refusal here
        if (!FourEyesForms.refusedOnThePage(p)) controls.authorise(p, jurisdiction, accountType);
        // refused: the form comes back as it was sent (a checkbox's last value counts, as bool reads it)
        var sent = PageSupport.sent("controls-" + jurisdiction + "-" + accountType, "fourEyes", last(fourEyes), "approvalExpiryHours", approvalExpiryHours,
                "trustedDelayHours", trustedDelayHours, "untrustedPolicy", untrustedPolicy, "untrustedDelayHours", untrustedDelayHours,
                "trustedActivationHours", trustedActivationHours, "administratorsApproveHolders", last(administratorsApproveHolders), "reason", reason);
        return PageSupport.act(ra, "/admin/controls", sent, () -> {
            ControlProposalView x = controls.propose(p, commandId == null || commandId.isBlank() ? PageSupport.newCommandId() : commandId, jurisdiction, accountType,
                    new ControlsDesk.Values(bool(fourEyes), ControlsDesk.hoursText("approvalExpiryHours", approvalExpiryHours),
                            ControlsDesk.hoursText("trustedDelayHours", trustedDelayHours), untrustedPolicy,
                            ControlsDesk.hoursText("untrustedDelayHours", untrustedDelayHours),
                            ControlsDesk.hoursText("trustedActivationHours", trustedActivationHours), bool(administratorsApproveHolders)), reason);
            return done("CONTROLS_PROPOSED", x);
        });
    }

    /** A checkbox's value as the form shows it again: its last one ("true" or "false"), or null when none was sent. */
    private static String last(String value) {
        Boolean b = bool(value);
        return b == null ? null : b.toString();
    }

    /** A checkbox sends "true" when ticked, with a hidden "false" before it: the last value counts. */
    private static Boolean bool(String value) {
        if (value == null || value.isBlank()) return null;
        String[] parts = value.split(",");
        return Boolean.parseBoolean(parts[parts.length - 1].strip());
    }

    /** A second administrator of the jurisdiction approves a pending change, here or in the approval inbox ({@code back=approvals}). */
    @PostMapping("/admin/controls/proposals/{id}/approve")
    String approve(@PathVariable long id, @RequestParam(required = false) String back, RedirectAttributes ra) {
        return FourEyesForms.approve(controls, access.current(), id, ra, back(back), d -> done("CONTROLS_APPROVED", d.proposal()));
    }

    @PostMapping("/admin/controls/proposals/{id}/decline")
    String decline(@PathVariable long id, @RequestParam(required = false) String back, @RequestParam(required = false) String reason, RedirectAttributes ra) {
        return FourEyesForms.decline(controls, access.current(), id, reason, "control", ra, back(back), d -> done("CONTROLS_DECLINED", d.proposal()));
    }

    @PostMapping("/admin/controls/proposals/{id}/withdraw")
    String withdraw(@PathVariable long id, @RequestParam(required = false) String back, @RequestParam(required = false) String reason, RedirectAttributes ra) {
        return FourEyesForms.withdraw(controls, access.current(), id, reason, "control", ra, back(back), d -> done("CONTROLS_WITHDRAWN", d.proposal()));
    }

    /** What a change was of, as the page names it in its language (福建·交易持有账户), never the codes (FJ TRADING_HOLDING). */
    private static PageSupport.Flash done(String code, ControlProposalView x) {
        return PageSupport.Flash.done(code, org.openets.web.Problem.controlsOf(x.jurisdiction(), x.accountType()));
    }

    /** Back to the approval inbox or to the controls page; never to another site. */
    private static String back(String back) { return "approvals".equals(back) ? "/approvals" : "/admin/controls"; }
}
