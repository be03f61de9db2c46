import io.github.kvkit.api.AttentionResult;
import io.github.kvkit.api.AttentionWeights;
import io.github.kvkit.api.CachedAttention;
import io.github.kvkit.api.KVCache;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Calls System.exit(0) in its constructor: a contract error found by the probe in the child JVM. */
public class ExitsInConstructor implements CachedAttention {

    public ExitsInConstructor(int dModel, int numHeads, int maxCacheLen) {
        System.exit(0);
    }

    @Override
    public void loadWeights(AttentionWeights weights) {
    }

    @Override
    public AttentionResult forward(INDArray query, INDArray key, INDArray value, KVCache cache, boolean useCausalMask) {
        return null;
    }
}
