package io.github.kvkit.tracks.kv.judge;

import io.github.kvkit.tracks.kv.harness.KvResult;
import io.github.kvkit.tracks.kv.plan.KvPlan;
import io.github.kvkit.validator.judge.Check;
import io.github.kvkit.validator.judge.Judge;
import io.github.kvkit.validator.judge.RejectsBadInput;
import io.github.kvkit.validator.result.CaseResult;
import io.github.kvkit.validator.run.RunRecord;

import java.util.List;

/**
 * Judges a kv-attention run: each check over every call it applies to, reported once with its first failure.
 * Marks follow evidence: {@code reference} earns the fraction of checked steps that match the reference, and the
 * other checks earn theirs only in a case where some forward step showed that attention was computed
 * ({@link KvEvidence}), since each of them holds for code that computes nothing.
 */
public final class KvJudge {

    /** The checks, in the order reports list them. */
    public static final List<Check<? super KvRun>> CHECKS = List.of(new ShapeCheck(), new FiniteCheck(), new SoftmaxSumCheck(),
            new CausalMaskCheck(), new CacheEquivalenceCheck(), new ReferenceCheck(), new InputsUnchangedCheck(),
            new RejectsBadInput());

    private KvJudge() {
    }

    public static CaseResult judge(KvPlan plan, RunRecord run, List<KvResult> expected) {
        KvRun r = new KvRun(plan, run, expected);
        return Judge.judge(r, CHECKS, noEvidence(r));
    }

    /** Null when some forward step showed that attention was computed; otherwise why none did. */
    private static String noEvidence(KvRun r) {
        String first = null;
        for (int i = 0; i < r.calls(); i++) {
            if (!r.isStep(i) || r.result(i) == null) {
                continue;
            }
            KvResult got = r.result(i);
            KvResult want = r.expected(i);
            String missing = KvEvidence.missing(got.output(), got.attentionWeights(), want.output(),
                    want.attentionWeights(), r.forward(i).causal(), r.tol());
            if (missing == null) {
                return null;
            }
            if (first == null) {
                first = r.role(i).stepName() + ": " + missing;
            }
        }
        return first == null ? "no forward step of this case returned a result"
                : "no forward step of this case showed that attention was computed (step " + first + ")";
    }
}
