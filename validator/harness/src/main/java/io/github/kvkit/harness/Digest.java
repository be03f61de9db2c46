package io.github.kvkit.harness;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A 64-bit fingerprint of an array's type, shape and exact bits, to tell "unchanged" from "changed"
 * without shipping the array back. Not cryptographic: it guards against bugs, not against forgery.
 */
public final class Digest {

    private Digest() {
    }

    public static long of(INDArray array) {
        if (array == null) {
            return 0;
        }
        long h = 0xCBF29CE484222325L;
        h = step(h, array.dataType().ordinal());
        for (long d : array.shape()) {
            h = step(h, d);
        }
        INDArray copy = Tensor.inOrder(array) ? array : array.dup('c');
        long n = copy.length();
        if (copy.dataType() == DataType.FLOAT) {
            float[] values = copy.data().asFloat();
            for (int i = 0; i < n; i++) {
                h = step(h, Float.floatToRawIntBits(values[i]));
            }
        } else {
            // a DOUBLE array's buffer in 'c' order; other types as doubles (exact for every type an array here has)
            double[] values = copy.dataType() == DataType.DOUBLE ? copy.data().asDouble() : Tensor.of(copy).values();
            for (int i = 0; i < n; i++) {
                h = step(h, Double.doubleToRawLongBits(values[i]));
            }
        }
        return h;
    }

    private static long step(long h, long v) {
        h ^= v;
        h *= 0x100000001B3L;
        return h ^ (h >>> 29);
    }
}
