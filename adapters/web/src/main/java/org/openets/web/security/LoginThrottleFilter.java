package org.openets.web.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openets.web.ProblemResponses;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Refuses a password sign-in of a login that {@link LoginThrottle} has locked, before the password is checked: an
 * HTTP Basic request to the API with 429 LOGIN_THROTTLED (and {@code Retry-After}), the sign-in form with a
 * redirect to {@code /login?throttled}. Each refusal is recorded.
 */
public final class LoginThrottleFilter extends OncePerRequestFilter {
    private final LoginThrottle throttle;
    private final Refusals refusals;
    private final boolean api;

    private LoginThrottleFilter(LoginThrottle throttle, Refusals refusals, boolean api) {
        this.throttle = throttle;
        this.refusals = refusals;
        this.api = api;
    }

    /** For the API chain: HTTP Basic sign-ins. */
    public static LoginThrottleFilter basic(LoginThrottle throttle, Refusals refusals) { return new LoginThrottleFilter(throttle, refusals, true); }

    /** For the pages' chain: the sign-in form ({@code POST /login}). */
    public static LoginThrottleFilter form(LoginThrottle throttle, Refusals refusals) { return new LoginThrottleFilter(throttle, refusals, false); }

    @Override protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!api && formLoginTooLong(request)) {
            // no login is that long: refused without asking the password check, so no guess is ever tried unthrottled
            refusals.record("anonymous", "LOGIN", null, "SIGN_IN_FAILED", "a login has at most " + MAX_LOGIN + " characters");
            response.sendRedirect(request.getContextPath() + "/login?error");
            return;
        }
        String login = api ? SecurityConfiguration.basicLogin(request) : formLogin(request);
        Optional<Instant> until = login == null ? Optional.empty() : throttle.lockedUntil(login);
        if (until.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        String detail = "too many failed sign-ins of this login; try again after " + until.get();
        refusals.record(login, api ? request.getMethod() + " " + request.getRequestURI() : "LOGIN", null, LoginThrottle.THROTTLED, detail);
        if (api) {
            response.setHeader("Retry-After", Long.toString(Math.max(1, Duration.between(throttle.now(), until.get()).toSeconds() + 1)));
            ProblemResponses.write(request, response, 429, LoginThrottle.THROTTLED, detail);
        } else {
            response.sendRedirect(request.getContextPath() + "/login?throttled");
        }
    }

    /** The longest login there is (platform_user.login). */
    static final int MAX_LOGIN = 64;

    /**
     * The login a sign-in form names, as the password check reads it: Spring's form login trims the parameter, so the
     * throttle (and the refusal log, {@link SecurityConfiguration}) must count " alice" and "alice " as alice.
     */
    static String formLoginName(HttpServletRequest request) {
        String login = request.getParameter("username");
        return login == null ? null : login.trim();
    }

    private static boolean isFormLogin(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && "/login".equals(request.getRequestURI().substring(request.getContextPath().length()));
    }

    private static boolean formLoginTooLong(HttpServletRequest request) {
        if (!isFormLogin(request)) return false;
        String login = formLoginName(request);
        return login != null && login.length() > MAX_LOGIN;
    }

    private static String formLogin(HttpServletRequest request) {
        if (!isFormLogin(request)) return null;
        String login = formLoginName(request);
        return login == null || login.isEmpty() ? null : login;
    }
}
