package io.github.kvkit.tracks.llama.judge;

import io.github.kvkit.harness.Tensor;
import io.github.kvkit.tracks.llama.harness.LlamaResult;
import io.github.kvkit.tracks.llama.plan.LlamaRole;
import io.github.kvkit.validator.judge.Check;
import io.github.kvkit.validator.judge.Verdict;

import java.util.Arrays;

/** {@code finite}: no NaN or infinity in a step's output, nor in the keys and values it wrote. */
public final class FiniteCheck implements Check<LlamaRun> {

    @Override
    public String id() {
        return "finite";
    }

    @Override
    public Verdict judge(LlamaRun r) {
        return r.overSteps(i -> {
            LlamaResult got = r.result(i);
            LlamaRole role = r.role(i);
            String bad = nonFinite("output", got.output(), 0);
            if (bad == null && got.cacheKey() != null) {
                bad = nonFinite("cache.key", Positions.of(got.cacheKey(), role.pos(), role.tokens()), role.pos());
            }
            if (bad == null && got.cacheValue() != null) {
                bad = nonFinite("cache.value", Positions.of(got.cacheValue(), role.pos(), role.tokens()), role.pos());
            }
            return bad == null ? null : r.step(i) + ": " + bad;
        });
    }

    /** The first non-finite element, its index made absolute on the position axis of a cache slice. */
    private static String nonFinite(String what, Tensor t, int pos) {
        if (t == null) {
            return null;
        }
        double[] v = t.values();
        for (int k = 0; k < v.length; k++) {
            if (!Double.isFinite(v[k])) {
                long[] at = t.index(k);
                if (at.length == 4) {
                    at[2] += pos;
                }
                return what + " at " + Arrays.toString(at) + " is " + v[k] + ", expected a finite number";
            }
        }
        return null;
    }
}
