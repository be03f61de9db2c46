package io.github.kvkit.attention;

import io.github.kvkit.api.AttentionResult;
import io.github.kvkit.api.AttentionWeights;
import io.github.kvkit.api.KVCache;
import io.github.kvkit.data.SeededArrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The semantics of docs/tracks/kv-attention.md, checked on the reference implementation. */
class ReferenceAttentionTest {

    private static final long SEED = 20240607L;
    private static final int D_MODEL = 16;
    private static final int HEADS = 4;
    private static final int BATCH = 2;

    // ---------------------------------------------------------------- softmax and mask

    @ParameterizedTest(name = "cached={0} Tq={1} Tk={2} mask={3}")
    @CsvSource({"0,5,5,false", "0,5,5,true", "3,1,1,true", "3,2,4,true", "2,3,6,false"})
    void softmaxRowsSumToOneWithinOneEMinus12InDouble(int cachedLen, int queryLen, int keyLen, boolean mask) {
        AttentionResult result = forward(DataType.DOUBLE, cachedLen, queryLen, keyLen, mask);

        double[] rowSums = NaiveAttention.values(result.attentionWeights().sum(3));

        for (double sum : rowSums) {
            assertEquals(1.0, sum, 1e-12);
        }
    }

    @ParameterizedTest(name = "cached={0} Tq={1} Tk={2} {3}")
    @CsvSource({"0,5,5,DOUBLE", "0,2,5,DOUBLE", "3,2,2,DOUBLE", "3,1,1,DOUBLE", "2,3,4,DOUBLE", "4,4,1,DOUBLE",
            "0,5,5,FLOAT", "3,2,2,FLOAT"})
    void futureKeysGetExactlyZeroWeightAndVisibleKeysPositiveWeightUnderTheCausalMask(
            int cachedLen, int queryLen, int keyLen, DataType dtype) {
        int totalLen = cachedLen + keyLen;

        INDArray weights = forward(dtype, cachedLen, queryLen, keyLen, true).attentionWeights();

        assertArrayEquals(new long[] {BATCH, HEADS, queryLen, totalLen}, weights.shape());
        int offset = totalLen - queryLen;
        for (int b = 0; b < BATCH; b++) {
            for (int h = 0; h < HEADS; h++) {
                for (int i = 0; i < queryLen; i++) {
                    for (int j = 0; j < totalLen; j++) {
                        double w = weights.getDouble(b, h, i, j);
                        if (j <= i + offset) {
                            assertTrue(w > 0.0, "visible key " + j + " of query " + i + " has weight " + w);
                        } else {
                            assertEquals(0.0, w, 0.0, "future key " + j + " of query " + i);
                        }
                    }
                }
            }
        }
    }

    @Test
    void withoutTheMaskEveryKeyGetsPositiveWeight() {
        INDArray weights = forward(DataType.DOUBLE, 2, 3, 3, false).attentionWeights();

        assertTrue(weights.minNumber().doubleValue() > 0.0);
    }

    @ParameterizedTest(name = "perturb after position {0}")
    @ValueSource(ints = {0, 1, 3, 5})
    void perturbingFutureTokensLeavesEarlierOutputRowsUnchanged(int position) {
        int len = 7;
        KVCachedMultiHeadAttention attention = model(DataType.DOUBLE, 16);
        INDArray x = seq("x", DataType.DOUBLE, len);
        INDArray perturbed = x.dup();
        perturbed.get(NDArrayIndex.all(), NDArrayIndex.interval(position + 1, len), NDArrayIndex.all())
                .assign(SeededArrays.uniform(SEED, "noise", DataType.DOUBLE, 5.0, BATCH, len - position - 1, D_MODEL));

        INDArray original = attention.forward(x, x, x, null, true).output();
        INDArray changed = attention.forward(perturbed, perturbed, perturbed, null, true).output();

        assertClose(rows(original, 0, position + 1), rows(changed, 0, position + 1), 1e-12);
        assertFalse(Arrays.equals(NaiveAttention.values(rows(original, position + 1, len)),
                NaiveAttention.values(rows(changed, position + 1, len))), "the perturbation must matter later");
    }

    @ParameterizedTest(name = "perturb new keys after query {0}")
    @ValueSource(ints = {0, 1, 2})
    void perturbingFutureKeysAndValuesBehindACacheLeavesEarlierOutputRowsUnchanged(int query) {
        int cachedLen = 3;
        int len = 4;
        KVCachedMultiHeadAttention attention = model(DataType.DOUBLE, 16);
        KVCache cache = cache(DataType.DOUBLE, cachedLen);
        INDArray q = seq("q", DataType.DOUBLE, len);
        INDArray kv = seq("kv", DataType.DOUBLE, len);
        INDArray perturbed = kv.dup();
        perturbed.get(NDArrayIndex.all(), NDArrayIndex.interval(query + 1, len), NDArrayIndex.all())
                .assign(SeededArrays.uniform(SEED, "noise", DataType.DOUBLE, 5.0, BATCH, len - query - 1, D_MODEL));

        INDArray original = attention.forward(q, kv, kv, cache, true).output();
        INDArray changed = attention.forward(q, perturbed, perturbed, cache, true).output();

        assertClose(rows(original, 0, query + 1), rows(changed, 0, query + 1), 1e-12);
    }

