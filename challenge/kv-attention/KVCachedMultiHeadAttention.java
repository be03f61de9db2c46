// No package: the file compiles as it is, from this folder (the reference is io.github.kvkit.attention).

import io.github.kvkit.api.AttentionResult;
import io.github.kvkit.api.AttentionWeights;
import io.github.kvkit.api.CachedAttention;
import io.github.kvkit.api.KVCache;
import io.github.kvkit.data.SeededArrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Arrays;
import java.util.Random;

/**
 * Multi-head attention with a key/value cache, as used when a language model generates token by token.
 *
 * <p>Shapes: B batch, Tq new queries, Tk new keys, C cached positions, Lk = C + Tk keys in all,
 * D = dModel, H heads, Dh = D / H features per head. The semantics are in {@code docs/tracks/kv-attention.md}.
 */
public class KVCachedMultiHeadAttention implements CachedAttention {

    /** Dropout rate on the attention weights: a regulariser for training. */
    private static final double ATTENTION_DROPOUT = 0.1;

    private final int dModel;
    private final int numHeads;
    private final int headDim;
    private final int maxCacheLen;
    private final double scale;
    private final Random dropoutRng = new Random(42);   // seeded, so that a training run can be replayed
    private AttentionWeights weights;

    public KVCachedMultiHeadAttention(int dModel, int numHeads, int maxCacheLen) {
        requirePositive("dModel", dModel);
        requirePositive("numHeads", numHeads);
        requirePositive("maxCacheLen", maxCacheLen);
        if (dModel % numHeads != 0) {
            throw new IllegalArgumentException("dModel must be divisible by numHeads, got dModel=" + dModel
                    + ", numHeads=" + numHeads);
        }
        this.dModel = dModel;
        this.numHeads = numHeads;
        this.headDim = dModel / numHeads;
        this.maxCacheLen = maxCacheLen;
        this.scale = 1.0 / Math.sqrt(dModel);                  // scores are divided by sqrt(d)
        this.weights = SeededArrays.attentionWeights(0, dModel, DataType.FLOAT);
    }

    @Override
    public void loadWeights(AttentionWeights weights) {
        if (weights == null) {
            throw new IllegalArgumentException("weights must not be null");
        }
        requireShape("wq", weights.wq(), dModel, dModel);
        requireShape("bq", weights.bq(), dModel);
        requireShape("wk", weights.wk(), dModel, dModel);
        requireShape("bk", weights.bk(), dModel);
        requireShape("wv", weights.wv(), dModel, dModel);
        requireShape("bv", weights.bv(), dModel);
        requireShape("wo", weights.wo(), dModel, dModel);
        requireShape("bo", weights.bo(), dModel);
        this.weights = weights;
    }

