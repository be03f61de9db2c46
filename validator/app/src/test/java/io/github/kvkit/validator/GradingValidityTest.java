package io.github.kvkit.validator;

import io.github.kvkit.validator.cases.TestCase;
import io.github.kvkit.validator.result.CaseResult;
import io.github.kvkit.validator.result.CheckResult;
import io.github.kvkit.validator.result.ValidationReport;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Marks follow correctness: trivial candidates that validate their input and compute nothing earn next to
 * nothing on visible + hidden, and single mistakes outside the challenge's catalog are caught by the
 * shipped cases (stress left out: none depends on them) on the check that names them.
 */
class GradingValidityTest {

    @TempDir
    Path dir;

    private ValidationReport grade(String edit, List<TestCase> cases) throws Exception {
        return Validation.inProcess(ShippedCases.ORACLE).validate(LoopEdits.write(edit, dir), cases, c -> { });
    }

    @ParameterizedTest(name = "{0} earns at most {1} of the marks")
    @CsvSource({
            "ReturnsZeros, 0.25",
            "UniformWeightsZeroCache, 0.25",
            "RightCacheUniformWeights, 0.40",
            "NaNOutputRightCache, 0.25"})
    void aTrivialCandidateEarnsAtMostItsCeiling(String candidate, double ceiling) throws Exception {
        ValidationReport report = grade(candidate, ShippedCases.ALL.get());

        assertThat(report.score() / report.maxScore()).isLessThanOrEqualTo(ceiling);
    }

    @ParameterizedTest(name = "{0} fails {1}")
    @CsvSource({
            "BuildsInFloat, reference",
            "MasksWithMinus1e4, causal_mask",
            "RefusesEmptyCache, reference",
            "RefusesWideQueryUnmasked, reference",
            "KeysFromQueryWhenLengthsMatch, reference",
            "ReusesWeightsBuffer, inputs_unchanged"})
    void aMistakeOutsideTheCatalogLosesMarksOnItsCheck(String candidate, String check) throws Exception {
        ValidationReport report = grade(candidate, ShippedCases.QUICK.get());

        assertThat(report.score()).isLessThan(report.maxScore());
        assertThat(failedChecks(report)).contains(check);
    }

    private static List<String> failedChecks(ValidationReport report) {
        return report.tests().stream().map(CaseResult::checks).flatMap(List::stream)
                .filter(c -> !c.passed()).map(CheckResult::name).distinct().toList();
    }
}
