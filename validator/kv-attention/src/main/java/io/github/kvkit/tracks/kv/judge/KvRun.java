package io.github.kvkit.tracks.kv.judge;

import io.github.kvkit.harness.CallOutcome;
import io.github.kvkit.tracks.kv.harness.KvCall;
import io.github.kvkit.tracks.kv.harness.KvResult;
import io.github.kvkit.tracks.kv.plan.CallRole;
import io.github.kvkit.tracks.kv.plan.KvPlan;
import io.github.kvkit.validator.cases.Tolerance;
import io.github.kvkit.validator.judge.CaseRun;
import io.github.kvkit.validator.judge.Judge;
import io.github.kvkit.validator.judge.Verdict;
import io.github.kvkit.validator.run.RunRecord;

import java.util.List;
import java.util.function.IntFunction;

/**
 * What the kv-attention checks read: the plan, the run, the reference's results, and, per call, the typed
 * result it returned and the number of keys it attends to.
 */
public final class KvRun implements CaseRun {

    private final KvPlan plan;
    private final RunRecord run;
    private final List<KvResult> expected;
    private final KvResult[] results;
    private final long[] keys;

    public KvRun(KvPlan plan, RunRecord run, List<KvResult> expected) {
        this.plan = plan;
        this.run = run;
        this.expected = expected;
        int n = plan.kvCalls().size();
        this.results = new KvResult[n];
        this.keys = new long[n];
        for (int i = 0; i < n; i++) {
            if (run.outcomes().get(i) instanceof CallOutcome.Returned r) {
                results[i] = KvResult.of(r);
            }
            if (role(i).kind() == CallRole.Kind.STEP) {
                KvCall.Forward f = forward(i);
                keys[i] = f.key().size(1) + (f.cacheFromCall() >= 0 ? keys[f.cacheFromCall()] : 0);
            }
        }
    }

    @Override
    public KvPlan plan() {
        return plan;
    }

    @Override
    public RunRecord run() {
        return run;
    }

    public Tolerance tol() {
        return plan.testCase().tolerance();
    }

    public int calls() {
        return results.length;
    }

    public CallRole role(int call) {
        return plan.roles().get(call);
    }

    public KvCall.Forward forward(int call) {
        return (KvCall.Forward) plan.kvCalls().get(call);
    }

    /** What call {@code i} returned, or null when it returned nothing judgeable. */
    public KvResult result(int call) {
        return results[call];
    }

    /** The reference's result for a step call. */
    public KvResult expected(int call) {
        return expected.get(role(call).reference());
    }

    /** {@code Lk}: the keys a step call attends to, cached ones included. */
    public long keys(int call) {
        return keys[call];
    }

    public boolean isStep(int call) {
        return role(call).kind() == CallRole.Kind.STEP;
    }

    /** {@code "step decode#3"}. */
    public String step(int call) {
        return "step " + role(call).stepName();
    }

    /**
     * The verdict of a check that looks at each step call's result in turn: the first step that returned nothing
     * judgeable, or whose result {@code failure} finds wrong (a message; null when right), fails it. Null when the
     * case has no step.
     */
    public Verdict overSteps(IntFunction<String> failure) {
        boolean applies = false;
        for (int i = 0; i < calls(); i++) {
            if (!isStep(i)) {
                continue;
            }
            applies = true;
            String why = result(i) == null ? noResult(i) : failure.apply(i);
            if (why != null) {
                return Verdict.fail(why);
            }
        }
        return applies ? Verdict.pass("") : null;
    }

    /** {@code "step decode#3 threw ..."}: a step that returned nothing judgeable. */
    public String noResult(int call) {
        return step(call) + " " + describe(call);
    }

    /** How a call that returned nothing judgeable ended: "threw ...", "was not run: ...", a malformed result. */
    public String describe(int call) {
        CallOutcome outcome = outcome(call);
        return outcome instanceof CallOutcome.Returned
                ? "returned nothing usable: the harness sent a malformed forward result" : Judge.describe(outcome);
    }
}
