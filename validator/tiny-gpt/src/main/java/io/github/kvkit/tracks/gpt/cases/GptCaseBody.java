package io.github.kvkit.tracks.gpt.cases;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvkit.harness.CallOutcome;
import io.github.kvkit.harness.Tensor;
import io.github.kvkit.validator.cases.ArraySpec;
import io.github.kvkit.validator.cases.CaseBody;
import io.github.kvkit.validator.cases.CaseFileException;
import io.github.kvkit.validator.cases.CaseReader;
import io.github.kvkit.validator.cases.TestCase;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of a tiny-gpt case ({@code docs/tracks/tiny-gpt.md}, "Test cases"): the model's sizes and what to
 * exercise. The seed is the envelope's.
 *
 * @param weightStd   the spread of the parameters the validator loads (so logits differ clearly between tokens)
 * @param cacheChunks the lengths of the chunks fed through one cache, summing to {@code seqLen}; empty for none
 * @param trainSteps  AdamW steps compared with the reference's (one, then the rest); 0 for none
 * @param overfit     the overfitting test, or null
 * @param badInput    whether the case makes the calls that must be refused
 * @param expected    the reference's outcome of every call, frozen in the case ({@code kvkit materialize}), or null
 */
public record GptCaseBody(int vocabSize, int blockSize, int dModel, int numHeads, int numLayers, double learningRate,
                          double weightDecay, double weightStd, int batch, int seqLen, int[] cacheChunks,
                          List<Generation> generations, int trainSteps, Overfit overfit, boolean badInput,
                          List<CallOutcome> expected)
        implements CaseBody {

    /** One greedy generation, made with and without the cache. */
    public record Generation(int prompt, int newTokens) {
    }

    /** A fresh model trained {@code steps} times on one seeded batch must reach a loss below {@code below}. */
    public record Overfit(int batch, int seqLen, int steps, double below) {
    }

    public static GptCaseBody of(TestCase tc) {
        return (GptCaseBody) tc.body();
    }

    @Override
    public boolean frozen() {
        return expected != null;
    }

    @Override
    public String summary() {
        return (expected == null ? 0 : expected.size()) + " expected call outcomes";
    }

    /** Reads a schema-valid body and checks what the schema cannot say. */
    public static GptCaseBody parse(JsonNode root, CaseReader reader) throws CaseFileException {
        JsonNode c = root.get("config");
        int vocab = c.get("vocabSize").asInt();
        int block = c.get("blockSize").asInt();
        int width = c.get("dModel").asInt();
        int heads = c.get("numHeads").asInt();
        if (width % heads != 0) {
            throw reader.error("$.config", "dModel " + width + " is not divisible by numHeads " + heads);
        }
        int seqLen = root.get("seqLen").asInt();
        if (seqLen > block) {
            throw reader.error("$.seqLen", seqLen + " is beyond blockSize " + block);
        }
        int[] chunks = new int[0];
        if (root.has("cacheChunks")) {
            chunks = new int[root.get("cacheChunks").size()];
            int sum = 0;
            for (int i = 0; i < chunks.length; i++) {
                chunks[i] = root.get("cacheChunks").get(i).asInt();
                sum += chunks[i];
            }
            if (sum != seqLen) {
                throw reader.error("$.cacheChunks", "the chunks sum to " + sum + "; expected seqLen " + seqLen);
            }
        }
        List<Generation> generations = new ArrayList<>();
        for (JsonNode g : root.path("generate")) {
            Generation gen = new Generation(g.get("prompt").asInt(), g.get("newTokens").asInt());
            if (gen.prompt() + gen.newTokens() > block) {
                throw reader.error("$.generate", "prompt + newTokens = " + (gen.prompt() + gen.newTokens())
                        + " is beyond blockSize " + block);
            }
            generations.add(gen);
        }
        Overfit overfit = null;
        if (root.has("overfit")) {
            JsonNode o = root.get("overfit");
            overfit = new Overfit(o.get("batch").asInt(), o.get("seqLen").asInt(), o.get("steps").asInt(),
                    o.get("below").asDouble());
            if (overfit.seqLen() > block) {
                throw reader.error("$.overfit.seqLen", overfit.seqLen() + " is beyond blockSize " + block);
            }
        }
        return new GptCaseBody(vocab, block, width, heads, c.get("numLayers").asInt(),
                c.get("learningRate").asDouble(), c.get("weightDecay").asDouble(), root.path("weightStd").asDouble(0.3),
                root.get("batch").asInt(), seqLen, chunks, List.copyOf(generations), root.path("trainSteps").asInt(0),
                overfit, root.path("badInput").asBoolean(false), root.has("expected") ? expected(root, reader) : null);
    }

    /** The frozen outcomes, one per call in order: completed, not run (a refusal), or returned arrays and numbers. */
    private static List<CallOutcome> expected(JsonNode root, CaseReader reader) throws CaseFileException {
        List<CallOutcome> out = new ArrayList<>();
        JsonNode all = root.get("expected");
        for (int i = 0; i < all.size(); i++) {
            JsonNode e = all.get(i);
            String at = "$.expected[" + i + "]";
            if (e.get("call").asInt() != i) {
                throw reader.error(at + ".call", e.get("call").asInt() + "; expected " + i + " (one entry per call, in order)");
            }
            if (e.has("notRun")) {
                out.add(new CallOutcome.NotRun(e.get("notRun").asText()));
            } else if (!e.has("arrays")) {
                out.add(new CallOutcome.Completed());
            } else {
                Map<String, Tensor> arrays = new LinkedHashMap<>();
                for (var f : (Iterable<Map.Entry<String, JsonNode>>) e.get("arrays")::fields) {
                    ArraySpec spec = reader.array(f.getValue(), at + ".arrays." + f.getKey(), null);
                    arrays.put(f.getKey(), new Tensor(spec.shape(), "FLOAT", spec.values()));
                }
                Map<String, long[]> numbers = new LinkedHashMap<>();
                for (var f : (Iterable<Map.Entry<String, JsonNode>>) e.path("numbers")::fields) {
                    long[] values = new long[f.getValue().size()];
                    for (int k = 0; k < values.length; k++) {
                        values[k] = f.getValue().get(k).asLong();
                    }
                    numbers.put(f.getKey(), values);
                }
                out.add(new CallOutcome.Returned(arrays, numbers));
            }
        }
        return List.copyOf(out);
    }
}
