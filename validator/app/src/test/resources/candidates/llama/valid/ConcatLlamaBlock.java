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

/**
 * A correct llama-block candidate vectorised differently from the reference: RMSNorm on 2D rows, RoPE as
 * "rotate half" on features permuted so that each interleaved pair lands in the two halves, key/value heads repeated
 * for their query heads, keys taken from the cache's past and this call's own arrays, a finite mask on every call,
 * a log-sum-exp softmax, and the cache written last.
 */
public class ConcatLlamaBlock implements LlamaAttentionBlock {

    private final BlockConfig c;
    private final int dh;
    private final long[] toHalves;     // feature order that puts pair members 2i, 2i+1 at i and i + dh/2
    private final long[] fromHalves;
    private BlockWeights w;

    public ConcatLlamaBlock(BlockConfig config) {
        if (config == null || config.dModel() < 1 || config.numHeads() < 1 || config.numKvHeads() < 1
                || config.maxSeqLen() < 1 || config.dModel() % config.numHeads() != 0
                || config.numHeads() % config.numKvHeads() != 0 || config.dModel() / config.numHeads() % 2 != 0
                || !(config.ropeTheta() > 0) || !(config.rmsEps() >= 0)) {
            throw new IllegalArgumentException("config " + config + " breaks the rules of the spec (rule 7)");
        }
        c = config;
        dh = config.dModel() / config.numHeads();
        toHalves = new long[dh];
        fromHalves = new long[dh];
        for (int i = 0; i < dh / 2; i++) {
            toHalves[i] = 2L * i;
            toHalves[i + dh / 2] = 2L * i + 1;
            fromHalves[2 * i] = i;
            fromHalves[2 * i + 1] = i + dh / 2;
        }
    }

    @Override
    public void loadWeights(BlockWeights weights) {
        if (weights == null) {
            throw new IllegalArgumentException("weights: null, expected five arrays");
        }
        long q = (long) c.numHeads() * dh;
        long kv = (long) c.numKvHeads() * dh;
        check("attnNorm", weights.attnNorm(), c.dModel());
        check("wq", weights.wq(), c.dModel(), q);
        check("wk", weights.wk(), c.dModel(), kv);
        check("wv", weights.wv(), c.dModel(), kv);
        check("wo", weights.wo(), q, c.dModel());
        w = weights;
    }

