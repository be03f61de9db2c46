package io.github.kvkit.validator.report;

import io.github.kvkit.validator.observe.Heatmap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@link Heatmap} on the diagnose page: the candidate's matrix, the reference's and their difference, side by
 * side as inline SVG, with notes on what was pooled and which values are not finite. Candidate and reference share
 * one sequential scale (so equal colours mean equal values); the difference has a diverging one, white at 0.
 */
final class HeatmapSvg {

    /** Non-finite entries listed by position under a heatmap; the rest are counted. */
    static final int LISTED_NON_FINITE = 5;

    private static final int LEFT = 40;
    private static final int RIGHT = 12;
    private static final int TOP = 22;
    private static final int BELOW = 66;
    private static final double PLOT = 256;
    private static final double MIN_CELL = 4;
    private static final double MAX_CELL = 24;
    private static final double MIN_LEGEND = 160;
    private static final double MIN_HEIGHT = 40;

    private HeatmapSvg() {
    }

    /** The SVG cells drawing {@code h} costs, counted against the page's budget. */
    static long cells(Heatmap h) {
        long grid = (long) Math.min(h.rows(), CellGrid.MAX_SIDE) * Math.min(h.cols(), CellGrid.MAX_SIDE);
        return h.candidate() == null ? grid : 3 * grid;
    }

