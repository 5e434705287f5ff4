package org.openets.web.ui;

import org.springframework.context.MessageSource;

import java.util.Locale;

/** A message of the UI's bundles as it is written (no arguments, no MessageFormat), or {@code fallback} when the bundle has none. */
final class UiMessages {
    private UiMessages() {}

    static String or(MessageSource messages, String code, String fallback, Locale locale) {
        String m = messages.getMessage(code, null, null, locale);
        return m == null ? fallback : m;
    }
}
