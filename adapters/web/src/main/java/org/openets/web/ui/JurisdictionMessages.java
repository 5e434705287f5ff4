package org.openets.web.ui;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.support.AbstractMessageSource;

import java.text.MessageFormat;
import java.util.Locale;

/**
 * The jurisdictions' names as messages ({@code jurisdiction.GD} → 广东 / Guangdong), from the reference data: the UI
 * bundles' parent (WebConfiguration), so that a refusal can name a jurisdiction as a term
 * ({@code Problem.jurisdiction(code)}) and a page shows it in its language, like any other word of the bundles.
 */
public final class JurisdictionMessages extends AbstractMessageSource {
    static final String PREFIX = "jurisdiction.";
    private final ObjectProvider<Names> names;

    public JurisdictionMessages(ObjectProvider<Names> names) { this.names = names; }

    @Override protected MessageFormat resolveCode(String code, Locale locale) {
        String name = resolveCodeWithoutArguments(code, locale);
        return name == null ? null : new MessageFormat(name.replace("'", "''"), locale);
    }

    @Override protected String resolveCodeWithoutArguments(String code, Locale locale) {
        if (!code.startsWith(PREFIX)) return null;
        return names.getObject().jurisdiction(code.substring(PREFIX.length()), locale);
    }
}
