package io.github.kvkit.tracks.kv.cases;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvkit.validator.cases.ArraySpec;
import io.github.kvkit.validator.cases.CaseFileException;
import io.github.kvkit.validator.cases.CaseReader;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the body of a kv-attention case (config, weights, steps, expected) from a schema-valid tree and checks
 * what the schema cannot say: sizes that fit together, cache lengths within capacity, memory bounds.
 */
public final class KvBodyParser {

    /** The largest number of forward step instances (repeats expanded) in one case. */
    static final int MAX_STEP_INSTANCES = 10_000;

    private final CaseReader reader;
    private final JsonNode root;
    private int dModel;

    public KvBodyParser(JsonNode root, CaseReader reader) {
        this.reader = reader;
        this.root = root;
    }

    public KvCaseBody parse() throws CaseFileException {
        JsonNode config = root.get("config");
        dModel = config.get("dModel").asInt();
        int numHeads = config.get("numHeads").asInt();
        int maxCacheLen = config.get("maxCacheLen").asInt();
        if (dModel % numHeads != 0) {
            throw reader.error("$.config", "dModel " + dModel + " is not divisible by numHeads "
                    + numHeads + "; expected a valid configuration (use a reject step to test refusal)");
        }
        Map<String, ArraySpec> weights = null;
        if (root.has("weights")) {
            weights = new LinkedHashMap<>();
            for (String w : List.of("wq", "bq", "wk", "bk", "wv", "bv", "wo", "bo")) {
                long[] shape = w.startsWith("w") ? new long[] {dModel, dModel} : new long[] {dModel};
                weights.put(w, reader.array(root.get("weights").get(w), "$.weights." + w, shape));
            }
        }
        List<Step> steps = steps(maxCacheLen);
        List<KvCaseBody.ExpectedStep> expected = root.has("expected") ? expected(steps) : null;
        return new KvCaseBody(dModel, numHeads, maxCacheLen, root.path("weightScale").asDouble(1.0), weights, steps,
                expected);
    }

    private List<Step> steps(int maxCacheLen) throws CaseFileException {
        List<Step> steps = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Map<String, Integer> cacheLenAfter = new HashMap<>();    // step name -> Lk it returns
        int carried = 0;                                         // Lk of the latest forward step
        int instances = 0;
        JsonNode list = root.get("steps");
        for (int i = 0; i < list.size(); i++) {
            JsonNode s = list.get(i);
            String at = "$.steps[" + i + "]";
            String op = s.get("op").asText();
            String name = s.path("name").asText(op + (i + 1));
            if (!names.add(name)) {
                throw reader.error(at + ".name", "\"" + name + "\" is used twice; expected unique step names");
            }
            if (op.equals("forward")) {
                Step.Forward f = forward(s, at, name);
                int cached = cachedLength(f.cache(), carried, cacheLenAfter, at);
                for (int r = 0; r < f.repeat(); r++) {
                    int lk = cached + f.keyLen();
                    if (lk > maxCacheLen) {
                        throw reader.error(at, "repeat " + (r + 1) + " holds " + lk
                                + " keys, more than maxCacheLen " + maxCacheLen
                                + "; expected forward steps to fit (test overflow with a reject step)");
                    }
                    if (f.causal() && f.queryLen() > lk) {
                        throw reader.error(at, "causal with queryLen " + f.queryLen() + " > "
                                + lk + " keys; expected queryLen <= keys (test refusal with a reject step)");
                    }
                    reader.checkSize(at, (long) f.batch() * lk * dModel, "cache [batch, Lk, dModel]");
                    reader.checkSize(at, (long) f.batch() * root.get("config").get("numHeads").asInt()
                            * f.queryLen() * lk, "attention weights [batch, heads, queryLen, Lk]");
                    cached = lk;
                }
                instances += f.repeat();
                carried = cached;
                cacheLenAfter.put(name, cached);
                steps.add(f);
            } else {
                steps.add(reject(s, at, name, carried, cacheLenAfter));
            }
        }
        if (instances > MAX_STEP_INSTANCES) {
            throw reader.error("$.steps", instances + " forward step instances; expected at most "
                    + MAX_STEP_INSTANCES);
        }
        return steps;
    }

    private int cachedLength(CacheSpec cache, int carried, Map<String, Integer> after, String at)
            throws CaseFileException {
        if (cache instanceof CacheSpec.Carry) {
            return carried;
        }
        if (cache instanceof CacheSpec.FromStep from) {
            Integer len = after.get(from.stepName());
            if (len == null) {
                throw reader.error(at + ".cache", "\"step:" + from.stepName()
                        + "\" names no earlier forward step; expected the name of one");
            }
            return len;
        }
        if (cache instanceof CacheSpec.Explicit explicit) {
            return explicit.key() == null ? 0 : (int) explicit.key().shape()[1];
        }
        return 0;
    }

