package io.github.kvkit.validator.batch;

import io.github.kvkit.validator.cli.Cli;
import io.github.kvkit.validator.cli.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input to {@code kvkit grade}: one line on stderr and exit code 2, before anything is graded. */
class GradeCommandInputTest {

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int kvkit(String... args) {
        return Cli.create(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true)).execute(args);
    }

    /** The one line said, after checking it is one line and the exit code is 2. */
    private String refusal(String... args) {
        assertThat(kvkit(args)).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString().strip().lines()).hasSize(1);
        return err.toString().strip();
    }

    @Test
    void aMissingSubmissionsFolderIsRefused() {
        assertThat(refusal("grade", dir.resolve("nope").toString(), "-o", dir.resolve("out").toString()))
                .isEqualTo("error: " + dir.resolve("nope") + ": no such folder; expected a folder with a folder or a .java"
                        + " file per student");
    }

    @Test
    void anEmptySubmissionsFolderIsRefused() {
        assertThat(refusal("grade", dir.toString(), "-o", dir.resolve("out").toString())).contains("holds no submission");
    }

    @Test
    void aBadShardIsRefused() {
        assertThat(refusal("grade", dir.toString(), "-o", "out", "--shard", "3/2"))
                .isEqualTo("error: --shard '3/2' is not a shard; expected i/n with 1 <= i <= n, e.g. 2/3");
    }

    @Test
    void noJobsIsRefused() {
        assertThat(refusal("grade", dir.toString(), "-o", "out", "--jobs", "0")).startsWith("error: --jobs '0' is not a number");
    }

    @Test
    void anOutputThatIsAFileIsRefused() throws Exception {
        Files.writeString(dir.resolve("alice.java"), "class A {}");
        Path file = Files.writeString(dir.resolve("out.txt"), "");

        assertThat(refusal("grade", dir.toString(), "-o", file.toString())).contains("a file, not a folder");
    }

    @Test
    void gradingAndMergingAtOnceIsRefused() {
        assertThat(refusal("grade", dir.toString(), "--merge", dir.toString(), "-o", "out")).contains("both SUBMISSIONS and --merge");
    }

    @Test
    void aFolderWithoutAGradebookDoesNotMerge() {
        assertThat(refusal("grade", "--merge", dir.toString(), "-o", dir.resolve("out").toString()))
                .contains("holds no gradebook.json");
    }

    @Test
    void gradebooksOfOtherCasesDoNotMerge() throws Exception {
        Path a = Files.createDirectory(dir.resolve("a"));
        Path b = Files.createDirectory(dir.resolve("b"));
        GradebookJson.write(new Gradebook("r", List.of(new Gradebook.CaseColumn("one", 5)), List.of()), a);
        GradebookJson.write(new Gradebook("r", List.of(new Gradebook.CaseColumn("two", 5)), List.of()), b);

        assertThat(refusal("grade", "--merge", a.toString(), b.toString(), "-o", dir.resolve("out").toString()))
                .isEqualTo("error: --merge: " + b + " grades the cases [two] but " + a + " grades [one]; expected the"
                        + " shards of one batch (the same --tests)");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void theHelpListsTheExitCodes() {
        StringWriter out = new StringWriter();
        int code = Cli.create(new PrintWriter(out, true), new PrintWriter(err, true)).execute("grade", "--help");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("--shard", "--merge", "--jobs", "--sandbox", "--time-floor", "Exit codes");
    }
}
