package io.github.kvkit.tracks.llama.judge;

import io.github.kvkit.tracks.llama.harness.LlamaCallExecutor;
import io.github.kvkit.tracks.llama.harness.LlamaResult;
import io.github.kvkit.validator.judge.ArgumentsUnchanged;
import io.github.kvkit.validator.judge.Check;
import io.github.kvkit.validator.judge.Verdict;

/**
 * {@code inputs_unchanged}: the engine's rule ({@link ArgumentsUnchanged}: x is bit-for-bit the same after every
 * call), and what only this track knows: the weights given to {@code loadWeights} are unchanged after the last
 * forward call, and an output stays as it was returned after the next call (the caller may keep it, so it must not
 * be a buffer the next call overwrites). The cache is {@code cache_writes}'s.
 */
public final class InputsUnchangedCheck implements Check<LlamaRun> {

    private final ArgumentsUnchanged arguments = new ArgumentsUnchanged();

    @Override
    public String id() {
        return "inputs_unchanged";
    }

    @Override
    public Verdict judge(LlamaRun r) {
        Verdict verdict = arguments.judge(r);
        if (verdict == null || !verdict.passed()) {
            return verdict;
        }
        long weights = LlamaCallExecutor.digest(r.plan().weights());
        for (int i = 0; i < r.calls(); i++) {
            LlamaResult got = r.result(i);
            if (got == null) {
                continue;
            }
            if (got.weightsDigest() != 0 && got.weightsDigest() != weights) {
                return Verdict.fail(r.plan().describe(i) + ": the weights given to loadWeights were modified; expected "
                        + "them as they were (the caller may share them)");
            }
            long[] later = got.laterDigest();
            if (later.length == 2) {
                LlamaResult earlier = r.result((int) later[0]);
                if (earlier != null && earlier.outputDigest() != later[1]) {
                    return Verdict.fail("the output of " + r.plan().describe((int) later[0]) + " changed when "
                            + r.plan().describe(i) + " ran; expected every returned array to stay as it was (the caller "
                            + "may keep it, so it must be a new array, not a buffer that later calls overwrite)");
                }
            }
        }
        return verdict;
    }
}
