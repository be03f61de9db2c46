package io.github.kvkit.llamablock;

import io.github.kvkit.data.SeededArrays;
import io.github.kvkit.llama.BlockConfig;
import io.github.kvkit.llama.BlockWeights;
import io.github.kvkit.llama.StaticKVCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

/**
 * The reference against the independent loop-based {@link NaiveLlamaBlock} on randomized, seeded configurations:
 * multi-head, grouped-query and multi-query attention, float and double, sequences that start anywhere in the cache
 * and go on in chunks and single tokens.
 */
class ReferenceCrossCheckTest {

    private static final int CONFIGS = 36;

    /** One randomized sequence of calls on one configuration. */
    record Config(int index, BlockConfig block, int batch, DataType type, int start, List<Integer> chunks) {

        @Override
        public String toString() {
            return String.format("#%d D=%d H=%d KvH=%d S=%d theta=%g eps=%g B=%d %s start=%d chunks=%s", index,
                    block.dModel(), block.numHeads(), block.numKvHeads(), block.maxSeqLen(), block.ropeTheta(),
                    block.rmsEps(), batch, type, start, chunks);
        }
    }

    /** Multi-head, grouped-query and multi-query attention in turn, float and double alternating. */
    static Stream<Config> configs() {
        SplittableRandom rng = new SplittableRandom(0x11A3AL);
        return IntStream.range(0, CONFIGS).mapToObj(n -> {
            int kvHeads = rng.nextInt(1, 4);
            int heads = switch (n % 3) {
                case 0 -> kvHeads;                              // MHA
                case 1 -> kvHeads * rng.nextInt(2, 5);          // GQA, 2 to 4 query heads per kv head
                default -> rng.nextInt(2, 7);                   // MQA below
            };
            if (n % 3 == 2) {
                kvHeads = 1;
            }
            int headDim = 2 * rng.nextInt(1, 5);
            int maxSeqLen = rng.nextInt(4, 17);
            double theta = new double[] {10000.0, 500000.0, 10.0}[rng.nextInt(3)];
            double eps = new double[] {1e-5, 1e-6, 0.1}[rng.nextInt(3)];
            BlockConfig block = new BlockConfig(heads * headDim, heads, kvHeads, maxSeqLen, theta, eps);
            int start = rng.nextInt(0, maxSeqLen / 2 + 1);
            List<Integer> chunks = new ArrayList<>();
            for (int at = start; at < maxSeqLen && chunks.size() < 5; ) {
                int t = Math.min(maxSeqLen - at, rng.nextBoolean() ? 1 : rng.nextInt(1, 6));
                chunks.add(t);
                at += t;
            }
            return new Config(n, block, rng.nextInt(1, 4), n % 2 == 0 ? DataType.DOUBLE : DataType.FLOAT, start, chunks);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void referenceMatchesTheNaiveImplementationOnRandomizedConfigurations(Config c) {
        long seed = 2000L + c.index();
        BlockWeights weights = weights(seed, c.block(), c.type());
        StaticKVCache referenceCache = staleCache(seed, c.block(), c.batch(), c.type());
        StaticKVCache naiveCache = new StaticKVCache(referenceCache.key().dup(), referenceCache.value().dup());
        LlamaAttention reference = new LlamaAttention(c.block());
        reference.loadWeights(weights);
        NaiveLlamaBlock naive = new NaiveLlamaBlock(c.block(), weights);
        double tol = c.type() == DataType.DOUBLE ? 1e-9 : 2e-4;

        int pos = c.start();
        for (int chunk = 0; chunk < c.chunks().size(); chunk++) {
            int t = c.chunks().get(chunk);
            INDArray x = SeededArrays.uniform(seed, "x" + chunk, c.type(), 1.0, c.batch(), t, c.block().dModel());

            INDArray actual = reference.forward(x, referenceCache, pos);
            INDArray expected = naive.forward(x, naiveCache, pos);

            assertClose("output of chunk " + chunk, expected, actual, tol);
            pos += t;
        }
        assertClose("cache.key", naiveCache.key(), referenceCache.key(), tol);
        assertClose("cache.value", naiveCache.value(), referenceCache.value(), tol);
    }

    @Test
    void theNaiveOracleTurnsAPairByItsPositionsAngle() {
        BlockConfig config = new BlockConfig(2, 1, 1, 4, 10000.0, 0.0);
        INDArray eye = Nd4j.eye(2).castTo(DataType.DOUBLE);
        NaiveLlamaBlock naive = new NaiveLlamaBlock(config,
                new BlockWeights(Nd4j.ones(DataType.DOUBLE, 2), eye, eye, eye, eye));
        StaticKVCache cache = new StaticKVCache(Nd4j.zeros(DataType.DOUBLE, 1, 1, 4, 2),
                Nd4j.zeros(DataType.DOUBLE, 1, 1, 4, 2));
        INDArray x = Nd4j.create(new double[] {1, 0}, new long[] {1, 1, 2}, DataType.DOUBLE);

        naive.forward(x, cache, 3);

        // RMSNorm of (1, 0) is (sqrt 2, 0); pair 0 turns by 3 · 10000^0 = 3 radians at position 3
        assertThat(cache.key().getDouble(0, 0, 3, 0)).isCloseTo(Math.sqrt(2) * Math.cos(3), within(1e-15));
        assertThat(cache.key().getDouble(0, 0, 3, 1)).isCloseTo(Math.sqrt(2) * Math.sin(3), within(1e-15));
        assertThat(cache.value().getDouble(0, 0, 3, 0)).isCloseTo(Math.sqrt(2), within(1e-15));
    }

    @Test
    void referenceMatchesTheNaiveImplementationWithLogitsInTheThousands() {
        BlockConfig config = new BlockConfig(16, 4, 2, 8, 10000.0, 1e-5);
        BlockWeights weights = weights(9L, config, DataType.DOUBLE, 40.0);
        StaticKVCache cache = staleCache(9L, config, 2, DataType.DOUBLE);
        StaticKVCache naiveCache = new StaticKVCache(cache.key().dup(), cache.value().dup());
        INDArray x = SeededArrays.uniform(9L, "x", DataType.DOUBLE, 1.0, 2, 6, 16);
        LlamaAttention reference = new LlamaAttention(config);
        reference.loadWeights(weights);

        INDArray actual = reference.forward(x, cache, 1);
        INDArray expected = new NaiveLlamaBlock(config, weights).forward(x, naiveCache, 1);

        assertThat(Transforms.abs(actual.sub(x)).maxNumber().doubleValue()).isGreaterThan(100);
        assertClose("output", expected, actual, 1e-9);
    }

    @Test
    void fOrderAndViewInputsGiveTheSameResultAsTheirContiguousCopies() {
        BlockConfig config = new BlockConfig(12, 6, 3, 8, 10000.0, 1e-5);
        BlockWeights weights = weights(4L, config, DataType.FLOAT);
        INDArray copy = SeededArrays.uniform(4L, "x", DataType.FLOAT, 1.0, 2, 3, 12);
        INDArray view = Nd4j.zeros(DataType.FLOAT, 2, 3, 14).get(all(), all(), interval(1, 13)).assign(copy);
        List<INDArray> outputs = new ArrayList<>();
        for (INDArray x : List.of(copy, copy.dup('f'), view)) {
            LlamaAttention reference = new LlamaAttention(config);
            reference.loadWeights(weights);
            outputs.add(reference.forward(x, staleCache(4L, config, 2, DataType.FLOAT), 2));
        }

        assertThat(outputs.get(1)).isEqualTo(outputs.get(0));
        assertThat(outputs.get(2)).isEqualTo(outputs.get(0));
    }

    /** Gains near 1, projections uniform in {@code ±1/sqrt(fan-in)}. */
    static BlockWeights weights(long seed, BlockConfig c, DataType type) {
        return weights(seed, c, type, 1.0);
    }

    private static BlockWeights weights(long seed, BlockConfig c, DataType type, double scale) {
        int d = c.dModel();
        int kv = c.numKvHeads() * (d / c.numHeads());
        double w = scale / Math.sqrt(d);
        return new BlockWeights(SeededArrays.uniform(seed, "attnNorm", DataType.DOUBLE, 0.2, d).addi(1).castTo(type),
                SeededArrays.uniform(seed, "wq", type, w, d, d), SeededArrays.uniform(seed, "wk", type, w, d, kv),
                SeededArrays.uniform(seed, "wv", type, w, d, kv), SeededArrays.uniform(seed, "wo", type, w, d, d));
    }

    /** A cache whose every position holds stale values: what a correct block never reads before writing. */
    static StaticKVCache staleCache(long seed, BlockConfig c, int batch, DataType type) {
        long[] shape = {batch, c.numKvHeads(), c.maxSeqLen(), c.dModel() / c.numHeads()};
        return new StaticKVCache(SeededArrays.uniform(seed, "stale-key", type, 1.0, shape),
                SeededArrays.uniform(seed, "stale-value", type, 1.0, shape));
    }

    private static void assertClose(String what, INDArray expected, INDArray actual, double tol) {
        assertThat(actual.shape()).as(what + " shape").isEqualTo(expected.shape());
        double[] e = expected.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] a = actual.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        for (int n = 0; n < e.length; n++) {
            assertThat(Math.abs(a[n] - e[n])).as(what + " element " + n + ": expected " + e[n] + ", got " + a[n])
                    .isLessThanOrEqualTo(tol + tol * Math.abs(e[n]));
        }
    }
}
