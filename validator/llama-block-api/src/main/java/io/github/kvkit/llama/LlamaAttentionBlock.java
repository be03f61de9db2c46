package io.github.kvkit.llama;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The contract of the llama-block track: the attention half of a Llama decoder layer (RMSNorm, grouped-query
 * attention with rotary position embeddings, the residual) over a preallocated key/value cache it writes in place.
 *
 * <p>An implementing class is public, top level, and has a public constructor {@code (BlockConfig config)}. The
 * normative semantics are in {@code docs/tracks/llama-block.md}. Bad input is refused with an
 * {@link IllegalArgumentException} whose message names the argument, its value and what was expected.
 */
public interface LlamaAttentionBlock {

    /** Replaces the weights; shapes are checked, the arrays are not modified. */
    void loadWeights(BlockWeights weights);

    /**
     * One call on the tokens at absolute positions {@code pos .. pos+T-1}: writes their keys and values into
     * {@code cache} at those positions and attends over positions {@code 0 .. pos+T-1}.
     *
     * @param x     {@code [B, T, D]}, the tokens at absolute positions {@code pos .. pos+T-1}
     * @param cache the preallocated cache; positions {@code 0 .. pos-1} hold the earlier tokens' keys and values
     * @param pos   the absolute position of the first token of {@code x}
     * @return {@code x + attention(rmsnorm(x))}, {@code [B, T, D]}, a new array in {@code x}'s data type
     * @throws IllegalArgumentException on bad shapes or types, {@code pos < 0} or {@code pos + T > maxSeqLen}
     */
    INDArray forward(INDArray x, StaticKVCache cache, int pos);
}
