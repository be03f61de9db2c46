package io.github.kvkit.attention;

import io.github.kvkit.api.AttentionResult;
import io.github.kvkit.api.AttentionWeights;
import io.github.kvkit.api.CachedAttention;
import io.github.kvkit.api.KVCache;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Same package and name as the reference, in a file named differently; it must load as itself. */
public class KVCachedMultiHeadAttention implements CachedAttention {

    public static final String ORIGIN = "candidate";

    public KVCachedMultiHeadAttention(int dModel, int numHeads, int maxCacheLen) {
    }

    @Override
    public void loadWeights(AttentionWeights weights) {
    }

    @Override
    public AttentionResult forward(INDArray query, INDArray key, INDArray value, KVCache cache, boolean useCausalMask) {
        throw new UnsupportedOperationException("shadow");
    }
}
