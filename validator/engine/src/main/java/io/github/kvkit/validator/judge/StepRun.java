package io.github.kvkit.validator.judge;

import io.github.kvkit.harness.CallOutcome;

import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * A run whose calls include forward steps, each with a typed result or none: how a track's checks walk its steps and
 * word a step that returned nothing judgeable, the same for every track.
 */
public interface StepRun extends CaseRun {

    /** The case's calls, numbered from 0. */
    int calls();

    /** Whether call {@code call} is a forward step (the others construct, load weights, must be refused, ...). */
    boolean isStep(int call);

    /** Whether step call {@code call} returned a result the checks can read. */
    boolean hasResult(int call);

    /** How a report names a step call: {@code "step decode#3"}. */
    String step(int call);

    /**
     * The verdict of a check that looks at each step call's result in turn: the first step that returned nothing
     * judgeable, or whose result {@code failure} finds wrong (a message; null when right), fails it. Null when the
     * case has no step.
     */
    default Verdict overSteps(IntFunction<String> failure) {
        boolean applies = false;
        for (int i = 0; i < calls(); i++) {
            if (!isStep(i)) {
                continue;
            }
            applies = true;
            String why = hasResult(i) ? failure.apply(i) : noResult(i);
            if (why != null) {
                return Verdict.fail(why);
            }
        }
        return applies ? Verdict.pass("") : null;
    }

    /**
     * The verdict of a check that earns the share of step calls {@code failure} finds right (null) and is not
     * passed while one is wrong: {@code k} of {@code n} right earn {@code min(k, n-1)/n}; {@code passed} says what was
     * measured when all are right. Null when the case has no step.
     */
    default Verdict shareOfSteps(IntFunction<String> failure, Supplier<String> passed) {
        int steps = 0;
        int right = 0;
        String first = null;
        for (int i = 0; i < calls(); i++) {
            if (!isStep(i)) {
                continue;
            }
            steps++;
            String why = hasResult(i) ? failure.apply(i) : noResult(i);
            if (why == null) {
                right++;
            } else if (first == null) {
                first = why;
            }
        }
        if (steps == 0) {
            return null;
        }
        if (first == null) {
            return Verdict.pass(passed.get());
        }
        int earned = Math.min(right, steps - 1);
        return new Verdict((double) earned / steps, earned + " of " + steps + " steps right; " + first);
    }

    /** {@code "step decode#3 threw ..."}: a step that returned nothing judgeable. */
    default String noResult(int call) {
        return step(call) + " " + describe(call);
    }

    /** How a call that returned nothing judgeable ended: "threw ...", "was not run: ...", a malformed result. */
    default String describe(int call) {
        CallOutcome outcome = outcome(call);
        return outcome instanceof CallOutcome.Returned
                ? "returned nothing usable: the harness sent a malformed forward result" : Judge.describe(outcome);
    }
}