    @Override
    public INDArray forward(INDArray x, StaticKVCache cache, int pos) {
        if (x == null || x.rank() != 3 || x.size(2) != c.dModel()) {
            throw new IllegalArgumentException("x: " + (x == null ? "null" : Arrays.toString(x.shape()))
                    + ", expected [B, T, " + c.dModel() + "]");
        }
        int b = (int) x.size(0);
        int t = (int) x.size(1);
        DataType type = x.dataType();
        if (cache == null) {
            throw new IllegalArgumentException("cache: null, expected a StaticKVCache");
        }
        check("cache.key", cache.key(), b, c.numKvHeads(), c.maxSeqLen(), dh);
        check("cache.value", cache.value(), b, c.numKvHeads(), c.maxSeqLen(), dh);
        if (cache.key().dataType() != type || cache.value().dataType() != type) {
            throw new IllegalArgumentException("cache types " + cache.key().dataType() + "/" + cache.value().dataType()
                    + ", expected x's " + type);
        }
        if (pos < 0 || pos + t > c.maxSeqLen()) {
            throw new IllegalArgumentException("pos: " + pos + ", expected 0 <= pos <= " + (c.maxSeqLen() - t));
        }

        INDArray rows = x.dup('c').reshape(b * t, c.dModel());
        INDArray rms = Transforms.sqrt(rows.mul(rows).mean(true, 1).addi(c.rmsEps()), false);
        INDArray h = rows.divColumnVector(rms).mulRowVector(w.attnNorm().castTo(type));
        INDArray q = rope(h.mmul(w.wq().castTo(type)), b, t, c.numHeads(), pos, type);     // [B, H, T, dh]
        INDArray k = rope(h.mmul(w.wk().castTo(type)), b, t, c.numKvHeads(), pos, type);   // [B, KvH, T, dh]
        INDArray v = h.mmul(w.wv().castTo(type)).reshape(b, t, c.numKvHeads(), dh).permute(0, 2, 1, 3).dup('c');

        INDArray keys = pos == 0 ? k : Nd4j.concat(2, cache.key().get(all(), all(), interval(0, pos), all()).dup(), k);
        INDArray values = pos == 0 ? v : Nd4j.concat(2, cache.value().get(all(), all(), interval(0, pos), all()).dup(), v);
        int g = c.numHeads() / c.numKvHeads();
        keys = keys.repeat(1, g);
        values = values.repeat(1, g);
        int l = pos + t;
        INDArray scores = Nd4j.matmul(q, keys, null, false, true, false).divi(Math.sqrt(dh));    // [B, H, T, L]
        double[] mask = new double[t * l];
        for (int i = 0; i < t; i++) {
            for (int j = pos + i + 1; j < l; j++) {
                mask[i * l + j] = -1e9;
            }
        }
        scores.addi(Nd4j.create(mask, new long[] {1, 1, t, l}, DataType.DOUBLE).castTo(type));
        // log-sum-exp: ND4J's own softmax turns a row whose largest score is far below zero into NaN
        INDArray max = scores.max(true, 3);
        INDArray logZ = Transforms.log(Transforms.exp(scores.sub(max), false).sum(true, 3), false).addi(max);
        INDArray weights = Transforms.exp(scores.subi(logZ), false);
        INDArray context = Nd4j.matmul(weights, values).permute(0, 2, 1, 3).dup('c').reshape(b * t, c.numHeads() * dh);
        INDArray out = context.mmul(w.wo().castTo(type)).reshape(b, t, c.dModel()).addi(x);

        INDArrayIndex[] at = {all(), all(), interval(pos, pos + t), all()};
        cache.key().put(at, k);
        cache.value().put(at, v);
        return out;
    }

    /** [B*T, n*dh] projections to [B, n, T, dh], each pair (2i, 2i+1) turned by (pos + t) * theta^(-2i/dh). */
    private INDArray rope(INDArray projected, int b, int t, int n, int pos, DataType type) {
        INDArray heads = projected.reshape(b, t, n, dh).get(all(), all(), all(), indices(toHalves)).dup('c');
        int half = dh / 2;
        double[] cos = new double[t * half];
        double[] sin = new double[t * half];
        for (int p = 0; p < t; p++) {
            for (int i = 0; i < half; i++) {
                double angle = (pos + p) / Math.pow(c.ropeTheta(), 2.0 * i / dh);
                cos[p * half + i] = Math.cos(angle);
                sin[p * half + i] = Math.sin(angle);
            }
        }
        INDArray cosT = Nd4j.create(cos, new long[] {1, t, 1, half}, DataType.DOUBLE).castTo(type);
        INDArray sinT = Nd4j.create(sin, new long[] {1, t, 1, half}, DataType.DOUBLE).castTo(type);
        INDArray first = heads.get(all(), all(), all(), interval(0, half));
        INDArray second = heads.get(all(), all(), all(), interval(half, dh));
        INDArray turned = Nd4j.concat(3, first.mul(cosT).subi(second.mul(sinT)), first.mul(sinT).addi(second.mul(cosT)));
        return turned.get(all(), all(), all(), indices(fromHalves)).permute(0, 2, 1, 3).dup('c');
    }

    private static void check(String name, INDArray a, long... shape) {
        if (a == null || !Arrays.equals(a.shape(), shape)) {
            throw new IllegalArgumentException(name + ": " + (a == null ? "null" : Arrays.toString(a.shape()))
                    + ", expected " + Arrays.toString(shape));
        }
    }
}
