import io.github.kvkit.api.AttentionResult;
import io.github.kvkit.api.AttentionWeights;
import io.github.kvkit.api.CachedAttention;
import io.github.kvkit.api.KVCache;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Leaves a mark (a system property) in the JVM where its static initializer and its constructor run, and
 * prints the process id: with the child runner the validator's JVM must never get the mark.
 */
public class MarksItsJvm implements CachedAttention {

    public static final String STATIC_MARK = "kvkit.test.markedByStaticInitializer";
    public static final String CONSTRUCTOR_MARK = "kvkit.test.markedByConstructor";

    static {
        System.setProperty(STATIC_MARK, String.valueOf(ProcessHandle.current().pid()));
        System.out.println("static initializer ran in process " + ProcessHandle.current().pid());
    }

    public MarksItsJvm(int dModel, int numHeads, int maxCacheLen) {
        System.setProperty(CONSTRUCTOR_MARK, String.valueOf(ProcessHandle.current().pid()));
        System.out.println("constructor ran in process " + ProcessHandle.current().pid());
    }

    @Override
    public void loadWeights(AttentionWeights weights) {
    }

    @Override
    public AttentionResult forward(INDArray query, INDArray key, INDArray value, KVCache cache, boolean useCausalMask) {
        System.out.println("forward ran in process " + ProcessHandle.current().pid());
        return null;
    }
}
