package org.openets.store.security;

import org.openets.store.Sql;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** API tokens by the SHA-256 of their text ({@code api_token}); the token text is never stored. */
public final class PgApiTokens {
    public record StoredToken(long id, String login, String name, Instant createdAt, Instant expiresAt, Instant revokedAt) {}

    private static final String COLUMNS = "id, login, name, created_at, expires_at, revoked_at";

    private final Jdbc db;

    public PgApiTokens(DataSource ds) { this.db = new Jdbc(ds); }

    private static StoredToken token(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new StoredToken(rs.getLong("id"), rs.getString("login"), rs.getString("name"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "expires_at"), Sql.instant(rs, "revoked_at"));
    }

    public StoredToken create(String login, String name, String tokenHash, Instant createdAt, Instant expiresAt) {
        return db.with("create token", c -> Sql.one(c, "INSERT INTO api_token (login, name, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?) " +
                "RETURNING " + COLUMNS, PgApiTokens::token, login, name, tokenHash, createdAt, expiresAt).orElseThrow());
    }

    public Optional<StoredToken> byHash(String tokenHash) {
        return db.with("find token", c -> Sql.one(c, "SELECT " + COLUMNS + " FROM api_token WHERE token_hash = ?", PgApiTokens::token, tokenHash));
    }

    public Optional<StoredToken> byId(long id) {
        return db.with("find token", c -> Sql.one(c, "SELECT " + COLUMNS + " FROM api_token WHERE id = ?", PgApiTokens::token, id));
    }

    public List<StoredToken> of(String login) {
        return db.with("list tokens", c -> Sql.list(c, "SELECT " + COLUMNS + " FROM api_token WHERE login = ? ORDER BY id DESC LIMIT 200", PgApiTokens::token, login));
    }

    /** Revokes the token if it is the login's and not revoked yet; false otherwise. */
    public boolean revoke(long id, String login, Instant at) {
        return db.with("revoke token", c -> Sql.update(c, "UPDATE api_token SET revoked_at = ? WHERE id = ? AND login = ? AND revoked_at IS NULL", at, id, login)) == 1;
    }
}
