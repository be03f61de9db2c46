package io.github.kvkit.llamablock;

import io.github.kvkit.llama.BlockConfig;
import io.github.kvkit.llama.BlockWeights;
import io.github.kvkit.llama.LlamaAttentionBlock;
import io.github.kvkit.llama.StaticKVCache;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Arrays;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.indices;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

/**
 * The attention half of a Llama decoder layer over a preallocated key/value cache, as inference engines run it:
 * RMSNorm, grouped-query attention with rotary position embeddings (RoPE), the residual.
 *
 * <p>Shapes: B batch, T new tokens at positions pos .. pos+T-1, D = dModel, H query heads, KvH key/value heads,
 * G = H / KvH query heads per kv head, Dh = D / H features per head, S = maxSeqLen cache positions, L keys attended
 * to. The semantics are in {@code docs/tracks/llama-block.md}.
 */
public class LlamaAttention implements LlamaAttentionBlock {

    private final int dModel;
    private final int numHeads;
    private final int numKvHeads;
    private final int headDim;
    private final int maxSeqLen;
    private final double rmsEps;
    private final double scale;
    private final long[] kvHeadOf;            // [H]: the kv head each query head reads
    private final double[] inverseFrequency;  // [Dh/2]: the angle per position of each feature pair
    private BlockWeights weights;

    public LlamaAttention(BlockConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        requirePositive("dModel", config.dModel());
        requirePositive("numHeads", config.numHeads());
        requirePositive("numKvHeads", config.numKvHeads());
        requirePositive("maxSeqLen", config.maxSeqLen());
        requireDivisible("dModel", config.dModel(), "numHeads", config.numHeads());
        requireDivisible("numHeads", config.numHeads(), "numKvHeads", config.numKvHeads());
        if (config.dModel() / config.numHeads() % 2 != 0) {
            throw new IllegalArgumentException("head dimension dModel / numHeads must be even (RoPE turns pairs of "
                    + "features), got " + config.dModel() + " / " + config.numHeads() + " = "
                    + config.dModel() / config.numHeads());
        }
        if (!(config.ropeTheta() > 0)) {
            throw new IllegalArgumentException("ropeTheta must be positive, got " + config.ropeTheta());
        }
        if (!(config.rmsEps() >= 0)) {
            throw new IllegalArgumentException("rmsEps must be >= 0, got " + config.rmsEps());
        }
        this.dModel = config.dModel();
        this.numHeads = config.numHeads();
        this.numKvHeads = config.numKvHeads();
        this.headDim = dModel / numHeads;                       // Dh: a kv head is as wide as a query head
        this.maxSeqLen = config.maxSeqLen();
        this.rmsEps = config.rmsEps();
        this.scale = 1.0 / Math.sqrt(headDim);                  // scores are divided by sqrt(Dh)

        // each kv head serves G = H / KvH consecutive query heads
        int group = numHeads / numKvHeads;
        this.kvHeadOf = new long[numHeads];
        for (int h = 0; h < numHeads; h++) {
            kvHeadOf[h] = h / group;                            // [0, 0, 1, 1] for H = 4, KvH = 2
        }

        // RoPE: feature pair i (features 2i, 2i+1) turns by ropeTheta^(-2i/Dh) radians per position
        this.inverseFrequency = new double[headDim / 2];
        for (int i = 0; i < headDim / 2; i++) {
            inverseFrequency[i] = Math.pow(config.ropeTheta(), -2.0 * i / headDim);
        }
    }

    @Override
    public void loadWeights(BlockWeights weights) {
        if (weights == null) {
            throw new IllegalArgumentException("weights must not be null");
        }
        requireShape("attnNorm", weights.attnNorm(), dModel);
        requireShape("wq", weights.wq(), dModel, (long) numHeads * headDim);
        requireShape("wk", weights.wk(), dModel, (long) numKvHeads * headDim);
        requireShape("wv", weights.wv(), dModel, (long) numKvHeads * headDim);
        requireShape("wo", weights.wo(), (long) numHeads * headDim, dModel);
        this.weights = weights;
    }

