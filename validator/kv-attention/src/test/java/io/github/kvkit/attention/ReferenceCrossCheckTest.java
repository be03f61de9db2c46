package io.github.kvkit.attention;

import io.github.kvkit.api.AttentionResult;
import io.github.kvkit.api.AttentionWeights;
import io.github.kvkit.api.KVCache;
import io.github.kvkit.data.SeededArrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/** The reference against the independent loop-based {@link NaiveAttention}, in double. */
class ReferenceCrossCheckTest {

    private static final double ABS = 1e-9;
    private static final double REL = 1e-9;
    private static final int CONFIGS = 40;

    /**
     * One randomized case.
     *
     * @param cachedLen 0 for no cache
     */
    record Config(int index, int batch, int heads, int headDim, int cachedLen, int queryLen, int keyLen,
                  boolean mask, int maxCacheLen) {

        int dModel() {
            return heads * headDim;
        }

        @Override
        public String toString() {
            return String.format("#%d B=%d H=%d Dh=%d cached=%d Tq=%d Tk=%d mask=%s max=%d",
                    index, batch, heads, headDim, cachedLen, queryLen, keyLen, mask, maxCacheLen);
        }
    }

    /** Five kinds of case in turn: self-attention, masked with a cache, decode, cross-attention, masked Tq < Tk. */
    static Stream<Config> configs() {
        SplittableRandom rng = new SplittableRandom(0x5EED_CAFEL);
        return IntStream.range(0, CONFIGS).mapToObj(n -> {
            int batch = rng.nextInt(1, 5);
            int heads = rng.nextInt(1, 9);
            int headDim = rng.nextInt(1, 17);
            int cachedLen;
            int queryLen;
            int keyLen;
            boolean mask;
            switch (n % 5) {
                case 0 -> {                    // self-attention, no cache
                    cachedLen = 0;
                    queryLen = keyLen = rng.nextInt(1, 9);
                    mask = rng.nextBoolean();
                }
                case 1 -> {                    // chunk of a masked sequence behind a cache
                    cachedLen = rng.nextInt(1, 7);
                    queryLen = keyLen = rng.nextInt(1, 7);
                    mask = true;
                }
                case 2 -> {                    // one-token decode step
                    cachedLen = rng.nextInt(1, 9);
                    queryLen = keyLen = 1;
                    mask = rng.nextBoolean();
                }
                case 3 -> {                    // cross-attention, Tq != Tk, no mask, maybe a cache
                    cachedLen = rng.nextBoolean() ? 0 : rng.nextInt(1, 5);
                    queryLen = rng.nextInt(1, 8);
                    keyLen = queryLen + rng.nextInt(1, 6);
                    if (rng.nextBoolean()) {
                        int swap = queryLen;
                        queryLen = keyLen;
                        keyLen = swap;
                    }
                    mask = false;
                }
                default -> {                   // masked, fewer queries than keys, no cache
                    cachedLen = 0;
                    queryLen = rng.nextInt(1, 5);
                    keyLen = queryLen + rng.nextInt(1, 5);
                    mask = true;
                }
            }
            int maxCacheLen = cachedLen + keyLen + rng.nextInt(0, 3);
            return new Config(n, batch, heads, headDim, cachedLen, queryLen, keyLen, mask, maxCacheLen);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void referenceMatchesTheNaiveImplementationOnRandomizedConfigurations(Config c) {
        long seed = 1000L + c.index();
        int d = c.dModel();
        AttentionWeights weights = SeededArrays.attentionWeights(seed, d, DataType.DOUBLE);
        INDArray query = SeededArrays.uniform(seed, "q", DataType.DOUBLE, 1.0, c.batch(), c.queryLen(), d);
        INDArray key = SeededArrays.uniform(seed, "k", DataType.DOUBLE, 1.0, c.batch(), c.keyLen(), d);
        INDArray value = SeededArrays.uniform(seed, "v", DataType.DOUBLE, 1.0, c.batch(), c.keyLen(), d);
        KVCache cache = c.cachedLen() == 0 ? null : new KVCache(
                SeededArrays.uniform(seed, "cache-k", DataType.DOUBLE, 1.0, c.batch(), c.cachedLen(), d),
                SeededArrays.uniform(seed, "cache-v", DataType.DOUBLE, 1.0, c.batch(), c.cachedLen(), d));
        KVCachedMultiHeadAttention reference = new KVCachedMultiHeadAttention(d, c.heads(), c.maxCacheLen());
        reference.loadWeights(weights);

        AttentionResult actual = reference.forward(query, key, value, cache, c.mask());
        NaiveAttention.Result expected = new NaiveAttention(d, c.heads(), weights)
                .forward(query, key, value, cache, c.mask());

        assertClose("output", expected.output(), actual.output(), ABS, REL);
        assertClose("cache.key", expected.cache().key(), actual.cache().key(), ABS, REL);
        assertClose("cache.value", expected.cache().value(), actual.cache().value(), ABS, REL);
        assertClose("attentionWeights", expected.weights(), actual.attentionWeights(), ABS, REL);
    }

    @Test
    void theNaiveOracleReproducesAHandComputedTwoHeadExample() {
        INDArray eye = Nd4j.eye(2).castTo(DataType.DOUBLE);
        INDArray zero = Nd4j.zeros(DataType.DOUBLE, 2);
        NaiveAttention naive = new NaiveAttention(2, 2, new AttentionWeights(eye, zero, eye, zero, eye, zero, eye, zero));
        INDArray query = Nd4j.create(new double[] {2, 0}, new long[] {1, 1, 2}, DataType.DOUBLE);
        INDArray key = Nd4j.create(new double[] {1, 0, 0, 1}, new long[] {1, 2, 2}, DataType.DOUBLE);
        INDArray value = Nd4j.create(new double[] {1, 10, 3, 30}, new long[] {1, 2, 2}, DataType.DOUBLE);

        NaiveAttention.Result result = naive.forward(query, key, value, null, false);

        double w0 = 1.0 / (1.0 + Math.exp(-2.0));
        assertArrayEquals(new double[] {w0, 1 - w0, 0.5, 0.5}, NaiveAttention.values(result.weights()), 1e-15);
        assertArrayEquals(new double[] {w0 * 1 + (1 - w0) * 3, 20.0}, NaiveAttention.values(result.output()), 1e-14);
    }

    @Test
    void theNaiveOracleMasksFutureKeysBottomRightAligned() {
        int d = 4;
        AttentionWeights weights = SeededArrays.attentionWeights(3L, d, DataType.DOUBLE);
        INDArray query = SeededArrays.uniform(3L, "q", DataType.DOUBLE, 1.0, 1, 2, d);
        INDArray key = SeededArrays.uniform(3L, "k", DataType.DOUBLE, 1.0, 1, 5, d);

        INDArray w = new NaiveAttention(d, 1, weights).forward(query, key, key, null, true).weights();

        // Tq = 2, Lk = 5: query 0 sees keys 0..3, query 1 sees keys 0..4
        assertEquals(0.0, w.getDouble(0, 0, 0, 4), 0.0);
        assertFalse(w.getDouble(0, 0, 0, 3) == 0.0);
        assertFalse(w.getDouble(0, 0, 1, 4) == 0.0);
    }

    @Test
    void referenceMatchesTheNaiveImplementationWithLogitsInTheThousands() {
        int d = 16;
        int heads = 2;
        AttentionWeights weights = new AttentionWeights(
                SeededArrays.uniform(9L, "wq", DataType.DOUBLE, 1.0, d, d), SeededArrays.uniform(9L, "bq", DataType.DOUBLE, 1.0, d),
                SeededArrays.uniform(9L, "wk", DataType.DOUBLE, 1.0, d, d), SeededArrays.uniform(9L, "bk", DataType.DOUBLE, 1.0, d),
                SeededArrays.uniform(9L, "wv", DataType.DOUBLE, 1.0, d, d), SeededArrays.uniform(9L, "bv", DataType.DOUBLE, 1.0, d),
                SeededArrays.uniform(9L, "wo", DataType.DOUBLE, 1.0, d, d), SeededArrays.uniform(9L, "bo", DataType.DOUBLE, 1.0, d));
        INDArray x = SeededArrays.uniform(9L, "x", DataType.DOUBLE, 100.0, 2, 5, d);
        KVCachedMultiHeadAttention reference = new KVCachedMultiHeadAttention(d, heads, 8);
        reference.loadWeights(weights);

        AttentionResult actual = reference.forward(x, x, x, null, true);
        NaiveAttention.Result expected = new NaiveAttention(d, heads, weights).forward(x, x, x, null, true);

        assertClose("output", expected.output(), actual.output(), 1e-6, 1e-9);
        assertClose("attentionWeights", expected.weights(), actual.attentionWeights(), 1e-9, 1e-9);
    }

    @Test
    void nonContiguousViewInputsGiveTheSameResultAsTheirContiguousCopies() {
        int d = 12;
        KVCachedMultiHeadAttention reference = new KVCachedMultiHeadAttention(d, 3, 16);
        reference.loadWeights(SeededArrays.attentionWeights(4L, d, DataType.DOUBLE));
        INDArray view = SeededArrays.uniform(4L, "t", DataType.DOUBLE, 1.0, 2, d, 5).permute(0, 2, 1); // [2, 5, 12]
        INDArray cacheView = SeededArrays.uniform(4L, "c", DataType.DOUBLE, 1.0, 2, d, 3).permute(0, 2, 1);
        INDArray copy = view.dup('c');
        INDArray cacheCopy = cacheView.dup('c');

        AttentionResult fromView = reference.forward(view, view, view, new KVCache(cacheView, cacheView), true);
        AttentionResult fromCopy = reference.forward(copy, copy, copy, new KVCache(cacheCopy, cacheCopy), true);

        assertClose("output", fromCopy.output(), fromView.output(), 1e-12, 0);
        assertClose("cache.key", fromCopy.cache().key(), fromView.cache().key(), 1e-12, 0);
    }

    private static void assertClose(String what, INDArray expected, INDArray actual, double abs, double rel) {
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        double[] e = NaiveAttention.values(expected);
        double[] a = NaiveAttention.values(actual);
        for (int n = 0; n < e.length; n++) {
            double diff = Math.abs(a[n] - e[n]);
            if (!(diff <= abs + rel * Math.abs(e[n]))) {
                fail(what + " element " + n + ": expected " + e[n] + ", got " + a[n] + " (diff " + diff + ")");
            }
        }
    }
}
