package io.github.kvkit.tracks.gpt;

import io.github.kvkit.validator.ShippedCases;
import io.github.kvkit.validator.Validation;
import io.github.kvkit.validator.cases.CaseLoader;
import io.github.kvkit.validator.cases.TestCase;
import io.github.kvkit.validator.result.ValidationReport;
import io.github.kvkit.validator.track.Track;
import io.github.kvkit.validator.track.Tracks;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole pipeline on a tiny-gpt candidate written very differently from the reference, in process: the validator
 * must never fail correct code.
 */
class GptValidationTest {

    private static final Track GPT = Tracks.installed().byId(GptTrack.ID).orElseThrow();

    private static final Path VALID = Path.of("validator/app/src/test/resources/candidates/gpt/valid");

    /** Every shipped tiny-gpt case: visible, hidden and diagnostic. */
    private static final ShippedCases.Lazy<List<TestCase>> ALL = new ShippedCases.Lazy<>(() ->
            new CaseLoader(Tracks.installed().all(), GPT).loadAll(List.of(Path.of("test-cases/tiny-gpt/visible"),
                    Path.of("test-cases/tiny-gpt/hidden"), Path.of("test-cases/tiny-gpt/diagnose"))));

    private static ValidationReport grade(Path file) throws Exception {
        return Validation.inProcess(ShippedCases.ORACLE).validate(file, ALL.get(), c -> { });
    }

    /** Plain double[] loops, hand-written gradients, AdamW's moments in double, its own initial draws. */
    @Test
    void aLoopImplementationInDoubleWithHandWrittenGradientsScoresFullMarksOnEveryShippedCase() throws Exception {
        ValidationReport report = grade(VALID.resolve("LoopTinyGpt.java"));

        List<String> failures = failures(report);
        assertThat(failures).as("failed cases: %s", failures).isEmpty();
        assertThat(report.tests()).hasSize(8);
        assertThat(report.score()).as("score, failures: %s", failures)
                .isEqualTo(report.maxScore()).isEqualTo(53.0);
        assertThat(report.allPassed()).isTrue();
    }

    private static List<String> failures(ValidationReport report) {
        return report.tests().stream().filter(t -> !t.passed())
                .map(t -> t.name() + ": " + t.status() + " " + t.reason() + " " + t.checks().stream()
                        .filter(c -> !c.passed()).map(c -> c.name() + ": " + c.message()).toList())
                .toList();
    }
}
