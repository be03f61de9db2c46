package io.github.kvkit.llama;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A key/value cache preallocated by the caller for a whole sequence, written in place by
 * {@link LlamaAttentionBlock#forward}: position {@code p} of kv head {@code g} of batch row {@code b} is
 * {@code key[b, g, p, :]}, the key after the rotary embedding, and {@code value[b, g, p, :]}.
 *
 * @param key   {@code [B, KvH, maxSeqLen, Dh]}, in the data type of the tokens
 * @param value {@code [B, KvH, maxSeqLen, Dh]}, in the data type of the tokens
 */
public record StaticKVCache(INDArray key, INDArray value) {
}
