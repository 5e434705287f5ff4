package org.openets.store.security;

import org.openets.store.Sql;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The people and auditors who may sign in ({@code platform_user}). What they may do is the registry's business. */
public final class PgPlatformUsers {
    /**
     * A stored user. {@code passwordHash} is in DelegatingPasswordEncoder form ({@code {bcrypt}...});
     * {@code passwordChangeRequired}: the password was set by an administrator, who knows it, and the user chooses their
     * own before doing anything else.
     */
    public record StoredUser(String login, String passwordHash, String displayName, String kind, boolean enabled, boolean passwordChangeRequired) {
        public StoredUser(String login, String passwordHash, String displayName, String kind, boolean enabled) {
            this(login, passwordHash, displayName, kind, enabled, false);
        }
    }

    private final Jdbc db;

    public PgPlatformUsers(DataSource ds) { this.db = new Jdbc(ds); }

    public Optional<StoredUser> find(String login) {
        return db.with("find user", c -> Sql.one(c, "SELECT login, password_hash, display_name, kind, enabled, password_change_required FROM platform_user WHERE login = ?",
                rs -> new StoredUser(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5), rs.getBoolean(6)), login));
    }

    /** Adds a user, or changes the password, name and kind of an existing one. */
    public void save(String login, String passwordHash, String displayName, String kind) {
        db.with("save user", c -> Sql.update(c, "INSERT INTO platform_user (login, password_hash, display_name, kind) VALUES (?, ?, ?, ?) " +
                "ON CONFLICT (login) DO UPDATE SET password_hash = excluded.password_hash, display_name = excluded.display_name, kind = excluded.kind",
                login, passwordHash, displayName, kind));
    }

    /** Adds a user (the operator, at the command line); false (nothing written) when the login exists. */
    public boolean add(String login, String passwordHash, String displayName, String kind) {
        return add(login, passwordHash, displayName, kind, null);
    }

    /**
     * Adds a user and, in the same statement, the history row ({@code person_change} ADDED, by {@code by}: null for the
     * operator); false (nothing written) when the login exists.
     */
    public boolean add(String login, String passwordHash, String displayName, String kind, String by) {
        // a password an administrator chose is theirs to know: the person chooses their own at the next sign-in
        return add(login, passwordHash, displayName, kind, by, by != null);
    }

    /** As above, saying whether the user must choose their own password at the next sign-in (the operator decides). */
    public boolean add(String login, String passwordHash, String displayName, String kind, String by, boolean changeRequired) {
        return db.with("add user", c -> Sql.longValue(c, "WITH u AS (INSERT INTO platform_user (login, password_hash, display_name, kind, password_change_required) "
                + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (login) DO NOTHING RETURNING login), "
                + "h AS (INSERT INTO person_change (login, change, changed_by) SELECT login, 'ADDED', ?::text FROM u) SELECT count(*) FROM u",
                login, passwordHash, displayName, kind, changeRequired, by)) == 1;
    }

    /**
     * Sets a user's password and enables the user, and revokes every API token the user holds (a new password follows a
     * lost or stolen one: what was issued under the old one must not outlive it; the sessions end on their next request,
     * SessionCheckFilter); false when there is no such login.
     */
    public boolean setPassword(String login, String passwordHash) {
        return setPassword(login, passwordHash, null);
    }

    /**
     * As {@link #setPassword(String, String)}, and the history row (PASSWORD_SET by {@code by}, null: the operator) in the
     * same statement; a password an administrator set ({@code by} not null) must be changed at the next sign-in.
     */
    public boolean setPassword(String login, String passwordHash, String by) { return setPassword(login, passwordHash, by, by != null); }

    /** As above, saying whether the user must choose their own password at the next sign-in (the operator decides). */
    public boolean setPassword(String login, String passwordHash, String by, boolean changeRequired) {
        return db.with("set password", c -> Sql.longValue(c, "WITH u AS (UPDATE platform_user SET password_hash = ?, enabled = true, password_change_required = ? "
                + "WHERE login = ? RETURNING login), "
                + "t AS (UPDATE api_token SET revoked_at = now() WHERE login IN (SELECT login FROM u) AND revoked_at IS NULL), "
                + "h AS (INSERT INTO person_change (login, change, changed_by) SELECT login, 'PASSWORD_SET', ?::text FROM u) SELECT count(*) FROM u",
                passwordHash, changeRequired, login, by)) == 1;
    }

    /**
     * A user's own new password, in place of the one they proved they know ({@code currentHash}, as read when it was
     * checked: a password changed meanwhile is not replaced): no longer required to change it, every API token revoked
     * (a password is changed when it may be known to someone else), and the history row (PASSWORD_CHANGED, by the user)
     * in the same statement; false when the user is not enabled or the password is no longer {@code currentHash}.
     */
    public boolean changeOwnPassword(String login, String currentHash, String newHash) {
        return db.with("change own password", c -> Sql.longValue(c, "WITH u AS (UPDATE platform_user SET password_hash = ?, password_change_required = false "
                + "WHERE login = ? AND password_hash = ? AND enabled RETURNING login), "
                + "t AS (UPDATE api_token SET revoked_at = now() WHERE login IN (SELECT login FROM u) AND revoked_at IS NULL), "
                + "h AS (INSERT INTO person_change (login, change, changed_by) SELECT login, 'PASSWORD_CHANGED', login FROM u) SELECT count(*) FROM u",
                newHash, login, currentHash)) == 1;
    }

    /**
     * Disables a user, who then cannot sign in by password, token or session, and revokes every API token the user holds,
     * so enabling the user again (a new password) does not bring them back; false when there is no such login.
     */
    public boolean disable(String login) {
        return disable(login, null);
    }

    /** As {@link #disable(String)}, and the history row (DISABLED by {@code by}, null: the operator) in the same statement. */
    public boolean disable(String login, String by) {
        return db.with("disable user", c -> Sql.longValue(c, "WITH u AS (UPDATE platform_user SET enabled = false WHERE login = ? RETURNING login), "
                + "t AS (UPDATE api_token SET revoked_at = now() WHERE login IN (SELECT login FROM u) AND revoked_at IS NULL), "
                + "h AS (INSERT INTO person_change (login, change, changed_by) SELECT login, 'DISABLED', ?::text FROM u) SELECT count(*) FROM u",
                login, by)) == 1;
    }

    /** What {@link #disableEnabled} did. */
    public enum Disabled { DISABLED, ALREADY_DISABLED, UNKNOWN_LOGIN }

    /**
     * As {@link #disable(String, String)}, only for an enabled user, in one statement: a user disabled already (by
     * another operator a moment before, too) is left as it is, without a second DISABLED history row.
     */
    public Disabled disableEnabled(String login, String by) {
        return db.with("disable enabled user", c -> Sql.one(c, "WITH u AS (UPDATE platform_user SET enabled = false WHERE login = ? AND enabled RETURNING login), "
                + "t AS (UPDATE api_token SET revoked_at = now() WHERE login IN (SELECT login FROM u) AND revoked_at IS NULL), "
                + "h AS (INSERT INTO person_change (login, change, changed_by) SELECT login, 'DISABLED', ?::text FROM u) "
                + "SELECT (SELECT count(*) FROM u), (SELECT count(*) FROM platform_user WHERE login = ?)",
                rs -> rs.getLong(1) == 1 ? Disabled.DISABLED : rs.getLong(2) == 1 ? Disabled.ALREADY_DISABLED : Disabled.UNKNOWN_LOGIN, login, by, login))
                .orElseThrow();
    }

    /** A role a person holds on an account, with the account's jurisdiction. */
    public record HeldRole(String account, String jurisdiction, String role) {}

    /**
     * A sign-in with what the registry lets them do: the jurisdictions they administer and their roles on accounts;
     * {@code kind} PERSON, AUDITOR or VERIFIER.
     */
    public record StoredPerson(String login, String displayName, boolean enabled, List<String> administers, List<HeldRole> roles,
                               String addedBy, List<String> addedByAdministers, String kind) {}

    /** A change of a sign-in ({@code person_change}): ADDED, DISABLED or PASSWORD_SET, by whom (null: the operator) and when. */
    public record PersonChange(long id, String login, String displayName, String change, String by, Instant at) {}

    private static final String PEOPLE = "SELECT u.login, u.display_name, u.enabled, "
            + "coalesce((SELECT array_agg(ra.jurisdiction ORDER BY ra.jurisdiction) FROM registry_administrator ra WHERE ra.actor = u.login), '{}'), "
            + "coalesce((SELECT array_agg(a.number || ' ' || a.jurisdiction || ' ' || r.role ORDER BY a.number, r.role) FROM representative r "
            + "JOIN account a ON a.id = r.account_id WHERE r.actor = u.login), '{}'), "
            // who added the sign-in (null: the operator, or before V33) and the jurisdictions that administrator administers
            + "(SELECT pc.changed_by FROM person_change pc WHERE pc.login = u.login AND pc.change = 'ADDED' ORDER BY pc.id LIMIT 1), "
            + "coalesce((SELECT array_agg(ra.jurisdiction ORDER BY ra.jurisdiction) FROM registry_administrator ra WHERE ra.actor = "
            + "(SELECT pc.changed_by FROM person_change pc WHERE pc.login = u.login AND pc.change = 'ADDED' ORDER BY pc.id LIMIT 1)), '{}'), "
            + "u.kind FROM platform_user u";

    private static StoredPerson person(java.sql.ResultSet rs) throws java.sql.SQLException {
        List<String> administers = List.of((String[]) rs.getArray(4).getArray());
        List<HeldRole> roles = java.util.Arrays.stream((String[]) rs.getArray(5).getArray()).map(x -> x.split(" ", 3))
                .map(x -> new HeldRole(x[0], x[1], x[2])).toList();
        return new StoredPerson(rs.getString(1), rs.getString(2), rs.getBoolean(3), administers, roles, rs.getString(6),
                List.of((String[]) rs.getArray(7).getArray()), rs.getString(8));
    }

    /** Every person's sign-in (kind PERSON; not auditors or verifiers), by login, with their administered jurisdictions and roles. */
    public List<StoredPerson> people() {
        return db.with("list people", c -> Sql.list(c, PEOPLE + " WHERE u.kind = 'PERSON' ORDER BY u.login", PgPlatformUsers::person));
    }

    /** Every sign-in of any kind (persons, auditors, verifiers), by login, as {@link #people()}. */
    public List<StoredPerson> signIns() {
        return db.with("list sign-ins", c -> Sql.list(c, PEOPLE + " ORDER BY u.login", PgPlatformUsers::person));
    }

    /**
     * Up to {@code limit} sign-ins of any kind with a login after {@code after} ("" for the first), by login, as
     * {@link #signIns()}: a page read by the primary key, however many sign-ins there are.
     */
    public List<StoredPerson> signIns(String after, int limit) {
        return db.with("list sign-ins", c -> Sql.list(c, PEOPLE + " WHERE u.login > ? ORDER BY u.login LIMIT ?", PgPlatformUsers::person, after, limit));
    }

    /**
     * Who the registry administrator {@code by}, of the jurisdictions {@code administered}, may manage — the rule of
     * PeopleDesk.mayManage in SQL, so that a page holds a page of them: a person (kind PERSON), not {@code by}, who
     * administers no jurisdiction, and whose every role is on an account of those jurisdictions; with no role, one the
     * operator added (or added before the history was kept), or one added by an administrator of one of them.
     * Parameters: {@code by}, then {@code administered} twice.
     */
    private static final String MANAGEABLE = "u.kind = 'PERSON' AND u.login <> ? "
            + "AND NOT EXISTS (SELECT 1 FROM registry_administrator ra WHERE ra.actor = u.login) "
            + "AND CASE WHEN EXISTS (SELECT 1 FROM representative r WHERE r.actor = u.login) "
            + "THEN NOT EXISTS (SELECT 1 FROM representative r JOIN account a ON a.id = r.account_id WHERE r.actor = u.login AND a.jurisdiction <> ALL (?)) "
            + "ELSE coalesce((SELECT pc.changed_by IS NULL OR EXISTS (SELECT 1 FROM registry_administrator ra WHERE ra.actor = pc.changed_by AND ra.jurisdiction = ANY (?)) "
            + "FROM person_change pc WHERE pc.login = u.login AND pc.change = 'ADDED' ORDER BY pc.id LIMIT 1), true) END";

    /** Up to {@code limit} of the people {@code by} may manage (above) with a login after {@code after} ("" for the first), by login. */
    public List<StoredPerson> manageable(String by, java.util.Collection<String> administered, String after, int limit) {
        String[] j = administered.toArray(String[]::new);
        return db.with("list manageable people", c -> Sql.list(c, PEOPLE + " WHERE " + MANAGEABLE + " AND u.login > ? ORDER BY u.login LIMIT ?",
                PgPlatformUsers::person, by, j, j, after, limit));
    }

    /** How many people {@code by} may manage (above). */
    public long countManageable(String by, java.util.Collection<String> administered) {
        String[] j = administered.toArray(String[]::new);
        return db.with("count manageable people", c -> Sql.longValue(c, "SELECT count(*) FROM platform_user u WHERE " + MANAGEABLE, by, j, j));
    }

    /** The logins of the people {@code by} may manage (above). */
    public List<String> manageableLogins(String by, java.util.Collection<String> administered) {
        String[] j = administered.toArray(String[]::new);
        return db.with("manageable logins", c -> Sql.list(c, "SELECT u.login FROM platform_user u WHERE " + MANAGEABLE + " ORDER BY u.login",
                rs -> rs.getString(1), by, j, j));
    }

    /** One person's sign-in (kind PERSON), as {@link #people()}. */
    public Optional<StoredPerson> person(String login) {
        return db.with("find person", c -> Sql.one(c, PEOPLE + " WHERE u.kind = 'PERSON' AND u.login = ?", PgPlatformUsers::person, login));
    }

    /** The newest {@code limit} changes of sign-ins, newest first. */
    public List<PersonChange> changes(int limit) { return changes(Long.MAX_VALUE, limit); }

    /** The newest {@code limit} changes of sign-ins with an id below {@code before}, newest first (the next page starts below the last). */
    public List<PersonChange> changes(long before, int limit) {
        return db.with("person changes", c -> Sql.list(c, "SELECT h.id, h.login, u.display_name, h.change, h.changed_by, h.changed_at FROM person_change h "
                + "JOIN platform_user u ON u.login = h.login WHERE h.id < ? ORDER BY h.id DESC LIMIT ?",
                rs -> new PersonChange(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), Sql.instant(rs, "changed_at")), before, limit));
    }

    /** As {@link #changes(long, int)}, only those of the sign-ins {@code logins} or made by {@code by}. */
    public List<PersonChange> changes(java.util.Collection<String> logins, String by, long before, int limit) {
        return db.with("person changes", c -> Sql.list(c, "SELECT h.id, h.login, u.display_name, h.change, h.changed_by, h.changed_at FROM person_change h "
                + "JOIN platform_user u ON u.login = h.login WHERE h.id < ? AND (h.login = ANY (?) OR h.changed_by = ?) ORDER BY h.id DESC LIMIT ?",
                rs -> new PersonChange(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), Sql.instant(rs, "changed_at")),
                before, logins.toArray(String[]::new), by, limit));
    }

    /** Whether a sign-in's login is taken, whatever its letters' case ("Zhang.San" is taken by "zhang.san"). */
    public boolean loginTaken(String login) {
        return db.with("login taken", c -> Sql.one(c, "SELECT 1 FROM platform_user WHERE lower(login) = lower(?)", rs -> true, login).isPresent());
    }

    public long count() {
        return db.with("count users", c -> Sql.longValue(c, "SELECT count(*) FROM platform_user"));
    }
}