    // ---------------------------------------------------------------- hand-computed examples

    @Test
    void oneHeadScalesScoresByOneOverSqrtOfHeadDim() {
        KVCachedMultiHeadAttention attention = new KVCachedMultiHeadAttention(2, 1, 4);
        attention.loadWeights(identityWeights(2));
        INDArray query = Nd4j.create(new double[] {1, 0}, new long[] {1, 1, 2}, DataType.DOUBLE);
        INDArray key = Nd4j.create(new double[] {1, 0, 0, 1}, new long[] {1, 2, 2}, DataType.DOUBLE);
        INDArray value = Nd4j.create(new double[] {1, 2, 3, 4}, new long[] {1, 2, 2}, DataType.DOUBLE);

        AttentionResult result = attention.forward(query, key, value, null, false);

        double w0 = 1.0 / (1.0 + Math.exp(-1.0 / Math.sqrt(2.0)));   // softmax(1/sqrt(2), 0)[0]
        double w1 = 1.0 - w0;
        assertArrayEquals(new double[] {w0, w1}, NaiveAttention.values(result.attentionWeights()), 1e-15);
        assertArrayEquals(new double[] {w0 * 1 + w1 * 3, w0 * 2 + w1 * 4},
                NaiveAttention.values(result.output()), 1e-15);
    }

    @Test
    void headHOwnsFeaturesHTimesHeadDimOnward() {
        KVCachedMultiHeadAttention attention = new KVCachedMultiHeadAttention(2, 2, 4);
        attention.loadWeights(identityWeights(2));
        INDArray query = Nd4j.create(new double[] {2, 0}, new long[] {1, 1, 2}, DataType.DOUBLE);
        INDArray key = Nd4j.create(new double[] {1, 0, 0, 1}, new long[] {1, 2, 2}, DataType.DOUBLE);
        INDArray value = Nd4j.create(new double[] {1, 10, 3, 30}, new long[] {1, 2, 2}, DataType.DOUBLE);

        AttentionResult result = attention.forward(query, key, value, null, false);

        // head 0 sees feature 0: scores (2, 0); head 1 sees feature 1: scores (0, 0); Dh = 1, no scaling
        double w0 = 1.0 / (1.0 + Math.exp(-2.0));
        assertArrayEquals(new double[] {w0, 1 - w0, 0.5, 0.5}, NaiveAttention.values(result.attentionWeights()), 1e-15);
        assertArrayEquals(new double[] {w0 * 1 + (1 - w0) * 3, 20.0}, NaiveAttention.values(result.output()), 1e-14);
    }

    // ---------------------------------------------------------------- the cache

    @ParameterizedTest(name = "chunks {0}")
    @ValueSource(strings = {"3 1 1 3 2", "1 1 1 1 1 1 1 1 1 1", "4 6", "10"})
    void chunksThreadedThroughTheReturnedCacheEqualOneFullCausalPass(String schedule) {
        int len = 10;
        KVCachedMultiHeadAttention attention = model(DataType.DOUBLE, len);
        INDArray x = seq("x", DataType.DOUBLE, len);
        AttentionResult full = attention.forward(x, x, x, null, true);

        KVCache cache = null;
        int start = 0;
        for (String token : schedule.split(" ")) {
            int end = start + Integer.parseInt(token);
            INDArray chunk = rows(x, start, end);
            AttentionResult step = attention.forward(chunk, chunk, chunk, cache, true);
            assertClose(rows(full.output(), start, end), step.output(), 1e-12);
            assertArrayEquals(new long[] {BATCH, end, D_MODEL}, step.cache().key().shape());
            cache = step.cache();
            start = end;
        }

        assertClose(full.cache().key(), cache.key(), 1e-12);
        assertClose(full.cache().value(), cache.value(), 1e-12);
    }

    @Test
    void anEmptyCacheMeansNoCache() {
        KVCachedMultiHeadAttention attention = model(DataType.DOUBLE, 8);
        INDArray x = seq("x", DataType.DOUBLE, 4);
        KVCache empty = new KVCache(Nd4j.create(DataType.DOUBLE, BATCH, 0, D_MODEL),
                Nd4j.create(DataType.DOUBLE, BATCH, 0, D_MODEL));

        AttentionResult withNull = attention.forward(x, x, x, null, true);
        AttentionResult withEmpty = attention.forward(x, x, x, empty, true);

        assertClose(withNull.output(), withEmpty.output(), 0.0);
        assertClose(withNull.cache().key(), withEmpty.cache().key(), 0.0);
        assertClose(withNull.attentionWeights(), withEmpty.attentionWeights(), 0.0);
    }

