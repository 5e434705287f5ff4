package org.openets.web.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.openets.web.Problem;
import org.openets.web.api.ApiViews.MeJson;
import org.openets.web.api.ApiViews.TokenJson;
import org.openets.web.api.ApiViews.TokenRequest;
import org.openets.web.desk.RegistryDesk;
import org.openets.web.security.Access;
import org.openets.web.security.ApiTokenAuthentication;
import org.openets.web.security.ApiTokens;
import org.openets.web.security.Permissions;
import org.openets.web.security.Refusals;
import org.openets.web.security.SignedInUser;
import org.openets.web.security.TokenIssuer;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

@RestController
@Tag(name = "Sign-in", description = "Who you are, and API tokens")
public class TokensApi {
    private final TokenIssuer issuer;
    private final ApiTokens tokens;
    private final Access access;
    private final RegistryDesk desk;
    private final Refusals refusals;
    private final Clock clock;

    public TokensApi(TokenIssuer issuer, ApiTokens tokens, Access access, RegistryDesk desk, Refusals refusals, Clock clock) {
        this.issuer = issuer;
        this.tokens = tokens;
        this.access = access;
        this.desk = desk;
        this.refusals = refusals;
        this.clock = clock;
    }

    @GetMapping("/api/v1/me")
    @Operation(summary = "Who you are and what you may act on; passwordChangeRequired: an administrator set your password, and you choose your own "
            + "(POST /api/v1/me/password) before anything else")
    public MeJson me() {
        SignedInUser u = Access.currentUser();
        Permissions p = access.current();
        RegistryDesk.AccountNumbers numbers = desk.accountNumbers();
        Map<String, Set<org.openets.registry.Role>> represented = new TreeMap<>();
        p.represented().forEach((id, roles) -> represented.put(numbers.number(id), roles));
        return new MeJson(u.login(), u.displayName(), u.kind().name(), new java.util.TreeSet<>(p.administered()), represented, u.passwordChangeRequired());
    }

    @PostMapping("/api/v1/tokens")
    @Operation(summary = "Create an API token (sign in with a session or HTTP Basic); the token text is shown only in this answer",
            description = "expiresInSeconds: from 60 to 90 days; default 8 hours. Use it as 'Authorization: Bearer <token>'. The body ({\"name\", "
                    + "\"expiresInSeconds\"}) is optional: without one, a token named 'api' of the default lifetime.")
    public ResponseEntity<TokenJson> create(@RequestBody(required = false) TokenRequest request) {
        SignedInUser u = Access.currentUser();
        if (SecurityContextHolder.getContext().getAuthentication() instanceof ApiTokenAuthentication) {
            refusals.record(u.login(), "CREATE token", null, "PASSWORD_SIGN_IN_REQUIRED", "a token cannot create tokens");
            throw Problem.forbidden("PASSWORD_SIGN_IN_REQUIRED", "sign in with a password (session or HTTP Basic) to create a token").say("detail.token.password");
        }
        String name = request == null || request.name() == null || request.name().isBlank() ? "api" : request.name().strip();
        if (name.length() > 100) throw Problem.badRequest("VALIDATION_FAILED", "name has at most 100 characters").say("detail.token.nameLength", 100);
        Duration lifetime = TokenIssuer.DEFAULT_LIFETIME;
        if (request != null && request.expiresInSeconds() != null) {
            long s = request.expiresInSeconds();
            if (s < 1 || s > TokenIssuer.MAX_LIFETIME.toSeconds())
                throw Problem.badRequest("VALIDATION_FAILED", "expiresInSeconds must be from 1 to " + TokenIssuer.MAX_LIFETIME.toSeconds())
                        .say("detail.token.lifetime", TokenIssuer.MAX_LIFETIME.toSeconds());
            lifetime = Duration.ofSeconds(s);
        }
        TokenIssuer.Issued issued = issuer.issue(u.login(), name, lifetime);
        ApiTokens.Token t = issued.token();
        return ResponseEntity.created(URI.create("/api/v1/tokens/" + t.id()))
                .body(new TokenJson(t.id(), t.name(), t.createdAt(), t.expiresAt(), t.revokedAt(), issued.text()));
    }

    @GetMapping("/api/v1/tokens")
    @Operation(summary = "Your tokens (without their text)")
    public List<TokenJson> list() {
        return tokens.of(Access.currentUser().login()).stream()
                .map(t -> new TokenJson(t.id(), t.name(), t.createdAt(), t.expiresAt(), t.revokedAt(), null)).toList();
    }

    @DeleteMapping("/api/v1/tokens/{id}")
    @Operation(summary = "Revoke one of your tokens")
    public ResponseEntity<Void> revoke(@PathVariable long id) {
        if (!tokens.revoke(id, Access.currentUser().login(), clock.instant()))
            throw Problem.notFound("UNKNOWN_TOKEN", "you hold no active token " + id).say("detail.token.unknown", id);
        return ResponseEntity.noContent().build();
    }

}
