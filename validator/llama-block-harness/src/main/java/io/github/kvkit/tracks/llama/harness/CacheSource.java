package io.github.kvkit.tracks.llama.harness;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Which cache a forward call is given. */
public sealed interface CacheSource {

    /**
     * These arrays, which the call may write into (a preallocated cache). Calls given the same objects share one
     * cache, as a caller decoding a sequence does; either may be null to pass a cache with a null part.
     */
    record Arrays(INDArray key, INDArray value) implements CacheSource {
    }

    /** A copy of the cache as it was just before call {@code call} ran: a second route from the same state. */
    record Before(int call) implements CacheSource {
    }

    /** No cache at all: {@code forward(x, null, pos)}. */
    record None() implements CacheSource {
    }
}
