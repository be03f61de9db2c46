package io.github.kvkit.validator.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What grading a candidate takes on the command line, and the help that describes it: mixed into both
 * {@code kvkit} (so {@code kvkit --file X.java} keeps working) and {@code kvkit validate}, so the two cannot
 * drift apart.
 */
@Command(sortOptions = false, usageHelpAutoWidth = true,
        description = {"Grades a challenge's class, of the track whose interface it implements, against visible and "
                + "hidden test cases.", ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                ExitCode.PASSED + ":every test case passed",
                ExitCode.TESTS_FAILED + ":some test case did not pass",
                ExitCode.USAGE + ":bad usage, a bad test-case file, or no sandbox for --sandbox on",
                ExitCode.CANDIDATE_BROKEN + ":the candidate does not compile or breaks the contract",
                ExitCode.INTERNAL_ERROR + ":internal error in kvkit"},
        footer = {"", "The candidate runs in a child JVM, sandboxed (--sandbox), under the limits above (docs/isolation.md); a case that breaks "
                + "one ends with status timeout, out_of_memory, stack_overflow, exit_called, crashed, init_error or "
                + "output_limit, and the other cases still run. What the candidate prints is shown on stderr, each line "
                + "behind a bar, for visible cases (all with --verbose); it never counts towards the score.",
                "", "Examples:",
                "  mvn exec:java -Dexec.args=\"--file challenge/kv-attention/KVCachedMultiHeadAttention.java\"",
                "  mvn exec:java -Dexec.args=\"--file Student.java --tests test-cases/kv-attention/visible --tests test-cases/kv-attention/hidden "
                        + "--json out/report.json --junit out/junit.xml\""})
final class ValidateOptions {

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "The candidate's Java source file.")
    Path file;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the report as JSON (docs/reports.md).")
    Path json;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write the report as JUnit XML.")
    Path junit;

    @Option(names = "--gradescope", paramLabel = "FILE", description = "Also write Gradescope's results.json.")
    Path gradescope;

    @Option(names = "--classroom", paramLabel = "FILE",
            description = "Also write the result GitHub Classroom's autograding reporter reads (docs/reports.md).")
    Path classroom;

    @Option(names = {"-v", "--verbose"}, description = "Show the details of hidden cases too (for graders).")
    boolean verbose;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto", converter = ColorMode.Converter.class,
            description = "Colour the console report: " + ColorMode.CHOICES + " (default: ${DEFAULT-VALUE}).")
    ColorMode color;

    @Option(names = "--timings",
            description = "Print on stderr where the time went: JVM start, cases, compiling, the child JVM's start, the "
                    + "reference and each case (wall time, by the validator's clock).")
    boolean timings;

    @Option(names = "--in-process",
            description = "Run the candidate inside the validator's JVM (for debugging with breakpoints): no time, memory "
                    + "or output limits, and a System.exit ends the validator.")
    boolean inProcess;

    @Mixin
    RulesOptions rules;

    /** The report files asked for, as paths (those not asked for are left out). */
    List<Path> reportPaths() {
        List<Path> paths = new ArrayList<>();
        for (Path p : new Path[] {json, junit, gradescope, classroom}) {
            if (p != null) {
                paths.add(p);
            }
        }
        return paths;
    }

    /** The report files asked for. */
    ReportFiles reportFiles() {
        return new ReportFiles(json, junit, gradescope, classroom);
    }
}
