package io.github.kvkit.tracks.kv.harness;

import io.github.kvkit.harness.Arg;
import io.github.kvkit.harness.Call;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * The kv-attention track's calls, typed: what its planner makes, its reference and the candidate's JVM run, and
 * its checks read. On the wire each is a track-neutral {@link Call} ({@link #toCall()}, {@link #of(Call)}).
 */
public sealed interface KvCall {

    int index();

    /** Whether the call must throw {@link IllegalArgumentException}. */
    boolean mustReject();

    /** The same call in the engine's track-neutral form. */
    Call toCall();

    /** Constructs the candidate; the first call (index 0) builds the instance every later call uses. */
    record Construct(int index, int dModel, int numHeads, int maxCacheLen, boolean mustReject) implements KvCall {
        static final String METHOD = "construct";

        @Override
        public Call toCall() {
            return new Call(index, METHOD, List.of(new Arg.Int(dModel), new Arg.Int(numHeads), new Arg.Int(maxCacheLen)),
                    mustReject);
        }
    }

    /** {@code loadWeights} with these arrays, or {@code null} arrays to pass {@code null} weights. */
    record LoadWeights(int index, INDArray[] weights, boolean mustReject) implements KvCall {
        static final String METHOD = "loadWeights";

        @Override
        public Call toCall() {
            List<Arg> args = new ArrayList<>();
            if (weights != null) {
                for (INDArray w : weights) {
                    args.add(array(w));
                }
            }
            return new Call(index, METHOD, args, mustReject);
        }
    }

    /**
     * {@code forward}. When {@code keyIsQuery}/{@code valueIsQuery} the query object itself is passed as
     * key/value, as self-attention code does. In its {@link #toCall() neutral form} the arguments are, by index:
     * 0 query, 1 key, 2 value, 3 keyIsQuery, 4 valueIsQuery, 5 the cache returned by an earlier call, 6 and 7 an
     * explicit cache's key and value, 8 causal, 9 fullCapture; reports name them so (KvPlan.argumentName).
     *
     * @param cacheFromCall  the call whose returned cache is passed, or -1
     * @param cacheKey       explicit cache arrays (used when cacheFromCall is -1 and either is non-null)
     * @param fullCapture    send back the whole cache and digest the weights; otherwise only the last
     *                       {@code key.size(1)} cache rows (enough to see what this call appended)
     */
    record Forward(int index, INDArray query, INDArray key, INDArray value, boolean keyIsQuery,
                   boolean valueIsQuery, int cacheFromCall, INDArray cacheKey, INDArray cacheValue,
                   boolean causal, boolean fullCapture, boolean mustReject) implements KvCall {
        static final String METHOD = "forward";

        @Override
        public Call toCall() {
            return new Call(index, METHOD, List.of(array(query), array(key), array(value), new Arg.Bool(keyIsQuery),
                    new Arg.Bool(valueIsQuery), cacheFromCall >= 0 ? new Arg.Result(cacheFromCall, "cache") : Arg.Null.NULL,
                    array(cacheKey), array(cacheValue), new Arg.Bool(causal), new Arg.Bool(fullCapture)), mustReject);
        }
    }

    /**
     * The typed call a track-neutral one stands for.
     *
     * @throws IllegalArgumentException when it is not one of this track's calls
     */
    static KvCall of(Call c) {
        try {
            return switch (c.method()) {
                case Construct.METHOD -> new Construct(c.index(), c.intArg(0), c.intArg(1), c.intArg(2), c.mustReject());
                case LoadWeights.METHOD -> {
                    INDArray[] weights = null;
                    if (!c.args().isEmpty()) {
                        weights = new INDArray[c.args().size()];
                        for (int i = 0; i < weights.length; i++) {
                            weights[i] = c.arrayArg(i);
                        }
                    }
                    yield new LoadWeights(c.index(), weights, c.mustReject());
                }
                case Forward.METHOD -> new Forward(c.index(), c.arrayArg(0), c.arrayArg(1), c.arrayArg(2), c.boolArg(3),
                        c.boolArg(4), c.arg(5) instanceof Arg.Result r ? r.call() : -1, c.arrayArg(6), c.arrayArg(7),
                        c.boolArg(8), c.boolArg(9), c.mustReject());
                default -> throw new IllegalArgumentException("no kv-attention call named " + c.method());
            };
        } catch (ClassCastException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("malformed kv-attention call " + c.method() + ": " + e.getMessage(), e);
        }
    }

    private static Arg array(INDArray a) {
        return a == null ? Arg.Null.NULL : new Arg.Array(a);
    }
}
