package org.openets.store.security;

import org.openets.store.Sql;

import javax.sql.DataSource;
import java.time.Instant;
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

    /** The newest refusals first, optionally of one actor (null for all). */
    public List<StoredRefusal> recent(String actor, int limit) {
        return db.with("list refusals", c -> Sql.list(c, "SELECT id, at, actor, action, target, code, detail FROM refusal " +
                        "WHERE (?::text IS NULL OR actor = ?) ORDER BY id DESC LIMIT ?",
                rs -> new StoredRefusal(rs.getLong(1), Sql.instant(rs, "at"), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)),
                actor, actor, limit));
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
