package io.github.kvkit.validator.cli;

import io.github.kvkit.validator.Validation;
import io.github.kvkit.validator.batch.BatchException;
import io.github.kvkit.validator.batch.BatchGrader;
import io.github.kvkit.validator.batch.BatchProgress;
import io.github.kvkit.validator.batch.BatchRules;
import io.github.kvkit.validator.batch.BatchSummary;
import io.github.kvkit.validator.batch.Grade;
import io.github.kvkit.validator.batch.GradeStatus;
import io.github.kvkit.validator.batch.Gradebook;
import io.github.kvkit.validator.batch.GradebookFiles;
import io.github.kvkit.validator.batch.GradebookJson;
import io.github.kvkit.validator.batch.GradesCsv;
import io.github.kvkit.validator.batch.ProgressBar;
import io.github.kvkit.validator.batch.ProgressLines;
import io.github.kvkit.validator.batch.ScoresSvg;
import io.github.kvkit.validator.batch.StudentGrader;
import io.github.kvkit.validator.batch.StudentReports;
import io.github.kvkit.validator.batch.Submission;
import io.github.kvkit.validator.batch.Submissions;
import io.github.kvkit.validator.cases.TestCase;
import io.github.kvkit.validator.compile.CompilerUnavailableException;
import io.github.kvkit.validator.judge.ExpectedCache;
import io.github.kvkit.validator.judge.ReferenceOracle;
import io.github.kvkit.validator.result.Sandboxing;
import io.github.kvkit.validator.run.RunLimits;
import io.github.kvkit.validator.sandbox.Sandboxes;
import io.github.kvkit.validator.track.Track;
import io.github.kvkit.validator.track.Tracks;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.tools.ToolProvider;

/**
 * One {@code kvkit grade SUBMISSIONS -o OUT}: checks what it was given, sets up grading as {@link ValidateRun} does
 * (the same cases, limits, sandbox and cache of the reference's results), grades the class with {@link BatchGrader},
 * writes the gradebook's files and prints the summary. Whatever stops it before grading is one line on stderr and
 * exit code 2.
 */
final class GradeRun {

    private final GradeCommand command;
    private final RulesOptions rules;
    private final int jobs;
    private final PrintWriter out;
    private final PrintWriter err;
    private final long start = System.nanoTime();

    GradeRun(GradeCommand command, int jobs, PrintWriter out, PrintWriter err) {
        this.command = command;
        this.rules = command.rules;
        this.jobs = jobs;
        this.out = out;
        this.err = err;
    }

    /** Grades the class and returns the {@link ExitCode}. */
    int run() {
        Setup setup;
        try {
            setup = setUp();
        } catch (Refusal r) {
            err.println("error: " + r.getMessage());
            err.flush();
            return ExitCode.USAGE;
        }
        Path output = command.output;
        if (!setup.sandbox().warning().isEmpty()) {
            err.println(setup.sandbox().warning());
        }
        if (command.shard != null) {
            err.println("shard " + command.shard + ": " + setup.mine().size() + " of the " + setup.all().size()
                    + " submissions");
        }
        err.flush();
        StudentReports reports = new StudentReports(output);
        Validation validation = new Validation(setup.oracle(),
                Validation.isolating(setup.limits(), setup.sandbox(), runner -> runner));
        StudentGrader grader = new StudentGrader(validation, setup.track(), setup.cases(), reports, command.submissions,
                new Sandboxing(rules.sandbox.toString(), ""));
        BatchProgress progress = ProgressBar.suits() ? new ProgressBar(err) : new ProgressLines(err);
        BatchGrader.Result result = new BatchGrader(grader, setup.batchRules(), reports, jobs, progress)
                .grade(setup.mine(), columns(setup.cases()), setup.previous());
        Gradebook book = result.gradebook();
        try {
            removeLeavers(setup.previous(), book, reports);
            GradebookFiles.write(book, output);
        } catch (IOException | RuntimeException e) {
            err.println("error: -o " + output + ": the gradebook cannot be written (" + e.getMessage() + ")");
            return ExitCode.USAGE;
        }
        out.println("Graded " + result.graded() + " submission" + (result.graded() == 1 ? "" : "s")
                + (result.unchanged() > 0 ? ", " + result.unchanged() + " unchanged since the last run," : "") + " in "
                + seconds() + (result.graded() > 0 ? ", " + Math.min(jobs, result.graded()) + " at a time" : "")
                + (command.shard != null ? " (shard " + command.shard + ")" : "") + ".");
        BatchSummary.write(book, setup.previous(), out);
        out.println("Wrote " + output.resolve(GradesCsv.FILE) + ", " + output.resolve(ScoresSvg.FILE) + ", "
                + output.resolve(GradebookJson.FILE) + " and each student's reports under "
                + output.resolve(StudentReports.FOLDER) + "/.");
        out.flush();
        boolean kvkitFailed = book.grades().stream().anyMatch(g -> g.status() == GradeStatus.INTERNAL_ERROR);
        return kvkitFailed ? ExitCode.INTERNAL_ERROR : ExitCode.GRADED;
    }

