package io.github.kvkit.attention;

import io.github.kvkit.api.AttentionWeights;
import io.github.kvkit.api.KVCache;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A deliberately naive, independent implementation of the attention semantics of {@code docs/tracks/kv-attention.md},
 * used as an oracle for the reference. Everything is computed with plain loops over {@code double[]};
 * ND4J is only used to read the inputs and to wrap the results. It never calls the reference.
 *
 * <p>The softmax is written in log-sum-exp form, {@code w = exp(s - (m + log(sum exp(s - m))))}, rather
 * than the reference's {@code exp(s - m) / sum}, so that the two agree only if both are right.
 *
 * <p>Every result array is {@code DOUBLE}, whatever the inputs' type. Shapes are assumed valid apart
 * from a few sanity checks: this is an oracle, not a validator.
 */
final class NaiveAttention {

    /**
     * What one naive forward pass computes.
     *
     * @param output  {@code [B, Tq, D]}
     * @param cache   projected keys and values with the given cache prepended, {@code [B, Lk, D]}
     * @param weights softmax weights, {@code [B, H, Tq, Lk]}, exactly 0 where masked
     * @param logits  scaled scores before masking, {@code [B, H, Tq, Lk]}
     */
    record Result(INDArray output, KVCache cache, INDArray weights, INDArray logits) {
    }

    private final int dModel;
    private final int numHeads;
    private final int headDim;
    private final double[] wq, bq, wk, bk, wv, bv, wo, bo;

    NaiveAttention(int dModel, int numHeads, AttentionWeights weights) {
        if (dModel <= 0 || numHeads <= 0 || dModel % numHeads != 0) {
            throw new IllegalStateException("bad naive config dModel=" + dModel + " numHeads=" + numHeads);
        }
        this.dModel = dModel;
        this.numHeads = numHeads;
        this.headDim = dModel / numHeads;
        this.wq = values(weights.wq(), dModel * dModel);
        this.bq = values(weights.bq(), dModel);
        this.wk = values(weights.wk(), dModel * dModel);
        this.bk = values(weights.bk(), dModel);
        this.wv = values(weights.wv(), dModel * dModel);
        this.bv = values(weights.bv(), dModel);
        this.wo = values(weights.wo(), dModel * dModel);
        this.bo = values(weights.bo(), dModel);
    }

    Result forward(INDArray query, INDArray key, INDArray value, KVCache cache, boolean causal) {
        int batch = (int) query.size(0);
        int queryLen = (int) query.size(1);
        int keyLen = (int) key.size(1);
        int cachedLen = cache == null ? 0 : (int) cache.key().size(1);
        int totalLen = cachedLen + keyLen;
        int d = dModel;

        double[] q = project(values(query, batch * queryLen * d), batch * queryLen, wq, bq);
        double[] kNew = project(values(key, batch * keyLen * d), batch * keyLen, wk, bk);
        double[] vNew = project(values(value, batch * keyLen * d), batch * keyLen, wv, bv);

        // all keys/values: per batch, cached rows first, then the new ones
        double[] k = new double[batch * totalLen * d];
        double[] v = new double[batch * totalLen * d];
        double[] ck = cachedLen == 0 ? new double[0] : values(cache.key(), batch * cachedLen * d);
        double[] cv = cachedLen == 0 ? new double[0] : values(cache.value(), batch * cachedLen * d);
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < totalLen; j++) {
                for (int f = 0; f < d; f++) {
                    int dst = (b * totalLen + j) * d + f;
                    if (j < cachedLen) {
                        int src = (b * cachedLen + j) * d + f;
                        k[dst] = ck[src];
                        v[dst] = cv[src];
                    } else {
                        int src = (b * keyLen + (j - cachedLen)) * d + f;
                        k[dst] = kNew[src];
                        v[dst] = vNew[src];
                    }
                }
            }
        }

        double scale = Math.sqrt(headDim);
        int offset = totalLen - queryLen;
        double[] logits = new double[batch * numHeads * queryLen * totalLen];
        double[] weights = new double[logits.length];
        double[] context = new double[batch * queryLen * d];
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < numHeads; h++) {
                for (int i = 0; i < queryLen; i++) {
                    int row = ((b * numHeads + h) * queryLen + i) * totalLen;
                    // scores of query i against every key j, for head h
                    for (int j = 0; j < totalLen; j++) {
                        double dot = 0.0;
                        for (int e = 0; e < headDim; e++) {
                            int feature = h * headDim + e;
                            dot += q[(b * queryLen + i) * d + feature] * k[(b * totalLen + j) * d + feature];
                        }
                        logits[row + j] = dot / scale;
                    }
                    int lastVisible = causal ? Math.min(totalLen - 1, i + offset) : totalLen - 1;
                    // log-sum-exp over the visible keys
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j <= lastVisible; j++) {
                        max = Math.max(max, logits[row + j]);
                    }
                    double sum = 0.0;
                    for (int j = 0; j <= lastVisible; j++) {
                        sum += Math.exp(logits[row + j] - max);
                    }
                    double logSumExp = max + Math.log(sum);
                    for (int j = 0; j < totalLen; j++) {
                        weights[row + j] = j <= lastVisible ? Math.exp(logits[row + j] - logSumExp) : 0.0;
                    }
                    // weighted sum of the values, written straight into the merged layout
                    for (int e = 0; e < headDim; e++) {
                        int feature = h * headDim + e;
                        double acc = 0.0;
                        for (int j = 0; j < totalLen; j++) {
                            acc += weights[row + j] * v[(b * totalLen + j) * d + feature];
                        }
                        context[(b * queryLen + i) * d + feature] = acc;
                    }
                }
            }
        }
        double[] out = project(context, batch * queryLen, wo, bo);

        return new Result(
                array(out, batch, queryLen, d),
                new KVCache(array(k, batch, totalLen, d), array(v, batch, totalLen, d)),
                array(weights, batch, numHeads, queryLen, totalLen),
                array(logits, batch, numHeads, queryLen, totalLen));
    }

    /** {@code rows x D} times {@code W [D, D]} (row-major, [in, out]) plus {@code b}. */
    private double[] project(double[] x, int rows, double[] w, double[] b) {
        int d = dModel;
        double[] y = new double[rows * d];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < d; o++) {
                double acc = b[o];
                for (int in = 0; in < d; in++) {
                    acc += x[r * d + in] * w[in * d + o];
                }
                y[r * d + o] = acc;
            }
        }
        return y;
    }

    /** The values of {@code x} in 'c' order, as doubles, read from a fresh copy; never modifies {@code x}. */
    static double[] values(INDArray x) {
        INDArray copy = x.castTo(DataType.DOUBLE).dup('c');
        double[] out = new double[(int) copy.length()];
        if (out.length == 0) {
            return out;
        }
        INDArray flat = copy.reshape(new long[] {copy.length()});   // copy is 'c'-ordered and contiguous
        for (int n = 0; n < out.length; n++) {
            out[n] = flat.getDouble(n);
        }
        return out;
    }

    private static double[] values(INDArray x, int expectedLength) {
        double[] out = values(x);
        if (out.length != expectedLength) {
            throw new IllegalStateException("naive attention expected " + expectedLength + " values, got "
                    + out.length);
        }
        return out;
    }

    private static INDArray array(double[] data, long... shape) {
        return Nd4j.create(data, shape, DataType.DOUBLE);
    }
}
