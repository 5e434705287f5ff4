package org.openets.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * The security headers on every answer, also those given before Spring Security's own header writer runs (a refused
 * control character, an oversized body, Tomcat's own 400s): it runs first of all filters, and Spring Security's writer
 * leaves a header that is already set as it is. The values are the same as Spring Security's (SecurityConfiguration).
 */
public final class SecurityHeaders extends OncePerRequestFilter {
    private final String contentSecurityPolicy;

    public SecurityHeaders(String contentSecurityPolicy) { this.contentSecurityPolicy = contentSecurityPolicy; }

    /** Sets the headers unless set already. */
    public static void apply(HttpServletResponse response, String contentSecurityPolicy) {
        set(response, "X-Content-Type-Options", "nosniff");
        set(response, "X-Frame-Options", "DENY");
        set(response, "Content-Security-Policy", contentSecurityPolicy);
        set(response, "Referrer-Policy", "same-origin");
    }

    private static void set(HttpServletResponse response, String name, String value) {
        if (!response.containsHeader(name)) response.setHeader(name, value);
    }

    @Override protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        apply(response, contentSecurityPolicy);
        chain.doFilter(request, response);
    }

    @Override protected boolean shouldNotFilterErrorDispatch() { return false; }
}
