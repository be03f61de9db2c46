package io.github.kvkit.validator.batch;

import io.github.kvkit.validator.Validation;
import io.github.kvkit.validator.cases.TestCase;
import io.github.kvkit.validator.compile.CompilerUnavailableException;
import io.github.kvkit.validator.result.Outcome;
import io.github.kvkit.validator.result.Sandboxing;
import io.github.kvkit.validator.result.ValidationReport;
import io.github.kvkit.validator.track.Track;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Grades one submission as {@code kvkit validate} would, writes its reports, and returns its row. Whatever happens
 * to this one submission (it does not compile, its JVM crashes, kvkit itself fails on it) ends in a row with a
 * status, never in an exception: one student cannot stop the batch.
 */
public final class StudentGrader {

    private final Validation validation;
    private final Track track;
    private final List<TestCase> cases;
    private final StudentReports reports;
    private final Path submissions;
    private final Sandboxing requested;

    /**
     * @param validation  the pipeline every submission goes through (one child JVM each, in the sandbox chosen)
     * @param track       the track the cases are of
     * @param submissions the submissions folder, which the gradebook's file names are relative to
     * @param requested   the sandboxing asked for, which a report of a submission that never ran states
     */
    public StudentGrader(Validation validation, Track track, List<TestCase> cases, StudentReports reports,
                         Path submissions, Sandboxing requested) {
        this.validation = validation;
        this.track = track;
        this.cases = List.copyOf(cases);
        this.reports = reports;
        this.submissions = submissions;
        this.requested = requested;
    }

    /** Grades {@code s}, whose fingerprint under the batch's rules is {@code fingerprint}. */
    public Grade grade(Submission s, String fingerprint) {
        long start = System.nanoTime();
        String file = s.file().map(f -> submissions.relativize(f).toString()).orElse("");
        ValidationReport report;
        GradeStatus status;
        if (s.problem().isPresent()) {
            status = s.problem().get();
            report = notRun(s.location(), s.problemMessage(), start);
        } else {
            Path source = s.file().orElseThrow();
            try {
                report = validation.validate(source, track, cases, c -> { });
                status = GradeStatus.of(report);
            } catch (IOException e) {
                status = GradeStatus.SETUP_ERROR;
                report = notRun(source, "cannot read the candidate " + source + ": " + e.getMessage(), start);
            } catch (CompilerUnavailableException e) {
                status = GradeStatus.SETUP_ERROR;
                report = notRun(source, e.getMessage(), start);
            } catch (RuntimeException | LinkageError e) {
                status = GradeStatus.INTERNAL_ERROR;
                report = notRun(source, "internal error: " + e + " (this is a bug in kvkit, please report it)", start);
            }
        }
        try {
            reports.write(s.student(), report);
        } catch (IOException | RuntimeException e) {
            status = GradeStatus.INTERNAL_ERROR;
            report = notRun(s.location(), "cannot write the reports of " + s.student() + ": " + e.getMessage(), start);
        }
        return Grade.of(s.student(), file, status, fingerprint, report);
    }

    private ValidationReport notRun(Path file, String message, long start) {
        return Validation.notRun(file, "", Outcome.SETUP_ERROR, message, cases, start, requested);
    }
}
