package io.github.kvkit.tracks.llama.cases;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvkit.llama.BlockConfig;
import io.github.kvkit.validator.cases.ArraySpec;
import io.github.kvkit.validator.cases.CaseFileException;
import io.github.kvkit.validator.cases.CaseReader;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the body of a llama-block case (config, weights, steps, expected) from a schema-valid tree and checks what
 * the schema cannot say: a configuration the spec accepts, sequences that fit in the cache, memory bounds.
 */
public final class LlamaBodyParser {

    /** The largest number of forward step instances (repeats expanded) in one case. */
    static final int MAX_STEP_INSTANCES = 2_000;
    /**
     * The most cache values a case's forward calls may send back in all (every call returns the whole cache, and the
     * validator adds calls of its own): about 512 MB of doubles.
     */
    static final long MAX_RETURNED_VALUES = 64L << 20;

    private final CaseReader reader;
    private final JsonNode root;
    private BlockConfig config;

    public LlamaBodyParser(JsonNode root, CaseReader reader) {
        this.reader = reader;
        this.root = root;
    }

    public LlamaCaseBody parse() throws CaseFileException {
        config = config(root.get("config"), null);
        String problem = problem(config);
        if (problem != null) {
            throw reader.error("$.config", problem + "; expected a configuration the spec accepts (test refusals "
                    + "with a reject step)");
        }
        Map<String, ArraySpec> weights = null;
        if (root.has("weights")) {
            weights = new LinkedHashMap<>();
            for (String w : LlamaCaseBody.WEIGHT_NAMES) {
                weights.put(w, reader.array(root.get("weights").get(w), "$.weights." + w,
                        LlamaCaseBody.weightShape(config, w)));
            }
        }
        List<LlamaStep> steps = steps();
        List<LlamaCaseBody.ExpectedStep> expected = root.has("expected") ? expected(steps) : null;
        return new LlamaCaseBody(config, root.path("weightScale").asDouble(1.0), weights, steps, expected);
    }

    /** Why the spec refuses {@code c} (section 7), or null when it accepts it. */
    static String problem(BlockConfig c) {
        if (c.dModel() <= 0 || c.numHeads() <= 0 || c.numKvHeads() <= 0 || c.maxSeqLen() <= 0) {
            return "non-positive size in " + c;
        }
        if (c.dModel() % c.numHeads() != 0) {
            return "dModel " + c.dModel() + " is not divisible by numHeads " + c.numHeads();
        }
        if (c.numHeads() % c.numKvHeads() != 0) {
            return "numHeads " + c.numHeads() + " is not divisible by numKvHeads " + c.numKvHeads();
        }
        if ((c.dModel() / c.numHeads()) % 2 != 0) {
            return "head dimension " + c.dModel() / c.numHeads() + " is odd";
        }
        if (!(c.ropeTheta() > 0) || !(c.rmsEps() >= 0)) {
            return "ropeTheta " + c.ropeTheta() + " or rmsEps " + c.rmsEps() + " out of range";
        }
        return null;
    }

    /** The configuration in {@code node}, each field defaulting to {@code base}'s (or the spec's defaults). */
    private static BlockConfig config(JsonNode node, BlockConfig base) {
        return new BlockConfig(node.path("dModel").asInt(base == null ? 0 : base.dModel()),
                node.path("numHeads").asInt(base == null ? 0 : base.numHeads()),
                node.path("numKvHeads").asInt(base == null ? 0 : base.numKvHeads()),
                node.path("maxSeqLen").asInt(base == null ? 0 : base.maxSeqLen()),
                node.path("ropeTheta").asDouble(base == null ? 10000.0 : base.ropeTheta()),
                node.path("rmsEps").asDouble(base == null ? 1e-5 : base.rmsEps()));
    }

