package io.github.kvkit.tracks.gpt;

import io.github.kvkit.harness.Arg;
import io.github.kvkit.harness.Call;
import io.github.kvkit.tinygpt.TinyGpt;
import io.github.kvkit.tracks.gpt.harness.GptCall;
import io.github.kvkit.tracks.gpt.harness.GptParameters;
import io.github.kvkit.tracks.gpt.plan.GptPlan;
import io.github.kvkit.validator.cases.CaseLoader;
import io.github.kvkit.validator.cases.TestCase;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Properties of the shipped cases that the tolerances rely on. */
class ShippedCasesTest {

    /** ND4J on one thread: on a shared machine OpenMP threads waiting for busy cores slow these tests many times. */
    @org.junit.jupiter.api.BeforeAll
    static void oneThread() {
        org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxThreads(1);
        org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxMasterThreads(1);
    }

    private static List<TestCase> cases() throws Exception {
        GptTrack track = new GptTrack();
        return new CaseLoader(List.of(track), track).loadAll(
                List.of(Path.of("test-cases/tiny-gpt/visible"), Path.of("test-cases/tiny-gpt/hidden")));
    }

    @Test
    void everyGreedyStepOfTheReferenceHasItsTopTwoLogitsFarApartComparedWithFloat32Rounding() throws Exception {
        double smallest = Double.POSITIVE_INFINITY;
        for (TestCase tc : cases()) {
            GptPlan plan = new GptTrack().plan(tc);
            TinyGpt model = loaded(plan);
            for (Call call : plan.calls()) {
                if (call.method().equals(GptCall.GENERATE) && !call.mustReject() && call.boolArg(2)) {
                    smallest = Math.min(smallest, smallestGap(model, ((Arg.Ints) call.arg(0)).values(), call.intArg(1)));
                }
            }
        }

        assertThat(smallest).isGreaterThan(1e-3);
    }

    @Test
    void everyCaseKeepsWithinTheIssuesSizesAndGivesInitEnoughValues() throws Exception {
        for (TestCase tc : cases()) {
            var config = new GptTrack().plan(tc).config();

            assertThat(config.vocabSize()).isLessThanOrEqualTo(32);
            assertThat(config.blockSize()).isLessThanOrEqualTo(32);
            assertThat(config.dModel()).isLessThanOrEqualTo(64);
            assertThat(config.numLayers()).isLessThanOrEqualTo(2);
            assertThat(config.blockSize() * config.dModel()).as(tc.name()).isGreaterThanOrEqualTo(256);
        }
    }

    private static TinyGpt loaded(GptPlan plan) {
        TinyGpt model = new TinyGpt(plan.config());
        Call load = plan.calls().get(1);
        int i = 0;
        for (String name : GptParameters.shapes(plan.config()).keySet()) {
            model.parameters().get(name).assign(load.arrayArg(i++));
        }
        return model;
    }

    /** The smallest gap between the largest and the second largest logit along the greedy path. */
    private static double smallestGap(TinyGpt model, int[] prompt, int newTokens) {
        int[] seq = model.generate(prompt, newTokens, false);
        double smallest = Double.POSITIVE_INFINITY;
        for (int n = prompt.length; n < seq.length; n++) {
            INDArray last = model.logits(new int[][] {Arrays.copyOf(seq, n)})
                    .get(NDArrayIndex.point(0), NDArrayIndex.point(n - 1), NDArrayIndex.all());
            double[] v = last.castTo(DataType.DOUBLE).toDoubleVector();
            Arrays.sort(v);
            smallest = Math.min(smallest, v[v.length - 1] - v[v.length - 2]);
        }
        return smallest;
    }
}
