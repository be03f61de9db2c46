package io.github.kvkit.tracks.llama.judge;

import io.github.kvkit.harness.Tensor;
import io.github.kvkit.tracks.llama.plan.LlamaRole;
import io.github.kvkit.validator.judge.Check;
import io.github.kvkit.validator.judge.Comparison;
import io.github.kvkit.validator.judge.Verdict;

/**
 * {@code causal_mask}, black box: a call made again on its cache as it was before, with its later tokens changed
 * ({@link LlamaRole.Kind#PERTURBED}), leaves the output of its earlier tokens unchanged. Applies to a case with a call
 * of two tokens or more.
 */
public final class CausalMaskCheck implements Check<LlamaRun> {

    @Override
    public String id() {
        return "causal_mask";
    }

    @Override
    public Verdict judge(LlamaRun r) {
        boolean applies = false;
        for (int i = 0; i < r.calls(); i++) {
            if (r.role(i).kind() != LlamaRole.Kind.PERTURBED) {
                continue;
            }
            applies = true;
            String failure = perturbed(r, i);
            if (failure != null) {
                return Verdict.fail(failure);
            }
        }
        return applies ? Verdict.pass("") : null;
    }

    private static String perturbed(LlamaRun r, int call) {
        LlamaRole role = r.role(call);
        String original = r.plan().describe(role.stepCall());
        if (r.result(role.stepCall()) == null) {
            return original + " " + r.describe(role.stepCall());
        }
        if (r.result(call) == null) {
            return r.plan().describe(call) + " " + r.describe(call);
        }
        int keep = role.comparedRows();
        Tensor before = Positions.tokens(r.result(role.stepCall()).output(), 0, keep);
        Tensor after = Positions.tokens(r.result(call).output(), 0, keep);
        if (before == null || after == null) {
            return null;     // the shape check reports it
        }
        Comparison cmp = Comparison.of(after, before, r.tol());
        if (cmp.passed()) {
            return null;
        }
        int first = role.pos() + keep;
        return original + ": changing its tokens at positions " + first + ".." + (role.pos() + role.tokens() - 1)
                + " changed the output of earlier ones (positions " + role.pos() + ".." + (first - 1) + "): "
                + cmp.describe("output", r.tol(), "with the later tokens changed", "before");
    }
}
