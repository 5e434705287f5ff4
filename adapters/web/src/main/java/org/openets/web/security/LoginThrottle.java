package org.openets.web.security;

import org.openets.web.ControlCharacters;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Sign-in throttling: after {@code openets.security.login.max-failures} failed sign-ins (wrong login or password,
 * recorded as BAD_CREDENTIALS refusals) of one login within {@code openets.security.login.window}, every sign-in of
 * that login with a password, right or wrong, is refused for {@code openets.security.login.lockout} after the last of
 * them. The failures are read from the refusal record in PostgreSQL, so the count holds across platform processes
 * and restarts. Refused attempts are recorded as LOGIN_THROTTLED, which does not count, so the lock ends on time.
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

    /** Until when sign-ins of {@code login} are refused, if they are now. */
    public Optional<Instant> lockedUntil(String login) {
        // a login with a control character names nobody and is never signed in (nor can PostgreSQL take a NUL in a query)
        if (login == null || login.isBlank() || ControlCharacters.find(login) >= 0) return Optional.empty();
        Instant now = clock.instant();
        // a lock that still holds began with a failure at most lockout ago, whose run of failures began at most window before
        List<Instant> failures = log.times(login, FAILURE, now.minus(lockout).minus(window), 10_000);
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
