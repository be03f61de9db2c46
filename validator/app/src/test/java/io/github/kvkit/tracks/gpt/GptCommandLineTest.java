package io.github.kvkit.tracks.gpt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kvkit.validator.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tiny-gpt track through the command line and the candidate's own JVM: the track is found from the interface
 * the file implements, the reference earns full marks on the visible cases, and the challenge is graded low with
 * an exit code that says so.
 */
class GptCommandLineTest {

    @TempDir
    Path dir;

    private int run(String... args) {
        return Cli.create(new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true))
                .execute(args);
    }

    private JsonNode report(String file) throws Exception {
        Path json = dir.resolve("r.json");
        run("--file", file, "--sandbox", "off", "--json", json.toString(), "--color", "never");
        return new ObjectMapper().readTree(json.toFile());
    }

    @Test
    void theReferenceEarnsFullMarksOnTheVisibleCasesInAChildJvm() throws Exception {
        JsonNode report = report("solution/tiny-gpt/TinyGpt.java");

        assertThat(report.get("tests")).hasSize(2);
        assertThat(report.get("score").asDouble()).isEqualTo(report.get("max_score").asDouble()).isEqualTo(20.0);
    }

    @Test
    void theChallengeIsGradedLowWithoutUpsettingTheValidator() throws Exception {
        JsonNode report = report("challenge/tiny-gpt/TinyGpt.java");

        assertThat(report.get("tests")).hasSize(2);
        assertThat(report.get("score").asDouble()).isLessThan(0.4 * report.get("max_score").asDouble());
    }
}
