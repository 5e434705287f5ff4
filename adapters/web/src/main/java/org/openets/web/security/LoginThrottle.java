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
 * <p>The checks of one login under way count too ({@link #begin}): its failures in the window and its checks under way
 * together never pass the limit, and a failure is counted here ({@link #failed}) before its check ends, so that guesses
 * sent all at once cannot pass the count while their failures are still being recorded (the count is the larger of the
 * refusal record's and this process's own). Nothing is held while a password is checked.
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

    private final ConcurrentHashMap<String, List<Instant>> counted = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Integer> checking = new ConcurrentHashMap<>();

    /** A password check of one login under way: {@link #close} ends it (after {@link #failed}, when it failed). */
    public final class Check implements AutoCloseable {
        private final String login;
        private boolean closed;

        private Check(String login) { this.login = login; }

        @Override public void close() {
            if (closed) return;
            closed = true;
            checking.computeIfPresent(login, (k, n) -> n <= 1 ? null : n - 1);
        }
    }

    /**
     * Begins a password check of {@code login}, or empty when it may not be checked now: the login is locked, or its
     * failures in the window and the checks of it under way together reach the limit (so that guesses sent all at once
     * are never more than the limit). Nothing is held while the password is checked: other logins never wait.
     */
    public Optional<Check> begin(String login) {
        if (login == null || login.isBlank() || ControlCharacters.find(login) >= 0) return Optional.of(new Check(login == null ? "" : login));
        Instant now = clock.instant();
        List<Instant> failures = failures(login, now);
        if (locked(failures, now).isPresent()) return Optional.empty();
        long recent = failures.stream().filter(t -> !t.isBefore(now.minus(window))).count();
        boolean[] begun = {false};
        checking.compute(login, (k, n) -> {
            int under = n == null ? 0 : n;
            if (recent + under >= maxFailures) return n;
            begun[0] = true;
            return under + 1;
        });
        return begun[0] ? Optional.of(new Check(login)) : Optional.empty();
    }

    /** Counts a failed password check of {@code login} now, before the refusal record has it (call it before the check's close). */
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

    /** The failures of {@code login} that may still lock it: the refusal record's or this process's own count, the larger. */
    private List<Instant> failures(String login, Instant now) {
        Instant since = now.minus(lockout).minus(window);
        List<Instant> recorded = log.times(login, FAILURE, since, 10_000);
        List<Instant> mine = counted.getOrDefault(login, List.of()).stream().filter(t -> !t.isBefore(since)).toList();
        return mine.size() > recorded.size() ? mine : recorded;
    }

    /** Until when sign-ins of {@code login} are refused, if they are now. */
    public Optional<Instant> lockedUntil(String login) {
        // a login with a control character names nobody and is never signed in (nor can PostgreSQL take a NUL in a query)
        if (login == null || login.isBlank() || ControlCharacters.find(login) >= 0) return Optional.empty();
        Instant now = clock.instant();
        return locked(failures(login, now), now);
    }

    /** A lock that still holds began with a failure at most lockout ago, whose run of failures began at most window before. */
    private Optional<Instant> locked(List<Instant> failures, Instant now) {
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
