package io.github.kvkit.validator.judge;

import io.github.kvkit.validator.cases.TestCase;
import io.github.kvkit.validator.plan.CasePlan;
import io.github.kvkit.validator.track.Track;
import io.github.kvkit.validator.track.Tracks;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The expected results of a case, from its track: frozen in the case, or computed by the track's reference on
 * the very values the candidate gets.
 */
public final class ReferenceOracle {

    /** Each case's expected results once computed, or null when this oracle does not remember them. */
    private final Map<TestCase, Object> remembered;

    private ReferenceOracle(Map<TestCase, Object> remembered) {
        this.remembered = remembered;
    }

    /** An oracle that asks the track every time. */
    public static ReferenceOracle create() {
        return new ReferenceOracle(null);
    }

    /**
     * An oracle remembering each case's expected results: a case's plan is the same every time it is made, so
     * grading many candidates on the same loaded cases computes each case once. Its reference times are then
     * near zero, so it suits runs without time limits (in process) only.
     */
    public ReferenceOracle remembering() {
        return new ReferenceOracle(Collections.synchronizedMap(new IdentityHashMap<>()));
    }

    /** Whether this case can be graded: it has frozen expected results or its track's reference is here. */
    public boolean canGrade(TestCase tc) {
        return tc.body().frozen() || track(tc).hasReference();
    }

    /** The expected results of the plan, in its track's own form. */
    public Object expected(CasePlan plan) {
        Track track = track(plan.testCase());
        if (remembered == null) {
            return track.expected(plan);
        }
        Object known = remembered.get(plan.testCase());
        if (known == null) {
            known = track.expected(plan);
            remembered.put(plan.testCase(), known);
        }
        return known;
    }

    private static Track track(TestCase tc) {
        return Tracks.installed().byId(tc.track())
                .orElseThrow(() -> new IllegalStateException("no track " + tc.track() + " for " + tc.source()));
    }
}
