package org.openets.web.security;

import org.openets.web.ControlCharacters;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sign-in throttling: after {@code openets.security.login.max-failures} failed sign-ins (wrong login or password,
 * recorded as BAD_CREDENTIALS refusals) of one login within {@code openets.security.login.window}, every sign-in of
 * that login with a password, right or wrong, is refused for {@code openets.security.login.lockout} after the last of
 * them. The failures are read from the refusal record in PostgreSQL, so the count holds across platform processes
 * and restarts. Refused attempts are recorded as LOGIN_THROTTLED, which does not count, so the lock ends on time.
 *
 * <p>Password checks of one login run one at a time ({@link #lockFor}), and a failure is counted here
 * ({@link #failed}) before the next check of that login starts, so that attempts sent all at once cannot pass the count
 * while their failures are still being recorded: the count is the larger of the refusal record's and this process's own.
 */
@Component
public class LoginThrottle {
    public static final String FAILURE = "BAD_CREDENTIALS";
    public static final String THROTTLED = "LOGIN_THROTTLED";

    private final RefusalLog log;
    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final Duration lockout;

    public LoginThrottle(RefusalLog log, Clock clock,
                         @Value("${openets.security.login.max-failures:5}") int maxFailures,
                         @Value("${openets.security.login.window:15m}") Duration window,
                         @Value("${openets.security.login.lockout:15m}") Duration lockout) {
        if (maxFailures < 1) throw new IllegalArgumentException("openets.security.login.max-failures must be at least 1");
        if (window.isNegative() || window.isZero() || lockout.isNegative() || lockout.isZero())
            throw new IllegalArgumentException("openets.security.login.window and .lockout must be positive");
        this.log = log;
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
        this.lockout = lockout;
    }

    private final Object[] locks = new Object[256];
    private final ConcurrentHashMap<String, List<Instant>> counted = new ConcurrentHashMap<>();

    {
        for (int i = 0; i < locks.length; i++) locks[i] = new Object();
    }

    /** What the password checks of {@code login} hold while they check, one at a time. */
    public Object lockFor(String login) { return locks[Math.floorMod(login == null ? 0 : login.hashCode(), locks.length)]; }

    /** Counts a failed password check of {@code login} now, before the refusal record has it (call it holding {@link #lockFor}). */
    public void failed(String login) {
        if (login == null) return;
        Instant now = clock.instant(), since = now.minus(lockout).minus(window);
        if (counted.size() > 10_000) counted.entrySet().removeIf(e -> e.getValue().isEmpty() || e.getValue().getLast().isBefore(since));
        counted.compute(login, (k, v) -> {
            List<Instant> kept = new ArrayList<>(v == null ? List.of() : v.stream().filter(t -> !t.isBefore(since)).toList());
            kept.add(now);
            return kept;
        });
    }

    /** Until when sign-ins of {@code login} are refused, if they are now. */
    public Optional<Instant> lockedUntil(String login) {
        // a login with a control character names nobody and is never signed in (nor can PostgreSQL take a NUL in a query)
        if (login == null || login.isBlank() || ControlCharacters.find(login) >= 0) return Optional.empty();
        Instant now = clock.instant();
        // a lock that still holds began with a failure at most lockout ago, whose run of failures began at most window before
        Instant since = now.minus(lockout).minus(window);
        List<Instant> recorded = log.times(login, FAILURE, since, 10_000);
        List<Instant> mine = counted.getOrDefault(login, List.of()).stream().filter(t -> !t.isBefore(since)).toList();
        List<Instant> failures = mine.size() > recorded.size() ? mine : recorded;
        for (int last = failures.size() - 1; last >= maxFailures - 1; last--) {
            Instant first = failures.get(last - maxFailures + 1);
            if (!Duration.between(first, failures.get(last)).minus(window).isPositive()) {
                Instant until = failures.get(last).plus(lockout);
                return until.isAfter(now) ? Optional.of(until) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The time on the clock the throttle counts by. */
    public Instant now() { return clock.instant(); }
}
