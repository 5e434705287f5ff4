package org.openets.allocation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One step of a line's explanation: the named rule ({@code BENCHMARK}, {@code COOLING}, {@code LOAD},
 * {@code ROUNDING}…), what it did in words and numbers, the value it produced, and the ruleset rows it read. A step
 * that read an unconfirmed row says so ({@link #unconfirmed()}), and every page, export and CLI output badges it.
 *
 * <p>The words are not stored as text: a step carries the key of its sentence ({@link TraceText}) and the sentence's
 * arguments, already formatted (numbers as plain decimals, codes as they are). {@link #text()} is the English
 * sentence, which the CLI, the API and the exports show; a page in another language looks the key up in its own
 * messages and fills in the same arguments, so the numbers are the same in every language.
 */
public record TraceStep(String rule, String key, List<String> args, BigDecimal value, List<Param> params) {
    public TraceStep {
        if (!TraceText.ENGLISH.containsKey(key)) throw new IllegalArgumentException("no trace sentence " + key);
        args = List.copyOf(args);
        params = List.copyOf(params);
    }

    /** A step whose sentence {@code key} is filled with {@code args}: a {@link BigDecimal} as its plain decimal, anything else as its text. */
    static TraceStep of(String rule, BigDecimal value, List<Param> params, String key, Object... args) {
        List<String> a = new ArrayList<>(args.length);
        for (Object o : args) a.add(o instanceof BigDecimal d ? d.toPlainString() : String.valueOf(o));
        return new TraceStep(rule, key, a, value, params);
    }

    /** The sentence in English: {@code F=0.70 < 0.75: 1.015^(16 − 20F) = 1.015^2.0 = 1.030225}. */
    public String text() { return TraceText.fill(TraceText.ENGLISH.get(key), args); }

    public boolean unconfirmed() { return params.stream().anyMatch(Param::isUnconfirmed); }

    /** One line of text: {@code LOAD: F=0.70 < 0.75: 1.015^(16 − 20×0.70) = 1.030225 [U]}. */
    public String render() {
        StringBuilder b = new StringBuilder(rule).append(": ").append(text());
        if (unconfirmed()) b.append(" [U]");
        if (!params.isEmpty()) {
            b.append(" ← ");
            for (int i = 0; i < params.size(); i++) b.append(i == 0 ? "" : "; ").append(params.get(i).cite());
        }
        return b.toString();
    }
}
