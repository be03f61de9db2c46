import io.github.kvkit.api.AttentionResult;
import io.github.kvkit.api.AttentionWeights;
import io.github.kvkit.api.CachedAttention;
import io.github.kvkit.api.KVCache;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Takes (dModel, numHeads) only; the (int, int, int) constructor exists but is private. */
public class NoSizeConstructor implements CachedAttention {

    public NoSizeConstructor(int dModel, int numHeads) {
        this(dModel, numHeads, 64);
    }

    private NoSizeConstructor(int dModel, int numHeads, int maxCacheLen) {
    }

    @Override
    public void loadWeights(AttentionWeights weights) {
    }

    @Override
    public AttentionResult forward(INDArray query, INDArray key, INDArray value, KVCache cache, boolean useCausalMask) {
        throw new UnsupportedOperationException();
    }
}