    /**
     * Everything a batch needs, checked before the first submission is graded.
     *
     * @param all      every submission in the folder
     * @param mine     those of this run's shard (all without {@code --shard})
     * @param previous the gradebook of an earlier run in the output folder
     */
    private record Setup(List<Submission> all, List<Submission> mine, Track track, List<TestCase> cases,
                         RunLimits limits, ReferenceOracle oracle, Sandboxes.Choice sandbox, BatchRules batchRules,
                         Optional<Gradebook> previous) {
    }

    private Setup setUp() throws Refusal {
        Path output = command.output;
        if (command.submissions == null) {
            throw new Refusal("missing SUBMISSIONS; expected the folder of the class's submissions (or --merge OUT...)");
        }
        if (Files.exists(output) && !Files.isDirectory(output)) {
            throw new Refusal("-o " + output + ": a file, not a folder; expected a folder for the gradebook and the reports");
        }
        List<Submission> all;
        try {
            all = Submissions.in(command.submissions, output);
        } catch (BatchException e) {
            throw new Refusal(e.getMessage());
        }
        List<Submission> mine = command.shard == null ? all
                : all.stream().filter(s -> command.shard.includes(s.student())).toList();
        Tracks tracks = Tracks.installed();
        Track track = rules.track != null ? rules.track : tracks.fallback();
        List<TestCase> cases = GradingRules.cases(tracks, track, rules.testLocations(track));
        if (rules.track == null) {
            // the cases name their track; a class is graded on the track of the cases it is given
            track = tracks.byId(cases.get(0).track()).orElse(track);
        }
        RunLimits limits = GradingRules.limits(rules);
        ExpectedCache expectedResults = rules.expectedResults();
        // one oracle for the class: each case's results are computed (or read from disk) once, however many grade it
        ReferenceOracle oracle = GradingRules.oracle(expectedResults, cases, true);
        if (ToolProvider.getSystemJavaCompiler() == null) {
            throw new Refusal(new CompilerUnavailableException(System.getProperty("java.home")).getMessage());
        }
        Optional<Gradebook> previous = previousGradebook(output);
        try {
            Files.createDirectories(output);
        } catch (IOException e) {
            throw new Refusal("-o " + output + ": cannot be created (" + e.getMessage() + "); expected a folder kvkit can write");
        }
        Sandboxes.Choice sandbox = GradingRules.sandbox(rules, rules.testLocations(track), tracks, expectedResults,
                List.of(output));
        BatchRules batchRules;
        try {
            batchRules = BatchRules.of(track, cases, limits, rules.sandbox.toString());
        } catch (IOException e) {
            throw new Refusal("cannot read the cases or the reference (" + e.getMessage() + ")");
        }
        return new Setup(all, mine, track, cases, limits, oracle, sandbox, batchRules, previous);
    }

    private static List<Gradebook.CaseColumn> columns(List<TestCase> cases) {
        return cases.stream().map(tc -> new Gradebook.CaseColumn(tc.name(), tc.points())).toList();
    }

    /** The gradebook an earlier run left in {@code output}; one that cannot be read is said and graded over. */
    private Optional<Gradebook> previousGradebook(Path output) {
        try {
            return GradebookJson.read(output);
        } catch (BatchException e) {
            err.println("warning: " + e.getMessage() + "; grading every submission again");
            return Optional.empty();
        }
    }

    /** Deletes the reports of the students the earlier run had and this one does not (their submission is gone). */
    private static void removeLeavers(Optional<Gradebook> previous, Gradebook book, StudentReports reports)
            throws IOException {
        if (previous.isEmpty()) {
            return;
        }
        Map<String, Grade> now = book.byStudent();
        for (Grade g : previous.get().grades()) {
            if (!now.containsKey(g.student())) {
                reports.remove(g.student());
            }
        }
    }

    private String seconds() {
        Duration d = Duration.ofNanos(System.nanoTime() - start);
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
