package org.openets.web.ui;

import org.openets.web.Problem;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * A refusal's message arguments as a page shows them ({@code ${@said.args(flash.messageArgs())}}): each
 * {@link Problem.Term} named in the page's language when the page is drawn (a jurisdiction by the reference data's
 * name, an account type by its message), every other argument as it was said.
 */
@Component("said")
public class Said {
    private final MessageSource messages;
    private final Names names;

    public Said(MessageSource messages, Names names) {
        this.messages = messages;
        this.names = names;
    }

    public Object[] args(Object said) {
        List<?> in = said instanceof Object[] a ? List.of(a) : said instanceof List<?> l ? l : List.of();
        Object[] out = new Object[in.size()];
        for (int i = 0; i < out.length; i++) out[i] = named(in.get(i));
        return out;
    }

    private Object named(Object arg) {
        if (!(arg instanceof String s) || !s.startsWith(Problem.TERM)) return arg;
        String term = s.substring(Problem.TERM.length());
        int colon = term.indexOf(':');
        String kind = term.substring(0, colon), code = term.substring(colon + 1);
        if (kind.equals("jurisdiction")) return names.jurisdiction(code);
        return UiMessages.or(messages, kind + "." + code, code, LocaleContextHolder.getLocale());
    }
}
