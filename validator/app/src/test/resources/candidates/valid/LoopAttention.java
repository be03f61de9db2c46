import io.github.kvkit.api.AttentionResult;
import io.github.kvkit.api.AttentionWeights;
import io.github.kvkit.api.CachedAttention;
import io.github.kvkit.api.KVCache;
import io.github.kvkit.data.SeededArrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * A correct candidate written without ND4J arithmetic: every array is copied into a double[] and the
 * attention is computed with nested loops. Default package, any class name.
 */
public class LoopAttention implements CachedAttention {

    private final int model;
    private final int heads;
    private final int width;      // features per head
    private final int capacity;   // maxCacheLen
    private double[][] w = new double[4][];   // q, k, v, o: [in * model + out]
    private double[][] b = new double[4][];   // q, k, v, o: [out]

    public LoopAttention(int dModel, int numHeads, int maxCacheLen) {
        positive("dModel", dModel);
        positive("numHeads", numHeads);
        positive("maxCacheLen", maxCacheLen);
        if (dModel % numHeads != 0) {
            throw new IllegalArgumentException("dModel=" + dModel + " is not a multiple of numHeads=" + numHeads
                    + ", expected dModel divisible by numHeads");
        }
        model = dModel;
        heads = numHeads;
        width = dModel / numHeads;
        capacity = maxCacheLen;
        loadWeights(SeededArrays.attentionWeights(0, dModel, DataType.FLOAT));
    }

    @Override
    public void loadWeights(AttentionWeights weights) {
        if (weights == null) {
            throw new IllegalArgumentException("weights is null, expected four projections");
        }
        INDArray[] mats = {weights.wq(), weights.wk(), weights.wv(), weights.wo()};
        INDArray[] vecs = {weights.bq(), weights.bk(), weights.bv(), weights.bo()};
        String[] names = {"q", "k", "v", "o"};
        for (int p = 0; p < 4; p++) {
            expectShape("w" + names[p], mats[p], model, model);
            expectShape("b" + names[p], vecs[p], model);
        }
        double[][] nw = new double[4][];
        double[][] nb = new double[4][];
        for (int p = 0; p < 4; p++) {
            nw[p] = flat(mats[p]);
            nb[p] = flat(vecs[p]);
        }
        w = nw;
        b = nb;
    }

