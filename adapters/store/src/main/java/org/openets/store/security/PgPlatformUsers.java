package org.openets.store.security;

import org.openets.store.Sql;

import javax.sql.DataSource;
import java.util.Optional;

/** The people and auditors who may sign in ({@code platform_user}). What they may do is the registry's business. */
public final class PgPlatformUsers {
    /** A stored user. {@code passwordHash} is in DelegatingPasswordEncoder form ({@code {bcrypt}...}). */
    public record StoredUser(String login, String passwordHash, String displayName, String kind, boolean enabled) {}

    private final Jdbc db;

    public PgPlatformUsers(DataSource ds) { this.db = new Jdbc(ds); }

    public Optional<StoredUser> find(String login) {
        return db.with("find user", c -> Sql.one(c, "SELECT login, password_hash, display_name, kind, enabled FROM platform_user WHERE login = ?",
                rs -> new StoredUser(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5)), login));
    }

    /** Adds a user, or changes the password, name and kind of an existing one. */
    public void save(String login, String passwordHash, String displayName, String kind) {
        db.with("save user", c -> Sql.update(c, "INSERT INTO platform_user (login, password_hash, display_name, kind) VALUES (?, ?, ?, ?) " +
                "ON CONFLICT (login) DO UPDATE SET password_hash = excluded.password_hash, display_name = excluded.display_name, kind = excluded.kind",
                login, passwordHash, displayName, kind));
    }

    /** Adds a user; false (nothing written) when the login exists. */
    public boolean add(String login, String passwordHash, String displayName, String kind) {
        return db.with("add user", c -> Sql.update(c, "INSERT INTO platform_user (login, password_hash, display_name, kind) VALUES (?, ?, ?, ?) " +
                "ON CONFLICT (login) DO NOTHING", login, passwordHash, displayName, kind)) == 1;
    }

    /**
     * Sets a user's password and enables the user, and revokes every API token the user holds (a new password follows a
     * lost or stolen one: what was issued under the old one must not outlive it; the sessions end on their next request,
     * SessionCheckFilter); false when there is no such login.
     */
    public boolean setPassword(String login, String passwordHash) {
        return db.with("set password", c -> Sql.longValue(c, "WITH u AS (UPDATE platform_user SET password_hash = ?, enabled = true WHERE login = ? RETURNING login), "
                + "t AS (UPDATE api_token SET revoked_at = now() WHERE login IN (SELECT login FROM u) AND revoked_at IS NULL) SELECT count(*) FROM u",
                passwordHash, login)) == 1;
    }

    /**
     * Disables a user, who then cannot sign in by password, token or session, and revokes every API token the user holds,
     * so enabling the user again (a new password) does not bring them back; false when there is no such login.
     */
    public boolean disable(String login) {
        return db.with("disable user", c -> Sql.longValue(c, "WITH u AS (UPDATE platform_user SET enabled = false WHERE login = ? RETURNING login), "
                + "t AS (UPDATE api_token SET revoked_at = now() WHERE login IN (SELECT login FROM u) AND revoked_at IS NULL) SELECT count(*) FROM u",
                login)) == 1;
    }

    public long count() {
        return db.with("count users", c -> Sql.longValue(c, "SELECT count(*) FROM platform_user"));
    }
}
