package io.github.kvkit.tracks.llama.observe;

import io.github.kvkit.harness.Tensor;
import io.github.kvkit.validator.cases.Tolerance;

/**
 * How the keys or values a call wrote into the cache differ from the reference's, when they differ in a way with a
 * name: rotated by other angles than their absolute positions' (backwards, by their index in the call, not at all,
 * or values rotated too), laid out by a reshape where a permutation belongs, or each token's row scaled by its own
 * factor (what a different normalisation does). Every combination is tried on the reference's rows, the simplest
 * first; the first that matches the candidate's within the case's tolerance is the answer.
 */
final class CacheFit {

    /** The angle each row of a block was turned by, as a multiple of its pair's frequency. */
    enum Rotation {
        /** Not rotated. */
        NONE,
        /** By its absolute position: the reference's keys. */
        ABSOLUTE,
        /** By its index in the call, as if positions restarted at 0. */
        IN_CALL,
        /** By minus its absolute position. */
        BACKWARD_ABSOLUTE,
        /** By minus its index in the call. */
        BACKWARD_IN_CALL;

        double multiple(int position, int index) {
            return switch (this) {
                case NONE -> 0;
                case ABSOLUTE -> position;
                case IN_CALL -> index;
                case BACKWARD_ABSOLUTE -> -position;
                case BACKWARD_IN_CALL -> -index;
            };
        }

        boolean backward() {
            return this == BACKWARD_ABSOLUTE || this == BACKWARD_IN_CALL;
        }

        boolean inCall() {
            return this == IN_CALL || this == BACKWARD_IN_CALL;
        }
    }

    /** What matched: how the rows were turned, whether they were reshaped, whether each row has a factor of its own. */
    record Fit(Rotation rotation, boolean reshaped, boolean scaled) {
    }

    private static final Rotation[] KEY_ORDER = {Rotation.ABSOLUTE, Rotation.IN_CALL, Rotation.BACKWARD_ABSOLUTE,
            Rotation.BACKWARD_IN_CALL, Rotation.NONE};
    private static final Rotation[] VALUE_ORDER = {Rotation.NONE, Rotation.ABSOLUTE, Rotation.IN_CALL,
            Rotation.BACKWARD_ABSOLUTE, Rotation.BACKWARD_IN_CALL};

    private CacheFit() {
    }

    /**
     * The first explanation of the written block {@code got} from the reference's {@code want} (both
     * {@code [B, KvH, T, Dh]}, positions {@code pos ..}), or null when none matches.
     *
     * @param keys  whether these are keys (the reference's are rotated by their absolute position) or values (not rotated)
     * @param omega each feature pair's angle per position
     */
    static Fit find(Tensor got, Tensor want, boolean keys, int pos, double[] omega, Tolerance tol) {
        if (got.shape().length != 4 || !java.util.Arrays.equals(got.shape(), want.shape())
                || got.shape()[3] != 2L * omega.length) {
            return null;
        }
        Tolerance loose = new Tolerance(10 * tol.atol(), 10 * tol.rtol(), 0);
        for (boolean scaled : new boolean[] {false, true}) {
            for (boolean reshaped : new boolean[] {false, true}) {
                for (Rotation r : keys ? KEY_ORDER : VALUE_ORDER) {
                    if (!scaled && !reshaped && r == (keys ? Rotation.ABSOLUTE : Rotation.NONE)) {
                        continue;   // the reference itself: the caller found the block differs
                    }
                    double[] h = turned(want, keys, r, pos, omega);
                    if (reshaped) {
                        h = reshaped(h, want.shape());
                    }
                    if (matches(got.values(), h, (int) want.shape()[3], scaled, loose)) {
                        return new Fit(r, reshaped, scaled);
                    }
                }
            }
        }
        return null;
    }

    /** The reference's rows turned so that they are rotated as {@code r} says instead of as the reference's are. */
    private static double[] turned(Tensor want, boolean keys, Rotation r, int pos, double[] omega) {
        long[] s = want.shape();
        int tokens = (int) s[2];
        int dh = (int) s[3];
        double[] v = want.values();
        double[] out = v.clone();
        for (int row = 0; row < v.length / dh; row++) {
            int t = row % tokens;
            double m = r.multiple(pos + t, t) - (keys ? pos + t : 0);
            if (m == 0) {
                continue;
            }
            int at = row * dh;
            for (int i = 0; i < omega.length; i++) {
                double angle = m * omega[i];
                double c = Math.cos(angle);
                double sn = Math.sin(angle);
                double a = v[at + 2 * i];
                double b = v[at + 2 * i + 1];
                out[at + 2 * i] = a * c - b * sn;
                out[at + 2 * i + 1] = a * sn + b * c;
            }
        }
        return out;
    }

    /**
     * The block a reshape makes where a permutation belongs: the rows of {@code [B, T, KvH, Dh]} (the token-major
     * order the projections give) read as {@code [B, KvH, T, Dh]}.
     */
    private static double[] reshaped(double[] block, long[] shape) {
        int batch = (int) shape[0];
        int kvh = (int) shape[1];
        int tokens = (int) shape[2];
        int dh = (int) shape[3];
        double[] out = new double[block.length];
        for (int b = 0; b < batch; b++) {
            for (int g = 0; g < kvh; g++) {
                for (int t = 0; t < tokens; t++) {
                    int r = g * tokens + t;           // the row of the token-major buffer this slot reads
                    int srcToken = r / kvh;
                    int srcHead = r % kvh;
                    System.arraycopy(block, ((b * kvh + srcHead) * tokens + srcToken) * dh, out,
                            ((b * kvh + g) * tokens + t) * dh, dh);
                }
            }
        }
        return out;
    }

    /** Whether {@code got} equals {@code h}, each row of {@code dh} values times a factor of its own when {@code scaled}. */
    private static boolean matches(double[] got, double[] h, int dh, boolean scaled, Tolerance tol) {
        for (int at = 0; at < got.length; at += dh) {
            double c = 1;
            if (scaled) {
                double gh = 0;
                double hh = 0;
                for (int j = at; j < at + dh; j++) {
                    gh += got[j] * h[j];
                    hh += h[j] * h[j];
                }
                c = hh == 0 ? 1 : gh / hh;
                if (!(c > 0)) {
                    return false;
                }
            }
            for (int j = at; j < at + dh; j++) {
                if (!tol.close(got[j], c * h[j])) {
                    return false;
                }
            }
        }
        return true;
    }
}
