package org.openets.web.ui;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.util.Locale;

/**
 * A recorded action ({@code READ transaction}, {@code PROPOSE TRANSFER}, {@code GRANT role}: a verb and what it was
 * done to, as the refusal log stores it) in the page's language ({@code ${@actionTexts.action(r.action())}}): the verb
 * by {@code audit.verb.<VERB>}, the object by {@code audit.object.<object>} or, for a transaction type, by
 * {@code txtype.<TYPE>}; a verb whose Chinese depends on its object by {@code audit.verb.<VERB>.<object>}. English is the
 * recorded text itself; a part without a message stays as recorded, apart from the other by a space.
 */
@Component("actionTexts")
public class ActionTexts {
    private final MessageSource messages;

    public ActionTexts(MessageSource messages) {
        this.messages = messages;
    }

    public String action(String recorded) {
        return action(recorded, LocaleContextHolder.getLocale());
    }

    public String action(String recorded, Locale locale) {
        if (recorded == null || !"zh".equals(locale.getLanguage())) return recorded;
        String r = recorded.strip();
        int space = r.indexOf(' ');
        String verb = space < 0 ? r : r.substring(0, space), object = space < 0 ? "" : r.substring(space + 1).strip();
        String v = UiMessages.or(messages, "audit.verb." + verb, null, locale);
        if (object.isEmpty()) return v == null ? verb : v;
        String key = object.replace(' ', '_');
        String o = UiMessages.or(messages, "audit.object." + key, null, locale);
        if (o == null) {
            // PROPOSE TRANSFER, PROPOSE REVERSAL transaction: a transaction type, then perhaps a word
            int s = object.indexOf(' ');
            String first = s < 0 ? object : object.substring(0, s);
            o = UiMessages.or(messages, "txtype." + first, null, locale);
        }
        // a verb whose Chinese depends on what it is done to (OPEN an account 开立, OPEN administration 进入)
        if (o != null) v = UiMessages.or(messages, "audit.verb." + verb + "." + key, v, locale);
        // Chinese words join without a space; a part left as recorded (GET /api/v1/x) keeps its space
        if (v == null || o == null) return (v == null ? verb : v) + " " + (o == null ? object : o);
        return v + o;
    }

}
