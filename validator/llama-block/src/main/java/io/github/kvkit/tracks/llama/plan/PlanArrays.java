package io.github.kvkit.tracks.llama.plan;

import io.github.kvkit.data.SeededArrays;
import io.github.kvkit.llama.BlockWeights;
import io.github.kvkit.tracks.llama.cases.LlamaCaseBody;
import io.github.kvkit.validator.cases.ArraySpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The arrays of a llama-block case: generated from its seed and a label ({@link SeededArrays}, the same on every
 * platform), or given inline, in the case's data type.
 */
final class PlanArrays {

    private final long seed;
    private final DataType type;

    PlanArrays(long seed, DataType type) {
        this.seed = seed;
        this.type = type;
    }

    DataType type() {
        return type;
    }

    /** Uniform in {@code ±scale}. */
    INDArray generate(String label, double scale, long... shape) {
        return SeededArrays.uniform(seed, label, type, scale, shape);
    }

    INDArray fromSpec(ArraySpec spec) {
        return Nd4j.create(spec.values(), spec.shape(), DataType.DOUBLE).castTo(type);
    }

    /** The inline array, or one of its shape generated in {@code ±1}, in {@code as}. */
    INDArray inlineOrGenerated(ArraySpec spec, String label, DataType as) {
        INDArray a = spec.isInline() ? Nd4j.create(spec.values(), spec.shape(), DataType.DOUBLE)
                : SeededArrays.uniform(seed, label, DataType.DOUBLE, 1.0, spec.shape());
        return a.castTo(as);
    }

    /**
     * The case's weights: gains near 1 ({@code 1 ± 0.2}), projections uniform in {@code ±weightScale/sqrt(fan-in)},
     * or inline.
     */
    BlockWeights weights(LlamaCaseBody body) {
        INDArray[] w = new INDArray[LlamaCaseBody.WEIGHT_NAMES.size()];
        for (int i = 0; i < w.length; i++) {
            String name = LlamaCaseBody.WEIGHT_NAMES.get(i);
            long[] shape = body.weightShape(name);
            if (body.weights() != null) {
                w[i] = fromSpec(body.weights().get(name));
            } else if (name.equals("attnNorm")) {
                w[i] = SeededArrays.uniform(seed, name, DataType.DOUBLE, 0.2, shape).addi(1.0).castTo(type);
            } else {
                w[i] = generate(name, body.weightScale() / Math.sqrt(shape[0]), shape);
            }
        }
        return new BlockWeights(w[0], w[1], w[2], w[3], w[4]);
    }

    /** A copy of {@code x} [B, T, D] with the rows of tokens {@code tokens} set to 0. */
    static INDArray zeroRows(INDArray x, int[] tokens) {
        INDArray copy = x.dup('c');
        for (int t : tokens) {
            copy.get(NDArrayIndex.all(), NDArrayIndex.point(t), NDArrayIndex.all()).assign(0);
        }
        return copy;
    }

    /** A copy of {@code x} [B, T, D] whose tokens {@code from ..} are fresh values in {@code ±scale}. */
    INDArray withLaterTokens(INDArray x, int from, String label, double scale) {
        INDArray copy = x.dup('c');
        long later = x.size(1) - from;
        copy.get(NDArrayIndex.all(), NDArrayIndex.interval(from, x.size(1)), NDArrayIndex.all())
                .assign(generate(label, scale, x.size(0), later, x.size(2)));
        return copy;
    }

    /** The same values in 'c' order, 'f' order, or as a strided view into a wider array. */
    static INDArray layout(INDArray x, String layout) {
        if (layout.equals("f")) {
            return x.dup('f');
        }
        if (layout.equals("view")) {
            long d = x.size(2);
            INDArray wide = Nd4j.zeros(x.dataType(), x.size(0), x.size(1), d + 2);
            INDArray view = wide.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(1, d + 1));
            view.assign(x);
            return view;
        }
        return x;
    }
}
