package io.github.kvkit.tracks.llama;

import io.github.kvkit.validator.result.ValidationReport;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Marks follow correctness on llama-block: candidates that return x, zeros, or compute attention without ever
 * writing or reading the cache earn next to nothing, and single mistakes outside the challenge's catalog lose marks
 * on the check that names them.
 */
class LlamaGradingValidityTest {

    @TempDir
    Path dir;

    private ValidationReport grade(String edit) throws Exception {
        return LlamaValidationTest.grade(LlamaLoopEdits.write(edit, dir));
    }

    @ParameterizedTest(name = "{0} earns at most {1} of the marks")
    @CsvSource({
            "ReturnsInput, 0",
            "ReturnsZeros, 0",
            "IgnoresCache, 0.15"})
    void aCandidateThatComputesNothingOrIgnoresTheCacheEarnsAtMostItsCeiling(String candidate, double ceiling)
            throws Exception {
        ValidationReport report = grade(candidate);

        assertThat(report.score() / report.maxScore()).isLessThanOrEqualTo(ceiling);
    }

    @ParameterizedTest(name = "{0} fails {1}")
    @CsvSource({
            "BuildsInFloat, reference",
            "RotatesHalves, cache_writes",
            "WritesFromPositionZero, cache_writes",
            "ReusesOutputBuffer, inputs_unchanged"})
    void aMistakeOutsideTheCatalogLosesMarksOnItsCheck(String candidate, String check) throws Exception {
        ValidationReport report = grade(candidate);

        assertThat(report.score()).isLessThan(report.maxScore());
        assertThat(LlamaValidationTest.failedChecks(report)).contains(check);
    }
}
