package io.github.kvkit.tracks.gpt.judge;

import io.github.kvkit.tracks.gpt.plan.Role;
import io.github.kvkit.validator.judge.Check;
import io.github.kvkit.validator.judge.Verdict;

/**
 * {@code logits_match}: uncached logits equal the reference's on the same parameters and tokens, within the
 * case's tolerance. Earns the fraction of logits calls that match; needs no other evidence.
 */
public final class LogitsMatchCheck implements Check<GptRun> {

    @Override
    public String id() {
        return "logits_match";
    }

    @Override
    public boolean needsEvidence(GptRun run) {
        return false;
    }

    @Override
    public Verdict judge(GptRun r) {
        int total = 0;
        int matched = 0;
        String first = null;
        for (Role role : new Role[] {Role.LOGITS, Role.FUTURE_CHANGED}) {
            for (int i : r.callsFor(role)) {
                total++;
                String why = r.array(i, "logits") == null ? r.missing(i, "logits")
                        : Tensors.mismatch(r.plan().label(i) + ": logits", r.array(i, "logits"), r.expected(i, "logits"), r.tol());
                if (why == null) {
                    matched++;
                } else if (first == null) {
                    first = why;
                }
            }
        }
        if (total == 0) {
            return null;
        }
        return first == null ? Verdict.pass("") : new Verdict((double) matched / total, first);
    }
}
