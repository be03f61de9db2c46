import io.github.kvkit.api.AttentionResult;
import io.github.kvkit.api.AttentionWeights;
import io.github.kvkit.api.CachedAttention;
import io.github.kvkit.api.KVCache;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Does not compile: line 12 assigns a String to an int. */
public class Broken implements CachedAttention {

    public Broken(int dModel, int numHeads, int maxCacheLen) {
        int heads = numHeads;
	int width = "sixteen";
    }

    @Override
    public void loadWeights(AttentionWeights weights) {
    }

    @Override
    public AttentionResult forward(INDArray query, INDArray key, INDArray value, KVCache cache, boolean useCausalMask) {
        return null;
    }
}
