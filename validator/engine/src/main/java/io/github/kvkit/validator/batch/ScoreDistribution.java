package io.github.kvkit.validator.batch;

import java.util.ArrayList;
import java.util.List;

/**
 * How a gradebook's scores spread: students counted in ten bands of ten percent of the maximum (0-9 %, ...,
 * 90-99 %) and an eleventh for full marks, which a class that mostly succeeds needs to tell from "nearly".
 *
 * @param maxScore the points possible
 * @param bins     the bands from the lowest up, full marks last
 */
public record ScoreDistribution(double maxScore, List<Bin> bins) {

    /** Ten bands of ten percent, then full marks. */
    static final int BANDS = 10;

    /**
     * A band of scores.
     *
     * @param label    {@code 0–9%}, ..., {@code 90–99%}, {@code 100%}
     * @param students how many students scored in it
     */
    public record Bin(String label, int students) {
    }

    public ScoreDistribution {
        bins = List.copyOf(bins);
    }

    /** The distribution of every row of {@code book}, graded or not (a row that could not be graded scores 0). */
    public static ScoreDistribution of(Gradebook book) {
        double max = book.maxScore();
        int[] counts = new int[BANDS + 1];
        for (Grade g : book.grades()) {
            counts[band(g.score(), max)]++;
        }
        List<Bin> bins = new ArrayList<>();
        for (int b = 0; b < BANDS; b++) {
            bins.add(new Bin(b * 10 + "–" + (b * 10 + 9) + "%", counts[b]));
        }
        bins.add(new Bin("100%", counts[BANDS]));
        return new ScoreDistribution(max, bins);
    }

    private static int band(double score, double max) {
        if (!(max > 0) || score >= max) {
            return max > 0 ? BANDS : 0;
        }
        return Math.max(0, Math.min(BANDS - 1, (int) Math.floor(10.0 * score / max)));
    }

    /** How many students there are in all. */
    public int students() {
        return bins.stream().mapToInt(Bin::students).sum();
    }

    /** The largest band's count. */
    public int largest() {
        return bins.stream().mapToInt(Bin::students).max().orElse(0);
    }
}
