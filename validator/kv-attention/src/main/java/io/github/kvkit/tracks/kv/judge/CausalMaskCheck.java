package io.github.kvkit.tracks.kv.judge;

import io.github.kvkit.harness.Tensor;
import io.github.kvkit.tracks.kv.harness.KvResult;
import io.github.kvkit.tracks.kv.plan.CallRole;
import io.github.kvkit.validator.judge.Check;
import io.github.kvkit.validator.judge.Comparison;
import io.github.kvkit.validator.judge.Format;
import io.github.kvkit.validator.judge.Verdict;

import java.util.Arrays;

/**
 * {@code causal_mask}, in two ways: white box, every future key of a causal step weighs exactly 0; black box,
 * the step again with its future tokens changed ({@link CallRole.Kind#PERTURBED}) leaves the earlier output
 * rows unchanged. Applies to a case with a causal step.
 */
public final class CausalMaskCheck implements Check<KvRun> {

    @Override
    public String id() {
        return "causal_mask";
    }

    @Override
    public Verdict judge(KvRun r) {
        boolean applies = false;
        for (int i = 0; i < r.calls(); i++) {
            String failure = null;
            if (r.isStep(i) && r.forward(i).causal()) {
                applies = true;
                failure = futureWeights(r, i);
            } else if (r.role(i).kind() == CallRole.Kind.PERTURBED) {
                applies = true;
                failure = perturbed(r, i);
            }
            if (failure != null) {
                return Verdict.fail(failure);
            }
        }
        return applies ? Verdict.pass("") : null;
    }

    private static String futureWeights(KvRun r, int call) {
        KvResult got = r.result(call);
        if (got == null) {
            return r.noResult(call);
        }
        Tensor w = got.attentionWeights();
        if (!Arrays.equals(w.shape(), SoftmaxSumCheck.weightsShape(r, call))) {
            return r.step(call) + ": cannot check the mask, attentionWeights has shape " + w.shapeString();
        }
        long queryLen = r.forward(call).query().size(1);
        long lk = r.keys(call);
        long offset = lk - queryLen;
        double[] v = w.values();
        for (int row = 0; row * lk < v.length; row++) {
            long i = row % queryLen;
            for (long j = i + offset + 1; j < lk; j++) {
                double x = v[(int) (row * lk + j)];
                if (x != 0) {
                    return r.step(call) + ": attentionWeights at " + Arrays.toString(w.index(row * lk + j)) + " is "
                            + Format.number(x) + ", expected exactly 0 (query " + i + " may only see keys 0.."
                            + (i + offset) + ")";
                }
            }
        }
        return null;
    }

    private static String perturbed(KvRun r, int call) {
        CallRole role = r.role(call);
        String step = "step " + role.stepName();
        KvResult changed = r.result(call);
        if (changed == null) {
            return step + " with future tokens changed " + r.describe(call);
        }
        KvResult original = r.result(role.stepCall());
        if (original == null) {
            return null;
        }
        Tensor before = firstRows(original.output(), role.comparedRows());
        Tensor after = firstRows(changed.output(), role.comparedRows());
        if (before == null || after == null) {
            return null;     // the shape check reports it
        }
        Comparison cmp = Comparison.of(after, before, r.tol());
        if (!cmp.passed()) {
            return step + ": changing tokens " + role.comparedRows() + ".. (the future of rows 0.."
                    + (role.comparedRows() - 1) + ") changed earlier output: " + cmp.describe("output", r.tol());
        }
        return null;
    }

    private static Tensor firstRows(Tensor t, long rows) {
        if (t.shape().length != 3 || t.shape()[1] < rows) {
            return null;
        }
        long b = t.shape()[0];
        long len = t.shape()[1];
        long d = t.shape()[2];
        double[] out = new double[(int) (b * rows * d)];
        for (int i = 0; i < b; i++) {
            System.arraycopy(t.values(), (int) (i * len * d), out, (int) (i * rows * d), (int) (rows * d));
        }
        return new Tensor(new long[] {b, rows, d}, t.dtype(), out);
    }
}
