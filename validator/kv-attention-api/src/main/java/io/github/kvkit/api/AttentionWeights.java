package io.github.kvkit.api;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The four projections of multi-head attention. Every matrix is {@code [dModel, dModel]} and is
 * applied as {@code x·W + b} (W is {@code [in, out]}); every bias is {@code [dModel]}.
 */
public record AttentionWeights(INDArray wq, INDArray bq, INDArray wk, INDArray bk,
                               INDArray wv, INDArray bv, INDArray wo, INDArray bo) {
}
