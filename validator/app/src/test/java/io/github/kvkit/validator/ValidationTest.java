package io.github.kvkit.validator;

import io.github.kvkit.validator.cases.TestCase;
import io.github.kvkit.validator.result.CaseResult;
import io.github.kvkit.validator.result.CheckResult;
import io.github.kvkit.validator.result.Outcome;
import io.github.kvkit.validator.result.Status;
import io.github.kvkit.validator.result.ValidationReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole pipeline on sample candidates: correct ones written differently from the reference score full
 * marks, and each check has a candidate that fails it on purpose.
 */
class ValidationTest {

    private static final Path CANDIDATES = Path.of("validator/app/src/test/resources/candidates");

    /** Every shipped case, stress included: what graders run. */
    static List<TestCase> allCases() throws Exception {
        return ShippedCases.ALL.get();
    }

    /** Every shipped case but the stress ones, for the many runs of the check samples. */
    static List<TestCase> quickCases() throws Exception {
        return ShippedCases.QUICK.get();
    }

    private static ValidationReport validate(String candidate, List<TestCase> cases) throws Exception {
        return Validation.inProcess(ShippedCases.ORACLE).validate(CANDIDATES.resolve(candidate), cases, c -> { });
    }

    @TempDir
    Path dir;

    private ValidationReport breaker(String name) throws Exception {
        return Validation.inProcess(ShippedCases.ORACLE).validate(LoopEdits.write(name, dir), quickCases(), c -> { });
    }

    @Test
    void theReferenceScoresFullMarksOnEveryShippedCase() throws Exception {
        ValidationReport report = Validation.inProcess(ShippedCases.ORACLE).validate(Path.of("solution/kv-attention/KVCachedMultiHeadAttention.java"),
                allCases(), c -> { });

        assertThat(failures(report)).isEmpty();
        assertThat(report.score()).isEqualTo(report.maxScore()).isEqualTo(70.0);
    }

    @Test
    void aLoopImplementationInDoubleScoresFullMarksOnEveryShippedCase() throws Exception {
        ValidationReport report = validate("valid/LoopAttention.java", allCases());

        assertThat(failures(report)).isEmpty();
        assertThat(report.allPassed()).isTrue();
    }

    @Test
    void aPackagedImplementationWithNestedClassesScoresFullMarksOnEveryShippedCase() throws Exception {
        ValidationReport report = validate("valid/PackagedAttention.java", allCases());

        assertThat(failures(report)).isEmpty();
        assertThat(report.allPassed()).isTrue();
    }

    @Test
    void aPerHeadImplementationWithLogSumExpAndAFiniteMaskScoresFullMarksOnEveryShippedCase() throws Exception {
        ValidationReport report = validate("valid/PerHeadAttention.java", allCases());

        assertThat(failures(report)).isEmpty();
        assertThat(report.allPassed()).isTrue();
    }

    @ParameterizedTest(name = "{0} fails {1}")
    @CsvSource({
            "OutputAlwaysDouble, shape",
            "SoftmaxWithoutShift, finite",
            "UnnormalizedWeights, softmax_sum",
            "NoCausalMask, causal_mask",
            "ReprojectsCache, cache_equivalence",
            "ScalesByModelWidth, reference",
            "ClearsValueInput, inputs_unchanged",
            "NoValidation, rejects_bad_input"})
    void eachCheckCatchesTheCandidateThatBreaksIt(String candidate, String check) throws Exception {
        ValidationReport report = breaker(candidate);

        assertThat(report.outcome()).isEqualTo(Outcome.RAN);
        assertThat(report.score()).isLessThan(report.maxScore());
        assertThat(failedChecks(report)).contains(check);
    }

    @ParameterizedTest(name = "{0} fails only {1}")
    @CsvSource({
            "OutputAlwaysDouble, shape",
            "ScalesByModelWidth, reference",
            "ClearsValueInput, inputs_unchanged"})
    void aBugThatBreaksOneCheckCostsOnlyThatCheck(String candidate, String check) throws Exception {
        ValidationReport report = breaker(candidate);

        assertThat(failedChecks(report)).containsOnly(check);
    }

    @Test
    void aFailedCheckSaysWhatWasExpectedAndWhatCameBack() throws Exception {
        ValidationReport report = breaker("ScalesByModelWidth");

        CheckResult failed = report.tests().stream().flatMap(t -> t.checks().stream())
                .filter(c -> !c.passed()).findFirst().orElseThrow();
        assertThat(failed.message()).contains("got").contains("expected").contains("max abs error").contains("at [");
    }

    @Test
    void aCompileErrorListsEveryCaseAsNotRunWithNoPoints() throws Exception {
        ValidationReport report = validate("compile-error/Broken.java", quickCases());

        assertThat(report.outcome()).isEqualTo(Outcome.COMPILE_ERROR);
        assertThat(report.message()).contains("Broken.java:");
        assertThat(report.tests()).hasSize(quickCases().size())
                .allSatisfy(t -> assertThat(t.status()).isEqualTo(Status.NOT_RUN));
        assertThat(report.score()).isZero();
    }

    @Test
    void aContractViolationIsReportedWithItsOwnMessage() throws Exception {
        ValidationReport report = validate("contract/NotCachedAttention.java", quickCases());

        assertThat(report.outcome()).isEqualTo(Outcome.CONTRACT_ERROR);
        assertThat(report.message()).contains("does not implement io.github.kvkit.api.CachedAttention");
    }

    private static List<String> failures(ValidationReport report) {
        return report.tests().stream().filter(t -> !t.passed())
                .map(t -> t.name() + ": " + t.status() + " " + t.reason() + " " + t.checks().stream()
                        .filter(c -> !c.passed()).map(c -> c.name() + ": " + c.message()).toList())
                .toList();
    }

    private static List<String> failedChecks(ValidationReport report) {
        return report.tests().stream().map(CaseResult::checks).flatMap(List::stream)
                .filter(c -> !c.passed()).map(CheckResult::name).distinct().toList();
    }
}
