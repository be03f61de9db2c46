package io.github.kvkit.example.softmax;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kvkit.validator.cli.Cli;
import io.github.kvkit.validator.track.Tracks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A track added without touching the engine (this package, its schema and two service lines, all in the test
 * tree) is graded end to end like kv-attention: the track taken from the interface the candidate implements,
 * the candidate compiled, run in a child JVM and judged by the track's checks.
 */
class ExampleTrackTest {

    private static final String CANDIDATES = "validator/app/src/test/resources/candidates/softmax/";
    private static final String CASES = "validator/app/src/test/resources/example-softmax/cases";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** The correct candidate with one edit: its class renamed to {@code name} and {@code from} replaced by {@code to}. */
    private String edit(String name, String from, String to) throws Exception {
        String loop = Files.readString(Path.of(CANDIDATES, "LoopSoftmax.java"));
        assertThat(loop).contains(from);
        Path file = dir.resolve(name + ".java");
        Files.writeString(file, loop.replace("class LoopSoftmax", "class " + name).replace(from, to));
        return file.toString();
    }

    private int grade(String candidate) {
        return Cli.create(new PrintWriter(out, true), new PrintWriter(err, true)).execute("--file", candidate,
                "--tests", CASES, "--json", dir.resolve("r.json").toString(), "--color", "never", "--verbose");
    }

    private JsonNode report() throws Exception {
        return new ObjectMapper().readTree(dir.resolve("r.json").toFile());
    }

    @Test
    void theExampleTrackIsFoundBesideKvAttention() {
        assertThat(Tracks.installed().ids()).contains("kv-attention", "softmax-example");
    }

    @Test
    void aCorrectSoftmaxGetsFullMarks() throws Exception {
        int code = grade(CANDIDATES + "LoopSoftmax.java");

        assertThat(code).as(err.toString()).isZero();
        assertThat(report().get("score").asDouble()).isEqualTo(10.0);
        assertThat(out.toString()).contains("PASS softmax_small", "PASS softmax_large_logits", "✓ rejects_bad_input");
    }

    @Test
    void aSoftmaxThatWritesIntoItsInputFailsInputsUnchanged() throws Exception {
        // scales the caller's array in place after computing from it: right results, changed input
        int code = grade(edit("WritesIntoInput", "return Nd4j.createFromArray(out)", "x.muli(0.5);\n        return Nd4j.createFromArray(out)"));

        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("✗ inputs_unchanged: softmax of input 1: the input array passed in was "
                + "modified", "✓ reference");
    }

    @Test
    void theSeededBugLosesTheLargeLogitsCaseOnly() throws Exception {
        // the seeded bug: no max shift, so large logits overflow exp
        int code = grade(edit("NoMaxShift", "Math.exp(x.getDouble(r, c) - max)", "Math.exp(x.getDouble(r, c))"));

        assertThat(code).isEqualTo(1);
        assertThat(report().get("score").asDouble()).isEqualTo(4.0);
        assertThat(out.toString()).contains("FAIL softmax_large_logits", "✗ finite: input 1: output holds NaN");
    }
}
