package io.github.kvkit.harness.wire;

import io.github.kvkit.harness.Arg;
import io.github.kvkit.harness.Call;
import io.github.kvkit.harness.CallOutcome;
import io.github.kvkit.harness.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The call schema, track-neutral: {@link Call}s (parent to child) and {@link CallOutcome}s (child to parent) in a
 * payload. Tags are the ordinals of the enums here, so adding a kind of argument is one constant and one case.
 */
public final class CallCodec {

    private CallCodec() {
    }

    /** How an {@link Arg} is tagged on the wire: its ordinal. */
    private enum ArgTag { INT, REAL, BOOL, INTS, ARRAY, RESULT, NULL }

    /** How a {@link CallOutcome} is tagged on the wire: its ordinal. */
    private enum OutcomeTag { COMPLETED, RETURNED, THREW, UNUSABLE, NOT_RUN }

    /** The calls of a case, in order, sharing arrays as the objects in {@code calls} do. */
    public static void putCalls(Encoder e, List<Call> calls) {
        e.putInt(calls.size());
        for (Call call : calls) {
            e.putInt(call.index()).putString(call.method()).putBoolean(call.mustReject())
                    .putBoolean(call.timedOnly()).putInt(call.args().size());
            for (Arg arg : call.args()) {
                putArg(e, arg);
            }
        }
    }

    private static void putArg(Encoder e, Arg arg) {
        if (arg instanceof Arg.Int i) {
            e.putByte(ArgTag.INT.ordinal()).putInt(i.value());
        } else if (arg instanceof Arg.Real r) {
            e.putByte(ArgTag.REAL.ordinal()).putLong(Double.doubleToRawLongBits(r.value()));
        } else if (arg instanceof Arg.Bool b) {
            e.putByte(ArgTag.BOOL.ordinal()).putBoolean(b.value());
        } else if (arg instanceof Arg.Ints ints) {
            e.putByte(ArgTag.INTS.ordinal()).putInt(ints.values().length);
            for (int v : ints.values()) {
                e.putInt(v);
            }
        } else if (arg instanceof Arg.Array a) {
            e.putByte(ArgTag.ARRAY.ordinal()).putBoolean(a.writable()).putArray(a.value());
        } else if (arg instanceof Arg.Result r) {
            e.putByte(ArgTag.RESULT.ordinal()).putInt(r.call()).putString(r.part());
        } else {
            e.putByte(ArgTag.NULL.ordinal());
        }
    }

    public static List<Call> getCalls(Decoder d) throws ProtocolException {
        int n = d.getInt();
        if (n < 0) {
            throw new ProtocolException("negative call count");
        }
        List<Call> calls = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int index = d.getInt();
            String method = d.getString();
            boolean mustReject = d.getBoolean();
            boolean timedOnly = d.getBoolean();
            int count = d.getInt();
            if (method == null || count < 0) {
                throw new ProtocolException("malformed call");
            }
            List<Arg> args = new ArrayList<>(Math.min(count, 64));
            for (int k = 0; k < count; k++) {
                args.add(getArg(d));
            }
            calls.add(new Call(index, method, args, mustReject, timedOnly));
        }
        return calls;
    }

    private static Arg getArg(Decoder d) throws ProtocolException {
        return switch (tag(ArgTag.values(), d.getByte(), "argument")) {
            case INT -> new Arg.Int(d.getInt());
            case REAL -> new Arg.Real(Double.longBitsToDouble(d.getLong()));
            case BOOL -> new Arg.Bool(d.getBoolean());
            case INTS -> {
                int n = d.getInt();
                if (n < 0 || n > d.remaining() / 4) {
                    throw new ProtocolException("malformed int array");
                }
                int[] values = new int[n];
                for (int k = 0; k < n; k++) {
                    values[k] = d.getInt();
                }
                yield new Arg.Ints(values);
            }
            case ARRAY -> {
                boolean writable = d.getBoolean();
                INDArray a = d.getArray();
                yield a == null ? Arg.Null.NULL : new Arg.Array(a, writable);
            }
            case RESULT -> new Arg.Result(d.getInt(), orEmpty(d.getString()));
            case NULL -> Arg.Null.NULL;
        };
    }

    public static void putOutcome(Encoder e, CallOutcome outcome) {
        if (outcome instanceof CallOutcome.Completed) {
            e.putByte(OutcomeTag.COMPLETED.ordinal());
        } else if (outcome instanceof CallOutcome.Returned r) {
            e.putByte(OutcomeTag.RETURNED.ordinal()).putInt(r.arrays().size());
            for (Map.Entry<String, Tensor> a : r.arrays().entrySet()) {
                e.putString(a.getKey()).putTensor(a.getValue());
            }
            e.putInt(r.numbers().size());
            for (Map.Entry<String, long[]> n : r.numbers().entrySet()) {
                e.putString(n.getKey()).putLongs(n.getValue());
            }
        } else if (outcome instanceof CallOutcome.Threw t) {
            e.putByte(OutcomeTag.THREW.ordinal()).putString(t.type()).putString(t.message()).putString(t.where())
                    .putBoolean(t.illegalArgument());
        } else if (outcome instanceof CallOutcome.Unusable u) {
            e.putByte(OutcomeTag.UNUSABLE.ordinal()).putString(u.why());
        } else {
            e.putByte(OutcomeTag.NOT_RUN.ordinal()).putString(((CallOutcome.NotRun) outcome).why());
        }
    }

    public static CallOutcome getOutcome(Decoder d) throws ProtocolException {
        return switch (tag(OutcomeTag.values(), d.getByte(), "outcome")) {
            case COMPLETED -> new CallOutcome.Completed();
            case RETURNED -> {
                Map<String, Tensor> arrays = new LinkedHashMap<>();
                int n = d.getInt();
                for (int k = 0; k < n; k++) {
                    String name = d.getString();
                    Tensor t = d.getTensor();
                    if (name == null || t == null || arrays.put(name, t) != null) {
                        throw new ProtocolException("malformed result array");
                    }
                }
                Map<String, long[]> numbers = new LinkedHashMap<>();
                int m = d.getInt();
                for (int k = 0; k < m; k++) {
                    String name = d.getString();
                    long[] v = d.getLongs();
                    if (name == null || v == null || numbers.put(name, v) != null) {
                        throw new ProtocolException("malformed result numbers");
                    }
                }
                if (n < 0 || m < 0) {
                    throw new ProtocolException("malformed result");
                }
                yield new CallOutcome.Returned(arrays, numbers);
            }
            case THREW -> new CallOutcome.Threw(orEmpty(d.getString()), orEmpty(d.getString()), orEmpty(d.getString()),
                    d.getBoolean());
            case UNUSABLE -> new CallOutcome.Unusable(orEmpty(d.getString()));
            case NOT_RUN -> new CallOutcome.NotRun(orEmpty(d.getString()));
        };
    }

    private static <T extends Enum<T>> T tag(T[] values, int tag, String what) throws ProtocolException {
        if (tag >= values.length) {
            throw new ProtocolException("bad " + what + " tag " + tag);
        }
        return values[tag];
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
