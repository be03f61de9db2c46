package io.github.kvkit.harness;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Digests and tensors read an array in 'c' order straight from its buffer when that buffer holds exactly its
 * elements, and from a 'c'-order copy otherwise: either way the same digest and the same values as always taking the
 * copy, for every layout a candidate can return.
 */
class DigestTest {

    @Test
    void everyLayoutDigestsAndCopiesAsItsCOrderCopyDid() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (Map.Entry<String, INDArray> e : layouts(type).entrySet()) {
                INDArray a = e.getValue();
                String what = type + " " + e.getKey();
                assertEquals(digestOfCopy(a), Digest.of(a), what);
                Tensor t = Tensor.of(a);
                assertArrayEquals(a.shape(), t.shape(), what);
                assertEquals(type.name(), t.dtype(), what);
                assertArrayEquals(a.dup('c').castTo(DataType.DOUBLE).data().asDouble(), t.values(), what);
            }
        }
    }

    @Test
    void onlyAWholeBufferInCOrderIsReadInPlace() {
        Map<String, INDArray> l = layouts(DataType.DOUBLE);
        assertTrue(Tensor.inOrder(l.get("plain")));
        assertTrue(Tensor.inOrder(l.get("reshaped")));
        assertTrue(Tensor.inOrder(l.get("scalar")));
        for (String view : new String[] {"permuted", "f order", "interval", "first row", "last row", "column"}) {
            assertFalse(Tensor.inOrder(l.get(view)), view);
        }
    }

    private static Map<String, INDArray> layouts(DataType type) {
        INDArray plain = Nd4j.linspace(-3, 20, 24, type).reshape('c', 2, 3, 4);
        plain.putScalar(new long[] {0, 1, 2}, Double.NaN);
        plain.putScalar(new long[] {1, 0, 0}, -0.0);
        plain.putScalar(new long[] {1, 2, 3}, Double.NEGATIVE_INFINITY);
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put("plain", plain);
        m.put("reshaped", plain.reshape('c', 6, 4));
        m.put("permuted", plain.permute(2, 0, 1));
        m.put("f order", plain.dup('f'));
        m.put("interval", plain.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 3), NDArrayIndex.all()));
        m.put("first row", plain.reshape('c', 6, 4).getRow(0));
        m.put("last row", plain.reshape('c', 6, 4).getRow(5));
        m.put("column", plain.reshape('c', 6, 4).getColumn(1));
        m.put("scalar", Nd4j.scalar(type, 2.5));
        return m;
    }

    /** The digest as it was computed before the in-place read: always over a 'c'-order copy. */
    private static long digestOfCopy(INDArray array) {
        long h = 0xCBF29CE484222325L;
        h = step(h, array.dataType().ordinal());
        for (long d : array.shape()) {
            h = step(h, d);
        }
        INDArray copy = array.dup('c');
        long n = copy.length();
        if (copy.dataType() == DataType.FLOAT) {
            float[] values = copy.data().asFloat();
            for (int i = 0; i < n; i++) {
                h = step(h, Float.floatToRawIntBits(values[i]));
            }
        } else {
            double[] values = copy.data().asDouble();
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
