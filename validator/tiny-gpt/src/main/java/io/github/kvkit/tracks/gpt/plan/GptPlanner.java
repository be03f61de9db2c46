package io.github.kvkit.tracks.gpt.plan;

import io.github.kvkit.gpt.GptConfig;
import io.github.kvkit.harness.Call;
import io.github.kvkit.tracks.gpt.cases.GptCaseBody;
import io.github.kvkit.tracks.gpt.harness.GptCall;
import io.github.kvkit.tracks.gpt.harness.GptParameters;
import io.github.kvkit.validator.cases.TestCase;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Turns a tiny-gpt case into calls. Every number comes from {@code java.util.Random} seeded with the case's seed
 * and a label, so a case plans the same on every platform.
 */
public final class GptPlanner {

    private final TestCase tc;
    private final GptCaseBody body;
    private final GptConfig config;
    private final List<Call> calls = new ArrayList<>();
    private final List<Role> roles = new ArrayList<>();
    private final List<String> why = new ArrayList<>();

    private GptPlanner(TestCase tc) {
        this.tc = tc;
        this.body = GptCaseBody.of(tc);
        this.config = new GptConfig(body.vocabSize(), body.blockSize(), body.dModel(), body.numHeads(),
                body.numLayers(), body.learningRate(), body.weightDecay(), tc.seed());
    }

    public static GptPlan plan(TestCase tc) {
        return new GptPlanner(tc).build();
    }

    private GptPlan build() {
        int[][] tokens = tokens("tokens", body.batch(), body.seqLen());
        int futureFrom = Math.max(1, body.seqLen() / 2);
        add(Role.CONSTRUCT, GptCall.construct(next(), config));
        add(Role.LOAD, GptCall.load(next(), parameters()));
        add(Role.LOGITS, GptCall.tokens(next(), GptCall.LOGITS, tokens, false));
        if (body.seqLen() > 1) {
            add(Role.FUTURE_CHANGED, GptCall.tokens(next(), GptCall.LOGITS, futureChanged(tokens, futureFrom), false));
            add(Role.LOSS, GptCall.tokens(next(), GptCall.LOSS, tokens, false));
        }
        if (body.cacheChunks().length > 0) {
            add(Role.CACHED, GptCall.cached(next(), tokens, body.cacheChunks()));
        }
        for (GptCaseBody.Generation g : body.generations()) {
            int[] prompt = tokens("prompt" + calls.size(), 1, g.prompt())[0];
            add(Role.GENERATE_CACHED, GptCall.generate(next(), prompt, g.newTokens(), true, false));
            add(Role.GENERATE_UNCACHED, GptCall.generate(next(), prompt, g.newTokens(), false, false));
        }
        if (body.badInput()) {
            rejects(tokens);
        }
        if (body.trainSteps() > 0) {
            add(Role.TRAIN, GptCall.train(next(), tokens, 1));
            if (body.trainSteps() > 1) {
                add(Role.TRAIN, GptCall.train(next(), tokens, body.trainSteps() - 1));
            }
        }
        if (body.overfit() != null) {
            GptCaseBody.Overfit o = body.overfit();
            add(Role.OVERFIT, GptCall.overfit(next(), config, tokens("overfit", o.batch(), o.seqLen()), o.steps()));
        }
        return new GptPlan(tc, config, calls, roles, tokens, futureFrom, why);
    }

    private void rejects(int[][] tokens) {
        int v = body.vocabSize();
        int[][] outside = copy(tokens);
        outside[0][0] = v;
        reject(GptCall.tokens(next(), GptCall.LOGITS, outside, true), "token id " + v + ", outside the vocabulary");
        int[][] negative = copy(tokens);
        negative[tokens.length - 1][tokens[0].length - 1] = -1;
        reject(GptCall.tokens(next(), GptCall.LOSS, negative, true), "token id -1");
        reject(GptCall.tokens(next(), GptCall.LOGITS, tokens("long", 1, body.blockSize() + 1), true),
                "a sequence of blockSize + 1 tokens");
        reject(GptCall.generate(next(), new int[0], 1, true, true), "an empty prompt");
        reject(GptCall.otherBatch(next(), tokens("first", 2, 2), tokens("second", 3, 1)),
                "a cache filled by a batch of 2 continued with a batch of 3");
    }

    /** The parameters to load: the spec's initial values (1 for LayerNorm gains, else 0) plus N(0, weightStd²). */
    private List<INDArray> parameters() {
        Random rng = new Random(tc.seed() * 31 + 1);
        List<INDArray> out = new ArrayList<>();
        for (Map.Entry<String, long[]> e : GptParameters.shapes(config).entrySet()) {
            long[] shape = e.getValue();
            double base = e.getKey().matches(".*ln_\\w+\\.weight") ? 1 : 0;
            double[] values = new double[(int) java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
            for (int i = 0; i < values.length; i++) {
                values[i] = base + body.weightStd() * rng.nextGaussian();
            }
            out.add(Nd4j.create(values, shape, DataType.DOUBLE).castTo(tc.dtype().nd4j()));
        }
        return out;
    }

    /** The same tokens, each one from {@code from} on replaced by another id. */
    private int[][] futureChanged(int[][] tokens, int from) {
        Random rng = new Random(tc.seed() * 31 + 2);
        int[][] out = copy(tokens);
        for (int[] row : out) {
            for (int j = from; j < row.length; j++) {
                row[j] = (row[j] + 1 + rng.nextInt(body.vocabSize() - 1)) % body.vocabSize();
            }
        }
        return out;
    }

    private int[][] tokens(String label, int b, int t) {
        Random rng = new Random(tc.seed() * 31 + label.hashCode());
        int[][] out = new int[b][t];
        for (int[] row : out) {
            for (int j = 0; j < t; j++) {
                row[j] = rng.nextInt(body.vocabSize());
            }
        }
        return out;
    }

    private static int[][] copy(int[][] tokens) {
        int[][] out = new int[tokens.length][];
        for (int i = 0; i < tokens.length; i++) {
            out[i] = tokens[i].clone();
        }
        return out;
    }

    private int next() {
        return calls.size();
    }

    private void add(Role role, Call call) {
        calls.add(call);
        roles.add(role);
        why.add("");
    }

    private void reject(Call call, String what) {
        calls.add(call);
        roles.add(Role.REJECT);
        why.add(what);
    }
}
