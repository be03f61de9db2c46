package io.github.kvkit.tracks.gpt.judge;

import io.github.kvkit.harness.Tensor;
import io.github.kvkit.tracks.gpt.plan.Role;
import io.github.kvkit.validator.judge.Check;
import io.github.kvkit.validator.judge.Verdict;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code greedy_equal}: for each prompt, {@code generate(prompt, n, true)} and {@code generate(prompt, n, false)}
 * emit the reference's tokens, the prompt first. Reports, without scoring them, both paths' tokens per second.
 */
public final class GreedyEqualCheck implements Check<GptRun> {

    @Override
    public String id() {
        return "greedy_equal";
    }

    @Override
    public Verdict judge(GptRun r) {
        List<Integer> cached = r.callsFor(Role.GENERATE_CACHED);
        List<Integer> uncached = r.callsFor(Role.GENERATE_UNCACHED);
        if (cached.isEmpty()) {
            return null;
        }
        long tokens = 0;
        long cachedNanos = 0;
        long uncachedNanos = 0;
        for (int g = 0; g < cached.size(); g++) {
            int c = cached.get(g);
            int u = uncached.get(g);
            Tensor want = r.expected(c, "tokens");
            for (int call : new int[] {c, u}) {
                Tensor got = r.array(call, "tokens");
                if (got == null) {
                    return Verdict.fail(r.missing(call, "tokens"));
                }
                if (!Arrays.equals(got.values(), want.values())) {
                    return Verdict.fail(r.plan().label(call) + ": emitted " + ids(got) + ", expected " + ids(want));
                }
            }
            tokens += r.plan().calls().get(c).intArg(1);
            cachedNanos += r.returned(c).numbers("nanos")[0];
            uncachedNanos += r.returned(u).numbers("nanos")[0];
        }
        return Verdict.pass(String.format(Locale.ROOT, "%.0f tokens/s with the cache, %.0f without",
                tokens / (cachedNanos / 1e9), tokens / (uncachedNanos / 1e9)));
    }

    private static String ids(Tensor t) {
        return Arrays.toString(Arrays.stream(t.values()).mapToLong(v -> (long) v).toArray());
    }
}
