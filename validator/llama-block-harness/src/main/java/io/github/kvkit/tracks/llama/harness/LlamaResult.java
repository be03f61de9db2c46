package io.github.kvkit.tracks.llama.harness;

import io.github.kvkit.harness.CallOutcome;
import io.github.kvkit.harness.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one forward call returned, typed; on the wire a track-neutral {@link CallOutcome.Returned}
 * ({@link #toOutcome()}, {@link #of(CallOutcome.Returned)}).
 *
 * @param output        the returned array
 * @param cacheKey      the whole cache key as the call left it, or null when the call was given no key
 * @param cacheValue    the whole cache value as the call left it, or null when the call was given no value
 * @param outputDigest  the digest of the output as it was returned
 * @param weightsDigest the digest of the loaded weights after the call (0 when not taken: only after the last
 *                      forward call, once the candidate is done with them)
 * @param laterDigest   the previous forward call's output digested again after this call, as
 *                      {@code (call index, digest)}, or empty: a returned array that a later call overwrites shows here
 */
public record LlamaResult(Tensor output, Tensor cacheKey, Tensor cacheValue, long outputDigest, long weightsDigest,
                          long[] laterDigest) {

    /** The same result in the engine's track-neutral form. */
    public CallOutcome.Returned toOutcome() {
        Map<String, Tensor> arrays = new LinkedHashMap<>();
        arrays.put("output", output);
        if (cacheKey != null) {
            arrays.put("cache.key", cacheKey);
        }
        if (cacheValue != null) {
            arrays.put("cache.value", cacheValue);
        }
        Map<String, long[]> numbers = new LinkedHashMap<>();
        numbers.put("output.digest", new long[] {outputDigest});
        numbers.put("weights.digest", new long[] {weightsDigest});
        numbers.put("later.digest", laterDigest);
        return new CallOutcome.Returned(arrays, numbers);
    }

    /** The typed result, or null when {@code r} lacks a part or has one of the wrong length. */
    public static LlamaResult of(CallOutcome.Returned r) {
        Tensor output = r.array("output");
        long[] outputDigest = r.numbers("output.digest");
        long[] weightsDigest = r.numbers("weights.digest");
        long[] later = r.numbers("later.digest");
        if (output == null || outputDigest == null || outputDigest.length != 1 || weightsDigest == null
                || weightsDigest.length != 1 || later == null || (later.length != 0 && later.length != 2)) {
            return null;
        }
        return new LlamaResult(output, r.array("cache.key"), r.array("cache.value"), outputDigest[0], weightsDigest[0],
                later);
    }
}
