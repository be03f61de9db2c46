package io.github.kvkit.tracks.gpt.observe;

import io.github.kvkit.harness.Tensor;
import io.github.kvkit.tracks.gpt.cases.GptCaseBody;
import io.github.kvkit.tracks.gpt.harness.GptExecutor;
import io.github.kvkit.tracks.gpt.harness.GptParameters;
import io.github.kvkit.tracks.gpt.judge.GptRun;
import io.github.kvkit.tracks.gpt.plan.GptPlan;
import io.github.kvkit.tracks.gpt.plan.Role;
import io.github.kvkit.validator.cases.Tolerance;
import io.github.kvkit.validator.judge.Comparison;
import io.github.kvkit.validator.judge.Format;
import io.github.kvkit.validator.observe.Sign;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a tiny-gpt run shows beyond the checks' verdicts, call by call: which results deviate from the reference's
 * (logits per position, the loss, the losses and parameters after AdamW steps, the cached logits and the cache's
 * layer-0 keys and values chunk by chunk, the generated tokens with and without the cache), and properties that
 * name a cause: the last position alone right (a mask that lets positions see ahead), the loss equal to the
 * cross-entropy of the model's own logits with its sign flipped or against the token at the same position, the
 * first AdamW step turned towards zero where the gradient is small (decay taken into the moments), a cache as long
 * as the last chunk (not appended), the cache's values equal to its keys, the initial positional embedding too
 * spread. Keys name the case, the call and the property, never a value.
 */
final class GptSigns {

    /** AdamwStepCheck's tolerance on parameters after a step. */
    private static final Tolerance PARAMS = new Tolerance(2e-5, 1e-4, 0);
    /** How close a loss must be to a cross-entropy computed here from the model's own logits. */
    private static final Tolerance LOSS = new Tolerance(1e-4, 1e-4, 0);

    private GptSigns() {
    }

    static List<Sign> of(GptRun r) {
        List<Sign> signs = new ArrayList<>();
        GptPlan plan = r.plan();
        String name = plan.testCase().name();
        int train = 0;
        int generation = 0;
        for (int i = 0; i < plan.calls().size(); i++) {
            Role role = plan.roles().get(i);
            String in = "in case " + name + ", ";
            switch (role) {
                case CONSTRUCT -> signs.addAll(init(r, i, name + "/construct", in));
                case LOGITS -> signs.addAll(logits(r, i, name + "/logits", in + "the logits of the batch (no cache): "));
                case FUTURE_CHANGED -> signs.addAll(future(r, i, name + "/logits", in + "the logits of the batch (no "
                        + "cache): "));
                case LOSS -> signs.addAll(loss(r, i, name + "/loss", in + "loss(tokens): "));
                case CACHED -> signs.addAll(cached(r, i, name + "/cached", in + "the tokens fed through one cache in "
                        + "chunks of " + Arrays.toString(GptCaseBody.of(plan.testCase()).cacheChunks()) + ": "));
                case GENERATE_CACHED -> {
                    generation++;
                    signs.addAll(generate(r, i, i + 1, generation, name + "/generate#" + generation, in));
                }
                case TRAIN -> {
                    train++;
                    signs.addAll(train(r, i, train == 1, name + (train == 1 ? "/train:first-step" : "/train:later-steps"),
                            in + (train == 1 ? "the first AdamW step: " : "the later AdamW steps: ")));
                }
                case OVERFIT -> signs.addAll(overfit(r, i, name + "/overfit", in + "a new model trained on a tiny batch: "));
                default -> { }
            }
        }
        return signs;
    }

    private static Sign noResult(GptRun r, int call, String what, String where) {
        return Sign.of("no-result", where, "in case " + r.plan().testCase().name() + ", " + r.missing(call, what));
    }

    /** The spread and mean of the positional embedding a new model holds. */
    private static List<Sign> init(GptRun r, int call, String where, String in) {
        Tensor wpe = r.array(call, "wpe");
        if (wpe == null) {
            return r.returned(call) == null ? List.of(noResult(r, call, "wpe", where)) : List.of();
        }
        double mean = Arrays.stream(wpe.values()).average().orElse(0);
        double std = Math.sqrt(Arrays.stream(wpe.values()).map(x -> (x - mean) * (x - mean)).average().orElse(0));
        List<Sign> signs = new ArrayList<>();
        String stats = "the new model's positional embedding has std " + Format.number(std) + " and mean "
                + Format.number(mean) + "; the spec draws it from N(0, 0.02²)";
        if (std > 0.024) {
            signs.add(Sign.of("init-spread-too-large", where, in + stats));
        } else if (std < 0.016) {
            signs.add(Sign.of("init-spread-too-small", where, in + stats));
        } else if (Math.abs(mean) > 0.005) {
            signs.add(Sign.of("init-mean-off", where, in + stats));
        }
        return signs;
    }

