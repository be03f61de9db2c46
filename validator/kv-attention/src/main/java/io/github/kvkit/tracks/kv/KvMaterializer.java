package io.github.kvkit.tracks.kv;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kvkit.api.AttentionWeights;
import io.github.kvkit.harness.Tensor;
import io.github.kvkit.tracks.kv.cases.CacheSpec;
import io.github.kvkit.tracks.kv.cases.KvCaseBody;
import io.github.kvkit.tracks.kv.cases.Step;
import io.github.kvkit.tracks.kv.harness.KvCall;
import io.github.kvkit.tracks.kv.harness.KvResult;
import io.github.kvkit.tracks.kv.plan.CallRole;
import io.github.kvkit.tracks.kv.plan.KvPlan;
import io.github.kvkit.tracks.kv.plan.KvPlanner;
import io.github.kvkit.validator.cases.CaseFileException;
import io.github.kvkit.validator.cases.CaseLoader;
import io.github.kvkit.validator.cases.CaseWriter;
import io.github.kvkit.validator.cases.TestCase;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a case fully materialised: every weight and input inline, repeats expanded, and the reference's
 * results frozen in an {@code expected} block. A frozen case grades without {@code solution/}, and its
 * numbers can be checked with any other tool.
 */
final class KvMaterializer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] WEIGHTS = {"wq", "bq", "wk", "bk", "wv", "bv", "wo", "bo"};

    private KvMaterializer() {
    }

    /** Materialises {@code tc} into {@code target} and returns the frozen case as read back. */
    static TestCase materialize(TestCase tc, KvAttentionTrack track, Path target) throws IOException, CaseFileException {
        KvPlan plan = KvPlanner.plan(tc);
        KvCaseBody body = KvCaseBody.of(tc);
        ObjectNode root = envelope(tc);
        ObjectNode weights = root.putObject("weights");
        INDArray[] w = arrays(plan.weights());
        for (int i = 0; i < WEIGHTS.length; i++) {
            weights.set(WEIGHTS[i], array(w[i]));
        }
        ArrayNode steps = root.putArray("steps");
        int call = 2;   // after construct and loadWeights
        for (Step step : body.steps()) {
            if (step instanceof Step.Forward f) {
                for (int r = 0; r < f.repeat(); r++) {
                    while (plan.roles().get(call).kind() != CallRole.Kind.STEP) {
                        call++;
                    }
                    steps.add(forward((KvCall.Forward) plan.kvCalls().get(call), plan, f));
                    call++;
                }
            } else {
                while (plan.roles().get(call).kind() != CallRole.Kind.REJECT) {
                    call++;
                }
                steps.add(reject(step, plan.kvCalls().get(call), plan));
                call++;
            }
        }
        CaseWriter.write(root, target);
        CaseLoader loader = new CaseLoader(List.of(track), track);
        TestCase inline = loader.load(target);
        KvPlan inlinePlan = KvPlanner.plan(inline);
        List<KvResult> expected = track.expected(inlinePlan);
        ArrayNode frozen = root.putArray("expected");
        int k = 0;
        for (int i = 0; i < inlinePlan.calls().size(); i++) {
            if (inlinePlan.roles().get(i).kind() == CallRole.Kind.STEP) {
                KvResult e = expected.get(k++);
                ObjectNode node = frozen.addObject();
                node.put("step", inlinePlan.roles().get(i).stepName());
                node.set("output", CaseWriter.tensor(e.output()));
                node.set("cacheKey", CaseWriter.tensor(e.cacheKey()));
                node.set("cacheValue", CaseWriter.tensor(e.cacheValue()));
                node.set("attentionWeights", CaseWriter.tensor(e.attentionWeights()));
            }
        }
        CaseWriter.write(root, target);
        return loader.load(target);
    }

    private static ObjectNode envelope(TestCase tc) {
        KvCaseBody body = KvCaseBody.of(tc);
        return CaseWriter.envelope(tc, config -> {
            config.put("dModel", body.dModel());
            config.put("numHeads", body.numHeads());
            config.put("maxCacheLen", body.maxCacheLen());
        });
    }

    private static ObjectNode forward(KvCall.Forward c, KvPlan plan, Step.Forward f) {
        ObjectNode node = JSON.createObjectNode();
        node.put("op", "forward");
        node.put("name", plan.roles().get(c.index()).stepName());
        node.put("batch", c.query().size(0));
        node.put("queryLen", c.query().size(1));
        node.put("keyLen", c.key().size(1));
        node.put("attention", f.attentionSelf() ? "self" : "cross");
        node.put("causal", c.causal());
        node.put("cache", c.cacheKey() != null ? "empty" : c.cacheFromCall() < 0 ? "none"
                : "step:" + plan.roles().get(c.cacheFromCall()).stepName());
        node.put("layout", f.layout());
        node.set("query", array(c.query()));
        if (!f.attentionSelf()) {
            node.set("key", array(c.key()));
            node.set("value", array(c.value()));
        }
        return node;
    }

    private static ObjectNode reject(Step step, KvCall call, KvPlan plan) {
        ObjectNode node = JSON.createObjectNode();
        node.put("op", "reject");
        node.put("name", step.name());
        if (step instanceof Step.RejectConstructor c) {
            node.put("why", c.why());
            node.put("call", "constructor");
            node.put("dModel", c.dModel());
            node.put("numHeads", c.numHeads());
            node.put("maxCacheLen", c.maxCacheLen());
        } else if (step instanceof Step.RejectWeights w) {
            node.put("why", w.why());
            node.put("call", "loadWeights");
            CaseWriter.putShapes(node, "weights", w.shapes());
        } else {
            Step.RejectForward r = (Step.RejectForward) step;
            KvCall.Forward c = (KvCall.Forward) call;
            node.put("why", r.why());
            node.put("call", "forward");
            node.set("query", array(c.query()));
            node.set("key", array(c.key()));
            node.set("value", array(c.value()));
            if (r.cache() instanceof CacheSpec.Explicit) {
                ObjectNode cache = node.putObject("cache");
                cache.set("key", array(c.cacheKey()));
                cache.set("value", array(c.cacheValue()));
            } else {
                node.put("cache", c.cacheFromCall() < 0 ? "none"
                        : "step:" + plan.roles().get(c.cacheFromCall()).stepName());
            }
            node.put("causal", c.causal());
        }
        return node;
    }

    private static com.fasterxml.jackson.databind.JsonNode array(INDArray x) {
        return CaseWriter.tensor(x == null ? null : Tensor.of(x));
    }

    private static INDArray[] arrays(AttentionWeights w) {
        return new INDArray[] {w.wq(), w.bq(), w.wk(), w.bk(), w.wv(), w.bv(), w.wo(), w.bo()};
    }
}
