package io.github.kvkit.tracks.gpt.judge;

import io.github.kvkit.harness.CallOutcome;
import io.github.kvkit.tracks.gpt.harness.GptExecutor;
import io.github.kvkit.validator.judge.Check;
import io.github.kvkit.validator.judge.Verdict;

/** {@code inputs_unchanged}: no call writes into the token arrays or the prompt it was given. */
public final class InputsUnchangedCheck implements Check<GptRun> {

    @Override
    public String id() {
        return "inputs_unchanged";
    }

    @Override
    public Verdict judge(GptRun r) {
        boolean applies = false;
        for (int i = 0; i < r.plan().calls().size(); i++) {
            CallOutcome.Returned ret = r.returned(i);
            long[] changed = ret == null ? null : ret.numbers(GptExecutor.TOKENS_CHANGED);
            if (changed == null) {
                continue;
            }
            applies = true;
            if (changed[0] != 0) {
                return Verdict.fail(r.plan().label(i) + ": the tokens passed in were modified; expected them left as "
                        + "they were (the caller may reuse them)");
            }
        }
        return applies ? Verdict.pass("") : null;
    }
}
