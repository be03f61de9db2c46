import io.github.kvkit.api.AttentionResult;
import io.github.kvkit.api.AttentionWeights;
import io.github.kvkit.api.CachedAttention;
import io.github.kvkit.api.KVCache;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Prints 64 MiB in forward: status output_limit, and the validator keeps only the start of it.
 * Refuses bad sizes in its constructor like a correct candidate, so the cases that only check refusals pass.
 */
public class PrintsMegabytes implements CachedAttention {

    public PrintsMegabytes(int dModel, int numHeads, int maxCacheLen) {
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
        String line = "debug: " + "x".repeat(1016);
        for (int i = 0; i < 64 * 1024; i++) {
            System.out.println(line);
        }
        return null;
    }
}
