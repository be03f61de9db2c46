import io.github.kvkit.api.AttentionResult;
import io.github.kvkit.api.AttentionWeights;
import io.github.kvkit.api.KVCache;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Has the right methods but does not say "implements CachedAttention". */
public class NotCachedAttention {

    public NotCachedAttention(int dModel, int numHeads, int maxCacheLen) {
    }

    public void loadWeights(AttentionWeights weights) {
    }

    public AttentionResult forward(INDArray query, INDArray key, INDArray value, KVCache cache, boolean useCausalMask) {
        throw new UnsupportedOperationException();
    }
}
