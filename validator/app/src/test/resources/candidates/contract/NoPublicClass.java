import io.github.kvkit.api.AttentionResult;
import io.github.kvkit.api.AttentionWeights;
import io.github.kvkit.api.CachedAttention;
import io.github.kvkit.api.KVCache;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Implements the contract but forgot "public". */
class NoPublicClass implements CachedAttention {

    public NoPublicClass(int dModel, int numHeads, int maxCacheLen) {
    }

    @Override
    public void loadWeights(AttentionWeights weights) {
    }

    @Override
    public AttentionResult forward(INDArray query, INDArray key, INDArray value, KVCache cache, boolean useCausalMask) {
        throw new UnsupportedOperationException();
    }
}