    @Override
    public INDArray forward(INDArray x, StaticKVCache cache, int pos) {
        if (weights == null) {
            throw new IllegalStateException("loadWeights must be called before forward");
        }
        requireTokens(x);
        int batch = (int) x.size(0);
        int seqLen = (int) x.size(1);                                             // T
        requireCache(cache, batch, x.dataType());
        if (pos < 0 || pos + seqLen > maxSeqLen) {
            throw new IllegalArgumentException("pos must be >= 0 with pos + T <= maxSeqLen = " + maxSeqLen
                    + ", got pos = " + pos + " and T = " + seqLen);
        }
        int end = pos + seqLen;                                                   // this call writes pos .. end-1
        int keyLen = end;                                                         // L: it reads keys 0 .. end-1
        DataType dtype = x.dataType();

        // RMSNorm over the features: h = x / sqrt(mean(x²) + eps) · gain
        INDArray meanSquare = x.mul(x).mean(true, 2).addi(rmsEps);               // [B, T, 1]  mean(x²) + eps
        INDArray inverseRms = Transforms.pow(meanSquare, -0.5, false);           // [B, T, 1]  eps inside the root
        INDArray h = x.mul(inverseRms).muli(weights.attnNorm().castTo(dtype));   // [B, T, D]

        // projections of every new token, split into heads
        INDArray rows = h.reshape('c', (long) batch * seqLen, dModel);           // [B*T, D]
        INDArray q = rows.mmul(weights.wq().castTo(dtype))
                .reshape('c', batch, seqLen, numHeads, headDim);                 // [B, T, H, Dh]
        INDArray k = rows.mmul(weights.wk().castTo(dtype))
                .reshape('c', batch, seqLen, numKvHeads, headDim);               // [B, T, KvH, Dh]
        INDArray v = rows.mmul(weights.wv().castTo(dtype))
                .reshape('c', batch, seqLen, numKvHeads, headDim);               // [B, T, KvH, Dh]

        // rotate queries and keys by their absolute positions pos .. end-1; values are not rotated
        INDArray[] cosSin = rotation(pos, seqLen, dtype);                         // cos θ, sin θ: [1, T, 1, Dh/2]
        q = rope(q, cosSin);                                                      // [B, T, H, Dh]
        k = rope(k, cosSin);                                                      // [B, T, KvH, Dh]

        // the new keys and values, head-major as the cache holds them: [B, T, KvH, Dh] -> [B, KvH, T, Dh]
        INDArray newKeys = k.permute(0, 2, 1, 3);                                 // [B, KvH, T, Dh]
        INDArray newValues = v.permute(0, 2, 1, 3);                               // [B, KvH, T, Dh]

        // every call writes them at positions pos .. end-1: a prefill, a chunk or a decode step
        writeCache(cache, newKeys, newValues, pos, end);
        INDArray keys = gather(cache.key(), keyLen);                              // [B, H, L, Dh]
        INDArray values = gather(cache.value(), keyLen);                          // [B, H, L, Dh]  read after the write

        // scores of every query against every key, scaled by 1/sqrt(Dh)
        INDArray queries = q.permute(0, 2, 1, 3).mul(scale);                      // [B, H, T, Dh]
        INDArray scores = Nd4j.matmul(queries, keys, null, false, true, false);   // [B, H, T, L]

        // causal mask: the query at position pos + t sees keys 0 .. pos + t; a lone query sees every key read
        if (seqLen > 1) {
            scores.addi(causalBias(seqLen, keyLen, pos, dtype));                   // [1, 1, T, L] broadcast
        }

        // softmax over keys, shifted by the row max so that large logits cannot overflow
        INDArray rowMax = scores.max(true, 3);                                    // [B, H, T, 1]
        INDArray exp = Transforms.exp(scores.sub(rowMax), false);                 // [B, H, T, L]
        INDArray attention = exp.div(exp.sum(true, 3));                           // [B, H, T, L]

        // mix the values, then merge the heads back: head h fills features h*Dh .. (h+1)*Dh-1
        INDArray context = Nd4j.matmul(attention, values);                        // [B, H, T, Dh]
        INDArray merged = context.permute(0, 2, 1, 3).dup('c')                    // [B, T, H, Dh]
                .reshape('c', (long) batch * seqLen, (long) numHeads * headDim);  // [B*T, H*Dh]

        // output projection, back to the model's width
        INDArray projected = merged.mmul(weights.wo().castTo(dtype));             // [B*T, D]
        return projected.reshape('c', batch, seqLen, dModel).addi(x);             // [B, T, D]  x + attention(h)
    }

