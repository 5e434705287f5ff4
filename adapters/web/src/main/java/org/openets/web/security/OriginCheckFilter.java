package org.openets.web.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openets.web.ProblemResponses;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses a state-changing API request (POST, PUT, PATCH, DELETE) that a page of another site sent: its
 * {@code Origin} header, or without one its {@code Referer}, names another origin than the request's own. A browser
 * adds these headers to cross-site requests and a page cannot remove them, so whatever signs the request in (a
 * session cookie or credentials the browser resends) cannot be used from another site. Clients that are not
 * browsers send neither header and are not affected. Answered 403 CSRF_REJECTED and recorded.
 */
public final class OriginCheckFilter extends OncePerRequestFilter {
    private static final Set<String> UNSAFE = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final Refusals refusals;

    public OriginCheckFilter(Refusals refusals) { this.refusals = refusals; }

    @Override protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!UNSAFE.contains(request.getMethod().toUpperCase(Locale.ROOT))) {
            chain.doFilter(request, response);
            return;
        }
        String origin = request.getHeader("Origin");
        String source = origin != null ? origin : request.getHeader("Referer");
        if (source == null || own(request).equals(origin(source))) {
            chain.doFilter(request, response);
            return;
        }
        SignedInUser u = Access.currentUser();
        String detail = "a state-changing request from another site (" + (origin != null ? "Origin" : "Referer") + ") is refused";
        refusals.record(u == null ? "anonymous" : u.login(), request.getMethod() + " " + request.getRequestURI(), null, "CSRF_REJECTED", detail);
        ProblemResponses.write(request, response, 403, "CSRF_REJECTED", detail);
    }

    /** This request's origin, {@code scheme://host[:port]}, the port left out when it is the scheme's default. */
    static String own(HttpServletRequest request) {
        return origin(request.getScheme(), request.getServerName(), request.getServerPort());
    }

    /** The origin an Origin or Referer header names, or "" when it names none (e.g. {@code Origin: null}). */
    static String origin(String header) {
        try {
            URI u = URI.create(header.strip());
            if (u.getScheme() == null || u.getHost() == null) return "";
            return origin(u.getScheme(), u.getHost(), u.getPort());
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static String origin(String scheme, String host, int port) {
        String s = scheme.toLowerCase(Locale.ROOT);
        boolean defaultPort = port < 0 || (s.equals("http") && port == 80) || (s.equals("https") && port == 443);
        String h = host.toLowerCase(Locale.ROOT);
        if (h.contains(":") && !h.startsWith("[")) h = "[" + h + "]";
        return s + "://" + h + (defaultPort ? "" : ":" + port);
    }
}
