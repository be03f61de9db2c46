package io.github.kvkit.validator.batch;

import java.io.PrintWriter;

/** The score distribution as bars of text, one line per band, for the console at the end of a batch. */
public final class TextHistogram {

    /** The longest bar, in characters: the largest band's. */
    static final int WIDTH = 40;

    private TextHistogram() {
    }

    /** Writes {@code d} to {@code out}: a title line, then {@code   90–99%  ████ 4} per band. */
    public static void write(ScoreDistribution d, PrintWriter out) {
        out.println("Scores of " + d.students() + " submission" + (d.students() == 1 ? "" : "s") + " (out of "
                + Points.shown(d.maxScore()) + "):");
        int labelWidth = d.bins().stream().mapToInt(b -> b.label().length()).max().orElse(0);
        for (ScoreDistribution.Bin bin : d.bins()) {
            out.println("  " + " ".repeat(labelWidth - bin.label().length()) + bin.label() + "  "
                    + "█".repeat(barLength(bin.students(), d.largest())) + (bin.students() > 0 ? " " : "")
                    + bin.students());
        }
    }

    /** Proportional to the largest band, and never empty for a band with a student in it. */
    static int barLength(int students, int largest) {
        if (students == 0 || largest == 0) {
            return 0;
        }
        return Math.max(1, (int) Math.round((double) WIDTH * students / largest));
    }
}
