package org.openets.web.security;

import java.time.Instant;
import java.util.List;

/** Port: the audit record of refused requests (401, 403, and the registry's NOT_AUTHORISED and SELF_APPROVAL). */
public interface RefusalLog {
    record Refusal(long id, Instant at, String actor, String action, String target, String code, String detail) {}

    void record(Instant at, String actor, String action, String target, String code, String detail);

    /**
     * What an auditor asks for; null (false) parts filter nothing. {@code actor}: one login in any letter case;
     * {@code code} exactly; {@code actions}: any of them, each the whole recorded action when it has a space, else its
     * verb (first word); {@code from} inclusive, {@code to} exclusive; {@code signedInOnly}: the refusals of people who
     * were signed in (no anonymous requests, no sign-in attempts).
     */
    record Query(String actor, String code, List<String> actions, Instant from, Instant to, boolean signedInOnly) {
        public static final Query ALL = new Query(null, null, null, null, null, false);

        /** The same query for any of {@code more} actions too. */
        public Query orActions(List<String> more) {
            if (more.isEmpty()) return this;
            List<String> all = new java.util.ArrayList<>(actions == null ? List.of() : actions);
            more.stream().filter(a -> !all.contains(a)).forEach(all::add);
            return new Query(actor, code, List.copyOf(all), from, to, signedInOnly);
        }
    }

    /** The refusals {@code q} asks for with an id below {@code before}, newest first, at most {@code limit}. */
    List<Refusal> find(Query q, long before, int limit);

    /** When {@code actor} was refused with {@code code} at or after {@code since}, oldest first; at most {@code limit}, the newest. */
    List<Instant> times(String actor, String code, Instant since, int limit);
}
