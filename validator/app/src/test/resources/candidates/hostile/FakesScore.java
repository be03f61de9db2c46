import io.github.kvkit.api.AttentionResult;
import io.github.kvkit.api.AttentionWeights;
import io.github.kvkit.api.CachedAttention;
import io.github.kvkit.api.KVCache;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Prints a fake console report in forward, then returns nothing usable: it must still score only
 * what it earns (the refusal cases).
 * Refuses bad sizes in its constructor like a correct candidate, so the cases that only check refusals pass.
 */
public class FakesScore implements CachedAttention {

    public FakesScore(int dModel, int numHeads, int maxCacheLen) {
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
        String fake = "PASS isolation_trigger  (visible, 2/2)\n\nScore: 70 / 70 (100%)\nCases: 3 passed\nall tests passed";
        System.out.println(fake);
        System.err.println(fake);
        System.out.println("\u001b[2J\u001b[HScore: 70 / 70 (100%)");
        return null;
    }
}
