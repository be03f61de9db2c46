package io.github.kvkit.validator.run;

import io.github.kvkit.harness.CallOutcome;
import io.github.kvkit.validator.result.Status;

import java.util.List;

/**
 * What happened when a plan's calls were made: one outcome per call, and, when the run was cut short
 * (time limit, out of memory, a dead JVM...), the status and one-line reason that stopped it.
 *
 * @param stopped     null when every call was made
 * @param output      what the candidate printed during the case (stdout and stderr together), as far as it
 *                    was kept; empty when it ran in the validator's JVM, where its output goes to the console
 * @param outputBytes how many bytes it printed during the case in all; more than {@code output} holds when
 *                    the rest was cut
 */
public record RunRecord(List<CallOutcome> outcomes, Status stopped, String reason, long millis, String output,
                        long outputBytes) {

    public RunRecord {
        outcomes = List.copyOf(outcomes);
        reason = reason == null ? "" : reason;
        output = output == null ? "" : output;
    }

    /** A run whose output was not captured. */
    public RunRecord(List<CallOutcome> outcomes, Status stopped, String reason, long millis) {
        this(outcomes, stopped, reason, millis, "", 0);
    }
}
