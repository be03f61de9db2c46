package io.github.kvkit.validator.cases;

import io.github.kvkit.validator.result.Visibility;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One parsed, checked test case. See {@code docs/test-cases.md} for the file format.
 *
 * @param source      the file it was read from
 * @param weights     inline weights by name, or {@code null} to generate them from the seed
 * @param checks      the checks to score, or {@code null} for every check that applies
 * @param expected    frozen reference results, one per forward step instance, or {@code null}
 */
public record TestCase(Path source, String name, String description, String track, String category,
                       double points, Visibility visibility, Dtype dtype, int dModel, int numHeads,
                       int maxCacheLen, long seed, double weightScale, Map<String, ArraySpec> weights,
                       Tolerance tolerance, List<Step> steps, Set<String> checks, List<ExpectedStep> expected) {

    public TestCase {
        steps = List.copyOf(steps);
    }

    /** Frozen results of one forward step instance. */
    public record ExpectedStep(String step, ArraySpec output, ArraySpec cacheKey, ArraySpec cacheValue,
                               ArraySpec attentionWeights) {
    }
}
