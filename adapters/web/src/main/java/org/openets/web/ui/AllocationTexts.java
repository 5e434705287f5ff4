package org.openets.web.ui;

import org.openets.allocation.Param;
import org.openets.allocation.TraceStep;
import org.openets.allocation.TraceText;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The allocation pages' texts in the page's language: a trace step, a rule's or a method's name, a ruleset's bilingual
 * label, an exact figure for reading.
 *
 * <p>A trace step in the page's language ({@code ${@allocationTexts.line(step)}} in a template): the rule's name
 * ({@code alloc.rule.<RULE>}), the step's sentence ({@code alloc.trace.<key>}) filled with the step's own arguments,
 * those that are words ({@link TraceText#TERMS}: {@code water}, {@code HALF_UP}, {@code generation}…) by
 * {@code alloc.term.<word>} (a category code or a region stays as it is), the [U]
 * badge, and the ruleset rows it read. The numbers are the step's, unchanged; English is {@link TraceStep#render()}.
 * A key missing from a bundle falls back to the English text (and a test keeps the bundles complete).
 */
@Component("allocationTexts")
public class AllocationTexts {
    private final MessageSource messages;

    public AllocationTexts(MessageSource messages) {
        this.messages = messages;
    }

    public String line(TraceStep s) {
        return line(s, LocaleContextHolder.getLocale());
    }

    public String line(TraceStep s, Locale locale) {
        if (!"zh".equals(locale.getLanguage())) return s.render();
        StringBuilder b = new StringBuilder(UiMessages.or(messages, "alloc.rule." + s.rule(), s.rule(), locale)).append("：").append(sentence(s, locale));
        if (s.unconfirmed()) b.append(" [U]");
        if (!s.params().isEmpty()) {
            b.append(" ← ");
            for (int i = 0; i < s.params().size(); i++) b.append(i == 0 ? "" : "；").append(cite(s.params().get(i), locale));
        }
        return b.toString();
    }

    /**
     * An exact allocation figure for reading: grouped thousands and at most four decimals (half-even), e.g.
     * {@code 7,079,108.688} for 7079108.68800044543150000; the page gives the exact value in full as the cell's title.
     */
    public String exact(java.math.BigDecimal v) {
        if (v == null) return "";
        java.math.BigDecimal r = v.setScale(Math.min(Math.max(v.scale(), 0), 4), java.math.RoundingMode.HALF_EVEN).stripTrailingZeros();
        java.text.DecimalFormat f = new java.text.DecimalFormat("#,##0.####", java.text.DecimalFormatSymbols.getInstance(Locale.ROOT));
        f.setRoundingMode(java.math.RoundingMode.HALF_EVEN);
        return (r.compareTo(v) == 0 ? "" : "≈ ") + f.format(r);
    }

    /**
     * A ruleset's bilingual label ({@code 超超临界 1000 MW / ultra-supercritical 1000 MW}) in the page's language: the part
     * before " / " in Chinese, the part after it in English; a label without " / " as it is. After a full-width
     * character the space before the slash may be left out ({@code …（发电行业）/ National power 2019–2020}).
     */
    public String label(String label) {
        if (label == null || label.isBlank()) return "";
        java.util.regex.Matcher m = BILINGUAL.matcher(label);
        if (!m.find()) return label.strip();
        return ("zh".equals(LocaleContextHolder.getLocale().getLanguage()) ? label.substring(0, m.start()) : label.substring(m.end())).strip();
    }

    /** Where a bilingual label's Chinese part ends: " / ", or "/ " right after a CJK or full-width character. */
    private static final java.util.regex.Pattern BILINGUAL = java.util.regex.Pattern.compile(" / |(?<=[\\u3000-\\u9fff\\uff00-\\uffef])/ ");

    /** A rule's or a method's name in the page's language ({@code BENCHMARK} → 基准线法); in English its code. */
    public String rule(String code) {
        Locale locale = LocaleContextHolder.getLocale();
        return "zh".equals(locale.getLanguage()) ? UiMessages.or(messages, "alloc.rule." + code, code, locale) : code;
    }

    String sentence(TraceStep s, Locale locale) {
        String pattern = UiMessages.or(messages, "alloc.trace." + s.key(), null, locale);
        if (pattern == null) return s.text();
        List<String> args = new ArrayList<>(s.args().size());
        java.util.Set<Integer> terms = TraceText.TERMS.getOrDefault(s.key(), java.util.Set.of());
        for (int i = 0; i < s.args().size(); i++) {
            String a = s.args().get(i);
            args.add(terms.contains(i) ? UiMessages.or(messages, "alloc.term." + a, a, locale) : a);
        }
        return TraceText.fill(pattern, args);
    }

    String cite(Param p, Locale locale) {
        String cite = p.cite();
        return p.isUnconfirmed() ? cite.replace(" UNCONFIRMED]", " " + UiMessages.or(messages, "alloc.term.UNCONFIRMED", "UNCONFIRMED", locale) + "]") : cite;
    }

}
