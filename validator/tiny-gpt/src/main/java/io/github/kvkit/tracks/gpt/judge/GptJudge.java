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
 * zeros, untouched inputs, refusals), so it earns marks only in a case where the model showed it computes a GPT
 * ({@link #noEvidence}).
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

    /**
     * Null when the model showed that it computes; otherwise why not. Its logits show it when some position's equal
     * the reference's, or when they follow the reference's (correlation at least {@link #MIN_CORRELATION}: a
     * model with a wrong mask or a typo still does, zeros and noise do not); its loss shows it when it equals the
     * reference's; training shows it when the overfitting run at least halved the loss it started from (a
     * cross-entropy, never negative).
     */
    private static String noEvidence(GptRun r) {
        for (int i : r.callsFor(Role.LOGITS)) {
            Tensor got = r.array(i, "logits");
            Tensor want = r.expected(i, "logits");
            if (got != null && java.util.Arrays.equals(got.shape(), want.shape())
                    && (someRowMatches(got, want, r) || correlation(got.values(), want.values()) >= MIN_CORRELATION)) {
                return null;
            }
        }
        if (passes(new LossMatchCheck(), r)) {
            return null;
        }
        for (int i : r.callsFor(Role.OVERFIT)) {
            Tensor losses = r.array(i, "losses");
            Tensor last = r.array(i, "final");
            if (losses != null && last != null && losses.values().length > 0 && last.values()[0] >= 0
                    && last.values()[0] < 0.5 * losses.values()[0]) {
                return null;
            }
        }
        return "the logits neither equal nor follow the reference's, the loss does not equal it, and training did not "
                + "halve the loss";
    }

    static final double MIN_CORRELATION = 0.5;

    /** Pearson's correlation of two equally long arrays; 0 when either is constant or not finite. */
    static double correlation(double[] a, double[] b) {
        double ma = java.util.Arrays.stream(a).average().orElse(0);
        double mb = java.util.Arrays.stream(b).average().orElse(0);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        double c = sab / Math.sqrt(saa * sbb);
        return Double.isFinite(c) ? c : 0;
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
