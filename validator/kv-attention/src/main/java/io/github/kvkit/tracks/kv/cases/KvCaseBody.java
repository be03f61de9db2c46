package io.github.kvkit.tracks.kv.cases;

import io.github.kvkit.validator.cases.ArraySpec;
import io.github.kvkit.validator.cases.CaseBody;
import io.github.kvkit.validator.cases.TestCase;

import java.util.List;
import java.util.Map;

/**
 * A kv-attention case's body: the attention's sizes, its weights, the steps, and the frozen results.
 *
 * @param weights     inline weights by name, or {@code null} to generate them from the seed
 * @param expected    frozen reference results, one per forward step instance, or {@code null}
 */
public record KvCaseBody(int dModel, int numHeads, int maxCacheLen, double weightScale, Map<String, ArraySpec> weights,
                         List<Step> steps, List<ExpectedStep> expected) implements CaseBody {

    public KvCaseBody {
        steps = List.copyOf(steps);
    }

    @Override
    public boolean frozen() {
        return expected != null;
    }

    @Override
    public String summary() {
        return steps.size() + " steps, " + (expected == null ? 0 : expected.size()) + " expected results";
    }

    /** The body of a kv-attention case. */
    public static KvCaseBody of(TestCase tc) {
        return (KvCaseBody) tc.body();
    }

    /** Frozen results of one forward step instance. */
    public record ExpectedStep(String step, ArraySpec output, ArraySpec cacheKey, ArraySpec cacheValue,
                               ArraySpec attentionWeights) {
    }
}
