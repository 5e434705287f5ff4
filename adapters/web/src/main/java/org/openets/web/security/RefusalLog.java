package org.openets.web.security;

import java.time.Instant;
import java.util.List;

/** Port: the audit record of refused requests (401, 403, and the registry's NOT_AUTHORISED and SELF_APPROVAL). */
public interface RefusalLog {
    record Refusal(long id, Instant at, String actor, String action, String target, String code, String detail) {}

    void record(Instant at, String actor, String action, String target, String code, String detail);

    /**
     * What an auditor asks for; null (false) parts filter nothing. {@code actor}: one login in any letter case;
     * {@code code} exactly; {@code action}: the whole recorded action when it has a space, else its verb (first word);
     * {@code from} inclusive, {@code to} exclusive; {@code signedInOnly}: without anonymous requests and failed or
     * throttled sign-ins.
     */
    record Query(String actor, String code, String action, Instant from, Instant to, boolean signedInOnly) {
        public static final Query ALL = new Query(null, null, null, null, null, false);
    }

    /** The refusals {@code q} asks for with an id below {@code before}, newest first, at most {@code limit}. */
    List<Refusal> find(Query q, long before, int limit);

    /** When {@code actor} was refused with {@code code} at or after {@code since}, oldest first; at most {@code limit}, the newest. */
    List<Instant> times(String actor, String code, Instant since, int limit);
}
