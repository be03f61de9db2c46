package io.github.kvkit.validator.result;

import java.util.List;
import java.util.Objects;

/**
 * Everything the validator found out about one candidate: the model every report format is written from.
 *
 * @param candidateFile  the candidate source file as given on the command line
 * @param candidateClass the candidate's binary class name, or empty when it was not found
 * @param outcome        whether the cases ran
 * @param message        on a compile or contract error, the full explanation (compiler diagnostics); else empty
 * @param tests          one result per case, in the order they ran
 * @param millis         wall time from start to verdict
 * @param sandboxing     how the candidate's code was contained
 */
public record ValidationReport(String candidateFile, String candidateClass, Outcome outcome, String message,
                               List<CaseResult> tests, long millis, Sandboxing sandboxing) {

    public ValidationReport {
        tests = List.copyOf(tests);
        Objects.requireNonNull(sandboxing, "sandboxing");
        candidateClass = candidateClass == null ? "" : candidateClass;
        message = message == null ? "" : message;
    }

    public double score() {
        return tests.stream().mapToDouble(CaseResult::score).sum();
    }

    public double maxScore() {
        return tests.stream().mapToDouble(CaseResult::maxScore).sum();
    }

    /** True when the candidate ran and every case passed. */
    public boolean allPassed() {
        return outcome == Outcome.RAN && tests.stream().allMatch(CaseResult::passed);
    }
}
