package io.github.kvkit.tracks.kv.judge;

import io.github.kvkit.harness.CallOutcome;
import io.github.kvkit.tracks.kv.harness.KvCall;
import io.github.kvkit.tracks.kv.harness.KvResult;
import io.github.kvkit.tracks.kv.plan.CallRole;
import io.github.kvkit.tracks.kv.plan.KvPlan;
import io.github.kvkit.validator.cases.Tolerance;
import io.github.kvkit.validator.judge.StepRun;
import io.github.kvkit.validator.run.RunRecord;

import java.util.List;

/**
 * What the kv-attention checks read: the plan, the run, the reference's results, and, per call, the typed
 * result it returned and the number of keys it attends to.
 */
public final class KvRun implements StepRun {

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

    @Override
    public int calls() {
        return results.length;
    }

    public CallRole role(int call) {
        return plan.roles().get(call);
    }

    public KvCall.Forward forward(int call) {
        return (KvCall.Forward) plan.kvCalls().get(call);
    }

    @Override
    public boolean hasResult(int call) {
        return results[call] != null;
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

    @Override
    public boolean isStep(int call) {
        return role(call).kind() == CallRole.Kind.STEP;
    }

    @Override
    public String step(int call) {
        return "step " + role(call).stepName();
    }
}
