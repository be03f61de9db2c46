import io.github.kvkit.api.AttentionResult;
import io.github.kvkit.api.AttentionWeights;
import io.github.kvkit.api.CachedAttention;
import io.github.kvkit.api.KVCache;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Recurses without end in forward: status stack_overflow.
 * Refuses bad sizes in its constructor like a correct candidate, so the cases that only check refusals pass.
 */
public class DeepRecursion implements CachedAttention {

    public DeepRecursion(int dModel, int numHeads, int maxCacheLen) {
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
        return depth(query, 0) > 0 ? null : null;
    }

    private int depth(INDArray x, int n) {
        return depth(x, n + 1) + 1;
    }
}
