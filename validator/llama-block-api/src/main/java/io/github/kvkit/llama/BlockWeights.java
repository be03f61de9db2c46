package io.github.kvkit.llama;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The weights of one attention block. Matrices are applied as {@code x·W} ({@code W} is {@code [in, out]}); there
 * are no biases.
 *
 * @param attnNorm the RMSNorm gain, {@code [D]}
 * @param wq       the query projection, {@code [D, H*Dh]}
 * @param wk       the key projection, {@code [D, KvH*Dh]}
 * @param wv       the value projection, {@code [D, KvH*Dh]}
 * @param wo       the output projection, {@code [H*Dh, D]}
 */
public record BlockWeights(INDArray attnNorm, INDArray wq, INDArray wk, INDArray wv, INDArray wo) {
}
