package org.openets.web.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.openets.registry.TrustedAccount;
import org.openets.registry.TrustedAddition;
import org.openets.web.Problem;
import org.openets.web.api.ApiViews.AccountJson;
import org.openets.web.desk.AccountAdministrationDesk;
import org.openets.web.desk.RegistryDesk;
import org.openets.web.security.Access;
import org.openets.web.security.Permissions;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;
import java.util.List;

@RestController
@RequestMapping("/api/v1/accounts")
@Tag(name = "Account administration", description = "Opening accounts and keeping their representatives (administrators), an account's status (administrators) and its trusted account list, additions and removals (its initiators, administrators)")
public class AccountAdministrationApi {
    private final AccountAdministrationDesk desk;
    private final RegistryDesk registry;
    private final Access access;

    public AccountAdministrationApi(AccountAdministrationDesk desk, RegistryDesk registry, Access access) {
        this.desk = desk;
        this.registry = registry;
        this.access = access;
    }

    public record StatusRequest(String status, String reason) {}

    public record StatusChangeJson(String status, String reason, String changedBy, Instant changedAt) {}

    public record TrustRequest(String account) {}

    /**
     * An entry of the trusted list, or an addition awaiting approval (4-eyes): status ACTIVE, NOT_ACTIVE_YET (on the
     * list, active from activatesAt) or AWAITING_APPROVAL (not on the list: no activatesAt; proposedBy, expiresAt when
     * it lapses).
     */
    public record TrustedJson(String account, String holder, Instant activatesAt, boolean active, String status, String proposedBy, Instant expiresAt) {
        static TrustedJson entry(String account, String holder, Instant activatesAt, Instant now) {
            boolean active = !activatesAt.isAfter(now);
            return new TrustedJson(account, holder, activatesAt, active, active ? "ACTIVE" : "NOT_ACTIVE_YET", null, null);
        }

        static TrustedJson pending(org.openets.workflows.registry.RegistryViews.PendingTrustedView x) {
            return new TrustedJson(x.trustedNumber(), x.trustedHolder(), null, false, "AWAITING_APPROVAL", x.proposedBy(), x.expiresAt());
        }
    }

    @io.swagger.v3.oas.annotations.media.Schema(name = "AccountAdministrationReasonRequest")

    public record ReasonRequest(String reason) {}

    public record TrustedRemovalJson(String account, String holder, Instant activatesAt, String addedBy, Instant removedAt, String removedBy) {}

    /** {@code commandId} (optional, 1-80 characters of A-Z a-z 0-9 . _ : -): sent again, it answers with the account it opened. */
    public record OpenAccountRequest(String jurisdiction, String type, String holder, String holderKind, String entityCode, String commandId) {}

    public record RepresentativeRequest(String login, String role) {}

    public record RepresentativeJson(String login, String displayName, String role) {}

    public record RepresentativeChangeJson(String login, String role, String change, String by, Instant at) {}

