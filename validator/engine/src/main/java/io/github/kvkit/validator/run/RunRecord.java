package io.github.kvkit.validator.run;

import io.github.kvkit.harness.CallOutcome;
import io.github.kvkit.validator.result.Status;

import java.util.Collections;
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
 * @param callNanos   per call, how long the candidate's own method took, in nanoseconds, or -1 where it was not
 *                    measured (a call that did not run, a call the track does not time); for benchmarks, never
 *                    for verdicts
 */
public record RunRecord(List<CallOutcome> outcomes, Status stopped, String reason, long millis, String output,
                        long outputBytes, List<Long> callNanos) {

    public RunRecord {
        outcomes = List.copyOf(outcomes);
        reason = reason == null ? "" : reason;
        output = output == null ? "" : output;
        callNanos = List.copyOf(callNanos);
    }

    /** A run whose output was not captured and whose calls were not timed. */
    public RunRecord(List<CallOutcome> outcomes, Status stopped, String reason, long millis) {
        this(outcomes, stopped, reason, millis, "", 0, untimed(outcomes.size()));
    }

    /** A run whose calls were not timed. */
    public RunRecord(List<CallOutcome> outcomes, Status stopped, String reason, long millis, String output,
                     long outputBytes) {
        this(outcomes, stopped, reason, millis, output, outputBytes, untimed(outcomes.size()));
    }

    private static List<Long> untimed(int calls) {
        return Collections.nCopies(calls, -1L);
    }
}
