package io.github.kvkit.tracks.gpt.judge;

import io.github.kvkit.harness.Tensor;
import io.github.kvkit.tracks.gpt.cases.GptCaseBody;
import io.github.kvkit.tracks.gpt.plan.Role;
import io.github.kvkit.validator.judge.Check;
import io.github.kvkit.validator.judge.Format;
import io.github.kvkit.validator.judge.Verdict;

/**
 * {@code overfits}: a new model, trained from its own seeded initialisation on one tiny batch for the case's
 * number of steps, reaches a loss below the case's bound, having started near ln V as an untrained model does.
 */
public final class OverfitsCheck implements Check<GptRun> {

    @Override
    public String id() {
        return "overfits";
    }

    @Override
    public Verdict judge(GptRun r) {
        for (int i : r.callsFor(Role.OVERFIT)) {
            GptCaseBody.Overfit o = GptCaseBody.of(r.plan().testCase()).overfit();
            Tensor losses = r.array(i, "losses");
            Tensor last = r.array(i, "final");
            if (losses == null || last == null || losses.values().length == 0) {
                return Verdict.fail(r.missing(i, "losses"));
            }
            double start = losses.values()[0];
            double end = last.values()[0];
            double uniform = Math.log(r.plan().config().vocabSize());
            String story = "loss " + Format.number(start) + " before the first step, " + Format.number(end)
                    + " after " + o.steps();
            if (!(Math.abs(start - uniform) < 0.5 * uniform)) {
                return Verdict.fail(story + "; an untrained model's loss is near ln V = " + Format.number(uniform));
            }
            if (!(end < o.below())) {
                return Verdict.fail(story + "; expected below " + Format.number(o.below()));
            }
            return Verdict.pass(story);
        }
        return null;
    }
}
