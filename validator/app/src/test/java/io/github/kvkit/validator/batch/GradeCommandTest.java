package io.github.kvkit.validator.batch;

import io.github.kvkit.validator.LoopEdits;
import io.github.kvkit.validator.cli.Cli;
import io.github.kvkit.validator.cli.ExitCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kvkit grade} on a small class graded once for the whole class of tests (the visible cases, two at a time):
 * a correct file, a check breaker, a compile error, an empty folder, and code that ends its JVM in the middle of a case.
 */
class GradeCommandTest {

    private static final Path CANDIDATES = Path.of("validator/app/src/test/resources/candidates");
    private static final List<String> RULES = List.of("--tests", "test-cases/kv-attention/visible", "--jobs", "2",
            "--time-floor", "3s", "--heap", "256m");
    private static final List<String> STUDENTS = List.of("alice", "bob", "carol", "dave", "erin");

    @TempDir
    static Path dir;

    private static Path submissions;
    private static Path graded;
    private static Run first;

    /** What a command printed and returned. */
    record Run(int code, String out, String err) {
    }

    private static Run kvkit(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.create(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private static Run grade(Path submissions, Path output, String... more) {
        List<String> args = new ArrayList<>(List.of("grade", submissions.toString(), "-o", output.toString()));
        args.addAll(RULES);
        args.addAll(List.of(more));
        return kvkit(args);
    }

    @BeforeAll
    static void gradeTheClassOnce() throws Exception {
        submissions = Files.createDirectory(dir.resolve("submissions"));
        copy(Path.of("solution/kv-attention/KVCachedMultiHeadAttention.java"), "alice/KVCachedMultiHeadAttention.java");
        Files.writeString(submissions.resolve("bob.java"), LoopEdits.source("ScalesByModelWidth"));
        copy(CANDIDATES.resolve("compile-error/Broken.java"), "carol/Broken.java");
        Files.createDirectory(submissions.resolve("dave"));
        copy(CANDIDATES.resolve("hostile/ExitsInForward.java"), "erin/ExitsInForward.java");
        graded = dir.resolve("graded");
        first = grade(submissions, graded);
    }

    private static void copy(Path from, String to) throws IOException {
        Files.createDirectories(submissions.resolve(to).getParent());
        Files.copy(from, submissions.resolve(to));
    }

    private static List<String> csv(Path output) throws IOException {
        return Files.readAllLines(output.resolve("grades.csv"));
    }

    @Test
    void everySubmissionGetsAGradebookRowWhateverBecameOfIt() throws Exception {
        List<String> rows = csv(graded);

        assertThat(first.code()).isEqualTo(ExitCode.GRADED);
        assertThat(rows.get(0)).isEqualTo("student,score,max,status,visible_prefill_then_decode,"
                + "visible_cross_attention_and_refusals");
        assertThat(rows.subList(1, rows.size())).extracting(row -> row.split(",")[0] + " " + row.split(",")[3])
                .containsExactly("alice passed", "bob failed", "carol compile_error", "dave no_java_file", "erin failed");
        assertThat(rows.get(1)).isEqualTo("alice,10,10,passed,5,5");
    }

    @Test
    void everyStudentHasAReportInEveryFormat() throws Exception {
        for (String student : STUDENTS) {
            assertThat(graded.resolve("reports").resolve(student)).isDirectoryContaining("glob:**/report.json")
                    .isDirectoryContaining("glob:**/junit.xml").isDirectoryContaining("glob:**/results.json");
        }
        assertThat(graded.resolve("reports/erin/report.json")).content().contains("\"status\": \"exit_called\"");
        assertThat(graded.resolve("reports/dave/report.json")).content().contains("holds no .java file");
    }

    @Test
    void theConsoleEndsWithTheDistributionAndWhatFailedMostOftenAndTheChartIsWritten() {
        assertThat(first.out()).contains("Graded 5 submissions", "Scores of 5 submissions (out of 10):",
                "    100%  █", "Failed most often, of the 3 submissions whose code ran:", "checks: reference (2)");
        assertThat(graded.resolve("scores.svg")).content().startsWith("<svg ");
        assertThat(first.err()).contains("[5/5] ").doesNotContain("Exception");
    }

    @Test
    void aSecondRunGradesOnlyWhatChangedAndShowsTheScoresThatMoved() throws Exception {
        Path again = copyOf(graded, "again");
        Files.writeString(submissions.resolve("bob.java"), LoopEdits.source("ScalesByModelWidth") + "\n// fixed nothing\n");

        Run second = grade(submissions, again);

        Files.writeString(submissions.resolve("bob.java"), LoopEdits.source("ScalesByModelWidth"));
        assertThat(second.code()).isEqualTo(ExitCode.GRADED);
        assertThat(second.err()).contains("grading 1 submission (4 unchanged since the last run)");
        assertThat(second.out()).contains("No score moved since the last run.");
        assertThat(csv(again)).isEqualTo(csv(graded));
    }

    @Test
    void threeShardsMergeIntoTheGradebookOfOneRun() throws Exception {
        List<String> merge = new ArrayList<>(List.of("grade", "--merge"));
        for (int i = 1; i <= 3; i++) {
            Path shard = dir.resolve("shard-" + i);
            assertThat(grade(submissions, shard, "--shard", i + "/3").code()).isEqualTo(ExitCode.GRADED);
            merge.add(shard.toString());
        }
        merge.addAll(List.of("-o", dir.resolve("merged").toString()));

        Run merged = kvkit(merge);

        assertThat(merged.code()).isEqualTo(ExitCode.GRADED);
        assertThat(csv(dir.resolve("merged"))).isEqualTo(csv(graded));
        assertThat(dir.resolve("merged/reports")).isDirectoryContaining("glob:**/erin");
    }

    private static Path copyOf(Path folder, String name) throws IOException {
        Path target = dir.resolve(name);
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.naturalOrder()).toList()) {
                Files.copy(p, target.resolve(folder.relativize(p).toString()));
            }
        }
        return target;
    }
}
