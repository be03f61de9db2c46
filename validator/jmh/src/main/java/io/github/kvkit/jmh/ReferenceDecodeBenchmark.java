package io.github.kvkit.jmh;

import io.github.kvkit.api.AttentionResult;
import io.github.kvkit.api.CachedAttention;
import io.github.kvkit.api.KVCache;
import io.github.kvkit.attention.KVCachedMultiHeadAttention;
import io.github.kvkit.data.SeededArrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The reference's cost of one more token at {@code positions} positions, float64, dModel 512, 8 heads, batch 1 (the
 * PyTorch figures of {@code docs/performance.md} were taken the same way): with the cache, one decode step on a cache
 * of {@code positions - 1}; without it, a causal pass over all {@code positions} tokens.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// 25 s of warm-up: the forks run with the child's JIT settings (AsInTheChild), where C2 waits ten times longer
@Warmup(iterations = 5, time = 5)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class ReferenceDecodeBenchmark {

    private static final int D_MODEL = 512;
    private static final int HEADS = 8;
    private static final long SEED = 20261202L;

    @Param({"128", "256", "512", "1024"})
    public int positions;

    private CachedAttention attention;
    private KVCache cache;          // [1, positions - 1, 512] keys and values
    private INDArray token;         // [1, 1, 512]
    private INDArray all;           // [1, positions, 512]

    @Setup
    public void setUp() {
        attention = new KVCachedMultiHeadAttention(D_MODEL, HEADS, 1024);
        attention.loadWeights(SeededArrays.attentionWeights(SEED, D_MODEL, DataType.DOUBLE));
        all = SeededArrays.uniform(SEED, "x", DataType.DOUBLE, 1.0, 1, positions, D_MODEL);
        INDArray prefix = SeededArrays.uniform(SEED, "prefix", DataType.DOUBLE, 1.0, 1, positions - 1, D_MODEL);
        cache = attention.forward(prefix, prefix, prefix, null, true).cache();
        token = SeededArrays.uniform(SEED, "token", DataType.DOUBLE, 1.0, 1, 1, D_MODEL);
    }

    /** One decode step: the new token attends to the cached positions and itself. */
    @Benchmark
    public AttentionResult cachedToken() {
        return attention.forward(token, token, token, cache, true);
    }

    /**
     * The same decode step with its result's native memory freed at once, as PyTorch's reference counting frees a
     * dropped tensor; ND4J frees it only when the GC collects the array, so every step of {@link #cachedToken} writes
     * its new cache into fresh pages.
     */
    @Benchmark
    public void cachedTokenFreed() {
        AttentionResult result = attention.forward(token, token, token, cache, true);
        result.output().close();
        result.cache().key().close();
        result.cache().value().close();
        result.attentionWeights().close();
    }

    /** What one more token costs without a cache: every position recomputed. */
    @Benchmark
    public AttentionResult recomputedToken() {
        return attention.forward(all, all, all, null, true);
    }
}
