package io.github.kvkit.tracks.llama.judge;

import io.github.kvkit.validator.judge.Check;
import io.github.kvkit.validator.judge.Comparison;
import io.github.kvkit.validator.judge.Format;
import io.github.kvkit.validator.judge.Verdict;

/**
 * {@code reference}: every step's output matches the reference's within the case's tolerance. It weighs as much as
 * all the case's other checks together and earns the share of steps that match, so marks follow what was computed
 * right; it needs no other evidence.
 */
public final class ReferenceCheck implements Check<LlamaRun> {

    @Override
    public String id() {
        return "reference";
    }

    @Override
    public double weight(int others) {
        return Math.max(1, others);
    }

    @Override
    public boolean needsEvidence(LlamaRun run) {
        return false;
    }

    @Override
    public Verdict judge(LlamaRun r) {
        double[] worst = {0};
        return r.shareOfSteps(i -> {
            Comparison cmp = Comparison.of(r.result(i).output(), r.expected(i).output(), r.tol());
            if (cmp.shapeProblem().isEmpty()) {
                worst[0] = Math.max(worst[0], cmp.maxAbs());
            }
            return cmp.passed() ? null : r.step(i) + ": " + cmp.describe("output", r.tol());
        }, () -> "max abs error " + Format.number(worst[0]));
    }
}
