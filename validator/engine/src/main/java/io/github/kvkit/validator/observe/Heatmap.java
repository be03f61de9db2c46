package io.github.kvkit.validator.observe;

/**
 * One matrix as the candidate computed it and as the reference did, drawn side by side with their difference.
 * Values are row-major; a value that is not finite is drawn as such.
 *
 * @param title     e.g. "head 2"
 * @param rowAxis   what a row is, e.g. "query"
 * @param colAxis   what a column is, e.g. "key position"
 * @param candidate {@code rows * cols} values, or null when the candidate returned nothing usable of this shape
 */
public record Heatmap(String title, String rowAxis, String colAxis, int rows, int cols, double[] candidate,
                      double[] reference) {

    public Heatmap {
        if (rows < 0 || cols < 0 || reference.length != (long) rows * cols
                || (candidate != null && candidate.length != reference.length)) {
            throw new IllegalArgumentException("heatmap " + title + ": " + rows + "x" + cols + " needs "
                    + (long) rows * cols + " values");
        }
    }
}
