package io.github.kvkit.tracks.llama.judge;

import io.github.kvkit.harness.CallOutcome;
import io.github.kvkit.harness.Tensor;
import io.github.kvkit.tracks.llama.harness.LlamaCall;
import io.github.kvkit.tracks.llama.harness.LlamaResult;
import io.github.kvkit.tracks.llama.plan.LlamaPlan;
import io.github.kvkit.tracks.llama.plan.LlamaRole;
import io.github.kvkit.tracks.llama.plan.Sequence;
import io.github.kvkit.validator.cases.Tolerance;
import io.github.kvkit.validator.judge.CaseRun;
import io.github.kvkit.validator.judge.Judge;
import io.github.kvkit.validator.judge.Verdict;
import io.github.kvkit.validator.run.RunRecord;

import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * What the llama-block checks read: the plan, the run, the reference's results, and, per call, the typed result it
 * returned; per step, the cache as it was before the step ran (what the candidate's previous step on the same cache
 * left, or the sequence's first contents).
 */
public final class LlamaRun implements CaseRun {

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

    public int calls() {
        return results.length;
    }

    public LlamaRole role(int call) {
        return plan.roles().get(call);
    }

    public LlamaCall.Forward forward(int call) {
        return (LlamaCall.Forward) plan.llamaCalls().get(call);
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

    public boolean isStep(int call) {
        return role(call).kind() == LlamaRole.Kind.STEP;
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

    /**
     * The verdict of a check that earns the share of step calls {@code failure} finds right (null) and is not
     * passed while one is wrong: {@code k} of {@code n} right earn {@code min(k, n-1)/n}; {@code passed} says what was
     * measured when all are right. Null when the case has no step.
     */
    public Verdict shareOfSteps(IntFunction<String> failure, Supplier<String> passed) {
        int steps = 0;
        int right = 0;
        String first = null;
        for (int i = 0; i < calls(); i++) {
            if (!isStep(i)) {
                continue;
            }
            steps++;
            String why = result(i) == null ? noResult(i) : failure.apply(i);
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
