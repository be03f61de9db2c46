package io.github.kvkit.validator.cases;

import io.github.kvkit.validator.result.Visibility;

import java.nio.file.Path;
import java.util.Set;

/**
 * One parsed, checked test case: the envelope every track shares, and its track's body. See
 * {@code docs/test-cases.md} for the file format.
 *
 * @param source      the file it was read from
 * @param track       the id of the track whose body it holds
 * @param checks      the checks to score, or {@code null} for every check that applies
 */
public record TestCase(Path source, String name, String description, String track, String category,
                       double points, Visibility visibility, Dtype dtype, long seed, Tolerance tolerance,
                       Set<String> checks, CaseBody body) {
}
