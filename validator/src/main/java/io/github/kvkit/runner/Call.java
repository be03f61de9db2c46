package io.github.kvkit.runner;

import org.nd4j.linalg.api.ndarray.INDArray;

/** One call to make on the candidate. Calls are numbered from 0 in the order they run. */
public sealed interface Call {

    int index();

    /** Whether the call must throw {@link IllegalArgumentException}. */
    boolean mustReject();

    /** Constructs the candidate; the first call (index 0) builds the instance every later call uses. */
    record Construct(int index, int dModel, int numHeads, int maxCacheLen, boolean mustReject) implements Call {
    }

    /** {@code loadWeights} with these arrays, or {@code null} arrays to pass {@code null} weights. */
    record LoadWeights(int index, INDArray[] weights, boolean mustReject) implements Call {
    }

    /**
     * {@code forward}. When {@code keyIsQuery}/{@code valueIsQuery} the query object itself is passed as
     * key/value, as self-attention code does.
     *
     * @param cacheFromCall  the call whose returned cache is passed, or -1
     * @param cacheKey       explicit cache arrays (used when cacheFromCall is -1 and either is non-null)
     * @param fullCapture    send back the whole cache and digest the weights; otherwise only the last
     *                       {@code key.size(1)} cache rows (enough to see what this call appended)
     */
    record Forward(int index, INDArray query, INDArray key, INDArray value, boolean keyIsQuery,
                   boolean valueIsQuery, int cacheFromCall, INDArray cacheKey, INDArray cacheValue,
                   boolean causal, boolean fullCapture, boolean mustReject) implements Call {
    }
}
