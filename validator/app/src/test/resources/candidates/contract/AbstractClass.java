import io.github.kvkit.api.AttentionResult;
import io.github.kvkit.api.AttentionWeights;
import io.github.kvkit.api.CachedAttention;
import io.github.kvkit.api.KVCache;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Abstract, so it cannot be constructed. */
public abstract class AbstractClass implements CachedAttention {

    public AbstractClass(int dModel, int numHeads, int maxCacheLen) {
    }

    @Override
    public void loadWeights(AttentionWeights weights) {
    }
}
