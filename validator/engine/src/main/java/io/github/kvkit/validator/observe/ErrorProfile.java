package io.github.kvkit.validator.observe;

import io.github.kvkit.harness.Tensor;
import io.github.kvkit.validator.cases.Tolerance;

import java.util.Arrays;

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

    /**
     * The profile of {@code got} against {@code want} along dimension {@code dim} of the reference's shape: at each
     * index of that dimension, the largest {@code |got - want|} over all the other dimensions ({@code NaN} where the
     * candidate's value is not finite, and everywhere when it returned nothing of the reference's shape), and the
     * error {@code tol} allows there, {@code atol + rtol * max|want|}.
     *
     * @param title what is drawn, e.g. "output error per query position"
     * @param axis  what an index of {@code dim} is, e.g. "query position"
     */
    public static ErrorProfile along(String title, String axis, Tensor got, Tensor want, Tolerance tol, int dim) {
        long[] shape = want.shape();
        int n = shape.length > dim ? (int) shape[dim] : 0;
        long inner = 1;                                   // elements per index of dim, in 'c' order
        for (int k = dim + 1; k < shape.length; k++) {
            inner *= shape[k];
        }
        Tensor cand = got != null && Arrays.equals(got.shape(), shape) ? got : null;
        double[] error = new double[n];
        double[] limit = new double[n];
        double[] largest = new double[n];
        Arrays.fill(error, cand == null ? Double.NaN : 0);
        for (int at = 0; at < want.values().length && n > 0; at++) {
            int p = (int) ((at / inner) % n);
            double w = want.values()[at];
            largest[p] = Math.max(largest[p], Math.abs(w));
            if (cand != null) {
                double g = cand.values()[at];
                double e = g == w ? 0 : Double.isFinite(g) ? Math.abs(g - w) : Double.NaN;
                error[p] = Double.isNaN(error[p]) || Double.isNaN(e) ? Double.NaN : Math.max(error[p], e);
            }
        }
        for (int p = 0; p < n; p++) {
            limit[p] = tol.atol() + tol.rtol() * largest[p];
        }
        return new ErrorProfile(title, axis, error, limit);
    }
}
