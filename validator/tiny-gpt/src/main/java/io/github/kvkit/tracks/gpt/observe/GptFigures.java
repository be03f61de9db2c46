package io.github.kvkit.tracks.gpt.observe;

import io.github.kvkit.harness.Tensor;
import io.github.kvkit.tracks.gpt.judge.GptRun;
import io.github.kvkit.tracks.gpt.plan.Role;
import io.github.kvkit.validator.cases.Tolerance;
import io.github.kvkit.validator.observe.ErrorProfile;
import io.github.kvkit.validator.observe.Figure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The pictures of a tiny-gpt run for the HTML page of {@code kvkit diagnose}. The model returns no attention
 * weights, so for the uncached logits and the cached ones, when they deviate from the reference's, the error per
 * position: a mask that leaks shows as every position wrong but the last, a cache bug as positions right up to the
 * first chunk after it.
 */
final class GptFigures {

    private GptFigures() {
    }

    static List<Figure> of(GptRun r) {
        List<Figure> figures = new ArrayList<>();
        for (Role role : new Role[] {Role.LOGITS, Role.CACHED}) {
            for (int i : r.callsFor(role)) {
                Tensor got = r.array(i, "logits");
                Tensor want = r.expected(i, "logits");
                if (want == null || want.shape().length != 3) {
                    continue;
                }
                ErrorProfile profile = profile(got, want, r.tol());
                boolean deviates = false;
                for (int p = 0; p < profile.error().length; p++) {
                    deviates |= !(profile.error()[p] <= profile.limit()[p]);
                }
                if (deviates) {
                    figures.add(new Figure(role.label(), List.of(), List.of(profile)));
                }
            }
        }
        return figures;
    }

    /** Per position of {@code [B, T, V]} logits: the largest error over batch rows and the vocabulary, and the limit. */
    static ErrorProfile profile(Tensor got, Tensor want, Tolerance tol) {
        long[] s = want.shape();
        int t = (int) s[1];
        Tensor cand = got != null && Arrays.equals(got.shape(), s) ? got : null;
        double[] error = new double[t];
        double[] limit = new double[t];
        double[] largest = new double[t];
        Arrays.fill(error, cand == null ? Double.NaN : 0);
        for (int at = 0; at < want.values().length; at++) {
            int p = (int) ((at / s[2]) % s[1]);
            double w = want.values()[at];
            largest[p] = Math.max(largest[p], Math.abs(w));
            if (cand != null) {
                double g = cand.values()[at];
                double e = g == w ? 0 : Double.isFinite(g) ? Math.abs(g - w) : Double.NaN;
                error[p] = Double.isNaN(error[p]) || Double.isNaN(e) ? Double.NaN : Math.max(error[p], e);
            }
        }
        for (int p = 0; p < t; p++) {
            limit[p] = tol.atol() + tol.rtol() * largest[p];
        }
        return new ErrorProfile("logits error per position", "position", error, limit);
    }
}