    @Override
    public AttentionResult forward(INDArray query, INDArray key, INDArray value, KVCache cache, boolean useCausalMask) {
        requireSequence("query", query);
        requireSequence("key", key);
        requireSequence("value", value);
        int batch = (int) query.size(0);
        int queryLen = (int) query.size(1);
        int keyLen = (int) key.size(1);
        requireSize("key", key, 0, batch, "the query's batch");
        requireSize("value", value, 0, batch, "the query's batch");
        requireSize("value", value, 1, keyLen, "the key's length");
        int cachedLen = checkedCacheLength(cache, batch);
        int totalLen = cachedLen + keyLen;                     // Lk
        if (totalLen >= maxCacheLen) {
            throw new IllegalArgumentException("cache overflow: " + cachedLen + " cached + " + keyLen
                    + " new positions = " + totalLen + ", expected at most maxCacheLen=" + maxCacheLen);
        }
        // TODO: remove? the causal mask below already hides every future key
        if (useCausalMask && queryLen > totalLen) {
            throw new IllegalArgumentException("causal mask needs queryLen <= cached + new keys, got queryLen="
                    + queryLen + " and " + totalLen + " keys");
        }
        DataType dtype = query.dataType();

        // project the new tokens
        INDArray q = project(query, weights.wq(), weights.bq(), dtype);   // [B, Tq, D]
        INDArray k = project(key, weights.wk(), weights.bk(), dtype);     // [B, Tk, D]
        INDArray v = project(value, weights.wv(), weights.bv(), dtype);   // [B, Tk, D]

        // append to the cache: positions 0..C-1 are cached, C..Lk-1 are new
        INDArray keys = k;                                                // [B, Lk, D]
        INDArray values = v;                                              // [B, Lk, D]
        if (cachedLen > 0) {
            keys = Nd4j.concat(2, cache.key().castTo(dtype), k);         // [B, C + Tk, D]
            values = Nd4j.concat(2, cache.value().castTo(dtype), v);     // [B, C + Tk, D]
        }

        // split heads: head h owns features h*Dh .. (h+1)*Dh-1
        INDArray qh = splitHeads(q, batch, queryLen);                     // [B, H, Tq, Dh]
        INDArray kh = splitHeads(keys, batch, totalLen);                  // [B, H, Lk, Dh]
        INDArray vh = splitHeads(values, batch, totalLen);                // [B, H, Lk, Dh]

        // scale once, before the product, rather than the H·Tq·Lk scores
        kh.muli(scale);

        // scores = Q·Kᵀ
        INDArray scores = Nd4j.matmul(qh, kh, null, true, false, false);  // [B, H, Tq, Lk]

        // mask: query i sits at absolute position i + offset and sees keys 0..i + offset
        // (TODO: this Java loop runs on every call; skip it when there is a cache, all keys are in the past then?)
        if (useCausalMask) {
            int offset = cachedLen;                                       // the new queries follow the cache
            scores.addi(causalBias(queryLen, totalLen, offset, dtype));   // [1, 1, Tq, Lk] broadcast
        }

        // softmax over keys (the row max cancels out in the division, it does not change the result)
        INDArray rowMax = scores.max(true, 3);                            // [B, H, Tq, 1]
        INDArray exp = Transforms.exp(scores.sub(rowMax), false);         // [B, H, Tq, Lk]
        INDArray attention = exp.div(exp.sum(true, 2));                   // [B, H, Tq, Lk]
        attention = dropout(attention, ATTENTION_DROPOUT);                // [B, H, Tq, Lk]

        // weights·V
        INDArray context = Nd4j.matmul(attention, vh);                    // [B, H, Tq, Dh]

        // merge heads: the inverse of the split
        INDArray merged = context.dup('c')                                // [B, Tq, H, Dh]
                .reshape('c', batch, queryLen, dModel);                    // [B, Tq, D]

        // output projection
        INDArray output = project(merged, weights.wo(), weights.bo(), dtype); // [B, Tq, D]
        return new AttentionResult(output, new KVCache(k, v), attention);
    }

    /** {@code x·W + b} for a {@code [B, T, D]} sequence, computed as one {@code [B*T, D]} matmul. */
    private INDArray project(INDArray x, INDArray w, INDArray b, DataType dtype) {
        long batch = x.size(0);
        long len = x.size(1);
        INDArray rows = x.castTo(dtype).reshape('c', batch * len, dModel);    // [B*T, D]
        INDArray weight = w.castTo(dtype);                                    // [D_out, D_in] (torch.nn.Linear layout)
        INDArray projected = rows.mmuli(weight);                              // [B*T, D], in place: no new array
        projected.addiRowVector(b.castTo(dtype));                             // + b on every row
        return projected.reshape('c', batch, len, dModel);                    // [B, T, D]
    }

    /** {@code [B, T, D] -> [B, T, H, Dh] -> [B, H, T, Dh]}. */
    private INDArray splitHeads(INDArray x, int batch, int len) {
        return x.reshape('f', batch, len, numHeads, headDim).permute(0, 2, 1, 3);
    }

    /** 0 where key j is visible to query i (j <= i + offset), -inf where it lies in the future. */
    private static INDArray causalBias(int queryLen, int totalLen, int offset, DataType dtype) {
        double[] bias = new double[queryLen * totalLen];
        for (int i = 0; i < queryLen; i++) {
            for (int j = i + offset; j < totalLen; j++) {
                bias[i * totalLen + j] = Double.NEGATIVE_INFINITY;
            }
        }
        return Nd4j.create(bias, new long[] {1, 1, queryLen, totalLen}, DataType.DOUBLE).castTo(dtype);
    }

