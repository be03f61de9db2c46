package io.github.kvkit.tracks.kv;

import io.github.kvkit.api.AttentionWeights;
import io.github.kvkit.api.CachedAttention;
import io.github.kvkit.harness.CallOutcome;
import io.github.kvkit.harness.Tensor;
import io.github.kvkit.tracks.kv.cases.KvCaseBody;
import io.github.kvkit.tracks.kv.harness.KvCall;
import io.github.kvkit.tracks.kv.harness.KvCallExecutor;
import io.github.kvkit.tracks.kv.harness.KvResult;
import io.github.kvkit.tracks.kv.plan.CallRole;
import io.github.kvkit.tracks.kv.plan.KvPlan;
import io.github.kvkit.validator.cases.ArraySpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The expected results of a kv-attention case's forward steps: from the case's frozen {@code expected} block
 * when it has one, otherwise computed by the reference solution in float64 on the very values the candidate gets.
 */
final class KvReference {

    /** The reference class, looked up by name so a kit without {@code solution/} still builds and grades. */
    public static final String REFERENCE_CLASS = "io.github.kvkit.attention.KVCachedMultiHeadAttention";

    private final Constructor<?> reference;

    private KvReference(Constructor<?> reference) {
        this.reference = reference;
    }

    /** The reference solution if this build has it. */
    static KvReference create() {
        try {
            Class<?> type = Class.forName(REFERENCE_CLASS, true, KvReference.class.getClassLoader());
            return new KvReference(type.getConstructor(int.class, int.class, int.class));
        } catch (ReflectiveOperationException | LinkageError e) {
            return new KvReference(null);
        }
    }

    boolean hasReference() {
        return reference != null;
    }

    /** The reference class, or null when this build does not have it. */
    Class<?> referenceClass() {
        return reference == null ? null : reference.getDeclaringClass();
    }

    /**
     * One result per forward step instance, in order ({@link CallRole#reference()} indexes it); cache
     * tensors hold only the appended rows where the step's call captures only those.
     */
    List<KvResult> expected(KvPlan plan) {
        List<KvResult> out = new ArrayList<>();
        KvCaseBody body = KvCaseBody.of(plan.testCase());
        if (body.expected() != null) {
            for (int i = 0; i < plan.kvCalls().size(); i++) {
                if (plan.roles().get(i).kind() == CallRole.Kind.STEP) {
                    KvCall.Forward f = (KvCall.Forward) plan.kvCalls().get(i);
                    out.add(frozen(body.expected().get(plan.roles().get(i).reference()), f));
                }
            }
            return out;
        }
        if (reference == null) {
            throw new IllegalStateException(plan.testCase().source() + " has no expected results and this build has "
                    + "no reference");
        }
        return computed(plan, body);
    }

    private List<KvResult> computed(KvPlan plan, KvCaseBody body) {
        KvCallExecutor executor = new KvCallExecutor((d, h, max) -> (CachedAttention) newReference(d, h, max), Set.of());
        List<KvCall> calls = new ArrayList<>();
        calls.add(new KvCall.Construct(0, body.dModel(), body.numHeads(), body.maxCacheLen(), false));
        calls.add(new KvCall.LoadWeights(1, toDouble(plan.weights()), false));
        for (int i = 0; i < plan.kvCalls().size(); i++) {
            if (plan.roles().get(i).kind() == CallRole.Kind.STEP) {
                KvCall.Forward f = (KvCall.Forward) plan.kvCalls().get(i);
                calls.add(new KvCall.Forward(f.index(), toDouble(f.query()), toDouble(f.key()), toDouble(f.value()),
                        false, false, f.cacheFromCall(), null, null, f.causal(), f.fullCapture(), false));
            }
        }
        executor.prepareTyped(calls);
        List<KvResult> out = new ArrayList<>();
        for (KvCall call : calls) {
            CallOutcome outcome = executor.execute(call);
            if (call instanceof KvCall.Forward) {
                if (!(outcome instanceof CallOutcome.Returned r)) {
                    throw new IllegalStateException("the reference solution failed on " + plan.testCase().source()
                            + " call " + call.index() + ": " + outcome);
                }
                out.add(KvResult.of(r));
            } else if (!(outcome instanceof CallOutcome.Completed)) {
                throw new IllegalStateException("the reference solution failed on " + plan.testCase().source()
                        + ": " + outcome);
            }
        }
        return out;
    }

    private Object newReference(int d, int h, int max) throws Throwable {
        try {
            return reference.newInstance(d, h, max);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static KvResult frozen(KvCaseBody.ExpectedStep e, KvCall.Forward f) {
        Tensor key = tensor(e.cacheKey());
        Tensor value = tensor(e.cacheValue());
        boolean tail = !f.fullCapture();
        long rows = f.key() == null ? 0 : f.key().size(1);
        return new KvResult(tensor(e.output()), tensor(e.attentionWeights()),
                tail ? lastRows(key, rows) : key, tail ? lastRows(value, rows) : value,
                key.shape(), value.shape(), tail, new long[5], 0, 0, new long[2], new long[0]);
    }

    private static Tensor tensor(ArraySpec spec) {
        return new Tensor(spec.shape(), "DOUBLE", spec.values());
    }

    /** The last {@code rows} positions of a [B, L, D] tensor. */
    static Tensor lastRows(Tensor t, long rows) {
        long b = t.shape()[0];
        long len = t.shape()[1];
        long d = t.shape()[2];
        double[] out = new double[(int) (b * rows * d)];
        int k = 0;
        for (long i = 0; i < b; i++) {
            int from = (int) ((i * len + (len - rows)) * d);
            System.arraycopy(t.values(), from, out, k, (int) (rows * d));
            k += (int) (rows * d);
        }
        return new Tensor(new long[] {b, rows, d}, t.dtype(), out);
    }

    private static INDArray[] toDouble(AttentionWeights w) {
        return Arrays.stream(new INDArray[] {w.wq(), w.bq(), w.wk(), w.bk(), w.wv(), w.bv(), w.wo(), w.bo()})
                .map(KvReference::toDouble).toArray(INDArray[]::new);
    }

    private static INDArray toDouble(INDArray x) {
        return x == null ? null : x.dup('c').castTo(DataType.DOUBLE);
    }
}
