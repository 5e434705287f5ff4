package org.openets.web.ui;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeMap;

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

    /**
     * The recorded actions a Chinese page shows as {@code shown} ({@link #action}'s reverse), so that typing what the
     * page shows finds it: {@code 进入管理功能} is {@code OPEN administration}, {@code 查看} the verb {@code READ}. A text
     * two recorded actions read as (撤销: CANCEL and REVOKE) gives both; a text with no Chinese in it, or none the
     * page would show, gives nothing (it is filtered as typed).
     */
    public List<String> recorded(String shown) {
        if (shown == null) return List.of();
        String t = shown.strip().replaceAll("\\s+", " ");
        if (t.isEmpty() || t.chars().allMatch(c -> c < 128)) return List.of();
        Set<String> out = new LinkedHashSet<>();
        for (Map.Entry<String, String> v : zh.verbs.entrySet()) {
            String key = v.getKey(), text = v.getValue();
            int dot = key.indexOf('.');
            if (dot < 0 && t.equals(text)) out.add(key);
            if (!t.startsWith(text) || t.length() == text.length()) continue;
            String rest = t.substring(text.length()).strip();
            if (dot >= 0) {
                // a verb whose Chinese depends on its object: only with that object
                String object = key.substring(dot + 1);
                if (zh.objects.getOrDefault(rest, List.of()).contains(object)) out.add(key.substring(0, dot) + " " + object.replace('_', ' '));
                continue;
            }
            for (String object : zh.objects.getOrDefault(rest, List.of())) out.add(key + " " + object.replace('_', ' '));
            for (String type : zh.types.getOrDefault(rest, List.of())) {
                out.add(key + " " + type);
                out.add(key + " " + type + " transaction");
            }
            // an object with no Chinese stays as recorded, after a space
            if (t.charAt(text.length()) == ' ' && rest.chars().allMatch(c -> c < 128)) out.add(key + " " + rest);
        }
        // a verb with no Chinese stays as recorded: VERB 对象
        int space = t.indexOf(' ');
        if (space > 0 && t.substring(0, space).chars().allMatch(c -> c < 128)) {
            String verb = t.substring(0, space), rest = t.substring(space + 1);
            for (String object : zh.objects.getOrDefault(rest, List.of())) out.add(verb + " " + object.replace('_', ' '));
        }
        return List.copyOf(out);
    }

    /** The Chinese of the verbs ({@code READ}, {@code OPEN.administration}), objects and transaction types, by key. */
    private record Chinese(Map<String, String> verbs, Map<String, List<String>> objects, Map<String, List<String>> types) {
        static Chinese load() {
            ResourceBundle b = ResourceBundle.getBundle("messages", Locale.SIMPLIFIED_CHINESE,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            Map<String, String> verbs = new TreeMap<>();
            Map<String, List<String>> objects = new HashMap<>(), types = new HashMap<>();
            for (String k : b.keySet()) {
                if (k.startsWith("audit.verb.")) verbs.put(k.substring("audit.verb.".length()), b.getString(k));
                else if (k.startsWith("audit.object.")) objects.computeIfAbsent(b.getString(k), x -> new ArrayList<>()).add(k.substring("audit.object.".length()));
                else if (k.startsWith("txtype.") && k.indexOf('.', "txtype.".length()) < 0)
                    types.computeIfAbsent(b.getString(k), x -> new ArrayList<>()).add(k.substring("txtype.".length()));
            }
            return new Chinese(verbs, objects, types);
        }
    }

    private final Chinese zh = Chinese.load();
}
