package io.github.kvkit.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's rule for every track: a call leaves each array argument it was not allowed to write into
 * ({@link Arg.Array#writable()}) bit-for-bit as it was. Wraps a track's executor; each array argument is
 * fingerprinted before and after the call, and a call that returned a result carries the indices of the
 * arguments that changed under {@link #CHANGED} (a fact: the parent judges it).
 */
public final class ArgumentGuard implements TrackHarness.CaseExecutor {

    /** The numbers entry of a {@link CallOutcome.Returned}: indices of the protected arguments that changed. */
    public static final String CHANGED = "args.changed";

    private final TrackHarness.CaseExecutor executor;

    public ArgumentGuard(TrackHarness.CaseExecutor executor) {
        this.executor = executor;
    }

    @Override
    public void prepare(List<Call> calls) {
        executor.prepare(calls);
    }

    @Override
    public CallOutcome execute(Call call) {
        long[] before = digests(call);
        CallOutcome outcome = executor.execute(call);
        if (!(outcome instanceof CallOutcome.Returned r) || r.numbers().containsKey(CHANGED)) {
            return outcome;
        }
        long[] after = digests(call);
        List<Long> changed = new ArrayList<>();
        for (int i = 0; i < before.length; i++) {
            if (before[i] != after[i]) {
                changed.add((long) i);
            }
        }
        Map<String, long[]> numbers = new LinkedHashMap<>(r.numbers());
        numbers.put(CHANGED, changed.stream().mapToLong(Long::longValue).toArray());
        return new CallOutcome.Returned(r.arrays(), numbers);
    }

    @Override
    public long lastCallNanos() {
        return executor.lastCallNanos();
    }

    @Override
    public Throwable lastThrown() {
        return executor.lastThrown();
    }

    /** A fingerprint per argument: its array's if it is protected, else 0. */
    private static long[] digests(Call call) {
        long[] out = new long[call.args().size()];
        for (int i = 0; i < out.length; i++) {
            if (call.arg(i) instanceof Arg.Array a && !a.writable()) {
                out[i] = Digest.of(a.value());
            }
        }
        return out;
    }
}
