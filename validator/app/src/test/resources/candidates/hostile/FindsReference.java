import io.github.kvkit.api.AttentionResult;
import io.github.kvkit.api.AttentionWeights;
import io.github.kvkit.api.CachedAttention;
import io.github.kvkit.api.KVCache;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Tries to reach the reference solution and the validator; the constructor throws IllegalStateException
 * if any attempt succeeds, or if the contract itself is not visible.
 */
public class FindsReference implements CachedAttention {

    private static final String REFERENCE = "io.github.kvkit.attention.KVCachedMultiHeadAttention";
    private static final String VALIDATOR = "io.github.kvkit.validator.load.CandidateLoader";

    public FindsReference(int dModel, int numHeads, int maxCacheLen) {
        if (!canLoad("io.github.kvkit.api.CachedAttention", null) || !canLoad("io.github.kvkit.data.SeededArrays", null)
                || !canLoad("org.nd4j.linalg.factory.Nd4j", null)) {
            throw new IllegalStateException("cannot see the contract, the seeded data or ND4J");
        }
        ClassLoader own = FindsReference.class.getClassLoader();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        for (String name : new String[] {REFERENCE, VALIDATOR}) {
            if (canLoad(name, null) || canLoad(name, own) || canLoad(name, context)) {
                throw new IllegalStateException("could load " + name);
            }
            String resource = name.replace('.', '/') + ".class";
            if (own.getResource(resource) != null || FindsReference.class.getResource("/" + resource) != null
                    || context.getResource(resource) != null || own.getResource("io/github/kvkit/api/../"
                    + resource.substring("io/github/kvkit/".length())) != null) {
                throw new IllegalStateException("could find " + resource);
            }
            try {
                if (own.getResources(resource).hasMoreElements()) {
                    throw new IllegalStateException("could enumerate " + resource);
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        if (Package.getPackage("io.github.kvkit.attention") != null) {
            throw new IllegalStateException("could see package io.github.kvkit.attention");
        }
    }

    private static boolean canLoad(String name, ClassLoader loader) {
        try {
            if (loader == null) {
                Class.forName(name);
            } else {
                Class.forName(name, false, loader);
            }
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    @Override
    public void loadWeights(AttentionWeights weights) {
    }

    @Override
    public AttentionResult forward(INDArray query, INDArray key, INDArray value, KVCache cache, boolean useCausalMask) {
        throw new UnsupportedOperationException();
    }
}
