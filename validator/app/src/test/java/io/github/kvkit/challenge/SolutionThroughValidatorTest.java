package io.github.kvkit.challenge;

import io.github.kvkit.validator.ShippedCases;
import io.github.kvkit.validator.Validation;
import io.github.kvkit.validator.result.Outcome;
import io.github.kvkit.validator.result.ValidationReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The solution's source, compiled by the validator, earns full marks against the compiled reference on
 * every shipped case but the stress ones.
 *
 * <p>In a normal build both are the same code, so this proves the pipeline end to end. These are also the
 * validator-driven tests of mutation testing ({@code mvn -Pmutation ...}, see
 * {@code docs/instructor/mutation-testing.md}), where the compiled reference, the validator's oracle, is
 * the mutant. PIT also swaps the mutant in for any class of the same name that another class loader defines
 * later, so the candidate compiled from the solution's own source becomes the mutant too: that run checks the
 * mutant's invariants and refusals. A copy of the source under another name escapes the swap, so its run
 * compares the original with the mutant on every returned number. Nothing is cached between runs, so that
 * each mutant is graded afresh.
 */
class SolutionThroughValidatorTest {

    @Test
    void theSolutionSourceScoresFullMarks() throws Exception {
        ValidationReport report = Validation.inProcess(ShippedCases.ORACLE).validate(
                Path.of(Catalog.load(ChallengeTrack.KV).solution()), BugMatrix.cases(ChallengeTrack.KV, false), c -> { });

        assertFullMarks(report);
    }

    @Test
    void aRenamedCopyOfTheSolutionScoresFullMarksAgainstTheCompiledReference(@TempDir Path dir) throws Exception {
        String renamed = Catalog.load(ChallengeTrack.KV).solutionText()
                .replace("package io.github.kvkit.attention;", "package io.github.kvkit.pristine;")
                .replace("KVCachedMultiHeadAttention", "PristineAttention");
        Path file = dir.resolve("PristineAttention.java");
        Files.writeString(file, renamed, StandardCharsets.UTF_8);

        ValidationReport report = Validation.inProcess(ShippedCases.ORACLE)
                .validate(file, BugMatrix.cases(ChallengeTrack.KV, false), c -> { });

        assertEquals("io.github.kvkit.pristine.PristineAttention", report.candidateClass());
        assertFullMarks(report);
    }

    private static void assertFullMarks(ValidationReport report) {
        assertEquals(Outcome.RAN, report.outcome(), report.message());
        assertEquals("", BugMatrix.failures(report));
        assertEquals(report.maxScore(), report.score(), 1e-9);
    }
}
