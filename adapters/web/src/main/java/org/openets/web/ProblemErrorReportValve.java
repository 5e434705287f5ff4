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
 * or backslash ({@code ..%2F}, {@code %5C}) or a broken escape ({@code %ZZ}) — as problem+json with a stable code
 * (400 BAD_REQUEST) instead of Tomcat's HTML page. Answers that already have a body (everything Spring answers) are
 * left alone.
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
        String detail = status == 400 ? "the request cannot be read (for example, a path with an encoded slash, a backslash or a broken escape)"
                : status >= 500 ? "an unexpected error occurred" : "error " + status;
        String uri = request.getRequestURI();
        try {
            SecurityHeaders.apply(response, org.openets.web.security.SecurityConfiguration.CONTENT_SECURITY_POLICY);
            response.setContentType(ProblemResponses.MEDIA_TYPE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(ProblemResponses.json(status, code, detail, uri == null ? "" : uri));
                response.finishResponse();
            }
        } catch (java.io.IOException | IllegalStateException e) {
            // the client is gone or the response cannot be written: nothing more to say
        }
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
