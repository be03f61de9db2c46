package io.github.kvkit.harness;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * A plain copy of an array: shape, data type name and values in 'c' order, as doubles (exact for float).
 * Outcomes carry tensors, never live INDArrays, so nothing the candidate does later can change them.
 */
public record Tensor(long[] shape, String dtype, double[] values) {

    /** A detached copy of {@code array}'s logical contents, whatever its order, strides or offset. */
    public static Tensor of(INDArray array) {
        INDArray copy = inOrder(array) ? array : array.dup('c');
        double[] values = copy.dataType() == DataType.DOUBLE ? copy.data().asDouble()
                : copy.castTo(DataType.DOUBLE).data().asDouble();
        if (values.length != copy.length()) {
            values = Arrays.copyOf(values, (int) copy.length());
        }
        return new Tensor(array.shape().clone(), array.dataType().name(), values);
    }

    /**
     * Whether {@code array}'s buffer holds exactly its elements, in 'c' order from its start: then that buffer is
     * read as it is, without the 'c'-order copy a view or another layout needs (a copy of megabytes, in fresh native
     * memory, for each large result a candidate returns).
     */
    static boolean inOrder(INDArray array) {
        return !array.isEmpty() && array.ordering() == 'c' && array.offset() == 0
                && array.data().length() == array.length() && Shape.hasDefaultStridesForShape(array);
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
