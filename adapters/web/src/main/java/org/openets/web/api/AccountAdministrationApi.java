package org.openets.web.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.openets.registry.TrustedAccount;
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

    public record TrustedJson(String account, String holder, Instant activatesAt, boolean active) {}

    public record TrustedRemovalJson(String account, String holder, Instant activatesAt, String addedBy, Instant removedAt, String removedBy) {}

    /** {@code commandId} (optional, 1-80 characters of A-Z a-z 0-9 . _ : -): sent again, it answers with the account it opened. */
    public record OpenAccountRequest(String jurisdiction, String type, String holder, String holderKind, String entityCode, String commandId) {}

    public record RepresentativeRequest(String login, String role) {}

    public record RepresentativeJson(String login, String displayName, String role) {}

    public record RepresentativeChangeJson(String login, String role, String change, String by, Instant at) {}

    @PostMapping
    @Operation(summary = "Open a holder's account (covered entity, trading, exchange clearing, auction delivery) in a jurisdiction you administer")
    public ResponseEntity<AccountJson> open(@RequestBody(required = false) OpenAccountRequest request) {
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
    public ResponseEntity<List<RepresentativeJson>> grant(@PathVariable String account, @RequestBody(required = false) RepresentativeRequest request) {
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
    public AccountJson changeStatus(@PathVariable String account, @RequestBody(required = false) StatusRequest request) {
        if (request == null) throw Problem.badRequest("VALIDATION_FAILED", "send {\"status\": ..., \"reason\": ...}").say("detail.jsonFields", "status, reason");
        Permissions p = access.current();
        return AccountJson.of(desk.changeStatus(p, account, request.status(), request.reason()), p);
    }

    @GetMapping("/{account}/trusted")
    @Operation(summary = "The account's trusted account list; an entry is active from activatesAt")
    public List<TrustedJson> trusted(@PathVariable String account) {
        Instant now = Instant.now();
        return desk.trustedList(access.current(), account).stream()
                .map(t -> new TrustedJson(t.trustedNumber(), t.trustedHolder(), t.activatesAt(), !t.activatesAt().isAfter(now))).toList();
    }

    @PostMapping("/{account}/trusted")
    @Operation(summary = "Add an account to the trusted list; it becomes active after the jurisdiction's activation delay (business hours)")
    public ResponseEntity<TrustedJson> trust(@PathVariable String account, @RequestBody(required = false) TrustRequest request) {
        if (request == null) throw Problem.badRequest("VALIDATION_FAILED", "send {\"account\": ...}").say("detail.jsonFields", "account");
        Permissions p = access.current();
        TrustedAccount t = desk.trust(p, account, request.account());
        var trusted = registry.readModel().account(t.trustedAccountId()).orElseThrow();
        var owner = registry.readModel().account(t.accountId()).orElseThrow();
        return ResponseEntity.created(URI.create("/api/v1/accounts/" + owner.number() + "/trusted"))
                .body(new TrustedJson(trusted.number(), trusted.holder(), t.activatesAt(), !t.activatesAt().isAfter(Instant.now())));
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
