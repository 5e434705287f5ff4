package org.openets.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Map;

/**
 * Refuses a request whose parameters (query string or form fields, names or values) carry a control character
 * that {@link ControlCharacters} refuses: 400 VALIDATION_FAILED, as problem+json for the API and the error page for
 * people. Runs before sign-in, so such text never reaches a use case, a query or the audit record.
 */
public final class ParameterTextFilter extends OncePerRequestFilter {
    @Override protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String bad = refusedParameter(request);
        if (bad == null) {
            chain.doFilter(request, response);
            return;
        }
        String detail = "parameter " + bad + " contains a control character";
        if (ProblemResponses.isApi(request)) ProblemResponses.write(request, response, 400, "VALIDATION_FAILED", detail);
        else response.sendError(400, detail);
    }

    /** The (cleaned) name of the first parameter with refused text, or null. */
    static String refusedParameter(HttpServletRequest request) {
        for (Map.Entry<String, String[]> p : request.getParameterMap().entrySet()) {
            boolean bad = ControlCharacters.find(p.getKey()) >= 0;
            for (String v : p.getValue()) bad |= ControlCharacters.find(v) >= 0;
            if (bad) return printable(p.getKey());
        }
        return null;
    }

    private static String printable(String name) {
        StringBuilder s = new StringBuilder();
        for (char c : name.toCharArray()) s.append(c < 0x20 ? '?' : c);
        return s.length() > 64 ? s.substring(0, 64) : s.toString();
    }
}
