package org.openets.web.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.openets.web.ProblemResponses;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/**
 * A session lasts only while the person it signed in may still sign in the same way: on every request a person's
 * sign-in carries (a session's, or HTTP Basic's, with or without a session), the stored user is read again, and the
 * session ends when the user was disabled, removed or given a new password ({@code openets users disable|passwd}).
 * An API token is checked on its own terms (TokenIssuer: the user must be enabled, and disabling or a new password
 * revokes every token).
 * The API answers 401 UNAUTHENTICATED (recorded as SESSION_ENDED); a page goes to the sign-in page.
 *
 * <p>A person whose password an administrator set (who therefore knows it) may do nothing but choose their own, sign
 * out or read the pages' assets: a page goes to {@code /me/password}, the API answers 403 PASSWORD_CHANGE_REQUIRED
 * (recorded).
 */
public final class SessionCheckFilter extends OncePerRequestFilter {
    private final Users users;
    private final Refusals refusals;
    private final boolean api;

    public SessionCheckFilter(Users users, Refusals refusals, boolean api) {
        this.users = users;
        this.refusals = refusals;
        this.api = api;
    }

    /** The code of the refusal a person meets while their password is one an administrator set. */
    public static final String PASSWORD_CHANGE_REQUIRED = "PASSWORD_CHANGE_REQUIRED";

    /** What a person whose password an administrator set may still do: change it, ask who they are, sign out, and read the page's assets. */
    static boolean mayWhileChangeRequired(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/me/password") || path.equals("/api/v1/me/password") || path.equals("/logout") || path.equals("/error")
                || path.equals("/api/v1/me") && "GET".equals(request.getMethod())
                || path.startsWith("/css/") || path.equals("/favicon.ico");
    }

    @Override protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        // every request a person's sign-in carries is checked: a session's, and HTTP Basic's too (Spring does not check
        // Basic's password again while the session holds the same login, so an Authorization header must not skip this)
        if (a == null || a instanceof ApiTokenAuthentication || !(a.getPrincipal() instanceof SignedInUser u)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<SignedInUser> stored = users.find(u.login());
        boolean valid = stored.isPresent() && stored.get().isEnabled() && stored.get().credentialStamp().equals(u.credentialStamp());
        if (valid && stored.get().passwordChangeRequired() && !mayWhileChangeRequired(request)) {
            // a password an administrator set: the person chooses their own before anything else
            String detail = u.login() + "'s password was set by an administrator: choose your own first (POST /api/v1/me/password, or the page /me/password)";
            if (api) {
                refusals.record(u.login(), request.getMethod() + " " + request.getRequestURI(), null, PASSWORD_CHANGE_REQUIRED, detail);
                ProblemResponses.write(request, response, 403, PASSWORD_CHANGE_REQUIRED, detail);
            } else response.sendRedirect(request.getContextPath() + "/me/password");
            return;
        }
        if (valid) {
            chain.doFilter(request, response);
            return;
        }
        HttpSession session = request.getSession(false);
        if (session != null) session.invalidate();
        SecurityContextHolder.clearContext();
        String detail = "the session ended: the user was disabled or given a new password; sign in again";
        refusals.record(u.login(), request.getMethod() + " " + request.getRequestURI(), null, "SESSION_ENDED", detail);
        if (api) ProblemResponses.write(request, response, 401, "UNAUTHENTICATED", detail);
        // not "your form expired": the session was ended (the sign-in disabled, or its password changed)
        else response.sendRedirect(request.getContextPath() + "/login?ended");
    }
}
