package io.github.kvkit.data;

import io.github.kvkit.api.AttentionWeights;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.charset.StandardCharsets;

/**
 * Deterministic arrays from a seed and a label, the same on every platform, JVM and ND4J version.
 *
 * <p>ND4J's own random generator is not used on purpose: its stream depends on the backend and
 * version. Here every array is drawn from SplitMix64 seeded with {@code mix(seed, fnv1a(label))},
 * so an array depends only on its seed and label, never on what was drawn before it. Values are
 * uniform in {@code [-scale, scale)}, computed in double and rounded once to the target type.
 */
public final class SeededArrays {

    private SeededArrays() {
    }

    /** {@code n} doubles uniform in {@code [-scale, scale)} for this seed and label. */
    public static double[] uniform(long seed, String label, int n, double scale) {
        long state = mix(seed ^ fnv1a(label));
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            state += 0x9E3779B97F4A7C15L;
            long bits = mix(state);
            double unit = (bits >>> 11) * 0x1.0p-53;   // [0, 1), exact in double
            out[i] = (2.0 * unit - 1.0) * scale;
        }
        return out;
    }

    /** An array of the given type and shape, uniform in {@code [-scale, scale)}, in 'c' order. */
    public static INDArray uniform(long seed, String label, DataType dtype, double scale, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("array " + label + " is too large: " + n + " elements");
        }
        double[] values = uniform(seed, label, (int) n, scale);
        return Nd4j.create(values, shape, DataType.DOUBLE).castTo(dtype);
    }

    /**
     * Projection weights for {@code dModel}: matrices uniform in {@code ±1/sqrt(dModel)} (so outputs stay
     * near unit scale), biases uniform in {@code ±0.1}. Labels are {@code "wq"}, {@code "bq"}, … .
     */
    public static AttentionWeights attentionWeights(long seed, int dModel, DataType dtype) {
        double w = 1.0 / Math.sqrt(dModel);
        double b = 0.1;
        return new AttentionWeights(
                uniform(seed, "wq", dtype, w, dModel, dModel), uniform(seed, "bq", dtype, b, dModel),
                uniform(seed, "wk", dtype, w, dModel, dModel), uniform(seed, "bk", dtype, b, dModel),
                uniform(seed, "wv", dtype, w, dModel, dModel), uniform(seed, "bv", dtype, b, dModel),
                uniform(seed, "wo", dtype, w, dModel, dModel), uniform(seed, "bo", dtype, b, dModel));
    }

    /** SplitMix64's finaliser: a bijective mix of 64 bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** 64-bit FNV-1a of the label's UTF-8 bytes. */
    static long fnv1a(String label) {
        long h = 0xCBF29CE484222325L;
        for (byte b : label.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xFF);
            h *= 0x100000001B3L;
        }
        return h;
    }
}
