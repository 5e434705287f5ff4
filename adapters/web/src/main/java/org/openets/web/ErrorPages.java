package org.openets.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

import java.io.IOException;

/**
 * Errors that happen outside a controller (no such page, a failure in a filter): problem+json for the API, a
 * page for people. Replaces Spring Boot's default error controller.
 */
@Controller
public class ErrorPages implements ErrorController {

    @RequestMapping("/error")
    public String error(HttpServletRequest request, HttpServletResponse response, Model model) throws IOException {
        Object s = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = s instanceof Integer i ? i : 500;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri == null ? request.getRequestURI() : uri.toString();
        String code = switch (status) {
            case 400 -> "VALIDATION_FAILED";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406 -> "NOT_ACCEPTABLE";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            default -> status >= 500 ? "INTERNAL_ERROR" : "BAD_REQUEST";
        };
        HttpStatus known = HttpStatus.resolve(status);
        String detail = known == null ? "error " + status : known.getReasonPhrase();
        if (path.startsWith(request.getContextPath() + "/api/")) {
            ProblemResponses.write(new PathRequest(request, path), response, status, code, detail);
            return null;
        }
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("code", code);
        // what is too large: an allocation table has its own limit in lines; any other form is simply too large
        org.openets.web.ui.PageSupport.refusedAction(model, request, status);
        if (status == 413) model.addAttribute("explanation", path.startsWith(request.getContextPath() + "/admin/allocation") ? "error.413.allocation" : "error.413");
        return "error";
    }

    /** The original request's path for the problem's {@code instance}. */
    private static final class PathRequest extends jakarta.servlet.http.HttpServletRequestWrapper {
        private final String path;

        PathRequest(HttpServletRequest r, String path) {
            super(r);
            this.path = path;
        }

        @Override public String getRequestURI() { return path; }
    }
}
