package io.github.kvkit.tracks.kv.judge;

import io.github.kvkit.harness.Tensor;
import io.github.kvkit.tracks.kv.cases.KvCaseBody;
import io.github.kvkit.tracks.kv.harness.KvCall;
import io.github.kvkit.tracks.kv.harness.KvResult;
import io.github.kvkit.validator.judge.Check;
import io.github.kvkit.validator.judge.Format;
import io.github.kvkit.validator.judge.Verdict;

import java.util.Arrays;

/** {@code softmax_sum}: every attention row of every step is non-negative and sums to 1 within {@code sumAtol}. */
public final class SoftmaxSumCheck implements Check<KvRun> {

    @Override
    public String id() {
        return "softmax_sum";
    }

    @Override
    public Verdict judge(KvRun r) {
        return r.overSteps(i -> {
            KvResult got = r.result(i);
            long[] want = weightsShape(r, i);
            if (!Arrays.equals(got.attentionWeights().shape(), want)) {
                return r.step(i) + ": cannot check rows, attentionWeights has shape "
                        + got.attentionWeights().shapeString() + ", expected " + Arrays.toString(want);
            }
            return badRow(r.step(i), got.attentionWeights(), r.keys(i), r.tol().sumAtol());
        });
    }

    /** {@code [B, H, Tq, Lk]} of a step call. */
    static long[] weightsShape(KvRun r, int call) {
        KvCall.Forward f = r.forward(call);
        return new long[] {f.query().size(0), KvCaseBody.of(r.plan().testCase()).numHeads(), f.query().size(1),
                r.keys(call)};
    }

    private static String badRow(String step, Tensor w, long lk, double sumAtol) {
        double[] v = w.values();
        for (int row = 0; row * lk < v.length; row++) {
            double sum = 0;
            for (int j = 0; j < lk; j++) {
                double x = v[(int) (row * lk + j)];
                if (x < 0) {
                    return step + ": attentionWeights at " + Arrays.toString(w.index(row * lk + j)) + " is "
                            + Format.number(x) + ", expected >= 0";
                }
                sum += x;
            }
            if (!(Math.abs(sum - 1) <= sumAtol)) {
                long[] at = w.index(row * lk);
                return step + ": attention row " + Arrays.toString(Arrays.copyOf(at, 3)) + " sums to " + Format.number(sum)
                        + " (1 " + (sum >= 1 ? "+ " : "- ") + Format.number(Math.abs(sum - 1)) + "), expected 1 ± "
                        + Format.number(sumAtol);
            }
        }
        return null;
    }
}
