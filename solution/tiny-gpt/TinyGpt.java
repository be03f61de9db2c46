package io.github.kvkit.tinygpt;

import io.github.kvkit.gpt.GptCache;
import io.github.kvkit.gpt.GptConfig;
import io.github.kvkit.gpt.TinyLanguageModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

/**
 * A tiny decoder-only GPT that trains itself with AdamW and generates greedily, with or without a key/value cache.
 * The architecture, the parameter names and every constant are in {@code docs/tracks/tiny-gpt.md}.
 *
 * <p>Shapes: B batch, T new positions, P cached positions, N = B·T rows, C = dModel, H heads, Dh = C / H,
 * V vocabulary. Activations are kept as {@code [N, C]} rows, attention as {@code [B, H, T, Dh]}; a linear layer
 * computes {@code x @ W + b} with {@code W} stored {@code [in, out]}.
 *
 * <p>The backward pass is written by hand, next to the forward it differentiates, rather than left to
 * SameDiff: the loss, the gradients and the optimizer stay plain code that one file shows whole, and the
 * gradients are checked against finite differences in double precision ({@code TinyGptTest}).
 */
public class TinyGpt implements TinyLanguageModel {

    /** GPT-2's initialisation: weights and embeddings from N(0, 0.02²). */
    private static final double INIT_STD = 0.02;
    private static final double LN_EPS = 1e-5;
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double ADAM_EPS = 1e-8;
    /** sqrt(2/π), of GELU's tanh approximation. */
    private static final double GELU_K = Math.sqrt(2.0 / Math.PI);
    /** Dropout on the embeddings while training; the spec's model trains without it. */
    private static final double DROPOUT = 0.0;

    private final GptConfig config;
    private final DataType dtype;
    private final int vocab;
    private final int block;
    private final int width;
    private final int heads;
    private final int headDim;
    private final int layers;
    private final double scale;
    private final Map<String, INDArray> params = new LinkedHashMap<>();
    /** AdamW's running means of each parameter's gradient and squared gradient, flat in 'c' order. */
    private final Map<String, double[]> firstMoment = new LinkedHashMap<>();
    private final Map<String, double[]> secondMoment = new LinkedHashMap<>();
    /** AdamW steps taken so far. */
    private int step;

    /** A float32 model, initialised from {@code config.seed()}. */
    public TinyGpt(GptConfig config) {
        this(config, DataType.FLOAT);
    }

