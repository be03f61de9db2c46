package io.github.kvkit.tracks.llama.judge;

import io.github.kvkit.harness.Tensor;
import io.github.kvkit.tracks.llama.harness.LlamaResult;
import io.github.kvkit.tracks.llama.plan.LlamaRole;
import io.github.kvkit.validator.cases.Tolerance;
import io.github.kvkit.validator.judge.Comparison;

import java.util.Arrays;

/**
 * Whether a case's steps show that the block was computed at all. Two things must show: some step's output is more
 * than x alone and more than zeros (where the reference's attention adds clearly to x), and some step wrote its
 * positions of the cache with finite values that are neither zeros nor what the positions held before.
 * {@code shape}, {@code finite}, {@code causal_mask}, {@code cache_equivalence} and {@code inputs_unchanged} hold for
 * code that returns x, zeros or never writes the cache, so a case credits them only next to this evidence. A correct
 * block always shows it.
 */
final class LlamaEvidence {

    private LlamaEvidence() {
    }

    /** Null when the run shows evidence; otherwise why not, as reports word it. */
    static String missing(LlamaRun r) {
        String output = null;
        boolean outputShown = false;
        boolean cacheShown = false;
        boolean anyResult = false;
        for (int i = 0; i < r.calls(); i++) {
            LlamaResult got = r.result(i);
            if (!r.isStep(i) || got == null) {
                continue;
            }
            anyResult = true;
            String missing = outputMissing(got.output(), Tensor.of(r.forward(i).x()), r.expected(i).output(), r.tol());
            outputShown |= missing == null;
            if (missing != null && output == null) {
                output = r.role(i).stepName() + ": " + missing;
            }
            cacheShown |= wrote(r, i, got);
        }
        if (!anyResult) {
            return "no forward step of this case returned a result";
        }
        if (!outputShown) {
            return "no forward step of this case showed that attention was computed (step " + output + ")";
        }
        return cacheShown ? null : "no forward step of this case wrote its keys and values into the cache";
    }

    /** Null when the output is more than x and more than zeros; otherwise why not. */
    static String outputMissing(Tensor output, Tensor x, Tensor want, Tolerance tol) {
        if (!Arrays.equals(output.shape(), want.shape())) {
            return "its output has the wrong shape";
        }
        if (!finite(output)) {
            return "its output is not finite";
        }
        double threshold = Math.max(tol.atol(), 1e-6);
        double attention = maxAbsDifference(want, x);
        if (attention <= 10 * threshold + 4 * (tol.atol() + tol.rtol() * maxAbs(want.values()))) {
            // the reference's attention barely adds to x here: only matching it shows anything
            return Comparison.of(output, want, tol).passed() ? null : "its output differs from the reference's, which "
                    + "is x almost unchanged here";
        }
        if (maxAbsDifference(output, x) <= threshold) {
            return "its output is x unchanged";
        }
        if (maxAbs(output.values()) <= threshold) {
            return "its output is all zeros";
        }
        return null;
    }

    /** Whether the step's positions of the key and the value cache hold something it computed. */
    private static boolean wrote(LlamaRun r, int call, LlamaResult got) {
        LlamaRole role = r.role(call);
        Tensor[] before = r.before(call);
        double threshold = Math.max(r.tol().atol(), 1e-6);
        Tensor[] after = {got.cacheKey(), got.cacheValue()};
        for (int p = 0; p < 2; p++) {
            Tensor written = after[p] == null ? null : Positions.of(after[p], role.pos(), role.tokens());
            if (written == null || !finite(written) || maxAbs(written.values()) <= threshold) {
                return false;
            }
            Tensor held = before == null ? null : Positions.of(before[p], role.pos(), role.tokens());
            if (held != null && maxAbsDifference(written, held) <= threshold) {
                return false;
            }
        }
        return true;
    }

    private static boolean finite(Tensor t) {
        for (double v : t.values()) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static double maxAbsDifference(Tensor a, Tensor b) {
        if (!Arrays.equals(a.shape(), b.shape())) {
            return Double.POSITIVE_INFINITY;
        }
        double m = 0;
        for (int k = 0; k < a.values().length; k++) {
            m = Math.max(m, Math.abs(a.values()[k] - b.values()[k]));
        }
        return m;
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }
}
