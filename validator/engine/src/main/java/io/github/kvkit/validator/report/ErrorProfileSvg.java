package io.github.kvkit.validator.report;

import io.github.kvkit.validator.observe.ErrorProfile;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * One {@link ErrorProfile} on the diagnose page: a bar per position, on a log scale since errors span orders of
 * magnitude, red where it exceeds the dashed line of the error allowed there, magenta (full height) where it is
 * not finite. At most {@link #MAX_BARS} bars: longer profiles are pooled, each bar the worst of its positions.
 */
final class ErrorProfileSvg {

    static final int MAX_BARS = 128;
    /** The log scale spans at most this many powers of ten below its top. */
    private static final int DECADES = 12;

    private static final int WIDTH = 560;
    private static final int HEIGHT = 230;
    private static final int LEFT = 64;
    private static final int RIGHT = 110;
    private static final int TOP = 24;
    private static final int BOTTOM = 44;
    private static final String WITHIN = "#4c78a8";
    private static final String OVER = "#d62728";

    private ErrorProfileSvg() {
    }

    /** The chart and its notes, as an HTML fragment. */
    static String render(ErrorProfile p) {
        int n = p.error().length;
        int bars = Math.min(n, MAX_BARS);
        double[] error = new double[bars];
        double[] limit = new double[bars];
        pool(p, error, limit);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < bars; i++) {
            for (double v : new double[] {error[i], limit[i]}) {
                if (Double.isFinite(v) && v > 0) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        int top = hi > 0 ? (int) Math.ceil(Math.log10(hi)) : 0;
        int bottom = lo < Double.POSITIVE_INFINITY ? (int) Math.floor(Math.log10(lo)) : top - 1;
        bottom = Math.max(Math.min(bottom, top - 1), top - DECADES);
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        double slot = bars == 0 ? plotW : plotW / bars;
        int b = bottom;
        DoubleUnaryOperator y = v -> TOP + plotH
                - (Math.max(b, Math.min(top, Math.log10(v))) - b) / (top - b) * plotH;

        StringBuilder svg = new StringBuilder("<div class=\"profile\">");
        svg.append("<svg class=\"chart\" width=\"" + WIDTH + "\" height=\"" + HEIGHT + "\" viewBox=\"0 0 " + WIDTH + " "
                + HEIGHT + "\" role=\"img\"><title>").append(HtmlText.escape(p.title())).append("</title>\n");
        svg.append(HeatmapSvg.text(LEFT, 16, "start", "label", p.title() + " (log scale)"));
        int every = (top - bottom + 6) / 7;   // at most 8 grid lines
        for (int e = top; e >= bottom; e -= every) {
            double at = y.applyAsDouble(Math.pow(10, e));
            svg.append("<line x1=\"" + LEFT + "\" y1=\"" + HtmlText.px(at) + "\" x2=\"" + HtmlText.px(LEFT + plotW)
                    + "\" y2=\"" + HtmlText.px(at) + "\" stroke=\"#e0e0e0\"/>\n");
            svg.append(HeatmapSvg.text(LEFT - 4, at + 4, "end", "tick", "1e" + e));
        }
        StringBuilder line = new StringBuilder();
        boolean joined = false;
        for (int i = 0; i < bars; i++) {
            double x = LEFT + i * slot;
            boolean finite = Double.isFinite(error[i]);
            if (!finite || error[i] > 0) {
                double yTop = finite ? Math.min(TOP + plotH - 1, y.applyAsDouble(error[i])) : TOP;
                String fill = !finite ? ColorScale.NON_FINITE : error[i] > limit[i] ? OVER : WITHIN;
                svg.append("<rect x=\"" + HtmlText.px(x + slot * 0.1) + "\" y=\"" + HtmlText.px(yTop) + "\" width=\""
                        + HtmlText.px(Math.max(0.5, slot * 0.8)) + "\" height=\"" + HtmlText.px(TOP + plotH - yTop)
                        + "\" fill=\"" + fill + "\"/>\n");
            }
            boolean drawn = Double.isFinite(limit[i]) && limit[i] > 0;
            if (drawn) {
                line.append(joined ? "L" : "M").append(HtmlText.px(x)).append(' ')
                        .append(HtmlText.px(y.applyAsDouble(limit[i]))).append('h').append(HtmlText.px(slot));
            }
            joined = drawn;
        }
        if (!line.isEmpty()) {
            svg.append("<path d=\"").append(line)
                    .append("\" fill=\"none\" stroke=\"#000\" stroke-dasharray=\"4 3\"/>\n");
        }
        svg.append("<rect x=\"" + LEFT + "\" y=\"" + TOP + "\" width=\"" + HtmlText.px(plotW) + "\" height=\""
                + HtmlText.px(plotH) + "\" fill=\"none\" stroke=\"#444\"/>\n");
        svg.append(HeatmapSvg.text(LEFT + slot / 2, TOP + plotH + 14, "middle", "tick", "0"));
        if (n > 1) {
            svg.append(HeatmapSvg.text(LEFT + plotW - slot / 2, TOP + plotH + 14, "middle", "tick",
                    String.valueOf(n - 1)));
        }
        svg.append(HeatmapSvg.text(LEFT + plotW / 2, TOP + plotH + 32, "middle", "axis", p.axis()));
        svg.append("<text class=\"axis\" text-anchor=\"middle\" transform=\"translate(14 "
                + HtmlText.px(TOP + plotH / 2) + ") rotate(-90)\">max |error|</text>\n");
        keyEntry(svg, 0, "<rect x=\"0\" y=\"-8\" width=\"10\" height=\"10\" fill=\"" + WITHIN + "\"/>", "within limit");
        keyEntry(svg, 1, "<rect x=\"0\" y=\"-8\" width=\"10\" height=\"10\" fill=\"" + OVER + "\"/>", "over limit");
        keyEntry(svg, 2, "<rect x=\"0\" y=\"-8\" width=\"10\" height=\"10\" fill=\"" + ColorScale.NON_FINITE + "\"/>",
                "not finite");
        keyEntry(svg, 3, "<line x1=\"0\" y1=\"-3\" x2=\"12\" y2=\"-3\" stroke=\"#000\" stroke-dasharray=\"4 3\"/>",
                "allowed error");
        svg.append("</svg>\n");
        for (String note : notes(p, n, bars, bottom)) {
            svg.append("<p class=\"note\">").append(note).append("</p>\n");
        }
        return svg.append("</div>\n").toString();
    }

    private static void keyEntry(StringBuilder svg, int row, String swatch, String label) {
        svg.append("<g transform=\"translate(" + (WIDTH - RIGHT + 10) + " " + (TOP + 12 + 18 * row) + ")\">")
                .append(swatch).append(HeatmapSvg.text(16, 0, "start", "tick", label)).append("</g>\n");
    }

    /**
     * {@code p}'s positions in {@code error.length} bars: each bar the largest error of its positions (a value that
     * is not finite first) with the limit of that same position, so a bar over its line is a position that fails.
     */
    static void pool(ErrorProfile p, double[] error, double[] limit) {
        int n = p.error().length;
        for (int bar = 0; bar < error.length; bar++) {
            int from = CellGrid.start(bar, n, error.length);
            int to = CellGrid.start(bar + 1, n, error.length);
            int worst = from;
            for (int i = from; i < to; i++) {
                double e = p.error()[i];
                double w = p.error()[worst];
                if (!Double.isFinite(e) ? Double.isFinite(w) : Double.isFinite(w) && e > w) {
                    worst = i;
                }
            }
            error[bar] = p.error()[worst];
            limit[bar] = p.limit()[worst];
        }
    }

    private static List<String> notes(ErrorProfile p, int n, int bars, int bottom) {
        List<String> notes = new ArrayList<>();
        if (n == 0) {
            notes.add("No positions to show.");
        }
        if (bars < n) {
            notes.add("Drawn as " + bars + " bars for " + n + " positions: each bar is the largest error of about "
                    + (n / bars) + " positions, with the limit at that position.");
        }
        long zero = 0;
        long nonFinite = 0;
        long below = 0;
        for (double e : p.error()) {
            if (!Double.isFinite(e)) {
                nonFinite++;
            } else if (e == 0) {
                zero++;
            } else if (Math.log10(e) < bottom) {
                below++;
            }
        }
        if (nonFinite > 0) {
            notes.add("<span class=\"nonfinite\">■</span> At " + nonFinite + " position" + (nonFinite == 1 ? "" : "s")
                    + " the candidate's value is not finite or missing (full-height magenta bars).");
        }
        if (zero > 0) {
            notes.add(zero + " position" + (zero == 1 ? " has" : "s have") + " no error at all: no bar (log scale).");
        }
        if (below > 0) {
            notes.add(below + " error" + (below == 1 ? " is" : "s are") + " below 1e" + bottom
                    + " and drawn at the bottom of the chart.");
        }
        return notes;
    }
}
