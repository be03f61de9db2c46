package io.github.kvkit.tracks.gpt.judge;

import io.github.kvkit.harness.Tensor;
import io.github.kvkit.validator.cases.Tolerance;
import io.github.kvkit.validator.judge.Comparison;

/** Comparisons the checks share. */
final class Tensors {

    private Tensors() {
    }

    /** Null when {@code got} matches {@code want}; else one line naming {@code what}. */
    static String mismatch(String what, Tensor got, Tensor want, Tolerance tol) {
        Comparison c = Comparison.of(got, want, tol);
        return c.passed() ? null : c.describe(what, tol);
    }

    /** Rows {@code [b, t, :]} for t below {@code before}, of a {@code [B, T, V]} tensor, as {@code [B, before, V]}. */
    static Tensor firstPositions(Tensor t, int before) {
        long b = t.shape()[0];
        long len = t.shape()[1];
        long v = t.shape()[2];
        double[] out = new double[(int) (b * before * v)];
        for (int i = 0; i < b; i++) {
            System.arraycopy(t.values(), (int) (i * len * v), out, (int) (i * before * v), (int) (before * v));
        }
        return new Tensor(new long[] {b, before, v}, t.dtype(), out);
    }
}
