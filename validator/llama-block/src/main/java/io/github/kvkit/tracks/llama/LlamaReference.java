package io.github.kvkit.tracks.llama;

import io.github.kvkit.harness.CallOutcome;
import io.github.kvkit.harness.Tensor;
import io.github.kvkit.llama.BlockConfig;
import io.github.kvkit.llama.BlockWeights;
import io.github.kvkit.llama.LlamaAttentionBlock;
import io.github.kvkit.tracks.llama.cases.LlamaCaseBody;
import io.github.kvkit.tracks.llama.harness.CacheSource;
import io.github.kvkit.tracks.llama.harness.LlamaCall;
import io.github.kvkit.tracks.llama.harness.LlamaCallExecutor;
import io.github.kvkit.tracks.llama.harness.LlamaResult;
import io.github.kvkit.tracks.llama.judge.Expected;
import io.github.kvkit.tracks.llama.judge.Positions;
import io.github.kvkit.tracks.llama.plan.LlamaPlan;
import io.github.kvkit.tracks.llama.plan.LlamaRole;
import io.github.kvkit.tracks.llama.plan.Sequence;
import io.github.kvkit.validator.cases.ArraySpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The expected results of a llama-block case's forward steps: from the case's frozen {@code expected} block when it
 * has one, otherwise computed by the reference solution in float64 on the very values the candidate gets, its own
 * caches starting from the same contents.
 */
final class LlamaReference {

    /** The reference class, looked up by name so a kit without {@code solution/} still builds and grades. */
    static final String REFERENCE_CLASS = "io.github.kvkit.llamablock.LlamaAttention";

    private final Constructor<?> reference;

    private LlamaReference(Constructor<?> reference) {
        this.reference = reference;
    }

    /** The reference solution if this build has it. */
    static LlamaReference create() {
        try {
            Class<?> type = Class.forName(REFERENCE_CLASS, true, LlamaReference.class.getClassLoader());
            return new LlamaReference(type.getConstructor(BlockConfig.class));
        } catch (ReflectiveOperationException | LinkageError e) {
            return new LlamaReference(null);
        }
    }

    boolean hasReference() {
        return reference != null;
    }

    /** One result per forward step instance, in order ({@link LlamaRole#reference()} indexes it). */
    List<Expected> expected(LlamaPlan plan) {
        LlamaCaseBody body = LlamaCaseBody.of(plan.testCase());
        if (body.expected() != null) {
            return body.expected().stream().map(e -> new Expected(tensor(e.output()), tensor(e.newKeys()),
                    tensor(e.newValues()))).toList();
        }
        if (reference == null) {
            throw new IllegalStateException(plan.testCase().source() + " has no expected results and this build has "
                    + "no reference");
        }
        return computed(plan, body.config());
    }

    private List<Expected> computed(LlamaPlan plan, BlockConfig config) {
        LlamaCallExecutor executor = new LlamaCallExecutor(c -> (LlamaAttentionBlock) newReference(c), Set.of());
        List<LlamaCall> calls = new ArrayList<>();
        calls.add(new LlamaCall.Construct(0, config, false));
        BlockWeights w = plan.weights();
        calls.add(new LlamaCall.LoadWeights(1, new INDArray[] {toDouble(w.attnNorm()), toDouble(w.wq()), toDouble(w.wk()),
                toDouble(w.wv()), toDouble(w.wo())}, false));
        for (Sequence s : plan.sequences()) {
            CacheSource cache = new CacheSource.Arrays(toDouble(s.initialKey()), toDouble(s.initialValue()));
            for (int i : s.steps()) {
                LlamaCall.Forward f = (LlamaCall.Forward) plan.llamaCalls().get(i);
                calls.add(new LlamaCall.Forward(i, toDouble(f.x()), cache, f.pos(), false));
            }
        }
        executor.prepareTyped(calls);
        Expected[] out = new Expected[(int) plan.roles().stream().filter(r -> r.kind() == LlamaRole.Kind.STEP).count()];
        for (LlamaCall call : calls) {
            CallOutcome outcome = executor.execute(call);
            if (call instanceof LlamaCall.Forward f) {
                LlamaResult r = outcome instanceof CallOutcome.Returned returned ? LlamaResult.of(returned) : null;
                if (r == null) {
                    throw new IllegalStateException("the reference solution failed on " + plan.testCase().source()
                            + " call " + call.index() + ": " + outcome);
                }
                LlamaRole role = plan.roles().get(f.index());
                out[role.reference()] = new Expected(r.output(), Positions.of(r.cacheKey(), role.pos(), role.tokens()),
                        Positions.of(r.cacheValue(), role.pos(), role.tokens()));
            } else if (!(outcome instanceof CallOutcome.Completed)) {
                throw new IllegalStateException("the reference solution failed on " + plan.testCase().source() + ": "
                        + outcome);
            }
        }
        return List.of(out);
    }

    private Object newReference(BlockConfig config) throws Throwable {
        try {
            return reference.newInstance(config);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static Tensor tensor(ArraySpec spec) {
        return new Tensor(spec.shape(), "DOUBLE", spec.values());
    }

    private static INDArray toDouble(INDArray x) {
        return x == null ? null : x.dup('c').castTo(DataType.DOUBLE);
    }
}