    /** Inverted dropout: zeroes each weight with probability {@code rate} and rescales the others. */
    private INDArray dropout(INDArray x, double rate) {
        if (rate == 0.0) {
            return x;
        }
        INDArray keep = Nd4j.create(x.dataType(), x.shape());
        for (long i = 0; i < keep.length(); i++) {
            keep.putScalar(i, dropoutRng.nextDouble() < rate ? 0.0 : 1.0 / (1.0 - rate));
        }
        return x.mul(keep);
    }

    /** The cached length, after checking the cache fits this call; 0 for no cache. */
    private int checkedCacheLength(KVCache cache, int batch) {
        if (cache == null) {
            return 0;
        }
        if (cache.key() == null || cache.value() == null) {
            throw new IllegalArgumentException("cache.key and cache.value must both be non-null, got key="
                    + describe(cache.key()) + ", value=" + describe(cache.value()));
        }
        // TODO: redundant, key and value always come from the same forward call
        if (!Arrays.equals(cache.key().shape(), cache.value().shape())) {
            throw new IllegalArgumentException("cache.key and cache.value must have the same shape, got "
                    + describe(cache.key()) + " and " + describe(cache.value()));
        }
        requireRank3("cache.key", cache.key());
        requireSize("cache.key", cache.key(), 0, batch, "the query's batch");
        requireSize("cache.key", cache.key(), 2, dModel, "dModel");
        return (int) cache.key().size(1);
    }

    private void requireSequence(String name, INDArray x) {
        requireRank3(name, x);
        requireSize(name, x, 2, dModel, "dModel");
        if (x.size(0) < 1 || x.size(1) < 1) {
            throw new IllegalArgumentException(name + " must have batch >= 1 and length >= 1, got shape "
                    + describe(x));
        }
        if (!x.dataType().isFPType()) {
            throw new IllegalArgumentException(name + " must be FLOAT or DOUBLE, got " + x.dataType());
        }
    }

    private static void requireRank3(String name, INDArray x) {
        if (x == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (x.rank() != 3) {
            throw new IllegalArgumentException(name + " must have rank 3 [batch, length, dModel], got shape "
                    + describe(x));
        }
    }

    private static void requireSize(String name, INDArray x, int dim, long expected, String what) {
        if (x.size(dim) != expected) {
            throw new IllegalArgumentException(name + " dimension " + dim + " must be " + expected + " ("
                    + what + "), got shape " + describe(x));
        }
    }

    private static void requireShape(String name, INDArray x, long... expected) {
        if (x == null || !Arrays.equals(x.shape(), expected)) {
            throw new IllegalArgumentException(name + " must have shape " + Arrays.toString(expected)
                    + ", got " + describe(x));
        }
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    private static String describe(INDArray x) {
        return x == null ? "null" : Arrays.toString(x.shape());
    }

    /** A prefill of 4 tokens and one decode step, with shapes and row sums printed. */
    public static void main(String[] args) {
        int dModel = 16;
        int numHeads = 4;
        KVCachedMultiHeadAttention attention = new KVCachedMultiHeadAttention(dModel, numHeads, 8);
        INDArray prompt = SeededArrays.uniform(1, "prompt", DataType.FLOAT, 1.0, 2, 4, dModel);  // [B=2, T=4, D]
        AttentionResult prefill = attention.forward(prompt, prompt, prompt, null, true);
        System.out.println("prefill output " + describe(prefill.output()) + ", cache "
                + describe(prefill.cache().key()) + ", weights " + describe(prefill.attentionWeights()));

        INDArray token = SeededArrays.uniform(1, "token", DataType.FLOAT, 1.0, 2, 1, dModel);     // [B=2, T=1, D]
        AttentionResult step = attention.forward(token, token, token, prefill.cache(), true);
        System.out.println("decode  output " + describe(step.output()) + ", cache "
                + describe(step.cache().key()) + ", weights " + describe(step.attentionWeights()));
        System.out.println("decode weight row sums " + step.attentionWeights().sum(3));
    }
}
