package io.github.kvkit.validator.cli;

import io.github.kvkit.validator.Validation;
import io.github.kvkit.validator.cases.TestCase;
import io.github.kvkit.validator.compile.CompilerUnavailableException;
import io.github.kvkit.validator.judge.ExpectedCache;
import io.github.kvkit.validator.judge.ReferenceOracle;
import io.github.kvkit.validator.report.ConsoleReport;
import io.github.kvkit.validator.report.TimingsReport;
import io.github.kvkit.validator.result.Outcome;
import io.github.kvkit.validator.result.Sandboxing;
import io.github.kvkit.validator.result.Timings;
import io.github.kvkit.validator.result.ValidationReport;
import io.github.kvkit.validator.run.ChildJvmRunner;
import io.github.kvkit.validator.run.RunLimits;
import io.github.kvkit.validator.sandbox.Sandboxes;
import io.github.kvkit.validator.track.Track;
import io.github.kvkit.validator.track.Tracks;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One validation as {@link ValidateOptions} ask for it: loads the cases, runs the candidate, prints the console
 * report, writes the report files, and says the exit code. Whatever stops it early is a usage error: one line on
 * stderr, and the report files still written.
 */
final class ValidateRun {

    private final ValidateOptions options;
    private final PrintWriter out;
    private final PrintWriter err;
    private final ReportFiles reports;
    // A report's time counts from here: the time a grader waited for it.
    private final long start = System.nanoTime();
    private final Timings timings;
    private final List<ChildJvmRunner> runners = new ArrayList<>();
    private Path file;
    private Track track;
    private List<TestCase> cases;
    private Validation validation;
    private ValidationReport lastReport;

    ValidateRun(ValidateOptions options, PrintWriter out, PrintWriter err) {
        this.options = options;
        this.out = out;
        this.err = err;
        this.reports = options.reportFiles();
        this.timings = options.timings ? Timings.start("start the JVM (Maven's, under exec:java), parse the command line")
                : Timings.OFF;
    }

    /** Grades the candidate and returns the {@link ExitCode}; with {@code --timings}, says where the time went. */
    int run() {
        int code = prepare(false);
        if (code == READY) {
            code = gradeOnce(report -> new ConsoleReport(options.color.colors(), options.verbose).write(report, out));
        }
        if (timings.on()) {
            TimingsReport.write(timings, err);
        }
        return code;
    }

    /** What {@link #prepare} returns when grading can begin. */
    static final int READY = -1;

    /**
     * Loads the cases, reads the limits, chooses the sandbox and checks the candidate's file is there: everything
     * that holds for every grading of it. Returns {@link #READY}, or the exit code of a usage error it reported.
     *
     * @param resident whether the validator stays up for several gradings ({@code watch}): the reference's
     *                 expected results are then kept in memory between them
     */
    int prepare(boolean resident) {
        file = options.file;
        if (file == null) {
            return usageError("missing --file; expected the path of the candidate's .java file", List.of());
        }
        Tracks tracks = Tracks.installed();
        track = options.rules.track != null ? options.rules.track : tracks.forCandidate(readOrEmpty(file));
        List<Path> locations = options.rules.testLocations(track);
        ExpectedCache expectedResults = options.rules.expectedResults();
        RunLimits limits;
        Sandboxes.Choice sandbox = null;
        ReferenceOracle oracle;
        try {
            long t = System.nanoTime();
            cases = GradingRules.cases(tracks, track, locations);
            timings.since("load " + cases.size() + " cases", t);
            limits = GradingRules.limits(options.rules);
            if (!options.inProcess) {
                t = System.nanoTime();
                sandbox = GradingRules.sandbox(options.rules, locations, tracks, expectedResults, options.reportPaths());
                if (!sandbox.warning().isEmpty()) {
                    err.println(sandbox.warning());
                    err.flush();
                }
                timings.since("choose the sandbox: " + sandbox.sandbox().mechanism(), t);
            }
            oracle = GradingRules.oracle(expectedResults, cases, resident);
        } catch (Refusal r) {
            return usageError(r.getMessage(), cases == null ? List.of() : cases);
        }
        if (!Files.isRegularFile(file)) {
            return usageError("cannot read the candidate " + file + ": no such file; expected a .java file", cases);
        }
        validation = validation(oracle, limits, sandbox);
        return READY;
    }

