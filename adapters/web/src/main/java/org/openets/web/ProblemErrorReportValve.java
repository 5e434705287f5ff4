package org.openets.web;

import org.apache.catalina.core.StandardHost;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tomcat's own error answers — for requests it refuses before Spring sees them, such as a path with an encoded slash
 * or backslash ({@code ..%2F}, {@code %5C}), a broken escape ({@code %ZZ}) or an address too long to read — as
 * problem+json with a stable code (400 BAD_REQUEST) instead of Tomcat's HTML page; a browser asking for a page (not
 * under {@code /api/}, accepting {@code text/html}), or a request whose request line could not be read at all, gets a
 * short page saying the same in Chinese and English. A request line too long to read (an address longer than Tomcat's
 * header buffer, 8 KiB) leaves Tomcat no path: the valve reads the start of the line from the connection's buffer, and
 * an address under {@code /api/} is answered 414 URI_TOO_LONG as problem+json (an API client), any other the page.
 * Answers that already have a body (everything Spring answers) are left alone.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

    @Override protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) return;
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) return;
        String code = switch (status) {
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 413 -> "PAYLOAD_TOO_LARGE";
            default -> status >= 500 ? "INTERNAL_ERROR" : "BAD_REQUEST";
        };
        String detail = status == 400 ? "the request cannot be read (for example, an address too long, or a path with an encoded slash, a backslash or a broken escape)"
                : status >= 500 ? "an unexpected error occurred" : "error " + status;
        String uri = request.getRequestURI();
        String accept = request.getHeader("Accept");
        boolean page;
        if (uri == null || uri.isEmpty()) {
            // a request line too long to read leaves no path and no headers: an address under /api/ is an API client's,
            // anything else most likely a page's address (a long search)
            String target = status == 400 ? unreadTarget(request) : null;
            page = status == 400 && (target == null || !target.startsWith("/api/"));
            if (target != null && !page) {
                status = 414;
                code = "URI_TOO_LONG";
                detail = "the address is too long to read (at most about 8,000 characters, headers included)";
                uri = target.length() > MAX_INSTANCE ? target.substring(0, MAX_INSTANCE) + "…" : target;
                response.setStatus(status);
            }
        } else {
            page = !uri.startsWith("/api/") && accept != null && accept.contains("text/html");
        }
        try {
            SecurityHeaders.apply(response, org.openets.web.security.SecurityConfiguration.CONTENT_SECURITY_POLICY);
            response.setContentType(page ? "text/html" : ProblemResponses.MEDIA_TYPE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(page ? page(status, code) : ProblemResponses.json(status, code, detail, uri == null ? "" : uri));
                response.finishResponse();
            }
        } catch (java.io.IOException | IllegalStateException e) {
            // the client is gone or the response cannot be written: nothing more to say
        }
    }

    /** How much of an address too long to read a problem names as its {@code instance}. */
    static final int MAX_INSTANCE = 200;

    /**
     * The start of the request target of a request line Tomcat could not read, from the connection's input buffer
     * (the method, a space, then the target, cut where the buffer ends): its path (an absolute form's path too) in
     * printable ASCII, or null when there is none to read.
     */
    static String unreadTarget(Request request) {
        if (!(request.getCoyoteRequest().getInputBuffer() instanceof org.apache.tomcat.util.net.ApplicationBufferHandler h)) return null;
        java.nio.ByteBuffer b = h.getByteBuffer();
        if (b == null) return null;
        return target(b, b.limit());
    }

    /** The target of the request line at the start of {@code b} (before {@code limit}), as {@link #unreadTarget} says. */
    static String target(java.nio.ByteBuffer b, int limit) {
        int i = 0;
        while (i < limit && (b.get(i) == '\r' || b.get(i) == '\n')) i++;
        int method = i;
        while (i < limit && b.get(i) > ' ' && b.get(i) < 0x7f) i++;
        if (i == method || i >= limit || b.get(i) != ' ') return null;
        while (i < limit && b.get(i) == ' ') i++;
        StringBuilder t = new StringBuilder();
        for (; i < limit && t.length() < 2048; i++) {
            byte c = b.get(i);
            if (c <= ' ' || c >= 0x7f) break;
            t.append((char) c);
        }
        String s = t.toString();
        // an absolute form (http://host/path): its path
        int scheme = s.indexOf("://");
        if (scheme > 0 && !s.startsWith("/")) {
            int slash = s.indexOf('/', scheme + 3);
            s = slash < 0 ? "" : s.substring(slash);
        }
        return s.startsWith("/") ? s : null;
    }

    /** A page for people, in both languages (Tomcat answers before the platform knows the page's language). */
    static String page(int status, String code) {
        String zh = status == 400 ? "无法读取该请求：网址过长或格式有误。请返回上一页重试。" : status >= 500 ? "发生意外错误。" : "错误 " + status + "。";
        String en = status == 400 ? "The request cannot be read: its address is too long or malformed. Go back and try again."
                : status >= 500 ? "An unexpected error occurred." : "Error " + status + ".";
        return "<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\"><title>OpenETS " + status + "</title></head><body>"
                + "<main id=\"error\" data-code=\"" + code + "\"><h1>" + status + " " + code + "</h1><p lang=\"zh\">" + zh + "</p><p lang=\"en\">" + en
                + "</p><p><a href=\"/accounts\">返回 / Back</a></p></main></body></html>\n";
    }

    /** Puts the valve in place of Tomcat's on the host. */
    @Component
    public static final class Installer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {
        @Override public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.getPipeline().addValve(new ProblemErrorReportValve());
                    host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                }
            });
        }
    }
}
