package io.github.kvkit.validator.cli;

import io.github.kvkit.validator.run.RunLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * What grading a candidate takes on the command line, and the help that describes it: mixed into both
 * {@code kvkit} (so {@code kvkit --file X.java} keeps working) and {@code kvkit validate}, so the two cannot
 * drift apart.
 */
@Command(sortOptions = false, usageHelpAutoWidth = true,
        description = {"Grades a KV-cached multi-head attention class against visible and hidden test cases.", ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                ExitCode.PASSED + ":every test case passed",
                ExitCode.TESTS_FAILED + ":some test case did not pass",
                ExitCode.USAGE + ":bad usage or a bad test-case file",
                ExitCode.CANDIDATE_BROKEN + ":the candidate does not compile or breaks the contract",
                ExitCode.INTERNAL_ERROR + ":internal error in kvkit"},
        footer = {"", "The candidate runs in a child JVM under the limits above (docs/isolation.md); a case that breaks "
                + "one ends with status timeout, out_of_memory, stack_overflow, exit_called, crashed, init_error or "
                + "output_limit, and the other cases still run. What the candidate prints is shown on stderr, each line "
                + "behind a bar, for visible cases (all with --verbose); it never counts towards the score.",
                "", "Examples:",
                "  mvn exec:java -Dexec.args=\"--file challenge/kv-attention/KVCachedMultiHeadAttention.java\"",
                "  mvn exec:java -Dexec.args=\"--file Student.java --tests test-cases/kv-attention/visible --tests test-cases/kv-attention/hidden "
                        + "--json out/report.json --junit out/junit.xml\""})
final class ValidateOptions {

    /** Where the cases are when no {@code --tests} is given: the visible ones, as students run it. */
    static final Path DEFAULT_TESTS = Path.of("test-cases", "kv-attention", "visible");

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "The candidate's Java source file.")
    Path file;

    @Option(names = {"-t", "--tests"}, paramLabel = "DIR",
            description = "A directory of *.json test cases (or one case file); repeatable. Default: test-cases/kv-attention/visible.")
    List<Path> tests = new ArrayList<>();

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the report as JSON (docs/reports.md).")
    Path json;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write the report as JUnit XML.")
    Path junit;

    @Option(names = "--gradescope", paramLabel = "FILE", description = "Also write Gradescope's results.json.")
    Path gradescope;

    @Option(names = {"-v", "--verbose"}, description = "Show the details of hidden cases too (for graders).")
    boolean verbose;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "Colour the console report: auto, always or never (default: ${DEFAULT-VALUE}).")
    String color;

    @Option(names = "--in-process",
            description = "Run the candidate inside the validator's JVM (for debugging with breakpoints): no time, memory "
                    + "or output limits, and a System.exit ends the validator.")
    boolean inProcess;

    @Option(names = "--time-floor", paramLabel = "DURATION", defaultValue = RunLimits.DEFAULT_CASE_FLOOR,
            description = "The least time a case gets, e.g. 10s, 500ms (default: ${DEFAULT-VALUE}).")
    String timeFloor;

    @Option(names = "--time-factor", paramLabel = "N", defaultValue = RunLimits.DEFAULT_CASE_FACTOR,
            description = "A case gets max(floor, N x the reference's CPU time on the same case in this run) (default: ${DEFAULT-VALUE}).")
    String timeFactor;

    @Option(names = "--time-total", paramLabel = "DURATION", defaultValue = RunLimits.DEFAULT_TOTAL,
            description = "The time for the whole candidate, JVM starts included; cases left when it runs out are not run "
                    + "(default: ${DEFAULT-VALUE}).")
    String timeTotal;

    @Option(names = "--heap", paramLabel = "SIZE", defaultValue = RunLimits.DEFAULT_HEAP,
            description = "The candidate JVM's heap, -Xmx, e.g. 512m, 1g (default: ${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--off-heap", paramLabel = "SIZE", defaultValue = RunLimits.DEFAULT_OFF_HEAP,
            description = "ND4J's native memory (JavaCPP maxbytes); the JVM's resident size is capped at heap + off-heap "
                    + "+ 512m (default: ${DEFAULT-VALUE}).")
    String offHeap;

    @Option(names = "--output-limit", paramLabel = "SIZE", defaultValue = RunLimits.DEFAULT_OUTPUT_LIMIT,
            description = "What a case may print (stdout and stderr) before it is stopped with status output_limit; the "
                    + "first 64k of each case are kept (default: ${DEFAULT-VALUE}).")
    String outputLimit;

    /** The test-case locations given, or {@link #DEFAULT_TESTS}. */
    List<Path> testLocations() {
        return tests.isEmpty() ? List.of(DEFAULT_TESTS) : tests;
    }

    /** The report files asked for. */
    ReportFiles reportFiles() {
        return new ReportFiles(json, junit, gradescope);
    }

    /** The limits the options ask for; an IllegalArgumentException names the option and what it expects. */
    RunLimits limits() {
        RunLimits l = RunLimits.DEFAULTS;
        l = option("--time-floor", timeFloor, l, (v, r) -> r.withCaseFloor(RunLimits.parseDuration(v)));
        l = option("--time-factor", timeFactor, l, (v, r) -> {
            if (!v.trim().matches("[0-9]{1,9}(\\.[0-9]{1,9})?")) {
                throw new IllegalArgumentException("'" + v + "' is not a factor; expected a number >= 0, e.g. 200");
            }
            return r.withCaseFactor(Double.parseDouble(v.trim()));
        });
        l = option("--time-total", timeTotal, l, (v, r) -> r.withTotal(RunLimits.parseDuration(v)));
        l = option("--heap", heap, l, (v, r) -> r.withHeap(RunLimits.parseSize(v)));
        l = option("--off-heap", offHeap, l, (v, r) -> r.withOffHeap(RunLimits.parseSize(v)));
        return option("--output-limit", outputLimit, l, (v, r) -> r.withOutputLimit(RunLimits.parseSize(v)));
    }

    private static RunLimits option(String name, String value, RunLimits limits,
                                    BiFunction<String, RunLimits, RunLimits> apply) {
        try {
            return apply.apply(value, limits);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " " + e.getMessage(), e);
        }
    }
}
