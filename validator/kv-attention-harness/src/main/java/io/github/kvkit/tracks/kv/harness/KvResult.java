package io.github.kvkit.tracks.kv.harness;

import io.github.kvkit.harness.CallOutcome;
import io.github.kvkit.harness.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one forward call returned, typed; on the wire a track-neutral {@link CallOutcome.Returned}
 * ({@link #toOutcome()}, {@link #of(CallOutcome.Returned)}).
 *
 * @param cacheKeyShape    the full shape of the returned cache key (the tensor may hold only its tail)
 * @param cacheTailOnly    whether {@code cacheKey}/{@code cacheValue} hold only the rows this call added
 * @param cacheInDigests   digests, after the call, of the key and value of the cache passed in (0 = none, or a
 *                         call that is not captured in full); the engine's {@code ArgumentGuard} watches the
 *                         arrays passed as arguments
 * @param weightsDigest    digest of the loaded weights after the call (0 when not captured)
 * @param cacheDigest      digest of the returned cache (key then value) when it was returned
 * @param resultDigests    digests of the returned output and attention weights, as they were returned
 * @param laterDigests     the results of earlier forward calls digested again after this call, as triples
 *                         {@code (call index, output digest, attention weights digest)}: a returned array
 *                         that a later call overwrites shows here
 */
public record KvResult(Tensor output, Tensor attentionWeights, Tensor cacheKey, Tensor cacheValue,
                       long[] cacheKeyShape, long[] cacheValueShape, boolean cacheTailOnly,
                       long[] cacheInDigests, long weightsDigest, long cacheDigest,
                       long[] resultDigests, long[] laterDigests) {

    /** The same result in the engine's track-neutral form. */
    public CallOutcome.Returned toOutcome() {
        Map<String, Tensor> arrays = new LinkedHashMap<>();
        arrays.put("output", output);
        arrays.put("attentionWeights", attentionWeights);
        arrays.put("cache.key", cacheKey);
        arrays.put("cache.value", cacheValue);
        Map<String, long[]> numbers = new LinkedHashMap<>();
        numbers.put("cache.key.shape", cacheKeyShape);
        numbers.put("cache.value.shape", cacheValueShape);
        numbers.put("cache.tailOnly", new long[] {cacheTailOnly ? 1 : 0});
        numbers.put("cache.in.digest", cacheInDigests);
        numbers.put("weights.digest", new long[] {weightsDigest});
        numbers.put("cache.digest", new long[] {cacheDigest});
        numbers.put("results.digest", resultDigests);
        numbers.put("later.digest", laterDigests);
        return new CallOutcome.Returned(arrays, numbers);
    }

    /** The typed result, or null when {@code r} lacks a part or has one of the wrong length. */
    public static KvResult of(CallOutcome.Returned r) {
        Tensor output = r.array("output");
        Tensor weights = r.array("attentionWeights");
        Tensor key = r.array("cache.key");
        Tensor value = r.array("cache.value");
        long[] keyShape = r.numbers("cache.key.shape");
        long[] valueShape = r.numbers("cache.value.shape");
        long[] tail = r.numbers("cache.tailOnly");
        long[] cacheIn = r.numbers("cache.in.digest");
        long[] weightsDigest = r.numbers("weights.digest");
        long[] cacheDigest = r.numbers("cache.digest");
        long[] results = r.numbers("results.digest");
        long[] later = r.numbers("later.digest");
        if (output == null || weights == null || key == null || value == null || keyShape == null || valueShape == null
                || tail == null || tail.length != 1 || cacheIn == null || cacheIn.length != 2 || weightsDigest == null
                || weightsDigest.length != 1 || cacheDigest == null || cacheDigest.length != 1 || results == null
                || results.length != 2 || later == null || later.length % 3 != 0) {
            return null;
        }
        return new KvResult(output, weights, key, value, keyShape, valueShape, tail[0] != 0, cacheIn, weightsDigest[0],
                cacheDigest[0], results, later);
    }
}