    /** cos θ and sin θ of the angles of the new tokens' feature pairs, each {@code [1, T, 1, Dh/2]}. */
    private INDArray[] rotation(int pos, int seqLen, DataType dtype) {
        int half = headDim / 2;
        double[] angles = new double[seqLen * half];
        for (int t = 0; t < seqLen; t++) {
            for (int i = 0; i < half; i++) {
                angles[t * half + i] = (pos + t) * inverseFrequency[i];         // the token's absolute position
            }
        }
        INDArray theta = Nd4j.create(angles, new long[] {1, seqLen, 1, half}, DataType.DOUBLE);  // [1, T, 1, Dh/2]
        return new INDArray[] {Transforms.cos(theta, true).castTo(dtype), Transforms.sin(theta, true).castTo(dtype)};
    }

    /** Turns each feature pair (a, b) = (x[2i], x[2i+1]) of {@code [B, T, n, Dh]} by θ[t, i], as Meta's Llama does. */
    private INDArray rope(INDArray x, INDArray[] cosSin) {
        long[] shape = x.shape();
        // interleaved pairs: pair i is features 2i and 2i+1
        INDArray pairs = x.reshape('c', shape[0], shape[1], shape[2], headDim / 2, 2);  // [B, T, n, Dh/2, 2]
        INDArray even = pairs.get(all(), all(), all(), all(), point(0));           // [B, T, n, Dh/2]  a
        INDArray odd = pairs.get(all(), all(), all(), all(), point(1));            // [B, T, n, Dh/2]  b
        INDArray cos = cosSin[0];                                                  // [1, T, 1, Dh/2]
        INDArray sin = cosSin[1];                                                  // [1, T, 1, Dh/2]
        INDArray rotatedEven = even.mul(cos).subi(odd.mul(sin));                   // a·cosθ − b·sinθ
        INDArray rotatedOdd = even.mul(sin).addi(odd.mul(cos));                    // a·sinθ + b·cosθ
        return Nd4j.stack(4, rotatedEven, rotatedOdd).reshape('c', shape);         // [B, T, n, Dh]
    }

    /** Writes {@code [B, KvH, T, Dh]} keys and values at positions pos .. end-1 (inclusive) of the cache. */
    private static void writeCache(StaticKVCache cache, INDArray keys, INDArray values, int pos, int end) {
        INDArrayIndex[] slots = {all(), all(), interval(pos, end), all()};
        cache.key().put(slots, keys);
        cache.value().put(slots, values);
    }

    /** Positions 0 .. keyLen-1 of a {@code [B, KvH, S, Dh]} cache, one copy per query head: {@code [B, H, L, Dh]}. */
    private INDArray gather(INDArray cache, int keyLen) {
        return cache.get(all(), indices(kvHeadOf), interval(0, keyLen), all());
    }

    /** {@code [1, 1, T, L]}: 0 where key j is visible to the query at position pos + t (j <= pos + t), -inf after. */
    private static INDArray causalBias(int seqLen, int keyLen, int pos, DataType dtype) {
        double[] bias = new double[seqLen * keyLen];
        for (int t = 0; t < seqLen; t++) {
            for (int j = pos + t + 1; j < keyLen; j++) {
                bias[t * keyLen + j] = Double.NEGATIVE_INFINITY;
            }
        }
        return Nd4j.create(bias, new long[] {1, 1, seqLen, keyLen}, DataType.DOUBLE).castTo(dtype);
    }

    private void requireTokens(INDArray x) {
        if (x == null) {
            throw new IllegalArgumentException("x must not be null");
        }
        if (x.rank() != 3 || x.size(2) != dModel || x.size(0) < 1 || x.size(1) < 1) {
            throw new IllegalArgumentException("x must have shape [batch >= 1, T >= 1, dModel = " + dModel + "], got "
                    + describe(x));
        }
        if (!x.dataType().isFPType()) {
            throw new IllegalArgumentException("x must be FLOAT or DOUBLE, got " + x.dataType());
        }
    }

