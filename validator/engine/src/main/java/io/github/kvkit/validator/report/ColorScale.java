package io.github.kvkit.validator.report;

import java.util.Locale;

/**
 * The page's colour scales, quantised to a few levels so that neighbouring cells of one colour merge into one SVG
 * stroke (a smaller page). {@link #sequential} (viridis: dark purple, blue, green, yellow; readable in grey and by
 * most colour-blind readers) is for values such as weights; {@link #diverging} (blue, white, red) for differences,
 * white at 0. Neither holds {@link #NON_FINITE}, the colour of NaN and infinities.
 */
final class ColorScale {

    /** The colour of a value that is not finite, on every scale. */
    static final String NON_FINITE = "#ff00ff";
    /** The background of a panel that has no values (the candidate returned nothing usable). */
    static final String NO_RESULT = "#d9d9d9";

    private static final int[][] VIRIDIS = {{0x44, 0x01, 0x54}, {0x3b, 0x52, 0x8b}, {0x21, 0x91, 0x8c},
            {0x5e, 0xc9, 0x62}, {0xfd, 0xe7, 0x25}};
    private static final int[][] BLUE_WHITE_RED = {{0x21, 0x66, 0xac}, {0x92, 0xc5, 0xde}, {0xf7, 0xf7, 0xf7},
            {0xf4, 0xa5, 0x82}, {0xb2, 0x18, 0x2b}};
    /** Levels of each scale; odd, so that the diverging scale has a middle level for 0. */
    static final int LEVELS = 33;

    private final int[][] stops;
    private final double lo;
    private final double hi;
    private final String[] palette;

    private ColorScale(int[][] stops, double lo, double hi) {
        this.stops = stops;
        this.lo = lo;
        this.hi = hi;
        this.palette = new String[LEVELS];
        for (int i = 0; i < LEVELS; i++) {
            palette[i] = interpolate((double) i / (LEVELS - 1));
        }
    }

    /** Low values dark, high values light, from {@code lo} to {@code hi}. */
    static ColorScale sequential(double lo, double hi) {
        return new ColorScale(VIRIDIS, lo, hi);
    }

    /** {@code -extent} blue, 0 white, {@code +extent} red. */
    static ColorScale diverging(double extent) {
        return new ColorScale(BLUE_WHITE_RED, -extent, extent);
    }

    double lo() {
        return lo;
    }

    double hi() {
        return hi;
    }

    /**
     * The level {@code v} falls in, 0 to {@code LEVELS - 1}, clamped; -1 for a value that is not finite. A scale
     * of no width puts every finite value in the middle.
     */
    int level(double v) {
        if (!Double.isFinite(v)) {
            return -1;
        }
        if (!(hi > lo)) {
            return LEVELS / 2;
        }
        double t = Math.max(0, Math.min(1, (v - lo) / (hi - lo)));
        return (int) Math.round(t * (LEVELS - 1));
    }

    /** The colour of a level; {@link #NON_FINITE} for -1. */
    String color(int level) {
        return level < 0 ? NON_FINITE : palette[level];
    }

    private String interpolate(double t) {
        double at = t * (stops.length - 1);
        int i = Math.min(stops.length - 2, (int) Math.floor(at));
        double f = at - i;
        int[] a = stops[i];
        int[] b = stops[i + 1];
        return String.format(Locale.ROOT, "#%02x%02x%02x", mix(a[0], b[0], f), mix(a[1], b[1], f), mix(a[2], b[2], f));
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }
}
