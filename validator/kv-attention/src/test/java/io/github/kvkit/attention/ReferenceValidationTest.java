package io.github.kvkit.attention;

import io.github.kvkit.api.AttentionWeights;
import io.github.kvkit.api.KVCache;
import io.github.kvkit.data.SeededArrays;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every bad input of the contract is refused with an IllegalArgumentException naming the argument. */
class ReferenceValidationTest {

    private static final long SEED = 7L;
    private static final int D = 8;
    private static final int H = 2;
    private static final int MAX = 10;
    private static final int B = 2;
    private static final String[] WEIGHT_NAMES = {"wq", "bq", "wk", "bk", "wv", "bv", "wo", "bo"};

    @ParameterizedTest(name = "{0} -> message names {1}")
    @MethodSource({"badConstructorArguments", "badForwardArguments", "badWeights"})
    void badInputIsRefusedWithAnIllegalArgumentExceptionNamingTheArgument(
            String description, String argument, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);

        assertTrue(e.getMessage() != null && e.getMessage().contains(argument),
                "message should name " + argument + ": " + e.getMessage());
    }

    static Stream<Arguments> badConstructorArguments() {
        return Stream.of(
                arguments("dModel = 0", "dModel", (Executable) () -> new KVCachedMultiHeadAttention(0, 1, MAX)),
                arguments("dModel = -8", "dModel", (Executable) () -> new KVCachedMultiHeadAttention(-8, 2, MAX)),
                arguments("numHeads = 0", "numHeads", (Executable) () -> new KVCachedMultiHeadAttention(D, 0, MAX)),
                arguments("numHeads = -2", "numHeads", (Executable) () -> new KVCachedMultiHeadAttention(D, -2, MAX)),
                arguments("maxCacheLen = 0", "maxCacheLen", (Executable) () -> new KVCachedMultiHeadAttention(D, H, 0)),
                arguments("maxCacheLen = -1", "maxCacheLen", (Executable) () -> new KVCachedMultiHeadAttention(D, H, -1)),
                arguments("dModel 10 % numHeads 4 != 0", "numHeads",
                        (Executable) () -> new KVCachedMultiHeadAttention(10, 4, MAX)));
    }

    static Stream<Arguments> badForwardArguments() {
        INDArray x = seq("x", 3);
        return Stream.of(
                forward("query null", "query", null, x, x, null, false),
                forward("key null", "key", x, null, x, null, false),
                forward("value null", "value", x, x, null, null, false),
                forward("query rank 2", "query", arr(B, D), x, x, null, false),
                forward("query rank 4", "query", arr(B, 3, 1, D), x, x, null, false),
                forward("key rank 2", "key", x, arr(B, D), x, null, false),
                forward("value rank 4", "value", x, x, arr(B, 3, 1, D), null, false),
                forward("query last dim 7", "query", arr(B, 3, D - 1), x, x, null, false),
                forward("key last dim 9", "key", x, arr(B, 3, D + 1), arr(B, 3, D + 1), null, false),
                forward("value last dim 7", "value", x, x, arr(B, 3, D - 1), null, false),
                forward("query batch 0", "query", Nd4j.create(DataType.DOUBLE, 0, 3, D), x, x, null, false),
                forward("key length 0", "key", x, Nd4j.create(DataType.DOUBLE, B, 0, D),
                        Nd4j.create(DataType.DOUBLE, B, 0, D), null, false),
                forward("query of integers", "query", x.castTo(DataType.INT), x, x, null, false),
                forward("key batch 3 vs query batch 2", "key", x, arr(3, 3, D), arr(3, 3, D), null, false),
                forward("value batch 1 vs query batch 2", "value", x, x, arr(1, 3, D), null, false),
                forward("key length 3, value length 4", "value", x, x, arr(B, 4, D), null, false),
                forward("cache batch 3 vs query batch 2", "cache", x, x, x,
                        new KVCache(arr(3, 2, D), arr(3, 2, D)), false),
                forward("cache key [2,2,8] vs cache value [2,3,8]", "cache", x, x, x,
                        new KVCache(arr(B, 2, D), arr(B, 3, D)), false),
                forward("cache last dim 7", "cache", x, x, x,
                        new KVCache(arr(B, 2, D - 1), arr(B, 2, D - 1)), false),
                forward("cache rank 2", "cache", x, x, x, new KVCache(arr(B, D), arr(B, D)), false),
                forward("cache key null", "cache", x, x, x, new KVCache(null, arr(B, 2, D)), false),
                forward("cache 8 + 3 new > maxCacheLen 10", "maxCacheLen", x, x, x,
                        new KVCache(arr(B, 8, D), arr(B, 8, D)), true),
                forward("11 new keys > maxCacheLen 10, no cache", "maxCacheLen", x, seq("k", 11), seq("v", 11),
                        null, false),
                forward("causal mask with queryLen 4 > 3 keys", "query", seq("q", 4), x, x, null, true));
    }

    static Stream<Arguments> badWeights() {
        Stream<Arguments> wrongShapes = IntStream.range(0, 8).mapToObj(n -> arguments(
                WEIGHT_NAMES[n] + " of a wrong shape", WEIGHT_NAMES[n],
                (Executable) () -> model().loadWeights(withWrongShape(n))));
        Stream<Arguments> nulls = Stream.of(
                arguments("weights null", "weights", (Executable) () -> model().loadWeights(null)),
                arguments("wv null", "wv", (Executable) () -> model().loadWeights(withNull(4))));
        return Stream.concat(wrongShapes, nulls);
    }

    private static Arguments forward(String description, String argument, INDArray query, INDArray key,
                                     INDArray value, KVCache cache, boolean mask) {
        return arguments(description, argument, (Executable) () -> model().forward(query, key, value, cache, mask));
    }

    private static KVCachedMultiHeadAttention model() {
        KVCachedMultiHeadAttention attention = new KVCachedMultiHeadAttention(D, H, MAX);
        attention.loadWeights(SeededArrays.attentionWeights(SEED, D, DataType.DOUBLE));
        return attention;
    }

    /** Valid weights except the {@code n}-th array (order wq, bq, wk, bk, wv, bv, wo, bo), which has one extra column. */
    private static AttentionWeights withWrongShape(int n) {
        INDArray[] arrays = arrays();
        arrays[n] = n % 2 == 0 ? arr(D, D + 1) : arr(D + 1);
        return weights(arrays);
    }

    private static AttentionWeights withNull(int n) {
        INDArray[] arrays = arrays();
        arrays[n] = null;
        return weights(arrays);
    }

    private static INDArray[] arrays() {
        AttentionWeights w = SeededArrays.attentionWeights(SEED, D, DataType.DOUBLE);
        return new INDArray[] {w.wq(), w.bq(), w.wk(), w.bk(), w.wv(), w.bv(), w.wo(), w.bo()};
    }

    private static AttentionWeights weights(INDArray[] a) {
        return new AttentionWeights(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
    }

    private static INDArray seq(String label, int len) {
        return SeededArrays.uniform(SEED, label, DataType.DOUBLE, 1.0, B, len, D);
    }

    private static INDArray arr(long... shape) {
        return SeededArrays.uniform(SEED, "bad", DataType.DOUBLE, 1.0, shape);
    }
}
