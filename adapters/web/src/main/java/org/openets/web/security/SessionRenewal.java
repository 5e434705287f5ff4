package org.openets.web.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * The session a person changed their password in goes on with the new password (its stamp), under a new session id: a
 * copy of the old cookie is worth nothing. The person's other sessions end at their next request ({@link SessionCheckFilter}).
 * The pages and the API use it alike.
 */
public final class SessionRenewal {
    private static final HttpSessionSecurityContextRepository SESSIONS = new HttpSessionSecurityContextRepository();

    private SessionRenewal() {}

    /** Renews the request's session, if it has one, for {@code changed}; a request without a session is left alone. */
    public static void keep(SignedInUser changed, HttpServletRequest request, HttpServletResponse response) {
        if (request.getSession(false) == null) return;
        request.changeSessionId();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(changed, null, changed.getAuthorities()));
        SecurityContextHolder.setContext(context);
        SESSIONS.saveContext(context, request, response);
    }
}
