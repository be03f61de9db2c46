package io.github.kvkit.validator.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@link BenchFigures} chart as a self-contained SVG: one polyline per series, x linear, y on a log scale (tokens
 * per second span orders of magnitude), grid lines at powers of ten, a legend. Hand-written: a few lines of SVG
 * need no charting library.
 */
final class SvgChart {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 420;
    private static final int LEFT = 80;
    private static final int RIGHT = 180;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;
    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd"};

    private SvgChart() {
    }

    static String of(String title, BenchFigures f) {
        List<double[]> all = new ArrayList<>();
        f.series().forEach(s -> s.points().stream().filter(p -> p[1] > 0).forEach(all::add));
        double xMin = all.stream().mapToDouble(p -> p[0]).min().orElse(0);
        double xMax = all.stream().mapToDouble(p -> p[0]).max().orElse(1);
        double yMin = Math.floor(Math.log10(all.stream().mapToDouble(p -> p[1]).min().orElse(1)));
        double yMax = Math.ceil(Math.log10(all.stream().mapToDouble(p -> p[1]).max().orElse(10)));
        if (xMax == xMin) {
            xMax = xMin + 1;
        }
        if (yMax == yMin) {
            yMax = yMin + 1;
        }
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        double x0 = xMin;
        double x1 = xMax;
        double y0 = yMin;
        double y1 = yMax;
        java.util.function.DoubleUnaryOperator px = x -> LEFT + (x - x0) / (x1 - x0) * plotW;
        java.util.function.DoubleUnaryOperator py = y -> TOP + plotH - (Math.log10(y) - y0) / (y1 - y0) * plotH;

        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"14\">%s</text>%n", LEFT, escape(title)));
        for (int e = (int) y0; e <= (int) y1; e++) {
            double y = py.applyAsDouble(Math.pow(10, e));
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    LEFT, y, LEFT + plotW, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">1e%d</text>%n",
                    LEFT - 6, y + 4, e));
        }
        List<Double> xs = all.stream().map(p -> p[0]).distinct().sorted().toList();
        for (double x : xs) {
            double X = px.applyAsDouble(x);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>%n",
                    X, TOP, X, TOP + plotH));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>%n",
                    X, TOP + plotH + 18, number(x)));
        }
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" "
                + "stroke=\"#444\"/>%n", LEFT, TOP, plotW, plotH));
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                LEFT + plotW / 2, HEIGHT - 18, escape(f.xLabel())));
        svg.append(String.format(Locale.ROOT, "<text transform=\"translate(18 %.1f) rotate(-90)\" text-anchor=\"middle\">"
                + "%s (log scale)</text>%n", TOP + plotH / 2, escape(f.yLabel())));
        for (int i = 0; i < f.series().size(); i++) {
            BenchFigures.Series s = f.series().get(i);
            String color = COLORS[i % COLORS.length];
            StringBuilder points = new StringBuilder();
            for (double[] p : s.points()) {
                if (p[1] > 0) {
                    points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px.applyAsDouble(p[0]), py.applyAsDouble(p[1])));
                }
            }
            svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
                    color, points.toString().strip()));
            double ly = TOP + 10 + 20 * i;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                    + "stroke-width=\"2\"/>%n", LEFT + plotW + 12, ly, LEFT + plotW + 32, ly, color));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\">%s</text>%n", LEFT + plotW + 38, ly + 4,
                    escape(s.name())));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String number(double x) {
        return x == Math.rint(x) ? String.valueOf((long) x) : String.format(Locale.ROOT, "%.3g", x);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