    private List<LlamaStep> steps() throws CaseFileException {
        List<LlamaStep> steps = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int batch = -1;          // of the sequence the latest forward step belongs to
        int next = -1;           // the position its next token would take
        int instances = 0;
        long calls = 0;          // forward calls, the validator's own included (an upper bound)
        JsonNode list = root.get("steps");
        for (int i = 0; i < list.size(); i++) {
            JsonNode s = list.get(i);
            String at = "$.steps[" + i + "]";
            String op = s.get("op").asText();
            String name = s.path("name").asText(op + (i + 1));
            if (!names.add(name)) {
                throw reader.error(at + ".name", "\"" + name + "\" is used twice; expected unique step names");
            }
            if (!op.equals("forward")) {
                steps.add(reject(s, at, name));
                continue;
            }
            LlamaStep.Forward f = forward(s, at, name, batch);
            int start = f.newCache() ? f.pos() : next;
            int end = start + f.tokens() * f.repeat();
            if (end > config.maxSeqLen()) {
                throw reader.error(at, "its tokens reach position " + (end - 1) + ", past the cache's last position "
                        + (config.maxSeqLen() - 1) + "; expected forward steps to fit (test overflow with a reject step)");
            }
            batch = f.batch();
            next = end;
            instances += f.repeat();
            calls += 3L * f.repeat() + (long) f.tokens() * f.repeat() + 2;
            reader.checkSize(at, (long) batch * f.tokens() * config.dModel(), "x [batch, tokens, dModel]");
            steps.add(f);
        }
        if (instances > MAX_STEP_INSTANCES) {
            throw reader.error("$.steps", instances + " forward step instances; expected at most " + MAX_STEP_INSTANCES);
        }
        long returned = calls * 2 * Math.max(1, batch) * config.numKvHeads() * config.maxSeqLen()
                * (config.dModel() / config.numHeads());
        if (returned > MAX_RETURNED_VALUES) {
            throw reader.error("$.steps", "the forward calls would send back about " + returned + " cache values; "
                    + "expected at most " + MAX_RETURNED_VALUES + " (fewer steps, or a smaller cache)");
        }
        return steps;
    }

    private LlamaStep.Forward forward(JsonNode s, String at, String name, int carriedBatch) throws CaseFileException {
        boolean newCache = s.path("cache").asText(carriedBatch < 0 ? "new" : "carry").equals("new");
        if (!newCache && carriedBatch < 0) {
            throw reader.error(at + ".cache", "\"carry\" in the first forward step; expected \"new\"");
        }
        int batch = s.path("batch").asInt(carriedBatch);
        if (batch < 1) {
            throw reader.error(at + ".batch", "missing; expected the batch of the new cache's sequence");
        }
        if (!newCache && batch != carriedBatch) {
            throw reader.error(at + ".batch", batch + " differs from the batch " + carriedBatch + " of the sequence it "
                    + "continues; expected the same (or \"cache\": \"new\")");
        }
        if (!newCache && s.has("pos")) {
            throw reader.error(at + ".pos", "given with \"cache\": \"carry\"; expected pos only on a new cache (a "
                    + "continuing step takes the next position)");
        }
        if (!newCache && s.has("initialCache")) {
            throw reader.error(at + ".initialCache", "given with \"cache\": \"carry\"; expected it on a new cache only");
        }
        int tokens = s.get("tokens").asInt();
        int repeat = s.path("repeat").asInt(1);
        long[] xShape = {batch, tokens, config.dModel()};
        ArraySpec x = s.has("x") ? reader.array(s.get("x"), at + ".x", xShape) : null;
        if (x != null && repeat != 1) {
            throw reader.error(at + ".repeat", "inline x with repeat " + repeat + "; expected repeat 1 when x is inline");
        }
        int[] zero = new int[s.path("zeroTokens").size()];
        for (int k = 0; k < zero.length; k++) {
            zero[k] = s.get("zeroTokens").get(k).asInt();
            if (zero[k] >= tokens) {
                throw reader.error(at + ".zeroTokens[" + k + "]", zero[k] + " is not a token of the call's " + tokens
                        + "; expected an index below tokens");
            }
        }
        LlamaStep.CacheContents initial = null;
        if (s.has("initialCache")) {
            long[] shape = LlamaCaseBody.cacheShape(config, batch);
            initial = new LlamaStep.CacheContents(reader.array(s.get("initialCache").get("key"), at + ".initialCache.key",
                    shape), reader.array(s.get("initialCache").get("value"), at + ".initialCache.value", shape));
        }
        reader.checkSize(at, product(LlamaCaseBody.cacheShape(config, batch)),
                "cache [batch, numKvHeads, maxSeqLen, headDim]");
        return new LlamaStep.Forward(name, batch, tokens, newCache, s.path("pos").asInt(0), repeat,
                s.path("inputScale").asDouble(1.0), s.path("layout").asText("c"), zero, x, initial);
    }

