package io.github.kvkit.validator.cli;

import io.github.kvkit.validator.batch.Shard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code kvkit grade SUBMISSIONS -o OUT}: grades a whole class ({@link GradeRun}); with {@code --merge OUT...}, merges
 * the gradebooks of shards graded apart ({@link MergeRun}).
 */
@Command(name = "grade", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        usageHelpAutoWidth = true,
        description = {"Grades every submission of a class with the rules of kvkit validate, several at a time, each in a "
                + "child JVM of its own; writes each student's reports (JSON, JUnit XML, Gradescope) under OUT/reports/, "
                + "the gradebook OUT/grades.csv (student, score, max, status, a column per case), OUT/gradebook.json and "
                + "the chart OUT/scores.svg, and prints the score distribution and what failed most often. Run again, it "
                + "grades only the submissions that changed, or all when the cases did, and shows the scores that moved.",
                "SUBMISSIONS holds a folder per student (with one .java file) or a .java file per student."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                ExitCode.GRADED + ":every submission has a row in the gradebook, whatever its score or status; --merge: merged",
                ExitCode.USAGE + ":bad usage: a missing or empty SUBMISSIONS, a bad --shard or --jobs, a bad test case, an "
                        + "OUT that cannot be written, no sandbox for --sandbox on, gradebooks of other cases to merge",
                ExitCode.INTERNAL_ERROR + ":kvkit failed on some submission (its row says internal_error; the next run "
                        + "grades it again)"},
        footer = {"", "Examples:",
                "  mvn -q exec:java -Dexec.args=\"grade submissions/ --tests test-cases/kv-attention/visible --tests "
                        + "test-cases/kv-attention/hidden --sandbox on -o grades/\"",
                "  ... grade submissions/ --shard 2/3 -o shard-2/ ...     (one machine's share)",
                "  ... grade --merge shard-1/ shard-2/ shard-3/ -o grades/ (the class's gradebook)"})
public final class GradeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SUBMISSIONS",
            description = "The class's submissions: a folder per student, or a .java file per student.")
    Path submissions;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", required = true,
            description = "The folder for the gradebook and the reports; an earlier run's is updated.")
    Path output;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", converter = JobsConverter.class,
            description = "How many submissions are graded at once (default: the machine's cores).")
    Integer jobs;

    @Option(names = "--shard", paramLabel = "i/n", converter = ShardConverter.class,
            description = "Grade only share i of n of the students, chosen by a hash of their names, e.g. 2/3.")
    Shard shard;

    @Option(names = "--merge", paramLabel = "OUT", arity = "1..*",
            description = "Merge these output folders of shards into -o OUT instead of grading.")
    List<Path> merge;

    @Mixin
    RulesOptions rules;

    /** Grades the class or merges the shards; returns an {@link ExitCode}. */
    @Override
    public Integer call() {
        if (merge != null && !merge.isEmpty()) {
            if (submissions != null) {
                spec.commandLine().getErr().println("error: both SUBMISSIONS and --merge given; expected one: grade "
                        + "SUBMISSIONS, or merge the shards' output folders");
                return ExitCode.USAGE;
            }
            return new MergeRun(merge, output, spec.commandLine().getOut(), spec.commandLine().getErr()).run();
        }
        int parallel = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        return new GradeRun(this, parallel, spec.commandLine().getOut(), spec.commandLine().getErr()).run();
    }
}
