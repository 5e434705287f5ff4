package org.openets.web.security;

import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Issues and checks API tokens. A token is {@code oets_} and 32 random bytes (base64url); the store keeps only
 * its SHA-256, so a leaked database does not leak usable tokens. A token may be used until it expires or is
 * revoked, whichever comes first.
 */
@Component
public class TokenIssuer {
    public static final String PREFIX = "oets_";
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(8);
    public static final Duration MAX_LIFETIME = Duration.ofDays(90);

    public record Issued(ApiTokens.Token token, String text) {}

    /** Why a presented token does not sign anyone in, or the user it signs in. */
    public sealed interface Check {
        record Valid(SignedInUser user, ApiTokens.Token token) implements Check {}

        record Refused(String code, String detail) implements Check {}
    }

    private final SecureRandom random = new SecureRandom();
    private final ApiTokens tokens;
    private final Users users;
    private final Clock clock;

    public TokenIssuer(ApiTokens tokens, Users users, Clock clock) {
        this.tokens = tokens;
        this.users = users;
        this.clock = clock;
    }

    public Issued issue(String login, String name, Duration lifetime) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String text = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        ApiTokens.Token t = tokens.create(login, name, sha256(text), now, now.plus(lifetime));
        return new Issued(t, text);
    }

    public Check check(String text) {
        if (text == null || text.isBlank() || text.length() > 200) return new Check.Refused("TOKEN_UNKNOWN", "no such token");
        Optional<ApiTokens.Token> found = tokens.byHash(sha256(text.strip()));
        if (found.isEmpty()) return new Check.Refused("TOKEN_UNKNOWN", "no such token");
        ApiTokens.Token t = found.get();
        if (t.revokedAt() != null) return new Check.Refused("TOKEN_REVOKED", "the token was revoked at " + t.revokedAt());
        if (!clock.instant().isBefore(t.expiresAt())) return new Check.Refused("TOKEN_EXPIRED", "the token expired at " + t.expiresAt());
        Optional<SignedInUser> user = users.find(t.login()).filter(SignedInUser::isEnabled);
        if (user.isEmpty()) return new Check.Refused("TOKEN_UNKNOWN", "the token's user is disabled");
        user.get().eraseCredentials();
        return new Check.Valid(user.get(), t);
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
