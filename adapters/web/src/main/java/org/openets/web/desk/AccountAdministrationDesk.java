package org.openets.web.desk;

import org.openets.kernel.ActorId;
import org.openets.kernel.Jurisdiction;
import org.openets.registry.Account;
import org.openets.registry.AccountStatus;
import org.openets.registry.AccountType;
import org.openets.registry.HolderKind;
import org.openets.registry.Role;
import org.openets.registry.TrustedAccount;
import org.openets.registry.TrustedAddition;
import org.openets.web.Problem;
import org.openets.web.security.Permissions;
import org.openets.web.security.SignedInUser;
import org.openets.web.security.Users;
import org.openets.workflows.registry.RegistryViews.RepresentativeView;
import org.openets.workflows.registry.RegistryService;
import org.openets.workflows.registry.RegistryViews.HoldingView;
import org.openets.workflows.registry.RegistryViews.StatusChangeView;
import org.openets.workflows.registry.RegistryViews.PendingTrustedView;
import org.openets.workflows.registry.RegistryViews.TrustedRemovalView;
import org.openets.workflows.registry.RegistryViews.TrustedView;
import org.openets.workflows.registry.spi.RegistryAdministration;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Accounts as the registry's people keep them: opening a holder's account and granting and revoking its
 * representatives' roles (the jurisdiction's administrators, each change recorded with who made it); its status
 * (the administrators, with a reason, kept in the account's status history); and its trusted account list (the
 * account's initiators or the administrators; a new entry becomes active after the jurisdiction's activation delay, a
 * removal takes effect at once and the removed entry is kept in the list's history).
 * The same rules for the API and the pages.
 */
@Component
public class AccountAdministrationDesk {
    private static final int MAX_REASON = 500, MAX_HOLDER = 200, MAX_ENTITY_CODE = 64;

    private final RegistryDesk desk;
    private final RegistryService registry;
    private final RegistryAdministration administration;
    private final Users users;

    public AccountAdministrationDesk(RegistryDesk desk, RegistryService registry, RegistryAdministration administration, Users users) {
        this.desk = desk;
        this.registry = registry;
        this.administration = administration;
        this.users = users;
    }

    /** The account types an administrator opens for holders; government accounts are set up with the jurisdiction. */
    public static List<AccountType> openable() {
        return Arrays.stream(AccountType.values()).filter(t -> !t.isGovernment()).toList();
    }

    /** Whether the person may open accounts and keep representatives in {@code a}'s jurisdiction. */
    public boolean mayKeepRepresentatives(Permissions p, Account a) {
        return p.mayWrite() && p.administers(a.jurisdiction()) && !a.type().isGovernment() && a.status() != AccountStatus.CLOSED;
    }

    /**
     * Opens a holder's account. 403 NOT_AUTHORISED (recorded) unless the person administers the jurisdiction (an
     * unknown jurisdiction is one nobody administers); 400 VALIDATION_FAILED for an unknown or government type, a
     * missing or too long holder or code.
     */
    public Account openAccount(Permissions p, String jurisdiction, String typeText, String holder, String entityCode) {
        return openAccount(p, jurisdiction, typeText, holder, null, entityCode, null);
    }

    /**
     * Opens a holder's account under the client's command id (optional): the same id again answers with the account it
     * opened, nothing new opened (a double submit, a retry); the same id with other details is 409
     * DUPLICATE_ID_DIFFERENT_BODY.
     *
     * <p>Who holds it: a covered entity's, an exchange's or an auction delivery account's holder is an organisation
     * (naming it a person is 400 VALIDATION_FAILED). A trading account's holder is an {@code ORGANISATION} or a
     * {@code PERSON}; where the jurisdiction identifies holders (its entity code and person id schemes, data), the kind
     * and the identifier are required (400 VALIDATION_FAILED) and the identifier is checked by the kind's scheme (400
     * INVALID_ENTITY_CODE, saying why), and a holder has one open trading account there (409 ENTITY_HAS_ACCOUNT naming
     * it). A covered entity's code is checked the same way, one open covered-entity account per entity.
     */
    public Account openAccount(Permissions p, String jurisdiction, String typeText, String holder, String holderKindText, String entityCode,
                               String commandIdText) {
        String j = jurisdiction == null ? "" : jurisdiction.strip().toUpperCase(Locale.ROOT);
        if (!p.mayWrite() || j.isEmpty() || !p.administered().contains(j))
            throw desk.refuse(p, "OPEN account", j.isEmpty() ? "-" : j, "NOT_AUTHORISED", p.login() + " may not open accounts in " + (j.isEmpty() ? "that jurisdiction" : j))
                    .say(j.isEmpty() ? "detail.jurisdiction.required" : "detail.deny.openAccount", j);
        AccountType type;
        try {
            type = AccountType.valueOf(typeText == null ? "" : typeText.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest("VALIDATION_FAILED", "type is one of " + openable()).say("detail.account.type");
        }
        if (type.isGovernment()) throw Problem.badRequest("VALIDATION_FAILED", "government accounts are set up with the jurisdiction; type is one of " + openable())
                .say("detail.account.government");
        String h = holder == null ? "" : holder.strip();
        if (h.isEmpty() || h.length() > MAX_HOLDER) throw Problem.badRequest("VALIDATION_FAILED", "holder is 1 to " + MAX_HOLDER + " characters").say("detail.account.holder", MAX_HOLDER);
        HolderKind kind = holderKind(type, holderKindText);
        String code = entityCode == null || entityCode.isBlank() ? null : org.openets.web.FullWidth.toAscii(entityCode).strip();
        if (code != null && code.length() > MAX_ENTITY_CODE) throw Problem.badRequest("VALIDATION_FAILED", "entityCode has at most " + MAX_ENTITY_CODE + " characters")
                .say("detail.account.entityCodeLength", MAX_ENTITY_CODE);
        // a holder is identified the jurisdiction's way (data: its entity code and person id schemes)
        if (type == AccountType.COVERED_ENTITY_HOLDING) {
            var scheme = desk.readModel().entityCodeScheme(j);
            if (scheme.isPresent()) {
                if (code == null) throw Problem.badRequest("VALIDATION_FAILED", "a covered entity's account names its entity code (" + scheme.get() + ")").say("detail.entityCodeRequired");
                code = code.toUpperCase(Locale.ROOT);
                String c = code;
                scheme.get().reason(c).ifPresent(why -> { throw invalid(c, scheme.get().toString(), why, false); });
            }
        } else if (type == AccountType.TRADING_HOLDING) {
            // one holder is one identifier however it is typed (case, spaces): the one-account rule compares it so
            if (code != null) code = code.toUpperCase(Locale.ROOT).replaceAll("\\s+", "");
            var organisations = desk.readModel().entityCodeScheme(j);
            var persons = desk.readModel().personIdScheme(j);
            if (organisations.isPresent() || persons.isPresent()) {
                if (kind == null) throw Problem.badRequest("VALIDATION_FAILED", "a trading account says whether its holder is an ORGANISATION or a PERSON (holderKind)")
                        .say("detail.account.holderKindRequired");
                if (code == null) throw Problem.badRequest("VALIDATION_FAILED", "a trading account names its holder's identifier (entityCode): "
                        + (kind == HolderKind.PERSON ? persons.map(Object::toString).orElse("any") : organisations.map(Object::toString).orElse("any")))
                        .say(kind == HolderKind.PERSON ? "detail.account.personIdRequired" : "detail.entityCodeRequired");
            }
            if (code != null && kind == HolderKind.ORGANISATION && organisations.isPresent()) {
                code = code.toUpperCase(Locale.ROOT);
                String c = code;
                organisations.get().reason(c).ifPresent(why -> { throw invalid(c, organisations.get().toString(), why, false); });
            }
            if (code != null && kind == HolderKind.PERSON && persons.isPresent()) {
                code = code.toUpperCase(Locale.ROOT);
                String c = code;
                java.time.LocalDate today = java.time.LocalDate.now(desk.readModel().zone(j).orElse(java.time.ZoneOffset.UTC));
                persons.get().reason(c, today).ifPresent(why -> { throw invalid(c, persons.get().toString(), why, true); });
            }
        }
        String commandId = commandIdText == null || commandIdText.isBlank() ? null : RegistryDesk.commandId(commandIdText.strip()).value();
        try {
            return administration.openAccount(Jurisdiction.of(j), type, h, kind, code, p.actor(), commandId);
        } catch (org.openets.workflows.registry.spi.RegistryAdministration.CommandIdUsed e) {
            throw new Problem(org.springframework.http.HttpStatus.CONFLICT, "DUPLICATE_ID_DIFFERENT_BODY", e.getMessage()).say("detail.duplicateId", commandId);
        } catch (org.openets.workflows.registry.spi.RegistryAdministration.EntityHasAccount e) {
            throw new Problem(org.springframework.http.HttpStatus.CONFLICT, "ENTITY_HAS_ACCOUNT", e.getMessage()).with("account", e.account())
                    .say(e.type() == AccountType.TRADING_HOLDING ? "detail.account.holderHasTradingAccount" : "detail.account.entityHasAccount", e.entityCode(), e.account());
        }
    }

    /**
     * 400 INVALID_ENTITY_CODE for an identifier its scheme refuses: the English detail as the scheme says it, the page's
     * message naming the kind of number (a unified social credit code, a citizen identification number) and what is wrong.
     */
    static Problem invalid(String code, String scheme, org.openets.kernel.IdentifierProblem why, boolean person) {
        String d = "entityCode " + code + " is not a valid " + scheme + ": " + why.text();
        List<String> v = why.values();
        return switch (why.kind()) {
            case LENGTH -> Problem.badRequest("INVALID_ENTITY_CODE", d).say(person ? "detail.personId.length" : "detail.entityCode.length", code, v.get(0), v.get(1));
            case CHARACTER -> Problem.badRequest("INVALID_ENTITY_CODE", d).say(person ? "detail.personId.character" : "detail.entityCode.character", code, v.get(0), v.get(1));
            case ADDRESS -> Problem.badRequest("INVALID_ENTITY_CODE", d).say("detail.personId.address", code);
            case BIRTH_DATE -> Problem.badRequest("INVALID_ENTITY_CODE", d).say("detail.personId.birthDate", code, v.get(0));
            case BIRTH_DATE_RANGE -> Problem.badRequest("INVALID_ENTITY_CODE", d).say("detail.personId.birthDateRange", code, v.get(0));
            case CHECK -> Problem.badRequest("INVALID_ENTITY_CODE", d).say(person ? "detail.personId.check" : "detail.entityCode.check", code, v.get(0), v.get(1));
        };
    }

    /** The kind of holder named (blank: the type's own, unknown for a trading account); 400 for anything else, or a person on an organisation's type. */
    static HolderKind holderKind(AccountType type, String text) {
        String t = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        HolderKind implied = org.openets.workflows.registry.spi.RegistryAdministration.impliedKind(type);
        if (t.isEmpty()) return implied;
        HolderKind kind;
        try {
            kind = HolderKind.valueOf(t);
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest("VALIDATION_FAILED", "holderKind is ORGANISATION or PERSON").say("detail.account.holderKind");
        }
        if (implied != null && kind != implied)
            throw Problem.badRequest("VALIDATION_FAILED", "the holder of " + type.withArticle() + " account is an organisation").say("detail.account.holderKindOrganisation");
        return kind;
    }

    /** The account's representatives, for whoever may read the account. */
    public List<RepresentativeView> representatives(Permissions p, String ref) {
        return desk.readModel().representatives(desk.account(p, ref).id());
    }

    /**
     * Grants a role. 403 NOT_AUTHORISED (recorded) unless the person administers the account's jurisdiction; 400
     * VALIDATION_FAILED for an unknown role; 409 STATUS_CHANGE_NOT_ALLOWED for a government or closed account; 422
     * UNKNOWN_USER unless the login is a person who may sign in; 403 NOT_AUTHORISED (recorded) for a grant to oneself;
     * 409 ROLE_CONFLICT for a registry administrator (who would then approve as administrator what they initiate as
     * holder); 409 ALREADY_GRANTED.
     */
    public void grant(Permissions p, String ref, String login, String roleText) {
        Account a = administered(p, ref, "GRANT role");
        Role role = role(roleText);
        representable(a);
        SignedInUser u = person(login);
        if (u.login().equals(p.login()))
            throw desk.refuse(p, "GRANT role", a.number(), "NOT_AUTHORISED", "nobody grants themselves a role on an account").say("detail.deny.grantSelf");
        if (!desk.readModel().administeredJurisdictions(ActorId.of(u.login())).isEmpty())
            throw new Problem(HttpStatus.CONFLICT, "ROLE_CONFLICT", u.login() + " administers the registry and may not also represent an account holder")
                    .say("detail.role.conflict", u.login());
        if (!administration.grantRole(a.id(), ActorId.of(u.login()), role, p.actor()))
            throw new Problem(HttpStatus.CONFLICT, "ALREADY_GRANTED", u.login() + " is " + role + " of " + a.number() + " already")
                    .say("detail.role.granted." + role.name(), u.login(), a.number());
    }

    /** Revokes a role: the same refusals as {@link #grant}, and 404 NOT_A_REPRESENTATIVE when the person does not hold it. */
    public void revoke(Permissions p, String ref, String login, String roleText) {
        Account a = administered(p, ref, "REVOKE role");
        Role role = role(roleText);
        representable(a);
        String l = login == null ? "" : login.strip();
        if (l.isEmpty() || l.length() > 64 || !administration.revokeRole(a.id(), ActorId.of(l), role, p.actor()))
            throw Problem.notFound("NOT_A_REPRESENTATIVE", l + " is not " + role + " of " + a.number()).say("detail.role.notHeld." + role.name(), l, a.number());
    }

    /** The account, if the person administers its jurisdiction (else 403, recorded as {@code action}). */
    private Account administered(Permissions p, String ref, String action) {
        Account a = desk.account(p, ref, action);
        if (!p.mayWrite() || !p.administers(a.jurisdiction()))
            throw desk.refuse(p, action, a.number(), "NOT_AUTHORISED", p.login() + " may not change the representatives of " + a.number())
                    .say("detail.deny.representatives", a.number());
        return a;
    }

    private static void representable(Account a) {
        if (a.type().isGovernment())
            throw new Problem(HttpStatus.CONFLICT, "STATUS_CHANGE_NOT_ALLOWED", "government accounts are acted on by the jurisdiction's administrators, not by representatives")
                    .say("detail.account.governmentRepresentatives");
        if (a.status() == AccountStatus.CLOSED)
            throw new Problem(HttpStatus.CONFLICT, "STATUS_CHANGE_NOT_ALLOWED", "account " + a.number() + " is closed").say("detail.account.closed", a.number());
    }

    private SignedInUser person(String login) {
        String l = login == null ? "" : login.strip();
        if (l.isEmpty()) throw Problem.badRequest("VALIDATION_FAILED", "login is required").say("detail.login.required");
        SignedInUser u = users.find(l).orElseThrow(() -> Problem.unprocessable("UNKNOWN_USER", "no person signs in as " + l).say("detail.login.unknown", l));
        if (u.kind() != SignedInUser.Kind.PERSON || !u.isEnabled())
            throw Problem.unprocessable("UNKNOWN_USER", l + " is not a person who may act for an account (auditors, verifiers and disabled users are not)")
                    .say("detail.login.notPerson", l);
        return u;
    }

    private static Role role(String text) {
        try {
            return Role.valueOf(text == null ? "" : text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest("VALIDATION_FAILED", "role is one of " + Arrays.toString(Role.values())).say("detail.role.choose");
        }
    }

    /** Whether the person may change the account's status: an administrator of its jurisdiction, not for government accounts. */
    public boolean mayChangeStatus(Permissions p, Account a) {
        return p.mayWrite() && p.administers(a.jurisdiction()) && !a.type().isGovernment();
    }

    /** Whether the person may add to (and remove from) the account's trusted list: its initiators, or an administrator of its jurisdiction. */
    public boolean mayKeepTrustedList(Permissions p, Account a) {
        // a suspended account's own people do not change its controls while it is suspended; its administrators may
        return p.mayWrite() && !a.type().isGovernment() && a.status() != AccountStatus.CLOSED
                && ((p.roles(a.id()).contains(Role.INITIATOR) && a.status() != AccountStatus.SUSPENDED) || p.administers(a.jurisdiction()));
    }

    /** The account's status changes, newest first, for whoever may read the account. */
    public List<StatusChangeView> statusHistory(Permissions p, String ref) {
        return desk.readModel().statusHistory(desk.account(p, ref).id());
    }

    /** The account's trusted list, for whoever may read the account. */
    public List<TrustedView> trustedList(Permissions p, String ref) {
        return asSeen(p, desk.readModel().trustedAccounts(desk.account(p, ref).id()));
    }

    /** The trusted account's holder as the person may see it ({@link Permissions#holderAsSeen}): a natural person's name only to who may read that account. */
    public String holderAsSeen(Permissions p, long accountId, String holder) {
        // not Optional.map: a withheld name is null, which map would turn into "no account" and so into the name
        java.util.Optional<Account> a = desk.readModel().account(accountId);
        return a.isPresent() ? p.holderAsSeen(a.get()) : holder;
    }

    /** A trusted list as the person may see it. */
    public List<TrustedView> asSeen(Permissions p, List<TrustedView> list) {
        return list.stream().map(t -> t.withHolder(holderAsSeen(p, t.trustedAccountId(), t.trustedHolder()))).toList();
    }

    /** Removals from a trusted list as the person may see them. */
    public List<TrustedRemovalView> removalsAsSeen(Permissions p, List<TrustedRemovalView> list) {
        return list.stream().map(t -> t.withHolder(holderAsSeen(p, t.trustedAccountId(), t.trustedHolder()))).toList();
    }

    /**
     * Changes the status. 400 VALIDATION_FAILED for an unknown status or a missing reason; 403 NOT_AUTHORISED
     * (recorded) for anyone but the jurisdiction's administrators; 409 STATUS_UNCHANGED when it already has it;
     * 409 STATUS_CHANGE_NOT_ALLOWED for a government or closed account; 409 ACCOUNT_NOT_EMPTY when closing an account
     * that still holds units.
     */
    public Account changeStatus(Permissions p, String ref, String statusText, String reason) {
        Account a = desk.account(p, ref, "CHANGE_STATUS account");
        String action = "CHANGE_STATUS account";
        authoriseStatusChange(p, a);
        AccountStatus status = status(statusText);
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) throw Problem.badRequest("VALIDATION_FAILED", "a status change states its reason").say("detail.status.reason");
        if (why.length() > MAX_REASON) throw Problem.badRequest("VALIDATION_FAILED", "the reason has at most " + MAX_REASON + " characters").say("detail.reasonLength", MAX_REASON);
        if (a.type().isGovernment())
            throw new Problem(HttpStatus.CONFLICT, "STATUS_CHANGE_NOT_ALLOWED", "government accounts keep their status; " + a.number() + " is " + a.type().withArticle() + " account")
                    .say("detail.status.government", a.number());
        if (a.status() == AccountStatus.CLOSED)
            throw new Problem(HttpStatus.CONFLICT, "STATUS_CHANGE_NOT_ALLOWED", "account " + a.number() + " is closed; a closed account is never reopened")
                    .say("detail.status.closed", a.number());
        if (a.status() == status)
            throw new Problem(HttpStatus.CONFLICT, "STATUS_UNCHANGED", "account " + a.number() + " is already " + status).say("detail.status.unchanged." + status.name(), a.number());
        if (status == AccountStatus.CLOSED) {
            long held = desk.readModel().holdings(a.id()).stream().mapToLong(HoldingView::quantity).sum();
            if (held > 0) throw new Problem(HttpStatus.CONFLICT, "ACCOUNT_NOT_EMPTY", "account " + a.number() + " still holds " + held + " t; move them before closing it")
                    .say("detail.status.notEmpty", a.number(), held);
        }
        // checked again under the row lock (and the ledger's lock when closing): another change or a transfer in between wins
        switch (administration.changeStatus(a.id(), a.status(), status, why, p.actor())) {
            case STALE -> throw new Problem(HttpStatus.CONFLICT, "CONCURRENT_CHANGE", "account " + a.number() + " changed meanwhile; look at it again")
                    .say("detail.status.concurrent", a.number());
            case NOT_EMPTY -> throw new Problem(HttpStatus.CONFLICT, "ACCOUNT_NOT_EMPTY", "account " + a.number() + " received units meanwhile; move them before closing it")
                    .say("detail.status.receivedMeanwhile", a.number());
            case CHANGED -> { }
        }
        return desk.readModel().account(a.id()).orElseThrow();
    }

    /**
     * Adds an account to the trusted list: where the account type's controls ask for 4-eyes the addition is pending (not
     * trusted) until a different person approves it ({@link #approveTrusted}), and its activation delay counts from the
     * approval; otherwise it is on the list at once, active after the jurisdiction's activation delay. 403
     * NOT_AUTHORISED (recorded) for anyone but the account's initiators and the jurisdiction's administrators; 422
     * UNKNOWN_ACCOUNT, SAME_ACCOUNT; 409 ALREADY_TRUSTED (adding it again would not move its activation); 409
     * TRUSTED_ADDITION_PENDING when an addition of it awaits approval already.
     */
    public TrustedAddition.Added trust(Permissions p, String ref, String trustedRef) {
        Account a = desk.account(p, ref, "TRUST account");
        if (!mayKeepTrustedList(p, a))
            throw desk.refuse(p, "TRUST account", a.number(), "NOT_AUTHORISED", p.login() + " may not change the trusted list of account " + a.number())
                    .say("detail.deny.trustedList", a.number());
        if (trustedRef == null || trustedRef.isBlank()) throw Problem.badRequest("VALIDATION_FAILED", "name the account to trust").say("detail.trust.required");
        Account trusted = desk.find(trustedRef).orElseThrow(() -> Problem.unprocessable("UNKNOWN_ACCOUNT", "no account " + trustedRef.strip()).say("detail.unknownAccount", trustedRef.strip()));
        if (trusted.id() == a.id()) throw Problem.unprocessable("SAME_ACCOUNT", "an account does not trust itself").say("detail.trustSelf");
        // a holder transfers only to holders (ROUTE_NOT_ALLOWED): a registry account on its list would be a name with no use
        if (!a.type().isGovernment() && trusted.type().isGovernment())
            throw Problem.unprocessable("ROUTE_NOT_ALLOWED", trusted.number() + " is " + trusted.type().withArticle() + " account: a holder transfers only to holders' accounts")
                    .say("detail.trustRegistryAccount", trusted.number());
        if (trusted.status() == AccountStatus.CLOSED) throw new Problem(HttpStatus.CONFLICT, "ACCOUNT_CLOSED", trusted.number() + " is closed")
                .say("detail.account.closed", trusted.number());
        if (desk.readModel().trustedAccounts(a.id()).stream().anyMatch(t -> t.trustedAccountId() == trusted.id()))
            throw new Problem(HttpStatus.CONFLICT, "ALREADY_TRUSTED", trusted.number() + " is already on the trusted list of " + a.number())
                    .say("detail.trust.already", trusted.number(), a.number());
        if (desk.readModel().pendingTrusted(a.id()).stream().anyMatch(t -> t.trustedAccountId() == trusted.id()))
            throw new Problem(HttpStatus.CONFLICT, "TRUSTED_ADDITION_PENDING", "the addition of " + trusted.number() + " to the trusted list of " + a.number() + " awaits approval already")
                    .say("detail.trust.pending", trusted.number(), a.number());
        return registry.addTrusted(a.id(), trusted.id(), p.actor());
    }

    /** The additions to the account's trusted list awaiting approval, for whoever may read the account. */
    public List<PendingTrustedView> pendingTrusted(Permissions p, String ref) {
        Account a = desk.account(p, ref);
        return a.type().isGovernment() ? List.of() : desk.readModel().pendingTrusted(a.id()).stream()
                .map(x -> x.withHolder(holderAsSeen(p, x.trustedAccountId(), x.trustedHolder()))).toList();
    }

    /**
     * Whether the person could approve (or decline) additions to the account's trusted list, whoever proposed them: a
     * representative with the approver role (while the account is not suspended), or an administrator of its
     * jurisdiction where the account type's controls let administrators approve holders' work (administrators_approve_holders).
     */
    public boolean mayApproveTrusted(Permissions p, Account a) {
        if (!p.mayWrite() || a.type().isGovernment() || a.status() == AccountStatus.CLOSED) return false;
        if (p.roles(a.id()).contains(Role.APPROVER) && a.status() != AccountStatus.SUSPENDED) return true;
        return p.administers(a.jurisdiction()) && desk.readModel().administratorsApproveHolders(a);
    }

    /** A pending addition as a page shows it to the person: Approve and Decline for who may decide it, Withdraw for its proposer. */
    public record PendingTrustedRow(PendingTrustedView addition, boolean mayDecide, boolean mayWithdraw) {}

    /** The rows of these pending additions for the person. */
    public List<PendingTrustedRow> rows(Permissions p, List<PendingTrustedView> additions) {
        java.util.Map<Long, Boolean> decides = new java.util.HashMap<>();
        return additions.stream().map(x -> {
            boolean own = x.proposedBy().equals(p.actor().value());
            boolean may = !own && decides.computeIfAbsent(x.accountId(), id -> desk.readModel().account(id).map(a -> mayApproveTrusted(p, a)).orElse(false));
            return new PendingTrustedRow(x.withHolder(holderAsSeen(p, x.trustedAccountId(), x.trustedHolder())), may, own && p.mayWrite());
        }).toList();
    }

    /** The pending additions awaiting the person's decision, and the person's own, for the approval inbox. */
    public List<PendingTrustedRow> pendingTrustedInbox(Permissions p) {
        return rows(p, desk.readModel().pendingTrustedFor(p.actor().value())).stream().filter(r -> r.mayDecide() || r.mayWithdraw()).toList();
    }

    private static final String APPROVE_TRUST = "APPROVE trusted addition", DECLINE_TRUST = "DECLINE trusted addition", WITHDRAW_TRUST = "WITHDRAW trusted addition";

    /**
     * Authority before input: 403 NOT_AUTHORISED (recorded) for someone who may not change the account's status, before
     * a page reads its form (the confirmation, the status, the reason).
     */
    public void authoriseStatusChange(Permissions p, Account a) {
        if (!p.mayWrite() || !p.administers(a.jurisdiction()))
            throw desk.refuse(p, "CHANGE_STATUS account", a.number(), "NOT_AUTHORISED", p.login() + " may not change the status of account " + a.number())
                    .say("detail.deny.status", a.number());
    }

    /**
     * The same for approving additions to the account's trusted list: whoever could approve one, or the proposer of a
     * pending one (who is then told they may not approve their own).
     */
    public void authoriseTrustApproval(Permissions p, Account a) {
        if (!mayApproveTrusted(p, a) && !desk.readModel().pendingTrusted(a.id()).stream().anyMatch(x -> x.proposedBy().equals(p.actor().value())))
            throw desk.refuse(p, APPROVE_TRUST, a.number(), "NOT_AUTHORISED", p.login() + " may not approve additions to the trusted list of account " + a.number())
                    .say("detail.deny.trustApproval", a.number());
    }

    /** The pending addition of {@code trustedRef} to the account's list: 404 TRUSTED_ADDITION_NOT_FOUND (also when decided or lapsed). */
    private PendingTrustedView pending(Account a, String trustedRef) {
        String t = trustedRef == null ? "" : org.openets.web.FullWidth.toAscii(trustedRef.strip());
        String shown = t.length() > 64 ? t.substring(0, 64) + "…" : t;
        return desk.readModel().pendingTrusted(a.id()).stream().filter(e -> e.trustedNumber().equalsIgnoreCase(t)).findFirst()
                .orElseThrow(() -> Problem.notFound("TRUSTED_ADDITION_NOT_FOUND", "no addition of " + shown + " to the trusted list of " + a.number() + " awaits approval")
                        .say("detail.trust.noPending", shown, a.number()));
    }

    /** Who may decide a pending addition: not its proposer (403 SELF_APPROVAL, recorded), and only as {@link #mayApproveTrusted} (403 NOT_AUTHORISED, recorded). */
    private void decides(Permissions p, Account a, PendingTrustedView x, String action) {
        if (x.proposedBy().equals(p.actor().value()))
            throw desk.refuse(p, action, a.number(), "SELF_APPROVAL", "nobody decides their own addition to a trusted list: a second representative with the approver role does")
                    .say("detail.trust.self");
        if (!mayApproveTrusted(p, a))
            throw desk.refuse(p, action, a.number(), "NOT_AUTHORISED", p.login() + " may not approve additions to the trusted list of account " + a.number())
                    .say("detail.deny.trustApproval", a.number());
    }

    /**
     * Approves a pending addition: the entry goes on the list, active after the activation delay counted from now. 403
     * NOT_AUTHORISED (recorded) for anyone who may not approve ({@link #mayApproveTrusted}: a read-only representative,
     * an initiator only, another holder's people, who cannot see the account at all); 404 TRUSTED_ADDITION_NOT_FOUND
     * when none is pending; 403 SELF_APPROVAL (recorded) for its proposer, whatever roles they hold.
     */
    public TrustedAccount approveTrusted(Permissions p, String ref, String trustedRef) {
        Account a = desk.account(p, ref, APPROVE_TRUST);
        authoriseTrustApproval(p, a);
        PendingTrustedView x = pending(a, trustedRef);
        decides(p, a, x, APPROVE_TRUST);
        return registry.approveTrusted(a.id(), x.trustedAccountId(), p.actor())
                .orElseThrow(() -> Problem.notFound("TRUSTED_ADDITION_NOT_FOUND", "no addition of " + x.trustedNumber() + " to the trusted list of " + a.number() + " awaits approval")
                        .say("detail.trust.noPending", x.trustedNumber(), a.number()));
    }

    /**
     * Declines a pending addition, saying why (400 VALIDATION_FAILED without a reason or with one too long); who may
     * as for {@link #approveTrusted}.
     */
    public PendingTrustedView declineTrusted(Permissions p, String ref, String trustedRef, String reason) {
        Account a = desk.account(p, ref, DECLINE_TRUST);
        if (!mayApproveTrusted(p, a) && !desk.readModel().pendingTrusted(a.id()).stream().anyMatch(x -> x.proposedBy().equals(p.actor().value())))
            throw desk.refuse(p, DECLINE_TRUST, a.number(), "NOT_AUTHORISED", p.login() + " may not approve additions to the trusted list of account " + a.number())
                    .say("detail.deny.trustApproval", a.number());
        PendingTrustedView x = pending(a, trustedRef);
        decides(p, a, x, DECLINE_TRUST);
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) throw Problem.badRequest("VALIDATION_FAILED", "a decline says why").say("detail.trust.declineReason");
        if (why.length() > MAX_REASON) throw Problem.badRequest("VALIDATION_FAILED", "the reason has at most " + MAX_REASON + " characters").say("detail.reasonLength", MAX_REASON);
        if (!registry.endTrusted(a.id(), x.trustedAccountId(), TrustedAddition.End.DECLINED, p.actor(), why))
            throw Problem.notFound("TRUSTED_ADDITION_NOT_FOUND", "no addition of " + x.trustedNumber() + " to the trusted list of " + a.number() + " awaits approval")
                    .say("detail.trust.noPending", x.trustedNumber(), a.number());
        return x;
    }

    /**
     * Withdraws a pending addition: its proposer only (403 NOT_AUTHORISED, recorded, for anyone else); the reason is
     * optional. 404 TRUSTED_ADDITION_NOT_FOUND when none is pending.
     */
    public PendingTrustedView withdrawTrusted(Permissions p, String ref, String trustedRef, String reason) {
        Account a = desk.account(p, ref, WITHDRAW_TRUST);
        PendingTrustedView x = pending(a, trustedRef);
        if (!p.mayWrite() || !x.proposedBy().equals(p.actor().value()))
            throw desk.refuse(p, WITHDRAW_TRUST, a.number(), "NOT_AUTHORISED", "only its proposer withdraws an addition to the trusted list of account " + a.number())
                    .say("detail.deny.trustWithdraw", a.number());
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why != null && why.length() > MAX_REASON) throw Problem.badRequest("VALIDATION_FAILED", "the reason has at most " + MAX_REASON + " characters").say("detail.reasonLength", MAX_REASON);
        if (!registry.endTrusted(a.id(), x.trustedAccountId(), TrustedAddition.End.WITHDRAWN, p.actor(), why))
            throw Problem.notFound("TRUSTED_ADDITION_NOT_FOUND", "no addition of " + x.trustedNumber() + " to the trusted list of " + a.number() + " awaits approval")
                    .say("detail.trust.noPending", x.trustedNumber(), a.number());
        return x;
    }

    /** The entries removed from the account's trusted list, newest first, for whoever may read the account. */
    public List<TrustedRemovalView> trustedRemovals(Permissions p, String ref) {
        return removalsAsSeen(p, desk.readModel().trustedRemovals(desk.account(p, ref).id()));
    }

    /**
     * Removes an account from the trusted list, with immediate effect: the next transfer to it is one to an untrusted
     * account (transfers already delayed keep their time). Whoever may add may remove; anyone else 403 NOT_AUTHORISED
     * (recorded as UNTRUST account); 404 NOT_TRUSTED when it is not on the list (also an account that does not exist),
     * nothing written. The entry as it was is kept in the list's removal history with who removed it. A page asks the
     * person to confirm ({@code confirmed}; 400 VALIDATION_FAILED without it, after the authority is checked).
     */
    public Account untrust(Permissions p, String ref, String trustedRef, boolean confirmed) {
        Account a = desk.account(p, ref, "UNTRUST account");
        if (!mayKeepTrustedList(p, a))
            throw desk.refuse(p, "UNTRUST account", a.number(), "NOT_AUTHORISED", p.login() + " may not change the trusted list of account " + a.number())
                    .say("detail.deny.trustedList", a.number());
        if (!confirmed) throw Problem.badRequest("VALIDATION_FAILED", "confirm the removal from the trusted list").say("detail.confirm.untrust");
        String t = trustedRef == null ? "" : trustedRef.strip();
        String shown = t.length() > 64 ? t.substring(0, 64) + "…" : t;
        // the entry is looked for only on this account's list, by the account number as listed there: whatever else is
        // typed (an internal id, another account's number) is answered as typed, and says nothing of other accounts
        java.util.Optional<Account> trusted = desk.readModel().trustedAccounts(a.id()).stream()
                .filter(e -> e.trustedNumber().equalsIgnoreCase(org.openets.web.FullWidth.toAscii(t)))
                .findFirst().flatMap(e -> desk.readModel().account(e.trustedAccountId()));
        if (trusted.isEmpty() || !administration.removeTrusted(a.id(), trusted.get().id(), p.actor()))
            throw Problem.notFound("NOT_TRUSTED", shown + " is not on the trusted list of " + a.number()).say("detail.trust.notListed", shown, a.number());
        return trusted.get();
    }

    private static AccountStatus status(String text) {
        if (text == null || text.isBlank()) throw Problem.badRequest("VALIDATION_FAILED", "status is required").say("detail.status.required");
        try {
            return AccountStatus.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest("VALIDATION_FAILED", "status is one of " + Arrays.toString(AccountStatus.values())).say("detail.status.choose");
        }
    }
}
