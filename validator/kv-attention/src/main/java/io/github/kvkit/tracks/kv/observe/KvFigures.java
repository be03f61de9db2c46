package io.github.kvkit.tracks.kv.observe;

import io.github.kvkit.harness.Tensor;
import io.github.kvkit.tracks.kv.harness.KvResult;
import io.github.kvkit.tracks.kv.judge.KvRun;
import io.github.kvkit.validator.judge.Comparison;
import io.github.kvkit.validator.observe.ErrorProfile;
import io.github.kvkit.validator.observe.Figure;
import io.github.kvkit.validator.observe.Heatmap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The pictures of a kv-attention run for the HTML page of {@code kvkit diagnose}: for each forward step whose
 * output or attention weights deviate from the reference (or that returned nothing usable), each head's weights
 * beside the reference's, and the output's error per query position. Where a bug lives shows in the weights (a
 * mask that leaks, a softmax over the wrong axis); how far it spreads shows in the error profile.
 *
 * <p>Figures are asked for failing cases only, and a case can fail without a deviating step (a cache it should
 * not have changed, say): it gets its first step, so that the page still shows what the candidate computed.
 */
final class KvFigures {

    private KvFigures() {
    }

    /** One figure per deviating forward step, in call order; the first step alone when none deviates. */
    static List<Figure> of(KvRun run) {
        return Figure.ofSteps(run.calls(), run::isStep, i -> deviates(run, i), i -> figure(run, i));
    }

    /** Whether step call {@code call} returned nothing usable, or output or weights beyond the case's tolerance. */
    static boolean deviates(KvRun run, int call) {
        KvResult got = run.result(call);
        if (got == null) {
            return true;
        }
        KvResult want = run.expected(call);
        return !Comparison.of(got.output(), want.output(), run.tol()).passed()
                || !Comparison.of(got.attentionWeights(), want.attentionWeights(), run.tol()).passed();
    }

    private static Figure figure(KvRun run, int call) {
        KvResult got = run.result(call);
        KvResult want = run.expected(call);
        return new Figure(run.step(call), heads(got == null ? null : got.attentionWeights(), want.attentionWeights()),
                List.of(ErrorProfile.along("output error per query position", "query position",
                        got == null ? null : got.output(), want.output(), run.tol(), 1)));
    }

    /**
     * A heatmap per head of batch row 0: {@code [Tq, Lk]} slices of the weights {@code [B, H, Tq, Lk]}. The
     * candidate's side is null when it returned no weights of the reference's shape.
     */
    static List<Heatmap> heads(Tensor got, Tensor want) {
        long[] shape = want.shape();
        if (shape.length != 4 || shape[0] == 0) {
            return List.of();
        }
        Tensor cand = got != null && Arrays.equals(got.shape(), shape) ? got : null;
        int tq = (int) shape[2];
        int lk = (int) shape[3];
        int size = tq * lk;
        List<Heatmap> maps = new ArrayList<>();
        for (int h = 0; h < shape[1]; h++) {
            int from = h * size;     // batch row 0, head h
            maps.add(new Heatmap("head " + h, "query", "key position", tq, lk,
                    cand == null ? null : Arrays.copyOfRange(cand.values(), from, from + size),
                    Arrays.copyOfRange(want.values(), from, from + size)));
        }
        return maps;
    }
}
