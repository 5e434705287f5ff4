package org.openets.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * {@code ?lang=zh_CN} / {@code ?lang=en} on any address chooses the page language (kept in the language cookie), before
 * anything else answers the request: a signed-out visitor sent to the sign-in page keeps the language the link asked
 * for (an MVC interceptor would run only after the security filters had already redirected). Only the query string
 * is read, never a form's body.
 */
public final class LanguageFilter extends OncePerRequestFilter {
    private final LocaleResolver resolver;

    public LanguageFilter(LocaleResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws ServletException, IOException {
        String lang = queryParameter(request.getQueryString(), "lang");
        if (lang != null && !lang.isBlank()) {
            try {
                Locale locale = StringUtils.parseLocale(lang.strip());
                if (locale != null) resolver.setLocale(request, response, locale);
            } catch (IllegalArgumentException invalid) {
                // an unknown language: the page stays in the one it had
            }
        }
        chain.doFilter(request, response);
    }

    static String queryParameter(String query, String name) {
        if (query == null) return null;
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (!key.equals(name)) continue;
            try {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                return null;
            }
        }
        return null;
    }
}
