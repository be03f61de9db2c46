package edu.example.student;

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
 * A correct candidate in a package, with a nested helper class and a nested record, so that compiling it
 * yields several class files. Heads and batch entries are handled one at a time with ND4J views.
 */
public final class PackagedAttention implements CachedAttention {

    /** One projection x·W + b. */
    static final class Projection {
        private final INDArray weight;
        private final INDArray bias;

        Projection(INDArray weight, INDArray bias) {
            this.weight = weight.castTo(DataType.DOUBLE).dup();
            this.bias = bias.castTo(DataType.DOUBLE).dup();
        }

        /** [B, T, D] -> [B, T, D], in double. */
        INDArray apply(INDArray x) {
            long b = x.size(0);
            long t = x.size(1);
            long d = x.size(2);
            INDArray rows = x.castTo(DataType.DOUBLE).dup('c').reshape('c', b * t, d);
            return rows.mmul(weight).addiRowVector(bias).reshape('c', b, t, weight.size(1));
        }
    }

    /** The sizes of one forward call. */
    record Dims(int batch, int queryLen, int keyLen, int cachedLen) {
        int totalLen() {
            return cachedLen + keyLen;
        }
    }

    private final int dModel;
    private final int numHeads;
    private final int maxCacheLen;
    private Projection q;
    private Projection k;
    private Projection v;
    private Projection o;

    public PackagedAttention(int dModel, int numHeads, int maxCacheLen) {
        if (dModel <= 0 || numHeads <= 0 || maxCacheLen <= 0 || dModel % numHeads != 0) {
            throw new IllegalArgumentException("bad sizes dModel=" + dModel + ", numHeads=" + numHeads
                    + ", maxCacheLen=" + maxCacheLen + ", expected positive sizes and numHeads dividing dModel");
        }
        this.dModel = dModel;
        this.numHeads = numHeads;
        this.maxCacheLen = maxCacheLen;
        INDArray eye = Nd4j.eye(dModel).castTo(DataType.DOUBLE);
        INDArray zero = Nd4j.zeros(DataType.DOUBLE, dModel);
        q = new Projection(eye, zero);
        k = q;
        v = q;
        o = q;
    }

    @Override
    public void loadWeights(AttentionWeights weights) {
        if (weights == null) {
            throw new IllegalArgumentException("weights must not be null");
        }
        INDArray[] all = {weights.wq(), weights.bq(), weights.wk(), weights.bk(), weights.wv(), weights.bv(),
                weights.wo(), weights.bo()};
        String[] names = {"wq", "bq", "wk", "bk", "wv", "bv", "wo", "bo"};
        for (int i = 0; i < all.length; i++) {
            long[] expected = i % 2 == 0 ? new long[] {dModel, dModel} : new long[] {dModel};
            require(all[i] != null && java.util.Arrays.equals(all[i].shape(), expected),
                    names[i] + " must have shape " + java.util.Arrays.toString(expected));
        }
        q = new Projection(weights.wq(), weights.bq());
        k = new Projection(weights.wk(), weights.bk());
        v = new Projection(weights.wv(), weights.bv());
        o = new Projection(weights.wo(), weights.bo());
    }

    @Override
    public AttentionResult forward(INDArray query, INDArray key, INDArray value, KVCache cache, boolean useCausalMask) {
        for (INDArray x : new INDArray[] {query, key, value}) {
            require(x != null && x.rank() == 3 && x.size(0) > 0 && x.size(1) > 0 && x.size(2) == dModel
                    && x.dataType().isFPType(), "query, key and value must be non-empty [batch, length, dModel] "
                    + "FLOAT or DOUBLE arrays");
        }
        require(key.size(0) == query.size(0) && value.size(0) == query.size(0), "batch sizes differ");
        require(value.size(1) == key.size(1), "key and value lengths differ");
        if (cache != null) {
            require(cache.key() != null && cache.value() != null && cache.key().rank() == 3
                    && java.util.Arrays.equals(cache.key().shape(), cache.value().shape())
                    && cache.key().size(0) == query.size(0) && cache.key().size(2) == dModel,
                    "the cache must hold two [batch, cached, dModel] arrays of the query's batch");
        }
        int cached = cache == null ? 0 : (int) cache.key().size(1);
        Dims dims = new Dims((int) query.size(0), (int) query.size(1), (int) key.size(1), cached);
        require(dims.totalLen() <= maxCacheLen, "cache overflow: " + dims.totalLen() + " > maxCacheLen=" + maxCacheLen);
        require(!useCausalMask || dims.queryLen() <= dims.totalLen(), "a causal query must see at least one key");
        DataType type = query.dataType();
        INDArray qp = q.apply(query);
        INDArray kp = k.apply(key);
        INDArray vp = v.apply(value);
        if (cached > 0) {
            kp = Nd4j.concat(1, cache.key().castTo(DataType.DOUBLE), kp);
            vp = Nd4j.concat(1, cache.value().castTo(DataType.DOUBLE), vp);
        }
        int headDim = dModel / numHeads;
        INDArray weightsOut = Nd4j.zeros(DataType.DOUBLE, dims.batch(), numHeads, dims.queryLen(), dims.totalLen());
        INDArray merged = Nd4j.zeros(DataType.DOUBLE, dims.batch(), dims.queryLen(), dModel);
        for (int b = 0; b < dims.batch(); b++) {
            for (int h = 0; h < numHeads; h++) {
                NDArrayIndexRange cols = new NDArrayIndexRange(h * headDim, (h + 1) * headDim);
                INDArray qh = qp.get(NDArrayIndex.point(b), NDArrayIndex.all(), cols.index());   // [Tq, Dh]
                INDArray kh = kp.get(NDArrayIndex.point(b), NDArrayIndex.all(), cols.index());   // [Lk, Dh]
                INDArray vh = vp.get(NDArrayIndex.point(b), NDArrayIndex.all(), cols.index());   // [Lk, Dh]
                INDArray scores = qh.mmul(kh.transpose()).muli(1.0 / Math.sqrt(headDim));       // [Tq, Lk]
                if (useCausalMask) {
                    int offset = dims.totalLen() - dims.queryLen();
                    for (int i = 0; i < dims.queryLen(); i++) {
                        for (int j = i + offset + 1; j < dims.totalLen(); j++) {
                            scores.putScalar(i, j, Double.NEGATIVE_INFINITY);
                        }
                    }
                }
                INDArray shifted = scores.subColumnVector(scores.max(1).reshape(dims.queryLen(), 1));
                INDArray exp = Transforms.exp(shifted, true);
                INDArray probs = exp.divColumnVector(exp.sum(1).reshape(dims.queryLen(), 1));
                weightsOut.get(NDArrayIndex.point(b), NDArrayIndex.point(h), NDArrayIndex.all(), NDArrayIndex.all())
                        .assign(probs);
                merged.get(NDArrayIndex.point(b), NDArrayIndex.all(), cols.index()).assign(probs.mmul(vh));
            }
        }
        INDArray output = o.apply(merged);
        return new AttentionResult(output.castTo(type), new KVCache(kp.castTo(type), vp.castTo(type)),
                weightsOut.castTo(type));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** A column range, a second helper class. */
    private static final class NDArrayIndexRange {
        private final int from;
        private final int to;

        NDArrayIndexRange(int from, int to) {
            this.from = from;
            this.to = to;
        }

        org.nd4j.linalg.indexing.INDArrayIndex index() {
            return NDArrayIndex.interval(from, to);
        }
    }
}