    private LlamaStep reject(JsonNode s, String at, String name) throws CaseFileException {
        String why = s.get("why").asText();
        switch (s.get("call").asText()) {
            case "constructor":
                return new LlamaStep.RejectConstructor(name, why, config(s, config));
            case "loadWeights": {
                if (!s.has("weights")) {
                    throw reader.error(at + ".weights", "missing; expected null or wrong shapes");
                }
                if (s.get("weights").isNull()) {
                    return new LlamaStep.RejectWeights(name, why, null);
                }
                Map<String, long[]> wrong = new LinkedHashMap<>();
                var fields = s.get("weights").fields();
                while (fields.hasNext()) {
                    var e = fields.next();
                    wrong.put(e.getKey(), reader.shape(e.getValue()));
                    reader.checkSize(at + ".weights." + e.getKey(), product(wrong.get(e.getKey())), "weight");
                }
                return new LlamaStep.RejectWeights(name, why, wrong);
            }
            default: {
                if (!s.has("x")) {
                    throw reader.error(at + ".x", "missing; expected a shape, an inline array or null");
                }
                return new LlamaStep.RejectForward(name, why, reader.arrayOrShape(s.get("x"), at + ".x"),
                        rejectCache(s.get("cache"), at + ".cache"), s.path("pos").asInt(0));
            }
        }
    }

    private LlamaStep.RejectCache rejectCache(JsonNode node, String at) throws CaseFileException {
        if (node == null || node.isMissingNode() || (node.isTextual() && node.asText().equals("new"))) {
            return new LlamaStep.RejectCache.Fresh();
        }
        if (node.isNull()) {
            return new LlamaStep.RejectCache.None();
        }
        return new LlamaStep.RejectCache.Explicit(reader.arrayOrShape(node.get("key"), at + ".key"),
                reader.arrayOrShape(node.get("value"), at + ".value"),
                node.has("dtype") ? node.get("dtype").asText() : null);
    }

    private List<LlamaCaseBody.ExpectedStep> expected(List<LlamaStep> steps) throws CaseFileException {
        List<LlamaCaseBody.ExpectedStep> out = new ArrayList<>();
        JsonNode list = root.get("expected");
        for (int i = 0; i < list.size(); i++) {
            JsonNode e = list.get(i);
            String at = "$.expected[" + i + "]";
            out.add(new LlamaCaseBody.ExpectedStep(e.get("step").asText(),
                    reader.array(e.get("output"), at + ".output", null), reader.array(e.get("newKeys"), at + ".newKeys", null),
                    reader.array(e.get("newValues"), at + ".newValues", null)));
        }
        int instances = steps.stream().mapToInt(s -> s instanceof LlamaStep.Forward f ? f.repeat() : 0).sum();
        if (out.size() != instances) {
            throw reader.error("$.expected", out.size() + " entries; expected one per forward step instance, "
                    + instances);
        }
        return out;
    }

    private static long product(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }
}
