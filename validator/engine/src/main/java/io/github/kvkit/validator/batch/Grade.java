package io.github.kvkit.validator.batch;

import io.github.kvkit.validator.result.CaseResult;
import io.github.kvkit.validator.result.CheckResult;
import io.github.kvkit.validator.result.ValidationReport;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One student's row of the gradebook.
 *
 * @param student      the student's name
 * @param file         the file graded, relative to the submissions folder; empty when none could be
 * @param status       how grading ended
 * @param score        points earned over every case
 * @param maxScore     points possible
 * @param message      why it was not graded, in one line (the layout problem, the compiler's first line); else empty
 * @param fingerprint  what it was graded from (the submission and the batch's rules): the next run grades the
 *                     student again only when this changes
 * @param caseScores   points per case, by case name, in the gradebook's case order
 * @param failedCases  the cases that did not pass, when the code ran
 * @param failedChecks the checks that failed in some case, when the code ran, by name
 */
public record Grade(String student, String file, GradeStatus status, double score, double maxScore, String message,
                    String fingerprint, Map<String, Double> caseScores, List<String> failedCases,
                    List<String> failedChecks) {

    public Grade {
        caseScores = Collections.unmodifiableMap(new LinkedHashMap<>(caseScores));
        failedCases = List.copyOf(failedCases);
        failedChecks = List.copyOf(failedChecks);
        message = message == null ? "" : message;
        file = file == null ? "" : file;
    }

    /** The row of a validation's report, whose status is {@code status}. */
    public static Grade of(String student, String file, GradeStatus status, String fingerprint, ValidationReport report) {
        Map<String, Double> scores = new LinkedHashMap<>();
        TreeSet<String> failedCases = new TreeSet<>();
        TreeSet<String> failedChecks = new TreeSet<>();
        for (CaseResult c : report.tests()) {
            scores.put(c.name(), c.score());
            if (status.ran() && !c.passed()) {
                failedCases.add(c.name());
                for (CheckResult check : c.checks()) {
                    if (!check.passed()) {
                        failedChecks.add(check.name());
                    }
                }
            }
        }
        return new Grade(student, file, status, report.score(), report.maxScore(), firstLine(report.message()),
                fingerprint, scores, List.copyOf(failedCases), List.copyOf(failedChecks));
    }

    private static String firstLine(String text) {
        String t = text.strip();
        int end = t.indexOf('\n');
        return (end < 0 ? t : t.substring(0, end)).strip();
    }
}
