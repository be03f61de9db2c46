package io.github.kvkit.tracks.llama.cases;

import io.github.kvkit.llama.BlockConfig;
import io.github.kvkit.validator.cases.ArraySpec;
import io.github.kvkit.validator.cases.CaseBody;
import io.github.kvkit.validator.cases.TestCase;

import java.util.List;
import java.util.Map;

/**
 * A llama-block case's body: the block's configuration, its weights, the steps, and the frozen results.
 *
 * @param weightScale the projections are drawn uniform in {@code ±weightScale/sqrt(fan-in)}
 * @param weights     inline weights by name ({@code attnNorm, wq, wk, wv, wo}), or {@code null} to generate them
 * @param expected    frozen reference results, one per forward step instance, or {@code null}
 */
public record LlamaCaseBody(BlockConfig config, double weightScale, Map<String, ArraySpec> weights,
                            List<LlamaStep> steps, List<ExpectedStep> expected) implements CaseBody {

    /** The weights' names, in the order of {@code BlockWeights}. */
    public static final List<String> WEIGHT_NAMES = List.of("attnNorm", "wq", "wk", "wv", "wo");

    public LlamaCaseBody {
        steps = List.copyOf(steps);
    }

    @Override
    public boolean frozen() {
        return expected != null;
    }

    @Override
    public String summary() {
        return steps.size() + " steps, " + (expected == null ? 0 : expected.size()) + " expected results";
    }

    /** The shape of weight {@code name} for this case's configuration. */
    public long[] weightShape(String name) {
        return weightShape(config, name);
    }

    /** {@code [B, KvH, maxSeqLen, Dh]}: the shape of a cache's key and value for a batch of {@code batch}. */
    public long[] cacheShape(long batch) {
        return cacheShape(config, batch);
    }

    /** The shape of weight {@code name} ({@code attnNorm, wq, wk, wv, wo}) for {@code config}. */
    static long[] weightShape(BlockConfig config, String name) {
        long d = config.dModel();
        long q = (long) config.numHeads() * headDim(config);
        long kv = (long) config.numKvHeads() * headDim(config);
        return switch (name) {
            case "attnNorm" -> new long[] {d};
            case "wq" -> new long[] {d, q};
            case "wk", "wv" -> new long[] {d, kv};
            case "wo" -> new long[] {q, d};
            default -> throw new IllegalArgumentException("no weight " + name);
        };
    }

    /** The cache shape of {@code config} for a batch of {@code batch}. */
    static long[] cacheShape(BlockConfig config, long batch) {
        return new long[] {batch, config.numKvHeads(), config.maxSeqLen(), headDim(config)};
    }

    private static int headDim(BlockConfig config) {
        return config.dModel() / config.numHeads();
    }

    /** The body of a llama-block case. */
    public static LlamaCaseBody of(TestCase tc) {
        return (LlamaCaseBody) tc.body();
    }

    /**
     * Frozen results of one forward step instance.
     *
     * @param newKeys   the keys it writes, {@code [B, KvH, T, Dh]}: positions {@code pos .. pos+T-1} of the cache
     * @param newValues the values it writes, {@code [B, KvH, T, Dh]}
     */
    public record ExpectedStep(String step, ArraySpec output, ArraySpec newKeys, ArraySpec newValues) {
    }
}
