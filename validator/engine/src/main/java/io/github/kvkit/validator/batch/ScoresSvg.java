package io.github.kvkit.validator.batch;

import java.util.Locale;

/**
 * {@code scores.svg}: the score distribution as a bar chart, a band per bar, with its count above it; plain SVG 1.1
 * that browsers, Markdown viewers and office suites show, written by hand so no charting library is needed.
 */
public final class ScoresSvg {

    /** The file's name in an output folder. */
    public static final String FILE = "scores.svg";

    private static final int WIDTH = 720;
    private static final int HEIGHT = 360;
    private static final int LEFT = 56;
    private static final int RIGHT = 16;
    private static final int TOP = 48;
    private static final int BOTTOM = 56;

    private ScoresSvg() {
    }

    /** The chart of {@code d} as SVG text. */
    public static String format(ScoreDistribution d) {
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        int step = tickStep(d.largest());
        int top = Math.max(step, (d.largest() + step - 1) / step * step);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "  <title>Scores of %d submissions, out of %s</title>%n", d.students(),
                Points.shown(d.maxScore())));
        svg.append(String.format(Locale.ROOT, "  <rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "  <text x=\"%d\" y=\"28\" text-anchor=\"middle\" font-size=\"16\">Scores of"
                + " %d submission%s (out of %s)</text>%n", WIDTH / 2, d.students(), d.students() == 1 ? "" : "s",
                Points.shown(d.maxScore())));
        for (int tick = 0; tick <= top; tick += step) {
            double y = TOP + plotHeight - (double) plotHeight * tick / top;
            svg.append(String.format(Locale.ROOT, "  <line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#dddddd\"/>%n",
                    LEFT, y, WIDTH - RIGHT, y));
            svg.append(String.format(Locale.ROOT, "  <text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d</text>%n",
                    LEFT - 8, y + 4, tick));
        }
        double slot = (double) plotWidth / d.bins().size();
        for (int i = 0; i < d.bins().size(); i++) {
            ScoreDistribution.Bin bin = d.bins().get(i);
            double height = (double) plotHeight * bin.students() / top;
            double x = LEFT + i * slot + slot * 0.15;
            double y = TOP + plotHeight - height;
            String fill = i == d.bins().size() - 1 ? "#2e7d32" : "#1565c0";
            svg.append(String.format(Locale.ROOT, "  <rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                    + "<title>%s: %d</title></rect>%n", x, y, slot * 0.7, height, fill, bin.label(), bin.students()));
            if (bin.students() > 0) {
                svg.append(String.format(Locale.ROOT, "  <text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%d</text>%n",
                        x + slot * 0.35, y - 4, bin.students()));
            }
            svg.append(String.format(Locale.ROOT, "  <text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    x + slot * 0.35, TOP + plotHeight + 18, bin.label()));
        }
        svg.append(String.format(Locale.ROOT, "  <line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                LEFT, TOP + plotHeight, WIDTH - RIGHT, TOP + plotHeight));
        svg.append(String.format(Locale.ROOT, "  <text x=\"%d\" y=\"%d\" text-anchor=\"middle\">score, in percent of the"
                + " points</text>%n", LEFT + plotWidth / 2, HEIGHT - 12));
        svg.append(String.format(Locale.ROOT, "  <text x=\"16\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 16 %d)\">"
                + "students</text>%n", TOP + plotHeight / 2, TOP + plotHeight / 2));
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** 1, 2, 5, 10, 20, 50, ...: the smallest that puts at most eight grid lines up to {@code largest}. */
    static int tickStep(int largest) {
        int step = 1;
        while ((largest + step - 1) / step > 8) {
            int digits = String.valueOf(step).charAt(0) - '0';
            step = digits == 1 ? step * 2 : digits == 2 ? step / 2 * 5 : step * 2;
        }
        return step;
    }
}
