package io.github.kvkit.tracks.gpt.harness;

import io.github.kvkit.gpt.GptCache;
import io.github.kvkit.gpt.GptConfig;
import io.github.kvkit.gpt.TinyLanguageModel;
import io.github.kvkit.harness.Arg;
import io.github.kvkit.harness.Call;
import io.github.kvkit.harness.CallOutcome;
import io.github.kvkit.harness.Tensor;
import io.github.kvkit.harness.TrackHarness;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes a tiny-gpt case's calls on one model, in order, and records what each returned as raw facts: the same
 * code runs in the candidate's JVM and on the reference. Every call that takes tokens reports under
 * {@link #TOKENS_CHANGED} whether the model wrote into them.
 */
public final class GptExecutor implements TrackHarness.CaseExecutor {

    /** A numbers entry: 1 when the call wrote into the token arrays it was given. */
    public static final String TOKENS_CHANGED = "tokens.changed";
    /** The arrays entry of a train call holding parameter {@code name} after it: {@code PARAM + name}. */
    public static final String PARAM = "param:";

    /** Builds a model; exceptions are its own, not wrapped. */
    @FunctionalInterface
    public interface Factory {
        TinyLanguageModel create(GptConfig config) throws Throwable;
    }

    private final Factory factory;
    private final Set<String> candidateClasses;
    private TinyLanguageModel model;
    private GptConfig config;
    private Throwable lastThrown;

    public GptExecutor(Factory factory, Set<String> candidateClasses) {
        this.factory = factory;
        this.candidateClasses = Set.copyOf(candidateClasses);
    }

    @Override
    public void prepare(List<Call> calls) {
        // a model that draws from ND4J's generator draws the same numbers in every run
        Nd4j.getRandom().setSeed(0x7469_6E79L);
    }

    @Override
    public CallOutcome execute(Call call) {
        lastThrown = null;
        try {
            if (call.method().equals(GptCall.CONSTRUCT)) {
                config = GptCall.config(call);
                model = factory.create(config);
                Map<String, Tensor> arrays = new LinkedHashMap<>();
                Map<String, INDArray> params = model.parameters();
                if (params != null && params.get("wpe") != null) {
                    arrays.put("wpe", Tensor.of(params.get("wpe")));
                }
                return new CallOutcome.Returned(arrays, Map.of());
            }
            if (call.method().equals(GptCall.OVERFIT)) {
                return overfit(call);
            }
            if (model == null) {
                return new CallOutcome.NotRun("the model was not constructed");
            }
            return switch (call.method()) {
                case GptCall.LOAD -> load(call);
                case GptCall.LOGITS -> withTokens(call, t -> one("logits", model.logits(t)));
                case GptCall.LOSS -> withTokens(call, t -> one("loss", Nd4j.scalar(model.loss(t))));
                case GptCall.TRAIN -> withTokens(call, t -> train(t, call.intArg(2)));
                case GptCall.CACHED -> withTokens(call, t -> cached(t, ((Arg.Ints) call.arg(2)).values()));
                case GptCall.GENERATE -> generate(call);
                case GptCall.OTHER_BATCH -> otherBatch(call);
                default -> throw new IllegalStateException("no tiny-gpt call named " + call.method());
            };
        } catch (Throwable t) {
            lastThrown = t;
            return threw(t);
        }
    }

    @Override
    public Throwable lastThrown() {
        return lastThrown;
    }

    private CallOutcome load(Call call) {
        Map<String, INDArray> params = model.parameters();
        if (params == null) {
            return new CallOutcome.Unusable("parameters() returned null");
        }
        int i = 0;
        for (Map.Entry<String, long[]> e : GptParameters.shapes(config).entrySet()) {
            INDArray target = params.get(e.getKey());
            if (target == null) {
                return new CallOutcome.Unusable("parameters() has no '" + e.getKey() + "'");
            }
            if (!Arrays.equals(target.shape(), e.getValue())) {
                return new CallOutcome.Unusable("parameters()['" + e.getKey() + "'] has shape "
                        + Arrays.toString(target.shape()) + ", the spec says " + Arrays.toString(e.getValue()));
            }
            target.assign(call.arrayArg(i++));
        }
        return new CallOutcome.Completed();
    }

    /** A call's answer from the model's arrays, or why it cannot be judged. */
    private interface TokenCall {
        CallOutcome apply(int[][] tokens) throws Throwable;
    }

    /** Runs a call on a copy of its tokens and reports whether the model wrote into them. */
    private CallOutcome withTokens(Call call, TokenCall body) throws Throwable {
        int[][] tokens = GptCall.tokens(call, 0);
        int[][] before = copy(tokens);
        CallOutcome out = body.apply(tokens);
        if (out instanceof CallOutcome.Returned r) {
            Map<String, long[]> numbers = new LinkedHashMap<>(r.numbers());
            numbers.put(TOKENS_CHANGED, new long[] {Arrays.deepEquals(before, tokens) ? 0 : 1});
            return new CallOutcome.Returned(r.arrays(), numbers);
        }
        return out;
    }

    private static CallOutcome one(String name, INDArray array) {
        if (array == null) {
            return new CallOutcome.Unusable(name + " was null");
        }
        return new CallOutcome.Returned(Map.of(name, Tensor.of(array)), Map.of());
    }

    private CallOutcome train(int[][] tokens, int steps) {
        double[] losses = new double[steps];
        for (int s = 0; s < steps; s++) {
            losses[s] = model.trainStep(tokens);
        }
        Map<String, Tensor> arrays = new LinkedHashMap<>();
        arrays.put("losses", Tensor.of(Nd4j.createFromArray(losses)));
        Map<String, INDArray> params = model.parameters();
        for (String name : GptParameters.shapes(config).keySet()) {
            INDArray p = params == null ? null : params.get(name);
            if (p != null) {
                arrays.put(PARAM + name, Tensor.of(p));
            }
        }
        return new CallOutcome.Returned(arrays, Map.of());
    }

    private CallOutcome overfit(Call call) throws Throwable {
        TinyLanguageModel fresh = factory.create(GptCall.config(call));
        int[][] tokens = GptCall.tokens(call, 4);
        int steps = call.intArg(6);
        double[] losses = new double[steps];
        for (int s = 0; s < steps; s++) {
            losses[s] = fresh.trainStep(tokens);
        }
        double last = fresh.loss(tokens);
        return new CallOutcome.Returned(Map.of("losses", Tensor.of(Nd4j.createFromArray(losses)),
                "final", Tensor.of(Nd4j.scalar(last))), Map.of());
    }

    private CallOutcome cached(int[][] tokens, int[] chunks) {
        GptCache cache = new GptCache(config.numLayers());
        INDArray[] parts = new INDArray[chunks.length];
        long[] lengths = new long[chunks.length];
        int from = 0;
        for (int c = 0; c < chunks.length; c++) {
            parts[c] = model.logits(slice(tokens, from, from + chunks[c]), cache);
            if (parts[c] == null) {
                return new CallOutcome.Unusable("logits(newTokens, cache) returned null for chunk " + c);
            }
            from += chunks[c];
            lengths[c] = cache.length();
        }
        Map<String, Tensor> arrays = new LinkedHashMap<>();
        arrays.put("logits", Tensor.of(Nd4j.concat(1, parts)));
        if (cache.key(0) != null && cache.value(0) != null) {
            arrays.put("key0", Tensor.of(cache.key(0)));
            arrays.put("value0", Tensor.of(cache.value(0)));
        }
        return new CallOutcome.Returned(arrays, Map.of("lengths", lengths));
    }

    private CallOutcome generate(Call call) {
        int[] prompt = ((Arg.Ints) call.arg(0)).values().clone();
        int[] before = prompt.clone();
        long start = System.nanoTime();
        int[] out = model.generate(prompt, call.intArg(1), call.boolArg(2));
        long nanos = System.nanoTime() - start;
        if (out == null) {
            return new CallOutcome.Unusable("generate returned null");
        }
        return new CallOutcome.Returned(Map.of("tokens", Tensor.of(Nd4j.createFromArray(out.clone()))),
                Map.of("nanos", new long[] {nanos}, TOKENS_CHANGED, new long[] {Arrays.equals(before, prompt) ? 0 : 1}));
    }

    private CallOutcome otherBatch(Call call) {
        GptCache cache = new GptCache(config.numLayers());
        model.logits(GptCall.tokens(call, 0), cache);
        model.logits(GptCall.tokens(call, 2), cache);
        return new CallOutcome.Completed();
    }

    private static int[][] slice(int[][] tokens, int from, int to) {
        int[][] out = new int[tokens.length][];
        for (int i = 0; i < tokens.length; i++) {
            out[i] = Arrays.copyOfRange(tokens[i], from, to);
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

    private CallOutcome threw(Throwable t) {
        String where = "";
        for (StackTraceElement frame : t.getStackTrace()) {
            if (candidateClasses.contains(frame.getClassName())) {
                String name = frame.getClassName();
                where = frame.getFileName() + ":" + frame.getLineNumber() + " ("
                        + name.substring(name.lastIndexOf('.') + 1) + "." + frame.getMethodName() + ")";
                break;
            }
        }
        String message = t.getMessage();
        return new CallOutcome.Threw(t.getClass().getName(), message == null ? "" : message, where,
                t instanceof IllegalArgumentException);
    }
}
