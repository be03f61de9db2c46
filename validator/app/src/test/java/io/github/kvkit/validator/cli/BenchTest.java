package io.github.kvkit.validator.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kvkit bench} end to end on the example track's small benchmark (kv-attention's takes most of a minute:
 * its figures are in performance.md): the candidate runs in its child JVM, which times its calls.
 */
class BenchTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Cli.create(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void aBenchPrintsTheTracksTableWithTheCandidatesOwnTimesAndWritesTheChart() throws Exception {
        Path chart = dir.resolve("chart.svg");

        int code = run("bench", "--file", "validator/app/src/test/resources/candidates/softmax/LoopSoftmax.java",
                "--track", "softmax-example", "--chart", chart.toString());

        assertThat(code).isEqualTo(ExitCode.PASSED);
        assertThat(out.toString()).contains("rows  ms per call  rows/s").containsPattern("(?m)^256 +\\d+\\.\\d{3} +\\d+$")
                .doesNotContain(" -\n");
        var svg = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(chart.toFile());
        assertThat(svg.getElementsByTagName("polyline").getLength()).isEqualTo(1);
    }

    @Test
    void aMissingCandidateIsAUsageError() {
        int code = run("bench", "--file", dir.resolve("Nope.java").toString());

        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString().strip()).startsWith("error: cannot read the candidate ").contains("Nope.java");
    }
}
