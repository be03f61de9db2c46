package io.github.kvkit.validator.judge;

import io.github.kvkit.harness.Arg;
import io.github.kvkit.harness.ArgumentGuard;
import io.github.kvkit.harness.CallOutcome;

/**
 * {@code inputs_unchanged}, for every track: each array a call was given and may not write into by contract
 * ({@link Arg.Array#writable()}) is bit-for-bit the same after the call, as {@link ArgumentGuard} found in the
 * candidate's JVM. Applies to a case with a call that returned a result and had such an argument.
 */
public final class ArgumentsUnchanged implements Check<CaseRun> {

    @Override
    public String id() {
        return "inputs_unchanged";
    }

    @Override
    public Verdict judge(CaseRun r) {
        boolean applies = false;
        for (int i = 0; i < r.plan().calls().size(); i++) {
            if (!(r.outcome(i) instanceof CallOutcome.Returned returned)
                    || r.plan().calls().get(i).args().stream().noneMatch(a -> a instanceof Arg.Array array && !array.writable())) {
                continue;
            }
            applies = true;
            long[] changed = returned.numbers(ArgumentGuard.CHANGED);
            if (changed != null && changed.length > 0) {
                return Verdict.fail(r.plan().describe(i) + ": " + r.plan().argumentName(i, (int) changed[0])
                        + " passed in was modified; expected every array the call may not write into to stay as it was "
                        + "(the caller may reuse it)");
            }
        }
        return applies ? Verdict.pass("") : null;
    }
}
