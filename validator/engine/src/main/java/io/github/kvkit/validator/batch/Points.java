package io.github.kvkit.validator.batch;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Points as the batch's files and console write them, with the reports' conventions (docs/reports.md). */
final class Points {

    private Points() {
    }

    /** For people: at most two decimals, no trailing zeros ({@code 6.25}, {@code 10}, {@code 3.33}). */
    static String shown(double value) {
        return plain(value, 2);
    }

    /** For files: at most four decimals, as JSON reports round them. */
    static String kept(double value) {
        return plain(value, 4);
    }

    private static String plain(double value, int places) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        String s = BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }
}
