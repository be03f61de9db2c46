package io.github.kvkit.harness;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * A plain copy of an array: shape, data type name and values in 'c' order, as doubles (exact for float).
 * Outcomes carry tensors, never live INDArrays, so nothing the candidate does later can change them.
 */
public record Tensor(long[] shape, String dtype, double[] values) {

    /** A detached copy of {@code array}'s logical contents, whatever its order, strides or offset. */
    public static Tensor of(INDArray array) {
        INDArray copy = array.dup('c');
        double[] values = copy.dataType() == DataType.DOUBLE ? copy.data().asDouble()
                : copy.castTo(DataType.DOUBLE).data().asDouble();
        if (values.length != copy.length()) {
            values = Arrays.copyOf(values, (int) copy.length());
        }
        return new Tensor(array.shape().clone(), array.dataType().name(), values);
    }

    /** An INDArray of the given type with these values. */
    public INDArray toArray(DataType type) {
        return Nd4j.create(values, shape, DataType.DOUBLE).castTo(type);
    }

    public double get(long... index) {
        return values[(int) flat(index)];
    }

    public long flat(long... index) {
        long at = 0;
        for (int d = 0; d < shape.length; d++) {
            at = at * shape[d] + index[d];
        }
        return at;
    }

    /** The multi-index of a flat 'c'-order position. */
    public long[] index(long flat) {
        long[] index = new long[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return index;
    }

    public String shapeString() {
        return Arrays.toString(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(shape, t.shape) && dtype.equals(t.dtype)
                && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(shape) * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return dtype + Arrays.toString(shape);
    }
}
