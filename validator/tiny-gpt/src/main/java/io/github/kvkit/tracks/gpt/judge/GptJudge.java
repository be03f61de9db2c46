package io.github.kvkit.tracks.gpt.judge;

import io.github.kvkit.harness.CallOutcome;
import io.github.kvkit.harness.Tensor;
import io.github.kvkit.tracks.gpt.plan.GptPlan;
import io.github.kvkit.tracks.gpt.plan.Role;
import io.github.kvkit.validator.judge.Check;
import io.github.kvkit.validator.judge.Judge;
import io.github.kvkit.validator.judge.RejectsBadInput;
import io.github.kvkit.validator.judge.Verdict;
import io.github.kvkit.validator.result.CaseResult;
import io.github.kvkit.validator.run.RunRecord;

import java.util.List;

/**
 * Judges a tiny-gpt run. {@code logits_match}, {@code loss_match} and {@code adamw_step} compare with the reference
 * and need nothing else; every other check holds for some code that computes nothing (equal cached and uncached
 * zeros, untouched inputs, refusals), so it earns marks only in a case where the model showed it computes a GPT:
 * some position's logits equal the reference's, or its loss does, or training drove its loss down.
 */
public final class GptJudge {

    /** The checks, in the order reports list them. */
    public static final List<Check<? super GptRun>> CHECKS = List.of(new LogitsMatchCheck(), new LossMatchCheck(),
            new NoFutureLeakCheck(), new InitCheck(), new AdamwStepCheck(), new OverfitsCheck(),
            new CacheEquivalenceCheck(), new GreedyEqualCheck(), new InputsUnchangedCheck(), new RejectsBadInput());

    private GptJudge() {
    }

    public static CaseResult judge(GptPlan plan, RunRecord run, List<CallOutcome> expected) {
        GptRun r = new GptRun(plan, run, expected);
        return Judge.judge(r, CHECKS, noEvidence(r));
    }

    /** Null when the model showed that it computes; otherwise why not. */
    private static String noEvidence(GptRun r) {
        for (int i : r.callsFor(Role.LOGITS)) {
            if (r.array(i, "logits") != null && someRowMatches(r.array(i, "logits"), r.expected(i, "logits"), r)) {
                return null;
            }
        }
        if (passes(new LossMatchCheck(), r) || passes(new OverfitsCheck(), r)) {
            return null;
        }
        return "no position's logits equal the reference's, the loss does not, and training did not drive the loss down";
    }

    private static boolean passes(Check<GptRun> check, GptRun r) {
        Verdict v = check.judge(r);
        return v != null && v.passed();
    }

    /** Whether the logits of some position [b, t, :] equal the reference's, all V of them. */
    private static boolean someRowMatches(Tensor got, Tensor want, GptRun r) {
        if (!java.util.Arrays.equals(got.shape(), want.shape()) || want.shape().length != 3) {
            return false;
        }
        int v = (int) want.shape()[2];
        for (int row = 0; row < want.values().length / v; row++) {
            boolean all = true;
            for (int j = 0; j < v && all; j++) {
                all = r.tol().close(got.values()[row * v + j], want.values()[row * v + j]);
            }
            if (all) {
                return true;
            }
        }
        return false;
    }
}
