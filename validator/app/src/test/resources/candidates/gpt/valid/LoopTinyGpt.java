import io.github.kvkit.gpt.GptCache;
import io.github.kvkit.gpt.GptConfig;
import io.github.kvkit.gpt.TinyLanguageModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A correct tiny-gpt candidate written without ND4J arithmetic: the parameters are copied into double[] at the start
 * of every call, each sequence runs through its own loops, the gradients are written out by hand, and AdamW's
 * moments are kept in double. The INDArrays of {@link #parameters()} stay the source of truth: a train step writes
 * its result back into them. It draws its initial weights from a {@link SplittableRandom}, not the reference's
 * generator. Default package, any class name.
 */
public class LoopTinyGpt implements TinyLanguageModel {

    /** A block's twelve parameters, in the spec's order; the constants below index them. */
    private static final String[] BLOCK = {"ln_1.weight", "ln_1.bias", "attn.c_attn.weight", "attn.c_attn.bias",
            "attn.c_proj.weight", "attn.c_proj.bias", "ln_2.weight", "ln_2.bias", "mlp.c_fc.weight", "mlp.c_fc.bias",
            "mlp.c_proj.weight", "mlp.c_proj.bias"};
    private static final int LN1_W = 0, LN1_B = 1, QKV_W = 2, QKV_B = 3, PROJ_W = 4, PROJ_B = 5;
    private static final int LN2_W = 6, LN2_B = 7, FC_W = 8, FC_B = 9, OUT_W = 10, OUT_B = 11;
    private static final int WTE = 0, WPE = 1;
    private static final double LN_EPS = 1e-5;
    private static final double BETA1 = 0.9, BETA2 = 0.999, ADAM_EPS = 1e-8;
    private static final double GELU_K = Math.sqrt(2 / Math.PI);

    private final int vocab;
    private final int block;      // blockSize
    private final int width;      // C
    private final int heads;      // H
    private final int headWidth;  // Dh = C / H
    private final int layers;     // L
    private final int hidden;     // 4C
    private final double lr;
    private final double wd;
    private final int lnfW;       // index of ln_f.weight; ln_f.bias and lm_head.weight follow
    private final int lnfB;
    private final int head;
    private final INDArray[] arrays;                 // the spec's parameters, in its order
    private final Map<String, INDArray> byName;
    private final double[][] m;                      // AdamW's first moments, one per parameter
    private final double[][] v;                      // and its second moments
    private int steps;                               // AdamW steps taken

    public LoopTinyGpt(GptConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config is null, expected a GptConfig");
        }
        positive("vocabSize", config.vocabSize());
        positive("blockSize", config.blockSize());
        positive("dModel", config.dModel());
        positive("numHeads", config.numHeads());
        positive("numLayers", config.numLayers());
        if (config.dModel() % config.numHeads() != 0) {
            throw new IllegalArgumentException("dModel=" + config.dModel() + " is not a multiple of numHeads="
                    + config.numHeads());
        }
        vocab = config.vocabSize();
        block = config.blockSize();
        width = config.dModel();
        heads = config.numHeads();
        headWidth = width / heads;
        layers = config.numLayers();
        hidden = 4 * width;
        lr = config.learningRate();
        wd = config.weightDecay();
        lnfW = 2 + BLOCK.length * layers;
        lnfB = lnfW + 1;
        head = lnfW + 2;

        // the parameters by name and shape, each drawn or set as the spec's table says
        SplittableRandom random = new SplittableRandom(config.seed());
        Map<String, INDArray> named = new LinkedHashMap<>();
        arrays = new INDArray[head + 1];
        arrays[WTE] = put(named, "wte", normal(random, vocab, width));
        arrays[WPE] = put(named, "wpe", normal(random, block, width));
        for (int l = 0; l < layers; l++) {
            long[][] shapes = {{width}, {width}, {width, 3L * width}, {3L * width}, {width, width}, {width},
                    {width}, {width}, {width, hidden}, {hidden}, {hidden, width}, {width}};
            for (int k = 0; k < BLOCK.length; k++) {
                INDArray a = k == LN1_W || k == LN2_W ? Nd4j.ones(DataType.FLOAT, shapes[k])
                        : shapes[k].length == 2 ? normal(random, shapes[k][0], shapes[k][1])
                        : Nd4j.zeros(DataType.FLOAT, shapes[k]);
                arrays[at(l, k)] = put(named, "h." + l + "." + BLOCK[k], a);
            }
        }
        arrays[lnfW] = put(named, "ln_f.weight", Nd4j.ones(DataType.FLOAT, width));
        arrays[lnfB] = put(named, "ln_f.bias", Nd4j.zeros(DataType.FLOAT, width));
        arrays[head] = put(named, "lm_head.weight", normal(random, width, vocab));
        byName = Collections.unmodifiableMap(named);
        m = new double[arrays.length][];
        v = new double[arrays.length][];
        for (int i = 0; i < arrays.length; i++) {
            m[i] = new double[(int) arrays[i].length()];
            v[i] = new double[(int) arrays[i].length()];
        }
    }

    @Override
    public Map<String, INDArray> parameters() {
        return byName;
    }

    @Override
    public INDArray logits(int[][] tokens) {
        int n = checkTokens("tokens", tokens, 0, 1);
        double[][] w = read();
        double[] out = new double[tokens.length * n * vocab];   // [B, T, V]
        for (int b = 0; b < tokens.length; b++) {
            Trace tr = forward(w, tokens[b], 0, new double[layers][heads][n][headWidth],
                    new double[layers][heads][n][headWidth]);
            copyRows(tr.logits, out, b * n * vocab);
        }
        return Nd4j.create(out, new long[] {tokens.length, n, vocab}, DataType.DOUBLE).castTo(DataType.FLOAT);
    }

    @Override
    public INDArray logits(int[][] newTokens, GptCache cache) {
        int past = checkCache(cache);
        int n = checkTokens("newTokens", newTokens, past, 1);
        checkCacheBatch(cache, newTokens.length);
        int batch = newTokens.length;
        int total = past + n;
        double[][] w = read();
        // every sequence's keys and values, [B][L][H][P+T][Dh]: the cached ones first
        double[][][][][] keys = new double[batch][layers][heads][total][headWidth];
        double[][][][][] values = new double[batch][layers][heads][total][headWidth];
        for (int l = 0; l < layers && past > 0; l++) {
            double[] k = flat(cache.key(l));
            double[] val = flat(cache.value(l));
            for (int b = 0; b < batch; b++) {
                for (int h = 0; h < heads; h++) {
                    for (int j = 0; j < past; j++) {
                        int from = ((b * heads + h) * past + j) * headWidth;
                        keys[b][l][h][j] = Arrays.copyOfRange(k, from, from + headWidth);
                        values[b][l][h][j] = Arrays.copyOfRange(val, from, from + headWidth);
                    }
                }
            }
        }
        // the new positions, which the forward pass appends to keys and values: logits [B, T, V]
        double[] out = new double[batch * n * vocab];
        for (int b = 0; b < batch; b++) {
            copyRows(forward(w, newTokens[b], past, keys[b], values[b]).logits, out, b * n * vocab);
        }
        // the grown cache, [B, H, P+T, Dh] per layer
        for (int l = 0; l < layers; l++) {
            double[] k = new double[batch * heads * total * headWidth];
            double[] val = new double[k.length];
            for (int b = 0; b < batch; b++) {
                for (int h = 0; h < heads; h++) {
                    for (int j = 0; j < total; j++) {
                        int to = ((b * heads + h) * total + j) * headWidth;
                        System.arraycopy(keys[b][l][h][j], 0, k, to, headWidth);
                        System.arraycopy(values[b][l][h][j], 0, val, to, headWidth);
                    }
                }
            }
            long[] shape = {batch, heads, total, headWidth};
            cache.set(l, Nd4j.create(k, shape, DataType.DOUBLE).castTo(DataType.FLOAT),
                    Nd4j.create(val, shape, DataType.DOUBLE).castTo(DataType.FLOAT));
        }
        return Nd4j.create(out, new long[] {batch, n, vocab}, DataType.DOUBLE).castTo(DataType.FLOAT);
    }

    @Override
    public double loss(int[][] tokens) {
        int n = checkTokens("tokens", tokens, 0, 2);
        double[][] w = read();
        double sum = 0;
        for (int[] row : tokens) {
            Trace tr = forward(w, row, 0, new double[layers][heads][n][headWidth], new double[layers][heads][n][headWidth]);
            sum += crossEntropy(tr.logits, row, null, 0);
        }
        return sum / (tokens.length * (n - 1));
    }

    @Override
    public double trainStep(int[][] tokens) {
        int n = checkTokens("tokens", tokens, 0, 2);
        double[][] w = read();
        double[][] g = new double[w.length][];
        for (int i = 0; i < w.length; i++) {
            g[i] = new double[w[i].length];
        }
        // forward and backward per sequence; every prediction weighs 1 / (B·(T−1)) in the mean
        int count = tokens.length * (n - 1);
        double sum = 0;
        for (int[] row : tokens) {
            Trace tr = forward(w, row, 0, new double[layers][heads][n][headWidth], new double[layers][heads][n][headWidth]);
            double[][] dLogits = new double[n][vocab];
            sum += crossEntropy(tr.logits, row, dLogits, 1.0 / count);
            backward(w, tr, dLogits, g);
        }
        // AdamW on every parameter, the decay kept out of the moments
        steps++;
        double correct1 = 1 - Math.pow(BETA1, steps);
        double correct2 = 1 - Math.pow(BETA2, steps);
        for (int i = 0; i < w.length; i++) {
            for (int j = 0; j < w[i].length; j++) {
                m[i][j] = BETA1 * m[i][j] + (1 - BETA1) * g[i][j];
                v[i][j] = BETA2 * v[i][j] + (1 - BETA2) * g[i][j] * g[i][j];
                double mHat = m[i][j] / correct1;
                double vHat = v[i][j] / correct2;
                w[i][j] -= lr * (mHat / (Math.sqrt(vHat) + ADAM_EPS) + wd * w[i][j]);
            }
            arrays[i].assign(Nd4j.create(w[i], arrays[i].shape(), DataType.DOUBLE).castTo(arrays[i].dataType()));
        }
        return sum / count;
    }

    @Override
    public int[] generate(int[] prompt, int newTokens, boolean useCache) {
        if (prompt == null || prompt.length == 0) {
            throw new IllegalArgumentException("prompt is " + (prompt == null ? "null" : "empty")
                    + ", expected at least one token");
        }
        if (newTokens < 0) {
            throw new IllegalArgumentException("newTokens=" + newTokens + ", expected 0 or more");
        }
        if (prompt.length + newTokens > block) {
            throw new IllegalArgumentException("prompt.length=" + prompt.length + " + newTokens=" + newTokens
                    + " is longer than blockSize=" + block);
        }
        checkTokens("prompt", new int[][] {prompt}, 0, 1);
        int[] out = Arrays.copyOf(prompt, prompt.length + newTokens);
        GptCache cache = useCache ? new GptCache(layers) : null;
        for (int i = prompt.length; i < out.length; i++) {
            // uncached: the whole sequence so far; cached: the prompt once, then the token chosen last
            INDArray logits = !useCache ? logits(new int[][] {Arrays.copyOf(out, i)})
                    : logits(new int[][] {i == prompt.length ? prompt.clone() : new int[] {out[i - 1]}}, cache);
            long last = logits.size(1) - 1;
            int best = 0;
            for (int id = 1; id < vocab; id++) {
                if (logits.getDouble(0, last, id) > logits.getDouble(0, last, best)) {
                    best = id;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /** What one sequence's forward pass keeps for the backward pass: per layer, each [T][...] by position. */
    private final class Trace {
        final int[] ids;
        final double[][][] x = new double[layers + 1][][];    // the residual stream entering block l, [T][C]
        final double[][][] xhat1 = new double[layers][][];    // ln_1 before gain and bias, [T][C]
        final double[][] rstd1 = new double[layers][];        // ln_1's 1/√(var+eps), [T]
        final double[][][] a1 = new double[layers][][];       // ln_1's output, [T][C]
        final double[][][] qkv = new double[layers][][];      // [T][3C]
        final double[][][][] probs = new double[layers][][][]; // [H][T][positions seen]
        final double[][][][] keys;                            // [L][H][P+T][Dh]
        final double[][][][] values;
        final double[][][] y = new double[layers][][];        // heads merged, [T][C]
        final double[][][] mid = new double[layers][][];      // after the attention's residual, [T][C]
        final double[][][] xhat2 = new double[layers][][];
        final double[][] rstd2 = new double[layers][];
        final double[][][] a2 = new double[layers][][];
        final double[][][] pre = new double[layers][][];      // c_fc's output, [T][4C]
        final double[][][] act = new double[layers][][];      // GELU of it, [T][4C]
        double[][] xhatF;
        double[] rstdF;
        double[][] aF;                                        // ln_f's output, [T][C]
        double[][] logits;                                    // [T][V]

        Trace(int[] ids, double[][][][] keys, double[][][][] values) {
            this.ids = ids;
            this.keys = keys;
            this.values = values;
        }
    }

    /**
     * One sequence's forward pass: {@code ids} at positions {@code past ..}; {@code keys} and {@code values}
     * ([L][H][P+T][Dh]) hold the past positions' and receive this call's.
     */
    private Trace forward(double[][] w, int[] ids, int past, double[][][][] keys, double[][][][] values) {
        int n = ids.length;
        Trace tr = new Trace(ids, keys, values);
        // token plus position embeddings: [T, C]
        double[][] x = new double[n][width];
        for (int t = 0; t < n; t++) {
            for (int c = 0; c < width; c++) {
                x[t][c] = w[WTE][ids[t] * width + c] + w[WPE][(past + t) * width + c];
            }
        }
        double scale = 1 / Math.sqrt(headWidth);
        for (int l = 0; l < layers; l++) {
            tr.x[l] = x;
            // pre-LayerNorm and the fused projection: [T, 3C], query | key | value
            tr.xhat1[l] = new double[n][];
            tr.rstd1[l] = new double[n];
            tr.a1[l] = layerNorm(x, w[at(l, LN1_W)], w[at(l, LN1_B)], tr.xhat1[l], tr.rstd1[l]);
            double[][] qkv = affine(tr.a1[l], w[at(l, QKV_W)], w[at(l, QKV_B)], 3 * width);
            tr.qkv[l] = qkv;
            // this call's keys and values follow the cached ones: [H][P+T][Dh]
            for (int t = 0; t < n; t++) {
                for (int h = 0; h < heads; h++) {
                    keys[l][h][past + t] = Arrays.copyOfRange(qkv[t], width + h * headWidth, width + (h + 1) * headWidth);
                    values[l][h][past + t] = Arrays.copyOfRange(qkv[t], 2 * width + h * headWidth,
                            2 * width + (h + 1) * headWidth);
                }
            }
            // causal attention per head: query i sees positions 0 .. past + i; y is [T, C]
            double[][] y = new double[n][width];
            tr.probs[l] = new double[heads][n][];
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < n; i++) {
                    int seen = past + i + 1;
                    double[] p = new double[seen];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < seen; j++) {
                        double dot = 0;
                        for (int e = 0; e < headWidth; e++) {
                            dot += qkv[i][h * headWidth + e] * keys[l][h][j][e];
                        }
                        p[j] = dot * scale;
                        max = Math.max(max, p[j]);
                    }
                    double sum = 0;
                    for (int j = 0; j < seen; j++) {
                        p[j] = Math.exp(p[j] - max);
                        sum += p[j];
                    }
                    for (int j = 0; j < seen; j++) {
                        p[j] /= sum;
                        for (int e = 0; e < headWidth; e++) {
                            y[i][h * headWidth + e] += p[j] * values[l][h][j][e];
                        }
                    }
                    tr.probs[l][h][i] = p;
                }
            }
            tr.y[l] = y;
            // the attention's projection, added to the residual stream
            tr.mid[l] = add(x, affine(y, w[at(l, PROJ_W)], w[at(l, PROJ_B)], width));
            // the MLP on ln_2 of it: [T, 4C] and back to [T, C], added to the residual stream
            tr.xhat2[l] = new double[n][];
            tr.rstd2[l] = new double[n];
            tr.a2[l] = layerNorm(tr.mid[l], w[at(l, LN2_W)], w[at(l, LN2_B)], tr.xhat2[l], tr.rstd2[l]);
            tr.pre[l] = affine(tr.a2[l], w[at(l, FC_W)], w[at(l, FC_B)], hidden);
            tr.act[l] = new double[n][hidden];
            for (int t = 0; t < n; t++) {
                for (int j = 0; j < hidden; j++) {
                    double z = tr.pre[l][t][j];
                    tr.act[l][t][j] = 0.5 * z * (1 + Math.tanh(GELU_K * (z + 0.044715 * z * z * z)));
                }
            }
            x = add(tr.mid[l], affine(tr.act[l], w[at(l, OUT_W)], w[at(l, OUT_B)], width));
        }
        tr.x[layers] = x;
        // the final LayerNorm and the head, no bias: [T, V]
        tr.xhatF = new double[n][];
        tr.rstdF = new double[n];
        tr.aF = layerNorm(x, w[lnfW], w[lnfB], tr.xhatF, tr.rstdF);
        tr.logits = affine(tr.aF, w[head], null, vocab);
        return tr;
    }

    /** Adds the gradient of one sequence's share of the loss to {@code g}, from its logits' gradient [T][V]. */
    private void backward(double[][] w, Trace tr, double[][] dLogits, double[][] g) {
        // the head and ln_f
        double[][] dA = affineBack(tr.aF, w[head], dLogits, g[head], null);
        double[][] dx = layerNormBack(dA, w[lnfW], tr.xhatF, tr.rstdF, g[lnfW], g[lnfB]);
        for (int l = layers - 1; l >= 0; l--) {
            // the MLP: x = mid + GELU(ln_2(mid)·W_fc + b_fc)·W_out + b_out
            double[][] dAct = affineBack(tr.act[l], w[at(l, OUT_W)], dx, g[at(l, OUT_W)], g[at(l, OUT_B)]);
            double[][] dPre = new double[dAct.length][hidden];
            for (int t = 0; t < dAct.length; t++) {
                for (int j = 0; j < hidden; j++) {
                    double z = tr.pre[l][t][j];
                    double th = Math.tanh(GELU_K * (z + 0.044715 * z * z * z));
                    double slope = 0.5 * (1 + th) + 0.5 * z * (1 - th * th) * GELU_K * (1 + 3 * 0.044715 * z * z);
                    dPre[t][j] = dAct[t][j] * slope;
                }
            }
            double[][] dA2 = affineBack(tr.a2[l], w[at(l, FC_W)], dPre, g[at(l, FC_W)], g[at(l, FC_B)]);
            double[][] dMid = add(dx, layerNormBack(dA2, w[at(l, LN2_W)], tr.xhat2[l], tr.rstd2[l],
                    g[at(l, LN2_W)], g[at(l, LN2_B)]));
            // the attention: mid = x + y·W_proj + b_proj
            double[][] dy = affineBack(tr.y[l], w[at(l, PROJ_W)], dMid, g[at(l, PROJ_W)], g[at(l, PROJ_B)]);
            double[][] dQkv = attentionBack(tr, l, dy);
            double[][] dA1 = affineBack(tr.a1[l], w[at(l, QKV_W)], dQkv, g[at(l, QKV_W)], g[at(l, QKV_B)]);
            dx = add(dMid, layerNormBack(dA1, w[at(l, LN1_W)], tr.xhat1[l], tr.rstd1[l], g[at(l, LN1_W)],
                    g[at(l, LN1_B)]));
        }
        // the embeddings: the token's row and the position's row
        for (int t = 0; t < tr.ids.length; t++) {
            for (int c = 0; c < width; c++) {
                g[WTE][tr.ids[t] * width + c] += dx[t][c];
                g[WPE][t * width + c] += dx[t][c];
            }
        }
    }

    /** The gradient of the fused q|k|v, [T][3C], from that of the merged heads' output dy [T][C] (no cache). */
    private double[][] attentionBack(Trace tr, int l, double[][] dy) {
        int n = dy.length;
        double scale = 1 / Math.sqrt(headWidth);
        double[][] dQkv = new double[n][3 * width];
        for (int h = 0; h < heads; h++) {
            int q0 = h * headWidth;
            int k0 = width + h * headWidth;
            int v0 = 2 * width + h * headWidth;
            for (int i = 0; i < n; i++) {
                double[] p = tr.probs[l][h][i];
                // through y_i = Σ_j p_j v_j: dp_j and dv_j
                double[] dp = new double[i + 1];
                double mean = 0;
                for (int j = 0; j <= i; j++) {
                    for (int e = 0; e < headWidth; e++) {
                        dp[j] += dy[i][q0 + e] * tr.values[l][h][j][e];
                        dQkv[j][v0 + e] += p[j] * dy[i][q0 + e];
                    }
                    mean += p[j] * dp[j];
                }
                // through the softmax, then the scaled dot products q_i·k_j
                for (int j = 0; j <= i; j++) {
                    double dScore = p[j] * (dp[j] - mean) * scale;
                    for (int e = 0; e < headWidth; e++) {
                        dQkv[i][q0 + e] += dScore * tr.keys[l][h][j][e];
                        dQkv[j][k0 + e] += dScore * tr.qkv[l][i][q0 + e];
                    }
                }
            }
        }
        return dQkv;
    }

    /**
     * Σ over positions with a next token of −log softmax(logits[t])[ids[t+1]]; when {@code dLogits} is given, fills
     * it with that sum's gradient times {@code weight} (the last position's row stays 0).
     */
    private double crossEntropy(double[][] logits, int[] ids, double[][] dLogits, double weight) {
        double sum = 0;
        for (int t = 0; t + 1 < ids.length; t++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double z : logits[t]) {
                max = Math.max(max, z);
            }
            double total = 0;
            for (double z : logits[t]) {
                total += Math.exp(z - max);
            }
            double logSum = max + Math.log(total);
            sum += logSum - logits[t][ids[t + 1]];
            if (dLogits != null) {
                for (int k = 0; k < vocab; k++) {
                    dLogits[t][k] = weight * (Math.exp(logits[t][k] - logSum) - (k == ids[t + 1] ? 1 : 0));
                }
            }
        }
        return sum;
    }

    /** LN over each row with the biased variance; keeps x̂ and 1/√(var+eps) per row for the backward pass. */
    private double[][] layerNorm(double[][] x, double[] gain, double[] bias, double[][] xhat, double[] rstd) {
        double[][] out = new double[x.length][width];
        for (int t = 0; t < x.length; t++) {
            double mean = 0;
            for (double value : x[t]) {
                mean += value / width;
            }
            double var = 0;
            for (double value : x[t]) {
                var += (value - mean) * (value - mean) / width;
            }
            rstd[t] = 1 / Math.sqrt(var + LN_EPS);
            xhat[t] = new double[width];
            for (int c = 0; c < width; c++) {
                xhat[t][c] = (x[t][c] - mean) * rstd[t];
                out[t][c] = xhat[t][c] * gain[c] + bias[c];
            }
        }
        return out;
    }

    /** LN's input gradient from its output's; adds the gain's and bias's gradients to dGain and dBias. */
    private double[][] layerNormBack(double[][] dOut, double[] gain, double[][] xhat, double[] rstd, double[] dGain,
                                     double[] dBias) {
        double[][] dx = new double[dOut.length][width];
        for (int t = 0; t < dOut.length; t++) {
            double[] dXhat = new double[width];
            double mean = 0;
            double meanTimesXhat = 0;
            for (int c = 0; c < width; c++) {
                dGain[c] += dOut[t][c] * xhat[t][c];
                dBias[c] += dOut[t][c];
                dXhat[c] = dOut[t][c] * gain[c];
                mean += dXhat[c] / width;
                meanTimesXhat += dXhat[c] * xhat[t][c] / width;
            }
            for (int c = 0; c < width; c++) {
                dx[t][c] = rstd[t] * (dXhat[c] - mean - xhat[t][c] * meanTimesXhat);
            }
        }
        return dx;
    }

    /** in·W + b for each row: in [T][I], W [I·out] stored [in, out], b [out] or null; [T][out]. */
    private static double[][] affine(double[][] in, double[] weight, double[] bias, int out) {
        double[][] result = new double[in.length][out];
        for (int t = 0; t < in.length; t++) {
            if (bias != null) {
                System.arraycopy(bias, 0, result[t], 0, out);
            }
            for (int i = 0; i < in[t].length; i++) {
                for (int o = 0; o < out; o++) {
                    result[t][o] += in[t][i] * weight[i * out + o];
                }
            }
        }
        return result;
    }

    /** The input gradient of {@link #affine}, [T][I]; adds W's gradient to dWeight and b's to dBias (if given). */
    private static double[][] affineBack(double[][] in, double[] weight, double[][] dOut, double[] dWeight,
                                         double[] dBias) {
        int out = dOut[0].length;
        double[][] dIn = new double[in.length][in[0].length];
        for (int t = 0; t < in.length; t++) {
            for (int o = 0; o < out && dBias != null; o++) {
                dBias[o] += dOut[t][o];
            }
            for (int i = 0; i < in[t].length; i++) {
                for (int o = 0; o < out; o++) {
                    dWeight[i * out + o] += in[t][i] * dOut[t][o];
                    dIn[t][i] += weight[i * out + o] * dOut[t][o];
                }
            }
        }
        return dIn;
    }

    private static double[][] add(double[][] a, double[][] b) {
        double[][] sum = new double[a.length][a[0].length];
        for (int t = 0; t < a.length; t++) {
            for (int c = 0; c < a[t].length; c++) {
                sum[t][c] = a[t][c] + b[t][c];
            }
        }
        return sum;
    }

    /** The parameters as they are now (the validator may have assigned them), in the spec's order. */
    private double[][] read() {
        double[][] w = new double[arrays.length][];
        for (int i = 0; i < arrays.length; i++) {
            w[i] = flat(arrays[i]);
        }
        return w;
    }

    /** T, after refusing what the spec refuses: no or empty rows, ragged rows, too long, ids out of range. */
    private int checkTokens(String name, int[][] tokens, int past, int least) {
        if (tokens == null || tokens.length == 0) {
            throw new IllegalArgumentException(name + " is " + (tokens == null ? "null" : "empty")
                    + ", expected at least one sequence");
        }
        for (int b = 0; b < tokens.length; b++) {
            if (tokens[b] == null || tokens[b].length == 0) {
                throw new IllegalArgumentException(name + "[" + b + "] is " + (tokens[b] == null ? "null" : "empty")
                        + ", expected at least one token");
            }
            if (tokens[b].length != tokens[0].length) {
                throw new IllegalArgumentException(name + "[" + b + "] has " + tokens[b].length + " tokens but "
                        + name + "[0] has " + tokens[0].length + ", expected rows of equal length");
            }
            for (int t = 0; t < tokens[b].length; t++) {
                if (tokens[b][t] < 0 || tokens[b][t] >= vocab) {
                    throw new IllegalArgumentException(name + "[" + b + "][" + t + "]=" + tokens[b][t]
                            + " is outside the vocabulary 0.." + (vocab - 1));
                }
            }
        }
        int n = tokens[0].length;
        if (past + n > block) {
            throw new IllegalArgumentException(name + " has " + n + " positions" + (past > 0 ? " after " + past
                    + " cached" : "") + ", " + (past + n) + " in all, longer than blockSize=" + block);
        }
        if (n < least) {
            throw new IllegalArgumentException(name + " has " + n + " position, expected at least " + least
                    + " so that some position has a next token");
        }
        return n;
    }

    /** P, after refusing a null cache or one of another number of layers. */
    private int checkCache(GptCache cache) {
        if (cache == null) {
            throw new IllegalArgumentException("cache is null, expected a GptCache");
        }
        if (cache.numLayers() != layers) {
            throw new IllegalArgumentException("cache has " + cache.numLayers() + " layers, expected " + layers);
        }
        return cache.length();
    }

    /** Refuses a cache filled by a batch of another size than {@code batch} (or holding other shapes). */
    private void checkCacheBatch(GptCache cache, long batch) {
        int past = cache.length();
        for (int l = 0; l < layers && past > 0; l++) {
            long[] want = {batch, heads, past, headWidth};
            for (INDArray part : new INDArray[] {cache.key(l), cache.value(l)}) {
                if (part == null || !Arrays.equals(part.shape(), want)) {
                    throw new IllegalArgumentException("cache layer " + l + " holds "
                            + (part == null ? "null" : Arrays.toString(part.shape())) + ", expected "
                            + Arrays.toString(want) + " for a batch of " + batch);
                }
            }
        }
    }

    private int at(int layer, int k) {
        return 2 + BLOCK.length * layer + k;
    }

    private static INDArray put(Map<String, INDArray> named, String name, INDArray a) {
        named.put(name, a);
        return a;
    }

    /** rows × cols draws of N(0, 0.02²), float32. */
    private static INDArray normal(SplittableRandom random, long rows, long cols) {
        double[] values = new double[(int) (rows * cols)];
        for (int i = 0; i < values.length; i++) {
            values[i] = 0.02 * random.nextGaussian();
        }
        return Nd4j.create(values, new long[] {rows, cols}, DataType.DOUBLE).castTo(DataType.FLOAT);
    }

    private static void copyRows(double[][] rows, double[] out, int offset) {
        for (double[] row : rows) {
            System.arraycopy(row, 0, out, offset, row.length);
            offset += row.length;
        }
    }

    private static double[] flat(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + "=" + value + ", expected a positive number");
        }
    }
}
