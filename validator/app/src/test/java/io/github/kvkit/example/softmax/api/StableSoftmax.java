package io.github.kvkit.example.softmax.api;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The contract of the example track: a softmax over the last axis that does not overflow. A candidate is a
 * public class implementing it with a public no-argument constructor.
 */
public interface StableSoftmax {

    /** {@code exp(x - max) / sum(exp(x - max))} along the last axis of a rank-2 {@code x}; a new array, {@code x} unchanged. */
    INDArray softmax(INDArray x);
}