    @Test
    void cacheFillsExactlyToMaxCacheLenThenRefusesOneMorePosition() {
        int maxCacheLen = 6;
        KVCachedMultiHeadAttention attention = model(DataType.DOUBLE, maxCacheLen);
        INDArray prompt = seq("prompt", DataType.DOUBLE, 4);
        INDArray token = seq("token", DataType.DOUBLE, 1);

        KVCache cache = attention.forward(prompt, prompt, prompt, null, true).cache();
        cache = attention.forward(token, token, token, cache, true).cache();
        cache = attention.forward(token, token, token, cache, true).cache();
        assertEquals(maxCacheLen, cache.key().size(1));

        KVCache full = cache;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> attention.forward(token, token, token, full, true));
        assertTrue(e.getMessage().contains("maxCacheLen"), e.getMessage());
    }

    @Test
    void returnedCacheDoesNotAliasTheCallersArrays() {
        KVCachedMultiHeadAttention attention = model(DataType.DOUBLE, 16);
        INDArray x = seq("x", DataType.DOUBLE, 3);
        KVCache given = cache(DataType.DOUBLE, 2);
        INDArray xBefore = x.dup();
        INDArray keyBefore = given.key().dup();
        INDArray valueBefore = given.value().dup();

        AttentionResult first = attention.forward(x, x, x, null, false);
        AttentionResult second = attention.forward(x, x, x, given, false);
        first.cache().key().assign(7.0);
        first.cache().value().assign(7.0);
        second.cache().key().assign(7.0);
        second.cache().value().assign(7.0);

        assertBitIdentical(xBefore, x);
        assertBitIdentical(keyBefore, given.key());
        assertBitIdentical(valueBefore, given.value());
    }

    // ---------------------------------------------------------------- inputs untouched, types, range

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void queryKeyValueCacheAndLoadedWeightsAreBitForBitUnchangedAfterForward(DataType dtype) {
        KVCachedMultiHeadAttention attention = new KVCachedMultiHeadAttention(D_MODEL, HEADS, 16);
        AttentionWeights weights = SeededArrays.attentionWeights(SEED, D_MODEL, dtype);
        attention.loadWeights(weights);
        INDArray query = seq("q", dtype, 3);
        INDArray key = seq("k", dtype, 3);
        INDArray value = seq("v", dtype, 3);
        KVCache cache = cache(dtype, 4);
        INDArray[] given = {query, key, value, cache.key(), cache.value(), weights.wq(), weights.bq(),
                weights.wk(), weights.bk(), weights.wv(), weights.bv(), weights.wo(), weights.bo()};
        INDArray[] before = Arrays.stream(given).map(INDArray::dup).toArray(INDArray[]::new);

        attention.forward(query, key, value, cache, true);
        attention.forward(query, query, query, cache, false);

        for (int n = 0; n < given.length; n++) {
            assertEquals(before[n].dataType(), given[n].dataType());
            assertBitIdentical(before[n], given[n]);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void outputAndWeightsHaveTheQuerysDataTypeAndShape(DataType dtype) {
        AttentionResult result = forward(dtype, 3, 2, 2, true);

        assertEquals(dtype, result.output().dataType());
        assertArrayEquals(new long[] {BATCH, 2, D_MODEL}, result.output().shape());
        assertArrayEquals(new long[] {BATCH, 5, D_MODEL}, result.cache().key().shape());
        assertArrayEquals(new long[] {BATCH, 5, D_MODEL}, result.cache().value().shape());
        assertArrayEquals(new long[] {BATCH, HEADS, 2, 5}, result.attentionWeights().shape());
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void outputTypeFollowsTheQueryNotTheWeights(DataType queryType) {
        DataType weightType = queryType == DataType.FLOAT ? DataType.DOUBLE : DataType.FLOAT;
        KVCachedMultiHeadAttention attention = new KVCachedMultiHeadAttention(D_MODEL, HEADS, 8);
        attention.loadWeights(SeededArrays.attentionWeights(SEED, D_MODEL, weightType));
        INDArray x = seq("x", queryType, 3);

        assertEquals(queryType, attention.forward(x, x, x, null, true).output().dataType());
        assertEquals(queryType, new KVCachedMultiHeadAttention(D_MODEL, HEADS, 8)
                .forward(x, x, x, null, true).output().dataType());
    }

    @Test
    void floatAndDoubleAgreeToFloatPrecision() {
        AttentionResult single = forward(DataType.FLOAT, 3, 2, 2, true);
        AttentionResult dbl = forward(DataType.DOUBLE, 3, 2, 2, true);

        assertClose(dbl.output(), single.output(), 1e-4);
        assertClose(dbl.attentionWeights(), single.attentionWeights(), 1e-4);
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void largeLogitsInTheThousandsGiveFiniteOutputsAndWeights(DataType dtype) {
        AttentionWeights unitWeights = new AttentionWeights(
                SeededArrays.uniform(SEED, "big-wq", dtype, 1.0, D_MODEL, D_MODEL),
                SeededArrays.uniform(SEED, "big-bq", dtype, 1.0, D_MODEL),
                SeededArrays.uniform(SEED, "big-wk", dtype, 1.0, D_MODEL, D_MODEL),
                SeededArrays.uniform(SEED, "big-bk", dtype, 1.0, D_MODEL),
                SeededArrays.uniform(SEED, "big-wv", dtype, 1.0, D_MODEL, D_MODEL),
                SeededArrays.uniform(SEED, "big-bv", dtype, 1.0, D_MODEL),
                SeededArrays.uniform(SEED, "big-wo", dtype, 1.0, D_MODEL, D_MODEL),
                SeededArrays.uniform(SEED, "big-bo", dtype, 1.0, D_MODEL));
        KVCachedMultiHeadAttention attention = new KVCachedMultiHeadAttention(D_MODEL, HEADS, 16);
        attention.loadWeights(unitWeights);
        INDArray x = SeededArrays.uniform(SEED, "big-x", dtype, 100.0, BATCH, 6, D_MODEL);
        INDArray logits = new NaiveAttention(D_MODEL, HEADS, unitWeights).forward(x, x, x, null, true).logits();
        double largest = Arrays.stream(NaiveAttention.values(logits)).map(Math::abs).max().orElse(0);
        assertTrue(largest > 1000, "the test needs logits in the thousands, largest is " + largest);

        AttentionResult result = attention.forward(x, x, x, null, true);

        assertAllFinite(result.output());
        assertAllFinite(result.attentionWeights());
        for (double sum : NaiveAttention.values(result.attentionWeights().sum(3))) {
            assertEquals(1.0, sum, 1e-5);
        }
    }

    // ---------------------------------------------------------------- helpers

    /** A reference forward pass with seeded inputs: B=2, D=16, H=4, {@code cachedLen} positions cached. */
    private static AttentionResult forward(DataType dtype, int cachedLen, int queryLen, int keyLen, boolean mask) {
        KVCachedMultiHeadAttention attention = model(dtype, 16);
        KVCache cache = cachedLen == 0 ? null : cache(dtype, cachedLen);
        return attention.forward(seq("q", dtype, queryLen), seq("k", dtype, keyLen), seq("v", dtype, keyLen),
                cache, mask);
    }

    private static KVCachedMultiHeadAttention model(DataType dtype, int maxCacheLen) {
        KVCachedMultiHeadAttention attention = new KVCachedMultiHeadAttention(D_MODEL, HEADS, maxCacheLen);
        attention.loadWeights(SeededArrays.attentionWeights(SEED, D_MODEL, dtype));
        return attention;
    }

    private static KVCache cache(DataType dtype, int len) {
        return new KVCache(seq("cache-k", dtype, len), seq("cache-v", dtype, len));
    }

    private static INDArray seq(String label, DataType dtype, int len) {
        return SeededArrays.uniform(SEED, label, dtype, 1.0, BATCH, len, D_MODEL);
    }

    private static AttentionWeights identityWeights(int d) {
        INDArray eye = Nd4j.eye(d).castTo(DataType.DOUBLE);
        INDArray zero = Nd4j.zeros(DataType.DOUBLE, d);
        return new AttentionWeights(eye, zero, eye, zero, eye, zero, eye, zero);
    }

    /** Sequence rows {@code [from, to)} of a {@code [B, T, D]} array, as a fresh copy. */
    private static INDArray rows(INDArray x, int from, int to) {
        return x.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup();
    }

    private static void assertClose(INDArray expected, INDArray actual, double tolerance) {
        assertArrayEquals(expected.shape(), actual.shape(), "shape");
        assertArrayEquals(NaiveAttention.values(expected), NaiveAttention.values(actual), tolerance);
    }

    private static void assertBitIdentical(INDArray expected, INDArray actual) {
        assertArrayEquals(expected.shape(), actual.shape(), "shape");
        double[] e = NaiveAttention.values(expected);
        double[] a = NaiveAttention.values(actual);
        for (int n = 0; n < e.length; n++) {
            assertEquals(Double.doubleToRawLongBits(e[n]), Double.doubleToRawLongBits(a[n]), "element " + n);
        }
    }

    private static void assertAllFinite(INDArray x) {
        for (double value : NaiveAttention.values(x)) {
            assertTrue(Double.isFinite(value), "non-finite value " + value);
        }
    }
}
