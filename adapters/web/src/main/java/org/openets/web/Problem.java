package org.openets.web;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.http.HttpStatus;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refused request with a stable {@code code}, answered as {@code application/problem+json} (RFC 9457) by the
 * API and as a message by the pages. Codes are registry {@code Rejection} names where the registry's rule
 * applies, and the web layer's own for bad input and sign-in: MALFORMED_JSON, VALIDATION_FAILED, BAD_REQUEST,
 * UNSUPPORTED_MEDIA_TYPE, PAYLOAD_TOO_LARGE, UNAUTHENTICATED, BAD_CREDENTIALS, LOGIN_THROTTLED, TOKEN_EXPIRED,
 * TOKEN_REVOKED, TOKEN_UNKNOWN, FORBIDDEN, CSRF_TOKEN_INVALID, CSRF_REJECTED, UNKNOWN_SERIAL, NOT_FOUND (see
 * docs/reference/api-security.md); the emissions API's are listed in docs/reference/emissions-api.md. Clients match
 * on codes, so codes are never renamed.
 */
public final class Problem extends RuntimeException {
    private final HttpStatus status;
    private final String code;
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private String messageKey;
    private java.util.List<Object> messageArgs = java.util.List.of();
    private Integer messageLine;

    public Problem(HttpStatus status, String code, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static Problem badRequest(String code, String detail) { return new Problem(HttpStatus.BAD_REQUEST, code, detail); }

    public static Problem unprocessable(String code, String detail) { return new Problem(HttpStatus.UNPROCESSABLE_CONTENT, code, detail); }

    public static Problem notFound(String code, String detail) { return new Problem(HttpStatus.NOT_FOUND, code, detail); }

    public static Problem forbidden(String code, String detail) { return new Problem(HttpStatus.FORBIDDEN, code, detail); }

    public Problem with(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    /**
     * What the detail says, for a page in another language: a message key of the UI's bundles ({@code detail.*}) and its
     * arguments (names, numbers, codes as typed; a word of the page's language as a {@link #term}). The API answers with
     * the English detail; the pages show the message.
     */
    public Problem say(String key, Object... args) {
        this.messageKey = key;
        java.util.List<Object> a = new java.util.ArrayList<>(args.length);
        for (Object o : args) a.add(o instanceof MessageSourceResolvable r ? r : String.valueOf(o));
        this.messageArgs = java.util.List.copyOf(a);
        return this;
    }

    /**
     * An argument of {@link #say} that is itself a message of the UI's bundles (a transaction type's name, {@code txtype.SURRENDER}),
     * so that a Chinese sentence names it in Chinese rather than by its code; {@code code} where the bundle lacks the key.
     */
    public static MessageSourceResolvable term(String key, String code) {
        return new DefaultMessageSourceResolvable(new String[] {key}, null, code);
    }

    /** A transaction type by its name in the page's language ({@code txtype.<TYPE>}). */
    public static MessageSourceResolvable term(org.openets.registry.TransactionType type) {
        return term("txtype." + type.name(), type.name());
    }

    /**
     * A jurisdiction by its name in the page's language (全国碳市场, Guangdong): {@code jurisdiction.<CODE>}, which the
     * reference data answers (JurisdictionMessages, the UI bundles' parent); the code where it has none.
     */
    public static MessageSourceResolvable jurisdiction(String code) { return term("jurisdiction." + code, code); }

    /** An account type of a jurisdiction, as the controls are kept (福建·交易持有账户, Trading holding accounts of Fujian). */
    public static MessageSourceResolvable controlsOf(String jurisdiction, String accountType) {
        return new DefaultMessageSourceResolvable(new String[] {"text.controlsOf"}, new Object[] {jurisdiction(jurisdiction), accountType(accountType)},
                jurisdiction + " " + accountType);
    }

    /** A label and its value with the language's colon ({@code text.labelled}: CEA 2025：100,000 / CEA 2025: 100,000). */
    public static MessageSourceResolvable labelled(Object label, Object value) {
        return new DefaultMessageSourceResolvable(new String[] {"text.labelled"}, new Object[] {label, value}, label + ": " + value);
    }

    /** A word and an aside in the language's brackets ({@code text.parenthesised}: 全国碳市场（3） / National market (3)). */
    public static MessageSourceResolvable parenthesised(Object word, Object aside) {
        return new DefaultMessageSourceResolvable(new String[] {"text.parenthesised"}, new Object[] {word, aside}, word + " (" + aside + ")");
    }

    /** An account type by its name in the page's language ({@code accounttype.<TYPE>}). */
    public static MessageSourceResolvable accountType(String code) { return term("accounttype." + code, code); }

    /** The line of a batch or a table the message is about (a page says 第 3 行： before it). */
    public Problem onLine(int line) {
        this.messageLine = line;
        return this;
    }

    public Integer messageLine() { return messageLine; }

    public String messageKey() { return messageKey; }

    /** Strings, and {@link #term}s that the page resolves in its language. */
    public java.util.List<Object> messageArgs() { return messageArgs; }

    public HttpStatus status() { return status; }

    public String code() { return code; }

    public String detail() { return getMessage(); }

    public Map<String, Object> properties() { return properties; }
}
