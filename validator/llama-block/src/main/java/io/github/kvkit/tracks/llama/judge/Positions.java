package io.github.kvkit.tracks.llama.judge;

import io.github.kvkit.harness.Tensor;

/** Slices of a cache tensor {@code [B, KvH, S, Dh]} along its position axis. */
public final class Positions {

    private Positions() {
    }

    /** Positions {@code pos .. pos+tokens-1} of {@code cache}: {@code [B, KvH, tokens, Dh]}, or null if not there. */
    public static Tensor of(Tensor cache, int pos, int tokens) {
        long[] s = cache.shape();
        if (s.length != 4 || pos < 0 || pos + tokens > s[2]) {
            return null;
        }
        double[] out = new double[(int) (s[0] * s[1] * tokens * s[3])];
        int k = 0;
        for (long row = 0; row < s[0] * s[1]; row++) {
            int from = (int) ((row * s[2] + pos) * s[3]);
            System.arraycopy(cache.values(), from, out, k, (int) (tokens * s[3]));
            k += (int) (tokens * s[3]);
        }
        return new Tensor(new long[] {s[0], s[1], tokens, s[3]}, cache.dtype(), out);
    }

    /**
     * The first element of {@code after} outside positions {@code pos .. pos+tokens-1} whose bits differ from
     * {@code before}'s, in 'c' order, or -1 when there is none. Both are {@code [B, KvH, S, Dh]}, {@code after} no
     * larger than {@code before}.
     */
    public static int firstChangedOutside(Tensor before, Tensor after, int pos, int tokens) {
        long positions = after.shape()[2];
        long width = after.shape()[3];
        double[] b = before.values();
        double[] a = after.values();
        for (int k = 0; k < a.length; k++) {
            long position = (k / width) % positions;
            boolean written = position >= pos && position < pos + tokens;
            if (!written && Double.doubleToRawLongBits(a[k]) != Double.doubleToRawLongBits(b[k])) {
                return k;
            }
        }
        return -1;
    }

    /** Tokens {@code from .. from+count-1} of an output tensor {@code [B, T, D]}; null when they are not there. */
    public static Tensor tokens(Tensor output, int from, int count) {
        long[] s = output.shape();
        if (s.length != 3 || from < 0 || from + count > s[1]) {
            return null;
        }
        double[] out = new double[(int) (s[0] * count * s[2])];
        for (int b = 0; b < s[0]; b++) {
            System.arraycopy(output.values(), (int) ((b * s[1] + from) * s[2]), out, (int) (b * count * s[2]),
                    (int) (count * s[2]));
        }
        return new Tensor(new long[] {s[0], count, s[2]}, output.dtype(), out);
    }
}
