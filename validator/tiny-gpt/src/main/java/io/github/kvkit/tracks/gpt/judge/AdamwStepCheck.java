package io.github.kvkit.tracks.gpt.judge;

import io.github.kvkit.harness.Tensor;
import io.github.kvkit.tracks.gpt.harness.GptExecutor;
import io.github.kvkit.tracks.gpt.harness.GptParameters;
import io.github.kvkit.tracks.gpt.plan.Role;
import io.github.kvkit.validator.cases.Tolerance;
import io.github.kvkit.validator.judge.Check;
import io.github.kvkit.validator.judge.Verdict;

/**
 * {@code adamw_step}: from the loaded parameters, one {@code trainStep} and then the case's further steps leave
 * every parameter where the reference's leave it, and return the reference's losses. Earns the fraction of
 * train calls that match.
 *
 * <p>Parameters are compared within {@link #PARAMS}: an AdamW step moves each by at most about lr (1e-2 in the
 * shipped cases), and float32 gradients computed in another order move m̂/(√v̂+ε) by about 1e-5 relative, so
 * a correct float32 model lands within 1e-6 of the reference per step; weight decay taken into the moments
 * instead moves a parameter p by lr·wd·|p| ≈ 3e-4 and more. The key projection's bias is left out: softmax ignores
 * a constant added to a row of scores, so its gradient is exactly 0 in exact arithmetic, and Adam turns float
 * rounding there into steps of ±lr.
 */
public final class AdamwStepCheck implements Check<GptRun> {

    static final Tolerance PARAMS = new Tolerance(2e-5, 1e-4, 0);

    @Override
    public String id() {
        return "adamw_step";
    }

    @Override
    public boolean needsEvidence(GptRun run) {
        return false;
    }

    @Override
    public Verdict judge(GptRun r) {
        var calls = r.callsFor(Role.TRAIN);
        if (calls.isEmpty()) {
            return null;
        }
        int matched = 0;
        String first = null;
        int done = 0;
        for (int i : calls) {
            int steps = r.expected(i, "losses").values().length;
            String step = steps == 1 ? "after step " + (done + 1) : "after steps " + (done + 1) + ".." + (done + steps);
            done += steps;
            String why = compare(r, i, step);
            if (why == null) {
                matched++;
            } else if (first == null) {
                first = why;
            }
        }
        return first == null ? Verdict.pass("") : new Verdict((double) matched / calls.size(), first);
    }

    private static String compare(GptRun r, int call, String step) {
        if (r.array(call, "losses") == null) {
            return r.missing(call, "losses");
        }
        String why = Tensors.mismatch(step + ", the losses trainStep returned", r.array(call, "losses"),
                r.expected(call, "losses"), r.tol());
        if (why != null) {
            return why;
        }
        int width = r.plan().config().dModel();
        for (String name : GptParameters.shapes(r.plan().config()).keySet()) {
            Tensor got = r.array(call, GptExecutor.PARAM + name);
            if (got == null) {
                return step + ": parameters() has no '" + name + "'";
            }
            Tensor want = r.expected(call, GptExecutor.PARAM + name);
            if (name.endsWith("attn.c_attn.bias")) {
                got = withoutKeys(got, width);
                want = withoutKeys(want, width);
            }
            why = Tensors.mismatch(step + ", parameter " + name, got, want, PARAMS);
            if (why != null) {
                return why + "; expected p ← p − lr·(m̂/(√v̂+ε) + wd·p), the decay kept out of the moments";
            }
        }
        return null;
    }

    /** The fused q/k/v bias with its key part zeroed. */
    private static Tensor withoutKeys(Tensor bias, int width) {
        double[] v = bias.values().clone();
        if (v.length == 3 * width) {
            java.util.Arrays.fill(v, width, 2 * width, 0);
        }
        return new Tensor(bias.shape(), bias.dtype(), v);
    }
}
