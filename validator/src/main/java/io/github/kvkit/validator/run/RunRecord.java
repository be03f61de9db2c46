package io.github.kvkit.validator.run;

import io.github.kvkit.runner.CallOutcome;
import io.github.kvkit.validator.result.Status;

import java.util.List;

/**
 * What happened when a plan's calls were made: one outcome per call, and, when the run was cut short
 * (time limit, out of memory, a dead JVM...), the status and one-line reason that stopped it.
 *
 * @param stopped null when every call was made
 */
public record RunRecord(List<CallOutcome> outcomes, Status stopped, String reason, long millis) {

    public RunRecord {
        outcomes = List.copyOf(outcomes);
    }
}
