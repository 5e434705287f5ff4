package org.openets.web.desk;

import org.openets.registry.Account;
import org.openets.registry.AccountStatus;
import org.openets.registry.Role;
import org.openets.registry.TrustedAccount;
import org.openets.web.Problem;
import org.openets.web.security.Permissions;
import org.openets.workflows.registry.RegistryService;
import org.openets.workflows.registry.RegistryViews.HoldingView;
import org.openets.workflows.registry.RegistryViews.StatusChangeView;
import org.openets.workflows.registry.RegistryViews.TrustedView;
import org.openets.workflows.registry.spi.RegistryAdministration;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * An account's standing: its status (changed by the jurisdiction's administrators, with a reason, kept in the
 * account's status history) and its trusted account list (kept by the account's initiators or the administrators;
 * a new entry becomes active after the jurisdiction's activation delay). The same rules for the API and the pages.
 */
@Component
public class AccountAdministrationDesk {
    private static final int MAX_REASON = 500;

    private final RegistryDesk desk;
    private final RegistryService registry;
    private final RegistryAdministration administration;

    public AccountAdministrationDesk(RegistryDesk desk, RegistryService registry, RegistryAdministration administration) {
        this.desk = desk;
        this.registry = registry;
        this.administration = administration;
    }

    /** Whether the person may change the account's status: an administrator of its jurisdiction, not for government accounts. */
    public boolean mayChangeStatus(Permissions p, Account a) {
        return p.mayWrite() && p.administers(a.jurisdiction()) && !a.type().isGovernment();
    }

    /** Whether the person may add to the account's trusted list: its initiators, or an administrator of its jurisdiction. */
    public boolean mayKeepTrustedList(Permissions p, Account a) {
        return p.mayWrite() && !a.type().isGovernment() && (p.roles(a.id()).contains(Role.INITIATOR) || p.administers(a.jurisdiction()));
    }

    /** The account's status changes, newest first, for whoever may read the account. */
    public List<StatusChangeView> statusHistory(Permissions p, String ref) {
        return desk.readModel().statusHistory(desk.account(p, ref).id());
    }

    /** The account's trusted list, for whoever may read the account. */
    public List<TrustedView> trustedList(Permissions p, String ref) {
        return desk.readModel().trustedAccounts(desk.account(p, ref).id());
    }

    /**
     * Changes the status. 400 VALIDATION_FAILED for an unknown status or a missing reason; 403 NOT_AUTHORISED
     * (recorded) for anyone but the jurisdiction's administrators; 409 STATUS_UNCHANGED when it already has it;
     * 409 STATUS_CHANGE_NOT_ALLOWED for a government or closed account; 409 ACCOUNT_NOT_EMPTY when closing an account
     * that still holds units.
     */
    public Account changeStatus(Permissions p, String ref, String statusText, String reason) {
        Account a = desk.account(p, ref);
        String action = "CHANGE_STATUS account";
        if (!p.mayWrite() || !p.administers(a.jurisdiction()))
            throw desk.refuse(p, action, a.number(), "NOT_AUTHORISED", p.login() + " may not change the status of account " + a.number());
        AccountStatus status = status(statusText);
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) throw Problem.badRequest("VALIDATION_FAILED", "a status change states its reason");
        if (why.length() > MAX_REASON) throw Problem.badRequest("VALIDATION_FAILED", "the reason has at most " + MAX_REASON + " characters");
        if (a.type().isGovernment())
            throw new Problem(HttpStatus.CONFLICT, "STATUS_CHANGE_NOT_ALLOWED", "government accounts keep their status; " + a.number() + " is a " + a.type() + " account");
        if (a.status() == AccountStatus.CLOSED)
            throw new Problem(HttpStatus.CONFLICT, "STATUS_CHANGE_NOT_ALLOWED", "account " + a.number() + " is closed; a closed account is never reopened");
        if (a.status() == status) throw new Problem(HttpStatus.CONFLICT, "STATUS_UNCHANGED", "account " + a.number() + " is already " + status);
        if (status == AccountStatus.CLOSED) {
            long held = desk.readModel().holdings(a.id()).stream().mapToLong(HoldingView::quantity).sum();
            if (held > 0) throw new Problem(HttpStatus.CONFLICT, "ACCOUNT_NOT_EMPTY", "account " + a.number() + " still holds " + held + " t; move them before closing it");
        }
        administration.changeStatus(a.id(), status, why, p.actor());
        return desk.readModel().account(a.id()).orElseThrow();
    }

    /**
     * Adds an account to the trusted list; it becomes active after the jurisdiction's activation delay. 403
     * NOT_AUTHORISED (recorded) for anyone but the account's initiators and the jurisdiction's administrators; 422
     * UNKNOWN_ACCOUNT, SAME_ACCOUNT; 409 ALREADY_TRUSTED (adding it again would not move its activation).
     */
    public TrustedAccount trust(Permissions p, String ref, String trustedRef) {
        Account a = desk.account(p, ref);
        if (!mayKeepTrustedList(p, a))
            throw desk.refuse(p, "TRUST account", a.number(), "NOT_AUTHORISED", p.login() + " may not change the trusted list of account " + a.number());
        if (trustedRef == null || trustedRef.isBlank()) throw Problem.badRequest("VALIDATION_FAILED", "name the account to trust");
        Account trusted = desk.find(trustedRef).orElseThrow(() -> Problem.unprocessable("UNKNOWN_ACCOUNT", "no account " + trustedRef.strip()));
        if (trusted.id() == a.id()) throw Problem.unprocessable("SAME_ACCOUNT", "an account does not trust itself");
        if (desk.readModel().trustedAccounts(a.id()).stream().anyMatch(t -> t.trustedAccountId() == trusted.id()))
            throw new Problem(HttpStatus.CONFLICT, "ALREADY_TRUSTED", trusted.number() + " is already on the trusted list of " + a.number());
        return registry.trust(a.id(), trusted.id());
    }

    private static AccountStatus status(String text) {
        if (text == null || text.isBlank()) throw Problem.badRequest("VALIDATION_FAILED", "status is required");
        try {
            return AccountStatus.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest("VALIDATION_FAILED", "status is one of " + Arrays.toString(AccountStatus.values()));
        }
    }
}