    private void requireCache(StaticKVCache cache, int batch, DataType dtype) {
        if (cache == null || cache.key() == null || cache.value() == null) {
            String got = cache == null ? "a null cache" : "key " + describe(cache.key()) + ", value "
                    + describe(cache.value());
            throw new IllegalArgumentException("cache, cache.key and cache.value must not be null, got " + got);
        }
        long[] expected = {batch, numKvHeads, maxSeqLen, headDim};
        for (String name : new String[] {"cache.key", "cache.value"}) {
            INDArray part = name.equals("cache.key") ? cache.key() : cache.value();
            if (!Arrays.equals(part.shape(), expected)) {
                throw new IllegalArgumentException(name + " must have shape " + Arrays.toString(expected)
                        + " [batch, numKvHeads, maxSeqLen, headDim], got " + describe(part));
            }
            if (part.dataType() != dtype) {
                throw new IllegalArgumentException(name + " must have x's type " + dtype + ", got " + part.dataType());
            }
        }
    }

    private static void requireShape(String name, INDArray x, long... expected) {
        if (x == null || !Arrays.equals(x.shape(), expected)) {
            throw new IllegalArgumentException(name + " must have shape " + Arrays.toString(expected) + ", got "
                    + describe(x));
        }
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    private static void requireDivisible(String name, int value, String byName, int by) {
        if (value % by != 0) {
            throw new IllegalArgumentException(name + " must be divisible by " + byName + ", got " + name + " = "
                    + value + ", " + byName + " = " + by);
        }
    }

    private static String describe(INDArray x) {
        return x == null ? "null" : Arrays.toString(x.shape());
    }

    /**
     * A prefill of 4 tokens and one decode step on a zeroed cache, then the same 5 tokens as one prefill on a fresh
     * cache: prints the shapes, the positions each call wrote, and whether the two routes agree.
     */
    public static void main(String[] args) {
        LlamaAttention block = new LlamaAttention(new BlockConfig(16, 4, 2, 8, 10000.0, 1e-5));
        Nd4j.getRandom().setSeed(7);
        block.loadWeights(new BlockWeights(Nd4j.ones(DataType.FLOAT, 16), Nd4j.randn(DataType.FLOAT, 16, 16).divi(4),
                Nd4j.randn(DataType.FLOAT, 16, 8).divi(4), Nd4j.randn(DataType.FLOAT, 16, 8).divi(4),
                Nd4j.randn(DataType.FLOAT, 16, 16).divi(4)));
        INDArray tokens = Nd4j.randn(DataType.FLOAT, 2, 5, 16);                   // [B=2, T=5, D]
        StaticKVCache cache = zeroCache();

        INDArray prefill = block.forward(tokens.get(all(), interval(0, 4), all()).dup(), cache, 0);
        System.out.println("prefill output " + describe(prefill) + ", cache.key " + describe(cache.key())
                + " written at positions " + written(cache.key()));
        INDArray decode = block.forward(tokens.get(all(), interval(4, 5), all()).dup(), cache, 4);
        System.out.println("decode  output " + describe(decode) + ", cache.key written at positions "
                + written(cache.key()));

        INDArray whole = block.forward(tokens, zeroCache(), 0);
        INDArray last = whole.get(all(), interval(4, 5), all());
        System.out.println("decode step against one 5-token prefill: max difference "
                + Transforms.abs(last.sub(decode)).maxNumber());
    }

    /** A cache of zeros for the demo's configuration: {@code [2, 2, 8, 4]} keys and values. */
    private static StaticKVCache zeroCache() {
        return new StaticKVCache(Nd4j.zeros(DataType.FLOAT, 2, 2, 8, 4), Nd4j.zeros(DataType.FLOAT, 2, 2, 8, 4));
    }

    /** The positions of a {@code [B, KvH, S, Dh]} cache that hold something other than zeros, as "0,1,2,3". */
    private static String written(INDArray cache) {
        StringBuilder out = new StringBuilder();
        for (long p = 0; p < cache.size(2); p++) {
            if (cache.get(all(), all(), point(p), all()).amaxNumber().doubleValue() != 0) {
                out.append(out.length() == 0 ? "" : ",").append(p);
            }
        }
        return out.toString();
    }
}
