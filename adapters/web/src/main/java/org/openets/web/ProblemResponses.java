package org.openets.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Problem documents (RFC 9457) for answers given outside a controller: filters, the security entry points and
 * the error page. Written by hand so that a failure here cannot itself fail on serialisation.
 */
public final class ProblemResponses {
    public static final String MEDIA_TYPE = "application/problem+json";

    private ProblemResponses() {}

    public static ProblemDetail detail(HttpStatusCode status, String code, String detail, String instance, Map<String, Object> properties) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(status, detail);
        pd.setTitle(title(code));
        pd.setType(URI.create("https://openets.org/problems/" + code.toLowerCase().replace('_', '-')));
        if (instance != null) pd.setInstance(URI.create(instance));
        pd.setProperty("code", code);
        if (properties != null) properties.forEach(pd::setProperty);
        return pd;
    }

    /** "UNKNOWN_ACCOUNT" → "Unknown account". */
    public static String title(String code) {
        String s = code.toLowerCase().replace('_', ' ');
        // an abbreviation stays one ("URI_TOO_LONG" → "URI too long", "CSRF_TOKEN_INVALID" → "CSRF token invalid")
        for (String word : new String[]{"uri", "csrf", "json", "id"}) s = s.replaceAll("\\b" + word + "\\b", word.toUpperCase());
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    public static void write(HttpServletRequest request, HttpServletResponse response, int status, String code, String detail) throws IOException {
        if (response.isCommitted()) return;
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(json(status, code, detail, request.getRequestURI()).getBytes(StandardCharsets.UTF_8));
        response.flushBuffer();
    }

    /** The problem document's text. */
    public static String json(int status, String code, String detail, String instance) {
        String type = "https://openets.org/problems/" + code.toLowerCase().replace('_', '-');
        return "{\"type\":" + quote(type) + ",\"title\":" + quote(title(code)) + ",\"status\":" + status
                + ",\"detail\":" + quote(detail) + ",\"instance\":" + quote(instance) + ",\"code\":" + quote(code) + "}";
    }

    static String quote(String s) { return org.openets.kernel.CanonicalText.jsonString(s); }

    public static boolean isApi(HttpServletRequest request) {
        String uri = request.getRequestURI().substring(request.getContextPath().length());
        return uri.startsWith("/api/");
    }
}
