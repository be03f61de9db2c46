package io.github.kvkit.tracks.llama.cases;

import io.github.kvkit.llama.BlockConfig;
import io.github.kvkit.validator.cases.ArraySpec;

import java.util.Map;

/** One step of a llama-block case: a call the candidate must answer, or a call it must refuse. */
public sealed interface LlamaStep {

    /** The step's name, unique within its case (repeated steps get {@code #i} appended). */
    String name();

    /**
     * Forward calls that must succeed.
     *
     * @param newCache     whether the step starts a sequence on a fresh preallocated cache (else it continues the
     *                     previous step's, at the next position)
     * @param pos          for a new cache, the position of its first token: positions {@code 0 .. pos-1} then hold
     *                     earlier tokens' keys and values already; ignored when continuing
     * @param repeat       how many calls in a row, each with fresh tokens at the next positions
     * @param inputScale   generated tokens are uniform in {@code ±inputScale}
     * @param layout       how x is laid out in memory: {@code c}, {@code f} or a strided {@code view}
     * @param zeroTokens   the tokens (indices into the call's {@code T}) whose whole row is 0
     * @param x            inline tokens, or {@code null} to generate them
     * @param initialCache inline contents of a new cache, or {@code null} to generate them
     */
    record Forward(String name, int batch, int tokens, boolean newCache, int pos, int repeat, double inputScale,
                   String layout, int[] zeroTokens, ArraySpec x, CacheContents initialCache) implements LlamaStep {
    }

    /** A constructor call with {@code config} that must throw {@link IllegalArgumentException}. */
    record RejectConstructor(String name, String why, BlockConfig config) implements LlamaStep {
    }

    /**
     * A {@code loadWeights} call that must throw {@link IllegalArgumentException}.
     *
     * @param shapes the weights whose shape is wrong, by name ({@code attnNorm}, {@code wq}, ...); the others get the
     *               right shape; {@code null} passes {@code null} instead of the weights
     */
    record RejectWeights(String name, String why, Map<String, long[]> shapes) implements LlamaStep {
    }

    /**
     * A forward call that must throw {@link IllegalArgumentException}.
     *
     * @param x     the tokens (a shape to generate, inline values), or {@code null} to pass null
     * @param cache the cache it is given
     */
    record RejectForward(String name, String why, ArraySpec x, RejectCache cache, int pos) implements LlamaStep {
    }

    /** The inline contents of a cache, {@code [B, KvH, maxSeqLen, Dh]} each. */
    record CacheContents(ArraySpec key, ArraySpec value) {
    }

    /** The cache of a forward call that must be refused. */
    sealed interface RejectCache {

        /** A fresh cache of the right shape and type for the call's x. */
        record Fresh() implements RejectCache {
        }

        /** {@code null} instead of a cache. */
        record None() implements RejectCache {
        }

        /**
         * A cache of these arrays (shapes to generate or inline values; null passes a null part), of type
         * {@code dtype} ({@code float32}, {@code float64}), or the case's when null.
         */
        record Explicit(ArraySpec key, ArraySpec value, String dtype) implements RejectCache {
        }
    }
}
