package org.openets.web.ui;

import org.openets.allocation.Comparison;
import org.openets.allocation.WhatIf;

import java.util.List;

/**
 * Small server-drawn SVG bar charts (no script, readable without JavaScript): allowance against verified emissions per
 * entity for a what-if, and plan A against plan B per unit for a comparison. Labels are escaped. A chart is named by
 * the page's element {@value #CAPTION} (its caption, in the page's language, which says the table below holds its figures).
 */
final class Charts {
    private Charts() { }

    /** The id of the caption that names a chart for a screen reader (the templates put it under the chart). */
    static final String CAPTION = "chart-caption";

    static String esc(String s) { return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;"); }

    static String gapBars(List<WhatIf.Aggregate> rows) {
        return bars(rows.stream().map(a -> new Bar(a.key(), a.allowance(), a.emissions())).toList(), "allowance 配额", "verified emissions 核查排放");
    }

    static String pairBars(Comparison.Result r) {
        return bars(r.lines().stream().map(l -> new Bar(l.unitId(), l.allowanceA(), l.allowanceB())).toList(),
                r.a().rulesetId() + " " + r.a().year(), r.b().rulesetId() + " " + r.b().year());
    }

    record Bar(String label, long a, long b) { }

    static String bars(List<Bar> bars, String legendA, String legendB) {
        int rows = Math.min(bars.size(), 40);
        long max = 1;
        for (int i = 0; i < rows; i++) max = Math.max(max, Math.max(bars.get(i).a(), bars.get(i).b()));
        int w = 640, left = 150, h = 30 + rows * 26;
        StringBuilder s = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" aria-labelledby=\"" + CAPTION + "\" width=\"" + w + "\" height=\"" + h
                + "\" viewBox=\"0 0 " + w + " " + h + "\">");
        s.append("<rect x=\"").append(left).append("\" y=\"4\" width=\"12\" height=\"10\" fill=\"#2b6cb0\"/><text x=\"").append(left + 16).append("\" y=\"13\" font-size=\"11\">")
                .append(esc(legendA)).append("</text>");
        s.append("<rect x=\"").append(left + 260).append("\" y=\"4\" width=\"12\" height=\"10\" fill=\"#dd6b20\"/><text x=\"").append(left + 276).append("\" y=\"13\" font-size=\"11\">")
                .append(esc(legendB)).append("</text>");
        for (int i = 0; i < rows; i++) {
            Bar b = bars.get(i);
            int y = 24 + i * 26;
            long wa = b.a() * (w - left - 10) / max, wb = b.b() * (w - left - 10) / max;
            s.append("<text x=\"").append(left - 6).append("\" y=\"").append(y + 14).append("\" font-size=\"11\" text-anchor=\"end\">").append(esc(b.label())).append("</text>");
            s.append("<rect class=\"bar-a\" x=\"").append(left).append("\" y=\"").append(y).append("\" width=\"").append(wa).append("\" height=\"10\" fill=\"#2b6cb0\"><title>")
                    .append(b.a()).append(" t</title></rect>");
            s.append("<rect class=\"bar-b\" x=\"").append(left).append("\" y=\"").append(y + 11).append("\" width=\"").append(wb).append("\" height=\"10\" fill=\"#dd6b20\"><title>")
                    .append(b.b()).append(" t</title></rect>");
        }
        return s.append("</svg>").toString();
    }
}
