package io.github.kvkit.tracks.gpt.judge;

import io.github.kvkit.harness.CallOutcome;
import io.github.kvkit.harness.Tensor;
import io.github.kvkit.tracks.gpt.plan.GptPlan;
import io.github.kvkit.tracks.gpt.plan.Role;
import io.github.kvkit.validator.cases.Tolerance;
import io.github.kvkit.validator.judge.CaseRun;
import io.github.kvkit.validator.judge.Judge;
import io.github.kvkit.validator.run.RunRecord;

import java.util.List;

/** What the tiny-gpt checks read: the plan, the candidate's outcomes and the reference's. */
public final class GptRun implements CaseRun {

    private final GptPlan plan;
    private final RunRecord run;
    private final List<CallOutcome> expected;

    public GptRun(GptPlan plan, RunRecord run, List<CallOutcome> expected) {
        this.plan = plan;
        this.run = run;
        this.expected = expected;
    }

    @Override
    public GptPlan plan() {
        return plan;
    }

    @Override
    public RunRecord run() {
        return run;
    }

    public Tolerance tol() {
        return plan.testCase().tolerance();
    }

    public List<Integer> callsFor(Role role) {
        return plan.callsFor(role);
    }

    /** What call {@code i} returned, or null when it returned no result. */
    public CallOutcome.Returned returned(int call) {
        return outcome(call) instanceof CallOutcome.Returned r ? r : null;
    }

    /** Array {@code name} of call {@code i}'s result, or null. */
    public Tensor array(int call, String name) {
        CallOutcome.Returned r = returned(call);
        return r == null ? null : r.array(name);
    }

    /** The reference's array {@code name} for call {@code i}. */
    public Tensor expected(int call, String name) {
        return ((CallOutcome.Returned) expected.get(call)).array(name);
    }

    /** "loss (call 4) threw ...": why call {@code i} has no result {@code name}. */
    public String missing(int call, String name) {
        CallOutcome o = outcome(call);
        String how = o instanceof CallOutcome.Returned ? "returned no " + name : Judge.describe(o);
        return plan.label(call) + " " + how;
    }
}
