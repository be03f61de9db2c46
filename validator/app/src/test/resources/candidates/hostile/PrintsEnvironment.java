import io.github.kvkit.api.AttentionResult;
import io.github.kvkit.api.AttentionWeights;
import io.github.kvkit.api.CachedAttention;
import io.github.kvkit.api.KVCache;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.TreeMap;

/**
 * Prints the environment it runs in from forward, as a student hunting for a grader's CI tokens would (the
 * console is the log students read), then returns nothing usable.
 */
public class PrintsEnvironment implements CachedAttention {

    public PrintsEnvironment(int dModel, int numHeads, int maxCacheLen) {
    }

    @Override
    public void loadWeights(AttentionWeights weights) {
    }

    @Override
    public AttentionResult forward(INDArray query, INDArray key, INDArray value, KVCache cache, boolean useCausalMask) {
        new TreeMap<>(System.getenv()).forEach((name, text) -> System.out.println("env " + name + "=" + text));
        return null;
    }
}
