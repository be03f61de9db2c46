package io.github.kvkit.tracks.llama;

import io.github.kvkit.validator.ShippedCases;
import io.github.kvkit.validator.Validation;
import io.github.kvkit.validator.result.CaseResult;
import io.github.kvkit.validator.result.CheckResult;
import io.github.kvkit.validator.result.ValidationReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole pipeline on llama-block candidates, in process: the reference and a correct block written differently
 * score full marks, and each check has a candidate that fails it on purpose.
 */
class LlamaValidationTest {

    private static final Path REFERENCE = Path.of("solution/llama-block/LlamaAttention.java");
    private static final Path VALID = Path.of("validator/app/src/test/resources/candidates/llama/valid");

    /** The sample candidates' reports, each graded once for the tests of this class. */
    private static final Map<String, ValidationReport> EDITS = new ConcurrentHashMap<>();

    @TempDir
    static Path dir;

    static ValidationReport grade(Path file) throws Exception {
        return Validation.inProcess(ShippedCases.ORACLE).validate(file, LlamaCases.ALL.get(), c -> { });
    }

    private static ValidationReport edit(String name) throws Exception {
        ValidationReport report = EDITS.get(name);
        if (report == null) {
            report = grade(LlamaLoopEdits.write(name, dir));
            EDITS.put(name, report);
        }
        return report;
    }

    @Test
    void theReferenceScoresFullMarksOnEveryShippedCase() throws Exception {
        ValidationReport report = grade(REFERENCE);

        assertThat(failures(report)).isEmpty();
        assertThat(report.score()).isEqualTo(report.maxScore()).isEqualTo(60.0);
    }

    @Test
    void aRenamedCopyOfTheReferenceInAnotherPackageScoresFullMarksAgainstTheCompiledOne() throws Exception {
        String renamed = Files.readString(REFERENCE, StandardCharsets.UTF_8)
                .replace("package io.github.kvkit.llamablock;", "package io.github.kvkit.pristine;")
                .replaceAll("\\bLlamaAttention\\b", "PristineBlock");
        Path folder = Files.createDirectories(dir.resolve("pristine"));
        Path file = Files.writeString(folder.resolve("PristineBlock.java"), renamed);

        ValidationReport report = grade(file);

        assertThat(report.candidateClass()).isEqualTo("io.github.kvkit.pristine.PristineBlock");
        assertThat(failures(report)).isEmpty();
    }

    @Test
    void aPerHeadLoopInDoubleThatWritesTheCacheAfterAttentionScoresFullMarks() throws Exception {
        ValidationReport report = grade(VALID.resolve("LoopLlamaBlock.java"));

        assertThat(failures(report)).isEmpty();
        assertThat(report.allPassed()).isTrue();
    }

    /** Rotate-half on permuted features, repeated kv heads, keys concatenated from the cache, a finite mask, log-sum-exp. */
    @Test
    void aBlockVectorisedAnotherWayThatReadsOnlyThePastFromTheCacheScoresFullMarks() throws Exception {
        ValidationReport report = grade(VALID.resolve("ConcatLlamaBlock.java"));

        assertThat(failures(report)).isEmpty();
        assertThat(report.allPassed()).isTrue();
    }

    @ParameterizedTest(name = "{0} fails {1}")
    @CsvSource({
            "OutputAlwaysDouble, shape",
            "SoftmaxWithoutShift, finite",
            "SeesWholeCall, causal_mask",
            "SkipsEarlierTokensOfItsCall, cache_equivalence",
            "ScribblesOnLastPosition, cache_writes",
            "ScalesByModelWidth, reference",
            "ClearsX, inputs_unchanged",
            "NoPositionCheck, rejects_bad_input"})
    void eachCheckCatchesTheCandidateThatBreaksIt(String candidate, String check) throws Exception {
        ValidationReport report = edit(candidate);

        assertThat(report.score()).isLessThan(report.maxScore());
        assertThat(failedChecks(report)).contains(check);
    }

    @ParameterizedTest(name = "{0} fails only {1}")
    @CsvSource({
            "OutputAlwaysDouble, shape",
            "ScribblesOnLastPosition, cache_writes",
            "ScalesByModelWidth, reference",
            "ClearsX, inputs_unchanged"})
    void aBugThatBreaksOneCheckCostsOnlyThatCheck(String candidate, String check) throws Exception {
        ValidationReport report = edit(candidate);

        assertThat(failedChecks(report)).containsOnly(check);
    }

    @Test
    void aWrongCacheWriteSaysWhichPositionHoldsWhatAndWhatItShouldHold() throws Exception {
        ValidationReport report = edit("ScribblesOnLastPosition");

        assertThat(message(report, "cache_writes")).contains("cache.value at [0, 0, ")
                .contains("a position it does not write, changed from").contains("bit-for-bit as it was");
    }

    static List<String> failures(ValidationReport report) {
        return report.tests().stream().filter(t -> !t.passed())
                .map(t -> t.name() + ": " + t.status() + " " + t.reason() + " " + t.checks().stream()
                        .filter(c -> !c.passed()).map(c -> c.name() + ": " + c.message()).toList())
                .toList();
    }

    static List<String> failedChecks(ValidationReport report) {
        return report.tests().stream().map(CaseResult::checks).flatMap(List::stream)
                .filter(c -> !c.passed()).map(CheckResult::name).distinct().toList();
    }

    private static String message(ValidationReport report, String check) {
        return report.tests().stream().flatMap(t -> t.checks().stream())
                .filter(c -> c.name().equals(check) && !c.passed()).map(CheckResult::message).findFirst().orElseThrow();
    }
}
