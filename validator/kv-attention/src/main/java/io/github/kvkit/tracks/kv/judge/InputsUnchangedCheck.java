package io.github.kvkit.tracks.kv.judge;

import io.github.kvkit.harness.ArgumentGuard;
import io.github.kvkit.harness.CallOutcome;
import io.github.kvkit.tracks.kv.harness.KvCall;
import io.github.kvkit.tracks.kv.harness.KvCallExecutor;
import io.github.kvkit.tracks.kv.harness.KvResult;
import io.github.kvkit.validator.judge.Check;
import io.github.kvkit.validator.judge.Verdict;

/**
 * {@code inputs_unchanged}: the caller's arrays, the caches it was returned and the loaded weights are
 * bit-for-bit the same after every call, and so is every array a call returned, after later calls (the caller
 * may keep it, so it must not be a view into a buffer later calls overwrite).
 */
public final class InputsUnchangedCheck implements Check<KvRun> {

    @Override
    public String id() {
        return "inputs_unchanged";
    }

    @Override
    public Verdict judge(KvRun r) {
        boolean applies = false;
        long weightsDigest = KvCallExecutor.digest(r.plan().weights());
        for (int i = 0; i < r.calls(); i++) {
            String failure = null;
            if (r.isStep(i)) {
                applies = true;
                failure = r.result(i) == null ? r.noResult(i) : inputs(r, i, weightsDigest);
            }
            if (failure == null && r.result(i) != null) {
                failure = laterResults(r, i);
            }
            if (failure != null) {
                return Verdict.fail(failure);
            }
        }
        return applies ? Verdict.pass("") : null;
    }

    private static String inputs(KvRun r, int call, long weightsDigest) {
        KvResult got = r.result(call);
        long[] changed = ((CallOutcome.Returned) r.outcome(call)).numbers(ArgumentGuard.CHANGED);
        if (changed != null && changed.length > 0) {
            return r.step(call) + ": " + r.plan().argumentName(call, (int) changed[0]) + " passed in was modified by forward";
        }
        KvCall.Forward f = r.forward(call);
        KvResult before = f.cacheFromCall() >= 0 ? r.result(f.cacheFromCall()) : null;
        if (before != null && got.cacheInDigests()[0] != 0
                && before.cacheDigest() != got.cacheInDigests()[0] * 31 + got.cacheInDigests()[1]) {
            return r.step(call) + ": the cache passed in (returned by step " + r.role(f.cacheFromCall()).stepName()
                    + ") changed after it was returned; expected returned caches to stay as they were (the caller may "
                    + "reuse them)";
        }
        if (got.weightsDigest() != 0 && got.weightsDigest() != weightsDigest) {
            return r.step(call) + ": the weights given to loadWeights were modified";
        }
        return null;
    }

    /** Results returned by earlier calls must be as they were: the caller may keep them. */
    private static String laterResults(KvRun r, int call) {
        long[] later = r.result(call).laterDigests();
        String[] parts = {"output", "attentionWeights"};
        for (int k = 0; k + 2 < later.length; k += 3) {
            int earlier = (int) later[k];
            KvResult e = earlier >= 0 && earlier < call ? r.result(earlier) : null;
            if (e == null) {
                continue;
            }
            for (int p = 0; p < 2; p++) {
                if (later[k + 1 + p] != e.resultDigests()[p]) {
                    return "step " + r.plan().label(earlier) + ": the " + parts[p] + " it returned changed when step "
                            + r.plan().label(call) + " ran; expected every returned array to stay as it was (the caller "
                            + "may keep it, so it must not be a view into a buffer that later calls overwrite)";
                }
            }
        }
        return null;
    }
}
