package io.github.kvkit.tracks.kv.judge;

import io.github.kvkit.harness.Tensor;
import io.github.kvkit.validator.cases.Tolerance;
import io.github.kvkit.validator.judge.Comparison;
import io.github.kvkit.validator.judge.Format;

import java.util.Arrays;

/**
 * Whether one forward step's results show that attention was computed at all: finite output and weights
 * of the right shapes, whose values vary where the reference's vary. Zeros, one constant, uniform weights
 * over the visible keys and NaN show nothing, and the property checks ({@code shape}, {@code finite},
 * {@code softmax_sum}, ...) hold for all of those; so a case credits them only after some step showed
 * evidence. A correct result always shows it: the reference must vary clearly ({@link #referenceVaries})
 * before the candidate is asked to vary at all ({@link #candidateVaries}), with the case's tolerance
 * between the two.
 */
final class KvEvidence {

    private KvEvidence() {
    }

    /**
     * Null when the step shows evidence; otherwise why not, as a phrase ("every attention row is uniform over
     * its visible keys").
     *
     * @param causal  whether the call was causal: only the keys the spec lets a query see are looked at
     */
    static String missing(Tensor output, Tensor weights, Tensor wantOutput, Tensor wantWeights, boolean causal,
                          Tolerance tol) {
        if (!Arrays.equals(output.shape(), wantOutput.shape()) || !Arrays.equals(weights.shape(), wantWeights.shape())) {
            return "its output or attention weights have the wrong shape";
        }
        if (!allFinite(output) || !allFinite(weights)) {
            return "its output or attention weights are not finite";
        }
        boolean weightsMatter = referenceVaries(rowSpread(wantWeights, causal), 1.0, tol);
        boolean outputMatters = referenceVaries(spread(wantOutput.values()), maxAbs(wantOutput.values()), tol);
        if (weightsMatter && !candidateVaries(rowSpread(weights, causal), tol)) {
            return "every attention row is uniform over its visible keys (or zero), where the reference's are not";
        }
        if (outputMatters && !candidateVaries(spread(output.values()), tol)) {
            return "every output value is the same (" + Format.number(output.values()[0]) + "), where the reference's vary";
        }
        if (!weightsMatter && !outputMatters && !Comparison.of(output, wantOutput, tol).passed()) {
            return "its output differs from the reference's, which is constant here";
        }
        return null;
    }

    /** The candidate's values differ by more than the case's absolute tolerance (and at least 1e-6). */
    private static boolean candidateVaries(double spread, Tolerance tol) {
        return spread > candidateThreshold(tol);
    }

    /**
     * The reference's values differ by so much that any result within tolerance of them varies too: ten times
     * the candidate's threshold plus four times the largest error the tolerance allows at {@code magnitude}.
     */
    private static boolean referenceVaries(double spread, double magnitude, Tolerance tol) {
        return spread > 10 * candidateThreshold(tol) + 4 * (tol.atol() + tol.rtol() * magnitude);
    }

    private static double candidateThreshold(Tolerance tol) {
        return Math.max(tol.atol(), 1e-6);
    }

    /** The largest max - min over the keys each query may see, over all rows of [B, H, Tq, Lk] weights. */
    private static double rowSpread(Tensor w, boolean causal) {
        long[] s = w.shape();
        if (s.length != 4 || s[3] == 0) {
            return 0;
        }
        long tq = s[2];
        long lk = s[3];
        double[] v = w.values();
        double widest = 0;
        for (int row = 0; row * lk < v.length; row++) {
            long i = row % tq;
            long visible = causal ? Math.min(lk, i + (lk - tq) + 1) : lk;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (long j = 0; j < visible; j++) {
                double x = v[(int) (row * lk + j)];
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
            if (visible >= 2) {
                widest = Math.max(widest, max - min);
            }
        }
        return widest;
    }

    private static double spread(double[] v) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        return v.length == 0 ? 0 : max - min;
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    private static boolean allFinite(Tensor t) {
        for (double x : t.values()) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }
}