    /**
     * Grades the candidate once, as {@link #prepare}d: shows the report with {@code show}, writes the report files,
     * and returns the exit code. The report is {@link #lastReport()} then.
     */
    int gradeOnce(Consumer<ValidationReport> show) {
        long gradingStart = lastReport == null ? start : System.nanoTime();
        ValidationReport report;
        try {
            report = validation.validate(file, track, cases, c -> { });
        } catch (NoSuchFileException e) {
            return usageError("cannot read the candidate " + file + ": no such file", cases);
        } catch (IOException e) {
            return usageError("cannot read the candidate " + file + ": " + e.getMessage(), cases);
        } catch (CompilerUnavailableException e) {
            return usageError(e.getMessage(), cases);
        } catch (RuntimeException e) {
            ValidationReport internal = Validation.notRun(file, "", Outcome.SETUP_ERROR,
                    "internal error: " + e, cases, gradingStart, requested());
            reports.write(internal, err);
            err.println("internal error: " + e + " (this is a bug in kvkit, please report it with the command you ran)");
            return ExitCode.INTERNAL_ERROR;
        }
        lastReport = report;
        for (ChildJvmRunner r : runners) {
            r.startSpans().forEach(s -> timings.span("start a child JVM in its sandbox, launch to ND4J loaded",
                    s[0], s[1]));
        }
        runners.clear();
        long t = System.nanoTime();
        show.accept(report);
        out.flush();
        boolean written = reports.write(report, err);
        timings.since("write the console report and the report files", t);
        if (!written) {
            return ExitCode.INTERNAL_ERROR;
        }
        if (report.outcome() != Outcome.RAN) {
            return ExitCode.CANDIDATE_BROKEN;
        }
        return report.allPassed() ? ExitCode.PASSED : ExitCode.TESTS_FAILED;
    }

    /** The report of the last {@link #gradeOnce}, or null before the first. */
    ValidationReport lastReport() {
        return lastReport;
    }

    /** Starts the child JVM of the next grading now, so that it is ready when the candidate is saved again. */
    void prepareNext() {
        validation.prepare();
    }

    /** The candidate's file. */
    Path file() {
        return file;
    }

    /** The candidate's source, or empty when it cannot be read (that is reported once the cases are loaded). */
    private static String readOrEmpty(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** Says {@code message} as a usage error before any case was loaded; the report files list no cases. */
    int usageError(String message) {
        return usageError(message, List.of());
    }

    private int usageError(String message, List<TestCase> cases) {
        err.println("error: " + message);
        err.flush();
        Path file = options.file == null ? Path.of("") : options.file;
        reports.write(Validation.notRun(file, "", Outcome.SETUP_ERROR, message, cases, start, requested()), err);
        return ExitCode.USAGE;
    }

    /** The sandboxing asked for, before one is chosen: what a report says when the validator stops early. */
    private Sandboxing requested() {
        return options.inProcess ? Sandboxing.IN_PROCESS : new Sandboxing(String.valueOf(options.rules.sandbox), "");
    }

    /** In process when asked for (a debugging aid, so it says what it gives up); else in a child JVM, its output shown. */
    private Validation validation(ReferenceOracle oracle, RunLimits limits, Sandboxes.Choice sandbox) {
        if (options.inProcess) {
            err.println("warning: --in-process: the candidate runs inside the validator's JVM; no time, memory or output"
                    + " limits apply, and a System.exit in it ends the validator");
            err.flush();
            return Validation.inProcess(oracle).timed(timings);
        }
        return new Validation(oracle, Validation.isolating(limits, sandbox, runner -> {
            runners.add(runner);
            return new ShowingOutput(runner, err, options.verbose);
        })).timed(timings);
    }
}
