package io.github.kvkit.tinygpt;

import io.github.kvkit.gpt.GptCache;
import io.github.kvkit.gpt.GptConfig;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The reference model's own properties: gradients, training, the cache and greedy decoding. */
class TinyGptTest {

    private static final GptConfig SMALL = new GptConfig(11, 8, 8, 2, 2, 1e-2, 0.1, 7);
    private static final GptConfig TRAINING = new GptConfig(16, 16, 32, 4, 2, 1e-2, 0.01, 3);
    private static final int[][] BATCH = {{1, 4, 2, 9, 0, 3}, {5, 5, 7, 10, 2, 1}};

    /** ND4J on one thread: on a shared machine OpenMP threads waiting for busy cores slow these tests many times. */
    @org.junit.jupiter.api.BeforeAll
    static void oneThread() {
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxMasterThreads(1);
    }

    @Test
    void gradientsMatchFiniteDifferencesInDoublePrecision() {
        TinyGpt model = new TinyGpt(SMALL, DataType.DOUBLE);
        spread(model, 0.3, 11);
        Map<String, INDArray> grads = model.gradients(BATCH).byName();
        double h = 1e-6;

        double worst = 0;
        for (Map.Entry<String, INDArray> e : model.parameters().entrySet()) {
            INDArray p = e.getValue();
            for (long i = 0; i < p.length(); i += Math.max(1, p.length() / 3)) {
                double saved = p.getDouble(i);
                p.putScalar(i, saved + h);
                double up = model.loss(BATCH);
                p.putScalar(i, saved - h);
                double down = model.loss(BATCH);
                p.putScalar(i, saved);
                double numeric = (up - down) / (2 * h);
                double analytic = grads.get(e.getKey()).getDouble(i);
                worst = Math.max(worst, Math.abs(numeric - analytic) / Math.max(1e-3, Math.abs(numeric) + Math.abs(analytic)));
            }
        }

        assertThat(worst).isLessThan(1e-6);
    }

    @Test
    void overfitsOneTinyBatch() {
        TinyGpt model = new TinyGpt(TRAINING);
        int[][] batch = {{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, {12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1}};
        double first = model.trainStep(batch);

        for (int i = 0; i < 39; i++) {
            model.trainStep(batch);
        }

        assertThat(first).isCloseTo(Math.log(16), within(0.1));
        assertThat(model.loss(batch)).isLessThan(0.3);
    }

    @Test
    void cachedLogitsEqualUncachedOnesThroughPrefillStepsAndChunks() {
        TinyGpt model = new TinyGpt(SMALL);
        spread(model, 0.3, 5);
        int[][] all = {{3, 1, 4, 1, 5, 9, 2, 6}, {2, 7, 1, 8, 2, 8, 1, 8}};
        INDArray uncached = model.logits(all);
        GptCache cache = new GptCache(SMALL.numLayers());

        INDArray prefill = model.logits(slice(all, 0, 3), cache);
        INDArray step = model.logits(slice(all, 3, 4), cache);
        INDArray chunk = model.logits(slice(all, 4, 8), cache);

        assertThat(cache.length()).isEqualTo(8);
        assertThat(maxDiff(Nd4j.concat(1, prefill, step, chunk), uncached)).isLessThan(1e-5);
    }

    @Test
    void greedyGenerationIsTheSameWithAndWithoutTheCache() {
        TinyGpt model = new TinyGpt(TRAINING);
        spread(model, 0.5, 9);

        int[] cached = model.generate(new int[] {4, 2}, 14, true);
        int[] uncached = model.generate(new int[] {4, 2}, 14, false);

        assertThat(cached).hasSize(16).startsWith(4, 2).isEqualTo(uncached);
    }

    @Test
    void refusesTokensOutsideTheVocabularyAndSequencesLongerThanTheBlock() {
        TinyGpt model = new TinyGpt(SMALL);

        assertThatThrownBy(() -> model.logits(new int[][] {{1, 11}})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vocabulary");
        assertThatThrownBy(() -> model.logits(new int[][] {new int[9]})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blockSize");
        assertThatThrownBy(() -> model.generate(new int[0], 2, true)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Parameters drawn wider than the initialisation, so that logits differ clearly between tokens. */
    static void spread(TinyGpt model, double std, long seed) {
        java.util.Random rng = new java.util.Random(seed);
        for (INDArray p : model.parameters().values()) {
            for (long i = 0; i < p.length(); i++) {
                p.putScalar(i, p.getDouble(i) + std * rng.nextGaussian());
            }
        }
    }

    private static int[][] slice(int[][] tokens, int from, int to) {
        int[][] out = new int[tokens.length][];
        for (int i = 0; i < tokens.length; i++) {
            out[i] = java.util.Arrays.copyOfRange(tokens[i], from, to);
        }
        return out;
    }

    private static double maxDiff(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }
}