    /** Which positions of the uncached logits deviate, and whether only the last one is right. */
    private static List<Sign> logits(GptRun r, int call, String where, String in) {
        Tensor got = r.array(call, "logits");
        Tensor want = r.expected(call, "logits");
        if (got == null) {
            return List.of(noResult(r, call, "logits", where));
        }
        if (!Arrays.equals(got.shape(), want.shape()) || want.shape().length != 3) {
            return List.of(Sign.of("logits-shape", where, in + "shape " + got.shapeString() + ", expected "
                    + want.shapeString()));
        }
        boolean[] bad = badPositions(got, want, r.tol());
        int first = firstTrue(bad, 0, bad.length);
        if (first < 0) {
            return List.of();
        }
        List<Sign> signs = new ArrayList<>();
        signs.add(Sign.of("logits-deviate", where, in + "they differ from the reference's, first at position " + first));
        if (!bad[bad.length - 1]) {
            signs.add(Sign.of("logits-right-only-at-last-position", where, in + "the last position's logits are "
                    + "right and earlier ones are not: each position sees the tokens after it (the causal mask?)"));
        }
        return signs;
    }

    /**
     * Whether the candidate's own logits of the positions before {@code futureFrom} changed when only the tokens from
     * there on did: what {@code no_future_leak} checks, as a sign of its own, since the check is not credited (and its
     * failure says nothing) in a case whose results show nothing computed.
     */
    private static List<Sign> future(GptRun r, int call, String where, String in) {
        int base = r.callsFor(Role.LOGITS).get(0);
        Tensor before = r.array(base, "logits");
        Tensor after = r.array(call, "logits");
        int f = r.plan().futureFrom();
        if (before == null || after == null || before.shape().length != 3 || !Arrays.equals(before.shape(), after.shape())
                || before.shape()[1] < f) {
            return List.of();
        }
        boolean[] changed = badPositions(after, before, r.tol());
        int first = firstTrue(changed, 0, f);
        return first < 0 ? List.of() : List.of(Sign.of("future-leaks", where, in + "changing the tokens from position "
                + f + " on changed the logits of position " + first + ": a position sees the tokens after it"));
    }

    /** Whether the loss deviates, and whether it is the cross-entropy of the model's own logits turned some wrong way. */
    private static List<Sign> loss(GptRun r, int call, String where, String in) {
        Tensor got = r.array(call, "loss");
        if (got == null) {
            return List.of(noResult(r, call, "loss", where));
        }
        double loss = got.values().length == 1 ? got.values()[0] : Double.NaN;
        double want = r.expected(call, "loss").values()[0];
        if (r.tol().close(loss, want)) {
            return List.of();
        }
        List<Sign> signs = new ArrayList<>();
        signs.add(Sign.of("loss-deviates", where, in + Format.number(loss) + ", expected " + Format.number(want)));
        signs.addAll(lossKind(r, loss, where, in + "the loss"));
        return signs;
    }

    /**
     * How {@code loss}, computed on the case's tokens, differs from the cross-entropy of the model's own logits of
     * them: its sign flipped, its target the token at each position instead of the next one, or both.
     */
    private static List<Sign> lossKind(GptRun r, double loss, String where, String what) {
        int base = r.callsFor(Role.LOGITS).get(0);
        Tensor logits = r.array(base, "logits");
        if (logits == null || !Arrays.equals(logits.shape(), r.expected(base, "logits").shape())) {
            logits = r.expected(base, "logits");
        }
        int[][] tokens = r.plan().tokens();
        List<Sign> signs = new ArrayList<>();
        for (boolean shifted : new boolean[] {true, false}) {
            for (int sign : new int[] {-1, 1}) {
                if (shifted && sign == -1) {
                    continue;       // the right loss of the model's own logits: they, not the loss, are wrong
                }
                double h = crossEntropy(logits, tokens, shifted, sign);
                if (LOSS.close(loss, h)) {
                    if (sign == 1) {
                        signs.add(Sign.of("loss-sign-flipped", where, what + " is the mean log-likelihood of the "
                                + "targets, not its negative: the cross-entropy's minus sign is missing"));
                    }
                    if (!shifted) {
                        signs.add(Sign.of("loss-target-not-shifted", where, what + " scores each position's "
                                + "logits against the token at that same position, not the next one"));
                    }
                    return signs;
                }
            }
        }
        return signs;
    }

