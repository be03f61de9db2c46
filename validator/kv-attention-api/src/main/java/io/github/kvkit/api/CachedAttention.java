package io.github.kvkit.api;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The contract every candidate implements: multi-head attention with a key/value cache.
 *
 * <p>An implementing class is public, top level, and has a public constructor
 * {@code (int dModel, int numHeads, int maxCacheLen)}. The normative semantics are in
 * {@code docs/tracks/kv-attention.md}; in short: project, prepend the cache, split heads, scaled dot product,
 * optional bottom-right aligned causal mask, softmax over keys, weights·V, merge heads, project.
 *
 * <p>Implementations never modify the arrays they are given, and refuse bad input with an
 * {@link IllegalArgumentException} whose message names the argument, its value and what was expected.
 */
public interface CachedAttention {

    /** Replaces the projection weights; shapes are checked, the arrays are not modified. */
    void loadWeights(AttentionWeights weights);

    /**
     * Attends from {@code query} to the cached keys/values followed by the new {@code key}/{@code value}.
     *
     * @param query         {@code [batch, queryLen, dModel]}
     * @param key           {@code [batch, keyLen, dModel]}
     * @param value         {@code [batch, keyLen, dModel]}
     * @param cache         earlier projected keys/values, or {@code null} for none
     * @param useCausalMask whether query {@code i} may only see keys {@code j <= i + (Lk - queryLen)}
     * @return the output, the grown cache and the attention weights
     * @throws IllegalArgumentException on bad shapes, a cache overflow, or a causal mask with more
     *                                  queries than keys
     */
    AttentionResult forward(INDArray query, INDArray key, INDArray value, KVCache cache, boolean useCausalMask);
}
