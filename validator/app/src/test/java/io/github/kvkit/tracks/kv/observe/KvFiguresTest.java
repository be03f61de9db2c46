package io.github.kvkit.tracks.kv.observe;

import io.github.kvkit.harness.CallOutcome;
import io.github.kvkit.harness.Tensor;
import io.github.kvkit.tracks.kv.KvAttentionTrack;
import io.github.kvkit.tracks.kv.harness.KvResult;
import io.github.kvkit.tracks.kv.judge.KvRun;
import io.github.kvkit.tracks.kv.plan.CallRole;
import io.github.kvkit.tracks.kv.plan.KvPlan;
import io.github.kvkit.tracks.kv.plan.KvPlanner;
import io.github.kvkit.validator.ShippedCases;
import io.github.kvkit.validator.cases.TestCase;
import io.github.kvkit.validator.observe.ErrorProfile;
import io.github.kvkit.validator.observe.Figure;
import io.github.kvkit.validator.observe.Heatmap;
import io.github.kvkit.validator.run.RunRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The figures of kv-attention runs made up here from the reference's results, without a candidate. */
class KvFiguresTest {

    /** Two heads, batch 2: a 3-token prefill, then two 1-token decode steps through the cache. */
    private static final String CASE = """
            {"schemaVersion": 1, "name": "figures", "category": "core", "points": 1, "visibility": "hidden",
             "dtype": "float64", "seed": 5, "config": {"dModel": 8, "numHeads": 2, "maxCacheLen": 8},
             "steps": [{"op": "forward", "name": "prefill", "batch": 2, "queryLen": 3, "cache": "none"},
                       {"op": "forward", "name": "decode", "batch": 2, "queryLen": 1, "repeat": 2}]}
            """;

    @TempDir
    Path dir;

    private KvPlan plan;
    private List<KvResult> expected;

    @BeforeEach
    void planTheCase() throws Exception {
        TestCase tc = ShippedCases.loader().load(Files.writeString(dir.resolve("case.json"), CASE));
        plan = KvPlanner.plan(tc);
        expected = new KvAttentionTrack().expected(plan);
    }

    @Test
    void aRunThatMatchesGetsItsFirstStepOnly() {
        List<Figure> figures = KvFigures.of(run(r -> r));

        assertThat(figures).extracting(Figure::title).containsExactly("step prefill");
        Heatmap head = figures.get(0).heatmaps().get(1);
        assertThat(head.candidate()).containsExactly(head.reference());
    }

    @Test
    void drawsEachDeviatingStepWithAHeatmapPerHeadOfBatchRowZero() {
        List<Figure> figures = KvFigures.of(run(r -> isDecode1(r) ? withWeights(r, 0.25) : r));

        assertThat(figures).extracting(Figure::title).containsExactly("step decode#1");
        List<Heatmap> heads = figures.get(0).heatmaps();
        assertThat(heads).extracting(Heatmap::title).containsExactly("head 0", "head 1");
        Heatmap head1 = heads.get(1);
        assertThat(head1.rowAxis()).isEqualTo("query");
        assertThat(head1.colAxis()).isEqualTo("key position");
        assertThat(head1.rows()).isEqualTo(1);
        assertThat(head1.cols()).isEqualTo(4);
        double[] weights = decode1().attentionWeights().values();      // [B=2, H=2, Tq=1, Lk=4]
        assertThat(head1.reference()).containsExactly(Arrays.copyOfRange(weights, 4, 8));
        assertThat(head1.candidate()[0]).isCloseTo(weights[4] + 0.25, within(1e-12));
    }

    @Test
    void theErrorProfileIsTheWorstOutputErrorPerQueryPositionWithItsLimit() {
        KvResult prefill = expected.get(0);
        double[] out = prefill.output().values().clone();      // [B=2, Tq=3, dModel=8]
        out[(1 * 3 + 2) * 8 + 5] += 0.5;                        // batch 1, query 2
        KvRun run = run(r -> r.attentionWeights().shape()[2] == 3 ? withOutput(r, out) : r);

        ErrorProfile profile = KvFigures.of(run).get(0).errors().get(0);

        assertThat(profile.title()).isEqualTo("output error per query position");
        assertThat(profile.axis()).isEqualTo("query position");
        assertThat(profile.error()).containsExactly(new double[] {0, 0, 0.5}, within(1e-12));
        double largest = 0;
        for (int b = 0; b < 2; b++) {
            for (int j = 0; j < 8; j++) {
                largest = Math.max(largest, Math.abs(prefill.output().get(b, 2, j)));
            }
        }
        assertThat(profile.limit()[2]).isEqualTo(run.tol().atol() + run.tol().rtol() * largest);
    }

