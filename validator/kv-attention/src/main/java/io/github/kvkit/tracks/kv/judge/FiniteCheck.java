package io.github.kvkit.tracks.kv.judge;

import io.github.kvkit.harness.Tensor;
import io.github.kvkit.tracks.kv.harness.KvResult;
import io.github.kvkit.validator.judge.Check;
import io.github.kvkit.validator.judge.Verdict;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** {@code finite}: no NaN or infinity in anything a step returned. */
public final class FiniteCheck implements Check<KvRun> {

    @Override
    public String id() {
        return "finite";
    }

    @Override
    public Verdict judge(KvRun r) {
        return r.overSteps(i -> {
            KvResult got = r.result(i);
            // in this order every run: Map.of would iterate in an order that changes from one JVM to the next
            for (Map.Entry<String, Tensor> e : List.of(Map.entry("output", got.output()),
                    Map.entry("attentionWeights", got.attentionWeights()), Map.entry("cache.key", got.cacheKey()),
                    Map.entry("cache.value", got.cacheValue()))) {
                int bad = firstNonFinite(e.getValue());
                if (bad >= 0) {
                    return r.step(i) + ": " + e.getKey() + " at " + Arrays.toString(e.getValue().index(bad)) + " is "
                            + e.getValue().values()[bad] + ", expected a finite number";
                }
            }
            return null;
        });
    }

    private static int firstNonFinite(Tensor t) {
        double[] v = t.values();
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                return i;
            }
        }
        return -1;
    }
}