    /**
     * {@code sign} times the mean log-probability, under {@code logits [B, T, V]}, of the token after each position
     * ({@code shifted}) or at it, over the positions {@code 0 .. T-2}.
     */
    static double crossEntropy(Tensor logits, int[][] tokens, boolean shifted, int sign) {
        int b = (int) logits.shape()[0];
        int t = (int) logits.shape()[1];
        int v = (int) logits.shape()[2];
        if (b != tokens.length || t < 2 || t != tokens[0].length) {
            return Double.NaN;
        }
        double sum = 0;
        double[] l = logits.values();
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < t - 1; j++) {
                int at = (i * t + j) * v;
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < v; k++) {
                    max = Math.max(max, l[at + k]);
                }
                double z = 0;
                for (int k = 0; k < v; k++) {
                    z += Math.exp(l[at + k] - max);
                }
                int target = tokens[i][shifted ? j + 1 : j];
                if (target < 0 || target >= v) {
                    return Double.NaN;
                }
                sum += l[at + target] - max - Math.log(z);
            }
        }
        return sign * sum / (b * (t - 1));
    }

    /** The losses and parameters after AdamW steps, and on the first step whether the decay went through the moments. */
    private static List<Sign> train(GptRun r, int call, boolean first, String where, String in) {
        if (r.array(call, "losses") == null) {
            return List.of(noResult(r, call, "losses", where));
        }
        List<Sign> signs = new ArrayList<>();
        boolean lossesRight = Comparison.of(r.array(call, "losses"), r.expected(call, "losses"), r.tol()).passed();
        if (!lossesRight) {
            signs.add(Sign.of("train-losses-deviate", where, in + "trainStep returned other losses than the reference's"));
            if (first && r.array(call, "losses").values().length > 0) {
                // the loss before the first step is loss(tokens) on the loaded parameters
                signs.addAll(lossKind(r, r.array(call, "losses").values()[0], where, in + "the loss trainStep returned"));
            }
        }
        List<String> deviating = new ArrayList<>();
        int width = r.plan().config().dModel();
        for (String name : GptParameters.shapes(r.plan().config()).keySet()) {
            Tensor got = r.array(call, GptExecutor.PARAM + name);
            Tensor want = r.expected(call, GptExecutor.PARAM + name);
            if (got == null || !Comparison.of(withoutKeyBias(name, got, width), withoutKeyBias(name, want, width),
                    PARAMS).passed()) {
                deviating.add(name);
            }
        }
        if (deviating.isEmpty()) {
            return signs;
        }
        signs.add(Sign.of("params-deviate", where, in + "the parameters after it differ from the reference's ("
                + String.join(", ", deviating.subList(0, Math.min(3, deviating.size())))
                + (deviating.size() > 3 ? " and " + (deviating.size() - 3) + " more" : "") + ")"));
        if (first && lossesRight) {
            signs.add(Sign.of("step-wrong-loss-right", where, in + "the loss before the step is right but the step "
                    + "is not: look at the gradients or at AdamW's update"));
        }
        if (first && decayThroughMoments(r, call)) {
            signs.add(Sign.of("decay-through-moments", where, in + "the embedding rows no token of the batch uses "
                    + "(their gradient is 0) moved towards zero by a whole lr instead of by lr·wd·p: the weight decay "
                    + "went into the gradient the moments see instead of being applied to the parameter apart"));
        }
        return signs;
    }

    /**
     * Whether, on the first AdamW step from the loaded parameters {@code p}, the embedding rows no token of the batch
     * uses moved by {@code -lr·(sign(p) + wd·p)} where the reference's moved by {@code -lr·wd·p}: their gradient is
     * exactly 0 whatever else is wrong, so AdamW leaves them to the decay alone, unless the decay went through the
     * moments (then m̂/√v̂ is the sign of {@code wd·p}, a full step of lr towards zero).
     */
    private static boolean decayThroughMoments(GptRun r, int call) {
        int load = r.callsFor(Role.LOAD).isEmpty() ? -1 : r.callsFor(Role.LOAD).get(0);
        if (load < 0) {
            return false;
        }
        double lr = r.plan().config().learningRate();
        double wd = r.plan().config().weightDecay();
        int[][] tokens = r.plan().tokens();
        boolean[] usedToken = new boolean[r.plan().config().vocabSize()];
        for (int[] row : tokens) {
            for (int t : row) {
                usedToken[t] = true;
            }
        }
        int usedPositions = tokens.length == 0 ? 0 : tokens[0].length;
        List<String> names = new ArrayList<>(GptParameters.shapes(r.plan().config()).keySet());
        int checked = 0;
        for (String name : new String[] {"wte", "wpe"}) {
            int k = names.indexOf(name);
            Tensor p0 = Tensor.of(r.plan().calls().get(load).arrayArg(k));
            Tensor got = r.array(call, GptExecutor.PARAM + name);
            Tensor want = r.expected(call, GptExecutor.PARAM + name);
            if (got == null || !Arrays.equals(got.shape(), p0.shape()) || p0.shape().length != 2) {
                return false;
            }
            int width = (int) p0.shape()[1];
            for (int row = 0; row < p0.shape()[0]; row++) {
                boolean unused = name.equals("wte") ? row < usedToken.length && !usedToken[row] : row >= usedPositions;
                for (int j = 0; unused && j < width; j++) {
                    int e = row * width + j;
                    double p = p0.values()[e];
                    double decayOnly = p - lr * wd * p;
                    double throughMoments = p - lr * (Math.signum(p) + wd * p);
                    if (Math.abs(want.values()[e] - decayOnly) > 0.01 * lr || p == 0) {
                        return false;     // the reference's row moved otherwise: not a row without gradient
                    }
                    if (Math.abs(got.values()[e] - throughMoments) > 0.01 * lr) {
                        return false;
                    }
                    checked++;
                }
            }
        }
        return checked > 0;
    }

    private static Tensor withoutKeyBias(String name, Tensor bias, int width) {
        if (bias == null || !name.endsWith("attn.c_attn.bias") || bias.values().length != 3 * width) {
            return bias;
        }
        double[] v = bias.values().clone();
        Arrays.fill(v, width, 2 * width, 0);
        return new Tensor(bias.shape(), bias.dtype(), v);
    }

    /** The cache's length after each chunk, the cached logits and the layer-0 keys and values, chunk by chunk. */
    private static List<Sign> cached(GptRun r, int call, String where, String in) {
        if (r.returned(call) == null) {
            return List.of(noResult(r, call, "logits", where));
        }
        List<Sign> signs = new ArrayList<>();
        int[] chunks = GptCaseBody.of(r.plan().testCase()).cacheChunks();
        long[] want = new long[chunks.length];
        long[] sizes = new long[chunks.length];
        for (int c = 0, sum = 0; c < chunks.length; c++) {
            sum += chunks[c];
            want[c] = sum;
            sizes[c] = chunks[c];
        }
        long[] lengths = r.returned(call).numbers("lengths");
        if (!Arrays.equals(lengths, want)) {
            signs.add(Sign.of("cache-length-wrong", where, in + "cache.length() was " + Arrays.toString(lengths)
                    + " after the chunks, expected " + Arrays.toString(want)));
            if (Arrays.equals(lengths, sizes) && chunks.length > 1) {
                signs.add(Sign.of("cache-keeps-only-newest", where, in + "the cache is as long as the last chunk: it "
                        + "keeps only the newest keys and values instead of appending them to the cached ones"));
            }
        }
        Tensor logits = r.array(call, "logits");
        Tensor wantLogits = r.expected(call, "logits");
        if (logits == null || !Arrays.equals(logits.shape(), wantLogits.shape())) {
            signs.add(Sign.of("cached-logits-shape", where, in + "the cached logits have shape "
                    + (logits == null ? "none" : logits.shapeString()) + ", expected " + wantLogits.shapeString()));
        } else {
            boolean[] bad = badPositions(logits, wantLogits, r.tol());
            boolean firstBad = firstTrue(bad, 0, chunks[0]) >= 0;
            int later = firstTrue(bad, chunks[0], bad.length);
            if (firstBad) {
                signs.add(Sign.of("cached-logits-deviate:first-chunk", where, in + "the logits of the first chunk, "
                        + "read into an empty cache, differ from the reference's"));
            }
            if (later >= 0) {
                signs.add(Sign.of("cached-logits-deviate:later-chunks", where, in + "the logits of the chunks after "
                        + "the first differ from the reference's, first at position " + later));
                int base = r.callsFor(Role.LOGITS).get(0);
                Tensor uncached = r.array(base, "logits");
                if (!firstBad && uncached != null
                        && Comparison.of(uncached, r.expected(base, "logits"), r.tol()).passed()) {
                    signs.add(Sign.of("cache-path-wrong", where, in + "the uncached logits and the first chunk's are "
                            + "right, the later chunks' are not: the cached keys and values, the positions or the mask "
                            + "of a call that follows the cache are wrong"));
                }
            }
        }
        List<Sign> contents = contents(r, call, chunks[0], where, in);
        signs.addAll(contents);
        boolean laterWrong = signs.stream().anyMatch(x -> x.what().equals("cached-logits-deviate:later-chunks"));
        boolean contentsRight = contents.stream().allMatch(x -> x.what().equals("cache-contents-shape"));
        if (laterWrong && contentsRight) {
            signs.add(Sign.of("cache-right-logits-wrong", where, in + "the cache holds the reference's layer-0 keys and "
                    + "values (as far as it holds any), yet the chunks that read it give other logits: look at how a "
                    + "call after the cache attends (its mask's offset, the positions it may see)"));
        }
        return signs;
    }

    /** The cache's layer-0 keys and values against the reference's: shape, first chunk, later ones, values = keys. */
    private static List<Sign> contents(GptRun r, int call, int firstChunk, String where, String in) {
        List<Sign> signs = new ArrayList<>();
        Tensor keys = r.array(call, "key0");
        Tensor values = r.array(call, "value0");
        Tensor wantKeys = r.expected(call, "key0");
        Tensor wantValues = r.expected(call, "value0");
        if (keys == null || values == null) {
            signs.add(Sign.of("cache-empty", where, in + "the cache holds no layer-0 keys or values"));
            return signs;
        }
        if (!Arrays.equals(keys.shape(), wantKeys.shape()) || !Arrays.equals(values.shape(), wantValues.shape())) {
            signs.add(Sign.of("cache-contents-shape", where, in + "the cache's layer-0 keys have shape "
                    + keys.shapeString() + ", expected " + wantKeys.shapeString() + " [B, H, T, Dh]"));
            // a cache that kept only the last chunk still shows whether that chunk's keys and values are right
            Tensor lastKeys = lastPositions(wantKeys, keys.shape());
            Tensor lastValues = lastPositions(wantValues, values.shape());
            if (lastKeys == null || lastValues == null) {
                return signs;
            }
            wantKeys = lastKeys;
            wantValues = lastValues;
            firstChunk = 0;
        }
        String[] part = {"keys", "values"};
        Tensor[] got = {keys, values};
        Tensor[] want = {wantKeys, wantValues};
        for (int p = 0; p < 2; p++) {
            boolean[] bad = badCachePositions(got[p], want[p], r.tol());
            if (firstTrue(bad, 0, Math.min(firstChunk, bad.length)) >= 0) {
                signs.add(Sign.of("cache-" + part[p] + "-deviate:first-chunk", where, in + "the layer-0 " + part[p]
                        + " the first chunk cached differ from the reference's"));
            }
            int later = firstTrue(bad, Math.min(firstChunk, bad.length), bad.length);
            if (later >= 0) {
                signs.add(Sign.of("cache-" + part[p] + "-deviate:later-chunks", where, in + "the layer-0 " + part[p]
                        + " cached by the later chunks differ from the reference's, first at position " + later));
            }
        }
        if (Comparison.of(values, keys, r.tol()).passed() && !Comparison.of(wantValues, wantKeys, r.tol()).passed()) {
            signs.add(Sign.of("cache-values-equal-keys", where, in + "the cached values equal the cached keys: the "
                    + "values are taken from the keys' slice of the fused projection"));
        }
        return signs;
    }

    /**
     * The last {@code shape[2]} positions of a cache {@code [B, H, T, Dh]}, when {@code shape} is its shape but for
     * fewer positions; else null.
     */
    private static Tensor lastPositions(Tensor cache, long[] shape) {
        long[] s = cache.shape();
        if (s.length != 4 || shape.length != 4 || s[0] != shape[0] || s[1] != shape[1] || s[3] != shape[3]
                || shape[2] >= s[2] || shape[2] < 1) {
            return null;
        }
        int keep = (int) shape[2];
        int dh = (int) s[3];
        double[] out = new double[(int) (s[0] * s[1] * keep * dh)];
        for (int row = 0; row < s[0] * s[1]; row++) {
            System.arraycopy(cache.values(), (int) ((row * s[2] + s[2] - keep) * dh), out, row * keep * dh, keep * dh);
        }
        return new Tensor(shape.clone(), cache.dtype(), out);
    }

    /** The tokens generated with and without the cache against the reference's. */
    private static List<Sign> generate(GptRun r, int cachedCall, int uncachedCall, int g, String where, String in) {
        List<Sign> signs = new ArrayList<>();
        Tensor want = r.expected(cachedCall, "tokens");
        boolean[] wrong = new boolean[2];
        int[] calls = {cachedCall, uncachedCall};
        String[] how = {"with the cache", "without the cache"};
        String[] key = {":cache", ":no-cache"};
        for (int k = 0; k < 2; k++) {
            if (calls[k] >= r.plan().calls().size() || r.plan().roles().get(calls[k]) != (k == 0 ? Role.GENERATE_CACHED
                    : Role.GENERATE_UNCACHED)) {
                continue;
            }
            Tensor got = r.array(calls[k], "tokens");
            if (got == null) {
                signs.add(noResult(r, calls[k], "tokens", where + key[k]));
                wrong[k] = true;
                continue;
            }
            int prompt = ((io.github.kvkit.harness.Arg.Ints) r.plan().calls().get(calls[k]).arg(0)).values().length;
            int first = -1;
            for (int t = 0; t < Math.max(got.values().length, want.values().length) && first < 0; t++) {
                if (t >= got.values().length || t >= want.values().length || got.values()[t] != want.values()[t]) {
                    first = t;
                }
            }
            if (first >= 0) {
                wrong[k] = true;
                signs.add(Sign.of("generated-tokens-deviate", where + key[k], in + "generation " + g + " " + how[k]
                        + " emits other tokens than the reference's, " + (first < prompt ? "the prompt itself changed"
                        : "from new token " + (first - prompt + 1) + " on")));
            }
        }
        if (wrong[0] && !wrong[1]) {
            signs.add(Sign.of("generation-wrong-only-with-cache", where, in + "generation " + g + " emits the "
                    + "reference's tokens without the cache and other ones with it"));
        }
        return signs;
    }

    /** How the overfitting run went: a final loss below 0, or not below the first. */
    private static List<Sign> overfit(GptRun r, int call, String where, String in) {
        Tensor losses = r.array(call, "losses");
        Tensor last = r.array(call, "final");
        if (losses == null || last == null || losses.values().length == 0) {
            return List.of(noResult(r, call, "losses", where));
        }
        double start = losses.values()[0];
        double end = last.values()[0];
        double want = r.expected(call, "final").values()[0];
        if (Math.abs(end - want) <= 1e-3 + 1e-2 * Math.abs(want)) {
            return List.of();
        }
        String story = "the loss went from " + Format.number(start) + " to " + Format.number(end)
                + " (the reference's ends at " + Format.number(want) + ")";
        if (end < 0 || start < 0) {
            return List.of(Sign.of("overfit-loss-negative", where, in + story + ": a cross-entropy is never negative"));
        }
        if (!(end < start)) {
            return List.of(Sign.of("overfit-loss-not-falling", where, in + story));
        }
        return List.of(Sign.of("overfit-ends-elsewhere", where, in + story));
    }

    /** Per position {@code t} of {@code [B, T, V]} logits: whether some batch row's logits there are beyond the tolerance. */
    static boolean[] badPositions(Tensor got, Tensor want, Tolerance tol) {
        long[] s = want.shape();
        boolean[] bad = new boolean[(int) s[1]];
        for (int at = 0; at < want.values().length; at++) {
            int t = (int) ((at / s[2]) % s[1]);
            bad[t] |= !tol.close(got.values()[at], want.values()[at]);
        }
        return bad;
    }

    /** Per position {@code t} of a cache {@code [B, H, T, Dh]}: whether it deviates somewhere. */
    private static boolean[] badCachePositions(Tensor got, Tensor want, Tolerance tol) {
        long[] s = want.shape();
        boolean[] bad = new boolean[s.length == 4 ? (int) s[2] : 0];
        if (s.length != 4) {
            return bad;
        }
        for (int at = 0; at < want.values().length; at++) {
            int t = (int) ((at / s[3]) % s[2]);
            bad[t] |= !tol.close(got.values()[at], want.values()[at]);
        }
        return bad;
    }

    private static int firstTrue(boolean[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i]) {
                return i;
            }
        }
        return -1;
    }
}
