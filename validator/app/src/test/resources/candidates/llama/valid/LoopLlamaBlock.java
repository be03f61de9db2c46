import io.github.kvkit.llama.BlockConfig;
import io.github.kvkit.llama.BlockWeights;
import io.github.kvkit.llama.LlamaAttentionBlock;
import io.github.kvkit.llama.StaticKVCache;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * A correct llama-block candidate written without ND4J arithmetic: every array is read into double[], each query head
 * attends in its own loop, and the cache is written after attention, which takes this call's keys and values from
 * its own arrays. Default package, any class name.
 */
public class LoopLlamaBlock implements LlamaAttentionBlock {

    private final int model;
    private final int heads;
    private final int kvHeads;
    private final int width;      // features per head
    private final int slots;      // maxSeqLen
    private final double theta;
    private final double eps;
    private double[] gain;
    private double[][] w = new double[4][];   // q, k, v, o: [in * out + out]

    public LoopLlamaBlock(BlockConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config is null, expected a BlockConfig");
        }
        positive("dModel", config.dModel());
        positive("numHeads", config.numHeads());
        positive("numKvHeads", config.numKvHeads());
        positive("maxSeqLen", config.maxSeqLen());
        if (config.dModel() % config.numHeads() != 0 || config.numHeads() % config.numKvHeads() != 0) {
            throw new IllegalArgumentException("dModel=" + config.dModel() + ", numHeads=" + config.numHeads()
                    + ", numKvHeads=" + config.numKvHeads() + ": expected numKvHeads | numHeads | dModel");
        }
        if ((config.dModel() / config.numHeads()) % 2 == 1) {
            throw new IllegalArgumentException("head width " + config.dModel() / config.numHeads()
                    + " is odd, expected an even one");
        }
        if (config.ropeTheta() <= 0 || config.rmsEps() < 0) {
            throw new IllegalArgumentException("ropeTheta=" + config.ropeTheta() + ", rmsEps=" + config.rmsEps()
                    + ": expected ropeTheta > 0 and rmsEps >= 0");
        }
        model = config.dModel();
        heads = config.numHeads();
        kvHeads = config.numKvHeads();
        width = model / heads;
        slots = config.maxSeqLen();
        theta = config.ropeTheta();
        eps = config.rmsEps();
    }

    @Override
    public void loadWeights(BlockWeights weights) {
        if (weights == null) {
            throw new IllegalArgumentException("weights is null, expected five arrays");
        }
        expectShape("attnNorm", weights.attnNorm(), model);
        expectShape("wq", weights.wq(), model, heads * width);
        expectShape("wk", weights.wk(), model, kvHeads * width);
        expectShape("wv", weights.wv(), model, kvHeads * width);
        expectShape("wo", weights.wo(), heads * width, model);
        gain = flat(weights.attnNorm());
        w = new double[][] {flat(weights.wq()), flat(weights.wk()), flat(weights.wv()), flat(weights.wo())};
    }

    @Override
    public INDArray forward(INDArray x, StaticKVCache cache, int pos) {
        if (x == null || x.rank() != 3 || x.size(2) != model) {
            throw new IllegalArgumentException("x has shape " + shape(x) + ", expected [batch, T, " + model + "]");
        }
        int batch = (int) x.size(0);
        int tokens = (int) x.size(1);
        if (cache == null) {
            throw new IllegalArgumentException("cache is null, expected a preallocated cache");
        }
        long[] want = {batch, kvHeads, slots, width};
        for (INDArray part : new INDArray[] {cache.key(), cache.value()}) {
            if (part == null || !Arrays.equals(part.shape(), want) || part.dataType() != x.dataType()) {
                throw new IllegalArgumentException("cache part " + shape(part) + " " + (part == null ? "" : part.dataType())
                        + ", expected " + Arrays.toString(want) + " " + x.dataType());
            }
        }
        if (pos < 0 || pos + tokens > slots) {
            throw new IllegalArgumentException("pos=" + pos + " with " + tokens + " tokens, expected 0 <= pos and pos + T <= "
                    + slots);
        }
        double[] in = flat(x);
        double[] out = new double[in.length];
        double[][][] newKeys = new double[batch][tokens][];     // [b][t][g * width + e], rotated
        double[][][] newValues = new double[batch][tokens][];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < tokens; t++) {
                double[] row = Arrays.copyOfRange(in, (b * tokens + t) * model, (b * tokens + t + 1) * model);
                double[] h = norm(row);
                double[] q = rotate(project(h, w[0], heads * width), pos + t, heads);
                newKeys[b][t] = rotate(project(h, w[1], kvHeads * width), pos + t, kvHeads);
                newValues[b][t] = project(h, w[2], kvHeads * width);
                double[] context = new double[heads * width];
                for (int head = 0; head < heads; head++) {
                    attend(q, head, cache, b, pos, t, newKeys[b], newValues[b], context);
                }
                double[] o = project(context, w[3], model);
                for (int f = 0; f < model; f++) {
                    out[(b * tokens + t) * model + f] = row[f] + o[f];
                }
            }
        }
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < tokens; t++) {
                for (int g = 0; g < kvHeads; g++) {
                    for (int e = 0; e < width; e++) {
                        cache.key().putScalar(new long[] {b, g, pos + t, e}, newKeys[b][t][g * width + e]);
                        cache.value().putScalar(new long[] {b, g, pos + t, e}, newValues[b][t][g * width + e]);
                    }
                }
            }
        }
        return Nd4j.create(out, new long[] {batch, tokens, model}, DataType.DOUBLE).castTo(x.dataType());
    }

    /** One query head of token t: keys before pos from the cache, this call's from its own arrays. */
    private void attend(double[] q, int head, StaticKVCache cache, int b, int pos, int t, double[][] keys,
                        double[][] values, double[] context) {
        int g = head / (heads / kvHeads);
        int seen = pos + t + 1;
        double[] scores = new double[seen];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < seen; j++) {
            double dot = 0;
            for (int e = 0; e < width; e++) {
                double k = j < pos ? cache.key().getDouble(b, g, j, e) : keys[j - pos][g * width + e];
                dot += q[head * width + e] * k;
            }
            scores[j] = dot / Math.sqrt(width);
            max = Math.max(max, scores[j]);
        }
        double sum = 0;
        for (int j = 0; j < seen; j++) {
            scores[j] = Math.exp(scores[j] - max);
            sum += scores[j];
        }
        for (int j = 0; j < seen; j++) {
            for (int e = 0; e < width; e++) {
                double v = j < pos ? cache.value().getDouble(b, g, j, e) : values[j - pos][g * width + e];
                context[head * width + e] += scores[j] / sum * v;
            }
        }
    }

    private double[] norm(double[] row) {
        double meanSquare = 0;
        for (double v : row) {
            meanSquare += v * v / model;
        }
        double scale = 1.0 / Math.sqrt(meanSquare + eps);
        double[] h = new double[model];
        for (int f = 0; f < model; f++) {
            h[f] = row[f] * scale * gain[f];
        }
        return h;
    }

    /** Turns pairs (2i, 2i+1) of each of {@code n} heads by position · theta^(-2i/width). */
    private double[] rotate(double[] x, int position, int n) {
        double[] out = x.clone();
        for (int head = 0; head < n; head++) {
            for (int i = 0; i < width / 2; i++) {
                double angle = position * Math.pow(theta, -2.0 * i / width);
                int at = head * width + 2 * i;
                out[at] = x[at] * Math.cos(angle) - x[at + 1] * Math.sin(angle);
                out[at + 1] = x[at] * Math.sin(angle) + x[at + 1] * Math.cos(angle);
            }
        }
        return out;
    }

    private static double[] project(double[] in, double[] matrix, int out) {
        double[] result = new double[out];
        for (int i = 0; i < in.length; i++) {
            for (int o = 0; o < out; o++) {
                result[o] += in[i] * matrix[i * out + o];
            }
        }
        return result;
    }

    private static double[] flat(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    private static void expectShape(String name, INDArray a, long... shape) {
        if (a == null || !Arrays.equals(a.shape(), shape)) {
            throw new IllegalArgumentException(name + " has shape " + shape(a) + ", expected " + Arrays.toString(shape));
        }
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + "=" + value + ", expected a positive number");
        }
    }

    private static String shape(INDArray a) {
        return a == null ? "null" : Arrays.toString(a.shape());
    }
}
