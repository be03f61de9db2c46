package io.github.kvkit.tracks.gpt.judge;

import io.github.kvkit.harness.Tensor;
import io.github.kvkit.tracks.gpt.cases.GptCaseBody;
import io.github.kvkit.tracks.gpt.plan.Role;
import io.github.kvkit.validator.judge.Check;
import io.github.kvkit.validator.judge.Verdict;

import java.util.Arrays;

/**
 * {@code cache_equivalence}: the case's tokens fed through one {@code GptCache} in chunks (a prefill, single
 * tokens, longer chunks) give the logits the candidate gives them uncached, the cache grows by exactly each
 * chunk, and its layer-0 keys and values are the reference's, {@code [B, H, T, Dh]} in position order.
 */
public final class CacheEquivalenceCheck implements Check<GptRun> {

    @Override
    public String id() {
        return "cache_equivalence";
    }

    @Override
    public Verdict judge(GptRun r) {
        for (int i : r.callsFor(Role.CACHED)) {
            int base = r.callsFor(Role.LOGITS).get(0);
            Tensor cached = r.array(i, "logits");
            if (cached == null) {
                return Verdict.fail(r.missing(i, "logits"));
            }
            if (r.array(base, "logits") == null) {
                return Verdict.fail(r.missing(base, "logits") + ", so there is nothing to compare the cached logits with");
            }
            int[] chunks = GptCaseBody.of(r.plan().testCase()).cacheChunks();
            long[] want = new long[chunks.length];
            for (int c = 0, sum = 0; c < chunks.length; c++) {
                sum += chunks[c];
                want[c] = sum;
            }
            long[] lengths = r.returned(i).numbers("lengths");
            if (!Arrays.equals(lengths, want)) {
                return Verdict.fail("after chunks of " + Arrays.toString(chunks) + " tokens, cache.length() was "
                        + Arrays.toString(lengths) + ", expected " + Arrays.toString(want));
            }
            String why = Tensors.mismatch("cached logits against uncached", cached, r.array(base, "logits"), r.tol());
            if (why != null) {
                return Verdict.fail(why);
            }
            for (String part : new String[] {"key0", "value0"}) {
                if (r.array(i, part) == null) {
                    return Verdict.fail("the cache holds no layer-0 " + part.replace("0", ""));
                }
                why = Tensors.mismatch("the cache's layer-0 " + part.replace("0", "s"), r.array(i, part),
                        r.expected(i, part), r.tol());
                if (why != null) {
                    return Verdict.fail(why + "; expected [B, H, T, Dh], positions in order");
                }
            }
            return Verdict.pass("");
        }
        return null;
    }
}
