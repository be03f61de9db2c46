import io.github.kvkit.api.AttentionResult;
import io.github.kvkit.api.AttentionWeights;
import io.github.kvkit.api.CachedAttention;
import io.github.kvkit.api.KVCache;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Starts a non-daemon thread that never ends: it must not keep the validator waiting.
 * Refuses bad sizes in its constructor like a correct candidate, so the cases that only check refusals pass.
 */
public class LeavesThreadRunning implements CachedAttention {

    private static final Thread KEEPER = new Thread(() -> {
        while (true) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException ignored) {
                // keep going
            }
        }
    }, "never-ends");

    static {
        KEEPER.setDaemon(false);
        KEEPER.start();
    }

    public LeavesThreadRunning(int dModel, int numHeads, int maxCacheLen) {
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
        return null;    // status error: forward returned null
    }
}
