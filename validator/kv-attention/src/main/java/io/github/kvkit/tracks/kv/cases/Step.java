package io.github.kvkit.tracks.kv.cases;

import io.github.kvkit.validator.cases.ArraySpec;

import java.util.Map;

/** One step of a case: a call the candidate must answer, or a call it must refuse. */
public sealed interface Step {

    /** The step's name, unique within its case (repeated steps get {@code #i} appended). */
    String name();

    /**
     * A forward call that must succeed.
     *
     * @param attentionSelf {@code true}: one array is passed as query, key and value (self-attention);
     *                      {@code false}: three arrays (cross-attention)
     * @param repeat        how many times the step is run in a row, each time with fresh inputs
     * @param inputScale    generated inputs are uniform in {@code ±inputScale}
     * @param layout        how the inputs are laid out in memory: {@code c}, {@code f} or a strided {@code view}
     * @param query         inline query, or {@code null} to generate it (likewise key and value)
     */
    record Forward(String name, int batch, int queryLen, int keyLen, boolean attentionSelf, boolean causal,
                   CacheSpec cache, int repeat, double inputScale, String layout,
                   ArraySpec query, ArraySpec key, ArraySpec value) implements Step {
    }

    /** A constructor call that must throw {@link IllegalArgumentException}. */
    record RejectConstructor(String name, String why, int dModel, int numHeads, int maxCacheLen) implements Step {
    }

    /**
     * A forward call that must throw {@link IllegalArgumentException}; a {@code null} array spec passes null.
     */
    record RejectForward(String name, String why, ArraySpec query, ArraySpec key, ArraySpec value,
                         CacheSpec cache, boolean causal) implements Step {
    }

    /**
     * A {@code loadWeights} call that must throw {@link IllegalArgumentException}.
     *
     * @param shapes the weights whose shape is wrong, by name ({@code wq}, {@code bq}, ...); the others get
     *               the right shape; {@code null} passes {@code null} instead of the weights
     */
    record RejectWeights(String name, String why, Map<String, long[]> shapes) implements Step {
    }
}
