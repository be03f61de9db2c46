package io.github.kvkit.api;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The projected keys and values of every position seen so far.
 *
 * @param key   projected keys, {@code [batch, cachedLen, dModel]}
 * @param value projected values, {@code [batch, cachedLen, dModel]}
 */
public record KVCache(INDArray key, INDArray value) {
}