    /** The three panels and their notes, as an HTML fragment. */
    static String render(Heatmap h) {
        double[] ref = h.reference();
        double[] cand = h.candidate();
        double[] diff = cand == null ? null : difference(cand, ref);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double extent = 0;
        for (int i = 0; i < ref.length; i++) {
            if (Double.isFinite(ref[i])) {
                lo = Math.min(lo, ref[i]);
                hi = Math.max(hi, ref[i]);
            }
            if (cand != null && Double.isFinite(cand[i])) {
                lo = Math.min(lo, cand[i]);
                hi = Math.max(hi, cand[i]);
            }
            if (diff != null && Double.isFinite(diff[i])) {
                extent = Math.max(extent, Math.abs(diff[i]));
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 0;
        }
        ColorScale values = ColorScale.sequential(lo, hi);
        ColorScale differences = ColorScale.diverging(extent);
        CellGrid refGrid = CellGrid.of(ref, h.rows(), h.cols());

        StringBuilder html = new StringBuilder();
        html.append("<div class=\"heatmap\"><h5>").append(HtmlText.escape(h.title()))
                .append("</h5>\n<div class=\"triple\">");
        html.append(panel(h, "candidate", "candidate", cand == null ? null : CellGrid.of(cand, h.rows(), h.cols()),
                values, false));
        html.append(panel(h, "reference", "reference", refGrid, values, false));
        html.append(panel(h, "difference (candidate − reference)", "candidate − reference",
                diff == null ? null : CellGrid.of(diff, h.rows(), h.cols()), differences, true));
        html.append("</div>\n");
        for (String note : notes(h, refGrid)) {
            html.append("<p class=\"note\">").append(note).append("</p>\n");
        }
        html.append("</div>\n");
        return html.toString();
    }

    /** What the panels cannot show: pooling, the positions of non-finite values, a missing candidate. */
    private static List<String> notes(Heatmap h, CellGrid grid) {
        List<String> notes = new ArrayList<>();
        if (h.candidate() == null) {
            notes.add("No result: the candidate returned nothing usable of this shape, so only the reference is "
                    + "drawn.");
        }
        if (grid.pooled()) {
            notes.add("Drawn as " + grid.cellRows() + "×" + grid.cellCols() + " cells of the " + h.rows() + "×"
                    + h.cols() + " matrix: each cell shows the value of largest magnitude in its block of about "
                    + Math.round((double) h.rows() / grid.cellRows()) + "×"
                    + Math.round((double) h.cols() / grid.cellCols())
                    + " entries, a value that is not finite first.");
        }
        if (h.candidate() != null) {
            nonFinite(h, h.candidate(), "the candidate's").ifPresent(notes::add);
        }
        nonFinite(h, h.reference(), "the reference's").ifPresent(notes::add);
        return notes;
    }

    private static Optional<String> nonFinite(Heatmap h, double[] values, String whose) {
        Map<Integer, Double> listed = new LinkedHashMap<>();
        int count = 0;
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                count++;
                if (listed.size() < LISTED_NON_FINITE) {
                    listed.put(i, values[i]);
                }
            }
        }
        if (count == 0) {
            return Optional.empty();
        }
        List<String> where = new ArrayList<>();
        listed.forEach((i, v) -> where.add(HtmlText.number(v) + " at " + HtmlText.escape(h.rowAxis()) + " "
                + i / h.cols() + ", " + HtmlText.escape(h.colAxis()) + " " + i % h.cols()));
        return Optional.of("<span class=\"nonfinite\">■</span> " + count + " of " + whose + " values "
                + (count == 1 ? "is" : "are") + " not finite (drawn magenta): " + String.join("; ", where)
                + (count > listed.size() ? "; and " + (count - listed.size()) + " more" : "") + ".");
    }

    /** {@code cand - ref}, 0 where they are equal (equal infinities are no error). */
    private static double[] difference(double[] cand, double[] ref) {
        double[] d = new double[ref.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = cand[i] == ref[i] ? 0 : cand[i] - ref[i];
        }
        return d;
    }

    /**
     * One panel: its label (short enough for the narrowest panel; {@code name} is the longer one its title gives),
     * cells (or "no result" when {@code grid} is null), axes and legend.
     */
    private static String panel(Heatmap h, String name, String label, CellGrid grid, ColorScale scale,
                                boolean diverging) {
        int cellRows = Math.max(1, Math.min(h.rows(), CellGrid.MAX_SIDE));
        int cellCols = Math.max(1, Math.min(h.cols(), CellGrid.MAX_SIDE));
        double cw = Math.max(MIN_CELL, Math.min(MAX_CELL, PLOT / cellCols));
        // at least MIN_HEIGHT tall, so that a single row still has room for its axis title
        double ch = Math.max(MIN_HEIGHT / cellRows, Math.max(MIN_CELL, Math.min(MAX_CELL, PLOT / cellRows)));
        double pw = cw * cellCols;
        double ph = ch * cellRows;
        double legend = Math.max(pw, MIN_LEGEND);
        double width = LEFT + legend + RIGHT;
        double height = TOP + ph + BELOW;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"panel\" width=\"").append(HtmlText.px(width)).append("\" height=\"")
                .append(HtmlText.px(height)).append("\" viewBox=\"0 0 ").append(HtmlText.px(width)).append(' ')
                .append(HtmlText.px(height)).append("\" role=\"img\"><title>").append(HtmlText.escape(name + ": "
                        + h.title())).append("</title>\n");
        svg.append(text(LEFT, 14, "start", "label", label));
        if (grid == null || h.rows() == 0 || h.cols() == 0) {
            svg.append(rect(LEFT, TOP, pw, ph, ColorScale.NO_RESULT));
            svg.append(text(LEFT + pw / 2, TOP + ph / 2 + 4, "middle", "", grid == null ? "no result" : "empty"));
        } else {
            svg.append(cells(grid, scale, cw, ch));
        }
        svg.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"")
                .append(HtmlText.px(pw)).append("\" height=\"").append(HtmlText.px(ph))
                .append("\" fill=\"none\" stroke=\"#444\"/>\n");
        axes(svg, h, pw, ph, cw, ch);
        legend(svg, scale, diverging, TOP + ph + 36, legend, grid != null && hasNonFinite(grid));
        svg.append("</svg>");
        return svg.toString();
    }

    /** The cells, one stroke per run of equal colour in a row, grouped by colour, in cell units scaled to pixels. */
    private static String cells(CellGrid grid, ColorScale scale, double cw, double ch) {
        Map<Integer, StringBuilder> runs = new LinkedHashMap<>();
        for (int r = 0; r < grid.cellRows(); r++) {
            int c = 0;
            while (c < grid.cellCols()) {
                int level = scale.level(grid.cell(r, c));
                int end = c + 1;
                while (end < grid.cellCols() && scale.level(grid.cell(r, end)) == level) {
                    end++;
                }
                runs.computeIfAbsent(level, k -> new StringBuilder()).append('M').append(c).append(' ').append(r)
                        .append(".5h").append(end - c);
                c = end;
            }
        }
        StringBuilder svg = new StringBuilder();
        svg.append("<g transform=\"translate(").append(LEFT).append(' ').append(TOP).append(") scale(")
                .append(HtmlText.px(cw)).append(' ').append(HtmlText.px(ch))
                .append(")\" shape-rendering=\"crispEdges\" fill=\"none\">\n");
        runs.forEach((level, d) -> svg.append("<path stroke=\"").append(scale.color(level)).append("\" d=\"")
                .append(d).append("\"/>\n"));
        svg.append("</g>\n");
        return svg.toString();
    }

    /** The first and last index of each axis, and the axes' titles. */
    private static void axes(StringBuilder svg, Heatmap h, double pw, double ph, double cw, double ch) {
        svg.append(text(LEFT - 4, TOP + Math.min(ch, ph) / 2 + 4, "end", "tick", "0"));
        if (h.rows() > 1) {
            svg.append(text(LEFT - 4, TOP + ph - ch / 2 + 4, "end", "tick", String.valueOf(h.rows() - 1)));
        }
        svg.append(text(LEFT + Math.min(cw, pw) / 2, TOP + ph + 13, "middle", "tick", "0"));
        if (h.cols() > 1) {
            svg.append(text(LEFT + pw - cw / 2, TOP + ph + 13, "middle", "tick", String.valueOf(h.cols() - 1)));
        }
        svg.append(text(LEFT + pw / 2, TOP + ph + 27, "middle", "axis", h.colAxis()));
        double mid = TOP + ph / 2;
        svg.append("<text class=\"axis\" text-anchor=\"middle\" transform=\"translate(12 ").append(HtmlText.px(mid))
                .append(") rotate(-90)\">").append(HtmlText.escape(h.rowAxis())).append("</text>\n");
    }

    /** A strip of the scale's colours with its ends (and 0 when diverging); the non-finite colour when drawn. */
    private static void legend(StringBuilder svg, ColorScale scale, boolean diverging, double y, double width,
                               boolean nonFinite) {
        double strip = nonFinite ? width - 70 : width;
        double w = strip / ColorScale.LEVELS;
        for (int i = 0; i < ColorScale.LEVELS; i++) {
            svg.append(rect(LEFT + i * w, y, w + 0.5, 8, scale.color(i)));
        }
        svg.append(text(LEFT, y + 20, "start", "tick", HtmlText.number(scale.lo())));
        svg.append(text(LEFT + strip, y + 20, "end", "tick", HtmlText.number(scale.hi())));
        if (diverging) {
            svg.append(text(LEFT + strip / 2, y + 20, "middle", "tick", "0"));
        }
        if (nonFinite) {
            svg.append(rect(LEFT + strip + 8, y, 8, 8, ColorScale.NON_FINITE));
            svg.append(text(LEFT + strip + 20, y + 8, "start", "tick", "not finite"));
        }
    }

    private static boolean hasNonFinite(CellGrid grid) {
        for (double v : grid.cells()) {
            if (!Double.isFinite(v)) {
                return true;
            }
        }
        return false;
    }

    private static String rect(double x, double y, double w, double h, String fill) {
        return "<rect x=\"" + HtmlText.px(x) + "\" y=\"" + HtmlText.px(y) + "\" width=\"" + HtmlText.px(w)
                + "\" height=\"" + HtmlText.px(h) + "\" fill=\"" + fill + "\"/>\n";
    }

    static String text(double x, double y, String anchor, String cssClass, String text) {
        return "<text x=\"" + HtmlText.px(x) + "\" y=\"" + HtmlText.px(y) + "\" text-anchor=\"" + anchor + "\""
                + (cssClass.isEmpty() ? "" : " class=\"" + cssClass + "\"") + ">" + HtmlText.escape(text) + "</text>\n";
    }
}
