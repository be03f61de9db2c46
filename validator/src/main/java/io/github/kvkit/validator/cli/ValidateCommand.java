package io.github.kvkit.validator.cli;

import io.github.kvkit.validator.Validation;
import io.github.kvkit.validator.cases.CaseFileException;
import io.github.kvkit.validator.cases.CaseLoader;
import io.github.kvkit.validator.cases.TestCase;
import io.github.kvkit.validator.compile.CompilerUnavailableException;
import io.github.kvkit.validator.judge.ReferenceOracle;
import io.github.kvkit.validator.report.ConsoleReport;
import io.github.kvkit.validator.report.Reports;
import io.github.kvkit.validator.result.Outcome;
import io.github.kvkit.validator.result.ValidationReport;
import io.github.kvkit.validator.run.RunLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code kvkit --file Candidate.java}: grades one candidate on the test cases and reports. */
@Command(name = "kvkit", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Grades a KV-cached multi-head attention class against visible and hidden test cases.", ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:every test case passed",
                "1:some test case did not pass",
                "2:bad usage or a bad test-case file",
                "3:the candidate does not compile or breaks the contract",
                "4:internal error in kvkit"},
        footer = {"", "The candidate runs in a child JVM under the limits above (docs/isolation.md); a case that breaks "
                + "one ends with status timeout, out_of_memory, stack_overflow, exit_called, crashed, init_error or "
                + "output_limit, and the other cases still run. What the candidate prints is shown on stderr, each line "
                + "behind a bar, for visible cases (all with --verbose); it never counts towards the score.",
                "", "Examples:",
                "  mvn exec:java -Dexec.args=\"--file challenge/kv-attention/KVCachedMultiHeadAttention.java\"",
                "  mvn exec:java -Dexec.args=\"--file Student.java --tests test-cases/kv-attention/visible --tests test-cases/kv-attention/hidden "
                        + "--json out/report.json --junit out/junit.xml\""})
public final class ValidateCommand implements Callable<Integer> {

    private final PrintWriter out;
    private final PrintWriter err;

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

    ValidateCommand(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        long start = System.nanoTime();
        if (file == null) {
            return usageError("missing --file; expected the path of the candidate's .java file", List.of(), start);
        }
        if (!List.of("auto", "always", "never").contains(color)) {
            return usageError("--color " + color + "; expected auto, always or never", List.of(), start);
        }
        List<Path> locations = tests.isEmpty() ? List.of(Path.of("test-cases", "kv-attention", "visible")) : tests;
        List<TestCase> cases;
        try {
            cases = new CaseLoader().loadAll(locations);
        } catch (CaseFileException e) {
            return usageError(e.getMessage(), List.of(), start);
        }
        RunLimits limits;
        try {
            limits = limits();
        } catch (IllegalArgumentException e) {
            return usageError(e.getMessage(), List.of(), start);
        }
        ReferenceOracle oracle = ReferenceOracle.create();
        for (TestCase tc : cases) {
            if (!oracle.canGrade(tc)) {
                return usageError(tc.source() + ": no \"expected\" block and no reference solution in this kit; "
                        + "expected a frozen case (kvkit materialize) or the solution/ directory", cases, start);
            }
        }
        if (!Files.isRegularFile(file)) {
            return usageError("cannot read the candidate " + file + ": no such file; expected a .java file", cases, start);
        }
        Validation validation;
        if (inProcess) {
            err.println("warning: --in-process: the candidate runs inside the validator's JVM; no time, memory or output"
                    + " limits apply, and a System.exit in it ends the validator");
            err.flush();
            validation = Validation.inProcess();
        } else {
            validation = new Validation(oracle,
                    Validation.isolating(limits, runner -> new ShowingOutput(runner, err, verbose)));
        }
        ValidationReport report;
        try {
            report = validation.validate(file, cases, c -> { });
        } catch (NoSuchFileException e) {
            return usageError("cannot read the candidate " + file + ": no such file", cases, start);
        } catch (IOException e) {
            return usageError("cannot read the candidate " + file + ": " + e.getMessage(), cases, start);
        } catch (CompilerUnavailableException e) {
            return usageError(e.getMessage(), cases, start);
        } catch (RuntimeException e) {
            ValidationReport internal = Validation.notRun(file, "", Outcome.SETUP_ERROR,
                    "internal error: " + e, cases, start);
            writeReports(internal);
            err.println("internal error: " + e + " (this is a bug in kvkit, please report it with the command you ran)");
            return ExitCode.INTERNAL_ERROR;
        }
        new ConsoleReport(useColor(), verbose).write(report, out);
        out.flush();
        if (!writeReports(report)) {
            return ExitCode.INTERNAL_ERROR;
        }
        if (report.outcome() != Outcome.RAN) {
            return ExitCode.CANDIDATE_BROKEN;
        }
        return report.allPassed() ? ExitCode.PASSED : ExitCode.TESTS_FAILED;
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
                                    java.util.function.BiFunction<String, RunLimits, RunLimits> apply) {
        try {
            return apply.apply(value, limits);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " " + e.getMessage(), e);
        }
    }

    private boolean useColor() {
        return color.equals("always") || (color.equals("auto") && ConsoleReport.colorByDefault());
    }

    private int usageError(String message, List<TestCase> cases, long start) {
        err.println("error: " + message);
        err.flush();
        writeReports(Validation.notRun(file == null ? Path.of("") : file, "", Outcome.SETUP_ERROR, message, cases, start));
        return ExitCode.USAGE;
    }

    /** Writes every report asked for; says which could not be written. */
    private boolean writeReports(ValidationReport report) {
        Map<String, Path> wanted = new LinkedHashMap<>();
        wanted.put("json", json);
        wanted.put("junit", junit);
        wanted.put("gradescope", gradescope);
        boolean ok = true;
        for (Map.Entry<String, Path> e : wanted.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            try {
                Reports.writeFile(Reports.format(e.getKey()), report, e.getValue());
            } catch (IOException ex) {
                err.println("error: cannot write the " + e.getKey() + " report to " + e.getValue() + ": " + ex);
                ok = false;
            }
        }
        err.flush();
        return ok;
    }
}