    @PostMapping
    @Operation(summary = "Open a holder's account (covered entity, trading, exchange clearing, auction delivery) in a jurisdiction you administer")
    public ResponseEntity<AccountJson> open(@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true) @RequestBody(required = false) OpenAccountRequest request) {
        if (request == null) throw Problem.badRequest("VALIDATION_FAILED", "send {\"jurisdiction\": ..., \"type\": ..., \"holder\": ...}")
                .say("detail.jsonFields", "jurisdiction, type, holder");
        Permissions p = access.current();
        var a = desk.openAccount(p, request.jurisdiction(), request.type(), request.holder(), request.holderKind(), request.entityCode(),
                request.commandId());
        return ResponseEntity.created(URI.create("/api/v1/accounts/" + a.number())).body(AccountJson.of(a, p));
    }

    @GetMapping("/{account}/representatives")
    @Operation(summary = "The account's representatives and their roles (INITIATOR, APPROVER, READ_ONLY)")
    public List<RepresentativeJson> representatives(@PathVariable String account) {
        return desk.representatives(access.current(), account).stream().map(r -> new RepresentativeJson(r.actor(), r.displayName(), r.role())).toList();
    }

    @GetMapping("/{account}/representative-changes")
    @Operation(summary = "Roles granted and revoked on the account through the registry, newest first, with who did it")
    public List<RepresentativeChangeJson> representativeChanges(@PathVariable String account) {
        var a = registry.account(access.current(), account);
        return registry.readModel().representativeChanges(a.id()).stream().map(c -> new RepresentativeChangeJson(c.actor(), c.role(), c.change(), c.by(), c.at())).toList();
    }

    @PostMapping("/{account}/representatives")
    @Operation(summary = "Grant a person a role on the account; administrators of its jurisdiction only")
    public ResponseEntity<List<RepresentativeJson>> grant(@PathVariable String account, @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true) @RequestBody(required = false) RepresentativeRequest request) {
        if (request == null) throw Problem.badRequest("VALIDATION_FAILED", "send {\"login\": ..., \"role\": ...}").say("detail.jsonFields", "login, role");
        Permissions p = access.current();
        desk.grant(p, account, request.login(), request.role());
        return ResponseEntity.status(201).body(representatives(account));
    }

    @DeleteMapping("/{account}/representatives/{login}/{role}")
    @Operation(summary = "Revoke a person's role on the account; administrators of its jurisdiction only")
    public ResponseEntity<Void> revoke(@PathVariable String account, @PathVariable String login, @PathVariable String role) {
        desk.revoke(access.current(), account, login, role);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{account}/status-history")
    @Operation(summary = "Every status change of the account, newest first: status, reason, who (null: the platform itself) and when")
    public List<StatusChangeJson> statusHistory(@PathVariable String account) {
        return desk.statusHistory(access.current(), account).stream().map(c -> new StatusChangeJson(c.status(), c.reason(), c.actor(), c.at())).toList();
    }

    @PostMapping("/{account}/status")
    @Operation(summary = "Change the account's status (OPEN, RESTRICTED, SUSPENDED, BLOCKED_NON_COMPLIANCE, CLOSED) with a reason; administrators of its jurisdiction only")
    public AccountJson changeStatus(@PathVariable String account, @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true) @RequestBody(required = false) StatusRequest request) {
        if (request == null) throw Problem.badRequest("VALIDATION_FAILED", "send {\"status\": ..., \"reason\": ...}").say("detail.jsonFields", "status, reason");
        Permissions p = access.current();
        return AccountJson.of(desk.changeStatus(p, account, request.status(), request.reason()), p);
    }

    @GetMapping("/{account}/trusted")
    @Operation(summary = "The account's trusted account list; an entry is active from activatesAt. Additions awaiting a second person's approval (4-eyes) follow, "
            + "status AWAITING_APPROVAL: they are not on the list (a transfer to them is one to an account not on it)")
    public List<TrustedJson> trusted(@PathVariable String account) {
        Instant now = Instant.now();
        Permissions p = access.current();
        List<TrustedJson> out = new java.util.ArrayList<>(desk.trustedList(p, account).stream()
                .map(t -> TrustedJson.entry(t.trustedNumber(), t.trustedHolder(), t.activatesAt(), now)).toList());
        desk.pendingTrusted(p, account).forEach(x -> out.add(TrustedJson.pending(x)));
        return out;
    }

    @PostMapping("/{account}/trusted")
    @Operation(summary = "Add an account to the trusted list: 201 with the entry, active after the jurisdiction's activation delay (business hours); where the "
            + "account type's controls ask for 4-eyes, 202 with the addition AWAITING_APPROVAL by a second person (its delay counts from the approval). "
            + "409 ALREADY_TRUSTED, 409 TRUSTED_ADDITION_PENDING")
    public ResponseEntity<TrustedJson> trust(@PathVariable String account, @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true) @RequestBody(required = false) TrustRequest request) {
        if (request == null) throw Problem.badRequest("VALIDATION_FAILED", "send {\"account\": ...}").say("detail.jsonFields", "account");
        Permissions p = access.current();
        TrustedAddition.Added added = desk.trust(p, account, request.account());
        long ownerId = added.isPending() ? added.pending().accountId() : added.entry().accountId();
        long trustedId = added.isPending() ? added.pending().trustedAccountId() : added.entry().trustedAccountId();
        var trusted = registry.readModel().account(trustedId).orElseThrow();
        var owner = registry.readModel().account(ownerId).orElseThrow();
        URI where = URI.create("/api/v1/accounts/" + owner.number() + "/trusted");
        if (added.isPending())
            return ResponseEntity.accepted().location(where).body(new TrustedJson(trusted.number(), p.holderAsSeen(trusted), null, false, "AWAITING_APPROVAL",
                    added.pending().proposedBy().value(), added.pending().expiresAt()));
        return ResponseEntity.created(where).body(TrustedJson.entry(trusted.number(), p.holderAsSeen(trusted), added.entry().activatesAt(), Instant.now()));
    }

    @PostMapping("/{account}/trusted/{trusted}/approve")
    @Operation(summary = "Approve an addition awaiting approval: the entry goes on the list, active after the activation delay counted from now. A representative "
            + "of the account with the approver role other than its proposer (403 SELF_APPROVAL), or an administrator of its jurisdiction where the controls let "
            + "administrators approve holders' work; 403 NOT_AUTHORISED for anyone else, 404 TRUSTED_ADDITION_NOT_FOUND when none awaits approval (decided, lapsed)")
    public TrustedJson approveTrusted(@PathVariable String account, @PathVariable String trusted) {
        Permissions p = access.current();
        TrustedAccount t = desk.approveTrusted(p, account, trusted);
        var a = registry.readModel().account(t.trustedAccountId()).orElseThrow();
        return TrustedJson.entry(a.number(), p.holderAsSeen(a), t.activatesAt(), Instant.now());
    }

    @PostMapping("/{account}/trusted/{trusted}/decline")
    @Operation(summary = "Decline an addition awaiting approval, saying why ({\"reason\": ...}); who may as for approve. It is not added")
    public ResponseEntity<Void> declineTrusted(@PathVariable String account, @PathVariable String trusted, @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true) @RequestBody(required = false) ReasonRequest body) {
        desk.declineTrusted(access.current(), account, trusted, body == null ? null : body.reason());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{account}/trusted/{trusted}/withdraw")
    @Operation(summary = "Withdraw an addition awaiting approval (its proposer only; a reason is optional). It is not added",
            description = "The body ({\"reason\": ...}) is optional: without one, the addition is withdrawn without a reason")
    public ResponseEntity<Void> withdrawTrusted(@PathVariable String account, @PathVariable String trusted, @RequestBody(required = false) ReasonRequest body) {
        desk.withdrawTrusted(access.current(), account, trusted, body == null ? null : body.reason());
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{account}/trusted/{trusted}")
    @Operation(summary = "Remove an account from the trusted list, with immediate effect (transfers already delayed keep their time); the account's initiators, administrators of its jurisdiction")
    public ResponseEntity<Void> untrust(@PathVariable String account, @PathVariable String trusted) {
        desk.untrust(access.current(), account, trusted, true);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{account}/trusted-removals")
    @Operation(summary = "Entries removed from the account's trusted list, newest first: the entry as it was (addedBy, activatesAt), removedBy (null: by hand in the database) and removedAt")
    public List<TrustedRemovalJson> trustedRemovals(@PathVariable String account) {
        return desk.trustedRemovals(access.current(), account).stream()
                .map(r -> new TrustedRemovalJson(r.trustedNumber(), r.trustedHolder(), r.activatesAt(), r.addedBy(), r.removedAt(), r.removedBy())).toList();
    }
}
