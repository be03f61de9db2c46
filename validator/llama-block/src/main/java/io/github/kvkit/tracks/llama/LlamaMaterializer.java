package io.github.kvkit.tracks.llama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kvkit.harness.Tensor;
import io.github.kvkit.llama.BlockConfig;
import io.github.kvkit.llama.BlockWeights;
import io.github.kvkit.tracks.llama.cases.LlamaCaseBody;
import io.github.kvkit.tracks.llama.cases.LlamaStep;
import io.github.kvkit.tracks.llama.harness.CacheSource;
import io.github.kvkit.tracks.llama.harness.LlamaCall;
import io.github.kvkit.tracks.llama.judge.Expected;
import io.github.kvkit.tracks.llama.plan.LlamaPlan;
import io.github.kvkit.tracks.llama.plan.LlamaPlanner;
import io.github.kvkit.tracks.llama.plan.LlamaRole;
import io.github.kvkit.tracks.llama.plan.Sequence;
import io.github.kvkit.validator.cases.CaseFileException;
import io.github.kvkit.validator.cases.CaseLoader;
import io.github.kvkit.validator.cases.CaseWriter;
import io.github.kvkit.validator.cases.Dtype;
import io.github.kvkit.validator.cases.TestCase;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a llama-block case fully materialised: the weights, every step's tokens and every new cache's first contents
 * inline, repeats expanded, and the reference's results frozen in an {@code expected} block. A frozen case grades
 * without {@code solution/}; the validator's own calls (the routes of {@code cache_equivalence}, the changed tokens of
 * {@code causal_mask}) are made from these arrays and the seed, as before.
 */
final class LlamaMaterializer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LlamaMaterializer() {
    }

    /** Materialises {@code tc} into {@code target} and returns the frozen case as read back. */
    static TestCase materialize(TestCase tc, LlamaTrack track, Path target) throws IOException, CaseFileException {
        LlamaPlan plan = LlamaPlanner.plan(tc);
        LlamaCaseBody body = LlamaCaseBody.of(tc);
        ObjectNode root = envelope(tc, body.config());
        ObjectNode weights = root.putObject("weights");
        BlockWeights w = plan.weights();
        INDArray[] arrays = {w.attnNorm(), w.wq(), w.wk(), w.wv(), w.wo()};
        for (int i = 0; i < arrays.length; i++) {
            weights.set(LlamaCaseBody.WEIGHT_NAMES.get(i), array(arrays[i]));
        }
        ArrayNode steps = root.putArray("steps");
        List<Integer> stepCalls = new ArrayList<>();
        List<Integer> rejectCalls = new ArrayList<>();
        for (int i = 0; i < plan.roles().size(); i++) {
            LlamaRole.Kind kind = plan.roles().get(i).kind();
            if (kind == LlamaRole.Kind.STEP) {
                stepCalls.add(i);
            } else if (kind == LlamaRole.Kind.REJECT) {
                rejectCalls.add(i);
            }
        }
        int nextStep = 0;
        int nextReject = 0;
        for (LlamaStep step : body.steps()) {
            if (step instanceof LlamaStep.Forward f) {
                for (int r = 0; r < f.repeat(); r++) {
                    steps.add(forward(plan, stepCalls.get(nextStep++), f));
                }
            } else {
                steps.add(reject(step, plan.llamaCalls().get(rejectCalls.get(nextReject++))));
            }
        }
        CaseWriter.write(root, target);
        CaseLoader loader = new CaseLoader(List.of(track), track);
        LlamaPlan inline = LlamaPlanner.plan(loader.load(target));
        ArrayNode frozen = root.putArray("expected");
        List<Expected> expected = track.expected(inline);
        for (int i = 0; i < inline.roles().size(); i++) {
            LlamaRole role = inline.roles().get(i);
            if (role.kind() == LlamaRole.Kind.STEP) {
                Expected e = expected.get(role.reference());
                ObjectNode node = frozen.addObject();
                node.put("step", role.stepName());
                node.set("output", CaseWriter.tensor(e.output()));
                node.set("newKeys", CaseWriter.tensor(e.newKeys()));
                node.set("newValues", CaseWriter.tensor(e.newValues()));
            }
        }
        CaseWriter.write(root, target);
        return loader.load(target);
    }

    private static ObjectNode envelope(TestCase tc, BlockConfig c) {
        return CaseWriter.envelope(tc, config -> {
            config.put("dModel", c.dModel());
            config.put("numHeads", c.numHeads());
            config.put("numKvHeads", c.numKvHeads());
            config.put("maxSeqLen", c.maxSeqLen());
            config.put("ropeTheta", c.ropeTheta());
            config.put("rmsEps", c.rmsEps());
        });
    }

    private static ObjectNode forward(LlamaPlan plan, int call, LlamaStep.Forward f) {
        LlamaRole role = plan.roles().get(call);
        LlamaCall.Forward c = (LlamaCall.Forward) plan.llamaCalls().get(call);
        Sequence sequence = plan.sequences().get(role.sequence());
        ObjectNode node = JSON.createObjectNode();
        node.put("op", "forward");
        node.put("name", role.stepName());
        node.put("batch", c.x().size(0));
        node.put("tokens", role.tokens());
        node.put("layout", f.layout());
        node.set("x", array(c.x()));
        if (sequence.steps().get(0) == call) {
            node.put("cache", "new");
            node.put("pos", role.pos());
            ObjectNode cache = node.putObject("initialCache");
            cache.set("key", array(sequence.initialKey()));
            cache.set("value", array(sequence.initialValue()));
        } else {
            node.put("cache", "carry");
        }
        return node;
    }

    private static ObjectNode reject(LlamaStep step, LlamaCall call) {
        ObjectNode node = JSON.createObjectNode();
        node.put("op", "reject");
        node.put("name", step.name());
        if (step instanceof LlamaStep.RejectConstructor r) {
            BlockConfig c = r.config();
            node.put("why", r.why());
            node.put("call", "constructor");
            node.put("dModel", c.dModel());
            node.put("numHeads", c.numHeads());
            node.put("numKvHeads", c.numKvHeads());
            node.put("maxSeqLen", c.maxSeqLen());
            node.put("ropeTheta", c.ropeTheta());
            node.put("rmsEps", c.rmsEps());
        } else if (step instanceof LlamaStep.RejectWeights r) {
            node.put("why", r.why());
            node.put("call", "loadWeights");
            CaseWriter.putShapes(node, "weights", r.shapes());
        } else {
            LlamaStep.RejectForward r = (LlamaStep.RejectForward) step;
            LlamaCall.Forward f = (LlamaCall.Forward) call;
            node.put("why", r.why());
            node.put("call", "forward");
            node.set("x", array(f.x()));
            node.put("pos", r.pos());
            if (r.cache() instanceof LlamaStep.RejectCache.Fresh) {
                node.put("cache", "new");
            } else if (f.cache() instanceof CacheSource.Arrays a) {
                ObjectNode cache = node.putObject("cache");
                cache.set("key", array(a.key()));
                cache.set("value", array(a.value()));
                INDArray typed = a.key() != null ? a.key() : a.value();
                if (typed != null) {
                    cache.put("dtype", typed.dataType() == DataType.FLOAT ? Dtype.FLOAT32.id() : Dtype.FLOAT64.id());
                }
            } else {
                node.putNull("cache");
            }
        }
        return node;
    }

    private static JsonNode array(INDArray x) {
        return CaseWriter.tensor(x == null ? null : Tensor.of(x));
    }
}
