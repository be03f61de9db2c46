package io.github.kvkit.tracks.llama.judge;

import io.github.kvkit.harness.Tensor;
import io.github.kvkit.tracks.llama.harness.LlamaResult;
import io.github.kvkit.tracks.llama.plan.LlamaPlan;
import io.github.kvkit.tracks.llama.plan.LlamaRole;
import io.github.kvkit.validator.judge.Check;
import io.github.kvkit.validator.judge.Comparison;
import io.github.kvkit.validator.judge.Format;
import io.github.kvkit.validator.judge.Verdict;

import java.util.Arrays;

/**
 * {@code cache_writes}: each step writes the reference's keys (after RoPE) and values at its positions
 * {@code pos .. pos+T-1}, within the case's tolerance, and leaves every other position of the cache bit-for-bit as
 * it was before the step. It earns the share of steps that do, and, like {@code reference}, cannot be passed without
 * computing, so it needs no other evidence.
 */
public final class CacheWritesCheck implements Check<LlamaRun> {

    private static final String[] PARTS = {"cache.key", "cache.value"};

    @Override
    public String id() {
        return "cache_writes";
    }

    @Override
    public boolean needsEvidence(LlamaRun run) {
        return false;
    }

    @Override
    public Verdict judge(LlamaRun r) {
        return r.shareOfSteps(i -> {
            LlamaResult got = r.result(i);
            Tensor[] after = {got.cacheKey(), got.cacheValue()};
            Tensor[] want = {r.expected(i).newKeys(), r.expected(i).newValues()};
            for (int p = 0; p < 2; p++) {
                String failure = written(r, i, PARTS[p], after[p], want[p]);
                if (failure == null && r.before(i) != null) {
                    failure = untouched(r, i, PARTS[p], r.before(i)[p], after[p]);
                }
                if (failure != null) {
                    return failure;
                }
            }
            return null;
        }, () -> "");
    }

    /** The positions the step writes hold the reference's values. */
    private static String written(LlamaRun r, int call, String part, Tensor after, Tensor want) {
        LlamaRole role = r.role(call);
        Comparison cmp = Comparison.of(Positions.of(after, role.pos(), role.tokens()), want, r.tol());
        if (cmp.passed()) {
            return null;
        }
        long[] at = cmp.worst().clone();
        at[2] += role.pos();
        return r.step(call) + " (" + LlamaPlan.positions(role) + "): " + part + " at " + Arrays.toString(at) + " is "
                + Format.number(cmp.got()) + ", expected " + Format.number(cmp.expected()) + " (max abs error "
                + Format.number(cmp.maxAbs()) + " over the positions it writes; allowed " + Format.number(r.tol().atol())
                + " + " + Format.number(r.tol().rtol()) + "·|expected|)";
    }

    /** Every position outside the step's holds exactly what it held before. */
    private static String untouched(LlamaRun r, int call, String part, Tensor before, Tensor after) {
        LlamaRole role = r.role(call);
        int k = Positions.firstChangedOutside(before, after, role.pos(), role.tokens());
        if (k < 0) {
            return null;
        }
        return r.step(call) + " (" + LlamaPlan.positions(role) + "): " + part + " at " + Arrays.toString(after.index(k))
                + ", a position it does not write, changed from " + Format.number(before.values()[k]) + " to "
                + Format.number(after.values()[k]) + "; expected every other position bit-for-bit as it was";
    }
}
