package org.openets.web.api;

import jakarta.servlet.http.HttpServletRequest;
import org.openets.web.BodyLimitFilter;
import org.openets.web.JsonInput;
import org.openets.web.Problem;
import org.openets.web.ProblemResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every API error as {@code application/problem+json} with a stable {@code code}. Bad input is a 4xx, never a
 * 5xx: a 500 here means a bug.
 */
@RestControllerAdvice(basePackages = "org.openets.web.api")
public class ApiProblems {
    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    static ResponseEntity<ProblemDetail> answer(HttpServletRequest req, HttpStatusCode status, String code, String detail, Map<String, Object> properties) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemResponses.detail(status, code, detail, req.getRequestURI(), properties));
    }

    @ExceptionHandler(Problem.class)
    ResponseEntity<ProblemDetail> problem(Problem e, HttpServletRequest req) {
        ResponseEntity<ProblemDetail> answer = answer(req, e.status(), e.code(), e.detail(), e.properties());
        // a refusal that says when to try again says it in HTTP's own header too (429 VERIFICATION_COOLDOWN)
        if (e.properties().get("retryAfterSeconds") instanceof Number wait)
            return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders()).header(org.springframework.http.HttpHeaders.RETRY_AFTER,
                    Long.toString(wait.longValue())).body(answer.getBody());
        return answer;
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e, HttpServletRequest req) {
        for (Throwable t = e; t != null; t = t.getCause())
            if (t instanceof BodyLimitFilter.PayloadTooLarge tooLarge)
                return answer(req, HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE", tooLarge.getMessage(), null);
        for (Throwable t = e; t != null; t = t.getCause()) {
            // a field sent twice in one object (JsonInput turns on the parser's duplicate detection): never the last one taken
            if (t instanceof tools.jackson.core.exc.StreamReadException dup && dup.getOriginalMessage() != null
                    && dup.getOriginalMessage().startsWith("Duplicate Object property")) {
                java.util.regex.Matcher name = java.util.regex.Pattern.compile("\"([^\"]*)\"").matcher(dup.getOriginalMessage());
                return answer(req, HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "field " + (name.find() ? name.group(1) : "?") + " is sent twice", null);
            }
            if (t instanceof UnrecognizedPropertyException unknown)
                return answer(req, HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "unknown field " + field(unknown), null);
            if (t instanceof InputCoercionException range && !range.getPath().isEmpty()) {
                // valid JSON, but a number the field cannot hold (e.g. an int field given 9999999999)
                String field = field(range);
                if (field.equals("quantity") || field.endsWith(".quantity"))
                    return answer(req, HttpStatus.UNPROCESSABLE_CONTENT, "INVALID_QUANTITY", "quantity must be a whole number of tonnes", null);
                return answer(req, HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "field " + field + " is out of range", null);
            }
            if (t instanceof MismatchedInputException mismatch) {
                if (mismatch.getPath().isEmpty())
                    return answer(req, HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "the body must be a JSON object", null);
                String field = field(mismatch);
                if (mismatch instanceof InvalidFormatException f && f.getTargetType() == String.class
                        && JsonInput.CONTROL_CHARACTER.equals(f.getOriginalMessage()))
                    return answer(req, HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "field " + field + " contains a control character", null);
                if (field.equals("quantity") || field.endsWith(".quantity"))
                    return answer(req, HttpStatus.UNPROCESSABLE_CONTENT, "INVALID_QUANTITY", "quantity must be a whole number of tonnes", null);
                return answer(req, HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "field " + field + " has the wrong type", null);
            }
        }
        return answer(req, HttpStatus.BAD_REQUEST, "MALFORMED_JSON", "the request body is not valid JSON", null);
    }

    /** The path of the field a read failed on, as {@code lines[1].quantity}. */
    static String field(JacksonException e) {
        StringBuilder s = new StringBuilder();
        for (JacksonException.Reference r : e.getPath()) {
            if (r.getPropertyName() != null) s.append(s.isEmpty() ? "" : ".").append(r.getPropertyName());
            else s.append('[').append(r.getIndex()).append(']');
        }
        return s.toString();
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest req) {
        return answer(req, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE", "send application/json", null);
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e, HttpServletRequest req) {
        return answer(req, HttpStatus.NOT_ACCEPTABLE, "NOT_ACCEPTABLE", "the API answers application/json", null);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e, HttpServletRequest req) {
        return answer(req, HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED", e.getMessage(), null);
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class, MissingPathVariableException.class,
            MethodArgumentNotValidException.class, HandlerMethodValidationException.class})
    ResponseEntity<ProblemDetail> invalid(Exception e, HttpServletRequest req) {
        String detail = e instanceof MethodArgumentTypeMismatchException m ? m.getName() + " has the wrong format" : "the request is not valid";
        return answer(req, HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", detail, null);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> bug(Exception e, HttpServletRequest req) throws Exception {
        if (e instanceof AccessDeniedException || e instanceof AuthenticationException) throw e;
        log.error("unexpected failure on {} {}", req.getMethod(), req.getRequestURI(), e);
        return answer(req, HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "an unexpected error occurred", null);
    }
}
