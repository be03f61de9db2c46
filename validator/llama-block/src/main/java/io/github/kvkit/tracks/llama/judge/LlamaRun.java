package io.github.kvkit.tracks.llama.judge;

import io.github.kvkit.harness.CallOutcome;
import io.github.kvkit.harness.Tensor;
import io.github.kvkit.tracks.llama.harness.LlamaCall;
import io.github.kvkit.tracks.llama.harness.LlamaResult;
import io.github.kvkit.tracks.llama.plan.LlamaPlan;
import io.github.kvkit.tracks.llama.plan.LlamaRole;
import io.github.kvkit.tracks.llama.plan.Sequence;
import io.github.kvkit.validator.cases.Tolerance;
import io.github.kvkit.validator.judge.StepRun;
import io.github.kvkit.validator.run.RunRecord;

import java.util.List;

/**
 * What the llama-block checks read: the plan, the run, the reference's results, and, per call, the typed result it
 * returned; per step, the cache as it was before the step ran (what the candidate's previous step on the same cache
 * left, or the sequence's first contents).
 */
public final class LlamaRun implements StepRun {

    private final LlamaPlan plan;
    private final RunRecord run;
    private final List<Expected> expected;
    private final LlamaResult[] results;
    private final Tensor[][] before;

    public LlamaRun(LlamaPlan plan, RunRecord run, List<Expected> expected) {
        this.plan = plan;
        this.run = run;
        this.expected = expected;
        int n = plan.llamaCalls().size();
        this.results = new LlamaResult[n];
        this.before = new Tensor[n][];
        for (int i = 0; i < n; i++) {
            if (run.outcomes().get(i) instanceof CallOutcome.Returned r) {
                results[i] = LlamaResult.of(r);
            }
        }
        for (Sequence s : plan.sequences()) {
            Tensor[] state = {Tensor.of(s.initialKey()), Tensor.of(s.initialValue())};
            for (int i : s.steps()) {
                before[i] = state;
                LlamaResult r = results[i];
                // after a call that did not return, what it left in the cache is unknown
                state = r == null || r.cacheKey() == null || r.cacheValue() == null ? null
                        : new Tensor[] {r.cacheKey(), r.cacheValue()};
            }
        }
    }

    @Override
    public LlamaPlan plan() {
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

    public LlamaRole role(int call) {
        return plan.roles().get(call);
    }

    public LlamaCall.Forward forward(int call) {
        return (LlamaCall.Forward) plan.llamaCalls().get(call);
    }

    @Override
    public boolean hasResult(int call) {
        return results[call] != null;
    }

    /** What call {@code i} returned, or null when it returned nothing judgeable. */
    public LlamaResult result(int call) {
        return results[call];
    }

    /** The reference's results for a step call. */
    public Expected expected(int call) {
        return expected.get(role(call).reference());
    }

    /** The cache key and value before step call {@code call} ran, or null when unknown (an earlier step failed). */
    public Tensor[] before(int call) {
        return before[call];
    }

    @Override
    public boolean isStep(int call) {
        return role(call).kind() == LlamaRole.Kind.STEP;
    }

    @Override
    public String step(int call) {
        return "step " + role(call).stepName();
    }
}
