package org.openets.web.ui;

import org.openets.workflows.registry.spi.RegistryReadModel;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/**
 * Names of reference data in the page's language ({@code ${@names.jurisdiction('GD')}} → 广东 / Guangdong), from the
 * registry's own tables (data, not messages), read again at most once a minute; an unknown code is shown as it is.
 */
@Component("names")
public class Names {
    private static final long TTL_NANOS = 60_000_000_000L;
    private final RegistryReadModel read;
    private volatile Map<String, List<String>> jurisdictions;
    private volatile long readAt;

    public Names(RegistryReadModel read) {
        this.read = read;
    }

    public String jurisdiction(String code) {
        if (code == null) return "";
        String n = jurisdiction(code, LocaleContextHolder.getLocale());
        return n == null ? code : n;
    }

    /** A jurisdiction's name in {@code locale}'s language; null for a code the reference data does not know. */
    public String jurisdiction(String code, java.util.Locale locale) {
        List<String> n = names().get(code);
        if (n == null) return null;
        return "zh".equals(locale.getLanguage()) ? n.get(0) : n.get(1);
    }

    /** The jurisdictions' codes, in the order of the reference data. */
    public List<String> jurisdictionCodes() { return List.copyOf(names().keySet()); }

    private Map<String, List<String>> names() {
        Map<String, List<String>> names = jurisdictions;
        if (names == null || System.nanoTime() - readAt > TTL_NANOS) {
            names = read.jurisdictionNames();
            jurisdictions = names;
            readAt = System.nanoTime();
        }
        return names;
    }
}