    /** The same model in another precision: the gradient check runs it in double. */
    TinyGpt(GptConfig config, DataType dtype) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        if (config.vocabSize() < 1 || config.blockSize() < 1 || config.dModel() < 1 || config.numHeads() < 1
                || config.numLayers() < 1 || config.dModel() % config.numHeads() != 0) {
            throw new IllegalArgumentException("config needs positive sizes and dModel divisible by numHeads, got " + config);
        }
        this.config = config;
        this.dtype = dtype;
        this.vocab = config.vocabSize();
        this.block = config.blockSize();
        this.width = config.dModel();
        this.heads = config.numHeads();
        this.headDim = width / heads;
        this.layers = config.numLayers();
        this.scale = 1.0 / Math.sqrt(headDim);                   // each head's scores are divided by sqrt(Dh)
        init(new Random(config.seed()));
    }

    // ------------------------------------------------------------------ parameters

    /** Every parameter in the spec's order, each drawn from the one seeded generator in that order. */
    private void init(Random rng) {
        params.put("wte", normal(rng, INIT_STD, vocab, width));                   // [V, C]
        params.put("wpe", normal(rng, INIT_STD, block, width));                   // [block, C]
        for (int l = 0; l < layers; l++) {
            String h = "h." + l + ".";
            params.put(h + "ln_1.weight", Nd4j.ones(dtype, width));               // [C]
            params.put(h + "ln_1.bias", Nd4j.zeros(dtype, width));                // [C]
            params.put(h + "attn.c_attn.weight", normal(rng, INIT_STD, width, 3 * width)); // [C, 3C]
            params.put(h + "attn.c_attn.bias", Nd4j.zeros(dtype, 3 * width));     // [3C]
            params.put(h + "attn.c_proj.weight", normal(rng, INIT_STD, width, width)); // [C, C]
            params.put(h + "attn.c_proj.bias", Nd4j.zeros(dtype, width));         // [C]
            params.put(h + "ln_2.weight", Nd4j.ones(dtype, width));               // [C]
            params.put(h + "ln_2.bias", Nd4j.zeros(dtype, width));                // [C]
            params.put(h + "mlp.c_fc.weight", normal(rng, INIT_STD, width, 4 * width)); // [C, 4C]
            params.put(h + "mlp.c_fc.bias", Nd4j.zeros(dtype, 4 * width));        // [4C]
            params.put(h + "mlp.c_proj.weight", normal(rng, INIT_STD, 4 * width, width)); // [4C, C]
            params.put(h + "mlp.c_proj.bias", Nd4j.zeros(dtype, width));          // [C]
        }
        params.put("ln_f.weight", Nd4j.ones(dtype, width));                       // [C]
        params.put("ln_f.bias", Nd4j.zeros(dtype, width));                        // [C]
        // the head has weights of its own: GPT-2 ties them to wte, this model does not
        params.put("lm_head.weight", normal(rng, INIT_STD, width, vocab));         // [C, V]
        params.forEach((name, p) -> {
            firstMoment.put(name, new double[(int) p.length()]);
            secondMoment.put(name, new double[(int) p.length()]);
        });
    }

    private INDArray normal(Random rng, double std, int rows, int cols) {
        double[] values = new double[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = std * rng.nextGaussian();
        }
        return Nd4j.create(values, new long[] {rows, cols}, DataType.DOUBLE).castTo(dtype);
    }

    @Override
    public Map<String, INDArray> parameters() {
        return Collections.unmodifiableMap(params);
    }

    private INDArray p(String name) {
        return params.get(name);
    }

    // ------------------------------------------------------------------ the contract

    @Override
    public INDArray logits(int[][] tokens) {
        int t = checkTokens(tokens, "tokens", 0);
        return forward(tokens, null, null).reshape('c', tokens.length, t, vocab);     // [B, T, V]
    }

    @Override
    public INDArray logits(int[][] newTokens, GptCache cache) {
        if (cache == null) {
            throw new IllegalArgumentException("cache must not be null; pass new GptCache(" + layers + ")");
        }
        if (cache.numLayers() != layers) {
            throw new IllegalArgumentException("cache has " + cache.numLayers() + " layers, the model " + layers);
        }
        int t = checkTokens(newTokens, "newTokens", cache.length());
        if (cache.length() > 0 && cache.key(0).size(0) != newTokens.length) {
            throw new IllegalArgumentException("cache holds a batch of " + cache.key(0).size(0)
                    + " sequences, newTokens has " + newTokens.length);
        }
        return forward(newTokens, cache, null).reshape('c', newTokens.length, t, vocab);  // [B, Tnew, V]
    }

    @Override
    public double loss(int[][] tokens) {
        checkTrainingTokens(tokens);
        return crossEntropy(forward(tokens, null, null), tokens, null);
    }

    @Override
    public double trainStep(int[][] tokens) {
        Gradients g = gradients(tokens);
        adamw(g.byName());
        return g.loss();
    }

    /** The loss on {@code tokens} and its gradient with respect to every parameter, by name. */
    Gradients gradients(int[][] tokens) {
        checkTrainingTokens(tokens);
        Trace trace = new Trace(layers);
        INDArray logits = forward(tokens, null, trace);                            // [N, V]
        INDArray dlogits = Nd4j.create(dtype, logits.shape());                     // [N, V]
        double loss = crossEntropy(logits, tokens, dlogits);
        return new Gradients(loss, backward(trace, dlogits));
    }

    @Override
    public int[] generate(int[] prompt, int newTokens, boolean useCache) {
        if (prompt == null || prompt.length == 0) {
            throw new IllegalArgumentException("prompt must hold at least one token");
        }
        if (newTokens < 0 || prompt.length + newTokens > block) {
            throw new IllegalArgumentException("prompt length + newTokens must be at most blockSize=" + block
                    + ", got " + prompt.length + " + " + newTokens);
        }
        checkTokens(new int[][] {prompt}, "prompt", 0);
        int[] seq = Arrays.copyOf(prompt, prompt.length + newTokens);
        GptCache cache = new GptCache(layers);
        for (int n = prompt.length; n < seq.length; n++) {
            INDArray last;                                                         // [V]
            if (useCache) {
                // the prompt once, then only the token chosen last
                int[] feed = cache.length() == 0 ? Arrays.copyOf(seq, n) : new int[] {seq[n - 1]};
                last = logits(new int[][] {feed}, cache).get(point(0), point(feed.length - 1), all());
            } else {
                last = logits(new int[][] {Arrays.copyOf(seq, n)}).get(point(0), point(n - 1), all());
            }
            seq[n] = argmax(last);
        }
        return seq;
    }

    /** The lowest id among the largest logits. */
    private static int argmax(INDArray logits) {
        double[] v = logits.castTo(DataType.DOUBLE).toDoubleVector();
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    // ------------------------------------------------------------------ forward

    /**
     * Logits {@code [N, V]} of {@code tokens}, which follow the positions the cache holds (none without one).
     * Reads and grows the cache when given one; records what the backward pass needs when given a trace.
     */
    private INDArray forward(int[][] tokens, GptCache cache, Trace trace) {
        int b = tokens.length;
        int t = tokens[0].length;
        int past = cache == null ? 0 : cache.length();
        int[] ids = new int[b * t];
        int[] pos = new int[b * t];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < t; j++) {
                ids[i * t + j] = tokens[i][j];
                pos[i * t + j] = past + j;                                         // positions continue the cache
            }
        }
        // token and position embeddings, summed
        INDArray x = p("wte").getRows(ids).addi(p("wpe").getRows(pos));            // [N, C]
        if (trace != null) {
            trace.ids = ids;
            trace.pos = pos;
            trace.dropMask = dropoutMask(x);
            x.muli(trace.dropMask);
        }
        INDArray mask = causalMask(t, past);                                       // [T, P+T]
        for (int l = 0; l < layers; l++) {
            String h = "h." + l + ".";
            // attention sub-block: x + proj(attention(ln_1(x)))
            Norm n1 = layerNorm(x, p(h + "ln_1.weight"), p(h + "ln_1.bias"));
            INDArray qkv = linear(n1.out, p(h + "attn.c_attn.weight"), p(h + "attn.c_attn.bias")); // [N, 3C]
            INDArray q = splitHeads(qkv, 0, b, t);                                 // [B, H, T, Dh]
            INDArray k = splitHeads(qkv, 1, b, t);                                 // [B, H, T, Dh]
            INDArray v = splitHeads(qkv, 2, b, t);                                 // [B, H, T, Dh]
            // the cached positions' keys and values come first, then this call's
            INDArray keys = past == 0 ? k : Nd4j.concat(2, cache.key(l), k);       // [B, H, P+T, Dh]
            INDArray values = past == 0 ? v : Nd4j.concat(2, cache.value(l), v);   // [B, H, P+T, Dh]
            if (cache != null) {
                cache.set(l, keys, values);
            }
            INDArray[] attended = attention(q, keys, values, mask);
            INDArray probs = attended[0];                                          // [B, H, T, P+T]
            INDArray y = attended[1];                                              // [N, C]
            x = x.add(linear(y, p(h + "attn.c_proj.weight"), p(h + "attn.c_proj.bias")));
            // MLP sub-block: x + proj(gelu(fc(ln_2(x))))
            Norm n2 = layerNorm(x, p(h + "ln_2.weight"), p(h + "ln_2.bias"));
            INDArray pre = linear(n2.out, p(h + "mlp.c_fc.weight"), p(h + "mlp.c_fc.bias")); // [N, 4C]
            INDArray act = gelu(pre);                                              // [N, 4C]
            x = x.add(linear(act, p(h + "mlp.c_proj.weight"), p(h + "mlp.c_proj.bias")));
            if (trace != null) {
                trace.layers.add(new LayerTrace(n1, q, k, v, probs, y, n2, pre, act));
            }
        }
        Norm nf = layerNorm(x, p("ln_f.weight"), p("ln_f.bias"));
        if (trace != null) {
            trace.finalNorm = nf;
        }
        return nf.out.mmul(p("lm_head.weight"));                                   // [N, V]
    }

    /** Query i of T new ones, at position P + i, sees keys 0 .. P + i: 0 there, -inf after. */
    private INDArray causalMask(int t, int past) {
        INDArray mask = Nd4j.zeros(dtype, t, past + t);                            // [T, P+T]
        for (int i = 0; i < t; i++) {
            for (int j = past + i + 1; j < past + t; j++) {
                mask.putScalar(i, j, Double.NEGATIVE_INFINITY);
            }
        }
        return mask;
    }

    /** Scaled dot-product attention of every batch row and head at once; returns the probabilities and the merged heads. */
    private INDArray[] attention(INDArray q, INDArray keys, INDArray values, INDArray mask) {
        long b = q.size(0);
        long t = q.size(2);
        long s = keys.size(2);
        INDArray scores = Nd4j.matmul(q, keys, false, true, false).muli(scale)    // [B, H, T, S]
                .reshape('c', b * heads * t, s).addi(Nd4j.tile(mask, (int) (b * heads), 1)); // [B·H·T, S]
        INDArray probs = softmaxRows(scores).reshape('c', b, heads, t, s);         // [B, H, T, S]
        return new INDArray[] {probs, mergeHeads(Nd4j.matmul(probs, values))};     // [N, C]
    }

    /** Part {@code part} (0 query, 1 key, 2 value) of the fused projection, one head per slice. */
    private INDArray splitHeads(INDArray qkv, int part, int b, int t) {
        return qkv.get(all(), interval(part * width, (part + 1) * width)).dup('c')   // [N, C]
                .reshape('c', b, t, heads, headDim).permute(0, 2, 1, 3).dup('c');  // [B, H, T, Dh]
    }

    private INDArray mergeHeads(INDArray x) {
        long b = x.size(0);
        long t = x.size(2);
        return x.permute(0, 2, 1, 3).dup('c').reshape('c', b * t, width);          // [N, C]
    }

    private static INDArray linear(INDArray x, INDArray w, INDArray bias) {
        return x.mmul(w).addiRowVector(bias);
    }

    /** GELU, GPT-2's tanh approximation: 0.5·x·(1 + tanh(k·(x + 0.044715·x³))). */
    private static INDArray gelu(INDArray x) {
        INDArray inner = x.add(x.mul(x).muli(x).muli(0.044715)).muli(GELU_K);
        return x.mul(Transforms.tanh(inner, true).addi(1)).muli(0.5);
    }

    /** LayerNorm over the features of each row, with what its backward pass needs. */
    private static Norm layerNorm(INDArray x, INDArray gain, INDArray bias) {
        INDArray centred = x.subColumnVector(x.mean(true, 1));                     // [N, C]
        INDArray variance = centred.mul(centred).mean(true, 1);                    // [N, 1], biased
        INDArray rstd = Transforms.pow(variance.addi(LN_EPS), -0.5, false);       // [N, 1]
        INDArray xhat = centred.muliColumnVector(rstd);                            // [N, C]
        return new Norm(xhat.mulRowVector(gain).addiRowVector(bias), xhat, rstd);
    }

    private static INDArray softmaxRows(INDArray x) {
        INDArray e = Transforms.exp(x.subColumnVector(x.max(true, 1)), false);     // shifted by the row's max
        return e.diviColumnVector(e.sum(true, 1));
    }

    /** Keep-and-rescale factors for the embeddings ({@link #DROPOUT}), drawn from the seed and the step. */
    private INDArray dropoutMask(INDArray x) {
        if (DROPOUT == 0) {
            return Nd4j.onesLike(x);
        }
        Random rng = new Random(config.seed() * 31 + step);
        double[] keep = new double[(int) x.length()];
        for (int i = 0; i < keep.length; i++) {
            keep[i] = rng.nextDouble() < DROPOUT ? 0 : 1 / (1 - DROPOUT);
        }
        return Nd4j.create(keep, x.shape(), DataType.DOUBLE).castTo(dtype);
    }

    // ------------------------------------------------------------------ loss

    /**
     * The mean next-token cross-entropy over the B·(T-1) positions that have a next token; fills {@code dlogits}
     * (when given) with its gradient, zero at each sequence's last position.
     */
    private double crossEntropy(INDArray logits, int[][] tokens, INDArray dlogits) {
        int b = tokens.length;
        int t = tokens[0].length;
        int count = b * (t - 1);
        INDArray shifted = logits.subColumnVector(logits.max(true, 1));            // [N, V]
        INDArray logProbs = shifted.subColumnVector(Transforms.log(Transforms.exp(shifted, true).sum(true, 1), false)); // [N, V]
        double sign = -1;                                                          // the NEGATIVE log-likelihood
        double sum = 0;
        INDArray onehot = Nd4j.zeros(dtype, logits.shape());                       // [N, V]
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < t - 1; j++) {
                int target = tokens[i][j + 1];                                     // position j predicts the next token
                sum += logProbs.getDouble(i * t + j, target);
                onehot.putScalar(i * t + j, target, 1);
            }
        }
        if (dlogits != null) {
            // d(sign·mean log p)/dlogits = sign·(onehot − p)/count, on the rows that have a target
            INDArray grad = onehot.subi(Transforms.exp(logProbs, true)).muli(sign / count);
            for (int i = 0; i < b; i++) {
                grad.getRow((long) i * t + t - 1).assign(0);
            }
            dlogits.assign(grad);
        }
        return sign * sum / count;
    }

    // ------------------------------------------------------------------ backward

    /** Gradients of the loss with respect to every parameter, by name, from the forward pass's trace. */
    private Map<String, INDArray> backward(Trace trace, INDArray dlogits) {
        Map<String, INDArray> g = new LinkedHashMap<>();
        params.forEach((name, p) -> g.put(name, Nd4j.zerosLike(p)));
        // LM head and final LayerNorm
        g.get("lm_head.weight").addi(trace.finalNorm.out.transpose().mmul(dlogits));
        INDArray dx = dlogits.mmul(p("lm_head.weight").transpose());              // [N, C]
        dx = layerNormBackward(dx, trace.finalNorm, p("ln_f.weight"), g.get("ln_f.weight"), g.get("ln_f.bias"));
        for (int l = layers - 1; l >= 0; l--) {
            String h = "h." + l + ".";
            LayerTrace lt = trace.layers.get(l);
            // MLP sub-block; the residual passes dx through unchanged
            INDArray dact = linearBackward(dx, lt.act, p(h + "mlp.c_proj.weight"), g.get(h + "mlp.c_proj.weight"),
                    g.get(h + "mlp.c_proj.bias"));                                 // [N, 4C]
            INDArray dpre = geluBackward(lt.pre, dact);                            // [N, 4C]
            INDArray dn2 = linearBackward(dpre, lt.n2.out, p(h + "mlp.c_fc.weight"), g.get(h + "mlp.c_fc.weight"),
                    g.get(h + "mlp.c_fc.bias"));                                   // [N, C]
            dx = dx.add(layerNormBackward(dn2, lt.n2, p(h + "ln_2.weight"), g.get(h + "ln_2.weight"),
                    g.get(h + "ln_2.bias")));
            // attention sub-block
            INDArray dy = linearBackward(dx, lt.y, p(h + "attn.c_proj.weight"), g.get(h + "attn.c_proj.weight"),
                    g.get(h + "attn.c_proj.bias"));                                // [N, C]
            INDArray dqkv = attentionBackward(dy, lt);                             // [N, 3C]
            INDArray dn1 = linearBackward(dqkv, lt.n1.out, p(h + "attn.c_attn.weight"),
                    g.get(h + "attn.c_attn.weight"), g.get(h + "attn.c_attn.bias")); // [N, C]
            dx = dx.add(layerNormBackward(dn1, lt.n1, p(h + "ln_1.weight"), g.get(h + "ln_1.weight"),
                    g.get(h + "ln_1.bias")));
        }
        // embeddings: each row's gradient goes to its token's and its position's row
        dx.muli(trace.dropMask);
        g.get("wte").addi(oneHot(trace.ids, vocab).transpose().mmul(dx));         // [V, C]
        g.get("wpe").addi(oneHot(trace.pos, block).transpose().mmul(dx));         // [block, C]
        return g;
    }

    /** {@code [ids.length, n]}: row r is 1 at column ids[r], 0 elsewhere. */
    private INDArray oneHot(int[] ids, int n) {
        INDArray out = Nd4j.zeros(dtype, ids.length, n);
        for (int r = 0; r < ids.length; r++) {
            out.putScalar(r, ids[r], 1);
        }
        return out;
    }

    /** Accumulates {@code x^T·dy} and the column sums of {@code dy} into the weight's and bias's gradients; returns dx. */
    private static INDArray linearBackward(INDArray dy, INDArray x, INDArray w, INDArray dw, INDArray db) {
        dw.addi(x.transpose().mmul(dy));
        db.addi(dy.sum(0));
        return dy.mmul(w.transpose());
    }

    private static INDArray geluBackward(INDArray x, INDArray dout) {
        INDArray x2 = x.mul(x);
        INDArray tanh = Transforms.tanh(x.add(x2.mul(x).muli(0.044715)).muli(GELU_K), false);
        // d/dx 0.5·x·(1 + tanh(u)) = 0.5·(1 + tanh) + 0.5·x·(1 − tanh²)·k·(1 + 3·0.044715·x²)
        INDArray sech2 = tanh.mul(tanh).rsubi(1);
        INDArray local = tanh.add(1).muli(0.5).addi(x.mul(sech2).muli(x2.muli(3 * 0.044715).addi(1)).muli(0.5 * GELU_K));
        return local.muli(dout);
    }

    private static INDArray layerNormBackward(INDArray dout, Norm n, INDArray gain, INDArray dgain, INDArray dbias) {
        dgain.addi(dout.mul(n.xhat).sum(0));
        dbias.addi(dout.sum(0));
        INDArray dxhat = dout.mulRowVector(gain);                                  // [N, C]
        // dx = rstd·(dxhat − mean(dxhat) − xhat·mean(dxhat·xhat))
        INDArray meanDxhat = dxhat.mean(true, 1);                                  // [N, 1]
        INDArray meanDxhatXhat = dxhat.mul(n.xhat).mean(true, 1);                  // [N, 1]
        return dxhat.subColumnVector(meanDxhat).subi(n.xhat.mulColumnVector(meanDxhatXhat)).muliColumnVector(n.rstd);
    }

    /** The gradient of the fused q/k/v projection's output, {@code [N, 3C]}, from that of the merged heads. */
    private INDArray attentionBackward(INDArray dy, LayerTrace lt) {
        long b = lt.q.size(0);
        long t = lt.q.size(2);
        INDArray dout = dy.reshape('c', b, t, heads, headDim).permute(0, 2, 1, 3).dup('c'); // [B, H, T, Dh]
        INDArray dv = Nd4j.matmul(lt.probs, dout, true, false, false);             // [B, H, T, Dh]
        INDArray dp = Nd4j.matmul(dout, lt.v, false, true, false).reshape('c', b * heads * t, t); // [B·H·T, T]
        INDArray p = lt.probs.reshape('c', b * heads * t, t);                      // [B·H·T, T]
        // softmax backward: ds = p·(dp − Σ p·dp), then the scale
        INDArray ds = p.mul(dp.subColumnVector(p.mul(dp).sum(true, 1))).muli(scale)
                .reshape('c', b, heads, t, t);                                     // [B, H, T, T]
        INDArray dq = Nd4j.matmul(ds, lt.k);                                       // [B, H, T, Dh]
        INDArray dk = Nd4j.matmul(ds, lt.q, true, false, false);                   // [B, H, T, Dh]
        return Nd4j.concat(1, mergeHeads(dq), mergeHeads(dk), mergeHeads(dv));     // [N, 3C]
    }

    // ------------------------------------------------------------------ optimizer

    /**
     * One AdamW step, element by element in double: m and v are running means of the gradient and its square, the
     * step is their bias-corrected ratio, and the decay is decoupled: p ← p − lr·(m̂/(√v̂ + ε) + wd·p).
     */
    private void adamw(Map<String, INDArray> grads) {
        step++;
        double lr = config.learningRate();
        double wd = config.weightDecay();
        double correction1 = 1 - Math.pow(BETA1, step);
        double correction2 = 1 - Math.pow(BETA2, step);
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            double[] p = e.getValue().ravel().castTo(DataType.DOUBLE).toDoubleVector();
            double[] g = grads.get(e.getKey()).ravel().castTo(DataType.DOUBLE).toDoubleVector();
            double[] m = firstMoment.get(e.getKey());
            double[] v = secondMoment.get(e.getKey());
            for (int i = 0; i < p.length; i++) {
                double grad = g[i];                                                // the moments see the loss's gradient only
                m[i] = BETA1 * m[i] + (1 - BETA1) * grad;
                v[i] = BETA2 * v[i] + (1 - BETA2) * grad * grad;
                double mHat = m[i] / correction1;
                double vHat = v[i] / correction2;
                p[i] -= lr * (mHat / (Math.sqrt(vHat) + ADAM_EPS) + wd * p[i]);
            }
            // in place: callers hold the parameter arrays
            e.getValue().assign(Nd4j.create(p, e.getValue().shape(), DataType.DOUBLE));
        }
    }

    // ------------------------------------------------------------------ input checks

    /** Checks a [B][T] token array that follows {@code past} cached positions; returns T. */
    private int checkTokens(int[][] tokens, String name, int past) {
        if (tokens == null || tokens.length == 0 || tokens[0] == null || tokens[0].length == 0) {
            throw new IllegalArgumentException(name + " must hold at least one sequence of at least one token");
        }
        int t = tokens[0].length;
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] == null || tokens[i].length != t) {
                throw new IllegalArgumentException(name + "[" + i + "] must hold " + t + " tokens like " + name + "[0]");
            }
            for (int j = 0; j < t; j++) {
                if (tokens[i][j] < 0 || tokens[i][j] >= vocab) {
                    throw new IllegalArgumentException(name + "[" + i + "][" + j + "] = " + tokens[i][j]
                            + " is outside the vocabulary 0.." + (vocab - 1));
                }
            }
        }
        if (past + t > block) {
            throw new IllegalArgumentException(name + " reaches position " + (past + t) + " (" + past + " cached + "
                    + t + " new), beyond blockSize=" + block);
        }
        return t;
    }

    private void checkTrainingTokens(int[][] tokens) {
        if (checkTokens(tokens, "tokens", 0) < 2) {
            throw new IllegalArgumentException("tokens need at least 2 positions to predict a next token");
        }
    }

    // ------------------------------------------------------------------ what backward reads

    /** A loss and its gradient with respect to each parameter. */
    record Gradients(double loss, Map<String, INDArray> byName) {
    }

    /** A LayerNorm's output, its normalised input and the reciprocal standard deviation of each row. */
    private record Norm(INDArray out, INDArray xhat, INDArray rstd) {
    }

    /** One block's activations. */
    private record LayerTrace(Norm n1, INDArray q, INDArray k, INDArray v, INDArray probs, INDArray y, Norm n2,
                              INDArray pre, INDArray act) {
    }

    /** What a training forward pass keeps for the backward pass. */
    private static final class Trace {
        final List<LayerTrace> layers;
        int[] ids;
        int[] pos;
        INDArray dropMask;
        Norm finalNorm;

        Trace(int numLayers) {
            layers = new ArrayList<>(numLayers);
        }
    }
}
