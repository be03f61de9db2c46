package io.github.kvkit.validator.plan;

import io.github.kvkit.harness.Call;
import io.github.kvkit.validator.cases.TestCase;

import java.util.List;

/**
 * A case turned into concrete calls with concrete arrays, by its track. Planning depends only on the case,
 * never on what a candidate returns, so the whole plan can be shipped to another JVM before anything runs.
 * A track's plan holds more (why each call is made); the engine needs only this.
 */
public interface CasePlan {

    TestCase testCase();

    /** The calls, in the order they run; {@code calls().get(i).index() == i}. */
    List<Call> calls();

    /** How a stopped run names call {@code i}: "forward step decode#3", "the constructor". */
    String describe(int call);

    /** How a case's reason names call {@code i}: "decode#3", "decode#3 (uncached)", "construct". */
    String label(int call);

    /** How messages name argument {@code arg} of call {@code call}: "the query array", "argument 2". */
    default String argumentName(int call, int arg) {
        return "argument " + (arg + 1);
    }

    /**
     * Whether call {@code i} does the candidate's real work: once such a call has returned or thrown, the
     * candidate is not hung, and keeps the full time limit.
     */
    boolean computes(int call);
}
