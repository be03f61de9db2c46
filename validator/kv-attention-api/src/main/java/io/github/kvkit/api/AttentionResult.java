package io.github.kvkit.api;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What one forward call returns.
 *
 * @param output           {@code [batch, queryLen, dModel]}, in the query's data type
 * @param cache            the full projected keys and values, {@code [batch, cachedLen + keyLen, dModel]}
 * @param attentionWeights the softmax weights, {@code [batch, numHeads, queryLen, cachedLen + keyLen]}
 */
public record AttentionResult(INDArray output, KVCache cache, INDArray attentionWeights) {
}
