package io.github.kvkit.validator.bench;

import io.github.kvkit.harness.Call;
import io.github.kvkit.validator.cases.TestCase;
import io.github.kvkit.validator.plan.CasePlan;

import java.util.ArrayList;
import java.util.List;

/** A benchmark's plan as it is run: every call that computes is {@link Call#timed() timed only}, no results sent. */
final class TimedPlan implements CasePlan {

    private final CasePlan plan;
    private final List<Call> calls;

    TimedPlan(CasePlan plan) {
        this.plan = plan;
        List<Call> timed = new ArrayList<>();
        for (int i = 0; i < plan.calls().size(); i++) {
            timed.add(plan.computes(i) ? plan.calls().get(i).timed() : plan.calls().get(i));
        }
        this.calls = List.copyOf(timed);
    }

    @Override
    public TestCase testCase() {
        return plan.testCase();
    }

    @Override
    public List<Call> calls() {
        return calls;
    }

    @Override
    public String describe(int call) {
        return plan.describe(call);
    }

    @Override
    public String label(int call) {
        return plan.label(call);
    }

    @Override
    public String argumentName(int call, int arg) {
        return plan.argumentName(call, arg);
    }

    @Override
    public boolean computes(int call) {
        return plan.computes(call);
    }
}
