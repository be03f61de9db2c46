package io.github.kvkit.validator.judge;

import io.github.kvkit.api.AttentionWeights;
import io.github.kvkit.api.CachedAttention;
import io.github.kvkit.runner.Call;
import io.github.kvkit.runner.CallExecutor;
import io.github.kvkit.runner.CallOutcome;
import io.github.kvkit.runner.Tensor;
import io.github.kvkit.validator.cases.ArraySpec;
import io.github.kvkit.validator.cases.TestCase;
import io.github.kvkit.validator.plan.CallRole;
import io.github.kvkit.validator.plan.CasePlan;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The expected results of a case's forward steps: from the case's frozen {@code expected} block when it
 * has one, otherwise computed by the reference solution in float64 on the very values the candidate gets.
 */
public final class ReferenceOracle {

    /** The reference class, looked up by name so a kit without {@code solution/} still builds and grades. */
    public static final String REFERENCE_CLASS = "io.github.kvkit.attention.KVCachedMultiHeadAttention";

    private final Constructor<?> reference;
    /** Each case's expected results once computed, or null when this oracle does not remember them. */
    private final Map<TestCase, List<CallOutcome.Returned>> remembered;

    private ReferenceOracle(Constructor<?> reference, Map<TestCase, List<CallOutcome.Returned>> remembered) {
        this.reference = reference;
        this.remembered = remembered;
    }

    /**
     * The same oracle, remembering each case's expected results: a case's plan is the same every time it is
     * made, so grading many candidates on the same loaded cases computes each case once. Its reference times
     * are then near zero, so it suits runs without time limits (in process) only.
     */
    public ReferenceOracle remembering() {
        return new ReferenceOracle(reference, Collections.synchronizedMap(new IdentityHashMap<>()));
    }

    /** The oracle, with the reference solution if this build has it. */
    public static ReferenceOracle create() {
        try {
            Class<?> type = Class.forName(REFERENCE_CLASS, true, ReferenceOracle.class.getClassLoader());
            return new ReferenceOracle(type.getConstructor(int.class, int.class, int.class), null);
        } catch (ReflectiveOperationException | LinkageError e) {
            return new ReferenceOracle(null, null);
        }
    }

    public boolean hasReference() {
        return reference != null;
    }

    /** Whether this case can be graded: it has frozen expected values or the reference is here. */
    public boolean canGrade(TestCase tc) {
        return tc.expected() != null || reference != null;
    }

    /**
     * One result per forward step instance, in order ({@link CallRole#reference()} indexes it); cache
     * tensors hold only the appended rows where the step's call captures only those.
     */
    public List<CallOutcome.Returned> expected(CasePlan plan) {
        List<CallOutcome.Returned> out = new ArrayList<>();
        if (plan.testCase().expected() != null) {
            for (int i = 0; i < plan.calls().size(); i++) {
                if (plan.roles().get(i).kind() == CallRole.Kind.STEP) {
                    Call.Forward f = (Call.Forward) plan.calls().get(i);
                    out.add(frozen(plan.testCase().expected().get(plan.roles().get(i).reference()), f));
                }
            }
            return out;
        }
        if (remembered == null) {
            return computed(plan);
        }
        List<CallOutcome.Returned> known = remembered.get(plan.testCase());
        if (known == null) {
            known = computed(plan);
            remembered.put(plan.testCase(), known);
        }
        return known;
    }

    private List<CallOutcome.Returned> computed(CasePlan plan) {
        CallExecutor executor = new CallExecutor((d, h, max) -> (CachedAttention) newReference(d, h, max), Set.of());
        List<Call> calls = new ArrayList<>();
        calls.add(new Call.Construct(0, plan.testCase().dModel(), plan.testCase().numHeads(),
                plan.testCase().maxCacheLen(), false));
        calls.add(new Call.LoadWeights(1, toDouble(plan.weights()), false));
        for (int i = 0; i < plan.calls().size(); i++) {
            if (plan.roles().get(i).kind() == CallRole.Kind.STEP) {
                Call.Forward f = (Call.Forward) plan.calls().get(i);
                calls.add(new Call.Forward(f.index(), toDouble(f.query()), toDouble(f.key()), toDouble(f.value()),
                        false, false, f.cacheFromCall(), null, null, f.causal(), f.fullCapture(), false));
            }
        }
        executor.prepare(calls);
        List<CallOutcome.Returned> out = new ArrayList<>();
        for (Call call : calls) {
            CallOutcome outcome = executor.execute(call);
            if (call instanceof Call.Forward) {
                if (!(outcome instanceof CallOutcome.Returned r)) {
                    throw new IllegalStateException("the reference solution failed on " + plan.testCase().source()
                            + " call " + call.index() + ": " + outcome);
                }
                out.add(r);
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

    private static CallOutcome.Returned frozen(TestCase.ExpectedStep e, Call.Forward f) {
        Tensor key = tensor(e.cacheKey());
        Tensor value = tensor(e.cacheValue());
        boolean tail = !f.fullCapture();
        long rows = f.key() == null ? 0 : f.key().size(1);
        return new CallOutcome.Returned(tensor(e.output()), tensor(e.attentionWeights()),
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
                .map(ReferenceOracle::toDouble).toArray(INDArray[]::new);
    }

    private static INDArray toDouble(INDArray x) {
        return x == null ? null : x.dup('c').castTo(DataType.DOUBLE);
    }
}
