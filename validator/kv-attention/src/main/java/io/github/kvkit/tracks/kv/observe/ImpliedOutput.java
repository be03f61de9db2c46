package io.github.kvkit.tracks.kv.observe;

import io.github.kvkit.api.AttentionWeights;
import io.github.kvkit.harness.Tensor;
import io.github.kvkit.tracks.kv.cases.KvCaseBody;
import io.github.kvkit.tracks.kv.harness.KvCall;
import io.github.kvkit.tracks.kv.judge.KvRun;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Optional;

/**
 * The output a step's own attention weights imply: the candidate's weights applied to the values the spec projects,
 * heads merged, then the output projection, in float64. When the candidate's output is not that, its mistake is after
 * the softmax (the values, merging the heads, the output projection), whatever its weights are; this holds even
 * when another mistake makes the weights themselves wrong. Only for steps without a cache, whose values all come
 * from the step's own arguments, and of a size that takes milliseconds.
 */
final class ImpliedOutput {

    /** Steps with more multiply-adds than this are not recomputed. */
    private static final long MOST_WORK = 50_000_000L;

    private ImpliedOutput() {
    }

    static Optional<Tensor> of(KvRun run, int call, Tensor weights) {
        KvCall.Forward f = run.forward(call);
        AttentionWeights w = run.plan().weights();
        if (f.cacheFromCall() >= 0 || f.cacheKey() != null || f.cacheValue() != null || w == null) {
            return Optional.empty();
        }
        INDArray value = (f.valueIsQuery() ? f.query() : f.value()).castTo(DataType.DOUBLE);   // [B, Lk, D]
        long batch = value.size(0);
        long lk = value.size(1);
        long d = value.size(2);
        int heads = KvCaseBody.of(run.plan().testCase()).numHeads();
        long tq = f.query().size(1);
        long[] shape = weights.shape();                                                      // [B, H, Tq, Lk]
        if (shape.length != 4 || shape[0] != batch || shape[1] != heads || shape[2] != tq || shape[3] != lk
                || d % heads != 0 || batch * lk * d * (d + tq) > MOST_WORK) {
            return Optional.empty();
        }
        long dh = d / heads;
        INDArray v = value.reshape(batch * lk, d).mmul(w.wv().castTo(DataType.DOUBLE))
                .addRowVector(w.bv().castTo(DataType.DOUBLE));                                // [B*Lk, D]
        INDArray vh = v.reshape(batch, lk, heads, dh).permute(0, 2, 1, 3).dup('c');           // [B, H, Lk, Dh]
        INDArray a = weights.toArray(DataType.DOUBLE);                                       // [B, H, Tq, Lk]
        INDArray context = Nd4j.matmul(a, vh);                                               // [B, H, Tq, Dh]
        INDArray merged = context.permute(0, 2, 1, 3).dup('c').reshape(batch * tq, d);       // [B*Tq, D]
        INDArray out = merged.mmul(w.wo().castTo(DataType.DOUBLE))
                .addRowVector(w.bo().castTo(DataType.DOUBLE)).reshape(batch, tq, d);         // [B, Tq, D]
        return Optional.of(Tensor.of(out));
    }
}
