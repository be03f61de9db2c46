package io.github.kvkit.tracks.llama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kvkit.validator.ShippedCases;
import io.github.kvkit.validator.Validation;
import io.github.kvkit.validator.cli.Cli;
import io.github.kvkit.validator.cli.ExitCode;
import io.github.kvkit.validator.result.ValidationReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped challenge graded as a student grades it: the command line, no {@code --track} (the file's
 * {@code implements LlamaAttentionBlock} picks the track, and with it the default cases), the candidate in a child
 * JVM. It scores low, and nothing of the validator breaks.
 */
class LlamaCliTest {

    @TempDir
    Path dir;

    @Test
    void theChallengeIsGradedOnTheTracksVisibleCasesLowWithExitOne() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path json = dir.resolve("r.json");

        int code = Cli.create(new PrintWriter(out, true), new PrintWriter(err, true)).execute(
                "--file", "challenge/llama-block/LlamaAttention.java", "--json", json.toString(), "--color", "never");

        assertThat(code).as(out + "\n" + err).isEqualTo(ExitCode.TESTS_FAILED);
        assertThat(out.toString()).contains("visible_prefill_then_decode").contains("visible_offset_chunks_and_refusals")
                .doesNotContain("Exception in thread");
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.get("outcome").asText()).isEqualTo("ran");
        assertThat(report.get("tests")).hasSize(2);
        assertThat(report.get("score").asDouble()).isLessThan(0.4 * report.get("max_score").asDouble());
    }

    /** The case names its track, and materialize takes it from there; every kind of refusal survives freezing. */
    @Test
    void materializeFreezesACaseOfTheTrackItNamesAndTheFrozenCaseGradesTheSame() throws Exception {
        Path frozen = dir.resolve("frozen.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = Cli.create(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute("materialize", "test-cases/llama-block/hidden/edge_05_bad_input.json", "-o", frozen.toString());

        assertThat(code).as(err.toString()).isZero();
        ValidationReport report = Validation.inProcess(ShippedCases.ORACLE).validate(
                Path.of("validator/app/src/test/resources/candidates/llama/valid/LoopLlamaBlock.java"),
                LlamaCases.loader().loadAll(List.of(frozen)), c -> { });
        assertThat(report.allPassed()).as(LlamaValidationTest.failures(report).toString()).isTrue();
    }
}
