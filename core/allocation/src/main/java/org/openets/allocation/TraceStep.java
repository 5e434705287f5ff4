package org.openets.allocation;

import java.math.BigDecimal;
import java.util.List;

/**
 * One step of a line's explanation: the named rule ({@code BENCHMARK}, {@code COOLING}, {@code LOAD},
 * {@code ROUNDING}…), what it did in words and numbers, the value it produced, and the ruleset rows it read. A step
 * that read an unconfirmed row says so ({@link #unconfirmed()}), and every page, export and CLI output badges it.
 */
public record TraceStep(String rule, String text, BigDecimal value, List<Param> params) {
    public TraceStep {
        params = List.copyOf(params);
    }

    public boolean unconfirmed() { return params.stream().anyMatch(Param::isUnconfirmed); }

    /** One line of text: {@code LOAD: F=0.70 < 0.75: 1.015^(16 − 20×0.70) = 1.030225 [U]}. */
    public String render() {
        StringBuilder b = new StringBuilder(rule).append(": ").append(text);
        if (unconfirmed()) b.append(" [U]");
        if (!params.isEmpty()) {
            b.append(" ← ");
            for (int i = 0; i < params.size(); i++) b.append(i == 0 ? "" : "; ").append(params.get(i).cite());
        }
        return b.toString();
    }
}