    private Step.Forward forward(JsonNode s, String at, String name) throws CaseFileException {
        int batch = s.get("batch").asInt();
        int queryLen = s.get("queryLen").asInt();
        boolean self = s.path("attention").asText("self").equals("self");
        int keyLen = s.path("keyLen").asInt(queryLen);
        if (self && keyLen != queryLen) {
            throw reader.error(at + ".keyLen", keyLen + " differs from queryLen " + queryLen
                    + "; expected equal lengths for self-attention (or \"attention\": \"cross\")");
        }
        CacheSpec cache = cache(s.get("cache"), at + ".cache", batch);
        if (cache instanceof CacheSpec.Explicit) {
            throw reader.error(at + ".cache", "explicit cache arrays in a forward step; "
                    + "expected carry, none, empty or step:NAME (explicit caches are for reject steps)");
        }
        long[] qShape = {batch, queryLen, dModel};
        long[] kShape = {batch, keyLen, dModel};
        int repeat = s.path("repeat").asInt(1);
        boolean inline = s.has("query") || s.has("key") || s.has("value");
        if (inline && repeat != 1) {
            throw reader.error(at + ".repeat", "inline arrays with repeat " + repeat
                    + "; expected repeat 1 when arrays are given inline");
        }
        ArraySpec query = s.has("query") ? reader.array(s.get("query"), at + ".query", qShape) : null;
        ArraySpec key = s.has("key") ? reader.array(s.get("key"), at + ".key", kShape) : null;
        ArraySpec value = s.has("value") ? reader.array(s.get("value"), at + ".value", kShape) : null;
        if (self && (key != null || value != null)) {
            throw reader.error(at, "inline key or value in self-attention; expected only "
                    + "\"query\" (it is passed as key and value too)");
        }
        return new Step.Forward(name, batch, queryLen, keyLen, self, s.path("causal").asBoolean(true), cache,
                repeat, s.path("inputScale").asDouble(1.0), s.path("layout").asText("c"), query, key, value);
    }

    private Step reject(JsonNode s, String at, String name, int carried, Map<String, Integer> after)
            throws CaseFileException {
        String why = s.get("why").asText();
        switch (s.get("call").asText()) {
            case "constructor": {
                JsonNode cfg = root.get("config");
                return new Step.RejectConstructor(name, why, s.path("dModel").asInt(cfg.get("dModel").asInt()),
                        s.path("numHeads").asInt(cfg.get("numHeads").asInt()),
                        s.path("maxCacheLen").asInt(cfg.get("maxCacheLen").asInt()));
            }
            case "loadWeights": {
                if (!s.has("weights")) {
                    throw reader.error(at + ".weights", "missing; expected null or wrong shapes");
                }
                if (s.get("weights").isNull()) {
                    return new Step.RejectWeights(name, why, null);
                }
                Map<String, long[]> shapes = new LinkedHashMap<>();
                var fields = s.get("weights").fields();
                while (fields.hasNext()) {
                    var e = fields.next();
                    shapes.put(e.getKey(), reader.shape(e.getValue()));
                }
                return new Step.RejectWeights(name, why, shapes);
            }
            default: {
                for (String field : List.of("query", "key", "value")) {
                    if (!s.has(field)) {
                        throw reader.error(at + "." + field, "missing; expected a shape, "
                                + "an inline array or null");
                    }
                }
                CacheSpec cache = s.has("cache") ? cache(s.get("cache"), at + ".cache", -1) : new CacheSpec.Carry();
                if (cache instanceof CacheSpec.FromStep) {
                    cachedLength(cache, carried, after, at);
                }
                return new Step.RejectForward(name, why, reader.arrayOrShape(s.get("query"), at + ".query"),
                        reader.arrayOrShape(s.get("key"), at + ".key"), reader.arrayOrShape(s.get("value"), at + ".value"),
                        cache, s.path("causal").asBoolean(true));
            }
        }
    }

    private CacheSpec cache(JsonNode node, String at, int batch) throws CaseFileException {
        if (node == null || node.isMissingNode()) {
            return new CacheSpec.Carry();
        }
        if (node.isTextual()) {
            String text = node.asText();
            if (text.equals("carry")) {
                return new CacheSpec.Carry();
            }
            if (text.equals("none")) {
                return new CacheSpec.None();
            }
            if (text.equals("empty")) {
                return new CacheSpec.Empty();
            }
            return new CacheSpec.FromStep(text.substring("step:".length()));
        }
        return new CacheSpec.Explicit(reader.arrayOrShape(node.get("key"), at + ".key"),
                reader.arrayOrShape(node.get("value"), at + ".value"));
    }

    private List<KvCaseBody.ExpectedStep> expected(List<Step> steps) throws CaseFileException {
        List<KvCaseBody.ExpectedStep> out = new ArrayList<>();
        JsonNode list = root.get("expected");
        for (int i = 0; i < list.size(); i++) {
            JsonNode e = list.get(i);
            String at = "$.expected[" + i + "]";
            out.add(new KvCaseBody.ExpectedStep(e.get("step").asText(), reader.array(e.get("output"), at + ".output", null),
                    reader.array(e.get("cacheKey"), at + ".cacheKey", null), reader.array(e.get("cacheValue"), at + ".cacheValue", null),
                    reader.array(e.get("attentionWeights"), at + ".attentionWeights", null)));
        }
        int instances = steps.stream().mapToInt(s -> s instanceof Step.Forward f ? f.repeat() : 0).sum();
        if (out.size() != instances) {
            throw reader.error("$.expected", out.size() + " entries; expected one per forward step "
                    + "instance, " + instances);
        }
        return out;
    }
}
