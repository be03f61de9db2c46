import io.github.kvkit.api.AttentionResult;
import io.github.kvkit.api.AttentionWeights;
import io.github.kvkit.api.CachedAttention;
import io.github.kvkit.api.KVCache;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Its main class initializes fine, but forward uses a nested class whose static initializer throws:
 * status init_error for that case.
 * Refuses bad sizes in its constructor like a correct candidate, so the cases that only check refusals pass.
 */
public class InitFailsInForward implements CachedAttention {

    public InitFailsInForward(int dModel, int numHeads, int maxCacheLen) {
        if (dModel <= 0 || numHeads <= 0 || maxCacheLen <= 0 || dModel % numHeads != 0) {
            throw new IllegalArgumentException("dModel=" + dModel + ", numHeads=" + numHeads + ", maxCacheLen="
                    + maxCacheLen + ": expected positive sizes with dModel divisible by numHeads");
        }
    }

    @Override
    public void loadWeights(AttentionWeights weights) {
    }

    @Override
    public AttentionResult forward(INDArray query, INDArray key, INDArray value, KVCache cache, boolean useCausalMask) {
        return Tables.SCALES.length > 0 ? null : null;
    }

    /** Initialized on first use, in forward. */
    static final class Tables {
        static final double[] SCALES = load();

        private static double[] load() {
            throw new IllegalStateException("scale table missing");
        }
    }
}
