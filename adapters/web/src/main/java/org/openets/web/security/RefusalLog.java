package org.openets.web.security;

import java.time.Instant;
import java.util.List;

/** Port: the audit record of refused requests (401, 403, and the registry's NOT_AUTHORISED and SELF_APPROVAL). */
public interface RefusalLog {
    record Refusal(long id, Instant at, String actor, String action, String target, String code, String detail) {}

    void record(Instant at, String actor, String action, String target, String code, String detail);

    /** Newest first; {@code actor} null for everyone's. */
    List<Refusal> recent(String actor, int limit);

    /** When {@code actor} was refused with {@code code} at or after {@code since}, oldest first; at most {@code limit}, the newest. */
    List<Instant> times(String actor, String code, Instant since, int limit);
}
