package io.github.kvkit.llamablock;

import io.github.kvkit.llama.BlockConfig;
import io.github.kvkit.llama.BlockWeights;
import io.github.kvkit.llama.StaticKVCache;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A deliberately naive, independent implementation of {@code docs/tracks/llama-block.md}, the oracle of the
 * reference's tests: plain loops over {@code double}, one query head and one token at a time. ND4J only reads the
 * inputs, writes the cache element by element and wraps the output. It never calls the reference.
 *
 * <p>It computes differently where it can: the mean square as a sum divided by D, the kv head as
 * {@code h * KvH / H}, the angle as {@code p / theta^(2i/Dh)}, the rotation as a complex product, the softmax in
 * log-sum-exp form, and it attends while it writes (each token's key and value go to the cache before the next
 * token is normed). The output is {@code DOUBLE}, whatever x's type.
 */
final class NaiveLlamaBlock {

    private final BlockConfig c;
    private final int headDim;
    private final double[] gain;
    private final double[][] wq;
    private final double[][] wk;
    private final double[][] wv;
    private final double[][] wo;

    NaiveLlamaBlock(BlockConfig config, BlockWeights weights) {
        this.c = config;
        this.headDim = config.dModel() / config.numHeads();
        this.gain = weights.attnNorm().castTo(DataType.DOUBLE).dup().data().asDouble();
        this.wq = matrix(weights.wq());
        this.wk = matrix(weights.wk());
        this.wv = matrix(weights.wv());
        this.wo = matrix(weights.wo());
    }

    /** x + attention(rmsnorm(x)) for tokens at positions pos .., writing their keys and values into {@code cache}. */
    INDArray forward(INDArray x, StaticKVCache cache, int pos) {
        int batch = (int) x.size(0);
        int tokens = (int) x.size(1);
        int d = c.dModel();
        double[] out = new double[batch * tokens * d];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < tokens; t++) {
                double[] row = new double[d];
                for (int f = 0; f < d; f++) {
                    row[f] = x.getDouble(b, t, f);
                }
                double[] attended = token(row, cache, b, pos + t);
                for (int f = 0; f < d; f++) {
                    out[(b * tokens + t) * d + f] = row[f] + attended[f];
                }
            }
        }
        return Nd4j.create(out, new long[] {batch, tokens, d}, DataType.DOUBLE);
    }

    /** One token at position p of batch row b: writes its key and value, attends over positions 0 .. p. */
    private double[] token(double[] row, StaticKVCache cache, int b, int p) {
        int d = c.dModel();
        double sum = 0;
        for (double v : row) {
            sum += v * v;
        }
        double norm = 1.0 / Math.sqrt(sum / d + c.rmsEps());
        double[] h = new double[d];
        for (int f = 0; f < d; f++) {
            h[f] = row[f] * norm * gain[f];
        }
        double[] q = times(h, wq);
        double[] k = times(h, wk);
        double[] v = times(h, wv);
        for (int head = 0; head < c.numHeads(); head++) {
            rotate(q, head * headDim, p);
        }
        for (int g = 0; g < c.numKvHeads(); g++) {
            rotate(k, g * headDim, p);
            for (int e = 0; e < headDim; e++) {
                cache.key().putScalar(new long[] {b, g, p, e}, k[g * headDim + e]);
                cache.value().putScalar(new long[] {b, g, p, e}, v[g * headDim + e]);
            }
        }
        double[] context = new double[c.numHeads() * headDim];
        for (int head = 0; head < c.numHeads(); head++) {
            int g = head * c.numKvHeads() / c.numHeads();
            double[] logits = new double[p + 1];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j <= p; j++) {
                double dot = 0;
                for (int e = 0; e < headDim; e++) {
                    dot += q[head * headDim + e] * cache.key().getDouble(b, g, j, e);
                }
                logits[j] = dot / Math.sqrt(headDim);
                max = Math.max(max, logits[j]);
            }
            double total = 0;
            for (double s : logits) {
                total += Math.exp(s - max);
            }
            double logSum = max + Math.log(total);
            for (int j = 0; j <= p; j++) {
                double w = Math.exp(logits[j] - logSum);
                for (int e = 0; e < headDim; e++) {
                    context[head * headDim + e] += w * cache.value().getDouble(b, g, j, e);
                }
            }
        }
        return times(context, wo);
    }

    /** Multiplies each pair (x[2i], x[2i+1]) of one head, read as the complex number x[2i] + i·x[2i+1], by e^(iθ). */
    private void rotate(double[] x, int from, int p) {
        for (int i = 0; i < headDim / 2; i++) {
            double angle = p / Math.pow(c.ropeTheta(), 2.0 * i / headDim);
            double re = x[from + 2 * i];
            double im = x[from + 2 * i + 1];
            x[from + 2 * i] = re * Math.cos(angle) - im * Math.sin(angle);
            x[from + 2 * i + 1] = re * Math.sin(angle) + im * Math.cos(angle);
        }
    }

    private static double[] times(double[] row, double[][] w) {
        double[] out = new double[w[0].length];
        for (int i = 0; i < row.length; i++) {
            for (int o = 0; o < out.length; o++) {
                out[o] += row[i] * w[i][o];
            }
        }
        return out;
    }

    private static double[][] matrix(INDArray a) {
        double[][] out = new double[(int) a.size(0)][(int) a.size(1)];
        for (int i = 0; i < out.length; i++) {
            for (int o = 0; o < out[i].length; o++) {
                out[i][o] = a.getDouble(i, o);
            }
        }
        return out;
    }
}
