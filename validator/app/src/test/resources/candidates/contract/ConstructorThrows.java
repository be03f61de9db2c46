import io.github.kvkit.api.AttentionResult;
import io.github.kvkit.api.AttentionWeights;
import io.github.kvkit.api.CachedAttention;
import io.github.kvkit.api.KVCache;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The constructor always throws. */
public class ConstructorThrows implements CachedAttention {

    public ConstructorThrows(int dModel, int numHeads, int maxCacheLen) {
        throw new IllegalStateException("not implemented yet");
    }

    @Override
    public void loadWeights(AttentionWeights weights) {
    }

    @Override
    public AttentionResult forward(INDArray query, INDArray key, INDArray value, KVCache cache, boolean useCausalMask) {
        throw new UnsupportedOperationException();
    }
}
