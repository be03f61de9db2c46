package io.github.kvkit.validator.observe;

/**
 * The candidate's largest absolute error at each position along one axis, e.g. per query position of a step's
 * output; {@code NaN} where the candidate's value is not finite or missing.
 *
 * @param title e.g. "output error per query position"
 * @param axis  what a position is, e.g. "query position"
 * @param error one value per position
 * @param limit the error the case's tolerance allows at that position, for the chart's threshold line
 */
public record ErrorProfile(String title, String axis, double[] error, double[] limit) {

    public ErrorProfile {
        if (error.length != limit.length) {
            throw new IllegalArgumentException("error profile " + title + ": " + error.length + " errors, "
                    + limit.length + " limits");
        }
    }
}