    @Test
    void aStepThatThrewIsDrawnWithoutACandidate() {
        KvRun run = runWithOutcomes(i -> isStepCall(i, 1) ? new CallOutcome.Threw("java.lang.IllegalStateException",
                "boom", "", false) : null);

        List<Figure> figures = KvFigures.of(run);

        assertThat(figures).extracting(Figure::title).containsExactly("step decode#1");
        assertThat(figures.get(0).heatmaps()).allSatisfy(h -> assertThat(h.candidate()).isNull());
        assertThat(figures.get(0).errors().get(0).error()).containsOnly(Double.NaN);
    }

    @Test
    void weightsOfAnotherShapeAreDrawnAsMissingAndNonFiniteOutputAsNaN() {
        KvRun run = run(r -> {
            if (!isDecode1(r)) {
                return r;
            }
            double[] out = r.output().values().clone();
            out[3] = Double.NaN;                                   // batch 0, query 0
            Tensor wrong = new Tensor(new long[] {2, 2, 4, 1}, "DOUBLE", r.attentionWeights().values());
            return copy(r, new Tensor(r.output().shape(), r.output().dtype(), out), wrong);
        });

        Figure f = KvFigures.of(run).get(0);

        assertThat(f.heatmaps()).allSatisfy(h -> assertThat(h.candidate()).isNull());
        assertThat(f.errors().get(0).error()[0]).isNaN();
    }

    @Test
    void theSameRunGivesTheSameFigures() {
        UnaryOperator<KvResult> bug = r -> withWeights(r, 0.1);

        List<Figure> a = KvFigures.of(run(bug));
        List<Figure> b = KvFigures.of(run(bug));

        assertThat(a).hasSize(3);
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).title()).isEqualTo(a.get(i).title());
            for (int h = 0; h < a.get(i).heatmaps().size(); h++) {
                assertThat(b.get(i).heatmaps().get(h).candidate())
                        .containsExactly(a.get(i).heatmaps().get(h).candidate());
            }
            assertThat(b.get(i).errors().get(0).error()).containsExactly(a.get(i).errors().get(0).error());
        }
    }

    /** The run in which step call results are the reference's, changed by {@code change}. */
    private KvRun run(UnaryOperator<KvResult> change) {
        return runWithOutcomes(i -> {
            CallRole role = plan.roles().get(i);
            return role.kind() == CallRole.Kind.CONSTRUCT || role.kind() == CallRole.Kind.LOAD_WEIGHTS ? null
                    : change.apply(expected.get(plan.roles().get(role.stepCall()).reference())).toOutcome();
        });
    }

    /** Outcomes from {@code outcome}, or where it gives null, as the reference would have answered. */
    private KvRun runWithOutcomes(IntFunction<CallOutcome> outcome) {
        List<CallOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < plan.calls().size(); i++) {
            CallOutcome o = outcome.apply(i);
            CallRole role = plan.roles().get(i);
            if (o == null) {
                o = role.kind() == CallRole.Kind.CONSTRUCT || role.kind() == CallRole.Kind.LOAD_WEIGHTS
                        ? new CallOutcome.Completed()
                        : expected.get(plan.roles().get(role.stepCall()).reference()).toOutcome();
            }
            outcomes.add(o);
        }
        return new KvRun(plan, new RunRecord(outcomes, null, "", 1), expected);
    }

    /** Whether call {@code i} is the {@code n}th forward step (0-based). */
    private boolean isStepCall(int i, int n) {
        CallRole role = plan.roles().get(i);
        return role.kind() == CallRole.Kind.STEP && role.reference() == n;
    }

    private KvResult decode1() {
        return expected.get(1);
    }

    private boolean isDecode1(KvResult r) {
        return r == decode1();
    }

    private static KvResult withWeights(KvResult r, double shift) {
        double[] w = r.attentionWeights().values().clone();
        for (int i = 0; i < w.length; i++) {
            w[i] += shift;
        }
        return copy(r, r.output(), new Tensor(r.attentionWeights().shape(), r.attentionWeights().dtype(), w));
    }

    private static KvResult withOutput(KvResult r, double[] out) {
        return copy(r, new Tensor(r.output().shape(), r.output().dtype(), out), r.attentionWeights());
    }

    private static KvResult copy(KvResult r, Tensor output, Tensor weights) {
        return new KvResult(output, weights, r.cacheKey(), r.cacheValue(), r.cacheKeyShape(), r.cacheValueShape(),
                r.cacheTailOnly(), r.cacheInDigests(), r.weightsDigest(), r.cacheDigest(), r.resultDigests(),
                r.laterDigests());
    }
}
