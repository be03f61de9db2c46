package io.github.kvkit.validator.judge;

import io.github.kvkit.harness.Tensor;
import io.github.kvkit.validator.cases.Tolerance;

import java.util.Arrays;

/**
 * An element-wise comparison of two arrays in double precision: whether they agree within a tolerance,
 * the largest absolute and relative errors, and where the worst element is.
 *
 * @param passed   shapes equal and every element within {@code atol + rtol * |expected|}
 * @param maxAbs   the largest {@code |got - expected|} (NaN and infinities count as infinitely wrong)
 * @param maxRel   the largest {@code |got - expected| / |expected|} over elements with expected != 0
 * @param worst    the multi-index of the element furthest outside its tolerance (or of maxAbs when all pass)
 * @param got      the candidate's value there
 * @param expected the expected value there
 * @param shapeProblem non-empty when the shapes differ, saying how
 */
public record Comparison(boolean passed, double maxAbs, double maxRel, long[] worst, double got, double expected,
                         String shapeProblem) {

    /** Compares {@code got} with {@code expected}. */
    public static Comparison of(Tensor got, Tensor expected, Tolerance tol) {
        if (!Arrays.equals(got.shape(), expected.shape())) {
            return new Comparison(false, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, new long[0], 0, 0,
                    "shape " + got.shapeString() + ", expected " + expected.shapeString());
        }
        double[] g = got.values();
        double[] e = expected.values();
        double maxAbs = 0;
        double maxRel = 0;
        double worstExcess = Double.NEGATIVE_INFINITY;
        int worst = 0;
        boolean passed = true;
        for (int i = 0; i < g.length; i++) {
            double err = Math.abs(g[i] - e[i]);
            if (Double.isNaN(err)) {
                err = Double.POSITIVE_INFINITY;
            }
            if (g[i] == e[i]) {
                err = 0;     // equal infinities are not an error
            }
            maxAbs = Math.max(maxAbs, err);
            if (e[i] != 0) {
                maxRel = Math.max(maxRel, err / Math.abs(e[i]));
            }
            double excess = err - (tol.atol() + tol.rtol() * Math.abs(e[i]));
            if (excess > 0) {
                passed = false;
            }
            if (excess > worstExcess) {
                worstExcess = excess;
                worst = i;
            }
        }
        if (g.length == 0) {
            return new Comparison(true, 0, 0, new long[0], 0, 0, "");
        }
        return new Comparison(passed, maxAbs, maxRel, got.index(worst), g[worst], e[worst], "");
    }

    /** One line: where it is worst, what came back against what was expected, and the error sizes. */
    public String describe(String what, Tolerance tol) {
        return describe(what, tol, "got", "expected");
    }

    /**
     * The same, naming the two sides, for comparisons where neither is known to be right (the candidate's
     * cached output against its own uncached one).
     */
    public String describe(String what, Tolerance tol, String gotName, String expectedName) {
        if (!shapeProblem.isEmpty()) {
            return what + " has " + shapeProblem;
        }
        return what + " at " + Arrays.toString(worst) + ": " + gotName + " " + Format.number(got) + ", "
                + expectedName + " " + Format.number(expected) + " (max abs error " + Format.number(maxAbs) + ", max rel error "
                + Format.number(maxRel) + "; allowed " + Format.number(tol.atol()) + " + "
                + Format.number(tol.rtol()) + "·|expected|)";
    }
}
