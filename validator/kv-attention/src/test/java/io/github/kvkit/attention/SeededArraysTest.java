package io.github.kvkit.attention;

import io.github.kvkit.api.AttentionWeights;
import io.github.kvkit.data.SeededArrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deterministic generator. The pinned literals were computed once (and cross-checked with an
 * independent SplitMix64/FNV-1a implementation); they guard against platform or version drift.
 */
class SeededArraysTest {

    @Test
    void sameSeedAndLabelGiveBitIdenticalValues() {
        double[] first = SeededArrays.uniform(5L, "query", 1000, 1.0);
        double[] second = SeededArrays.uniform(5L, "query", 1000, 1.0);

        assertArrayEquals(first, second);
        assertArrayEquals(NaiveAttention.values(SeededArrays.uniform(5L, "query", DataType.DOUBLE, 1.0, 10, 100)),
                NaiveAttention.values(SeededArrays.uniform(5L, "query", DataType.DOUBLE, 1.0, 10, 100)));
    }

    @Test
    void differentLabelsOrSeedsGiveDifferentValues() {
        double[] base = SeededArrays.uniform(5L, "query", 100, 1.0);

        assertFalse(Arrays.equals(base, SeededArrays.uniform(5L, "key", 100, 1.0)));
        assertFalse(Arrays.equals(base, SeededArrays.uniform(5L, "query2", 100, 1.0)));
        assertFalse(Arrays.equals(base, SeededArrays.uniform(6L, "query", 100, 1.0)));
    }

    @Test
    void valuesLieInMinusScaleInclusiveToScaleExclusiveAndFillTheRange() {
        double scale = 2.5;

        double[] values = SeededArrays.uniform(11L, "range", 20_000, scale);

        double min = Arrays.stream(values).min().orElseThrow();
        double max = Arrays.stream(values).max().orElseThrow();
        assertTrue(min >= -scale && max < scale, "range [" + min + ", " + max + "]");
        assertTrue(min < -0.99 * scale && max > 0.99 * scale, "range [" + min + ", " + max + "]");
        assertEquals(0.0, Arrays.stream(values).average().orElseThrow(), 0.05);
    }

    @Test
    void anArrayDependsOnlyOnSeedLabelAndLengthPrefixNotOnShape() {
        double[] long10 = SeededArrays.uniform(3L, "x", 12, 1.0);

        assertArrayEquals(Arrays.copyOf(long10, 5), SeededArrays.uniform(3L, "x", 5, 1.0));
        assertArrayEquals(long10, NaiveAttention.values(SeededArrays.uniform(3L, "x", DataType.DOUBLE, 1.0, 2, 3, 2)));
        assertArrayEquals(long10, NaiveAttention.values(SeededArrays.uniform(3L, "x", DataType.DOUBLE, 1.0, 12)));
    }

    @Test
    void pinnedValuesAreReproducedExactly() {
        assertArrayEquals(new double[] {0.3212381654722871, -0.1565428814814609, -0.43995807399149456,
                -0.9659003031445628}, SeededArrays.uniform(42L, "query", 4, 1.0));
        assertArrayEquals(new double[] {2.514727648546935, -2.9559500069643443},
                SeededArrays.uniform(-1L, "", 2, 3.0));
    }

    @Test
    void pinnedValuesInAnArrayAreInCOrderAndRoundedOnceToFloat() {
        INDArray asDouble = SeededArrays.uniform(42L, "query", DataType.DOUBLE, 1.0, 2, 2);
        INDArray asFloat = SeededArrays.uniform(42L, "query", DataType.FLOAT, 1.0, 2, 2);

        assertEquals(DataType.DOUBLE, asDouble.dataType());
        assertEquals(DataType.FLOAT, asFloat.dataType());
        assertEquals(-0.1565428814814609, asDouble.getDouble(0, 1), 0.0);
        assertEquals(-0.43995807399149456, asDouble.getDouble(1, 0), 0.0);
        assertEquals((float) 0.3212381654722871, asFloat.getFloat(0, 0), 0.0f);
        assertEquals((float) -0.9659003031445628, asFloat.getFloat(1, 1), 0.0f);
    }

    @Test
    void attentionWeightsUseLabelledArraysWithMatrixScaleOneOverSqrtDModel() {
        AttentionWeights weights = SeededArrays.attentionWeights(0L, 16, DataType.DOUBLE);

        assertArrayEquals(new long[] {16, 16}, weights.wq().shape());
        assertArrayEquals(new long[] {16}, weights.bo().shape());
        assertEquals(0.008792727493229346, weights.wq().getDouble(0, 0), 0.0);     // 0.25 = 1/sqrt(16)
        assertEquals(-0.09946443630741503, weights.wq().getDouble(0, 1), 0.0);
        assertEquals(0.18869232777999145, weights.wq().getDouble(0, 2), 0.0);
        assertArrayEquals(SeededArrays.uniform(0L, "bo", 16, 0.1), NaiveAttention.values(weights.bo()));
    }
}
