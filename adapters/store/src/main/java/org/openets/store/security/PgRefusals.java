package org.openets.store.security;

import org.openets.store.Sql;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The append-only record of refused requests ({@code refusal}), read by auditors. */
public final class PgRefusals {
    public record StoredRefusal(long id, Instant at, String actor, String action, String target, String code, String detail) {}

    private final Jdbc db;

    public PgRefusals(DataSource ds) { this.db = new Jdbc(ds); }

    /**
     * Records one refusal. The texts come from the refused request, so they are stored as a cleaned copy: U+0000,
     * which PostgreSQL cannot store in text, becomes U+FFFD, so that a refusal is never lost for its text.
     */
    public void record(Instant at, String actor, String action, String target, String code, String detail) {
        db.with("record refusal", c -> Sql.update(c, "INSERT INTO refusal (at, actor, action, target, code, detail) VALUES (?, ?, ?, ?, ?, ?)",
                at, storable(actor), storable(clip(action, 200)), storable(clip(target, 500)), storable(code), storable(clip(detail, 1000))));
    }

    /**
     * What the auditors ask of the record; every part null (or false) for no filter. {@code actor}: one login, whatever
     * its letters' case; {@code code}: exactly; {@code actions}: any of them, each the whole action when it has a space
     * ("READ transaction", "GET /api/v1/x"), else its verb, the first word ("READ" finds "READ transaction" and "READ",
     * not "READ_ALLOCATION");
     * {@code from} inclusive, {@code to} exclusive; {@code signedInOnly}: the refusals of people who were signed in
     * ({@link #SIGNED_IN}).
     */
    public record Query(String actor, String code, List<String> actions, Instant from, Instant to, boolean signedInOnly) {
        public static final Query ALL = new Query(null, null, null, null, null, false);
    }

    /** The codes of a sign-in that failed, was refused or throttled, or of a request with no credentials at all. */
    public static final List<String> SIGN_IN_CODES = List.of("BAD_CREDENTIALS", "SIGN_IN_FAILED", "LOGIN_THROTTLED", "UNAUTHENTICATED");

    /**
     * The refusals of people who were signed in: not of actor {@code anonymous}, and not a sign-in attempt — a refusal
     * with one of {@link #SIGN_IN_CODES} whose action is the sign-in form's ({@code LOGIN}) or a request line
     * ({@code GET /api/v1/x}: recorded by the security filters, before anyone is signed in; HTTP Basic with a wrong
     * password names the login typed). A signed-in person's wrong or throttled current password on the own-password
     * change ({@code CHANGE_PASSWORD person}, {@code BAD_CREDENTIALS} or {@code LOGIN_THROTTLED}) is theirs, and shown.
     * Written exactly as the partial index {@code refusal_of_signed_in} (V40) is, so that the planner uses it.
     */
    static final String SIGNED_IN = "actor <> 'anonymous' AND NOT (code IN ('BAD_CREDENTIALS', 'SIGN_IN_FAILED', 'LOGIN_THROTTLED', 'UNAUTHENTICATED') "
            + "AND (action = 'LOGIN' OR action LIKE '% /%'))";

    /**
     * The refusals {@code q} asks for with an id below {@code before}, newest first, at most {@code limit}: the next page
     * starts below the last id of this one (keyset paging, V37's indexes).
     */
    public List<StoredRefusal> find(Query q, long before, int limit) {
        StringBuilder sql = new StringBuilder("SELECT id, at, actor, action, target, code, detail FROM refusal WHERE id < ?");
        List<Object> args = new ArrayList<>();
        args.add(before);
        if (q.actor() != null) {
            sql.append(" AND lower(actor) = lower(?)");
            args.add(q.actor());
        }
        if (q.code() != null) {
            sql.append(" AND code = ?");
            args.add(q.code());
        }
        if (q.actions() != null && !q.actions().isEmpty()) {
            List<String> any = new ArrayList<>();
            for (String a : q.actions()) {
                any.add(a.indexOf(' ') >= 0 ? "action = ?" : "split_part(action, ' ', 1) = ?");
                args.add(a);
            }
            sql.append(" AND (").append(String.join(" OR ", any)).append(')');
        }
        if (q.from() != null) {
            sql.append(" AND at >= ?");
            args.add(q.from());
        }
        if (q.to() != null) {
            sql.append(" AND at < ?");
            args.add(q.to());
        }
        if (q.signedInOnly()) sql.append(" AND ").append(SIGNED_IN);
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(limit);
        return db.with("list refusals", c -> Sql.list(c, sql.toString(),
                rs -> new StoredRefusal(rs.getLong(1), Sql.instant(rs, "at"), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)),
                args.toArray()));
    }

    static String storable(String s) { return s == null || s.indexOf('\0') < 0 ? s : s.replace('\0', '\uFFFD'); }

    /** When {@code actor} was refused with {@code code} at or after {@code since}, oldest first, at most {@code limit} (the newest). */
    public List<Instant> times(String actor, String code, Instant since, int limit) {
        List<Instant> newest = db.with("list refusal times", c -> Sql.list(c, "SELECT at FROM refusal WHERE actor = ? AND code = ? AND at >= ? " +
                "ORDER BY at DESC LIMIT ?", rs -> Sql.instant(rs, "at"), actor, code, since, limit));
        return newest.reversed();
    }

    private static String clip(String s, int max) { return s == null || s.length() <= max ? s : s.substring(0, max); }
}
