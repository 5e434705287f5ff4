package org.openets.web.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openets.web.ProblemResponses;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * {@code Authorization: Bearer <token>}: signs the request in for this request only (nothing goes into a
 * session). A token that is unknown, expired or revoked is refused with 401 and recorded.
 */
public final class BearerTokenFilter extends OncePerRequestFilter {
    private final TokenIssuer tokens;
    private final Refusals refusals;

    public BearerTokenFilter(TokenIssuer tokens, Refusals refusals) {
        this.tokens = tokens;
        this.refusals = refusals;
    }

    @Override protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        switch (tokens.check(header.substring(7))) {
            case TokenIssuer.Check.Valid v -> {
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(new ApiTokenAuthentication(v.user(), v.token().id()));
                SecurityContextHolder.setContext(context);
                try {
                    chain.doFilter(request, response);
                } finally {
                    SecurityContextHolder.clearContext();
                }
            }
            case TokenIssuer.Check.Refused r -> {
                refusals.record("anonymous", request.getMethod() + " " + request.getRequestURI(), null, r.code(), r.detail());
                response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                ProblemResponses.write(request, response, 401, r.code(), r.detail());
            }
        }
    }
}
