package io.github.kvkit.validator.result;

import java.util.List;

/**
 * The outcome of one test case.
 *
 * @param name       the case's name
 * @param category   e.g. {@code visible}, {@code core}, {@code edge}, {@code stress}
 * @param visibility whether students may see the details
 * @param score      points earned: {@code maxScore} times the fraction of checks passed
 * @param maxScore   the case's points
 * @param status     how the case ended
 * @param reason     one line saying why, when the status is neither passed nor failed; otherwise empty
 * @param checks     one result per check that applies to the case, in a fixed order
 * @param millis     wall time of the case
 */
public record CaseResult(String name, String category, Visibility visibility, double score, double maxScore,
                         Status status, String reason, List<CheckResult> checks, long millis) {

    public CaseResult {
        checks = List.copyOf(checks);
        reason = reason == null ? "" : reason;
    }

    public boolean passed() {
        return status == Status.PASSED;
    }
}
