package io.github.kvkit.tracks.kv.judge;

import io.github.kvkit.harness.Tensor;
import io.github.kvkit.tracks.kv.harness.KvCall;
import io.github.kvkit.tracks.kv.harness.KvResult;
import io.github.kvkit.validator.judge.Check;
import io.github.kvkit.validator.judge.Comparison;
import io.github.kvkit.validator.judge.Format;
import io.github.kvkit.validator.judge.Verdict;

/**
 * {@code reference}: output, cache and weights of every step match the reference within the case's tolerance.
 * It weighs as much as all the case's other checks together and earns the fraction of checked steps that match,
 * so marks follow what was computed right; it needs no other evidence.
 */
public final class ReferenceCheck implements Check<KvRun> {

    @Override
    public String id() {
        return "reference";
    }

    @Override
    public double weight(int others) {
        return Math.max(1, others);
    }

    @Override
    public boolean needsEvidence(KvRun run) {
        return false;
    }

    @Override
    public Verdict judge(KvRun r) {
        boolean applies = false;
        String failure = null;
        double worst = 0;
        // fully compared step instances, those that matched, and a mismatch since the last one
        int steps = 0;
        int matches = 0;
        boolean mismatchSinceFull = false;
        for (int i = 0; i < r.calls(); i++) {
            if (!r.isStep(i)) {
                continue;
            }
            applies = true;
            KvResult got = r.result(i);
            boolean matched;
            if (got == null) {
                failure = failure != null ? failure : r.noResult(i);
                matched = false;
            } else {
                KvResult want = r.expected(i);
                String tail = got.cacheTailOnly() ? " (new rows)" : "";
                matched = true;
                for (String[] part : new String[][] {{"output", ""}, {"cache.key", tail}, {"cache.value", tail},
                        {"attentionWeights", ""}}) {
                    Comparison cmp = Comparison.of(part(got, part[0]), part(want, part[0]), r.tol());
                    if (cmp.shapeProblem().isEmpty()) {
                        worst = Math.max(worst, cmp.maxAbs());
                    }
                    if (!cmp.passed()) {
                        matched = false;
                        failure = failure != null ? failure : r.step(i) + ": " + cmp.describe(part[0] + part[1], r.tol());
                    }
                }
            }
            // only fully compared instances count; a mismatch in one compared in part (a repeated step's new cache
            // rows) counts against the next full one, which the last instance of a repeated step always is
            KvCall.Forward call = r.forward(i);
            if (!call.fullCapture()) {
                mismatchSinceFull |= !matched;
                continue;
            }
            steps++;
            if (matched && !mismatchSinceFull) {
                matches++;
            }
            mismatchSinceFull = false;
        }
        if (!applies) {
            return null;
        }
        if (failure == null) {
            return Verdict.pass("max abs error " + Format.number(worst));
        }
        int counted = Math.max(1, steps);
        int earned = Math.min(matches, counted - 1);
        return new Verdict((double) earned / counted, earned + " of " + counted
                + " checked steps match the reference; " + failure);
    }

    private static Tensor part(KvResult r, String name) {
        return switch (name) {
            case "output" -> r.output();
            case "cache.key" -> r.cacheKey();
            case "cache.value" -> r.cacheValue();
            default -> r.attentionWeights();
        };
    }
}
