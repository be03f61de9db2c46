package io.github.kvkit.validator.run;

import io.github.kvkit.harness.CallOutcome;
import io.github.kvkit.validator.plan.CasePlan;
import io.github.kvkit.validator.result.Status;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The time of one candidate over all its cases: the total time limit, counted from the runner's creation (child
 * starts, the probe and every case use it up), and the short case limit of a candidate that hung.
 */
final class TimeBudget {
    private final RunLimits limits;
    private final long createdNanos = System.nanoTime();
    /** Whether a case of this candidate timed out, and whether any forward call of it ever returned or threw. */
    private boolean timedOut;
    private boolean forwardFinished;

    TimeBudget(RunLimits limits) {
        this.limits = limits;
    }

    /** What is left of the total time limit; 0 or less once it is used up. */
    long remainingNanos() {
        return limits.total().toNanos() - (System.nanoTime() - createdNanos);
    }

    /** The probe's timeout: its own limit, or what is left of the total when that is less. */
    Duration probeTimeout() {
        Duration timeout = limits.probeTimeout();
        if (remainingNanos() < timeout.toNanos()) {
            timeout = Duration.ofMillis(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remainingNanos())));
        }
        return timeout;
    }

    /** The limit of the next case, which the reference computed in {@code referenceTime}; not started yet. */
    CaseTimeLimit forCase(Duration referenceTime) {
        // a candidate that timed out and never came back from a call gets the short limit from then on:
        // it computes nothing, so waiting the full limit on every case would only hold the grader
        boolean hung = timedOut && !forwardFinished;
        Duration caseLimit = hung ? RunLimits.AFTER_HANG : limits.caseLimit(referenceTime);
        return new CaseTimeLimit(limits, caseLimit, referenceTime, hung, remainingNanos());
    }

    /** Takes note of how a case ended: {@code outcomes} are those of the calls that ran, in order. */
    void caseEnded(Status status, CasePlan plan, List<CallOutcome> outcomes) {
        if (status == Status.TIMEOUT) {
            timedOut = true;
        }
        for (int i = 0; i < outcomes.size(); i++) {
            CallOutcome o = outcomes.get(i);
            forwardFinished |= plan.computes(i) && (o instanceof CallOutcome.Returned || o instanceof CallOutcome.Threw);
        }
    }
}
