package org.openets.web.security;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: API tokens, kept by the SHA-256 of their text only. */
public interface ApiTokens {
    record Token(long id, String login, String name, Instant createdAt, Instant expiresAt, Instant revokedAt) {}

    Token create(String login, String name, String tokenHash, Instant createdAt, Instant expiresAt);

    Optional<Token> byHash(String tokenHash);

    List<Token> of(String login);

    /** False when the token is not the login's or already revoked. */
    boolean revoke(long id, String login, Instant at);
}
