package io.github.kvkit.validator.judge;

import io.github.kvkit.harness.CallOutcome;

/**
 * {@code rejects_bad_input}, for every track: each call planned with {@code mustReject} throws an
 * {@link IllegalArgumentException} with a message. Applies to a case that has such calls. In a case that also
 * has calls doing real work, it earns marks only next to evidence: refusing bad input next to code that
 * computes nothing would otherwise pay.
 */
public final class RejectsBadInput implements Check<CaseRun> {

    @Override
    public String id() {
        return "rejects_bad_input";
    }

    @Override
    public Verdict judge(CaseRun r) {
        boolean applies = false;
        for (int i = 0; i < r.plan().calls().size(); i++) {
            if (!r.plan().calls().get(i).mustReject()) {
                continue;
            }
            applies = true;
            String step = r.plan().describe(i);
            CallOutcome outcome = r.outcome(i);
            if (outcome instanceof CallOutcome.Threw t && t.illegalArgument()) {
                if (t.message().isBlank()) {
                    return Verdict.fail(step + ": threw IllegalArgumentException without a message; "
                            + "expected one naming the argument, its value and what was expected");
                }
                continue;
            }
            if (outcome instanceof CallOutcome.NotRun n) {
                return Verdict.fail(step + ": not run: " + n.why());
            }
            return Verdict.fail(step + ": expected IllegalArgumentException, but it "
                    + (outcome instanceof CallOutcome.Threw t ? "threw " + Judge.threwText(t) : "returned normally"));
        }
        return applies ? Verdict.pass("") : null;
    }

    @Override
    public boolean needsEvidence(CaseRun r) {
        for (int i = 0; i < r.plan().calls().size(); i++) {
            if (r.plan().computes(i) && !r.plan().calls().get(i).mustReject()) {
                return true;
            }
        }
        return false;
    }
}
