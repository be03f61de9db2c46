package io.github.kvkit.tracks.kv.judge;

import io.github.kvkit.harness.Tensor;
import io.github.kvkit.tracks.kv.harness.KvResult;
import io.github.kvkit.tracks.kv.plan.CallRole;
import io.github.kvkit.validator.judge.Check;
import io.github.kvkit.validator.judge.Comparison;
import io.github.kvkit.validator.judge.Verdict;

/**
 * {@code cache_equivalence}: a step fed through the cache equals the same query on the whole key/value history
 * without a cache ({@link CallRole.Kind#EQUIVALENCE}). Both sides are the candidate's, so neither is "expected".
 */
public final class CacheEquivalenceCheck implements Check<KvRun> {

    @Override
    public String id() {
        return "cache_equivalence";
    }

    @Override
    public Verdict judge(KvRun r) {
        boolean applies = false;
        for (int i = 0; i < r.calls(); i++) {
            if (r.role(i).kind() != CallRole.Kind.EQUIVALENCE) {
                continue;
            }
            applies = true;
            String failure = equivalence(r, i);
            if (failure != null) {
                return Verdict.fail(failure);
            }
        }
        return applies ? Verdict.pass("") : null;
    }

    private static String equivalence(KvRun r, int call) {
        CallRole role = r.role(call);
        String step = "step " + role.stepName();
        KvResult full = r.result(call);
        if (full == null) {
            return step + ": the same query on the whole history without a cache " + r.describe(call);
        }
        KvResult cached = r.result(role.stepCall());
        if (cached == null) {
            return step + " " + r.describe(role.stepCall());
        }
        String failure = equivalent(r, step, "output", cached.output(), full.output());
        if (failure == null) {
            failure = equivalent(r, step, "cache.key", cached.cacheKey(), full.cacheKey());
        }
        if (failure == null) {
            failure = equivalent(r, step, "cache.value", cached.cacheValue(), full.cacheValue());
        }
        return failure;
    }

    private static String equivalent(KvRun r, String step, String what, Tensor cached, Tensor uncached) {
        Comparison cmp = Comparison.of(cached, uncached, r.tol());
        return cmp.passed() ? null : step + ": the cached call and one uncached call over the whole history disagree: "
                + cmp.describe(what, r.tol(), "with the cache", "without it");
    }
}
