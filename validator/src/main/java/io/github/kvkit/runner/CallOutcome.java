package io.github.kvkit.runner;

/** What one call did, as raw facts; the validator alone turns these into verdicts. */
public sealed interface CallOutcome {

    /** A constructor or {@code loadWeights} call that returned normally. */
    record Completed() implements CallOutcome {
    }

    /**
     * A forward call that returned.
     *
     * @param cacheKeyShape    the full shape of the returned cache key (the tensor may hold only its tail)
     * @param cacheTailOnly    whether {@code cacheKey}/{@code cacheValue} hold only the rows this call added
     * @param inputDigests     digests, after the call, of query, key, value, cache key, cache value (0 = absent)
     * @param weightsDigest    digest of the loaded weights after the call (0 when not captured)
     * @param cacheDigest      digest of the returned cache (key then value) when it was returned
     * @param resultDigests    digests of the returned output and attention weights, as they were returned
     * @param laterDigests     the results of earlier forward calls digested again after this call, as triples
     *                         {@code (call index, output digest, attention weights digest)}: a returned array
     *                         that a later call overwrites shows here
     */
    record Returned(Tensor output, Tensor attentionWeights, Tensor cacheKey, Tensor cacheValue,
                    long[] cacheKeyShape, long[] cacheValueShape, boolean cacheTailOnly,
                    long[] inputDigests, long weightsDigest, long cacheDigest,
                    long[] resultDigests, long[] laterDigests) implements CallOutcome {
    }

    /**
     * The call threw.
     *
     * @param type    the exception's class name
     * @param where   the first stack frame in the candidate's own code, or empty
     * @param illegalArgument whether it is an {@link IllegalArgumentException} (or a subclass)
     */
    record Threw(String type, String message, String where, boolean illegalArgument) implements CallOutcome {
    }

    /** The call returned something that cannot be judged (null result, null arrays, unreadable arrays). */
    record Unusable(String why) implements CallOutcome {
    }

    /** The call was not made: an earlier failure it depends on, or the run stopped. */
    record NotRun(String why) implements CallOutcome {
    }
}
