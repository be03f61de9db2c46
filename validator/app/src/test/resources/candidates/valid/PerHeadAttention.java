package org.example.alt;

import io.github.kvkit.api.AttentionResult;
import io.github.kvkit.api.AttentionWeights;
import io.github.kvkit.api.CachedAttention;
import io.github.kvkit.api.KVCache;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A correct candidate built very differently from the reference: it keeps its weights as DOUBLE copies and
 * casts them to the query's type on every call, loops over batch and heads with 2-D matrix products, masks
 * with a large negative number instead of -inf, and normalises with log-sum-exp.
 */
public class PerHeadAttention implements CachedAttention {

    private final int d;
    private final int h;
    private final int dh;
    private final int max;
    private INDArray[] w;   // wq bq wk bk wv bv wo bo, as DOUBLE copies

    public PerHeadAttention(int dModel, int numHeads, int maxCacheLen) {
        if (dModel < 1 || numHeads < 1 || maxCacheLen < 1 || dModel % numHeads != 0) {
            throw new IllegalArgumentException("need positive sizes with dModel % numHeads == 0, got dModel=" + dModel
                    + " numHeads=" + numHeads + " maxCacheLen=" + maxCacheLen);
        }
        d = dModel;
        h = numHeads;
        dh = dModel / numHeads;
        max = maxCacheLen;
    }

    @Override
    public void loadWeights(AttentionWeights a) {
        if (a == null) {
            throw new IllegalArgumentException("weights must not be null");
        }
        INDArray[] in = {a.wq(), a.bq(), a.wk(), a.bk(), a.wv(), a.bv(), a.wo(), a.bo()};
        INDArray[] copy = new INDArray[8];
        for (int i = 0; i < 8; i++) {
            long[] want = i % 2 == 0 ? new long[] {d, d} : new long[] {d};
            if (in[i] == null || !java.util.Arrays.equals(in[i].shape(), want)) {
                throw new IllegalArgumentException("weight " + i + " must have shape " + java.util.Arrays.toString(want)
                        + ", got " + (in[i] == null ? "null" : java.util.Arrays.toString(in[i].shape())));
            }
            copy[i] = in[i].castTo(DataType.DOUBLE).dup('c');
        }
        w = copy;
    }

    @Override
    public AttentionResult forward(INDArray q, INDArray k, INDArray v, KVCache cache, boolean causal) {
        check(q, "query");
        check(k, "key");
        check(v, "value");
        long b = q.size(0);
        long tq = q.size(1);
        long tk = k.size(1);
        if (k.size(0) != b || v.size(0) != b || v.size(1) != tk) {
            throw new IllegalArgumentException("key/value must be [" + b + ", " + tk + ", " + d + "], got key "
                    + java.util.Arrays.toString(k.shape()) + " value " + java.util.Arrays.toString(v.shape()));
        }
        long c = 0;
        if (cache != null) {
            if (cache.key() == null || cache.value() == null || cache.key().rank() != 3
                    || !java.util.Arrays.equals(cache.key().shape(), cache.value().shape())
                    || cache.key().size(0) != b || cache.key().size(2) != d) {
                throw new IllegalArgumentException("cache must hold two [" + b + ", len, " + d + "] arrays");
            }
            c = cache.key().size(1);
        }
        long lk = c + tk;
        if (lk > max) {
            throw new IllegalArgumentException("cache would hold " + lk + " positions, maxCacheLen is " + max);
        }
        if (causal && tq > lk) {
            throw new IllegalArgumentException("causal: queryLen " + tq + " > keys " + lk);
        }
        DataType t = q.dataType();
        INDArray qp = proj(q, 0, t);                                // [B, Tq, D]
        INDArray kp = proj(k, 2, t);
        INDArray vp = proj(v, 4, t);
        if (c > 0) {
            kp = Nd4j.concat(1, cache.key().castTo(t), kp);
            vp = Nd4j.concat(1, cache.value().castTo(t), vp);
        }
        INDArray weights = Nd4j.create(t, b, h, tq, lk);
        INDArray ctx = Nd4j.create(t, b, tq, d);
        double scale = 1.0 / Math.sqrt(dh);
        for (long n = 0; n < b; n++) {
            for (int head = 0; head < h; head++) {
                INDArray qh = qp.get(NDArrayIndex.point(n), NDArrayIndex.all(), NDArrayIndex.interval(head * dh, (head + 1) * dh)).dup('c');
                INDArray kh = kp.get(NDArrayIndex.point(n), NDArrayIndex.all(), NDArrayIndex.interval(head * dh, (head + 1) * dh)).dup('c');
                INDArray vh = vp.get(NDArrayIndex.point(n), NDArrayIndex.all(), NDArrayIndex.interval(head * dh, (head + 1) * dh)).dup('c');
                INDArray s = qh.mmul(kh.transpose()).muli(scale);    // [Tq, Lk]
                if (causal) {
                    for (long i = 0; i < tq; i++) {
                        for (long j = i + lk - tq + 1; j < lk; j++) {
                            s.putScalar(new long[] {i, j}, -1e9);
                        }
                    }
                }
                INDArray lse = Transforms.log(Transforms.exp(s.subColumnVector(s.max(1)), true).sum(1), false)
                        .addi(s.max(1));                            // [Tq]
                INDArray p = Transforms.exp(s.subColumnVector(lse), false);   // [Tq, Lk]
                weights.get(NDArrayIndex.point(n), NDArrayIndex.point(head), NDArrayIndex.all(), NDArrayIndex.all()).assign(p);
                ctx.get(NDArrayIndex.point(n), NDArrayIndex.all(), NDArrayIndex.interval(head * dh, (head + 1) * dh))
                        .assign(p.mmul(vh));
            }
        }
        INDArray out = ctx.reshape(b * tq, d).mmul(w[6].castTo(t)).addiRowVector(w[7].castTo(t)).reshape(b, tq, d);
        return new AttentionResult(out, new KVCache(kp, vp), weights);
    }

    private INDArray proj(INDArray x, int i, DataType type) {
        long b = x.size(0);
        long len = x.size(1);
        return x.castTo(type).dup('c').reshape(b * len, d).mmul(w[i].castTo(type)).addiRowVector(w[i + 1].castTo(type))
                .reshape(b, len, d);
    }

    private void check(INDArray x, String name) {
        if (x == null || x.rank() != 3 || x.size(2) != d || x.size(0) < 1 || x.size(1) < 1) {
            throw new IllegalArgumentException(name + " must be [batch, length, " + d + "], got "
                    + (x == null ? "null" : java.util.Arrays.toString(x.shape())));
        }
    }
}
