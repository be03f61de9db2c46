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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
                // a fresh 'c'-order copy is always read in place; a view either is too or is copied first
                assertEquals(Digest.of(a.dup('c')), Digest.of(a), what);
                Tensor t = Tensor.of(a);
                assertArrayEquals(a.shape(), t.shape(), what);
                assertEquals(type.name(), t.dtype(), what);
                assertArrayEquals(a.dup('c').castTo(DataType.DOUBLE).data().asDouble(), t.values(), what);
            }
        }
    }

    @Test
    void aValueThatDiffersOnlyInItsSignBitChangesTheDigestInEveryLayout() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray plain = layouts(type).get("plain");
            INDArray changed = plain.dup('c');
            changed.putScalar(new long[] {1, 0, 0}, 0.0);   // was -0.0
            assertNotEquals(Digest.of(plain), Digest.of(changed), type + " plain");
            assertNotEquals(Digest.of(plain.permute(2, 0, 1)), Digest.of(changed.permute(2, 0, 1)), type + " permuted");
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

}