    @Override
    public AttentionResult forward(INDArray query, INDArray key, INDArray value, KVCache cache, boolean useCausalMask) {
        sequence("query", query);
        sequence("key", key);
        sequence("value", value);
        int batch = (int) query.size(0);
        int tq = (int) query.size(1);
        int tk = (int) key.size(1);
        dimension("key", key, 0, batch, "the query's batch");
        dimension("value", value, 0, batch, "the query's batch");
        dimension("value", value, 1, tk, "the key's length");
        int cached = 0;
        if (cache != null) {
            if (cache.key() == null || cache.value() == null) {
                throw new IllegalArgumentException("cache.key and cache.value must both be present, got key="
                        + shape(cache.key()) + " value=" + shape(cache.value()));
            }
            if (!Arrays.equals(cache.key().shape(), cache.value().shape())) {
                throw new IllegalArgumentException("cache.key " + shape(cache.key()) + " and cache.value "
                        + shape(cache.value()) + " differ, expected equal shapes");
            }
            rank3("cache.key", cache.key());
            dimension("cache.key", cache.key(), 0, batch, "the query's batch");
            dimension("cache.key", cache.key(), 2, model, "dModel");
            cached = (int) cache.key().size(1);
        }
        int total = cached + tk;
        if (total > capacity) {
            throw new IllegalArgumentException("cache overflow: " + cached + " + " + tk + " = " + total
                    + " positions, expected at most maxCacheLen=" + capacity);
        }
        if (useCausalMask && tq > total) {
            throw new IllegalArgumentException("causal mask with queryLen=" + tq + " > " + total
                    + " keys, expected queryLen <= keys");
        }
        DataType type = query.dataType();

        double[] q = project(flat(query), batch * tq, 0);
        double[] keysNew = project(flat(key), batch * tk, 1);
        double[] valuesNew = project(flat(value), batch * tk, 2);
        double[] keys = new double[batch * total * model];
        double[] values = new double[batch * total * model];
        double[] oldKeys = cached > 0 ? flat(cache.key()) : null;
        double[] oldValues = cached > 0 ? flat(cache.value()) : null;
        for (int n = 0; n < batch; n++) {
            for (int t = 0; t < total; t++) {
                for (int f = 0; f < model; f++) {
                    int dst = (n * total + t) * model + f;
                    if (t < cached) {
                        keys[dst] = oldKeys[(n * cached + t) * model + f];
                        values[dst] = oldValues[(n * cached + t) * model + f];
                    } else {
                        keys[dst] = keysNew[(n * tk + t - cached) * model + f];
                        values[dst] = valuesNew[(n * tk + t - cached) * model + f];
                    }
                }
            }
        }

        double scale = 1.0 / Math.sqrt(width);
        int shift = total - tq;
        double[] probs = new double[batch * heads * tq * total];
        double[] mixed = new double[batch * tq * model];
        double[] row = new double[total];
        for (int n = 0; n < batch; n++) {
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < tq; i++) {
                    int visible = useCausalMask ? Math.min(total, i + shift + 1) : total;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < visible; j++) {
                        double dot = 0;
                        for (int d = 0; d < width; d++) {
                            dot += q[(n * tq + i) * model + h * width + d] * keys[(n * total + j) * model + h * width + d];
                        }
                        row[j] = dot * scale;
                        max = Math.max(max, row[j]);
                    }
                    double sum = 0;
                    for (int j = 0; j < visible; j++) {
                        row[j] = Math.exp(row[j] - max);
                        sum += row[j];
                    }
                    int base = ((n * heads + h) * tq + i) * total;
                    for (int j = 0; j < visible; j++) {
                        double p = row[j] / sum;
                        probs[base + j] = p;
                        for (int d = 0; d < width; d++) {
                            mixed[(n * tq + i) * model + h * width + d] += p * values[(n * total + j) * model + h * width + d];
                        }
                    }
                }
            }
        }
        double[] out = project(mixed, batch * tq, 3);

        INDArray output = build(out, type, batch, tq, model);
        KVCache grown = new KVCache(build(keys, type, batch, total, model), build(values, type, batch, total, model));
        return new AttentionResult(output, grown, build(probs, type, batch, heads, tq, total));
    }

    /** rows x model times w[p] plus b[p]. */
    private double[] project(double[] x, int rows, int p) {
        double[] m = w[p];
        double[] bias = b[p];
        double[] y = new double[rows * model];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < model; o++) {
                double acc = bias[o];
                for (int in = 0; in < model; in++) {
                    acc += x[r * model + in] * m[in * model + o];
                }
                y[r * model + o] = acc;
            }
        }
        return y;
    }

    private static double[] flat(INDArray x) {
        INDArray c = x.castTo(DataType.DOUBLE).dup('c');
        double[] v = c.data().asDouble();
        if (v.length != c.length()) {
            v = new double[(int) c.length()];
            for (int i = 0; i < v.length; i++) {
                v[i] = c.getDouble((long) i);
            }
        }
        return v;
    }

    private static INDArray build(double[] data, DataType type, long... shape) {
        return Nd4j.create(data, shape, DataType.DOUBLE).castTo(type);
    }

    private void sequence(String name, INDArray x) {
        rank3(name, x);
        dimension(name, x, 2, model, "dModel");
        if (x.size(0) == 0 || x.size(1) == 0) {
            throw new IllegalArgumentException(name + " " + shape(x) + " is empty, expected batch >= 1 and length >= 1");
        }
        if (!x.dataType().isFPType()) {
            throw new IllegalArgumentException(name + " has type " + x.dataType() + ", expected FLOAT or DOUBLE");
        }
    }

    private static void rank3(String name, INDArray x) {
        if (x == null) {
            throw new IllegalArgumentException(name + " is null, expected [batch, length, dModel]");
        }
        if (x.rank() != 3) {
            throw new IllegalArgumentException(name + " " + shape(x) + " has rank " + x.rank()
                    + ", expected rank 3 [batch, length, dModel]");
        }
    }

    private static void dimension(String name, INDArray x, int dim, long expected, String meaning) {
        if (x.size(dim) != expected) {
            throw new IllegalArgumentException(name + " " + shape(x) + " has size " + x.size(dim) + " in dimension "
                    + dim + ", expected " + expected + " (" + meaning + ")");
        }
    }

    private static void expectShape(String name, INDArray x, long... expected) {
        if (x == null || !Arrays.equals(x.shape(), expected)) {
            throw new IllegalArgumentException(name + " is " + shape(x) + ", expected shape " + Arrays.toString(expected));
        }
    }

    private static void positive(String name, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(name + "=" + v + ", expected a positive value");
        }
    }

    private static String shape(INDArray x) {
        return x == null ? "null" : Arrays.toString(x.shape());
    }
}
