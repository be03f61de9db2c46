package io.github.kvkit.tracks.gpt.judge;

import io.github.kvkit.harness.Tensor;
import io.github.kvkit.tracks.gpt.plan.Role;
import io.github.kvkit.validator.judge.Check;
import io.github.kvkit.validator.judge.Comparison;
import io.github.kvkit.validator.judge.Verdict;

/**
 * {@code no_future_leak}: changing the tokens from position {@code f} on leaves the logits of positions before
 * {@code f} as they were: the candidate's own two results are compared, so a model with other mistakes still
 * shows whether its mask is causal.
 */
public final class NoFutureLeakCheck implements Check<GptRun> {

    @Override
    public String id() {
        return "no_future_leak";
    }

    @Override
    public Verdict judge(GptRun r) {
        if (r.callsFor(Role.FUTURE_CHANGED).isEmpty()) {
            return null;
        }
        int base = r.callsFor(Role.LOGITS).get(0);
        int changed = r.callsFor(Role.FUTURE_CHANGED).get(0);
        Tensor a = r.array(base, "logits");
        Tensor b = r.array(changed, "logits");
        if (a == null || b == null) {
            return Verdict.fail(a == null ? r.missing(base, "logits") : r.missing(changed, "logits"));
        }
        if (a.shape().length != 3 || b.shape().length != 3 || a.shape()[1] < r.plan().futureFrom()
                || !java.util.Arrays.equals(a.shape(), b.shape())) {
            return Verdict.fail("logits have shape " + a.shapeString() + " and " + b.shapeString() + "; expected [B, T, V]");
        }
        int f = r.plan().futureFrom();
        Comparison c = Comparison.of(Tensors.firstPositions(b, f), Tensors.firstPositions(a, f), r.tol());
        return c.passed() ? Verdict.pass("") : Verdict.fail("positions before " + f + " changed when only tokens from "
                + f + " on did: " + c.describe("logits", r.tol(), "with the future changed", "before"));
    }
}
