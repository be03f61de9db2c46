package io.github.kvkit.tracks.kv.observe;

import io.github.kvkit.harness.Tensor;
import io.github.kvkit.tracks.kv.harness.KvResult;
import io.github.kvkit.tracks.kv.judge.KvRun;
import io.github.kvkit.validator.cases.Tolerance;
import io.github.kvkit.validator.judge.Comparison;
import io.github.kvkit.validator.judge.Format;
import io.github.kvkit.validator.observe.Sign;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a kv-attention run shows beyond the checks' verdicts, step by step: which results deviate from the reference
 * (output, each head's weights, the cache), and properties of the candidate's own weights that name a cause (they sum
 * to 1 over the wrong axis, a future key is visible, a query's own key is hidden, weights are dropped, flatter or
 * sharper than the reference's, two heads are the same). Keys name the case and the step, never a value, so a
 * bug's fingerprint matches a later run exactly.
 */
final class KvSigns {

    /** A factor between the candidate's and the reference's scores further than this from 1 is a wrong scale. */
    private static final double SCALE_TOLERANCE = 1e-3;
    /** The share of the log-weights' variance a single factor must explain to call the scores scaled. */
    private static final double SCALE_FIT = 1e-6;

    private KvSigns() {
    }

    static List<Sign> of(KvRun run) {
        List<Sign> signs = new ArrayList<>();
        String name = run.plan().testCase().name();
        String firstDeviation = null;
        for (int i = 0; i < run.calls(); i++) {
            if (!run.isStep(i)) {
                continue;
            }
            String stepName = run.role(i).stepName();
            String where = name + "/" + stepName;
            String in = "in case " + name + ", step " + stepName + ", ";
            KvResult got = run.result(i);
            KvResult want = run.expected(i);
            if (got == null) {
                signs.add(Sign.of("no-result", where, in + "the call " + run.describe(i)));
                firstDeviation = firstDeviation == null ? stepName : firstDeviation;
                continue;
            }
            List<Sign> step = step(run, i, got, want, where, in);
            if (!step.isEmpty() && firstDeviation == null) {
                firstDeviation = stepName;
                signs.add(Sign.of("first-deviation:" + stepName, name, "in case " + name + ", the results are right "
                        + (i == firstStep(run) ? "nowhere: the first step, " + stepName + ", already deviates"
                        : "until step " + stepName + (cached(run, i) ? ", the first that reads the cache" : ""))));
            }
            signs.addAll(step);
        }
        return signs;
    }

    private static int firstStep(KvRun run) {
        for (int i = 0; i < run.calls(); i++) {
            if (run.isStep(i)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean cached(KvRun run, int call) {
        return run.forward(call).cacheFromCall() >= 0;
    }

    /** The signs of one step that returned a result. */
    private static List<Sign> step(KvRun run, int call, KvResult got, KvResult want, String where, String in) {
        List<Sign> signs = new ArrayList<>();
        Tolerance tol = run.tol();
        boolean tq1 = run.forward(call).query().size(1) == 1;
        String kind = cached(run, call) ? (tq1 ? "cached one-token step" : "cached multi-token step")
                : "step without a cache";
        Tensor w = got.attentionWeights();
        Tensor ww = want.attentionWeights();
        boolean weightsShaped = Arrays.equals(w.shape(), ww.shape());
        boolean outputRight = Arrays.equals(got.output().shape(), want.output().shape())
                && Comparison.of(got.output(), want.output(), tol).passed();
        boolean weightsRight = weightsShaped && Comparison.of(w, ww, tol).passed();
        if (!outputRight) {
            signs.add(Sign.of("output-deviates", where, in + "the output differs from the reference's (a " + kind + ")"
                    + firstBadRow(got.output(), want.output(), tol)));
        }
        if (!weightsShaped) {
            signs.add(Sign.of("weights-shape", where, in + "the attention weights have shape " + w.shapeString()
                    + ", expected " + ww.shapeString()));
        } else if (!weightsRight) {
            signs.addAll(heads(w, ww, tol, where, in));
            signs.addAll(properties(w, ww, tol, where, in));
        }
        if (weightsShaped && !outputRight && notFromWeights(run, call, got)) {
            signs.add(Sign.of("output-not-from-weights", where, in + "the output is not what your own attention weights "
                    + "give: something after the softmax is wrong too (the values, merging the heads, the output projection)"));
        }
        if (weightsRight && !outputRight) {
            signs.add(Sign.of("weights-right-output-wrong", where, in + "the attention weights are right but the output "
                    + "is not: look at what happens after the softmax (the values, merging the heads, the output projection)"));
        }
        signs.addAll(cache(got, want, tol, where, in));
        return signs;
    }

    /** Whether the output differs from what the step's own weights imply, beyond ten times the case's tolerance. */
    private static boolean notFromWeights(KvRun run, int call, KvResult got) {
        Tolerance tol = run.tol();
        Tolerance loose = new Tolerance(10 * tol.atol(), 10 * tol.rtol(), tol.sumAtol());
        return ImpliedOutput.of(run, call, got.attentionWeights())
                .map(implied -> Arrays.equals(implied.shape(), got.output().shape())
                        && !Comparison.of(got.output(), implied, loose).passed())
                .orElse(false);
    }

    /** Which heads' weights deviate, and heads that equal each other where the reference's differ. */
    private static List<Sign> heads(Tensor w, Tensor ww, Tolerance tol, String where, String in) {
        List<Sign> signs = new ArrayList<>();
        long[] s = w.shape();                 // [B, H, Tq, Lk]
        int heads = (int) s[1];
        int block = (int) (s[2] * s[3]);
        int b0 = 0;                           // batch row 0 is enough to tell heads apart
        for (int h = 0; h < heads; h++) {
            if (!close(w.values(), ww.values(), (b0 * heads + h) * block, block, tol)) {
                signs.add(Sign.of("head-deviates:" + h, where, in + "head " + h + "'s attention weights differ from the "
                        + "reference's"));
            }
        }
        for (int h = 1; h < heads; h++) {
            for (int g = 0; g < h; g++) {
                if (same(w.values(), g * block, h * block, block, tol) && !same(ww.values(), g * block, h * block, block, tol)) {
                    signs.add(Sign.of("heads-equal", where, in + "head " + h + "'s weights equal head " + g
                            + "'s, where the reference's differ"));
                    return signs;
                }
            }
        }
        return signs;
    }

    /** Properties of the candidate's weights that point at a cause. */
    private static List<Sign> properties(Tensor w, Tensor ww, Tolerance tol, String where, String in) {
        List<Sign> signs = new ArrayList<>();
        long[] s = w.shape();                 // [B, H, Tq, Lk]
        int tq = (int) s[2];
        int lk = (int) s[3];
        double[] v = w.values();
        double[] r = ww.values();
        double eps = Math.max(tol.sumAtol(), 1e-6);
        boolean rowsSum = true;
        boolean colsSum = tq > 1;
        boolean future = false;
        int fewestHidden = Integer.MAX_VALUE;        // per row with two visible keys or more: trailing visible keys at 0
        int mostHidden = 0;
        boolean dropped = false;
        for (int m = 0; m * tq * lk < v.length; m++) {      // each [Tq, Lk] matrix of (batch, head)
            int base = m * tq * lk;
            for (int i = 0; i < tq; i++) {
                double sum = 0;
                int lastVisible = -1;
                for (int j = 0; j < lk; j++) {
                    double x = v[base + i * lk + j];
                    double want = r[base + i * lk + j];
                    sum += x;
                    if (want > 0) {
                        lastVisible = j;
                    }
                    future |= want == 0 && Math.abs(x) > eps;
                    dropped |= want > eps && x == 0;
                }
                rowsSum &= Math.abs(sum - 1) <= eps;
                if (lastVisible >= 1 && Double.isFinite(sum)) {
                    int hidden = 0;
                    while (hidden <= lastVisible && Math.abs(v[base + i * lk + lastVisible - hidden]) <= eps) {
                        hidden++;
                    }
                    fewestHidden = Math.min(fewestHidden, hidden);
                    mostHidden = Math.max(mostHidden, hidden);
                }
            }
            for (int j = 0; j < lk && colsSum; j++) {
                double sum = 0;
                for (int i = 0; i < tq; i++) {
                    sum += v[base + i * lk + j];
                }
                colsSum = Math.abs(sum - 1) <= eps || sum == 0;
            }
        }
        if (!rowsSum && colsSum) {
            signs.add(Sign.of("weights-sum-over-queries", where, in + "the attention weights sum to 1 over the query axis "
                    + "instead of over the keys"));
        }
        if (future) {
            signs.add(Sign.of("future-visible", where, in + "a query gives weight to a key the mask hides from it"));
        }
        boolean trailingHidden = fewestHidden >= 1 && fewestHidden != Integer.MAX_VALUE;
        if (trailingHidden && mostHidden == 1 && !future) {
            signs.add(Sign.of("last-key-hidden", where, in + "every query gives no weight to the last key it may see (its "
                    + "own position, in causal self-attention)"));
        } else if (trailingHidden && !future) {
            signs.add(Sign.of("trailing-keys-hidden", where, in + "every query gives no weight to the last " + fewestHidden
                    + (fewestHidden == mostHidden ? "" : " to " + mostHidden) + " keys it may see: the mask hides too much"));
        }
        if (dropped && !trailingHidden) {
            signs.add(Sign.of("weights-dropped", where, in + "some attention weights are exactly 0 where the reference's "
                    + "are not"));
        }
        double factor = scoreFactor(v, r, tq, lk);
        if (rowsSum && !future && !dropped && !Double.isNaN(factor) && Math.abs(factor - 1) > SCALE_TOLERANCE) {
            signs.add(Sign.of(factor < 1 ? "scores-scaled-down" : "scores-scaled-up", where, in + "the attention "
                    + "weights are those of the reference's scores times " + Format.number(factor) + ": every score is "
                    + "scaled by the same wrong factor"));
        }
        return signs;
    }

    /**
     * The factor {@code c} such that each row's log-weights, centred, are {@code c} times the reference's, when one
     * factor fits every row with at least two visible keys (softmax of scores times {@code c}); NaN when none does.
     */
    private static double scoreFactor(double[] v, double[] r, int tq, int lk) {
        double ab = 0;
        double bb = 0;
        double aa = 0;
        List<double[]> rows = new ArrayList<>();
        for (int row = 0; row * lk < v.length; row++) {
            int visible = 0;
            double meanA = 0;
            double meanB = 0;
            for (int j = 0; j < lk; j++) {
                double x = v[row * lk + j];
                double want = r[row * lk + j];
                if (want > 0) {
                    if (!(x > 0)) {
                        return Double.NaN;
                    }
                    visible++;
                    meanA += Math.log(x);
                    meanB += Math.log(want);
                }
            }
            if (visible < 2) {
                continue;
            }
            meanA /= visible;
            meanB /= visible;
            for (int j = 0; j < lk; j++) {
                double want = r[row * lk + j];
                if (want > 0) {
                    double a = Math.log(v[row * lk + j]) - meanA;
                    double b = Math.log(want) - meanB;
                    rows.add(new double[] {a, b});
                    ab += a * b;
                    bb += b * b;
                    aa += a * a;
                }
            }
        }
        if (bb == 0 || aa == 0) {
            return Double.NaN;
        }
        double c = ab / bb;
        double residual = 0;
        for (double[] p : rows) {
            residual += (p[0] - c * p[1]) * (p[0] - c * p[1]);
        }
        return residual <= SCALE_FIT * aa ? c : Double.NaN;
    }

    /** Whether the returned cache is as long as the reference's, and holds the same keys and values. */
    private static List<Sign> cache(KvResult got, KvResult want, Tolerance tol, String where, String in) {
        if (want.cacheKeyShape() == null || got.cacheKeyShape() == null) {
            return List.of();
        }
        if (!Arrays.equals(got.cacheKeyShape(), want.cacheKeyShape())
                || !Arrays.equals(got.cacheValueShape(), want.cacheValueShape())) {
            return List.of(Sign.of("cache-shape", where, in + "the returned cache has shape "
                    + Arrays.toString(got.cacheKeyShape()) + ", expected " + Arrays.toString(want.cacheKeyShape())));
        }
        boolean comparable = got.cacheTailOnly() == want.cacheTailOnly() && got.cacheKey() != null && want.cacheKey() != null
                && Arrays.equals(got.cacheKey().shape(), want.cacheKey().shape());
        if (comparable && !Comparison.of(got.cacheKey(), want.cacheKey(), tol).passed()) {
            return List.of(Sign.of("cache-keys-deviate", where, in + "the keys in the returned cache differ from the "
                    + "reference's"));
        }
        boolean values = got.cacheValue() != null && want.cacheValue() != null
                && Arrays.equals(got.cacheValue().shape(), want.cacheValue().shape());
        if (comparable && values && !Comparison.of(got.cacheValue(), want.cacheValue(), tol).passed()) {
            return List.of(Sign.of("cache-values-deviate", where, in + "the values in the returned cache differ from the "
                    + "reference's"));
        }
        return List.of();
    }

    /** ": first at batch row b, query position i", or empty when no row can be named. */
    private static String firstBadRow(Tensor got, Tensor want, Tolerance tol) {
        if (!Arrays.equals(got.shape(), want.shape()) || got.shape().length != 3) {
            return ": its shape is " + got.shapeString() + ", expected " + want.shapeString();
        }
        for (int at = 0; at < got.values().length; at++) {
            if (!tol.close(got.values()[at], want.values()[at])) {
                long[] index = got.index(at);
                return ", first at batch row " + index[0] + ", query position " + index[1];
            }
        }
        return "";
    }

    private static boolean close(double[] got, double[] want, int from, int length, Tolerance tol) {
        for (int k = from; k < from + length; k++) {
            if (!tol.close(got[k], want[k])) {
                return false;
            }
        }
        return true;
    }

    private static boolean same(double[] v, int a, int b, int length, Tolerance tol) {
        for (int k = 0; k < length; k++) {
            if (!(Math.abs(v[a + k] - v[b + k]) <= tol.atol())) {
                return false;
            }
        }
        return true;
    }
}
